/**
 * Word tokens of a sentence with quotations folded into single `q` tokens, so that attribution rules see
 * the sentence's own structure ("Q , he said .") and never the words inside quotes.
 */
import type { QuoteSpan } from './quote-spans.js';

export interface Token {
  /** The token as written. */
  t: string;
  /** Lower case, without a trailing dot. */
  lo: string;
  start: number;
  end: number;
  /** w: word, p: punctuation, q: a whole quotation. */
  k: 'w' | 'p' | 'q';
  /** For `q` tokens: the quote span. */
  quote?: QuoteSpan;
}

const WORD = /\$?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?:\p{L}\.){2,}|[\p{L}\p{N}$£€#@][\p{L}\p{N}'’\-&$%.]*[\p{L}\p{N}%]|[\p{L}\p{N}]/uy;
const PUNCT = /--|[,;:()[\]\u2014\u2013\u2015!?.\u2026]|-(?=\s)/y;
/** Words written with a dot that keeps it: honorifics, titles, initials, months ("Dec. 28" is no sentence's end inside a clause). */
const DOTTED = /^(mr|mrs|ms|dr|sen|rep|del|gov|lt|col|gen|sgt|capt|jr|sr|st|rev|prof|no|vs|inc|co|corp|ft|mt|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|[a-z])$/i;

export function tokenize(text: string, start: number, end: number, quotes: readonly QuoteSpan[]): Token[] {
  const toks: Token[] = [];
  let qi = 0;
  let i = start;
  while (i < end) {
    while (qi < quotes.length && quotes[qi]!.close <= i) qi++;
    if (qi < quotes.length && quotes[qi]!.open === i) {
      const q = quotes[qi]!;
      const e = Math.min(q.close, end);
      toks.push({ t: text.slice(i, e), lo: '', start: i, end: e, k: 'q', quote: q });
      i = e;
      continue;
    }
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\u00a0' || c === '\n') {
      i++;
      continue;
    }
    WORD.lastIndex = i;
    const m = WORD.exec(text);
    if (m) {
      let w = m[0];
      let e = i + w.length;
      // keep a stray dot off the word, except for abbreviations
      if (w.endsWith('.') && !/^(\p{L}\.)+$/u.test(w)) {
        w = w.slice(0, -1);
        e--;
      }
      if (text[e] === '.' && DOTTED.test(w) && e + 1 <= end) {
        w += '.';
        e++;
      }
      const lw = w.toLowerCase();
      toks.push({ t: w, lo: lw.endsWith('.') ? lw.slice(0, -1) : lw, start: i, end: e, k: 'w' });
      i = e;
      continue;
    }
    PUNCT.lastIndex = i;
    const p = PUNCT.exec(text);
    const len = p ? p[0].length : 1;
    const t = text.slice(i, i + len);
    if (p) toks.push({ t, lo: t, start: i, end: i + len, k: 'p' });
    i += len;
  }
  return toks;
}

export const isCapWord = (t: Token | undefined): boolean => {
  if (t === undefined || t.k !== 'w') return false;
  // asked of nearly every token: an ASCII first letter is answered without the Unicode regex
  const c = t.t.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return /^[\p{Lu}]/u.test(t.t);
};

/** Whether every token from `from` on is punctuation (no copy of the array: sentences may be long). */
export function onlyPunctFrom(toks: readonly Token[], from: number): boolean {
  for (let k = Math.max(0, from); k < toks.length; k++) if (toks[k]!.k !== 'p') return false;
  return true;
}

/** Whether no word token stands in `[from, to)`. */
export function noWordsBetween(toks: readonly Token[], from: number, to: number): boolean {
  for (let k = Math.max(0, from); k < Math.min(to, toks.length); k++) if (toks[k]!.k === 'w') return false;
  return true;
}
