import { describe, expect, it } from 'vitest';
import { normalizeName } from '../src/search/index.js';
import { outletAlias, selectOutlets } from '../src/search/names.js';

const STORED = ['The New York Times', 'New York Post', 'The Washington Post', 'Associated Press', 'AP', 'The Wall Street Journal', 'The Times of Israel', 'NZ Herald', 'Reuters'].map(normalizeName);
const pick = (value: string) => selectOutlets(STORED, value).map((i) => STORED[i]);

describe('outlet: filter values (QA F33)', () => {
  it('resolves usual short forms of well-known outlets, in any case', () => {
    expect(outletAlias('AP')).toBe('Associated Press');
    expect(outletAlias('ap')).toBe('Associated Press');
    expect(outletAlias('nyt')).toBe('The New York Times');
    expect(outletAlias('WAPO')).toBe('The Washington Post');
    expect(outletAlias('the post')).toBe('The Washington Post');
    expect(outletAlias('wsj')).toBe('The Wall Street Journal');
    expect(outletAlias('intel')).toBeNull();
    expect(outletAlias('')).toBeNull();
  });

  it('selects the stored outlet an alias stands for, with or without its article, and stored short forms', () => {
    expect(pick('nyt')).toEqual(['the new york times']);
    expect(pick('wapo')).toEqual(['the washington post']);
    expect(pick('ap')).toEqual(['associated press', 'ap']);
    expect(pick('associated press')).toEqual(['associated press', 'ap']);
    expect(pick('WSJ')).toEqual(['the wall street journal']);
  });

  it('keeps plain name matching: words, prefixes, typos', () => {
    expect(pick('herald')).toEqual(['nz herald']);
    expect(pick('REUT')).toEqual(['reuters']);
    expect(pick('reuters')).toEqual(['reuters']);
    expect(pick('times of israel')).toEqual(['the times of israel']);
    expect(pick('nobody')).toEqual([]);
  });
});
