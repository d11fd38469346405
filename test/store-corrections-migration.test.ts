import { afterAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { SqlStore } from '../src/store/index.js';
import { pgDriver } from '../src/store/driver-pg.js';
import { pgliteDriver } from '../src/store/driver-pglite.js';
import type { Driver } from '../src/store/driver.js';
import { loadMigrations, migrate } from '../src/store/migrate.js';
import { createTestDatabase, testDatabaseSkipReason, testDatabaseUrl } from './setup/pg.js';
import { article, fakeClock, quote } from './store-suite.js';

/**
 * Migration 015 (when an article's text last changed, and which statements a correction brought
 * in) on a database written before it, on both engines: the rows stored before are not taken for
 * corrections, and the first correction after the upgrade is recorded as one.
 */

const TEXT = 'The pier will be finished by spring, Anil Vaswani said.';

async function upgradeFrom014(driver: Driver): Promise<void> {
  const all = loadMigrations();
  expect(all.some((m) => m.version === 15)).toBe(true);
  await migrate(driver, all.filter((m) => m.version <= 14));
  // An article and its quote as the store wrote them before 015 (two days before "now").
  await driver.exec(
    `INSERT INTO articles (id, title, outlet, url, published, author, body, source, content_hash, statement_count, ingested_at, updated_at, text_hash, statements_hash)
     VALUES ('pier', 'Title pier', 'Associated Press', 'https://example.test/pier', NULL, NULL, '${TEXT}', 'pier.txt', 'old-hash', 1,
       '2026-02-27T09:00:00Z', '2026-02-28T09:00:00Z', md5('${TEXT}'), NULL);
     INSERT INTO statements (article_id, ordinal, text, kind, quote, speaker_raw, start_pos, end_pos, paragraph, cluster_id, ingested_at)
     VALUES ('pier', 0, '"The pier will be finished by spring," Anil Vaswani said.', 'direct', 'The pier will be finished by spring',
       'Anil Vaswani', 0, 10, 0, 'pier:0', '2026-02-27T09:00:00Z');`,
  );
  expect(await migrate(driver)).toEqual(all.filter((m) => m.version > 14).map((m) => m.version));
}

async function checkUpgraded(driver: Driver): Promise<void> {
  await upgradeFrom014(driver);
  const clock = fakeClock();
  const store = new SqlStore(driver, clock.now);
  await store.start();
  try {
    const [before] = await store.listArticles();
    expect(before).toMatchObject({ id: 'pier', ingestedAt: '2026-02-27T09:00:00.000Z', textChangedAt: null });
    expect(await store.listArticles({ changedSince: new Date(0) })).toEqual([]);
    expect((await store.changedStatements(['pier'], new Date(0))).size).toBe(0);

    // The first correction after the upgrade is one (same id: a page fetched again).
    const corrected = TEXT.replace('spring', 'summer');
    const r = await store.upsertArticle(article('pier', { text: corrected, contentHash: 'new-hash' }), [
      quote('The pier will be finished by summer', 'Anil Vaswani'),
    ]);
    expect(r.status).toBe('updated');
    const [after] = await store.listArticles({ changedSince: new Date(0) });
    expect(after).toMatchObject({ id: 'pier', ingestedAt: '2026-02-27T09:00:00.000Z', textChangedAt: clock.now().toISOString() });
    expect((await store.changedStatements(['pier'], new Date(0))).get('pier')!.map((s) => s.quote)).toEqual([
      'The pier will be finished by summer',
    ]);
  } finally {
    await store.close();
  }
}

describe('migration 015 on PGlite', () => {
  it('an article stored before it is no correction; the first correction after it is', async () => {
    await checkUpgraded(pgliteDriver(await PGlite.create()));
  }, 60_000);
});

const url = testDatabaseUrl();
if (!url) console.log(`store-corrections-migration: PostgreSQL part skipped: ${testDatabaseSkipReason()}`);

describe.skipIf(!url)('migration 015 on PostgreSQL', () => {
  const drops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const d of drops) await d().catch(() => undefined);
  });
  it('an article stored before it is no correction; the first correction after it is', async () => {
    const db = await createTestDatabase(url);
    drops.push(db.drop);
    await checkUpgraded(pgDriver(db.url));
  }, 60_000);
});
