import { describe, expect, it } from 'vitest';
import { highlightRanges } from '../src/search/highlight.js';

const marked = (display: string, query: string, phrases: string[] = []) =>
  highlightRanges(display, query, phrases).map(([a, b]) => display.slice(a, b));

describe('highlightRanges: which words are shown in bold', () => {
  it('marks query words, typos and words they begin', () => {
    expect(marked('I get great intelligence every day', 'grat intel')).toEqual(['great', 'intelligence']);
  });

  it('marks a Chinese or Japanese term inside an unspaced run of characters (QA 6 nit)', () => {
    expect(marked('消息人士称以色列是情报来源', '以色列')).toEqual(['以色列']);
    expect(marked('東京で会議があった', '会議')).toEqual(['会議']);
  });

  it('keeps a letter with a combining mark in its word ("naïve" written as i + U+0308)', () => {
    expect(marked('a nai\u0308ve plan', 'naive')).toEqual(['nai\u0308ve']);
  });
});
