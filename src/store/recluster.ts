import type { Queryable } from './driver.js';
import { reclusterMembers } from './clusters.js';
import { chunks, INSERT_CHUNK, statementId } from './rows.js';

/**
 * Re-clustering a store whose clusters were made under an older rule (CLUSTER_RULES_VERSION), from
 * the stored statements, inside the caller's write transaction: the caller stamps the version in the
 * same transaction, so a crash leaves the old clusters and the old stamp, and the next start runs it
 * again; a finished run leaves nothing to do for the next one.
 */

/** Stored clusters handled per round trip (their members are read in one query). */
const CLUSTERS_PER_ROUND = 1000;

export interface ReclusterResult {
  /** Statements whose cluster changed (for the change feed: the index holds each one's cluster). */
  touched: string[];
  /** The clusters split and the ones split off (their sizes changed). */
  clusters: string[];
}

export async function reclusterStored(tx: Queryable): Promise<ReclusterResult> {
  // Only clusters with a member named after another statement span more than one statement, and
  // only those holding two different quotes can hold two versions of one.
  const candidates = await tx.query<{ cluster_id: string }>(
    `SELECT cluster_id FROM statements
     WHERE quote IS NOT NULL AND cluster_id IN (SELECT cluster_id FROM statements WHERE cluster_id <> article_id || ':' || ordinal)
     GROUP BY cluster_id HAVING count(DISTINCT quote) > 1 ORDER BY cluster_id`,
  );
  const touched: string[] = [];
  const clusters = new Set<string>();
  for (const part of chunks(candidates.map((c) => c.cluster_id), CLUSTERS_PER_ROUND)) {
    // In the order they were stored: the order the rule met them in at ingest.
    const rows = await tx.query<{ article_id: string; ordinal: number; cluster_id: string; quote: string | null }>(
      `SELECT article_id, ordinal, cluster_id, quote FROM statements WHERE cluster_id = ANY($1::text[])
       ORDER BY ingested_at, article_id, ordinal`,
      [part],
    );
    const byCluster = new Map<string, Array<{ id: string; quote: string | null }>>();
    for (const r of rows) {
      const list = byCluster.get(r.cluster_id) ?? [];
      list.push({ id: statementId(r.article_id, Number(r.ordinal)), quote: r.quote });
      byCluster.set(r.cluster_id, list);
    }
    // A split-off part is named after one of its statements; never after one that already names
    // another cluster (a label is normally one of its own members, but nothing enforces it).
    const where = new Map(rows.map((r) => [statementId(r.article_id, Number(r.ordinal)), [r.article_id, Number(r.ordinal)] as const]));
    const ids = [...where.keys()];
    const taken = new Set<string>();
    for (const idPart of chunks(ids, 20_000)) {
      // Including the clusters' own names: those stay with the part holding the named statement.
      const used = await tx.query<{ cluster_id: string }>('SELECT DISTINCT cluster_id FROM statements WHERE cluster_id = ANY($1::text[])', [idPart]);
      for (const u of used) taken.add(u.cluster_id);
    }
    const moves: Array<[string, number, string]> = [];
    for (const [label, members] of byCluster) {
      const changes = reclusterMembers(label, members, taken);
      if (!changes.size) continue;
      clusters.add(label);
      for (const [id, to] of changes) {
        const [articleId, ordinal] = where.get(id)!;
        moves.push([articleId, ordinal, to]);
        touched.push(id);
        clusters.add(to);
      }
    }
    for (const m of chunks(moves, INSERT_CHUNK)) {
      await tx.query(
        `UPDATE statements s SET cluster_id = m.c FROM unnest($1::text[], $2::int[], $3::text[]) AS m(a, o, c)
         WHERE s.article_id = m.a AND s.ordinal = m.o`,
        [m.map((x) => x[0]), m.map((x) => x[1]), m.map((x) => x[2])],
      );
    }
  }
  return { touched, clusters: [...clusters] };
}
