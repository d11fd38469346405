import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { log } from '../log.js';

/**
 * Where states are kept beyond this process: the store, so a button still works after a restart
 * or when another bot process on the same database receives the click.
 */
export interface SharedStates {
  save(key: string, state: unknown, ttlMs: number): Promise<void>;
  load(key: string): Promise<unknown>;
}

export interface StateKeeperOptions<T> {
  /** Namespaces keys in the shared store (`discord:page:`). */
  prefix: string;
  /** What a state read back from the shared store must look like (another version may have written it). */
  schema: z.ZodType<T>;
  /** How long a state lives, in memory and in the shared store. */
  ttlMs: number;
  /** States held in this process's memory, least recently used dropped first. */
  maxEntries: number;
  shared?: SharedStates;
  now?: () => number;
  /** Length of a generated key in random bytes (base64url: 4 characters per 3 bytes). */
  keyBytes?: number;
  /**
   * How long a click waits for the shared store (default 1 s): the platform wants an
   * acknowledgement within 3 seconds, and a slow store must not cost it.
   */
  loadTimeoutMs?: number;
}

/**
 * The states behind answers' buttons, under short random keys: a button's own payload is too
 * small for a command and its arguments (Discord: 100 characters of custom id). Reads are served
 * from memory; the shared store is written in the background and read on a miss, so an answer is
 * never held up by the store and a store failure only costs buttons after a restart.
 */
export class StateKeeper<T> {
  private readonly entries = new Map<string, { state: T; at: number }>();
  private readonly now: () => number;
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly opts: StateKeeperOptions<T>) {
    this.now = opts.now ?? Date.now;
  }

  /** Keeps a state and returns its new key. */
  put(state: T): string {
    const bytes = this.opts.keyBytes ?? 6;
    let key = randomBytes(bytes).toString('base64url');
    while (this.entries.has(key)) key = randomBytes(bytes).toString('base64url');
    this.remember(key, state);
    if (this.opts.shared) {
      const shared = this.opts.shared;
      // Started on the next tick: a store that throws at once must not cost the answer either.
      const saving = Promise.resolve()
        .then(() => shared.save(this.opts.prefix + key, state, this.opts.ttlMs))
        .catch((err: unknown) => log.warn({ err: (err as Error).message, key }, 'could not keep a button state in the store; it works until a restart'))
        .finally(() => this.pending.delete(saving));
      this.pending.add(saving);
    }
    return key;
  }

  /** The state from this process's memory, refreshed as recently used; undefined when unknown or expired. */
  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.opts.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    entry.at = this.now();
    this.entries.set(key, entry);
    return entry.state;
  }

  /**
   * The state from memory, else from the shared store (validated; kept in memory from then on).
   * Undefined when neither has it, when the stored one does not fit the schema, or when the store
   * cannot be read (logged): the user is then asked to run the command again.
   */
  async fetch(key: string): Promise<T | undefined> {
    const local = this.get(key);
    if (local !== undefined || !this.opts.shared) return local;
    let raw: unknown;
    let timer: NodeJS.Timeout | undefined;
    try {
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('the store did not answer in time')), this.opts.loadTimeoutMs ?? 1000);
      });
      const shared = this.opts.shared;
      raw = await Promise.race([Promise.resolve().then(() => shared.load(this.opts.prefix + key)), late]);
    } catch (err) {
      log.warn({ err: (err as Error).message, key }, 'could not read a button state from the store');
      return undefined;
    } finally {
      clearTimeout(timer);
    }
    if (raw === undefined) return undefined;
    const parsed = this.opts.schema.safeParse(raw);
    if (!parsed.success) {
      log.warn({ key, issue: parsed.error.issues[0]?.message }, 'a stored button state does not fit this version; ignored');
      return undefined;
    }
    this.remember(key, parsed.data);
    return parsed.data;
  }

  /** Resolves when every background save started so far has finished (tests, shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  get size(): number {
    return this.entries.size;
  }

  private remember(key: string, state: T): void {
    this.entries.delete(key);
    this.entries.set(key, { state, at: this.now() });
    const cutoff = this.now() - this.opts.ttlMs;
    for (const [k, entry] of this.entries) {
      // Map iteration is oldest-used first.
      if (this.entries.size > this.opts.maxEntries || entry.at < cutoff) this.entries.delete(k);
      else break;
    }
  }
}

/** The store's interaction states as a StateKeeper's shared side. */
export function storeStates(store: {
  saveInteractionState(key: string, state: unknown, ttlMs: number): Promise<void>;
  loadInteractionState(key: string): Promise<unknown>;
}): SharedStates {
  return {
    save: (key, state, ttlMs) => store.saveInteractionState(key, state, ttlMs),
    load: (key) => store.loadInteractionState(key),
  };
}
