import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';
import type { Statement } from '../src/domain/statement.js';

const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
/** The statement of the paragraph after an opening that quotes someone else (Mayor Tom Pike). */
const after = (para: string): Statement | undefined =>
  extractStatements(article(['Mayor Tom Pike opened the meeting. "We will rebuild," Pike said.', para].join('\n'))).find((s) => s.paragraph === 1 && s.kind !== 'statement');

describe('attribution shapes without a plain speech verb', () => {
  it('"X was quoted as saying …" and "X is reported to have said …" are X\'s words', () => {
    expect(after('Ruth Calder was quoted as saying the bridge would close.')).toMatchObject({ kind: 'indirect', speaker: 'Ruth Calder', cue: 'quoted as saying', quote: 'the bridge would close' });
    expect(after('"The bridge is finished," Ruth Calder has been quoted as saying.')).toMatchObject({ kind: 'direct', speaker: 'Ruth Calder', cue: 'quoted as saying' });
    expect(after('Ruth Calder is reported to have said that the bridge would close.')).toMatchObject({ kind: 'indirect', speaker: 'Ruth Calder', cue: 'reported to have said' });
    // (negated: nothing)
    expect(after('Ruth Calder was never quoted as saying the bridge would close.')).toBeUndefined();
  });

  it('"In X\'s words, “…”", "In the words of X: “…”", "As X put it, “…”" give the quote to X', () => {
    expect(after('In Ruth Calder\'s words, "the bridge is finished."')).toMatchObject({ kind: 'direct', speaker: 'Ruth Calder', speakerMention: 'Ruth Calder' });
    expect(after('In the words of Ruth Calder, the county engineer: "The bridge is finished."')).toMatchObject({ kind: 'direct', speaker: 'Ruth Calder', speakerRole: 'county engineer' });
    expect(after('As Calder put it, "the bridge is finished."')).toMatchObject({ kind: 'direct', speaker: 'Calder', cue: 'put it' });
    const own = extractStatements(article('Mayor Tom Pike opened the meeting.\nRuth Calder disagreed. In her own words, "the bridge is finished."')).find((s) => s.kind === 'direct');
    expect(own).toMatchObject({ speaker: 'Ruth Calder', speakerMention: 'her' });
    // (mid-sentence, the sentence's own cue governs: no direct quote of the "words")
    const mid = extractStatements(article('Calder promised to act because, in her words, "the bridge is finished."')).filter((s) => s.kind === 'direct');
    expect(mid.every((s) => s.cue !== 'in the words of')).toBe(true);
  });

  it('`"…," per X` after a quote opening the sentence is "according to X"', () => {
    expect(after('"The bridge is finished," per a statement from the county.')).toMatchObject({ kind: 'direct', speaker: 'a statement from the county', cue: 'per' });
  });

  it('`"…," a tweet from Calder read`: the document the name wrote stands between the quote and the name', () => {
    expect(after('"The bridge is finished," a tweet from Calder read.')).toMatchObject({ kind: 'direct', cue: 'read', speaker: 'a tweet from Calder' });
  });
});
