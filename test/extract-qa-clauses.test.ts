import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';

const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const reported = (...paras: string[]) => extractStatements(article(paras.join('\n'))).filter((s) => s.kind !== 'statement');

describe('the terms of anonymity are not reported speech', () => {
  it('"who asked not to be named" is no statement of its own', () => {
    const out = reported('A ferry company manager, who asked not to be named, said the crossing would stop in May.');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ speaker: 'A ferry company manager', cue: 'said', quote: 'the crossing would stop in May' });
    expect(reported('The skipper asked not to be identified by name.')).toEqual([]);
  });

  it('"speaking on condition of anonymity" between subject and verb', () => {
    const out = reported('The inspector, speaking on condition of anonymity, said the pier had rotted through.');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ speaker: 'The inspector', quote: 'the pier had rotted through' });
  });

  it('a cue still reports the clause after the terms', () => {
    expect(reported('A council clerk said on condition of anonymity that the vote had been rigged.')[0]).toMatchObject({ speaker: 'A council clerk', quote: 'the vote had been rigged' });
  });
});

describe('circumstances before "that" are not reported words', () => {
  it('with quoted fragments in the clause, the words start after "that"', () => {
    const a = reported('The mayor’s office said in a statement on Friday that she "fully backs" the new ferry timetable.')[0];
    expect(a).toMatchObject({ kind: 'mixed', speaker: 'The mayor’s office', cue: 'said in a statement', quote: 'she "fully backs" the new ferry timetable' });
    const b = reported('Ruth Okafor wrote on X that the bus cuts were "short-sighted and cruel".')[0];
    expect(b).toMatchObject({ kind: 'mixed', speaker: 'Ruth Okafor', cue: 'wrote', quote: 'the bus cuts were "short-sighted and cruel"' });
  });

  it('the same without quote marks', () => {
    expect(reported('Ruth Okafor wrote on X that the bus cuts were unfair.')[0]).toMatchObject({ speaker: 'Ruth Okafor', quote: 'the bus cuts were unfair' });
  });
});

describe('coordinated reported clauses ("A and that B")', () => {
  it('keep the first clause: one span covering both, as after "said"', () => {
    const told = reported('Nia Vale told Reuters the ferry terminal was sinking and that repairs would take two years.')[0];
    expect(told).toMatchObject({ speaker: 'Nia Vale', outlet: 'Reuters', quote: 'the ferry terminal was sinking and that repairs would take two years' });
    expect(reported('Nia Vale warned voters the pier was sinking and that the bill would be huge.')[0]?.quote).toBe('the pier was sinking and that the bill would be huge');
    expect(reported('Nia Vale said the pier was sinking and that the bill would be huge.')[0]?.quote).toBe('the pier was sinking and that the bill would be huge');
  });
});

describe('verbs that are speech only in some senses', () => {
  it('"to call" someone is a telephone call, "to call for" is speech', () => {
    expect(reported('Harbour staff were forced to call the coastguard and the police after the storm.')).toEqual([]);
    expect(reported('Nia Vale used the meeting to call for a new sea wall.')[0]).toMatchObject({ speaker: 'Nia Vale', quote: 'a new sea wall' });
  });
});

describe('a participle after a comma is the writer’s clause', () => {
  it('"told the crowd, repeating a complaint" reports no words', () => {
    expect(reported('Nia Vale told the crowd, repeating a complaint she first made in spring.')).toEqual([]);
  });
  it('a speech clause before it keeps the participle inside its span', () => {
    expect(reported('Nia Vale said the dredger would arrive late, repeating an old warning of hers.')).toHaveLength(1);
  });
});

describe('the writer\'s additions are not the reported words', () => {
  const q = (...paras: string[]) => reported(...paras).map((s) => [s.speaker, s.quote]);

  it('", a claim X denies", ", despite a report that …" end the reported clause', () => {
    expect(q('Councillor Ed Pell said the contractor paid the inspector, a claim the firm denies.')).toEqual([['Ed Pell', 'the contractor paid the inspector']]);
    expect(q('Ed Pell insisted the contractor paid the inspector, despite denials from the firm.')).toEqual([['Ed Pell', 'the contractor paid the inspector']]);
    expect(q('Mayor Jo Vantner said on Monday that the quay would stay open, despite a report that its piles were rotten.')).toEqual([['Jo Vantner', 'the quay would stay open']]);
  });

  it('"A, but X denied it": A is not what X said', () => {
    expect(q('Police found that the contractor paid the inspector, but the firm denied it.')).toEqual([]);
  });

  it('"It is false to say A, X wrote": X speaks, and the judgement stays with the words', () => {
    expect(q('It is false to say that the quay piles are rotten, Vantner wrote on Facebook.')).toEqual([['Vantner', 'It is false to say that the quay piles are rotten']]);
    expect(q('It is too early to say whether the quay will reopen.')).toEqual([]);
  });

  it('a photo caption: the circumstance after "who said …" is not the words', () => {
    expect(q('Mayor Jo Vantner, who said the board had done nothing wrong, at the town hall in May.')).toEqual([['Jo Vantner', 'the board had done nothing wrong']]);
  });
});
