import { describe, expect, it } from 'vitest';
import { articleId, deriveTitle, normalisePublished, normaliseUrlForId, parseHttpUrl } from '../src/ingest/identity.js';
import { normaliseText } from '../src/ingest/normalise.js';
import { buildArticle } from '../src/ingest/build.js';

describe('ingest: text normalisation', () => {
  it('straightens typographic quotes and keeps apostrophes', () => {
    expect(normaliseText('\u201CIt didn\u2019t happen,\u201D he said of the \u2018leak\u2019. \u201EQuote\u201C \u00ABGuillemets\u00BB')).toBe(
      `"It didn't happen," he said of the 'leak'. "Quote" "Guillemets"`,
    );
  });

  it('writes punctuation dashes as a spaced hyphen and ranges as a tight one', () => {
    expect(normaliseText('one of America\u2019s allies\u2014Israel\u2014and')).toBe("one of America's allies - Israel - and");
    expect(normaliseText('the source \u2013 one of them \u2015 said')).toBe('the source - one of them - said');
    expect(normaliseText('from 1990\u20131995, a \u22125 change, non\u2011breaking')).toBe('from 1990-1995, a -5 change, non-breaking');
  });

  it('turns odd spaces into one space and drops invisible characters', () => {
    expect(normaliseText('a\u00A0b\u2009c\u202Fd\te  f\u200Bg\uFEFFh\u00ADi')).toBe('a b c d e fghi');
  });

  it('drops bidirectional overrides, embeddings and isolates, and keeps Arabic and Hebrew with their marks (QA 7)', () => {
    expect(normaliseText('told \u202Etsop eht\u202C and \u2067AP\u2069 \u202Ax\u202B')).toBe('told tsop eht and AP x');
    const rtl = '\u05E9\u05DC\u05D5\u05DD \u200F\u0645\u0631\u062D\u0628\u0627\u200E';
    expect(normaliseText(rtl)).toBe(rtl);
  });

  it('makes paragraphs of non-empty trimmed lines, whatever the line endings', () => {
    expect(normaliseText('\uFEFF  First.  \r\n\r\n\r\nSecond.\rThird.\u2028Fourth.\n   \n')).toBe('First.\nSecond.\nThird.\nFourth.');
  });

  it('keeps everything else verbatim: ellipses, markup, mentions, emoji, primes', () => {
    const s = 'Wait\u2026 <script>alert(1)</script> <!channel> @everyone \u{1F600} 6\u20322\u2033 caf\u00E9';
    expect(normaliseText(s)).toBe(s);
  });

  it('is idempotent, so offsets into normalised text stay valid if it is loaded again', () => {
    const once = normaliseText('\u201CA\u201D \u2014 b\u00A0c\r\nd');
    expect(normaliseText(once)).toBe(once);
  });
});

describe('ingest: ids, hashes, titles, dates', () => {
  it('gives the same id to the same page however its URL is written', () => {
    const id = (u: string) => articleId(parseHttpUrl(u), 'any text');
    const canonical = id('https://www.example.com/a/story');
    expect(id('http://example.com/a/story/')).toBe(canonical);
    expect(id('https://EXAMPLE.com/a/story#comments')).toBe(canonical);
    expect(id('https://example.com/a/story?utm_source=x&fbclid=y')).toBe(canonical);
    expect(id('https://example.com/a/other')).not.toBe(canonical);
    expect(normaliseUrlForId(new URL('https://example.com/p?b=2&a=1'))).toBe('example.com/p?a=1&b=2');
  });

  it('ids articles without a URL by their text, and hashes text plus metadata', () => {
    const a = buildArticle({ text: 'Same text.', source: 'a.txt' });
    const b = buildArticle({ text: 'Same text.', source: 'b.txt', title: 'Another title' });
    const c = buildArticle({ text: 'Other text.', source: 'a.txt' });
    if (!a.ok || !b.ok || !c.ok) throw new Error('expected articles');
    expect(a.article.id).toBe(b.article.id);
    expect(a.article.id).not.toBe(c.article.id);
    expect(a.article.contentHash).not.toBe(b.article.contentHash);
    expect(buildArticle({ text: '  ', source: 'x' })).toEqual({ ok: false, reason: 'no text' });
  });

  it('derives a title from the first sentence, cut cleanly near 100 characters', () => {
    expect(deriveTitle('U.S. officials met on Tuesday. Then more.')).toBe('U.S. officials met on Tuesday');
    expect(deriveTitle('"Is it true?" she asked. Yes.')).toBe('"Is it true?" she asked');
    // A dateline is where the story was filed, not its title.
    expect(deriveTitle('PORTHAVEN - The town council voted to close the harbour. More.')).toBe('The town council voted to close the harbour');
    expect(deriveTitle('NEW YORK (Reuters) — Shares fell sharply on Monday morning.')).toBe('Shares fell sharply on Monday morning');
    expect(deriveTitle('LONDON, May 3 – Ministers met in private for the third time.')).toBe('Ministers met in private for the third time');
    expect(deriveTitle('US - China talks resume in Geneva this week.')).toBe('US - China talks resume in Geneva this week');
    expect(deriveTitle('Why now? Nobody knows.')).toBe('Why now?');
    const long = deriveTitle(`${'word '.repeat(40)}end.`);
    expect(long.length).toBeLessThanOrEqual(101);
    expect(long).toMatch(/^word( word)+…$/);
  });

  it('names a plain-text article after the headline it opens with', () => {
    expect(deriveTitle('Pier fire questions\n"The report is wrong," the harbour master said.')).toBe('Pier fire questions');
    expect(deriveTitle('Why did the pier burn?\nInvestigators met on Monday.')).toBe('Why did the pier burn?');
    // Not a headline: a sentence, a credit or byline, a date, a lone word, or the only paragraph.
    expect(deriveTitle('The council met.\nIt voted to close the harbour by a wide margin.')).toBe('It voted to close the harbour by a wide margin');
    expect(deriveTitle('Photo: Jane Smith\nThe minister resigned on Friday after a week of pressure.')).toBe('The minister resigned on Friday after a week of pressure');
    expect(deriveTitle('By Jane Smith\nThe minister resigned on Friday after a week of pressure.')).toBe('The minister resigned on Friday after a week of pressure');
    expect(deriveTitle('Tuesday 16 May 2017 10.30 BST\nThe minister resigned on Friday after a week of pressure.')).toBe('The minister resigned on Friday after a week of pressure');
    expect(deriveTitle('UPDATED\nThe minister resigned on Friday after a week of pressure.')).toBe('The minister resigned on Friday after a week of pressure');
    expect(deriveTitle('Ministers meet again')).toBe('Ministers meet again');
  });

  it('does not name an article after a caption or heading, nor cut a title inside a quotation', () => {
    expect(deriveTitle('Photo/AP\nThe minister resigned on Friday after a week of pressure.')).toBe('The minister resigned on Friday after a week of pressure');
    expect(deriveTitle(`Officials said the President told the Russian foreign minister details of the "inner workings of the group that could expose a source."`)).toBe(
      'Officials said the President told the Russian foreign minister details of the…',
    );
  });

  it('writes publication dates as ISO 8601: a day stays a day, an instant becomes UTC', () => {
    expect(normalisePublished('2017-05-16')).toBe('2017-05-16');
    expect(normalisePublished(new Date('2017-05-16T00:00:00Z'))).toBe('2017-05-16');
    expect(normalisePublished('2017-05-16T14:30:00+02:00')).toBe('2017-05-16T12:30:00Z');
    expect(normalisePublished('Tue, 16 May 2017 14:00:00 GMT')).toBe('2017-05-16T14:00:00Z');
    expect(normalisePublished('May 16, 2017')).toBe('2017-05-16');
    expect(normalisePublished('2017-02-30')).toBeNull();
    expect(normalisePublished('soon')).toBeNull();
    expect(normalisePublished(undefined)).toBeNull();
  });
});
