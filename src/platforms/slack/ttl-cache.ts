/**
 * A bounded map whose entries expire: memory stays flat however many events arrive. Used for
 * event de-duplication.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
    this.evict();
  }

  /** True the first time a key is seen within the TTL, false for a repeat. */
  firstSeen(key: string): boolean {
    if (this.has(key)) return false;
    this.set(key, true as V);
    return true;
  }

  get size(): number {
    return this.entries.size;
  }

  private evict(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && entry.expires > now) break;
      // Map iteration is insertion order: the oldest entries go first.
      if (entry.expires <= now || this.entries.size > this.maxEntries) this.entries.delete(key);
    }
  }
}
