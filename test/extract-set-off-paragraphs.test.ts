import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';

const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const run = (...paras: string[]) => extractStatements(article(paras.join('\n')));

describe('words set off as a paragraph of their own, without quote marks', () => {
  it('after "tweeted:" the next paragraph is the tweet', () => {
    const st = run('Mayor Kim Aldous tweeted:', 'The ferry runs again from Monday and every crossing is free for a week', 'The council met later.');
    expect(st.find((s) => s.paragraph === 1)).toMatchObject({ kind: 'direct', speaker: 'Kim Aldous', cue: 'tweeted', quote: 'The ferry runs again from Monday and every crossing is free for a week' });
    expect(st.find((s) => s.paragraph === 2)?.kind).toBe('statement');
  });

  it('after "said in a statement:" the next paragraph is the statement, and the colon line reports nothing itself', () => {
    const st = run('The port authority said in a statement:', 'No vessel was at risk and the harbour stays open.');
    expect(st.filter((s) => s.kind !== 'statement')).toEqual([
      expect.objectContaining({ paragraph: 1, kind: 'direct', speaker: 'The port authority', cue: 'said in a statement', quote: 'No vessel was at risk and the harbour stays open.' }),
    ]);
  });

  it('a short first-person paragraph right after "X tweeted …" closed the paragraph before is what X wrote', () => {
    const st = run('Mayor Kim Aldous stayed defiant and tweeted she had every right to close the pier.', 'As mayor I closed the pier to keep our families safe.');
    expect(st[1]).toMatchObject({ kind: 'direct', speaker: 'Kim Aldous', cue: 'tweeted', quote: 'As mayor I closed the pier to keep our families safe.' });
  });

  it('but not a paragraph of reporting after it', () => {
    const a = run('Mayor Kim Aldous tweeted she had every right to close the pier.', 'The pier has been closed since March.');
    expect(a[1]?.kind).toBe('statement');
    const b = run('Mayor Kim Aldous tweeted she had every right to close the pier.', 'Our readers asked about it, and the harbourmaster said the pier was safe.');
    expect(b[1]).toMatchObject({ kind: 'indirect', speaker: 'the harbourmaster' });
    const c = run('Mayor Kim Aldous said she had every right to close the pier.', 'As mayor I closed the pier to keep our families safe.');
    expect(c[1]?.kind).toBe('statement');
  });
});
