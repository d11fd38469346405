import { describe, expect, it } from 'vitest';
import { isEmptyQuery, parseQuery, MAX_QUERY_LENGTH } from '../src/search/index.js';

describe('parseQuery', () => {
  it('keeps free words, typos and all', () => {
    const q = parseQuery('  mcmastr   denid story ');
    expect(q).toEqual({ text: 'mcmastr denid story', phrases: [], filters: {}, notices: [] });
  });

  it('takes exact phrases in straight or typographic double quotes', () => {
    const q = parseQuery('mcmaster "it didn\'t happen" “great intel”');
    expect(q.text).toBe('mcmaster');
    expect(q.phrases).toEqual(["it didn't happen", 'great intel']);
  });

  it('reads filters, with quoted values, wherever they stand', () => {
    const q = parseQuery('speaker:"H.R. McMaster" the meeting outlet:AP kind:quote');
    expect(q.text).toBe('the meeting');
    expect(q.filters).toEqual({ speaker: 'H.R. McMaster', outlet: 'AP', kind: 'quote' });
    expect(q.notices).toEqual([]);
    expect(parseQuery('Speaker:mcmaster').filters.speaker).toBe('mcmaster');
    expect(parseQuery('outlet:“Washington Post” leak').filters.outlet).toBe('Washington Post');
  });

  it('accepts kind:direct, indirect and statement, and says when a kind is unknown', () => {
    expect(parseQuery('kind:direct').filters.kind).toBe('direct');
    expect(parseQuery('kind:indirect').filters.kind).toBe('indirect');
    expect(parseQuery('kind:statement').filters.kind).toBe('statement');
    const bad = parseQuery('kind:banana intel');
    expect(bad.filters.kind).toBeUndefined();
    expect(bad.text).toBe('intel');
    expect(bad.notices.join(' ')).toMatch(/banana/);
  });

  it('says when a filter has no value, and ignores unknown filters (keeping a worded value)', () => {
    expect(parseQuery('speaker: intel').notices.join(' ')).toMatch(/needs a value/);
    const q = parseQuery('topic:russia intel');
    expect(q.text).toBe('russia intel');
    expect(q.notices.join(' ')).toMatch(/Unknown filter “topic:” was ignored/);
    const offset = parseQuery('offset:99999 intel');
    expect(offset.text).toBe('intel');
    expect(offset.notices.join(' ')).toMatch(/offset/);
    expect(parseQuery('see https://example.com/x at 10:30').notices).toEqual([]);
  });

  it('reads the quotation marks of a pasted passage as text, not as phrases', () => {
    const pasted = 'The council met on Monday. The mayor called the plan "a disaster for the harbour" and left early.';
    const q = parseQuery(pasted);
    expect(q.phrases).toEqual([]);
    // The quoted words stay where they were in the pattern.
    expect(q.text).toBe('The council met on Monday. The mayor called the plan a disaster for the harbour and left early.'.replace(/[.]/g, ''));
    expect(q.notices.join(' ')).toMatch(/passage/);
    // One sentence, or a short line: phrases as before.
    expect(parseQuery('the mayor said "a disaster for the harbour" on Monday').phrases).toEqual(['a disaster for the harbour']);
    expect(parseQuery('Monday. "a disaster"').phrases).toEqual(['a disaster']);
  });

  it('turns empty input into an empty query', () => {
    for (const s of ['', '   ', '""', '\u0000\u200B']) {
      const q = parseQuery(s);
      expect(isEmptyQuery(q)).toBe(true);
    }
    expect(isEmptyQuery(parseQuery('kind:quote'))).toBe(false);
  });

  it('cuts queries over 500 characters at a word boundary, with a notice', () => {
    const long = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
    const q = parseQuery(long);
    expect(q.text.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    expect(long.startsWith(q.text)).toBe(true);
    expect(long[q.text.length]).toBe(' ');
    expect(q.notices).toEqual(['Your query was cut to 500 characters.']);
    const oneWord = 'x'.repeat(800);
    expect(parseQuery(oneWord).text.length).toBe(MAX_QUERY_LENGTH);
  });

  it('never splits an emoji when cutting', () => {
    const q = parseQuery('😀'.repeat(400));
    expect(q.text.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    expect(q.text.length % 2).toBe(0);
  });

  it('treats regex symbols as plain text, and drops symbols, emoji and tags', () => {
    const q = parseQuery('(.*)+[a-z]{2,} <script>alert(1)</script> 💥 \\d $^');
    expect(q.text).not.toMatch(/[💥$^+<>]|script/);
    expect(q.text).toContain('alert');
    // A quote mark never closed asks for nothing exact, whichever side it is on (QA 6 nit).
    expect(parseQuery('"unterminated phrase here')).toMatchObject({ text: 'unterminated phrase here', phrases: [] });
    expect(parseQuery('unterminated phrase here"')).toMatchObject({ text: 'unterminated phrase here', phrases: [] });
  });

  it('ignores emoji, flags, skin tones and joiners between and inside words (QA F2)', () => {
    expect(parseQuery('🔥🇺🇸 intel 😀').text).toBe('intel');
    expect(parseQuery('great👍🏽 intel 👨‍👩‍👧').text).toBe('great intel');
    expect(parseQuery('"great 💥 intel" 🔥').phrases).toEqual(['great intel']);
    expect(parseQuery('speaker:"Trump 🔥" 😀').filters.speaker).toBe('Trump');
    expect(isEmptyQuery(parseQuery('😀 🔥 ✨'))).toBe(true);
  });

  it('ignores control and format characters, so they cannot change the match (QA F2)', () => {
    const clean = parseQuery('great intel story');
    for (const s of ['great\u0001 intel\u0085 story', 'gr\u200Beat in\u00ADtel story\u200E', '\u007Fgreat\u202E intel\u0000 story\uFE0F']) {
      expect(parseQuery(s)).toEqual(clean);
    }
  });

  it('drops chat markup: mentions, :emoji: codes, entities, markdown around words (QA F2)', () => {
    expect(parseQuery('*great* _intel_ <@U123> :fire: :+1::skin-tone-2: &amp; `story`').text).toBe('great intel story');
    expect(parseQuery('<https://example.com/a|the story> at 10:30').text).toBe('the story at 10:30');
    expect(parseQuery('did it happen?!').text).toBe('did it happen');
    expect(parseQuery("didn't H.R. McMaster").text).toBe("didn't H.R McMaster");
  });
});
