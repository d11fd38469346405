/**
 * Sentence boundaries inside one paragraph, as character offsets.
 *
 * A sentence never ends inside a quotation: a multi-sentence quote is one unit with its attribution.
 * Abbreviations ("Mr.", "Sen.", "Sept."), initials ("H.R.") and dotted acronyms ("U.S.", "D.C.") do not end
 * a sentence unless a typical sentence opener follows them; two sentences glued without a space
 * ("Middle East.President") are separated.
 */
import { speechVerb } from './cues.js';
import type { QuoteSpan } from './quote-spans.js';

export interface Span {
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof sen rep reps gov lt col gen sgt capt cmdr adm maj cpl pvt st jr sr rev hon pres supt insp det ' +
    'inc corp co ltd llc bros vs v etc al no nos vol pp fig approx est dept univ assn ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun ' +
    'ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev okla ore pa ' +
    'tenn tex va vt wash wis wyo ft mt'
  ).split(' '),
);

/** Words that open a sentence often enough that a dotted acronym before them ends one ("in the U.S. The …"). */
const OPENERS = new Set(
  'the a an he she it they we i you this that these those there his her its their our but and so yet in on at for if when while after before as since although though however meanwhile still now then what who why how where mr mrs ms dr'.split(' '),
);

const isUpper = (c: string | undefined): boolean => c !== undefined && /\p{Lu}/u.test(c);
const isLower = (c: string | undefined): boolean => c !== undefined && /\p{Ll}/u.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const CLOSERS = new Set(['"', '\u201d', '\u2019', "'", ')', ']', '\u00bb']);
const OPENING_QUOTES = new Set(['"', '\u201c', '\u2018', "'", '(', '[', '\u00ab', '`']);

/** The word ending just before offset `dot` (letters and inner dots). */
function wordBefore(text: string, dot: number, floor: number): string {
  let i = dot;
  while (i > floor && /[\p{L}.]/u.test(text[i - 1]!)) i--;
  return text.slice(i, dot);
}

function wordAfter(text: string, from: number, ceil: number): string {
  let i = from;
  while (i < ceil && OPENING_QUOTES.has(text[i]!)) i++;
  let j = i;
  while (j < ceil && /\p{L}/u.test(text[j]!)) j++;
  return text.slice(i, j);
}

/** Whether a period at `dot` is part of an abbreviation, an initial or an acronym, given what follows. */
function isAbbreviationDot(text: string, dot: number, floor: number, next: string): boolean {
  const w = wordBefore(text, dot, floor);
  if (!w) return isDigit(text[dot - 1]) && isDigit(text[dot + 1]);
  const bare = w.replace(/\./g, '');
  if (ABBREVIATIONS.has(w.toLowerCase())) {
    // "Jan." or "No." may still end a sentence; titles never do
    return !(OPENERS.has(next.toLowerCase()) && /^(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|no|etc|inc|co|corp|ltd|jr|sr)$/i.test(w));
  }
  if (/^\p{Lu}$/u.test(w)) return !OPENERS.has(next.toLowerCase()) || next === 'A' || next === 'I'; // an initial: "H. R."
  if (w.includes('.') && /^(\p{L}\.)+\p{L}$/u.test(w) && bare.length <= 4) {
    // dotted acronym: U.S., D.C., H.R., a.m.
    return !OPENERS.has(next.toLowerCase()) || next === next.toUpperCase();
  }
  return false;
}

/** "n words, then a word": the subject of a following attribution is at most seven words long. */
const SUBJECT_THEN_WORD = [1, 2, 3, 4, 5, 6, 7].map((n) => new RegExp(`^((?:[\\p{L}.'’-]+,?\\s+){${n}})([\\p{L}]+)(?=[\\s,.;!?]|$)`, 'u'));

const PRONOUN_SUBJECTS = /^(he|she|they|it|we|i)$/i;

/**
 * Whether the words at `from` are a short attribution clause ("Trump asked.", "he said, looking …",
 * "a spokesman for the campaign said."): a subject of at most five words, a speech verb, then the clause ends.
 */
function attributionFollows(text: string, from: number, end: number, afterPeriod: boolean): boolean {
  const rest = text.slice(from, Math.min(end, from + 120));
  // after a full stop only a bare closing attribution ("… tonight." he said.) stays: "He added, …" starts anew
  if (afterPeriod && !/^(?:[\p{L}.'’-]+\s+){1,6}?[\p{L}]+\s*[.;]/u.test(rest)) return false;
  // after ? or ! the first speech verb within the next few words ("Renteria told reporters during …");
  // after a full stop the verb must close the clause
  let m: RegExpExecArray | null = null;
  for (const re of SUBJECT_THEN_WORD) {
    const r = re.exec(rest);
    if (r && speechVerb(r[2]!)) {
      m = r;
      break;
    }
  }
  if (!m) return false;
  if (afterPeriod && !/^\s*[,.;]|^\s+(?:on|in|at|during|after|before|last|this|late|early|yesterday|today)\b|^$/.test(rest.slice(m[0].length))) return false;
  const subject = m[1]!.trim().replace(/,/g, '').split(/\s+/);
  if (subject.length === 1 && PRONOUN_SUBJECTS.test(subject[0]!)) return true;
  if (subject.some((w) => /^(and|but|that|which|who|because|when|if|so)$/i.test(w))) return false;
  return /^\p{Lu}/u.test(subject[0]!);
}

/**
 * Sentences of the paragraph `[start, end)`. `quotes` are the quote spans of that paragraph: no boundary
 * falls strictly inside one, though a quote ending a sentence ends it with the sentence.
 */
export function splitSentences(text: string, start: number, end: number, quotes: readonly QuoteSpan[] = []): Span[] {
  const out: Span[] = [];
  let sentStart = start;
  while (sentStart < end && /\s/.test(text[sentStart]!)) sentStart++;
  let q = 0;
  for (let i = sentStart; i < end; i++) {
    const c = text[i];
    if (c !== '.' && c !== '?' && c !== '!') continue;
    while (q < quotes.length && quotes[q]!.close <= i) q++;
    // glued sentences: "Middle East.President" (lower-case letter, dot, capitalised word)
    const insideQuote = q < quotes.length && quotes[q]!.open < i && i < quotes[q]!.close;
    if (c === '.' && !insideQuote && isLower(text[i - 1]) && isUpper(text[i + 1]) && isLower(text[i + 2])) {
      const w = wordBefore(text, i, sentStart);
      if (!w.includes('.') && w.length > 1 && !ABBREVIATIONS.has(w.toLowerCase())) {
        out.push({ start: sentStart, end: i + 1 });
        sentStart = i + 1;
        continue;
      }
    }
    // `… Middle East."We were never told," said …`: a quote opening right after the end mark starts a sentence
    if (!insideQuote && quotes.some((x) => x.open === i + 1) && !isAbbreviationDot(text, i, sentStart, wordAfter(text, i + 1, end))) {
      out.push({ start: sentStart, end: i + 1 });
      sentStart = i + 1;
      continue;
    }
    let j = i + 1;
    while (j < end && (text[j] === '.' || text[j] === '?' || text[j] === '!')) j++;
    while (j < end && CLOSERS.has(text[j]!)) j++;
    if (j < end && !/\s/.test(text[j]!)) continue;
    let k = j;
    while (k < end && /\s/.test(text[k]!)) k++;
    if (k >= end) continue;
    const n = text[k];
    const startsSentence = isUpper(n) || isDigit(n) || OPENING_QUOTES.has(n!) || n === '\u2026';
    if (!startsSentence) continue;
    if (c === '.' && isAbbreviationDot(text, i, sentStart, wordAfter(text, k, end))) continue;
    // `"Is it?" Trump asked.`: a quote ending in ? or ! (or .) is still this sentence when its attribution follows
    if (j > i + 1 && CLOSERS.has(text[j - 1]!) && attributionFollows(text, k, end, c === '.')) continue;
    // never inside a quotation: the boundary must fall after the closing mark
    if (q < quotes.length && quotes[q]!.open < j && j < quotes[q]!.close) continue;
    out.push({ start: sentStart, end: j });
    sentStart = k;
    i = k - 1;
  }
  let e = end;
  while (e > sentStart && /\s/.test(text[e - 1]!)) e--;
  if (e > sentStart) out.push({ start: sentStart, end: e });
  return out;
}
