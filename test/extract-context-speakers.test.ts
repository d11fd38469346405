import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';

const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const quotes = (...paras: string[]) => extractStatements(article(paras.join('\n'))).filter((s) => s.kind !== 'statement');

describe('who speaks the quote that follows', () => {
  it('"X agreed." names the speaker of the next quote-only paragraph', () => {
    expect(quotes('Harbour College’s Jo Reed agreed.', '"The council is running out of time."')[0]).toMatchObject({ speaker: 'Jo Reed', quote: 'The council is running out of time.' });
  });

  it('a cue at the end of a clause about someone else does not', () => {
    const st = quotes('Tom Pike is the harbourmaster.', 'Pike also downplayed the damage the storm revealed. He said the quay had been "fully repaired" within a week.');
    expect(st[0]?.speaker).toBe('Tom Pike');
  });

  it('"X released the following statement:" introduces X\'s words', () => {
    expect(quotes('When the ferry sank, Mayor Jo Reed released the following statement:', '“Our thoughts are with the families.”')[0]).toMatchObject({ speaker: 'Jo Reed', kind: 'direct' });
  });

  it('"went on" and "pressed" right after a quote attribute it, and the next quote-only paragraph too', () => {
    const st = quotes('“It floods, right?” Pike went on.', '“But you get over it.”', '“Would the fee be waived?” Reed pressed.');
    expect(st.map((s) => s.speaker)).toEqual(['Pike', 'Pike', 'Reed']);
    expect(quotes('Pike went on the attack.')).toEqual([]);
  });
});

describe('a name before a colon', () => {
  it('speaks the quote after it, also after a dash that ends another clause with a cue', () => {
    expect(quotes('Economists agree - Jo Reed: "The lesson of the storm is simple."')[0]).toMatchObject({ kind: 'direct', speaker: 'Jo Reed' });
  });
});
