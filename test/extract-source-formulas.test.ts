import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';
import type { Statement } from '../src/domain/statement.js';

const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const run = (...paras: string[]): Statement[] => extractStatements(article(paras.join('\n')));
/** The statement of the article's last paragraph (the first names the person the source is close to). */
const last = (...paras: string[]): Statement | undefined => {
  const all = run('Mayor Ruth Calder met the harbour board on Monday.', ...paras);
  return all.filter((s) => s.paragraph === paras.length && s.kind !== 'statement')[0];
};

describe('an anonymous source named by its formula, before the verb', () => {
  it('"A person familiar with Calder\'s thinking said …" is a statement of that description, not of Calder', () => {
    for (const apostrophe of ["'", '’']) {
      const s = last(`A person familiar with Calder${apostrophe}s thinking said the bridge would close.`);
      expect(s, apostrophe).toMatchObject({ kind: 'indirect', speaker: `A person familiar with Calder${apostrophe}s thinking`, quote: 'the bridge would close' });
    }
    // (an -ing noun after a possessive speaks only inside such a formula)
    expect(last('Calder\'s thinking said the bridge would close.')).toBeUndefined();
    expect(last('He pointed to Calder\'s updated comments expressing confidence in her staff.')).toBeUndefined();
  });

  it('the object of the formula may be long: "familiar with the planning for Thursday\'s meeting"', () => {
    expect(last('A person familiar with the planning for Thursday\'s meeting says the talks will focus on the bridge.')).toMatchObject({
      speaker: 'A person familiar with the planning for Thursday\'s meeting',
      quote: 'the talks will focus on the bridge',
    });
  });

  it('"with (direct) knowledge of", "briefed on", "involved in" are part of the description', () => {
    expect(last('A person with direct knowledge of the mayor\'s thinking said the bridge would close.')?.speaker).toBe('A person with direct knowledge of the mayor\'s thinking');
    expect(last('Someone with knowledge of Calder\'s plans said the bridge would close.')?.speaker).toBe('Someone with knowledge of Calder\'s plans');
    expect(last('Officials briefed on the council\'s planning said the bridge would close.')?.speaker).toBe('Officials briefed on the council\'s planning');
  });

  it('a relative clause of anonymity after it keeps the description the speaker', () => {
    expect(last('A person familiar with Calder\'s thinking, who asked not to be named, said the bridge would close.')).toMatchObject({
      speaker: 'A person familiar with Calder\'s thinking',
      quote: 'the bridge would close',
    });
  });

  it('a place after the formula\'s object is not the speaker ("… in Chappaqua, N.Y.")', () => {
    const s = last('Federal officials familiar with the server taken from the mayor\'s house in Harwich, Mass., said it had been wiped.');
    expect(s?.speaker).toBe('Federal officials familiar with the server taken from the mayor\'s house in Harwich');
  });
});
