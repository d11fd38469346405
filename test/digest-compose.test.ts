import { describe, expect, it } from 'vitest';
import type { ArticleRef } from '../src/domain/article.js';
import {
  composeDigest,
  rankCorroborated,
  rankNotableQuotes,
  type DigestArticle,
  type DigestInput,
  type DigestStatement,
} from '../src/digest/compose.js';

function article(id: string, outlet: string, published = '2026-03-20'): DigestArticle {
  return { id, title: `Title ${id}`, outlet, url: `https://example.test/${id}`, published, ingestedAt: '2026-03-20T10:00:00Z' };
}

const ref = ({ id, title, outlet, url, published }: DigestArticle): ArticleRef => ({ id, title, outlet, url, published });

function stmt(
  id: string,
  a: DigestArticle,
  opts: Partial<DigestStatement> & { articles?: number; outlets?: string[] } = {},
): DigestStatement {
  const outlets = opts.outlets ?? [a.outlet!];
  return {
    id,
    clusterId: opts.clusterId ?? id,
    kind: opts.kind ?? 'direct',
    quote: opts.quote === undefined ? `the words of statement ${id}` : opts.quote,
    text: `Sentence with “the words of statement ${id}”.`,
    speaker: opts.speaker === undefined ? 'Someone' : opts.speaker,
    ...(opts.speakerMention !== undefined ? { speakerMention: opts.speakerMention } : {}),
    speakerRole: null,
    outlet: null,
    cue: 'said',
    article: ref(a),
    corroboration: { articles: opts.articles ?? 1, outlets, firstOutlet: outlets[0] ?? null },
  };
}

const A = article('a', 'AP');
const B = article('b', 'Reuters', '2026-03-19');
const C = article('c', 'The Washington Post', '2026-03-21');

function input(statements: DigestStatement[], articles = [A, B, C], counts: Array<[string, number]> = []): DigestInput {
  return {
    since: new Date('2026-03-19T08:00:00Z'),
    articles,
    statements,
    speakerCounts: new Map(counts),
    timezone: 'Europe/London',
  };
}

describe('ranking', () => {
  it('ranks notable quotes by corroboration, then by how often the speaker is quoted, then direct first', () => {
    const statements = [
      stmt('a:1', A, { speaker: 'Minor Figure' }),
      stmt('a:2', A, { speaker: 'H.R. McMaster' }),
      stmt('b:1', B, { speaker: 'Minor Figure', articles: 3, clusterId: 'k1', outlets: ['Reuters'] }),
      stmt('c:1', C, { speaker: 'H.R. McMaster', kind: 'mixed' }),
      stmt('c:2', C, { speaker: 'H.R. McMaster', kind: 'indirect' }),
      stmt('c:3', C, { speaker: 'H.R. McMaster', quote: 'no' }),
    ];
    const ranked = rankNotableQuotes(statements, new Map([['H.R. McMaster', 40], ['Minor Figure', 2]]));
    expect(ranked.map((s) => s.id)).toEqual(['b:1', 'a:2', 'c:1', 'a:1']);
  });

  it('keeps one item per quote cluster, from the earliest-published article', () => {
    const statements = [
      stmt('a:1', A, { clusterId: 'k', articles: 2, outlets: ['Reuters', 'AP'] }),
      stmt('b:1', B, { clusterId: 'k', articles: 2, outlets: ['Reuters', 'AP'] }),
    ];
    expect(rankNotableQuotes(statements, new Map()).map((s) => s.id)).toEqual(['b:1']);
    expect(rankCorroborated(statements, new Map()).map((s) => s.id)).toEqual(['b:1']);
  });

  it('counts as corroborated only quotes reported by two or more outlets', () => {
    const statements = [
      stmt('a:1', A, { clusterId: 'one-outlet', articles: 3, outlets: ['AP'] }),
      stmt('b:1', B, { clusterId: 'two', articles: 2, outlets: ['Reuters', 'AP'] }),
      stmt('c:1', C, { clusterId: 'three', articles: 3, outlets: ['The Washington Post', 'AP', 'Reuters'] }),
      // One article (wire copy told to Polar Wire, printed by a paper): two outlets, one report.
      stmt('d:1', article('d', 'Lakeshore Gazette'), { clusterId: 'one-report', articles: 1, outlets: ['Lakeshore Gazette', 'Polar Wire'] }),
    ];
    expect(rankCorroborated(statements, new Map()).map((s) => s.clusterId)).toEqual(['three', 'two']);
  });
});

describe('composeDigest', () => {
  it('lists new articles, notable quotes and corroborated quotes, each quote shown once', () => {
    const statements = [
      stmt('a:1', A, { speaker: 'H.R. McMaster', quote: 'The story that came out tonight is false' }),
      stmt('c:1', C, { clusterId: 'k', articles: 2, outlets: ['The Washington Post', 'AP'], quote: 'it did not happen at all' }),
      stmt('b:1', B, { speaker: null, kind: 'statement', quote: null }),
    ];
    const { reply, empty, articles, quotes, corroborated } = composeDigest(input(statements, [A, B, C], [['H.R. McMaster', 9]]), {
      postEmpty: false,
    });
    expect(empty).toBe(false);
    expect(reply).not.toBeNull();
    expect(reply!.visibility).toBe('public');
    expect(reply!.title).toMatch(/3 new articles/);
    expect(reply!.text).toMatch(/since .*2026/);
    const [arts, notable, corr] = reply!.sections;
    expect(arts!.heading).toBe('New articles');
    // Newest publication first, with title, outlet and link.
    expect(arts!.articles!.map((a) => [a.id, a.outlet, a.url])).toEqual([
      ['c', 'The Washington Post', 'https://example.test/c'],
      ['a', 'AP', 'https://example.test/a'],
      ['b', 'Reuters', 'https://example.test/b'],
    ]);
    expect(notable!.heading).toMatch(/quotes/i);
    expect(notable!.items.map((i) => i.quote)).toEqual(['The story that came out tonight is false']);
    expect(notable!.items[0]!.speaker).toBe('H.R. McMaster');
    expect(notable!.items[0]!.article.title).toBe('Title a');
    expect(corr!.heading).toMatch(/several outlets/);
    expect(corr!.items.map((i) => [i.quote, i.corroboration.outlets])).toEqual([
      ['it did not happen at all', ['The Washington Post', 'AP']],
    ]);
    expect([articles, quotes, corroborated]).toEqual([3, 1, 1]);
  });

  it('caps each section and says how many more articles there are', () => {
    const many = Array.from({ length: 14 }, (_, i) => article(`n${i}`, 'AP', `2026-03-${String(10 + i).padStart(2, '0')}`));
    const statements = many.map((a) => stmt(`${a.id}:1`, a));
    const { reply } = composeDigest(input(statements, many), { postEmpty: false, maxArticles: 10, maxQuotes: 3 });
    expect(reply!.sections[0]!.articles).toHaveLength(10);
    expect(reply!.sections[0]!.lines).toEqual(['…and 4 more articles.']);
    expect(reply!.sections[1]!.items).toHaveLength(3);
  });

  it('by default fits one Discord message: the articles and at most nine quotes', () => {
    const many = Array.from({ length: 30 }, (_, i) => article(`m${i}`, i % 2 ? 'AP' : 'Reuters'));
    const statements = many.map((a, i) => stmt(`${a.id}:1`, a, i < 12 ? { articles: 2, outlets: ['AP', 'Reuters'] } : {}));
    const { reply } = composeDigest(input(statements, many), { postEmpty: false });
    const items = reply!.sections.reduce((n, s) => n + s.items.length, 0);
    expect(items).toBe(9);
    expect(reply!.sections[0]!.articles).toHaveLength(10);
    expect(reply!.sections[0]!.lines).toEqual(['…and 20 more articles.']);
  });

  it('posts nothing when nothing is new, unless asked to post a short note', () => {
    const none = composeDigest(input([], []), { postEmpty: false });
    expect(none).toMatchObject({ reply: null, empty: true });
    const note = composeDigest(input([], []), { postEmpty: true });
    expect(note.empty).toBe(true);
    expect(note.reply!.title).toMatch(/nothing new/);
    expect(note.reply!.text).toMatch(/No new articles since/);
    expect(note.reply!.sections).toEqual([]);
    // After a digest, the note counts from it, not from a time that reads like the bot's last run (QA 5b).
    const after = composeDigest({ ...input([], []), sinceLastDigest: true }, { postEmpty: true });
    expect(after.reply!.text).toMatch(/^No new articles since the last digest \(the newest it covered came in .+\)\.$/);
  });

  it('still lists articles that have no quotes', () => {
    const { reply } = composeDigest(input([], [A]), { postEmpty: false });
    expect(reply!.title).toMatch(/1 new article$/);
    expect(reply!.sections).toHaveLength(1);
  });
});

describe('items', () => {
  it('keep how the article named the speaker, so a speaker worked out from "he" shows the sentence', () => {
    const { reply } = composeDigest(input([stmt('a:1', A, { speaker: 'H.R. McMaster', speakerMention: 'he' })]), { postEmpty: false });
    const items = reply!.sections.flatMap((s) => s.items);
    expect(items.find((i) => i.statementId === 'a:1')?.speakerMention).toBe('he');
  });
});
