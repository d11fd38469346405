import { expect } from 'vitest';
import type { SqlStore } from '../../src/store/index.js';
import type { Driver } from '../../src/store/driver.js';
import { article, quote } from '../store-suite.js';

/**
 * Stores as older rules left them, for the tests of the start-up corrections: written with the
 * current code, then rows rewritten as the old rule had them, with the old version stamp.
 */

export const dbOf = (store: SqlStore): Driver => (store as unknown as { db: Driver }).db;

export const NO_PLANS = 'We have no plans to close the harbour bridge before the summer season, and the engineers have told me it is safe';
export const PLANS = NO_PLANS.replace('no plans', 'plans');
export const EXCERPT = 'before the summer season, and the engineers have told me it is safe';
export const MONEY = 'The council has set aside $4 million for the harbour this year, and every penny of it will go to the north pier';
export const SAME = 'The President and the foreign minister reviewed a range of common threats to both countries in the region';

export async function clusterOf(store: SqlStore, articleId: string): Promise<string> {
  return (await store.getStatements(articleId))[0]!.clusterId;
}

/** Clusters as the rule before session 6 stored them: versions of a quote merged into one. */
export async function writeOldClusters(store: SqlStore): Promise<void> {
  const rows: Array<[string, string]> = [
    ['c1', NO_PLANS],
    ['c2', NO_PLANS.toUpperCase()],
    ['c3', PLANS],
    ['c4', EXCERPT],
    ['m1', MONEY],
    ['m2', MONEY.replace('$4 million', '$40 million')],
    ['s1', SAME],
    ['s2', SAME.toLowerCase()],
  ];
  for (const [id, q] of rows) await store.upsertArticle(article(id), [quote(q, 'Ruth Calder')]);
  const db = dbOf(store);
  await db.query("UPDATE statements SET cluster_id = 'c1:0' WHERE article_id IN ('c1', 'c2', 'c3', 'c4')");
  await db.query("UPDATE statements SET cluster_id = 'm1:0' WHERE article_id IN ('m1', 'm2')");
  // Stores from before the version existed have no stamp at all.
  await db.query("DELETE FROM store_meta WHERE key = 'cluster_rules'");
}

/** Speakers as the rule before session 6 stored them: a bare "Reed" left merged into Tom Reed. */
export async function writeOldSpeakers(store: SqlStore): Promise<void> {
  // Current rules: "Reed" merges into Tom Reed (the only Reed), and out again when Jo Reed arrives.
  await store.upsertArticle(article('bare'), [quote('Nobody is going out until the survey is done', 'Reed')]);
  await store.upsertArticle(article('tom'), [quote('I warned the council three times about the pier', 'Tom Reed')]);
  await store.upsertArticle(article('jo'), [quote('The harbour will reopen on Monday at the earliest', 'Jo Reed')]);
  expect(Object.fromEntries((await store.speakers()).filter((s) => s.name.includes('Reed')).map((s) => [s.name, s.statements]))).toEqual({ Reed: 1, 'Tom Reed': 1, 'Jo Reed': 1 });
  const db = dbOf(store);
  const id = async (name: string): Promise<number> => Number((await db.query<{ id: number }>('SELECT id FROM speakers WHERE name = $1', [name]))[0]!.id);
  const [reed, tom] = [await id('Reed'), await id('Tom Reed')];
  await db.query('UPDATE statements SET speaker_id = $1 WHERE speaker_id = $2', [tom, reed]);
  await db.query('UPDATE speaker_aliases SET speaker_id = $1 WHERE speaker_id = $2', [tom, reed]);
  await db.query('UPDATE speakers SET statement_count = 2 WHERE id = $1', [tom]);
  await db.query('DELETE FROM speakers WHERE id = $1', [reed]);
  await db.query("UPDATE store_meta SET value = 'generic-descriptions-v1' WHERE key = 'speaker_rules'");
}

