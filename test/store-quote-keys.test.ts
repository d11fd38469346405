import { describe, expect, it } from 'vitest';
import { compatibleQuotes, normaliseQuoteWords, quoteKeys } from '../src/extract/quote-keys.js';
import { assignClusters } from '../src/store/clusters.js';

const shared = (a: string, b: string) => {
  const kb = new Set(quoteKeys(b));
  return quoteKeys(a).filter((k) => kb.has(k)).length;
};

const LONG =
  'The story that came out tonight as reported is false. The President and the foreign minister reviewed a range of common threats to our two countries.';

describe('quoteKeys', () => {
  it('folds curly quotes, apostrophes, hyphens, case and accents', () => {
    expect(normaliseQuoteWords('It didn’t happen — the “co-operation” was Café-level')).toEqual([
      'it', 'didnt', 'happen', 'the', 'cooperation', 'was', 'cafelevel',
    ]);
    expect(quoteKeys('It didn’t happen.')).toEqual(quoteKeys("it didn't happen"));
    expect(quoteKeys('Our co-operation with allies is strong and will stay strong for years')).toEqual(
      quoteKeys('Our cooperation with allies is strong, and will stay strong for years.'),
    );
  });

  it('keys a short quote by its whole text and skips trivial ones', () => {
    expect(quoteKeys('it did not happen at all')).toHaveLength(1);
    expect(quoteKeys('it did not happen at all')).not.toEqual(quoteKeys('it did happen at all'));
    expect(quoteKeys('No.')).toEqual([]);
    expect(quoteKeys('and so it was')).toEqual([]); // function words only
  });

  it('a shorter excerpt of a longer quote shares keys with it', () => {
    const excerpt = 'The President and the foreign minister reviewed a range of common threats';
    expect(shared(excerpt, LONG)).toBeGreaterThanOrEqual(1);
    expect(shared(LONG, LONG.toUpperCase())).toBe(quoteKeys(LONG).length);
  });

  it('unrelated quotes share no keys', () => {
    expect(shared(LONG, 'We are going to build the wall and Mexico is going to pay for the wall, believe me')).toBe(0);
    expect(quoteKeys(LONG).length).toBeGreaterThan(2);
    expect(quoteKeys(LONG).length).toBeLessThan(normaliseQuoteWords(LONG).length);
  });
});

describe('assignClusters', () => {
  it('joins a statement to the cluster it shares keys with and merges clusters it bridges', () => {
    const existing = new Map([
      ['k1', [{ clusterId: 'a:0', nKeys: 3 }]],
      ['k2', [{ clusterId: 'a:0', nKeys: 3 }]],
      ['k5', [{ clusterId: 'b:0', nKeys: 3 }, { clusterId: 'z:0', nKeys: 9 }]],
      ['k6', [{ clusterId: 'b:0', nKeys: 3 }]],
    ]);
    const r = assignClusters(
      [
        { id: 'c:0', keys: ['k1', 'k2', 'k5', 'k6'] },
        { id: 'c:1', keys: ['k9', 'k10'] },
        { id: 'c:2', keys: ['k1', 'k99', 'k98'] }, // one shared key between long quotes: not enough
        { id: 'c:3', keys: ['k9', 'k10', 'k11'] }, // two keys shared with c:1, new in this batch
      ],
      existing,
    );
    expect(r.clusterOf.get('c:0')).toBe('a:0');
    expect(r.merges).toEqual(new Map([['b:0', 'a:0']])); // z:0 shared only k5
    expect(r.clusterOf.get('c:1')).toBe('c:1');
    expect(r.clusterOf.get('c:2')).toBe('c:2');
    expect(r.clusterOf.get('c:3')).toBe('c:1');
  });

  it('does not join quotes that share keys but disagree on a negation, nor merge two versions through an excerpt', () => {
    const no = 'we have no plans to close the bridge before the summer and the engineers say it is safe';
    const yes = 'we have plans to close the bridge before the summer and the engineers say it is safe';
    const excerpt = 'before the summer and the engineers say it is safe';
    const existing = new Map([
      ['k1', [{ clusterId: 'a:0', nKeys: 3, quote: no }]],
      ['k2', [{ clusterId: 'a:0', nKeys: 3, quote: no }]],
      ['k3', [{ clusterId: 'b:0', nKeys: 3, quote: yes }]],
      ['k4', [{ clusterId: 'b:0', nKeys: 3, quote: yes }]],
    ]);
    const r = assignClusters(
      [
        { id: 'c:0', keys: ['k1', 'k2', 'k3'], quote: yes },
        { id: 'c:1', keys: ['k1', 'k2', 'k3', 'k4'], quote: excerpt },
      ],
      existing,
    );
    // c:0 shares two keys with a:0 ("no plans"): not joined; the excerpt then joins it to its own
    // version's cluster b:0 (most shared keys first), and a:0 stays apart.
    expect(r.clusterOf.get('c:0')).toBe('b:0');
    expect(r.clusterOf.get('c:1')).toBe('b:0');
    expect(r.merges).toEqual(new Map());
  });

  it('a short quote joins on its one key', () => {
    const r = assignClusters([{ id: 'x:0', keys: ['q1'] }], new Map([['q1', [{ clusterId: 'y:3', nKeys: 1 }]]]));
    expect(r.clusterOf.get('x:0')).toBe('y:3');
  });
});

describe('quoteKeys edge cases', () => {
  it('a long quote of mostly function words still gets a key', () => {
    const q = 'and we will do what we have to do and then we will see what they do about it';
    expect(quoteKeys(q).length).toBeGreaterThanOrEqual(1);
    expect(quoteKeys(q)).toEqual(quoteKeys(q.toUpperCase()));
  });

  it('every key of an excerpt is a key of the whole quote (winnowing)', () => {
    const whole = new Set(quoteKeys(LONG));
    const excerpt = quoteKeys('came out tonight as reported is false. The President and the foreign minister reviewed');
    expect(excerpt.length).toBeGreaterThanOrEqual(1);
    for (const k of excerpt) expect(whole.has(k)).toBe(true);
  });
});

describe('compatibleQuotes', () => {
  const base = 'The council has set aside $4 million for the harbour this year, and every penny of it will go to the north pier';
  it('a figure or a negation changed makes another quote', () => {
    expect(compatibleQuotes(base, base.replace('$4 million', '$40 million'))).toBe(false);
    expect(compatibleQuotes(base, base.replace('$4 million', '$4 billion'))).toBe(false);
    expect(compatibleQuotes(base, base.replace('every penny', 'not a penny'))).toBe(false);
    expect(compatibleQuotes('I did not sign the contract and I never met him', 'I did sign the contract and I never met him')).toBe(false);
  });
  it('typography, case and an excerpt that leaves the figure out are the same quote', () => {
    expect(compatibleQuotes(base, base.toUpperCase().replace(',', ''))).toBe(true);
    expect(compatibleQuotes(base, 'every penny of it will go to the north pier')).toBe(true);
    expect(compatibleQuotes("I didn't sign it, and I never will", 'I didn’t sign it and I never will')).toBe(true);
  });
});
