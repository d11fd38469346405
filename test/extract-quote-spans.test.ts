import { describe, expect, it } from 'vitest';
import { findQuoteSpans } from '../src/extract/quote-spans.js';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';

const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const inner = (text: string): string[] => findQuoteSpans(text, 0, text.length).map((q) => text.slice(q.innerStart, q.innerEnd));

describe('findQuoteSpans', () => {
  it('pairs straight, curly and typewriter double quotes', () => {
    expect(inner('He said "yes" and then \u201cno\u201d and then \'\'maybe.\'\'')).toEqual(['yes', 'no', 'maybe.']);
  });

  it('does not take apostrophes for quote marks', () => {
    expect(inner("The mayor's plan isn't the voters' choice, \"she said it's fine.\"")).toEqual(["she said it's fine."]);
  });

  it('reads single quotes as quotes only where a paragraph has no double quotes', () => {
    expect(inner("The headline read 'Storm hits the coast' on Monday.")).toEqual(['Storm hits the coast']);
    expect(inner('"It\'s \'fine\' now," he said.')).toEqual(["It's 'fine' now,"]);
  });

  it('runs a quote left open to the end of its paragraph', () => {
    const text = '"The first part of a long quote. And more of it.';
    const [q] = findQuoteSpans(text, 0, text.length);
    expect(q?.closed).toBe(false);
    expect(text.slice(q!.innerStart, q!.innerEnd)).toBe('The first part of a long quote. And more of it.');
  });
});

describe('quote passages in articles', () => {
  it('joins a quote interrupted by its attribution', () => {
    const [s] = extractStatements(article('"The budget is late," the treasurer said, "and nobody wants to say why."'));
    expect(s?.kind).toBe('direct');
    expect(s?.quote).toBe('The budget is late and nobody wants to say why.');
    expect(s?.speaker).toBe('the treasurer');
  });

  it('continues a quote into the next paragraph with the same speaker', () => {
    const text = ['"We will rebuild the school first," Governor Ana Ruiz said. "Then the library.', '"After that, the roads."'].join('\n');
    const st = extractStatements(article(text)).filter((s) => s.kind === 'direct');
    expect(st.map((s) => s.speaker)).toEqual(['Ana Ruiz', 'Ana Ruiz', 'Ana Ruiz']);
    expect(st[2]?.paragraph).toBe(1);
  });

  it('gives a quotation over several paragraphs the speaker named anywhere in it', () => {
    const text = ['Mayor Tom Smith said the plan had failed.', '"We tried everything. Nothing came of it.', '"Nothing worked at all," Councilwoman Rita Jones said.'].join('\n');
    const st = extractStatements(article(text));
    expect(st.map((s) => s.speaker)).toEqual(['Tom Smith', 'Rita Jones', 'Rita Jones']);
  });

  it('gives a paragraph that is only a quote to the speaker of the paragraph before', () => {
    const text = ['Fire chief Tom Berry said the blaze started in the kitchen.', '"It spread in minutes. We were lucky nobody was home."'].join('\n');
    const st = extractStatements(article(text));
    expect(st[1]).toMatchObject({ kind: 'direct', speaker: 'Tom Berry', quote: 'It spread in minutes. We were lucky nobody was home.' });
  });

  it('does not treat scare quotes, titles or nicknames as direct quotes', () => {
    const text = 'The so-called "reform" passed. Critics read "The Long Road Home" aloud. Fans of "Big Mike" cheered.';
    expect(extractStatements(article(text)).filter((s) => s.kind === 'direct')).toEqual([]);
  });
});

describe('second passages', () => {
  it('makes a second quote with its own cue a passage of its own, with the same speaker', () => {
    const text = '"We cannot afford this anymore," Mayor Ortiz said, adding later, "The bridge is costing us a fortune."';
    const st = extractStatements(article(text));
    expect(st.map((s) => [s.kind, s.quote, s.speaker, s.cue])).toEqual([
      ['direct', 'We cannot afford this anymore', 'Ortiz', 'said'],
      ['direct', 'The bridge is costing us a fortune.', 'Ortiz', 'adding'],
    ]);
    for (const s of st) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(st[0]!.end).toBeLessThanOrEqual(st[1]!.start);
  });
});

describe('later reported clauses', () => {
  it('makes a participle clause its own passage of the same speaker', () => {
    const text = 'The mayor said the bridge will open in May, adding that the tolls will stay low.';
    const st = extractStatements(article(text));
    expect(st.map((s) => [s.kind, s.quote, s.speaker, s.cue])).toEqual([
      ['indirect', 'the bridge will open in May', 'The mayor', 'said'],
      ['indirect', 'the tolls will stay low', 'The mayor', 'adding'],
    ]);
  });

  it('gives a new clause with its own subject to that subject', () => {
    const text = 'The mayor said the bridge will open in May, but the engineers warned that the deck is not ready.';
    const st = extractStatements(article(text));
    expect(st[1]).toMatchObject({ kind: 'indirect', speaker: 'the engineers', cue: 'warned', quote: 'the deck is not ready' });
  });

  it('keeps "according to X, Y boasted" one passage by X', () => {
    const st = extractStatements(article('According to Reuters, the mayor boasted about the new bridge.'));
    expect(st).toHaveLength(1);
    expect(st[0]).toMatchObject({ speaker: 'Reuters', outlet: 'Reuters' });
  });

  it('a quote glued to the previous sentence\'s end mark opens a new sentence ("…harbour."We …)', () => {
    const text = 'The storm closed the harbour."We had no warning," said Captain Lena Ortiz. Was it planned?"No," she said.';
    expect(inner(text)).toEqual(['We had no warning,', 'No,']);
    const st = extractStatements(article(text));
    expect(st[0]).toMatchObject({ kind: 'statement', text: 'The storm closed the harbour.' });
    expect(st[1]).toMatchObject({ kind: 'direct', quote: 'We had no warning', speaker: 'Lena Ortiz' });
    expect(st.find((s) => s.quote === 'No')).toMatchObject({ kind: 'direct', speaker: 'Lena Ortiz' });
  });

  it('a closing mark after a full stop still closes', () => {
    expect(inner('"We left." She stayed.')).toEqual(['We left.']);
    expect(inner('He said "we left."Then he went home.')).toEqual(['we left.']);
  });
});
