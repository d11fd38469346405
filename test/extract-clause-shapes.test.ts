import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';

const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const reported = (...paras: string[]) => extractStatements(article(paras.join('\n'))).filter((s) => s.kind !== 'statement');

describe('reported clauses past a hearer or a circumstance', () => {
  it('finds a "that" clause after the hearer and a time or place', () => {
    expect(reported('Mayor Kim Aldous told a crowd in Harwich on Tuesday that the ferry would run.')[0]).toMatchObject({ speaker: 'Kim Aldous', quote: 'the ferry would run' });
    expect(reported('Tom Pike explained through a spokesman that he had simply wanted a refund.')[0]).toMatchObject({ speaker: 'Tom Pike', quote: 'he had simply wanted a refund' });
    expect(reported('A fisherman wrote the local paper, The Harwich Chronicle, that the quay was unsafe.')[0]?.quote).toBe('the quay was unsafe');
  });

  it('does not report the clause of a noun, or a relative clause', () => {
    expect(reported('Tom Pike denied the report that he had resigned.')).toEqual([]);
    expect(reported('Tom Pike told the crowd that gathered outside the hall.')).toEqual([]);
  });

  it('reads "for weeks" and the hearer with a time before the clause', () => {
    expect(reported('Aldous has said for weeks she is the only skipper who can land it.')[0]?.quote).toBe('she is the only skipper who can land it');
    expect(reported('Jo Reed, the harbour chair, told the Harwich Gazette last week she would rather resign.')[0]?.quote).toBe('she would rather resign');
  });

  it('a subject with a relative clause still has its own verb', () => {
    expect(reported('The skipper says a catch that used to be legal now draws a fine.')[0]?.quote).toBe('a catch that used to be legal now draws a fine');
    expect(reported('Mayor Kim Aldous boasted about the budget she had balanced.')).toEqual([]);
  });
});

describe('speaker phrases around the cue', () => {
  it('a participle after a dash, and a verb coordinated with ", then"', () => {
    expect(reported('Tom Pike changed his mind on the spot – saying he was backing the ferry.')[0]).toMatchObject({ speaker: 'Tom Pike', quote: 'he was backing the ferry' });
    expect(reported('Tom Pike offered the man a job, then says he will welcome advice.')[0]).toMatchObject({ speaker: 'Tom Pike', quote: 'he will welcome advice' });
  });

  it('an apposition between dashes, and a floating "both"', () => {
    expect(reported('Jo Reed — a teacher from Harwich — says she voted for the levy.')[0]).toMatchObject({ speaker: 'Jo Reed', quote: 'she voted for the levy' });
    expect(reported('Some harbour pilots - including two from Hull - warn that the channel is silting up.')[0]).toMatchObject({ speaker: expect.stringMatching(/^Some harbour pilots/), quote: 'the channel is silting up' });
    expect(reported('Reed and Pike both stressed that it was not all bad news.')[0]?.speaker).toMatch(/Pike/);
  });

  it('a relative clause "X, who said …" is X\'s, and the main verb after it has its own passage', () => {
    expect(reported('The levy was opposed by Tom Pike, who said it would ruin the fleet.')[0]).toMatchObject({ speaker: 'Tom Pike', quote: 'it would ruin the fleet' });
    const two = reported('Pike, who said he usually votes Liberal, said the ferry deserved support.');
    expect(two.map((s) => s.quote)).toEqual(['he usually votes Liberal', 'the ferry deserved support']);
    expect(two.every((s) => s.speaker === 'Pike')).toBe(true);
  });
});

describe('"that" as a subject', () => {
  it('"said that was a mistake" reports the whole clause', () => {
    expect(reported('Tom Pike said that was a mistake.')[0]?.quote).toBe('that was a mistake');
  });
});

describe('the clause before a mid-sentence attribution', () => {
  it('only a time or place after the cue: the words before the speaker are reported', () => {
    expect(reported('The ferry will run next week, Pike said on Monday.')[0]).toMatchObject({ speaker: 'Pike', quote: 'The ferry will run next week' });
    expect(reported('The ferry will run, Pike said in an interview with the Harwich Gazette.')[0]).toMatchObject({ quote: 'The ferry will run', outlet: 'The Harwich Gazette' });
  });

  it('a time before the second comma keeps the attribution parenthetical', () => {
    expect(reported('Reed won the harbour vote, the Gazette declared on Thursday, two days after the polls closed.')[0]?.quote).toMatch(/^Reed won the harbour vote/);
  });

  it('"her" before a noun is a possessive, not the hearer', () => {
    expect(reported('Pike said her family asked for quiet while the inquiry ran.')[0]?.quote).toBe('her family asked for quiet while the inquiry ran');
    expect(reported('Aldous tells voters she is with them.')[0]?.quote).toBe('she is with them');
  });
});

describe('"to say" infinitives', () => {
  it('a purpose or likelihood infinitive reports speech of the subject it depends on', () => {
    expect(reported('Harbour voters are slightly more likely to say that the levy works.')[0]).toMatchObject({ speaker: 'Harbour voters', quote: 'the levy works' });
    expect(reported('Tom Pike stood up at the meeting to say he was leaning toward the plan.')[0]).toMatchObject({ speaker: 'Tom Pike', quote: 'he was leaning toward the plan' });
    expect(reported('The debate was so calm that Mr. Pike was prompted to say, "I cannot believe how civil it has been."')[0]).toMatchObject({ kind: 'direct', speaker: 'Pike' });
  });

  it('an intention, a refusal or a judgement is not speech', () => {
    expect(reported('Pike declined to say when the quay would reopen.')).toEqual([]);
    expect(reported('It is hard to say whether the ferry will run.')).toEqual([]);
    expect(reported('Reed wants to say the levy works.')).toEqual([]);
  });
});
