/**
 * Quote clusters: the same quote in several articles is one cluster. Statements bring the keys of
 * their quote (src/extract/quote-keys.ts); a statement joins every cluster it shares enough keys
 * with, merging them. "Enough" is two keys, or one when either side is a short quote with fewer
 * keys: a single shared shingle between two long quotes is more often a stock phrase than the same
 * words. Keys that are shared count only between quotes that agree on their negations and numbers
 * (compatibleQuotes): "we have no plans" and "we have plans", "$4 million" and "$40 million" share
 * nearly every key, and counting one as corroborating the other would tell a fact-checker the
 * opposite of what the articles say.
 */
import { compatibleQuotes, normaliseQuoteWords, quoteKeys } from '../extract/quote-keys.js';

/**
 * The rule clusters were made by. Bump it when a change to assignClusters or compatibleQuotes can
 * split what the previous rule joined: at start a store stamped with another version re-clusters
 * its stored clusters (recluster.ts), so corroboration counts never wait for a re-ingest.
 * 'compatible-quotes-v1': quotes that differ in a negation or a number are two clusters (QA 6b C1).
 * 'text-copies-v1': the statements without a quote of articles with the same text (syndicated
 * copy) share clusters (text-copies.ts, QA 8, 26); a store stamped before joins its copies' once.
 */
export const CLUSTER_RULES_VERSION = 'text-copies-v1';

/** A stored statement that has a key: the cluster it is in and how many keys it has. */
export interface KeyOwner {
  clusterId: string;
  nKeys: number;
  /** The statement's quote, to check that shared keys mean the same words (absent: not checked). */
  quote?: string | null;
}

export interface ClusterInput {
  id: string;
  keys: readonly string[];
  quote?: string | null;
}

export interface ClusterAssignment {
  /** Statement id → its cluster label. */
  clusterOf: Map<string, string>;
  /** Existing cluster label → the label it merges into. */
  merges: Map<string, string>;
}

class UnionFind {
  private parent = new Map<string, string>();
  find(x: string): string {
    let root = x;
    for (let p = this.parent.get(root); p !== undefined && p !== root; p = this.parent.get(root)) root = p;
    // Path compression keeps long merge chains cheap.
    for (let cur = x; cur !== root; ) {
      const next = this.parent.get(cur)!;
      this.parent.set(cur, root);
      cur = next;
    }
    return root;
  }
  add(x: string): void {
    if (!this.parent.has(x)) this.parent.set(x, x);
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

/**
 * Assigns clusters to new statements (in order) given the stored statements that own their keys.
 * A cluster keeps an existing label when it has one (the smallest, when several merge); a cluster
 * made only of new statements is labelled by its first statement, so a lone statement's cluster id
 * is its own id.
 */
export function assignClusters(
  statements: readonly ClusterInput[],
  existing: ReadonlyMap<string, readonly KeyOwner[]>,
): ClusterAssignment {
  const steps = clusterSteps(statements, existing);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * assignClusters, awaiting `pause` after every `every` statements: a long article's thousands of
 * quotes, each compared with the stored versions of it, are seconds of work on the bot's thread.
 */
export async function assignClustersInParts(
  statements: readonly ClusterInput[],
  existing: ReadonlyMap<string, readonly KeyOwner[]>,
  every: number,
  pause: () => Promise<void>,
): Promise<ClusterAssignment> {
  const steps = clusterSteps(statements, existing);
  for (let i = 1; ; i++) {
    const r = steps.next();
    if (r.done) return r.value;
    if (i % Math.max(1, every) === 0) await pause();
  }
}

/** assignClusters one statement at a time (a step before each). */
function* clusterSteps(
  statements: readonly ClusterInput[],
  existing: ReadonlyMap<string, readonly KeyOwner[]>,
): Generator<void, ClusterAssignment, void> {
  const uf = new UnionFind();
  const existingLabels = new Set<string>();
  const owners = new Map<string, Array<{ node: string; nKeys: number; quote: string | null }>>();
  for (const [key, list] of existing) {
    const mine: Array<{ node: string; nKeys: number; quote: string | null }> = [];
    for (const o of list) {
      uf.add(o.clusterId);
      existingLabels.add(o.clusterId);
      mine.push({ node: o.clusterId, nKeys: o.nKeys, quote: o.quote ?? null });
    }
    owners.set(key, mine);
  }
  // A quote repeated in many articles meets the same owner quotes again and again.
  const verdicts = new Map<string, boolean>();
  const agree = (a: string | null | undefined, b: string | null): boolean => {
    if (!a || !b || a === b) return true;
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    let v = verdicts.get(key);
    if (v === undefined) verdicts.set(key, (v = compatibleQuotes(a, b)));
    return v;
  };

  for (const s of statements) {
    yield;
    uf.add(s.id);
    const keys = [...new Set(s.keys)];
    const n = keys.length;
    if (!n) continue;
    const shared = new Map<string, { count: number; minKeys: number; conflict: boolean; quote: string | null }>();
    for (const k of keys) {
      const seen = new Map<string, { nKeys: number; conflict: boolean; quote: string | null }>();
      for (const o of owners.get(k) ?? []) {
        const root = uf.find(o.node);
        const cur = seen.get(root) ?? { nKeys: Number.POSITIVE_INFINITY, conflict: false, quote: null };
        // A cluster holding a version that disagrees (a "no", a figure) is not this quote's,
        // even through an excerpt that agrees with both.
        if (!agree(s.quote, o.quote)) cur.conflict = true;
        else cur.nKeys = Math.min(cur.nKeys, o.nKeys);
        cur.quote ??= o.quote;
        seen.set(root, cur);
      }
      for (const [root, o] of seen) {
        const cur = shared.get(root) ?? { count: 0, minKeys: Number.POSITIVE_INFINITY, conflict: false, quote: o.quote };
        if (o.nKeys !== Number.POSITIVE_INFINITY) cur.count++;
        cur.minKeys = Math.min(cur.minKeys, o.nKeys);
        cur.conflict ||= o.conflict;
        shared.set(root, cur);
      }
    }
    // Most shared keys first; a cluster joins only when it agrees with those already joined (an
    // excerpt that fits two versions must not merge them).
    const joined: Array<string | null> = [];
    const candidates = [...shared].filter(([, c]) => !c.conflict && c.count >= Math.min(2, n, c.minKeys)).sort((a, b) => b[1].count - a[1].count);
    for (const [root, c] of candidates) {
      if (!joined.every((q) => agree(q, c.quote))) continue;
      uf.union(root, s.id);
      joined.push(c.quote);
    }
    for (const k of keys) {
      const list = owners.get(k) ?? [];
      list.push({ node: s.id, nKeys: n, quote: s.quote ?? null });
      owners.set(k, list);
    }
  }

  // Pick each group's label: existing labels first (smallest wins), else the first new statement.
  const label = new Map<string, string>();
  for (const l of existingLabels) {
    const root = uf.find(l);
    const cur = label.get(root);
    if (cur === undefined || l < cur) label.set(root, l);
  }
  for (const s of statements) {
    const root = uf.find(s.id);
    if (!label.has(root)) label.set(root, s.id);
  }

  const clusterOf = new Map<string, string>();
  for (const s of statements) clusterOf.set(s.id, label.get(uf.find(s.id))!);
  const merges = new Map<string, string>();
  for (const l of existingLabels) {
    const to = label.get(uf.find(l))!;
    if (to !== l) merges.set(l, to);
  }
  return { clusterOf, merges };
}

/** A stored statement of one cluster, for re-clustering it under the current rule. */
export interface StoredClusterMember {
  id: string;
  quote: string | null;
}

/** Beyond this many different quotes in one cluster the pairwise pre-check is skipped (it is quadratic). */
const PRECHECK_MAX_QUOTES = 300;

/**
 * Cluster membership under the current rule for the members of one stored cluster, given in the
 * order they were stored. Returns the members whose label changes, with their new label (empty:
 * the cluster stands).
 *
 * Only splits, never merges: the current rule only adds conditions to the one before it (shared
 * keys count between compatible quotes; an excerpt joins one version), so what it would have built
 * is a finer partition of each stored cluster. A cluster whose quotes are all compatible would have
 * been built the same way, so it is left alone: re-running the order-sensitive assignment on it
 * could only change it through the order of arrival, not through the rule.
 *
 * The part holding the statement the cluster is named after keeps the name (the statements that
 * most answers show keep their cluster); every other part is named after its first member, as a
 * cluster made at ingest is, skipping ids already naming another cluster (`taken`). A part with no
 * free id stays in the old cluster rather than merge into someone else's.
 */
export function reclusterMembers(
  label: string,
  members: readonly StoredClusterMember[],
  taken: ReadonlySet<string> = new Set(),
): Map<string, string> {
  const changes = new Map<string, string>();
  if (members.length < 2 || !hasIncompatibleQuotes(members.map((m) => m.quote))) return changes;
  const { clusterOf } = assignClusters(
    members.map((m) => ({ id: m.id, keys: m.quote ? quoteKeys(m.quote) : [], quote: m.quote })),
    new Map(),
  );
  const keeper = clusterOf.get(label) ?? clusterOf.get(members[0]!.id)!;
  const parts = new Map<string, string[]>();
  for (const m of members) {
    const part = clusterOf.get(m.id)!;
    if (part === keeper) continue;
    const ids = parts.get(part);
    if (ids) ids.push(m.id);
    else parts.set(part, [m.id]);
  }
  for (const ids of parts.values()) {
    const name = ids.find((id) => !taken.has(id));
    if (name === undefined) continue;
    for (const id of ids) changes.set(id, name);
  }
  return changes;
}

/** Whether two of these quotes disagree on a negation or a number (their words folded first). */
function hasIncompatibleQuotes(quotes: ReadonlyArray<string | null>): boolean {
  const distinct = new Map<string, string>();
  for (const q of quotes) if (q) distinct.set(normaliseQuoteWords(q).join(' '), q);
  const list = [...distinct.values()];
  if (list.length > PRECHECK_MAX_QUOTES) return true;
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) if (!compatibleQuotes(list[i]!, list[j]!)) return true;
  }
  return false;
}
