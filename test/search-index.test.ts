import { describe, expect, it } from 'vitest';
import { createPlainFuseIndex, createSearchIndex, parseQuery } from '../src/search/index.js';
import type { SearchIndex } from '../src/search/types.js';
import { seedLikeStatements } from './search-fixture.js';

const implementations: Array<[string, () => SearchIndex]> = [
  ['createSearchIndex', createSearchIndex],
  ['plain fuse.js', createPlainFuseIndex],
];

describe.each(implementations)('%s', (_name, create) => {
  function seeded(): SearchIndex {
    const index = create();
    index.add(seedLikeStatements());
    return index;
  }
  const top = (index: SearchIndex, q: string, limit = 5) => index.search(parseQuery(q), { limit });

  it('finds McMaster’s denial through typos', () => {
    const index = seeded();
    const hits = top(index, 'mcmastr denid story');
    expect(hits[0]?.id).toBe('a1:1');
    expect(hits[0]!.score).toBeGreaterThan(0);
    expect(hits[0]!.score).toBeLessThan(1);
    // Highlights are ranges in the quote: "denied" and "story".
    const quote = index.get('a1:1')!.quote!;
    expect(hits[0]!.highlights.map(([s, e]) => quote.slice(s, e))).toEqual(['denied', 'story']);
  });

  it('finds the words of a query pasted with emoji, control bytes or an unknown filter (QA F2)', () => {
    const index = seeded();
    const plain = top(index, 'great intel').map((h) => h.id);
    expect(plain.length).toBeGreaterThan(0);
    for (const q of ['🔥🇺🇸 great intel 😀', 'offset:99999 great intel', 'great\u0001 intel\u200B', '*great* intel! :fire:']) {
      expect(top(index, q).map((h) => h.id)).toEqual(plain);
    }
  });

  it('finds words anywhere in a long quote', () => {
    const hits = top(seeded(), "it didn't happen");
    expect(hits.map((h) => h.id).slice(0, 2).sort()).toEqual(['a1:2', 'a3:3']);
  });

  it('requires exact phrases verbatim, apostrophes folded', () => {
    const index = seeded();
    const hits = top(index, '"didn’t happen"');
    expect(hits.map((h) => h.id).sort()).toEqual(['a1:2', 'a3:3']);
    expect(top(index, 'great "intel every day"').map((h) => h.id)).toEqual(['a1:4']);
    expect(top(index, '"intel every night"')).toEqual([]);
  });

  it('applies speaker, outlet and kind filters', () => {
    const index = seeded();
    const bySpeaker = top(index, 'information speaker:mcmaster', 20);
    expect(bySpeaker.length).toBeGreaterThan(0);
    expect(bySpeaker.every((h) => index.get(h.id)!.speaker === 'H.R. McMaster')).toBe(true);
    expect(top(index, 'story speaker:"HR McMaster"', 20).length).toBeGreaterThan(0);
    expect(top(index, 'story speaker:mcmastr', 20).length).toBeGreaterThan(0);
    const byOutlet = top(index, 'information outlet:"washington post"', 20);
    expect(byOutlet.map((h) => h.id)).toEqual(['a3:11']);
    for (const alias of ['wapo', 'WaPo', '"the Post"', 'post', 'WASHINGTON', 'washington p']) {
      expect(top(index, `information outlet:${alias}`, 20).map((h) => h.id), alias).toEqual(['a3:11']);
    }
    const ap = index.search(parseQuery('outlet:ap'), { limit: 20 }).map((h) => index.get(h.id)!.outlet);
    expect(ap.length).toBeGreaterThan(0);
    expect(ap.every((o) => o === 'AP')).toBe(true);
    expect(top(index, 'trump outlet:"Associated Press"', 20).map((h) => index.get(h.id)!.outlet)).toContain('AP');
    expect(top(index, 'trump outlet:guard', 20).length).toBeGreaterThan(0);
    expect(top(index, 'trump outlet:nyt', 20)).toEqual([]);
    const quotes = top(index, 'information kind:quote', 20);
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes.every((h) => ['direct', 'mixed'].includes(index.get(h.id)!.kind))).toBe(true);
    const reported = top(index, 'story kind:indirect', 20);
    expect(reported.map((h) => h.id)).toEqual(['a1:1']);
    expect(top(index, 'story speaker:nobody', 20)).toEqual([]);
  });

  it('answers a filter alone with that speaker’s statements, newest first', () => {
    const index = seeded();
    const hits = top(index, 'speaker:dermer', 20);
    expect(hits.map((h) => h.id)).toEqual(['a2:9']);
  });

  it('adds and removes statements without a rebuild', () => {
    const index = seeded();
    expect(index.size).toBe(11);
    index.add([
      {
        ...index.get('a2:7')!,
        id: 'a9:1',
        articleId: 'a9',
        clusterId: 'a9:1',
        text: 'The zeppelin spokesperson declined to comment on the blimp.',
      },
    ]);
    expect(index.size).toBe(12);
    expect(top(index, 'zeppelin blimp')[0]?.id).toBe('a9:1');
    index.remove(['a9:1', 'a1:1', 'unknown']);
    expect(index.size).toBe(10);
    expect(index.get('a1:1')).toBeUndefined();
    expect(top(index, 'zeppelin blimp').map((h) => h.id)).not.toContain('a9:1');
    expect(top(index, 'mcmastr denid story', 20).map((h) => h.id)).not.toContain('a1:1');
  });

  it('replaces a statement added again under the same id', () => {
    const index = seeded();
    index.add([{ ...index.get('a2:7')!, text: 'Completely different words about penguins.' }]);
    expect(index.size).toBe(11);
    expect(top(index, 'penguins')[0]?.id).toBe('a2:7');
    expect(top(index, 'israel was the source').map((h) => h.id)).not.toContain('a2:7');
  });

  it('survives hostile queries', () => {
    const index = seeded();
    const hostile = [
      '(.*)+[a-z]{2,}',
      '<script>alert(1)</script>',
      '💥🔥 intel 😀',
      '\\',
      '$^|',
      '"',
      'kind:quote "',
      'x'.repeat(600),
      Array.from({ length: 200 }, () => 'story').join(' '),
      '\u0000\u0007',
      '__proto__ constructor toString',
      'İstanbul ǅ ß',
    ];
    for (const q of hostile) {
      const hits = index.search(parseQuery(q), { limit: 5 });
      expect(Array.isArray(hits)).toBe(true);
      for (const h of hits) expect(index.get(h.id)).toBeDefined();
    }
    expect(top(index, 'great intel 😀')[0]?.id).toBe('a1:4');
    expect(index.search(parseQuery(''), { limit: 5 })).toEqual([]);
  });

  it('suggests speakers by prefix of any name, and quotes by words typed so far', () => {
    const index = seeded();
    expect(index.suggestSpeakers('mcm', 5)).toEqual(['H.R. McMaster']);
    expect(index.suggestSpeakers('don', 5)).toEqual(['Donald Trump']);
    expect(index.suggestSpeakers('', 2)).toHaveLength(2);
    const quotes = index.suggestQuotes('great int', 3);
    expect(quotes[0]).toEqual({ id: 'a1:4', quote: 'I get great intel. I have people brief me on great intel every day.' });
    expect(index.suggestQuotes('great int 🔥', 3)[0]).toEqual(quotes[0]);
  });

  it('suggests a speaker only when a word of the name starts with what was typed, typos only without one (QA F22)', () => {
    const index = create();
    const said = (id: string, speaker: string, aliases: string[], quote: string) => ({
      id, articleId: 'x', clusterId: id, kind: 'direct' as const, quote, text: `"${quote}," ${speaker} said.`,
      speaker, speakerAliases: aliases, outlet: null, articleTitle: 'T', articleOutlet: null,
    });
    index.add([
      said('s1', 'Donald Trump', ['Trump', 'President Trump'], 'I get great intel'),
      said('s2', 'Sean Spicer', ['Spicer', 'a Trump spokesman'], 'The story is false'),
      said('s3', 'Truman Capote', ['Capote'], 'Nothing to see'),
      said('s4', 'Tom Price', ['Price'], 'We will see'),
      said('s5', 'Lavrov', ['Sergey Lavrov'], 'Fake news'),
    ]);
    expect(index.suggestSpeakers('tru', 10).sort()).toEqual(['Donald Trump', 'Truman Capote']);
    expect(index.suggestSpeakers('TRUMP', 10)).toEqual(['Donald Trump']);
    expect(index.suggestSpeakers('spi', 10)).toEqual(['Sean Spicer']);
    // No name starts with "lavorv": the close typo is offered.
    expect(index.suggestSpeakers('lavorv', 10)).toEqual([]);
    expect(index.suggestSpeakers('lavrv', 10)).toEqual(['Lavrov']);
    expect(index.suggestSpeakers('zzz', 10)).toEqual([]);
  });

  it('suggests each quote once: one per cluster and one per near-identical text (QA F22)', () => {
    const index = create();
    const q = (id: string, clusterId: string, quote: string) => ({
      id, articleId: id, clusterId, kind: 'direct' as const, quote, text: `"${quote}," Trump said.`,
      speaker: 'Donald Trump', speakerAliases: [], outlet: null, articleTitle: 'T', articleOutlet: null,
    });
    index.add([
      q('a', 'c1', 'I get great intel. I have people brief me on great intel every day.'),
      q('b', 'c1', 'I get great intel. I have people brief me on great intel every day.'),
      q('c', 'c2', 'I get great intel, I have people brief me on great intel every day'),
      q('d', 'c3', '“I get great intel. I have people brief me on great intel every day.”'),
      q('e', 'c4', 'I get great intel. I have people brief me on great intel everyday.'),
      q('f', 'c5', 'Great intel is what we get'),
    ]);
    const got = index.suggestQuotes('great intel', 10);
    // fuse.js orders them; whichever of the five copies comes first stands for all of them.
    expect(got).toHaveLength(2);
    expect(got.map((g) => g.id)).toContain('f');
  });
});
