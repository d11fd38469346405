/**
 * Quote clusters: the same quote in several articles is one cluster. Statements bring the keys of
 * their quote (src/extract/quote-keys.ts); a statement joins every cluster it shares enough keys
 * with, merging them. "Enough" is two keys, or one when either side is a short quote with fewer
 * keys: a single shared shingle between two long quotes is more often a stock phrase than the same
 * words.
 */

export interface KeyOwner {
  clusterId: string;
  /** How many keys the statement that brought this key had. */
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
  /** Keys not stored before, with their cluster. */
  newKeys: Array<{ key: string; clusterId: string; nKeys: number }>;
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
 * Assigns clusters to new statements (in order) given the owners of their keys already stored.
 * A cluster keeps an existing label when it has one (the smallest, when several merge); a cluster
 * made only of new statements is labelled by its first statement, so a lone statement's cluster id
 * is its own id.
 */
export function assignClusters(statements: readonly ClusterInput[], existing: ReadonlyMap<string, KeyOwner>): ClusterAssignment {
  const uf = new UnionFind();
  const existingLabels = new Set<string>();
  const keyOwner = new Map<string, { node: string; nKeys: number }>();
  for (const [key, owner] of existing) {
    uf.add(owner.clusterId);
    existingLabels.add(owner.clusterId);
    keyOwner.set(key, { node: owner.clusterId, nKeys: owner.nKeys });
  }
  const newKeyNodes: Array<{ key: string; node: string; nKeys: number }> = [];

  for (const s of statements) {
    uf.add(s.id);
    const n = s.keys.length;
    if (!n) continue;
    const shared = new Map<string, { count: number; minKeys: number }>();
    for (const k of s.keys) {
      const owner = keyOwner.get(k);
      if (!owner) continue;
      const root = uf.find(owner.node);
      const cur = shared.get(root) ?? { count: 0, minKeys: Number.POSITIVE_INFINITY };
      cur.count++;
      cur.minKeys = Math.min(cur.minKeys, owner.nKeys);
      shared.set(root, cur);
    }
    for (const [root, { count, minKeys }] of shared) {
      if (count >= Math.min(2, n, minKeys)) uf.union(root, s.id);
    }
    for (const k of new Set(s.keys)) {
      if (keyOwner.has(k)) continue;
      keyOwner.set(k, { node: s.id, nKeys: n });
      newKeyNodes.push({ key: k, node: s.id, nKeys: n });
    }
  }

  // Pick each group's label.
  const label = new Map<string, string>();
  const consider = (node: string, isExisting: boolean): void => {
    const root = uf.find(node);
    const cur = label.get(root);
    if (cur === undefined) {
      label.set(root, node);
      return;
    }
    const curExisting = existingLabels.has(cur);
    if (isExisting && (!curExisting || node < cur)) label.set(root, node);
  };
  for (const l of existingLabels) consider(l, true);
  for (const s of statements) consider(s.id, false);

  const clusterOf = new Map<string, string>();
  for (const s of statements) clusterOf.set(s.id, label.get(uf.find(s.id))!);
  const merges = new Map<string, string>();
  for (const l of existingLabels) {
    const to = label.get(uf.find(l))!;
    if (to !== l) merges.set(l, to);
  }
  const newKeys = newKeyNodes.map((k) => ({ key: k.key, clusterId: label.get(uf.find(k.node))!, nKeys: k.nKeys }));
  return { clusterOf, merges, newKeys };
}
