import type { IndexedStatement, SearchHit } from './types.js';

/**
 * Scores closer than this count as equally relevant, so that kind and corroboration can order
 * them. fuse.js scores are products of per-field powers: differences under 0.02 are noise of
 * field length, not of how well the words match.
 */
export const RELEVANCE_BAND = 0.02;

export interface RankContext {
  /** The indexed statement behind a hit (`index.get`). */
  statement(id: string): IndexedStatement | undefined;
  /** Distinct articles reporting the quote cluster (1 when alone). */
  clusterSize(clusterId: string): number;
}

export interface RankedResult {
  /** The best hit of its quote cluster: the one to show. */
  hit: SearchHit;
  statement: IndexedStatement;
  /** Distinct articles with this quote, from the store (at least 1). */
  clusterSize: number;
  /** Every hit of this cluster in the results, best first (the shown one included). */
  members: SearchHit[];
}

function kindRank(s: IndexedStatement): number {
  // Direct quotes before mixed before reported speech before plain statements. A quoted fragment
  // of a word or two ("called it “agonising”") says less than a whole quote or a reported clause:
  // it comes after them when relevance does not decide (a speaker's statements listed whole).
  switch (s.kind) {
    case 'direct':
      return s.quote !== null && s.quote.trim().split(/\s+/).length < 3 ? 2.5 : 0;
    case 'mixed':
      return 1;
    case 'indirect':
      return 2;
    default:
      return 3;
  }
}

/**
 * Orders hits for people: relevance first (in bands of RELEVANCE_BAND), then direct quotes before
 * reported speech, then corroboration (bigger clusters first), then the index's order. One result
 * per quote cluster: the best member stands for the cluster. Hits whose statement is unknown are
 * dropped.
 */
export function rankResults(hits: readonly SearchHit[], ctx: RankContext): RankedResult[] {
  const groups = new Map<string, RankedResult>();
  const order: RankedResult[] = [];
  hits.forEach((hit) => {
    const statement = ctx.statement(hit.id);
    if (!statement) return;
    const key = statement.clusterId || statement.id;
    const group = groups.get(key);
    if (group) {
      group.members.push(hit);
      if (better(hit, statement, group.hit, group.statement)) {
        group.hit = hit;
        group.statement = statement;
      }
      return;
    }
    const created: RankedResult = {
      hit,
      statement,
      clusterSize: Math.max(1, ctx.clusterSize(key)),
      members: [hit],
    };
    groups.set(key, created);
    order.push(created);
  });
  const position = new Map(order.map((g, i) => [g, i]));
  for (const g of order) g.members.sort((a, b) => a.score - b.score);
  return order.sort(
    (a, b) =>
      band(a.hit.score) - band(b.hit.score) ||
      kindRank(a.statement) - kindRank(b.statement) ||
      b.clusterSize - a.clusterSize ||
      a.hit.score - b.hit.score ||
      position.get(a)! - position.get(b)!,
  );
}

function band(score: number): number {
  return Math.floor(score / RELEVANCE_BAND);
}

function better(h: SearchHit, s: IndexedStatement, bestHit: SearchHit, bestStatement: IndexedStatement): boolean {
  return (
    band(h.score) < band(bestHit.score) ||
    (band(h.score) === band(bestHit.score) && kindRank(s) < kindRank(bestStatement))
  );
}
