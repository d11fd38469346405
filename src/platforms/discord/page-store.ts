import { randomBytes } from 'node:crypto';
import type { CommandArgs, Invocation } from '../../domain/command.js';

/**
 * Button custom ids are at most 100 characters, too small for a command and its arguments, so the
 * paging state lives here under a short random key. Bounded in size and age: after a restart or
 * expiry a button finds nothing and the user is told to run the command again.
 */
export interface PageState {
  command: string;
  args: CommandArgs;
  invocation: Invocation;
  pageSize: number;
  /** Answer visible only to the asker (then a Share button is offered). */
  ephemeral: boolean;
}

export interface PageStoreOptions {
  maxEntries?: number;
  ttlMs?: number;
  now?: () => number;
}

export class PageStore {
  private readonly entries = new Map<string, { state: PageState; at: number }>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(opts: PageStoreOptions = {}) {
    this.maxEntries = opts.maxEntries ?? 2000;
    this.ttlMs = opts.ttlMs ?? 60 * 60 * 1000;
    this.now = opts.now ?? Date.now;
  }

  put(state: PageState): string {
    let key = randomBytes(6).toString('base64url');
    while (this.entries.has(key)) key = randomBytes(6).toString('base64url');
    this.entries.set(key, { state, at: this.now() });
    this.evict();
    return key;
  }

  /** The state, refreshed as recently used; undefined when unknown or expired. */
  get(key: string): PageState | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    entry.at = this.now();
    this.entries.set(key, entry);
    return entry.state;
  }

  get size(): number {
    return this.entries.size;
  }

  private evict(): void {
    const cutoff = this.now() - this.ttlMs;
    for (const [key, entry] of this.entries) {
      // Map iteration is oldest-used first.
      if (this.entries.size > this.maxEntries || entry.at < cutoff) this.entries.delete(key);
      else break;
    }
  }
}
