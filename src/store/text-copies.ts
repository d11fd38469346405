import type { Statement } from '../domain/statement.js';
import type { Article } from '../domain/article.js';
import type { Queryable } from './driver.js';
import { chunks, INSERT_CHUNK, statementId } from './rows.js';

/**
 * Syndicated copy: one wire story printed word for word by several sites is several articles with
 * one text (`text_hash`), and one report. Their quotes share a cluster through their keys; their
 * statements without a quote have no keys, so each copy's sentence was a result of its own ("3
 * articles report …" for one report). Such a statement joins the cluster of the statement at the
 * same place in the copy stored first (same words, no quote either), so search shows it once and
 * getCluster names every site that carried it (ClusterMember.copies).
 */

interface Target {
  clusterId: string;
  text: string;
  quote: string | null;
}

/**
 * At ingest, inside the write transaction, after the articles' rows are written and the quotes
 * clustered: moves the new statements without a quote of each article that is a copy into the
 * clusters of the copy's. The copy joined is a stored one (earliest stored first), else the first
 * of its text in this batch. Changes `clusterOf` in place.
 */
export async function joinTextCopies(
  tx: Queryable,
  items: ReadonlyArray<{ article: Article; statements: readonly Statement[] }>,
  clusterOf: Map<string, string>,
): Promise<void> {
  const withPlain = items.filter((i) => i.statements.some((s) => s.quote === null));
  if (!withPlain.length) return;
  const batchOrder = new Map(items.map((i, n) => [i.article.id, n]));
  const copies = new Map<string, string[]>();
  for (const part of chunks(withPlain.map((i) => i.article.id), INSERT_CHUNK)) {
    const rows = await tx.query<{ id: string; copy: string }>(
      `SELECT n.id, o.id AS copy FROM articles n JOIN articles o ON o.text_hash = n.text_hash AND o.id <> n.id
       WHERE n.id = ANY($1::text[]) ORDER BY o.ingested_at, o.id`,
      [part],
    );
    for (const r of rows) copies.set(r.id, [...(copies.get(r.id) ?? []), r.copy]);
  }
  if (!copies.size) return;
  const byId = new Map(items.map((i) => [i.article.id, i]));
  // The copy each article joins: one stored before this batch, else the first of its text here.
  const targetOf = new Map<string, string>();
  for (const [id, list] of copies) {
    const stored = list.find((c) => !batchOrder.has(c));
    const earlier = list.filter((c) => (batchOrder.get(c) ?? Infinity) < batchOrder.get(id)!).sort((a, b) => batchOrder.get(a)! - batchOrder.get(b)!)[0];
    const target = stored ?? earlier;
    if (target) targetOf.set(id, target);
  }
  const storedTargets = [...new Set([...targetOf.values()].filter((t) => !batchOrder.has(t)))];
  const targets = new Map<string, Map<number, Target>>();
  for (const part of chunks(storedTargets, INSERT_CHUNK)) {
    const rows = await tx.query<{ article_id: string; ordinal: number; cluster_id: string; text: string; quote: string | null }>(
      'SELECT article_id, ordinal, cluster_id, text, quote FROM statements WHERE article_id = ANY($1::text[]) AND quote IS NULL',
      [part],
    );
    for (const r of rows) {
      const m = targets.get(r.article_id) ?? new Map<number, Target>();
      m.set(Number(r.ordinal), { clusterId: r.cluster_id, text: r.text, quote: r.quote });
      targets.set(r.article_id, m);
    }
  }
  const targetStatement = (articleId: string, i: number): Target | undefined => {
    const inBatch = byId.get(articleId);
    if (!inBatch) return targets.get(articleId)?.get(i);
    const s = inBatch.statements[i];
    return s ? { clusterId: clusterOf.get(statementId(articleId, i))!, text: s.text, quote: s.quote } : undefined;
  };
  for (const [id, target] of targetOf) {
    byId.get(id)!.statements.forEach((s, i) => {
      if (s.quote !== null) return;
      const t = targetStatement(target, i);
      if (t && t.quote === null && t.text === s.text) clusterOf.set(statementId(id, i), t.clusterId);
    });
  }
}

/**
 * For a store written before the rule (CLUSTER_RULES_VERSION 'text-copies-v1'), inside the
 * caller's write transaction: the statements without a quote of every stored copy join the
 * clusters of the same statements in the copy stored first. Returns the statements moved and
 * the clusters they joined, for the change feed.
 */
export async function joinStoredTextCopies(tx: Queryable): Promise<{ touched: string[]; clusters: string[] }> {
  const rows = await tx.query<{ article_id: string; ordinal: number; cluster_id: string }>(
    `WITH anchor AS (
       SELECT DISTINCT ON (a.text_hash) a.text_hash, a.id FROM articles a
       WHERE a.text_hash IN (SELECT text_hash FROM articles GROUP BY text_hash HAVING count(*) > 1)
       ORDER BY a.text_hash, a.ingested_at, a.id
     ), moves AS (
       SELECT s.article_id, s.ordinal, t.cluster_id
       FROM anchor an
       JOIN articles a ON a.text_hash = an.text_hash AND a.id <> an.id
       JOIN statements s ON s.article_id = a.id AND s.quote IS NULL
       JOIN statements t ON t.article_id = an.id AND t.ordinal = s.ordinal AND t.quote IS NULL AND t.text = s.text
       WHERE s.cluster_id <> t.cluster_id
     )
     UPDATE statements s SET cluster_id = m.cluster_id FROM moves m
     WHERE s.article_id = m.article_id AND s.ordinal = m.ordinal
     RETURNING s.article_id, s.ordinal, s.cluster_id`,
  );
  return {
    touched: rows.map((r) => statementId(r.article_id, Number(r.ordinal))),
    clusters: [...new Set(rows.map((r) => r.cluster_id))],
  };
}
