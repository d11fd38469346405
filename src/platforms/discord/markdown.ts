import type { Range } from '../../domain/reply.js';

/**
 * Article text is untrusted: it must render as the words it is, never as Discord markdown, links,
 * mentions or spoilers. Escaping is done one character at a time so a cut never splits an escape
 * sequence or leaves a bold marker open.
 */

const ZWSP = '\u200b';
export const ELLIPSIS = '…';

/** Characters that start markdown, masked links, spoilers, quotes, headings, mentions or emoji. */
const MARKDOWN_CHARS = new Set(['\\', '*', '_', '~', '`', '|', '>', '<', '[', ']', '#']);
const MASS_MENTION = /^(everyone|here)/i;
/** U+202A–U+202E and U+2066–U+2069, by code: escapeAt runs once per character of every cut tried. */
function isBidiControl(c: string): boolean {
  const code = c.charCodeAt(0);
  return (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

function atLineStart(text: string, i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const c = text[j];
    if (c === '\n') return true;
    if (c !== ' ' && c !== '\t') return false;
  }
  return true;
}

/** The markdown-safe form of `text[i]`. */
function escapeAt(text: string, i: number, keepNewlines: boolean): string {
  const c = text[i] as string;
  if (c === '@' && MASS_MENTION.test(text.slice(i + 1, i + 9))) return `@${ZWSP}`;
  // A URL inside article text stays text: "https\://" is not auto-linked (our own links are built apart).
  if (c === ':' && text.startsWith('//', i + 1) && /(^|[^a-z])(https?|ftp|discord)$/i.test(text.slice(Math.max(0, i - 8), i))) return '\\:';
  if (MARKDOWN_CHARS.has(c)) return `\\${c}`;
  if (c === '\n') return keepNewlines ? '\n' : ' ';
  if (c === '\r' || c === '\t' || c === '\f' || c === '\v') return ' ';
  // Other control characters have no business in a chat message; bidirectional overrides,
  // embeddings and isolates would reorder the rest of the line as displayed (an attribution that
  // reads as the article's author wants).
  if (c < ' ' || c === '\u007f' || isBidiControl(c)) return '';
  if ((c === '-' || c === '+') && atLineStart(text, i)) return `\\${c}`;
  return c;
}

/** Sorted, merged, clipped to [0, length), empty ranges dropped. */
function normaliseRanges(ranges: readonly Range[], length: number): Array<[number, number]> {
  const sorted = ranges
    .map(([s, e]) => [Math.max(0, Math.min(s, length)), Math.max(0, Math.min(e, length))] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

function build(text: string, ranges: ReadonlyArray<[number, number]>, n: number, keepNewlines: boolean): string {
  let out = '';
  let r = 0;
  let inBold = false;
  for (let i = 0; i < n; i++) {
    while (r < ranges.length && (ranges[r] as [number, number])[1] <= i) r++;
    const range = ranges[r];
    const bold = range !== undefined && range[0] <= i && i < range[1];
    if (bold && !inBold) out += '**';
    if (!bold && inBold) out += '**';
    inBold = bold;
    out += escapeAt(text, i, keepNewlines);
  }
  if (inBold) out += '**';
  return out;
}

function isWhitespace(c: string | undefined): boolean {
  return c !== undefined && /\s/.test(c);
}

/** Never cut between the two halves of a surrogate pair (emoji, rare scripts). */
function safeCut(text: string, n: number): number {
  if (n > 0 && n < text.length) {
    const code = text.charCodeAt(n - 1);
    if (code >= 0xd800 && code <= 0xdbff) return n - 1;
  }
  return n;
}

export interface RichOptions {
  /** Words to show in bold: [start, end) offsets into the text. */
  highlights?: readonly Range[];
  /** Keep line breaks (lists, help text); otherwise they become spaces (quotes). */
  keepNewlines?: boolean;
}

/**
 * Escapes `text` for Discord markdown, bolds the highlights, and fits the result in `max`
 * characters, cutting at a word boundary with an ellipsis when it does not fit.
 */
export function richText(text: string, max: number, opts: RichOptions = {}): string {
  const keep = opts.keepNewlines ?? false;
  const ranges = normaliseRanges(opts.highlights ?? [], text.length);
  const full = build(text, ranges, text.length, keep);
  if (full.length <= max) return full;
  if (max < ELLIPSIS.length) return '';
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (build(text, ranges, mid, keep).length + ELLIPSIS.length <= max) lo = mid;
    else hi = mid - 1;
  }
  let n = lo;
  if (!isWhitespace(text[n])) {
    const space = Math.max(text.lastIndexOf(' ', n), text.lastIndexOf('\n', n));
    if (space > 0 && n - space <= 40) n = space;
  }
  while (n > 0 && isWhitespace(text[n - 1])) n--;
  n = safeCut(text, n);
  return build(text, ranges, n, keep) + ELLIPSIS;
}

/** Markdown-escaped, mention-neutralised text, cut cleanly to `max`. Keeps line breaks. */
export function escapeMarkdown(text: string, max = Number.POSITIVE_INFINITY): string {
  return richText(text, max, { keepNewlines: true });
}

/**
 * For places Discord shows as plain text (embed author and footer, choice names, button labels):
 * no markdown to escape, but mass mentions are still broken up.
 */
export function plainText(text: string, max: number): string {
  let s = text.replace(/[\r\n\t]+/g, ' ').replace(/[\u0000-\u001f\u007f\u202A-\u202E\u2066-\u2069]/g, '');
  s = s.replace(/@(everyone|here)/gi, `@${ZWSP}$1`);
  if (s.length <= max) return s;
  return s.slice(0, safeCut(s, max - ELLIPSIS.length)).trimEnd() + ELLIPSIS;
}

/** An http(s) URL Discord will accept as an embed or link URL, else null. */
export function safeUrl(url: string | null | undefined, max: number): string | null {
  if (!url || url.length > max) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}
