import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, runPage } from '../src/dispatch/index.js';
import type { Reply, ReplyItem } from '../src/domain/reply.js';
import { seedServices, testInvocation, type SeededServices } from './helpers/corpus.js';

/**
 * The commands as users meet them, on the shipped seed corpus: three reports of the same story
 * (000: the "great intel"/"it didn't happen" article, 001: the key-points article, 002: the
 * Washington Post summary).
 */
let seeded: SeededServices;
const ids: Record<string, string> = {};

beforeAll(async () => {
  seeded = await seedServices();
  for (const a of await seeded.store.listArticles()) {
    const m = /(\d{3})_/.exec(a.source);
    if (m) ids[m[1]!] = a.id;
  }
  expect(Object.keys(ids).sort()).toEqual(['000', '001', '002']);
});
afterAll(() => seeded?.close());

const run = (name: string, args: Record<string, string | number | boolean>) =>
  runCommand(seeded.services, testInvocation(), name, args);

const items = (r: Reply): ReplyItem[] => r.sections.flatMap((s) => s.items);
const first = (r: Reply): ReplyItem => {
  const it = items(r)[0];
  if (!it) throw new Error(`no items in reply "${r.title}": ${r.text ?? ''}`);
  return it;
};

describe('/quote', () => {
  it.each([
    ['great intel', /Trump/, /great intel/i],
    ['graet intel', /Trump/, /great intel/i],
    ['routine sharing of information', /McMaster/, /routine sharing/i],
    ['would not trust a partner', /Israeli intelligence officer/i, /would not trust a partner/],
    ['code-word information', /US official/i, /code-word information/],
  ])('%s → quote by %s', async (query, speaker, words) => {
    const r = await run('quote', { query });
    expect(r.isError).toBeFalsy();
    const top = first(r);
    expect(top.speaker).toMatch(speaker);
    expect(top.quote).toMatch(words);
    expect(top.highlights.length).toBeGreaterThan(0);
    for (const [s, e] of top.highlights) expect(e).toBeLessThanOrEqual(top.quote.length), expect(s).toBeLessThan(e);
  });

  it('finds McMaster\'s denial despite typos ("mcmastr denid story")', async () => {
    const r = await run('quote', { query: 'mcmastr denid story' });
    const top = first(r);
    // "Yesterday, McMaster denied the story outright." — reported by the article, whoever the
    // extractor credits it to; his own words of denial follow.
    expect(top.article.id).toBe(ids['000']);
    expect(top.text).toMatch(/McMaster denied the story/);
    expect(items(r).slice(0, 2).some((i) => /McMaster/.test(i.speaker ?? ''))).toBe(true);
  });

  it('counts the same quote across articles once, with its corroboration', async () => {
    const r = await run('quote', { query: 'I get great intel. I have people brief me on great intel every day' });
    const intel = items(r).filter((i) => /brief me on great intel/.test(i.quote));
    expect(intel).toHaveLength(1);
    expect(intel[0]!.corroboration.articles).toBeGreaterThanOrEqual(2);
  });

  it('narrows to a speaker given by any form of the name', async () => {
    const r = await run('quote', { query: 'intelligence', speaker: 'mcmaster' });
    expect(items(r).length).toBeGreaterThan(0);
    for (const i of items(r)) expect(i.speaker).toMatch(/McMaster/);
    expect(r.title).toMatch(/McMaster/);
  });

  it('pages: five items, then the rest through Paging', async () => {
    const r1 = await run('quote', { query: 'intelligence' });
    expect(items(r1)).toHaveLength(5);
    expect(r1.paging).toMatchObject({ command: 'quote', offset: 5, pageSize: 5 });
    expect(r1.paging!.total).toBeGreaterThan(5);
    const r2 = await runPage(seeded.services, testInvocation(), r1.paging!);
    expect(items(r2).length).toBeGreaterThan(0);
    const seen = new Set(items(r1).map((i) => i.statementId));
    for (const i of items(r2)) expect(seen.has(i.statementId)).toBe(false);
  });

  it('answers an empty query with the help text', async () => {
    const r = await run('quote', { query: '   ' });
    expect(r.title).toMatch(/quote/);
    expect(r.sections.flatMap((s) => s.lines ?? []).join('\n')).toMatch(/Usage: \/quote/);
  });

  it('cuts a query over 500 characters, with a notice, and still answers', async () => {
    const r = await run('quote', { query: `great intel ${'x'.repeat(600)}` });
    expect(r.notices.join(' ')).toMatch(/cut to 500 characters/);
    expect(r.isError).toBeFalsy();
  });

  it('treats regex symbols, markup and emoji as plain text', async () => {
    for (const query of ['(.*)+[', '<script>alert(1)</script>', '🔥🔥 intel ✨', '\\', '"unterminated']) {
      const r = await run('quote', { query });
      expect(r.title).toBeTruthy();
      expect(r.isError).toBeFalsy();
    }
  });

  it('leaves out statements that match only through their article\'s headline', async () => {
    // 002's headline says "absolute right"; of its 30-odd statements only three sentences do.
    const r = await run('quote', { query: 'absolute right' });
    expect(r.paging).toBeUndefined();
    expect(items(r).length).toBeGreaterThanOrEqual(3);
    for (const i of items(r)) expect(i.text).toMatch(/absolute right/);
  });

  it('finds the statements of a paragraph pasted from an article, quotation marks and all (QA 5, B6)', async () => {
    const paragraph =
      'Multiple media outlets, including CNN, the Wall Street Journal and the New York Times, are now reporting Israel was the source of the information. ' +
      'The US shares a "unique" intelligence-sharing arrangement with Israel - which could be damaged by Trump\'s actions.';
    const r = await run('quote', { query: paragraph });
    expect(items(r).map((i) => i.text).join(' | ')).toMatch(/Israel was the source of the information/);
    expect(r.notices.join(' ')).toMatch(/Searched as a passage/);
  });

  it('says so when nothing matches', async () => {
    const r = await run('quote', { query: 'zzqx wvvk' });
    expect(items(r)).toHaveLength(0);
    expect(r.title).toMatch(/No quotes/);
  });

  it('an unknown speaker gets close names instead of someone else\'s words', async () => {
    const r = await run('quote', { query: 'intel', speaker: 'Obama' });
    expect(r.isError).toBe(true);
    expect(r.title).toMatch(/Obama/);
  });
});

describe('/whosaid', () => {
  it.each([
    ["it didn't happen", /McMaster/, '000'],
    ['it didnt hapen', /McMaster/, '000'],
    ['great intel', /Trump/, undefined],
    ['full confidence in our intelligence-sharing relationship', /Dermer/, '000'],
    ['wholly appropriate to that conversation', /McMaster/, '000'],
  ])('"%s" → %s', async (words, speaker, article) => {
    const r = await run('whosaid', { words });
    expect(r.title).toMatch(speaker);
    const top = first(r);
    expect(top.speaker).toMatch(speaker);
    if (article) expect(top.article.id).toBe(ids[article]);
  });

  it('does not list the same words twice from one article', async () => {
    const r = await run('whosaid', { words: "it didn't happen" });
    const keys = items(r).map((i) => `${i.article.id}|${i.quote}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives the help text for nothing, and an honest answer for nonsense', async () => {
    expect((await run('whosaid', {})).title).toMatch(/whosaid/);
    const r = await run('whosaid', { words: 'qqqq zzzz' });
    expect(r.title).toMatch(/Nobody/);
  });
});

describe('a speaker named by role (QA 5)', () => {
  it('"what did the president say about intel" takes the president as Donald Trump, and says so', async () => {
    const r = await run('speaker', { name: 'the president', query: 'intel' });
    expect(r.title).toBe('What Donald Trump said about “intel”');
    expect(r.notices.join(' ')).toMatch(/“the president” taken as Donald Trump \(president\)/);
    expect(first(r).text).toMatch(/great intel/);
  });

  it('works in free text and as a /quote speaker, and an unknown role is still an unknown name', async () => {
    const free = await run('speaker', { query: 'the national security adviser' });
    expect(free.title).toBe('What H.R. McMaster said');
    expect(free.notices.join(' ')).toMatch(/taken as H\.R\. McMaster/);
    const q = await run('quote', { query: 'intel', speaker: 'the president' });
    expect(items(q).every((i) => i.speaker === 'Donald Trump')).toBe(true);
    expect((await run('speaker', { name: 'the archbishop' })).title).toMatch(/No speaker called/);
  });
});

describe('/sources', () => {
  it('lists each article reporting the claim, with its statement and outlets', async () => {
    const r = await run('sources', { claim: 'Israel was the source' });
    const found = items(r);
    const articles = found.map((i) => i.article.id);
    expect(articles).toContain(ids['000']);
    expect(articles).toContain(ids['001']);
    expect(new Set(articles).size).toBe(articles.length);
    for (const i of found) expect(i.text).toMatch(/Israel/);
    expect(r.text).toMatch(/New York Times/);
    expect(r.sections[0]!.articles!.map((a) => a.id)).toEqual(articles);
  });

  it('expands a corroborated quote to every article that has it', async () => {
    const r = await run('sources', { claim: 'I get great intel' });
    const articles = new Set(items(r).map((i) => i.article.id));
    expect(articles.size).toBeGreaterThanOrEqual(2);
  });

  it('says when no article reports a claim', async () => {
    const r = await run('sources', { claim: 'penguins invaded Canberra' });
    expect(items(r)).toHaveLength(0);
    expect(r.title).toMatch(/No sources/);
  });
});

describe('/speaker', () => {
  it('answers with what the speaker said about the words', async () => {
    const r = await run('speaker', { name: 'McMaster', query: 'threats to aviation' });
    expect(r.title).toMatch(/McMaster/);
    const top = first(r);
    expect(top.speaker).toMatch(/McMaster/);
    expect(top.quote).toMatch(/threats to aviation/);
  });

  it('splits a free-text "name words" line', async () => {
    const r = await run('speaker', { query: 'Dermer intelligence-sharing relationship' });
    expect(first(r).speaker).toMatch(/Dermer/);
    expect(r.title).toMatch(/Dermer/);
  });

  it('lists a speaker\'s statements without a query', async () => {
    const r = await run('speaker', { name: 'Ron Dermer' });
    expect(items(r).length).toBeGreaterThan(0);
    for (const i of items(r)) expect(i.speaker).toMatch(/Dermer/);
  });

  it('an unknown name gets close known names', async () => {
    const r = await run('speaker', { name: 'McMister' });
    // A typo this close resolves; a name that is not there does not.
    expect(r.title).toMatch(/McMaster/);
    const unknown = await run('speaker', { name: 'Dermor Rin' });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toMatch(/Dermer/);
  });
});
