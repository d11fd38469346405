import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';

// Invented people and places. "called X “…”" is how news reports an epithet: the quoted words are the
// speaker's, and a user asking "who said unhinged?" must find them.
const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const quotes = (...paras: string[]) => extractStatements(article(['The Harwich ferry board met on Monday.', ...paras].join('\n'))).filter((s) => s.kind !== 'statement');

describe('"called X “…”": an epithet in the speaker’s words', () => {
  it('a name as the object', () => {
    const s = quotes('Bob Quill called Ruth Calder “unhinged.”');
    expect(s.find((x) => x.kind === 'mixed')).toMatchObject({ speaker: 'Bob Quill', cue: 'called' });
    expect(s.find((x) => x.kind === 'direct')).toMatchObject({ speaker: 'Bob Quill', quote: 'unhinged.' });
  });

  it('a longer object, with an apposition', () => {
    expect(quotes('Bob Quill called the mayor’s handling of the tides “disrespectful to everyone at sea.”').find((x) => x.kind === 'direct')).toMatchObject({ speaker: 'Bob Quill', quote: 'disrespectful to everyone at sea.' });
    expect(quotes('Speaking in Harwich, Bob Quill called Ruth Calder, his rival on the board, a harbour “wrecker.”').find((x) => x.kind === 'direct')).toMatchObject({ speaker: 'Bob Quill', quote: 'wrecker.' });
  });

  it('not a clause or a verb between "called" and the quote', () => {
    expect(quotes('Bob Quill called Ruth Calder after the board said it was “finished.”').some((x) => x.speaker === 'Bob Quill' && x.cue === 'called')).toBe(false);
  });
});

describe('"called “…”" naming a thing is no one’s words', () => {
  it('a noun with its determiner, then a name in quote marks', () => {
    expect(quotes('A group called “Ports First” met on Monday.')).toEqual([]);
    expect(quotes('The group, called “Ports First,” met on Monday.')).toEqual([]);
  });

  it('a person calling out words still speaks', () => {
    expect(quotes('The mayor called “Enough!” and left the room.')[0]).toMatchObject({ speaker: 'The mayor', quote: 'Enough!' });
  });
});

describe('a speech noun in a noun compound is no cue', () => {
  it('"the ferry report", "his campaign promise", "a new report" do not speak', () => {
    expect(quotes('Bob Quill, the author of the ferry report, said the board would meet again.')[0]).toMatchObject({ speaker: 'Bob Quill', cue: 'said', quote: 'the board would meet again' });
    expect(quotes('Quill repeated his campaign promise on Saturday when he met the skippers.').some((s) => /campaign/.test(s.speaker ?? ''))).toBe(false);
    expect(quotes('A new report compares the fares of ten ferry lines.')).toEqual([]);
  });

  it('a plural or collective subject still speaks with a base form', () => {
    expect(quotes('The harbour users report that the channel is silting up.')[0]).toMatchObject({ speaker: 'The harbour users', quote: 'the channel is silting up' });
    expect(quotes('The harbour police say the ferry is safe.')[0]?.speaker).toBe('The harbour police');
    expect(quotes('The mayor’s office say the ferry is safe.')[0]?.quote).toBe('the ferry is safe');
  });
});
