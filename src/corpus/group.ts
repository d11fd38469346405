import type { IndexedStatement, SearchHit } from '../search/types.js';
import type { StatementKind } from '../domain/statement.js';

/**
 * One result per quote cluster. The same quote in three articles is one answer ("reported in 3
 * articles"), represented by its best hit: the best score, and among near-equal scores an
 * attributed, direct one — so "who said it didn't happen" shows McMaster's attributed sentence,
 * not a repetition of the words without a speaker.
 */
export interface RankInput {
  hit: SearchHit;
  doc: IndexedStatement;
  /** Distinct articles in the hit's cluster (1 when alone). */
  clusterSize: number;
}

/** Scores closer than this are "equally relevant": kind, attribution and corroboration decide. */
export const SCORE_TIE = 0.02;

const KIND_ORDER: Record<StatementKind, number> = { direct: 0, mixed: 1, indirect: 2, statement: 3 };

function bucket(score: number): number {
  return Math.round(score / SCORE_TIE);
}

function better(a: RankInput, b: RankInput): number {
  return (
    bucket(a.hit.score) - bucket(b.hit.score) ||
    Number(!a.doc.speaker) - Number(!b.doc.speaker) ||
    KIND_ORDER[a.doc.kind] - KIND_ORDER[b.doc.kind] ||
    a.hit.score - b.hit.score
  );
}

/**
 * Relevance first, then direct quotes before reported speech, then corroboration; one entry per
 * cluster, best representative kept.
 */
export function groupByCluster(inputs: readonly RankInput[]): RankInput[] {
  const best = new Map<string, RankInput>();
  for (const r of inputs) {
    const cur = best.get(r.doc.clusterId);
    if (!cur || better(r, cur) < 0) best.set(r.doc.clusterId, r);
  }
  return [...best.values()].sort(
    (a, b) =>
      bucket(a.hit.score) - bucket(b.hit.score) ||
      KIND_ORDER[a.doc.kind] - KIND_ORDER[b.doc.kind] ||
      b.clusterSize - a.clusterSize ||
      Number(!a.doc.speaker) - Number(!b.doc.speaker) ||
      a.hit.score - b.hit.score ||
      a.hit.id.localeCompare(b.hit.id),
  );
}
