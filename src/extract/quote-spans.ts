/**
 * Quote spans: where quotation marks open and close in a paragraph.
 *
 * Handles curly and straight double quotes, the typewriter `''…''` pair, guillemets, and — only where a
 * paragraph has no double quotes — single quotes (British style), never mistaking apostrophes for marks.
 * A quote left open at the end of a paragraph runs to the paragraph's end: in news style that is a
 * quotation continuing in the next paragraph, which then opens with a quote mark again.
 */

export interface QuoteSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset just past the closing mark, or the paragraph end when the quote is left open. */
  close: number;
  /** The quoted words: offsets without the marks. */
  innerStart: number;
  innerEnd: number;
  /** False when the paragraph ended before a closing mark. */
  closed: boolean;
}

const OPEN_ONLY = new Set(['\u201c', '\u201e', '\u00ab']);
const CLOSE_ONLY = new Set(['\u201d', '\u00bb']);
const EITHER = new Set(['"']);
const APOS = new Set(["'", '\u2019', '\u2018', '`']);

const isSpace = (c: string | undefined): boolean => c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\u00a0';
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
/** Characters after which a mark opens a quote rather than closes one. */
const OPENS_AFTER = new Set(['(', '[', '{', '\u2014', '\u2013', '-', '/', ':']);

interface Mark {
  at: number;
  len: number;
  /** +1 opening, -1 closing, 0 either. */
  dir: number;
}

function doubleMarkAt(text: string, i: number): Mark | null {
  // called for every character of every paragraph: plain ASCII other than " ' ` is never a mark
  const code = text.charCodeAt(i);
  if (code < 128 && code !== 34 && code !== 39 && code !== 96) return null;
  const c = text[i];
  if (OPEN_ONLY.has(c!)) return { at: i, len: 1, dir: 1 };
  if (CLOSE_ONLY.has(c!)) return { at: i, len: 1, dir: -1 };
  if (EITHER.has(c!)) return { at: i, len: 1, dir: 0 };
  // '' and `` (two apostrophes or backticks) stand for a double quote in wire copy
  if ((c === "'" || c === '`' || c === '\u2019' || c === '\u2018') && APOS.has(text[i + 1] ?? '')) {
    return { at: i, len: 2, dir: c === '`' || c === '\u2018' ? 1 : 0 };
  }
  return null;
}

function canOpen(text: string, m: Mark, lineStart: number): boolean {
  if (m.dir === -1) return false;
  const prev = m.at > lineStart ? text[m.at - 1] : undefined;
  const next = text[m.at + m.len];
  // (French typography sets guillemets off with spaces: « Ce n'est pas vrai »)
  if (isSpace(next) && m.at + m.len < text.length && next !== undefined && text[m.at] !== '\u00ab') return false;
  // `said,"Look, …"`: a mark glued to a comma or colon opens when a word follows it
  if ((prev === ',' || prev === ';') && isWordChar(next)) return true;
  // `… in the Middle East."We were never told,"`: scraped text glues a new sentence's quote to the last one's end
  if ((prev === '.' || prev === '?' || prev === '!') && m.at - 2 >= lineStart && /[\p{L}\p{N})]/u.test(text[m.at - 2]!) && /[\p{Lu}\p{N}]/u.test(next ?? '')) return true;
  return prev === undefined || isSpace(prev) || OPENS_AFTER.has(prev) || m.dir === 1;
}

function canClose(text: string, m: Mark, lineStart: number): boolean {
  if (m.dir === 1) {
    // an opening curly mark glued to the end of a word is a typo for a closing one
    const prev = m.at > lineStart ? text[m.at - 1] : undefined;
    const next = text[m.at + m.len];
    return prev !== undefined && !isSpace(prev) && (isSpace(next) || /[.,;:!?)]/.test(next ?? ''));
  }
  return true;
}

/** Double-quote spans of one paragraph `[start, end)` of `text`. */
function doubleSpans(text: string, start: number, end: number): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let openMark: Mark | null = null;
  for (let i = start; i < end; i++) {
    const m = doubleMarkAt(text, i);
    if (!m) continue;
    if (openMark === null) {
      if (canOpen(text, m, start)) openMark = m;
    } else if (canClose(text, m, start)) {
      spans.push({ open: openMark.at, close: m.at + m.len, innerStart: openMark.at + openMark.len, innerEnd: m.at, closed: true });
      openMark = null;
    }
    i += m.len - 1;
  }
  if (openMark !== null) {
    let innerEnd = end;
    while (innerEnd > openMark.at + openMark.len && isSpace(text[innerEnd - 1])) innerEnd--;
    spans.push({ open: openMark.at, close: end, innerStart: openMark.at + openMark.len, innerEnd, closed: false });
  }
  return spans;
}

/** Single-quote spans, for paragraphs that use no double quotes at all. */
function singleSpans(text: string, start: number, end: number): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let open = -1;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c !== "'" && c !== '\u2018' && c !== '\u2019') continue;
    const prev = i > start ? text[i - 1] : undefined;
    const next = text[i + 1];
    if (isWordChar(prev) && isWordChar(next)) continue; // apostrophe inside a word: don't, Reed's
    if (open < 0) {
      const opens = (prev === undefined || isSpace(prev) || OPENS_AFTER.has(prev)) && isWordChar(next) && c !== '\u2019';
      // elisions: '90s, 'em, 'til
      if (opens && !/^(\d\ds|em\b|til\b|cause\b|n\b)/.test(text.slice(i + 1, i + 6))) open = i;
    } else {
      const closes = prev !== undefined && !isSpace(prev) && !isWordChar(next) && c !== '\u2018';
      // a plural possessive (voters' rights) is followed by a word
      if (closes && !(prev === 's' && /^ \p{Ll}/u.test(text.slice(i + 1, i + 3)) && i + 1 < end)) {
        spans.push({ open, close: i + 1, innerStart: open + 1, innerEnd: i, closed: true });
        open = -1;
      }
    }
  }
  return spans;
}

/** Quote spans of the paragraph `[start, end)` of `text`, in order. */
export function findQuoteSpans(text: string, start: number, end: number): QuoteSpan[] {
  const doubles = doubleSpans(text, start, end);
  if (doubles.length > 0) return doubles;
  return singleSpans(text, start, end);
}

/** Whether a paragraph starts with a quote mark (after any spaces): a quotation opening or continuing. */
export function startsWithQuote(spans: readonly QuoteSpan[], text: string, start: number): boolean {
  if (spans.length === 0) return false;
  let i = start;
  while (isSpace(text[i]) && i < text.length) i++;
  return spans[0]!.open === i;
}

/** Number of words in a span of text. */
export function wordCount(text: string, start: number, end: number): number {
  let n = 0;
  let inWord = false;
  for (let i = start; i < end; i++) {
    const w = isWordChar(text[i]);
    if (w && !inWord) n++;
    inWord = w;
  }
  return n;
}
