import { describe, expect, it } from 'vitest';
import { customId, parseCustomId, replyButtons } from '../src/platforms/discord/components.js';
import { PageStore, type PageState } from '../src/platforms/discord/page-store.js';

const state = (command = 'quote'): PageState => ({
  command,
  args: { query: 'intel' },
  invocation: { platform: 'discord', userId: 'u', channelId: 'c' },
  pageSize: 5,
  ephemeral: false,
});

describe('PageStore', () => {
  it('forgets entries after their time and when full (least recently used first)', () => {
    let now = 0;
    const store = new PageStore({ maxEntries: 2, ttlMs: 1000, now: () => now });
    const a = store.put(state('a'));
    const b = store.put(state('b'));
    expect(store.get(a)?.command).toBe('a'); // a is now the most recently used
    const c = store.put(state('c'));
    expect(store.get(b)).toBeUndefined();
    expect(store.get(a)?.command).toBe('a');
    expect(store.get(c)?.command).toBe('c');
    now = 2000;
    expect(store.get(a)).toBeUndefined();
    expect(store.size).toBeLessThanOrEqual(2);
  });
});

describe('buttons', () => {
  it('round-trips custom ids well under 100 characters', () => {
    const id = customId({ action: 'page', key: 'AbC-_123', offset: 25 });
    expect(id.length).toBeLessThanOrEqual(100);
    expect(parseCustomId(id)).toEqual({ action: 'page', key: 'AbC-_123', offset: 25 });
    expect(parseCustomId('someone-elses-button')).toBeNull();
  });

  it('Prev is off on the first page, Next is off on the last, Share only when asked', () => {
    const [row] = replyButtons({ key: 'k', offset: 0, pageSize: 5, hasNext: true, share: true });
    expect(row!.components.map((b) => [(b as { label?: string }).label, Boolean(b.disabled)])).toEqual([
      ['Prev', true],
      ['Next', false],
      ['Share', false],
    ]);
    const [last] = replyButtons({ key: 'k', offset: 10, pageSize: 5, hasNext: false, share: false });
    expect(last!.components.map((b) => [(b as { label?: string }).label, Boolean(b.disabled)])).toEqual([
      ['Prev', false],
      ['Next', true],
    ]);
    expect(replyButtons({ key: 'k', offset: 0, pageSize: 5, hasNext: false, share: false })).toEqual([]);
  });
});
