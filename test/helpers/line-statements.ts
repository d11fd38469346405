import type { Article } from '../../src/domain/article.js';
import type { Statement } from '../../src/domain/statement.js';

/** What a stand-in extractor says of one line; the helper adds the text and its offsets. */
export type LineFields = Omit<Statement, 'text' | 'start' | 'end' | 'paragraph'>;

/**
 * A stand-in extractor for corpus tests: each line of the article is one statement, read by
 * `read` (a pattern the test controls, so the corpus is tested apart from the real extractor).
 */
export function lineStatements(a: Article, read: (line: string) => LineFields): Statement[] {
  let pos = 0;
  return a.text.split('\n').map((line, paragraph) => {
    const s: Statement = { ...read(line), text: line, start: pos, end: pos + line.length, paragraph };
    pos += line.length + 1;
    return s;
  });
}
