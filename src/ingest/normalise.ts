/**
 * Text normalisation, done once at ingest: every offset later in factbot (statements, highlights)
 * points into the string this module returns, so nothing downstream may normalise again.
 *
 * Decisions (also in the README, section "Ingest"):
 * - Unicode NFC; line endings `\r\n` / `\r` / U+2028 / U+2029 become `\n`.
 * - Typographic double quotes (“ ” „ ‟ « ») become `"` (the spaces French sets inside « » go); typographic single quotes and
 *   apostrophes (‘ ’ ‚ ‛) become `'`. Primes (′ ″) are measurements, not quotes: left alone.
 * - Em dash, en dash, horizontal bar used as punctuation become one spaced hyphen ` - `
 *   (the form the seed articles already use); a dash between two digits is a range and becomes
 *   `-` with no spaces ("1990–1995" → "1990-1995"); the minus sign and Unicode hyphens become `-`.
 * - Non-breaking and other odd spaces (and tabs) become a plain space; zero-width spaces, BOMs,
 *   soft hyphens, bidirectional overrides/isolates and other control characters are dropped; runs of
 *   spaces collapse to one.
 * - A paragraph is a non-empty line, trimmed. Paragraphs are joined by a single `\n`.
 * Everything else (ellipses, markup such as `<script>`, `@everyone`, emoji) stays verbatim.
 */

/**
 * French typography sets guillemets off with a (no-break, often narrow) space: « Nous avons… ».
 * As `"` those spaces would open the quotation with a space (" Nous avons… "), which no quote
 * reader takes for a quotation (QA 8): the spaces inside the marks go. Only for « opening and »
 * closing (German writes »…«, with the spaces outside).
 */
const GUILLEMET_SPACES = /(^|[\s([:;,])«[ \t\u00A0\u2009\u202F]+([^«»\n]*?\S)[ \t\u00A0\u2009\u202F]+»(?=$|[\s.,;:!?)\]])/gm;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u00AB\u00BB\u301D\u301E\uFF02]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\uFF07]/g;
/** Digits either side: a numeric range, written tight. */
const RANGE_DASH = /(\d)[\u2012\u2013\u2014\u2015](?=\d)/g;
/** A punctuation dash with whatever spaces surround it. */
const PUNCT_DASH = /[ ]*[\u2014\u2013\u2015][ ]*/g;
const HYPHENS = /[\u2010\u2011\u2012\u2212\uFE63\uFF0D]/g;
/** NBSP, the U+2000 block of spaces, narrow NBSP, medium math space, ideographic space, tab, VT, FF. */
const ODD_SPACES = /[\t\v\f\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
/**
 * Invisible characters that only get in the way of matching: ZWSP, word joiner, BOM, soft hyphen,
 * C0/C1 controls; and the bidirectional embeddings, overrides and isolates (U+202A–E, U+2066–9),
 * which make what a reader sees differ from the text ("‮tsoP notgnihsaW" displays as "Washington
 * Post" reversed back): shown in a chat answer or a terminal, an article could make an attribution
 * read as it likes. Arabic and Hebrew need none of them; the marks LRM/RLM stay.
 */
const INVISIBLE = /[\u200B\u2060\uFEFF\u00AD\u0000-\u0008\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
const LINE_BREAKS = /\r\n?|[\u2028\u2029\u0085]/g;

/** Normalises characters within text, keeping line breaks; does not split paragraphs. */
export function normaliseInline(raw: string): string {
  return raw
    .replace(LINE_BREAKS, '\n')
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(GUILLEMET_SPACES, '$1«$2»')
    .replace(ODD_SPACES, ' ')
    .replace(DOUBLE_QUOTES, '"')
    .replace(SINGLE_QUOTES, "'")
    .replace(RANGE_DASH, '$1-')
    .replace(PUNCT_DASH, ' - ')
    .replace(HYPHENS, '-')
    .replace(/ {2,}/g, ' ');
}

/** Splits already-inline-normalised text into paragraphs: non-empty lines, trimmed. */
export function toParagraphs(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const p = line.trim();
    if (p) out.push(p);
  }
  return out;
}

/** Full normalisation of a text whose lines are paragraphs: the `Article.text` form. */
export function normaliseText(raw: string): string {
  return toParagraphs(normaliseInline(raw)).join('\n');
}

/** Normalises a one-line metadata value (title, outlet, author): null when nothing is left. */
export function normaliseField(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const s = normaliseInline(String(raw)).replace(/\s+/g, ' ').trim();
  return s ? s : null;
}
