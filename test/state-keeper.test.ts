import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { log } from '../src/log.js';
import { StateKeeper, type SharedStates } from '../src/platforms/state-keeper.js';

const schema = z.object({ command: z.string(), offset: z.number() });
type S = z.infer<typeof schema>;

/** A database's side: JSON in, JSON out, shared by every keeper given it. */
function sharedMap(): SharedStates & { rows: Map<string, string> } {
  const rows = new Map<string, string>();
  return {
    rows,
    async save(key, state) {
      rows.set(key, JSON.stringify(state));
    },
    async load(key) {
      const json = rows.get(key);
      return json === undefined ? undefined : (JSON.parse(json) as unknown);
    },
  };
}

const keeper = (shared?: SharedStates, extra: Partial<ConstructorParameters<typeof StateKeeper<S>>[0]> = {}) =>
  new StateKeeper<S>({ prefix: 'test:', schema, ttlMs: 60_000, maxEntries: 100, ...(shared ? { shared } : {}), ...extra });

afterEach(() => vi.restoreAllMocks());

describe('StateKeeper', () => {
  it('another keeper on the same store (a restart, another process) reads a state back', async () => {
    const shared = sharedMap();
    const a = keeper(shared);
    const key = a.put({ command: 'quote', offset: 5 });
    await a.flush();
    expect([...shared.rows.keys()]).toEqual([`test:${key}`]);

    const b = keeper(shared);
    expect(b.get(key)).toBeUndefined(); // not in its memory…
    expect(await b.fetch(key)).toEqual({ command: 'quote', offset: 5 }); // …but in the store
    expect(b.get(key)).toEqual({ command: 'quote', offset: 5 }); // and remembered from then on
    expect(await b.fetch('unknown')).toBeUndefined();
  });

  it('a stored state that does not fit the schema (another version wrote it) is ignored', async () => {
    const shared = sharedMap();
    shared.rows.set('test:old', JSON.stringify({ command: 'quote', page: 2 }));
    const warn = vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    expect(await keeper(shared).fetch('old')).toBeUndefined();
    expect(warn).toHaveBeenCalled();
  });

  it('a store that fails to save costs nothing until a restart; one that fails to load reads as expired', async () => {
    const warn = vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    const failing: SharedStates = {
      save: () => {
        throw new Error('connection refused');
      },
      load: () => Promise.reject(new Error('connection refused')),
    };
    const k = keeper(failing);
    const key = k.put({ command: 'quote', offset: 0 });
    await k.flush();
    expect(k.get(key)).toEqual({ command: 'quote', offset: 0 });
    expect(await k.fetch('elsewhere')).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('a store that does not answer is given up on, so the click is still acknowledged in time', async () => {
    vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    const hanging: SharedStates = { save: async () => undefined, load: () => new Promise<unknown>(() => undefined) };
    expect(await keeper(hanging, { loadTimeoutMs: 20 }).fetch('k')).toBeUndefined();
  });

  it('memory is bounded (least recently used first) and states expire', () => {
    let now = 0;
    const k = keeper(undefined, { maxEntries: 2, ttlMs: 1000, now: () => now });
    const a = k.put({ command: 'a', offset: 0 });
    const b = k.put({ command: 'b', offset: 0 });
    expect(k.get(a)?.command).toBe('a');
    k.put({ command: 'c', offset: 0 });
    expect(k.get(b)).toBeUndefined();
    expect(k.size).toBe(2);
    now = 2000;
    expect(k.get(a)).toBeUndefined();
  });
});
