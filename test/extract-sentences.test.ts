import { describe, expect, it } from 'vitest';
import { findQuoteSpans } from '../src/extract/quote-spans.js';
import { splitSentences } from '../src/extract/sentences.js';

function sentences(text: string): string[] {
  const spans = findQuoteSpans(text, 0, text.length);
  return splitSentences(text, 0, text.length, spans).map((s) => text.slice(s.start, s.end));
}

describe('splitSentences', () => {
  it('splits ordinary sentences and keeps offsets exact', () => {
    const text = 'The mayor spoke first. The council voted later! Was it close?';
    const spans = splitSentences(text, 0, text.length);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['The mayor spoke first.', 'The council voted later!', 'Was it close?']);
  });

  it('does not end a sentence at titles, initials or dotted acronyms', () => {
    expect(sentences('Mr. Jones met Sen. Alvarez and H.R. Patel in the U.S. Capitol on Sept. 4. They talked.')).toEqual([
      'Mr. Jones met Sen. Alvarez and H.R. Patel in the U.S. Capitol on Sept. 4.',
      'They talked.',
    ]);
  });

  it('ends a sentence after an acronym when a usual sentence opener follows', () => {
    expect(sentences('The plant moved to the U.S. The workers stayed.')).toEqual(['The plant moved to the U.S.', 'The workers stayed.']);
  });

  it('never splits inside a quotation', () => {
    expect(sentences('"We came early. We left late. Nobody thanked us," the volunteer said. Then it rained.')).toEqual([
      '"We came early. We left late. Nobody thanked us," the volunteer said.',
      'Then it rained.',
    ]);
  });

  it('keeps a quote ending in a question mark with the attribution that follows', () => {
    expect(sentences('"Who pays for the bridge?" Mayor Ortiz asked. Nobody answered.')).toEqual([
      '"Who pays for the bridge?" Mayor Ortiz asked.',
      'Nobody answered.',
    ]);
  });

  it('separates sentences glued without a space', () => {
    expect(sentences('The talks ended in the Middle East.President Lee flew home.')).toEqual(['The talks ended in the Middle East.', 'President Lee flew home.']);
  });

  it('splits after a closing quote when a new sentence starts', () => {
    expect(sentences('She said: "It is over." The crowd left.')).toEqual(['She said: "It is over."', 'The crowd left.']);
  });
});
