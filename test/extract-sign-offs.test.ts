import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';

// An invented wire story with its sign-off lines (QA 8, E7): staff credits are not statements.
const article = (...paras: string[]): Article => ({
  id: 'w', title: 'Harbour strike enters second week', outlet: 'Reuters', url: null, published: null, author: null, text: paras.join('\n'), source: 'w', contentHash: 'h',
});
const STORY = ['WELLSBOROUGH (Reuters) - Dock workers extended their strike on Monday, union leader Grigor Stanchev said.', '"We will stay out as long as it takes," Stanchev told reporters.'];

describe('wire sign-offs', () => {
  it.each([
    '(Reporting by Jonas Pereira; Editing by Mara Klein)',
    'Additional reporting by Ana Costa in Lisbon; writing by Jonas Pereira',
    'Associated Press writer Noor Haddad in Mexico City contributed to this report.',
    'Staff writer Lena Vogt contributed reporting to this story.',
    'Copyright 2026 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.',
    '© 2026 Wellsborough Star',
  ])('"%s" gives no statement', (line) => {
    const s = extractStatements(article(...STORY, line));
    expect(s.map((x) => x.text)).toEqual([expect.stringContaining('Dock workers'), expect.stringContaining('We will stay out')]);
  });

  it.each([
    ['The union said reporting by local papers had been unfair.', 'reporting by local papers'],
    ['Reporting by the Gazette found that the harbour board hid the costs, the union said.', 'Reporting by the Gazette'],
    ['Copyright holders said the ruling was unfair to songwriters.', 'Copyright holders'],
  ])('a sentence of the story that mentions reporting or copyright is still one: "%s"', (line, words) => {
    const s = extractStatements(article(...STORY, line));
    expect(s.some((x) => x.text.includes(words))).toBe(true);
  });
});
