import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';
import { EntityTracker } from '../src/extract/coreference.js';
import { registerNames } from '../src/extract/mentions.js';
import { tokenize } from '../src/extract/tokens.js';

const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const first = (...paras: string[]) => extractStatements(article(paras.join('\n'))).find((s) => s.kind !== 'statement');

describe('speaker phrases', () => {
  it('a circumstance after an inverted speaker is not part of the name', () => {
    expect(first('“The quay stays shut,” said Harbourmaster Tom Pike in a statement.')).toMatchObject({ speaker: 'Tom Pike', speakerMention: 'Harbourmaster Tom Pike' });
    expect(first('“The quay stays shut,” said Tom Pike on Tuesday.')?.speaker).toBe('Tom Pike');
  });

  it('"of" and "for" inside an institution\'s name belong to the speaker phrase', () => {
    expect(first('"The sea is rising fast," Jo Reed of the Harwich Institute for Coastal Studies wrote in May.')).toMatchObject({ speaker: 'Jo Reed', quote: 'The sea is rising fast' });
  });

  it('", adding" continues the attribution it follows, not the subject of the sentence', () => {
    expect(first('The ferry and the bus will merge next year, Pike said, adding, "They need to meet and settle it."')).toMatchObject({ speaker: 'Pike', cue: 'adding' });
  });

  it('the subject of a participle after "And then" or "Here in X,"', () => {
    expect(first('And then Pike went fully on the attack, saying, "Resign now."')?.speaker).toBe('Pike');
    expect(first('Here in Harwich, Reed stepped up her criticism, saying, "The levy is unfair."')?.speaker).toBe('Reed');
  });
});

describe('verbs of manner', () => {
  it('attribute only the words right before them', () => {
    expect(first('“They would have backed the only plan with votes,” Pike fumed on Tuesday.')).toMatchObject({ speaker: 'Pike', cue: 'fumed' });
    expect(first('“This is wonderful!” beamed Jo Reed of Harwich.')?.speaker).toBe('Jo Reed');
    expect(first('The crowd cried for more.')).toBeUndefined();
    expect(first('Pike laughed at the idea of a new quay.')).toBeUndefined();
  });
});

describe('the attribution that governs the sentence', () => {
  it('a closing "…, X said." governs a clause that holds a cue of its own', () => {
    expect(first('Reed promised to clean up the harbour, Pike said.')).toMatchObject({ speaker: 'Pike', quote: 'Reed promised to clean up the harbour' });
  });

  it('a plural noun after "and" is no cue ("speeches and promises")', () => {
    const st = extractStatements(article('Tom Reed, a local activist, helped organize the events.\nOrtiz won over the small crowds with long speeches and promises to clean up Harwich if elected, Reed said.\n"She was very clear," he said.')).filter((s) => s.kind !== 'statement');
    expect(st.map((s) => s.speaker)).toEqual(['Tom Reed', 'Tom Reed']);
  });
});

describe('the whole speaker phrase', () => {
  it('keeps an apposition that opens with a role, a parenthetical, and "a spokeswoman for the …"', () => {
    expect(first('Jo Reed, vice chairwoman for the harbour board, emailed members on Monday, telling them, “The quay is safe.”')?.speakerMention).toBe('Jo Reed, vice chairwoman for the harbour board');
    expect(first('In a statement, Rep. Tom Pike (D-Harwich) reacted to the news, saying: “The quay must reopen.”')?.speakerMention).toBe('Rep. Tom Pike (D-Harwich)');
    expect(first('A spokeswoman for the Harbour Safety Board emailed reporters, arguing, “The text says nothing of the kind.”')?.speaker).toBe('A spokeswoman for the Harbour Safety Board');
  });

  it('keeps a title in quote marks inside the phrase and stops at a participle after it', () => {
    const s = first('“We have to talk to them,” wrote the authors of the “Harbour Renewal Plan,” giving an example.');
    expect(s?.speaker).toBe('the authors of the Harbour Renewal Plan');
    expect(s?.speakerMention).not.toMatch(/giving/);
    expect(first('“The levy is a tax,” said Jo Reed, author of “Salt and Silt,” a history of the port.')?.speakerMention).toMatch(/author of “Salt and Silt,” a history of the port/);
  });
});

describe('more speaker phrases', () => {
  it('a relative clause between the subject and its verb', () => {
    expect(first('“The crews are under pressure,” a harbour source, who was not allowed to comment, told the Harwich Gazette.')).toMatchObject({ speaker: 'a harbour source', outlet: 'The Harwich Gazette' });
  });

  it('"state Sen. X" is a title, not the verb "state"', () => {
    expect(first('"We are binding the crews," state Sen. Jo Reed (D) said during the debate.')).toMatchObject({ speaker: 'Jo Reed', cue: 'said' });
  });

  it('"reacted" and "remembered" right after a quote', () => {
    expect(first('“Is the council listening?” reacted Pike.')).toMatchObject({ speaker: 'Pike', cue: 'reacted' });
    expect(first('"Analysts said no," remembered Jo Reed, the former spokeswoman.')?.speaker).toBe('Jo Reed');
  });

  it('a possessive is never part of a canonical name', () => {
    const st = extractStatements(article('Tom Pike’s campaign is growing. "We will win," said Tom Pike’s.\n"The quay stays," Pike said.')).filter((s) => s.kind !== 'statement');
    expect(st.every((s) => !/’s$/.test(s.speaker ?? ''))).toBe(true);
  });
});

describe('names around participles and headlines', () => {
  it('"a source speaking to Fox News said": the source speaks, Fox News is the hearer', () => {
    expect(first('Another harbour source speaking to Harbour Radio said, "The crews are exhausted."')?.speaker).toMatch(/^Another harbour source/);
  });

  it('a title-case headline verb ends the name before it', () => {
    const text = 'Jo Reed Says Tom Pike Makes Everyone Angry.';
    const tracker = new EntityTracker();
    registerNames(tracker, text, tokenize(text, 0, text.length, []), 0);
    expect(tracker.knownPerson('Reed')?.name).toBe('Jo Reed');
  });

  it('an age after a name is not a role (QA 5)', () => {
    expect(first('"We will rebuild the pier," said Jo Park, 42, a fisherman.')).toMatchObject({ speaker: 'Jo Park', speakerRole: 'fisherman' });
    expect(first('"We will rebuild the pier," Jo Park, 42, said.')).toMatchObject({ speaker: 'Jo Park', speakerRole: null });
    expect(first('"We will rebuild the pier," said Jo Park, aged 42, a fisherman from Leith.')?.speakerRole).toBe('fisherman from Leith');
  });

  it('an apposition after "according to NAME," is the speaker’s role or name, not what was said (QA 5)', () => {
    const all = (t: string) => extractStatements(article(t)).filter((x) => x.kind !== 'statement');
    const [withRole] = all('According to Ann Vale, the harbourmaster, the north wall "could go at any time" if storms continue.');
    expect(withRole).toMatchObject({ speaker: 'Ann Vale', speakerRole: 'harbourmaster' });
    expect(withRole!.quote).toMatch(/^the north wall/);
    const [named] = all('According to the harbourmaster, Ann Vale, the north wall is failing.');
    expect(named).toMatchObject({ speaker: 'Ann Vale', quote: 'the north wall is failing' });
    // A comma-set phrase about the thing said stays in it.
    const [thing] = all('According to Ann Vale, the north wall, built in 1900, is failing.');
    expect(thing!.quote).toMatch(/^the north wall, built in 1900, is failing/);
  });

  it('after "according to NAME," a thing shaped like a person noun ("tower": -er) is no role when a relative clause on it or a participle follows', () => {
    const all = (t: string) => extractStatements(article(t)).filter((x) => x.kind !== 'statement');
    const [tower] = all('According to Smith, the tower, which was built in 1900, is failing.');
    expect(tower).toMatchObject({ speaker: 'Smith', speakerRole: null, quote: 'the tower, which was built in 1900, is failing' });
    const [built] = all('According to Smith, the tower, built in 1900, is failing.');
    expect(built).toMatchObject({ speaker: 'Smith', speakerRole: null, quote: 'the tower, built in 1900, is failing' });
    // a role after the name, with the words after it, is kept
    expect(all('The wall is failing, according to Ann Vale, the harbourmaster, who inspected it.')[0]).toMatchObject({ speaker: 'Ann Vale', speakerRole: 'harbourmaster' });
  });
});

describe('someone who speaks for a named person is not that person', () => {
  const all = (...paras: string[]) => extractStatements(article(paras.join('\n'))).filter((s) => s.kind !== 'statement');
  const intro = 'Mayor Jo Vantner opened the new quay on Monday. Harbour Chief Tom Pell was there.';

  it('"a spokesman for X", "an aide to X", "a source close to X", "a lawyer for X" keep the description', () => {
    const s = all(intro, 'A spokesman for Vantner said the mayor would not resign.', 'An aide to Vantner told the Quay Gazette that the mayor knew of the leak.', 'A source close to Pell said he was angry about the delay.', 'A lawyer for Jo Vantner said the claim was false.');
    expect(s.map((x) => [x.speaker, x.speakerRole])).toEqual([
      ['A spokesman for Vantner', null],
      ['An aide to Vantner', null],
      ['A source close to Pell', null],
      ['A lawyer for Jo Vantner', null],
    ]);
    expect(s[1]!.outlet).toBe('The Quay Gazette');
  });

  it('"a person familiar with X\'s thinking" is one description, not cut into a speaker and a role', () => {
    expect(first(intro, '"The mayor will not resign," said a person familiar with Vantner\'s thinking.')).toMatchObject({
      speaker: "a person familiar with Vantner's thinking",
      speakerRole: null,
    });
  });

  it('a title of the person named is not copied onto the representative', () => {
    expect(first(intro, '"We will not resign," said an aide to Mayor Jo Vantner.')).toMatchObject({ speaker: 'an aide to Mayor Jo Vantner', speakerRole: null });
    expect(first(intro, 'A spokeswoman for Mayor Jo Vantner said the quay was safe.')).toMatchObject({ speaker: 'A spokeswoman for Mayor Jo Vantner', speakerRole: null });
    expect(first(intro, 'An adviser to the mayor said she was tired.')?.speaker).toBe('An adviser to the mayor');
  });

  it('a capitalised title is still a title, and a possessive description stays as it was', () => {
    expect(first('Secretary of State Ann Morrow said the talks were useful.')).toMatchObject({ speaker: 'Ann Morrow', speakerRole: 'Secretary of State' });
    expect(first(intro, "Vantner's spokeswoman said the mayor was away.")?.speaker).toBe("Vantner's spokeswoman");
    expect(first('Officials at Quayside Bank said the data was safe.')?.speaker).toBe('Officials at Quayside Bank');
  });
});
