/**
 * Quote clusters: the same quote in several articles is one cluster. Statements bring the keys of
 * their quote (src/extract/quote-keys.ts); a statement joins every cluster it shares enough keys
 * with, merging them. "Enough" is two keys, or one when either side is a short quote with fewer
 * keys: a single shared shingle between two long quotes is more often a stock phrase than the same
 * words.
 */

/** A stored statement that has a key: the cluster it is in and how many keys it has. */
export interface KeyOwner {
  clusterId: string;
  nKeys: number;
}

export interface ClusterInput {
  id: string;
  keys: readonly string[];
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
  const uf = new UnionFind();
  const existingLabels = new Set<string>();
  const owners = new Map<string, Array<{ node: string; nKeys: number }>>();
  for (const [key, list] of existing) {
    const mine: Array<{ node: string; nKeys: number }> = [];
    for (const o of list) {
      uf.add(o.clusterId);
      existingLabels.add(o.clusterId);
      mine.push({ node: o.clusterId, nKeys: o.nKeys });
    }
    owners.set(key, mine);
  }

  for (const s of statements) {
    uf.add(s.id);
    const keys = [...new Set(s.keys)];
    const n = keys.length;
    if (!n) continue;
    const shared = new Map<string, { count: number; minKeys: number }>();
    for (const k of keys) {
      const seen = new Map<string, number>();
      for (const o of owners.get(k) ?? []) {
        const root = uf.find(o.node);
        seen.set(root, Math.min(seen.get(root) ?? Number.POSITIVE_INFINITY, o.nKeys));
      }
      for (const [root, nKeys] of seen) {
        const cur = shared.get(root) ?? { count: 0, minKeys: Number.POSITIVE_INFINITY };
        cur.count++;
        cur.minKeys = Math.min(cur.minKeys, nKeys);
        shared.set(root, cur);
      }
    }
    for (const [root, { count, minKeys }] of shared) {
      if (count >= Math.min(2, n, minKeys)) uf.union(root, s.id);
    }
    for (const k of keys) {
      const list = owners.get(k) ?? [];
      list.push({ node: s.id, nKeys: n });
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
