import { describe, expect, it } from 'vitest';
import { FastIndex, createPlainFuseIndex } from '../src/search/index.js';
import { SpeakerDirectory, suggestSpeakersFrom, type SpeakerEntry } from '../src/search/suggest.js';
import { QuoteSuggester, SUGGEST_BUDGET, type QuoteSource } from '../src/search/suggest-quotes.js';
import { TrigramPostings } from '../src/search/trigrams.js';
import type { IndexedStatement } from '../src/search/types.js';
import { seedLikeStatements } from './search-fixture.js';

function said(id: string, speaker: string, quote: string, extra: Partial<IndexedStatement> = {}): IndexedStatement {
  return {
    id,
    articleId: `art-${id}`,
    clusterId: id,
    kind: 'direct',
    quote,
    text: `"${quote}," ${speaker} said.`,
    speaker,
    speakerAliases: [],
    outlet: null,
    articleTitle: 'Talks',
    articleOutlet: null,
    ...extra,
  };
}

/** Statements whose quotes do not share the words the tests type. */
function filler(count: number, from = 0): IndexedStatement[] {
  const words = ['budget', 'harbour', 'weather', 'council', 'railway', 'orchard', 'lantern', 'meadow'];
  return Array.from({ length: count }, (_, i) =>
    said(`f${from + i}`, `Speaker ${(from + i) % 7}`, `${words[i % 8]} ${words[(i * 3 + 1) % 8]} number ${from + i}`),
  );
}

describe('quote suggestions (fast index)', () => {
  it('offers the quotes containing what was typed first, then a typo of it', () => {
    const index = new FastIndex();
    index.add([
      ...filler(50),
      said('q1', 'Donald Trump', 'I get great intel every day'),
      said('q2', 'Sean Spicer', 'The intelligence briefing was routine'),
      said('q3', 'H.R. McMaster', 'The story as reported is false'),
    ]);
    expect(index.suggestQuotes('great int', 5).map((q) => q.id)).toEqual(['q1']);
    expect(index.suggestQuotes('GREAT INT', 5)[0]).toEqual({ id: 'q1', quote: 'I get great intel every day' });
    // One letter dropped: no quote contains it, the look-alike is still offered.
    expect(index.suggestQuotes('great intl', 5)[0]?.id).toBe('q1');
    // Two letters typed: no trigram, a byte search of the newest statements.
    expect(index.suggestQuotes('ro', 5).map((q) => q.id)).toContain('q2');
    expect(index.suggestQuotes('zzqqxx', 5)).toEqual([]);
    // One trigram typed (a list holding most of the corpus): quotes containing it, still.
    // (The filler quotes differ by a number only: near-identical ones are offered once.)
    const our = index.suggestQuotes('our', 5);
    expect(our.length).toBeGreaterThan(0);
    for (const q of our) expect(q.quote.toLowerCase()).toContain('our');
  });

  it('offers only quotes (direct or mixed), never reported speech or plain statements', () => {
    const index = new FastIndex();
    index.add([
      said('d', 'A', 'the ceasefire holds'),
      said('m', 'B', 'the ceasefire holds for now', { kind: 'mixed' }),
      said('i', 'C', 'the ceasefire holds they said', { kind: 'indirect' }),
      { ...said('s', 'D', 'x'), kind: 'statement', quote: null, text: 'The ceasefire holds, officials said.' },
    ]);
    expect(index.suggestQuotes('ceasefire holds', 10).map((q) => q.id).sort()).toEqual(['d', 'm']);
  });

  it('shows a new statement at once and forgets a removed one (remembered answers are dropped)', () => {
    const index = new FastIndex();
    index.add(filler(30));
    expect(index.suggestQuotes('talks collapsed', 5)).toEqual([]);
    index.add([said('new', 'Lavrov', 'The talks collapsed overnight')]);
    expect(index.suggestQuotes('talks collapsed', 5).map((q) => q.id)).toEqual(['new']);
    index.remove(['new']);
    expect(index.suggestQuotes('talks collapsed', 5)).toEqual([]);
    // Replacing a statement under the same id: the new wording is what is offered.
    index.add([said('new', 'Lavrov', 'The talks collapsed overnight')]);
    index.add([said('new', 'Lavrov', 'The talks resumed overnight')]);
    expect(index.suggestQuotes('talks collapsed', 5)).toEqual([]);
    expect(index.suggestQuotes('talks resumed', 5).map((q) => q.id)).toEqual(['new']);
  });

  it('answers a repeated keystroke as the first time, and a remembered answer cannot be changed by the caller', () => {
    const index = new FastIndex();
    index.add(seedLikeStatements());
    const first = index.suggestQuotes('great int', 3);
    expect(first.length).toBeGreaterThan(0);
    first[0]!.quote = 'changed';
    first.pop();
    const again = index.suggestQuotes('great int', 3);
    const fresh = new FastIndex();
    fresh.add(seedLikeStatements());
    expect(again).toEqual(fresh.suggestQuotes('great int', 3));
    expect(again[0]!.quote).not.toBe('changed');
  });

  it('agrees with plain fuse.js on the best quote for the seed-like corpus (text matches; titles are not scanned)', () => {
    const fast = new FastIndex();
    const plain = createPlainFuseIndex();
    fast.add(seedLikeStatements());
    plain.add(seedLikeStatements());
    for (const typed of ['great int', 'denied the st', "it didn't hap", 'people brief', 'mcmastr']) {
      expect(fast.suggestQuotes(typed, 5)[0], typed).toEqual(plain.suggestQuotes(typed, 5)[0]);
    }
  });

  it('with nothing typed, offers the newest quotes', () => {
    const index = new FastIndex();
    index.add(filler(10));
    expect(index.suggestQuotes('', 3).map((q) => q.id)).toEqual(['f9', 'f8', 'f7']);
    expect(index.suggestQuotes('anything', 0)).toEqual([]);
  });
});

describe('QuoteSuggester budgets', () => {
  /** A source over plain strings: every statement a quote, scored 0.5 when it contains the pattern. */
  function source(texts: string[]): QuoteSource {
    const postings = new TrigramPostings();
    texts.forEach((t, d) => postings.addDoc(d, t));
    const tokens = Uint16Array.from(texts, (t) => t.split(' ').length);
    return {
      n: texts.length,
      postings,
      live: new Uint8Array(texts.length).fill(1),
      kind: new Uint8Array(texts.length),
      quoteKinds: Uint8Array.of(1),
      textTok: tokens,
      quoteTok: tokens,
      contains: (d, p) => texts[d]!.includes(p),
      score: (d) => (texts[d]!.includes('ceasefire') ? 0.5 : 2),
    };
  }

  it('reads only the newest statements of a very common pattern, and the shortest first', () => {
    const texts = Array.from({ length: 400 }, (_, i) => `the ceasefire holds in sector ${i}${i % 2 ? ' for now at least' : ''}`);
    const s = new QuoteSuggester();
    const top = s.top(source(texts), 'ceasefire', 10, { ...SUGGEST_BUDGET, firstList: 50, exactScored: 10 });
    expect(top).toHaveLength(10);
    // From the newest 50 only, and the shorter (even) ones first.
    for (const [d] of top) {
      expect(d).toBeGreaterThanOrEqual(350);
      expect(d % 2).toBe(0);
    }
    // Without the budget, everything is a candidate and ties go to the oldest, as in search.
    const all = s.top(source(texts), 'ceasefire', 10, { ...SUGGEST_BUDGET, firstList: 1e9, exactScored: 1e9 });
    expect(all.map(([d]) => d)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('leaves its scratch counts clean between calls (same answer twice, any order)', () => {
    const texts = ['ceasefire talks in geneva', 'ceasfire talks resumed', 'weather report', 'talks on the ceasefire'];
    const s = new QuoteSuggester();
    const src = source(texts);
    const a = s.top(src, 'ceasefire talks', 5);
    s.top(src, 'weather', 5);
    expect(s.top(src, 'ceasefire talks', 5)).toEqual(a);
    expect(a.map(([d]) => d).sort()).toEqual([0, 3]);
  });
});

describe('speaker suggestions', () => {
  const entries: SpeakerEntry[] = [
    { name: 'Donald Trump', count: 40, names: ['donald trump', 'trump', 'president trump'] },
    { name: 'Sean Spicer', count: 12, names: ['sean spicer', 'spicer', 'a trump spokesman'] },
    { name: 'Truman Capote', count: 3, names: ['truman capote', 'capote'] },
    { name: 'H.R. McMaster', count: 12, names: ['hr mcmaster', 'mcmaster'] },
    { name: 'Gone Person', count: 0, names: ['gone person'] },
  ];

  it('orders prefix matches by statements, then name, and stops at the limit', () => {
    const dir = new SpeakerDirectory(entries);
    expect(dir.suggest('tru', 10)).toEqual(['Donald Trump', 'Truman Capote']);
    expect(dir.suggest('', 10)).toEqual(['Donald Trump', 'H.R. McMaster', 'Sean Spicer', 'Truman Capote']);
    expect(dir.suggest('', 2)).toEqual(['Donald Trump', 'H.R. McMaster']);
    expect(dir.suggest('h.r. mc', 10)).toEqual(['H.R. McMaster']);
    expect(dir.suggest('gone', 10)).toEqual([]);
    expect(dir.suggest('tru', 0)).toEqual([]);
  });

  it('offers typos (any alias) only when no name starts with what was typed', () => {
    const dir = new SpeakerDirectory(entries);
    expect(dir.suggest('mcmastr', 10)).toEqual(['H.R. McMaster']);
    expect(dir.suggest('spicr', 10)).toEqual(['Sean Spicer']);
    // One edit of a word: a letter changed, added or dropped; two (a swap) only from 8 letters.
    expect(dir.suggest('spixer', 10)).toEqual(['Sean Spicer']);
    expect(dir.suggest('spiccer', 10)).toEqual(['Sean Spicer']);
    expect(dir.suggest('sicer', 10)).toEqual(['Sean Spicer']);
    expect(dir.suggest('spicre', 10)).toEqual([]);
    expect(dir.suggest('mcmsater', 10)).toEqual(['H.R. McMaster']);
    // Every typed word must be near a word of one name.
    expect(dir.suggest('sean spixer', 10)).toEqual(['Sean Spicer']);
    expect(dir.suggest('sian capote', 10)).toEqual([]);
    // Three letters are too few for a typo match.
    expect(dir.suggest('tri', 10)).toEqual([]);
    expect(suggestSpeakersFrom(entries, 'capot', 10)).toEqual(['Truman Capote']);
  });

  it('follows the index: a new speaker and changed counts show at the next keystroke', () => {
    const index = new FastIndex();
    index.add([said('a', 'Donald Trump', 'one'), said('b', 'Dana Perino', 'two'), said('c', 'Dana Perino', 'three')]);
    expect(index.suggestSpeakers('d', 5)).toEqual(['Dana Perino', 'Donald Trump']);
    index.add([said('d', 'Donald Trump', 'four'), said('e', 'Donald Trump', 'five'), said('f', 'Dmitry Peskov', 'six')]);
    expect(index.suggestSpeakers('d', 5)).toEqual(['Donald Trump', 'Dana Perino', 'Dmitry Peskov']);
    index.remove(['f']);
    expect(index.suggestSpeakers('dm', 5)).toEqual([]);
  });
});
