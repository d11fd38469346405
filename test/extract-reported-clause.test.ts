import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import { reportsClause } from '../src/extract/passages.js';
import { tokenize } from '../src/extract/tokens.js';
import type { Article } from '../src/domain/article.js';

const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const run = (...paras: string[]) => extractStatements(article(paras.join('\n')));
const reported = (...paras: string[]) => run(...paras).filter((s) => s.kind !== 'statement');
const clause = (words: string) => {
  const toks = tokenize(words, 0, words.length, []);
  return reportsClause(toks, 0, toks.length - 1);
};

describe('reported speech needs a clause', () => {
  it('an object noun phrase or prepositional phrase after a cue reports nothing', () => {
    expect(reported('The harbourmaster denied the rumour outright.')).toEqual([]);
    expect(reported('Mayor Kim Aldous boasted about the budget she had balanced.')).toEqual([]);
  });

  it('a clause after the cue is reported speech', () => {
    expect(reported('Critics said the plan was unworkable.')[0]).toMatchObject({ kind: 'indirect', speaker: 'Critics', quote: 'the plan was unworkable' });
    expect(reported('Kim Aldous tweeted she had the right to speak.')[0]).toMatchObject({ kind: 'indirect', quote: 'she had the right to speak' });
    expect(reported('The union vowed to strike in March.')[0]).toMatchObject({ kind: 'indirect', quote: 'to strike in March' });
    expect(reported('Kim Aldous said on Friday that the ferry would run.')[0]?.quote).toContain('the ferry would run');
  });

  it('tells a clause from an object', () => {
    expect(clause('the ferry would run')).toBe(true);
    expect(clause('he had the right')).toBe(true);
    expect(clause('after the vote he would resign')).toBe(true);
    expect(clause('about 20 people have applied')).toBe(true);
    expect(clause('Harwich, a small port, was the source')).toBe(true);
    expect(clause('the levy, run by the port, has paid off')).toBe(true);
    expect(clause('the mayor and her deputies should resign')).toBe(true);
    expect(clause('many of the boats in the fleet were never at sea')).toBe(true);
    expect(clause('at a stop in Hull, Yorkshire, that the levy works')).toBe(true);
    expect(clause('the rumour and said the ferry was safe')).toBe(false);
    expect(clause('this is a rough patch')).toBe(true);
    expect(clause('last quarter that sales fell')).toBe(true);
    expect(clause('it quietly dropped the plan')).toBe(true);
    expect(clause('the heat and humid air could last')).toBe(true);
    expect(clause('the story outright')).toBe(false);
    expect(clause('about the money he had')).toBe(false);
    expect(clause('any wrongdoing')).toBe(false);
  });

  it('the reported words start at the clause, after a time phrase or the hearer', () => {
    expect(reported('The port reported last quarter that tonnage fell.')[0]?.quote).toBe('tonnage fell');
    expect(reported('Kim Aldous told reporters on Friday that the ferry would run.')[0]?.quote).toBe('the ferry would run');
    expect(reported('Kim Aldous said about 20 boats have left.')[0]?.quote).toBe('about 20 boats have left');
  });

  it('a later cue with a clause still reports: "denied X and said Y"', () => {
    const [s] = reported('Kim Aldous denied the rumour and said the ferry was safe.');
    expect(s).toMatchObject({ speaker: 'Kim Aldous', quote: 'the ferry was safe' });
  });

  it('a negated cue is not a statement of its content', () => {
    expect(reported('The report spread quickly, though the council itself has not officially confirmed the story.')).toEqual([]);
    expect(reported('Kim Aldous did not say the ferry was unsafe.')).toEqual([]);
    expect(reported('The harbourmaster never said the port would close.')).toEqual([]);
  });

  it('the subject of an object-only cue still speaks the next quote', () => {
    const st = run('Kim Aldous denied the rumour outright. "It never happened."');
    expect(st[1]).toMatchObject({ kind: 'direct', speaker: 'Kim Aldous' });
  });
});

describe('assertive acts report their object', () => {
  it('"predicted a win", "announced his resignation" are what the speaker asserted; "denied the report" is not', () => {
    expect(reported('Mayor Kim Aldous predicted a narrow win in the harbour ward.')[0]).toMatchObject({ kind: 'indirect', quote: 'a narrow win in the harbour ward' });
    expect(reported('Tom Pike announced his resignation on Friday.')[0]?.quote).toMatch(/^his resignation/);
    expect(reported('Tom Pike denied the report outright.')).toEqual([]);
  });
});

describe('the object of a speech act', () => {
  it('ends where the writer\'s own clause begins', () => {
    expect(reported('The council openly called for the closure of the quay, even though the ferry still ran.')[0]?.quote).toBe('the closure of the quay');
    expect(reported('Tom Pike predicted a narrow win, which surprised no one.')[0]?.quote).toBe('a narrow win, which surprised no one');
  });

  it('"used the meeting to call for …" is a call by the subject', () => {
    expect(reported('Jo Reed used her speech to call for the resignation of the harbourmaster, but few listened.')[0]).toMatchObject({ speaker: 'Jo Reed', quote: 'the resignation of the harbourmaster' });
  });
});

describe('prepositional objects that are reported content', () => {
  it('an indirect question after "about" and the object of a warning are reported; a topic is not', () => {
    expect(reported('Tom Pike spoke about how the quay had been flooded.')[0]?.quote).toBe('how the quay had been flooded');
    expect(reported('Jo Reed warned of the costs a new levy would bring.')[0]?.quote).toBe('the costs a new levy would bring');
    expect(reported('Mayor Kim Aldous boasted about the budget she had balanced.')).toEqual([]);
  });
});
