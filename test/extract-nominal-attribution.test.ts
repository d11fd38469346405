import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';
import type { Statement } from '../src/domain/statement.js';

const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const run = (...paras: string[]): Statement[] => extractStatements(article(paras.join('\n')));
/** The statement quoting `words` (the quote before it is someone else's). */
const quoting = (all: Statement[], words: string): Statement | undefined => all.find((s) => s.kind === 'direct' && s.quote?.startsWith(words));

const OPENING = 'Mayor Ann Vale defended the ferry budget on Tuesday. "It is the right thing to do," Vale said.';

describe('inverted attribution by a noun of speech after the quote', () => {
  it('"came the reply from X", "was the verdict of X", "was X\'s response": the named source speaks, not the speaker before', () => {
    const cases: Array<[string, string, string]> = [
      ['"Nonsense," came the reply from Bob Quill.', 'Bob Quill', 'reply'],
      ['"Nonsense," came a swift response from Bob Quill, the council\'s finance chief.', 'Bob Quill', 'response'],
      ['"Nonsense," was the verdict of Bob Quill.', 'Bob Quill', 'verdict'],
      ['"Nonsense," was Bob Quill\'s blunt reply.', 'Bob Quill', 'reply'],
      ['"Nonsense," came the answer from the opposition leader, Bob Quill.', 'Bob Quill', 'answer'],
      ['"Nonsense," is how Bob Quill put it.', 'Bob Quill', 'put it'],
    ];
    for (const [second, speaker, cue] of cases) {
      const s = quoting(run(OPENING, second), 'Nonsense');
      expect(s, second).toMatchObject({ kind: 'direct', speaker, cue });
    }
    // (words that are no speech keep the context speaker)
    expect(quoting(run(OPENING, '"We will keep going," was the result of the vote.'), 'We will keep going')?.speaker).toBe('Ann Vale');
  });

  it('a description or an organisation after "of"/"from" is the speaker as written', () => {
    expect(quoting(run(OPENING, '"It is a waste of money," was the view of most traders at the market.'), 'It is a waste')).toMatchObject({ speaker: 'most traders at the market', cue: 'view' });
    expect(quoting(run(OPENING, '"It is a waste of money," came the message from the Harbour Board on Friday.'), 'It is a waste')?.speaker).toMatch(/Harbour Board/);
  });

  it('the possessor\'s "\'s" is no part of the name', () => {
    const s = quoting(run(OPENING, '"Nonsense," was Bob Quill\'s reply.'), 'Nonsense');
    expect(s).toMatchObject({ speaker: 'Bob Quill', speakerMention: 'Bob Quill' });
  });

  it('"was his reply" resolves the pronoun: never a woman named before', () => {
    const s = quoting(run(OPENING, '"Nonsense," was his reply.'), 'Nonsense');
    expect(s?.speaker).toBeNull();
    const t = quoting(run('Harbourmaster Tom Pike defended the budget. "It is fair," Pike said.', 'Mayor Ann Vale called it reckless.', '"We cannot afford it," was her reply.'), 'We cannot afford');
    expect(t).toMatchObject({ speaker: 'Ann Vale', speakerMention: 'her' });
  });

  it('an answer by nobody named is nobody\'s (not the one being answered), and nothing carries on from it', () => {
    const all = run('Mayor Ann Vale asked the finance chief whether the council would pay.', '"Not a penny," came the reply. "We have nothing left."');
    const reply = quoting(all, 'Not a penny');
    const after = quoting(all, 'We have nothing');
    expect(reply).toMatchObject({ kind: 'direct', quote: 'Not a penny', speaker: null, cue: 'reply' });
    expect(after).toMatchObject({ kind: 'direct', speaker: null });
    const floor = quoting(run(OPENING, '"Nonsense," came the reply from the back of the room.'), 'Nonsense');
    expect(floor?.speaker).toBeNull();
  });

  it('the noun is no verb: "came the swift reply" has no speaker "came the swift"', () => {
    const s = quoting(run(OPENING, '"Nonsense," came the swift reply.'), 'Nonsense');
    expect(s?.speaker).toBeNull();
    expect(s?.speakerMention).toBeNull();
  });

  it('an interrupted quote continues after the nominal attribution', () => {
    const s = quoting(run(OPENING, '"It is a waste," came the reply from Bob Quill, "and everyone here knows it."'), 'It is a waste');
    expect(s).toMatchObject({ speaker: 'Bob Quill', quote: 'It is a waste and everyone here knows it.' });
  });

});

describe('"according to" after the quote', () => {
  it('a document or a person named after the quote is the speaker', () => {
    const s = quoting(run(OPENING, '"The evidence cannot support a prosecution," according to a court filing by the county prosecutor.'), 'The evidence');
    expect(s).toMatchObject({ kind: 'direct', cue: 'according to', speaker: 'a court filing by the county prosecutor' });
    const t = quoting(run(OPENING, '"The evidence cannot support a prosecution," according to a memo seen by the Gazette.'), 'The evidence');
    expect(t).toMatchObject({ speaker: 'a memo', outlet: 'The Gazette' });
    // (an outlet alone reports someone's words: the context speaker stays)
    const u = quoting(run(OPENING, '"We will not cut a single crossing," according to Reuters.'), 'We will not cut');
    expect(u).toMatchObject({ speaker: 'Ann Vale', outlet: 'Reuters' });
  });
});
