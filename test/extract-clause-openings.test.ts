import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';

// Invented people and places; the shapes are the ones that gave no statement at all.
const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const reported = (...paras: string[]) => extractStatements(article(['The Harwich ferry board met on Monday.', ...paras].join('\n'))).filter((s) => s.kind !== 'statement');

describe('"said that “…”": a quote after "that" closing the sentence', () => {
  it('is the speaker’s direct quote', () => {
    const s = reported('Ruth Calder said that “the ferry will run until the last passenger is home.”');
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ kind: 'direct', speaker: 'Ruth Calder', cue: 'said', quote: 'the ferry will run until the last passenger is home.' });
  });

  it('also with a hearer before "that"', () => {
    const s = reported('Ruth Calder told reporters that “if the tide is high I think we will be fine.”');
    expect(s[0]).toMatchObject({ speaker: 'Ruth Calder', quote: expect.stringContaining('if the tide is high I think we will be fine') });
  });

  it('a quote with words after it stays one reported passage', () => {
    const s = reported('Ruth Calder said that “the ferry will run,” and that the fares “will not rise.”');
    expect(s[0]).toMatchObject({ kind: 'mixed', speaker: 'Ruth Calder' });
    expect(s[0]!.quote).toContain('will not rise');
  });

  it('a later cue keeps the first clause as its own passage', () => {
    const s = reported('Ruth Calder said she was “stunned” by the vote, arguing that “the board has ignored the harbour for years.”');
    expect(s.some((x) => x.kind === 'mixed' && x.cue === 'said' && /stunned/.test(x.quote ?? ''))).toBe(true);
  });
});

describe('a reported clause that opens with a fronted adverbial', () => {
  it('a subordinate clause before the subject', () => {
    expect(reported('Ruth Calder says despite the storm damage, the ferry will sail on Friday.')[0]).toMatchObject({ kind: 'indirect', speaker: 'Ruth Calder', quote: 'despite the storm damage, the ferry will sail on Friday' });
    expect(reported('Bob Quill said if the vote fails, he would resign from the board.')[0]).toMatchObject({ speaker: 'Bob Quill', quote: 'if the vote fails, he would resign from the board' });
  });

  it('an aside set off by commas', () => {
    expect(reported('Ruth Calder says, win or lose on Thursday, she is staying on the board.')[0]).toMatchObject({ speaker: 'Ruth Calder', quote: 'win or lose on Thursday, she is staying on the board' });
  });

  it('not a preposition phrase, a participle or a name after the cue', () => {
    // the cue governs a subordinate clause of its own; the main clause is the writer's
    expect(reported('As Ruth Calder reported in her column, the ferry board had lost money for years.').some((s) => s.cue === 'reported' && /in her column/.test(s.quote ?? ''))).toBe(false);
    expect(reported('The board has responded, with notices set to go up on every quay by Friday.')).toEqual([]);
    expect(reported('One of the authors of the ferry report, Bob Quill, said the board would meet again.').every((s) => s.speaker === 'Bob Quill')).toBe(true);
  });
});

describe('"expressed concern that …"', () => {
  it('a stance expressed with a clause reports the clause', () => {
    expect(reported('Ruth Calder expressed concern that the ferry was unsafe.')[0]).toMatchObject({ kind: 'indirect', speaker: 'Ruth Calder', cue: 'expressed concern', quote: 'the ferry was unsafe' });
    expect(reported('Bob Quill expressed deep doubts that the vote would pass.')[0]).toMatchObject({ speaker: 'Bob Quill', quote: 'the vote would pass' });
  });

  it('not an object without a clause', () => {
    expect(reported('Ruth Calder expressed her condolences over the loss.')).toEqual([]);
    expect(reported('Ruth Calder expressed concern about the fares.')).toEqual([]);
    expect(reported('The Harwich Express left at noon.')).toEqual([]);
  });
});

describe('reported clauses whose subject was misread', () => {
  it('"each year of …" is a subject, not a time', () => {
    expect(reported('Tom Doyle said each year of schooling yields a rise in pay.')[0]).toMatchObject({ speaker: 'Tom Doyle', quote: 'each year of schooling yields a rise in pay' });
  });

  it('a month abbreviation inside the clause', () => {
    expect(reported('The officials said the mayor’s Dec. 28 meeting with Quill was arranged weeks ago.')[0]?.quote).toBe('the mayor’s Dec. 28 meeting with Quill was arranged weeks ago');
  });

  it('a plural subject, an adverb and its verb', () => {
    expect(reported('The skaters say officers still scrutinize the park.')[0]).toMatchObject({ speaker: 'The skaters', quote: 'officers still scrutinize the park' });
  });
});

describe('a one-word answer', () => {
  it('"said no" reports the answer, not the question before it', () => {
    const s = reported('Asked if he would resign, Bob Quill said no.');
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ speaker: 'Bob Quill', kind: 'indirect' });
    expect(s[0]!.quote).toMatch(/^no\.?$/);
    expect(reported('Asked whether fares would rise, Ruth Calder said yes.')[0]?.quote).toBe('yes');
  });
});

describe('a document someone sent, "saying …"', () => {
  it('gives the words to the sender', () => {
    expect(reported('The town released a statement Wednesday saying the fares were fair.')[0]).toMatchObject({ speaker: 'The town', cue: 'saying', quote: 'the fares were fair' });
    expect(reported('Shortly after the vote, Harbourmaster Bob Quill issued a statement saying the port would stay open.')[0]).toMatchObject({ speaker: 'Bob Quill', quote: 'the port would stay open' });
  });

  it('not a document someone else wrote', () => {
    expect(reported('Bob Quill cited a report saying the port was unsafe.').some((s) => s.cue === 'saying' && s.speaker === 'Bob Quill')).toBe(false);
  });
});

describe('a writer’s apposition after a parenthetical attribution', () => {
  it('is not part of the words', () => {
    expect(reported('The port will close, the board said on Monday, a blow to the town.')[0]?.quote).toBe('The port will close');
    expect(reported('If the storm is small, the board said, the ferry may wait.')[0]?.quote).toBe('If the storm is small the ferry may wait');
  });
});
