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

describe('more shapes that gave the quote to the speaker before it', () => {
  it('`"…," Calder emailed / texted.` (written messages, only right after the words)', () => {
    expect(after('"The bridge is finished," Calder emailed.')).toMatchObject({ kind: 'direct', speaker: 'Calder', cue: 'emailed' });
    expect(after('"The bridge is finished," Calder texted.')).toMatchObject({ kind: 'direct', speaker: 'Calder', cue: 'texted' });
    // (what one emails is more often a document: "emailed a link to the video: “…”" is no quote of hers)
    expect(after('Calder emailed a link to the video with one line: "THIS IS NOT OK."')?.cue).not.toBe('emailed');
  });

  it('a quote signed "– Name, role" is that person\'s', () => {
    expect(after('"The bridge is finished." – Ruth Calder, county engineer')).toMatchObject({ kind: 'direct', speaker: 'Ruth Calder', speakerRole: 'county engineer' });
  });

  it('the sentence after a quote-only sentence may name its speaker: "That was the verdict of X.", "So says X."', () => {
    expect(after('"The bridge is finished." That was the verdict of Ruth Calder, the county engineer.')).toMatchObject({ kind: 'direct', speaker: 'Ruth Calder', cue: 'verdict' });
    expect(after('"The bridge is finished." So says Ruth Calder, the county engineer.')).toMatchObject({ kind: 'direct', speaker: 'Ruth Calder', cue: 'says' });
  });

  it('"For Calder, the answer is simple: “…”" is Calder\'s', () => {
    expect(after('For Calder, the answer is simple: "The bridge is finished."')).toMatchObject({ kind: 'direct', speaker: 'Calder' });
  });

  it('"Says Ruth Calder: “…”": the inverted cue is no title of hers', () => {
    expect(after('Says Ruth Calder: "The bridge is finished."')).toMatchObject({ speaker: 'Ruth Calder', speakerRole: null });
  });

  it('"Calder was blunt. “…”": a sentence on how someone spoke names who speaks next; other adjectives do not', () => {
    expect(after('Ruth Calder was blunt. "The bridge is finished."')).toMatchObject({ kind: 'direct', speaker: 'Ruth Calder' });
    expect(after('The engineer, Ruth Calder, was more cautious about the timetable. "It could take a year."')).toMatchObject({ speaker: 'Ruth Calder' });
    expect(after('Ruth Calder was tired. "The bridge is finished."')?.speaker).toBeNull();
  });
});

describe('two people speaking together', () => {
  it('"“…,” Ruth Calder and Bob Quill said" is both of theirs, not the speaker before', () => {
    expect(after('"The bridge is finished," Ruth Calder and Bob Quill said in a joint statement.')).toMatchObject({ kind: 'direct', speaker: 'Ruth Calder and Bob Quill' });
    expect(after('Ruth Calder and Bob Quill said the bridge would close.')).toMatchObject({ kind: 'indirect', speaker: 'Ruth Calder and Bob Quill' });
    // (inverted: no more "Bob Quill" with the role "Ruth Calder and")
    expect(after('"The bridge is finished," said Ruth Calder and Bob Quill.')).toMatchObject({ speaker: 'Ruth Calder and Bob Quill', speakerRole: null });
    // (one person with two titles, or the last two of a list, is no pair)
    expect(after('"The bridge is finished," said Chairman and CEO Jo Reed.')).toMatchObject({ speaker: 'Jo Reed' });
    expect(after('Most voters in Harwich, Dale and Leeford said the bridge would close.')?.speaker).not.toBe('Dale and Leeford');
  });
});

describe('"said one", "added another"', () => {
  it('one of the people described speaks: the apposition, or nobody named — never the speaker before', () => {
    expect(after('"The bridge is finished," said one, a retired teacher.')).toMatchObject({ kind: 'direct', speaker: 'a retired teacher' });
    expect(after('"The bridge is finished," added another.')).toMatchObject({ kind: 'direct', speaker: null, speakerMention: 'another' });
  });
});

describe('a question put to someone, and the writer\'s adjectives before a name', () => {
  it('`"…?" Ruth Calder was asked. "No."`: the question is nobody named\'s, the answer Calder\'s', () => {
    const all = extractStatements(article(['Mayor Tom Pike opened the meeting. "We will rebuild," Pike said.', '"Will the bridge close?" Ruth Calder was asked. "No."'].join('\n')));
    expect(all.find((s) => s.quote === 'Will the bridge close?')).toMatchObject({ kind: 'direct', speaker: null, cue: 'asked' });
    expect(all.find((s) => s.quote === 'No.')).toMatchObject({ kind: 'direct', speaker: 'Ruth Calder' });
  });

  it('"a visibly angry Ruth Calder said" is Ruth Calder', () => {
    expect(after('"The bridge is finished," a visibly angry Ruth Calder said.')).toMatchObject({ speaker: 'Ruth Calder', speakerMention: 'a visibly angry Ruth Calder' });
  });
});
