/** A binary min-heap of (key, value) pairs in typed arrays: candidates ordered by score bound. */
export class BoundHeap {
  keys = new Float64Array(256);
  vals = new Uint32Array(256);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  push(key: number, val: number): void {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2);
      k.set(this.keys);
      this.keys = k;
      const v = new Uint32Array(this.size * 2);
      v.set(this.vals);
      this.vals = v;
    }
    const keys = this.keys;
    const vals = this.vals;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      // Ties by value (statement number): fuse.js breaks equal scores by record order.
      if (keys[p]! < key || (keys[p] === key && vals[p]! < val)) break;
      keys[i] = keys[p]!;
      vals[i] = vals[p]!;
      i = p;
    }
    keys[i] = key;
    vals[i] = val;
  }

  get minKey(): number {
    return this.size > 0 ? this.keys[0]! : Infinity;
  }

  /** Removes the smallest pair and returns its value. */
  pop(): number {
    const keys = this.keys;
    const vals = this.vals;
    const top = vals[0]!;
    const n = --this.size;
    if (n === 0) return top;
    const key = keys[n]!;
    const val = vals[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && (keys[c + 1]! < keys[c]! || (keys[c + 1] === keys[c] && vals[c + 1]! < vals[c]!))) c++;
      if (key < keys[c]! || (key === keys[c] && val < vals[c]!)) break;
      keys[i] = keys[c]!;
      vals[i] = vals[c]!;
      i = c;
    }
    keys[i] = key;
    vals[i] = val;
    return top;
  }
}
