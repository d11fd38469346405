/**
 * Figures in a claim: amounts, percentages, counts, years and dates. "The repairs will cost $4
 * million" is not reported by "the repairs will cost $40 million" — one word apart, a different
 * claim (QA 6b, C8). Words decide whether a statement carries a claim (`matchClaim`); the claim's
 * figures must then be in it too, read as values: "$4m", "$4 million", "4 million dollars", "four
 * million dollars" and "$4,000,000" are the same figure, "40%" and "40 per cent" too.
 * - every figure of the claim must be matched by one of the statement's of a compatible kind (an
 *   amount by an amount or a bare number of the same value, a date by a date, a year by a year
 *   or a date in that year);
 * - a statement with a figure of that kind but another value gives a different figure: shown
 *   apart, never counted as a report;
 * - a statement with no figure of that kind does not state the claim's figure.
 * It reads simple figures, not arithmetic: "at least $4 million" is $4 million, "between 3 and 5"
 * is two figures.
 */

export type FigureKind = 'money' | 'percent' | 'number' | 'year' | 'date';

export interface Figure {
  kind: FigureKind;
  /** The amount (money, percent, number), the year, or for a date 0. */
  value: number;
  /** "$", "£", "€" for money when stated. */
  currency?: string;
  month?: number;
  day?: number;
  year?: number;
  /** The words as written ("$40 million"), to show. */
  text: string;
  /** What a bare number counts ("eighteen *months*", "three *officials*"), singular. */
  unit?: string;
}

/** Heading of the /sources group of statements that give another figure than the claim's. */
export const FIGURE_HEADING = 'Giving a different figure';

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALES: Record<string, number> = { hundred: 1e2, thousand: 1e3, million: 1e6, millions: 1e6, billion: 1e9, billions: 1e9, trillion: 1e12 };
const SUFFIX_SCALES: Record<string, number> = { k: 1e3, m: 1e6, mn: 1e6, bn: 1e9, b: 1e9, tn: 1e12 };
const CURRENCY_WORDS: Record<string, string> = { dollar: '$', dollars: '$', usd: '$', pound: '£', pounds: '£', gbp: '£', euro: '€', euros: '€', eur: '€' };
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** "may" and "march" are words too: months only next to a day or a year, or after these. */
const MONTH_CONTEXT = new Set('in on by since until till from of last next early late mid during this before after'.split(' '));

interface Tok {
  t: string;
  /** As written, for `Figure.text`. */
  raw: string;
  start: number;
  end: number;
}

function toks(text: string): Tok[] {
  const out: Tok[] = [];
  for (const m of text.matchAll(/US\$|[$£€]|\d+(?:,\d{3})*(?:\.\d+)?(?:st|nd|rd|th|%|mn|bn|tn|[kmb])?(?![\w])|%|[A-Za-z]+(?:-[A-Za-z]+)?/g)) {
    out.push({ t: m[0].toLowerCase(), raw: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** A number written in words: "four", "forty", "twenty-five", "forty five". Returns value and tokens used. */
function wordNumber(ts: readonly Tok[], i: number): { value: number; used: number } | null {
  const w = ts[i]?.t;
  if (!w) return null;
  const parts = w.split('-');
  if (parts.length === 2 && TENS[parts[0]!] !== undefined && UNITS[parts[1]!] !== undefined) return { value: TENS[parts[0]!]! + UNITS[parts[1]!]!, used: 1 };
  if (TENS[w] !== undefined) {
    const next = ts[i + 1]?.t;
    if (next && UNITS[next] !== undefined && UNITS[next]! > 0 && UNITS[next]! < 10) return { value: TENS[w]! + UNITS[next]!, used: 2 };
    return { value: TENS[w]!, used: 1 };
  }
  if (UNITS[w] !== undefined) return { value: UNITS[w]!, used: 1 };
  return null;
}

function monthAt(ts: readonly Tok[], i: number): number | null {
  const tok = ts[i];
  if (!tok) return null;
  const k = MONTHS.indexOf(tok.t);
  if (k < 0) return null;
  if (tok.t === 'may' || tok.t === 'march') {
    // "the pier may collapse", "protesters march": a month only when written as one.
    const capital = tok.raw[0] === tok.raw[0]!.toUpperCase();
    const near = /^\d/.test(ts[i + 1]?.t ?? '') || /^\d/.test(ts[i - 1]?.t ?? '') || MONTH_CONTEXT.has(ts[i - 1]?.t ?? '');
    if (!capital || !near) return null;
  }
  return k + 1;
}

/** Words after a number that are not what it counts ("4 million for the harbour"). */
const NOT_UNITS = new Set('for of the a an and or to in on at by from with per than this that these those as into over under about and but who which'.split(' '));

const isDay = (t: string | undefined) => t !== undefined && /^\d{1,2}(?:st|nd|rd|th)?$/.test(t) && Number.parseInt(t, 10) >= 1 && Number.parseInt(t, 10) <= 31;
const isYear = (t: string | undefined) => t !== undefined && /^\d{4}$/.test(t) && Number(t) >= 1800 && Number(t) <= 2199;

/** The figures of a text, in order. */
export function figures(text: string): Figure[] {
  const ts = toks(text);
  const out: Figure[] = [];
  const span = (a: number, b: number) => text.slice(ts[a]!.start, ts[b]!.end);
  for (let i = 0; i < ts.length; i++) {
    const start = i;
    // Dates: "April", "April 3", "3 April", "April 3, 2026", "3rd of April 2026".
    let month = monthAt(ts, i);
    if (month !== null) {
      const f: Figure = { kind: 'date', value: 0, month, text: '' };
      let j = i;
      if (isDay(ts[i + 1]?.t)) f.day = Number.parseInt(ts[++j]!.t, 10);
      if (isYear(ts[j + 1]?.t)) f.year = Number(ts[++j]!.t);
      f.text = span(start, j);
      out.push(f);
      i = j;
      continue;
    }
    if (isDay(ts[i]!.t)) {
      const ofAt = ts[i + 1]?.t === 'of' ? i + 2 : i + 1;
      month = monthAt(ts, ofAt);
      if (month !== null) {
        const f: Figure = { kind: 'date', value: 0, month, day: Number.parseInt(ts[i]!.t, 10), text: '' };
        let j = ofAt;
        if (isYear(ts[j + 1]?.t)) f.year = Number(ts[++j]!.t);
        f.text = span(start, j);
        out.push(f);
        i = j;
        continue;
      }
    }
    // Amounts: [currency] number [scale] [currency word | percent].
    let j = i;
    let currency: string | undefined;
    if (ts[j]!.t === 'us$' || /^[$£€]$/.test(ts[j]!.t)) {
      currency = ts[j]!.t === 'us$' ? '$' : ts[j]!.t;
      j++;
    }
    const tok = ts[j];
    if (!tok) continue;
    let value: number;
    let percent = false;
    let scaled = false;
    const digits = /^(\d+(?:,\d{3})*(?:\.\d+)?)(st|nd|rd|th|%|mn|bn|tn|[kmb])?$/.exec(tok.t);
    if (digits) {
      value = Number(digits[1]!.replace(/,/g, ''));
      const suffix = digits[2];
      if (suffix === '%') percent = true;
      else if (suffix && SUFFIX_SCALES[suffix] !== undefined) {
        value *= SUFFIX_SCALES[suffix]!;
        scaled = true;
      }
    } else {
      const wn = wordNumber(ts, j);
      // "one" alone is mostly not a figure ("one of the engineers"); "one million" is.
      if (!wn || (wn.value <= 1 && !SCALES[ts[j + wn.used]?.t ?? ''] && !currency)) continue;
      value = wn.value;
      j += wn.used - 1;
    }
    if (!Number.isFinite(value)) continue;
    while (SCALES[ts[j + 1]?.t ?? ''] !== undefined) {
      value *= SCALES[ts[++j]!.t]!;
      scaled = true;
    }
    const after = ts[j + 1]?.t;
    if (after && CURRENCY_WORDS[after] !== undefined) {
      currency ??= CURRENCY_WORDS[after];
      j++;
    } else if (after === '%' || after === 'percent' || after === 'pc') {
      percent = true;
      j++;
    } else if (after === 'per' && ts[j + 2]?.t === 'cent') {
      percent = true;
      j += 2;
    }
    const text_ = span(start, j);
    if (currency) out.push({ kind: 'money', value, currency, text: text_ });
    else if (percent) out.push({ kind: 'percent', value, text: text_ });
    else if (!scaled && isYear(ts[i]!.t)) out.push({ kind: 'year', value, year: value, text: text_ });
    else {
      const unit = ts[j + 1]?.t;
      const f: Figure = { kind: 'number', value, text: text_ };
      if (unit && /^[a-z]+$/.test(unit) && !NOT_UNITS.has(unit)) f.unit = unit.replace(/(?<=[a-z]{3})s$/, '');
      out.push(f);
    }
    i = j;
  }
  return out;
}

/** Whether a word of a claim is part of a figure, and so is matched as a value, not as a word. */
export function figureWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const f of figures(text)) for (const w of f.text.toLowerCase().match(/[a-z0-9]+/g) ?? []) words.add(w);
  return words;
}

const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Whether a statement's figure `s` can stand for the claim's `c` at all, and whether it is the same. */
function compare(c: Figure, s: Figure): 'same' | 'different' | null {
  switch (c.kind) {
    case 'money':
      if (s.kind === 'money') return same(c.value, s.value) && (!c.currency || !s.currency || c.currency === s.currency) ? 'same' : 'different';
      // "cost 4 million" for "$4 million": the unit unsaid, the value the same. A bare number
      // with another value is no other amount ("take eighteen months").
      if (s.kind === 'number') return same(c.value, s.value) ? 'same' : null;
      return null;
    case 'percent':
      return s.kind === 'percent' ? (same(c.value, s.value) ? 'same' : 'different') : null;
    case 'number':
      if (s.kind === 'money') return same(c.value, s.value) ? 'same' : null;
      if (s.kind !== 'number') return null;
      // The same value stands whatever follows it ("2 killed", "two people were killed"); another
      // value of something else does not conflict ("eighteen months" is no other "3 officials").
      if (same(c.value, s.value)) return 'same';
      return c.unit && s.unit && c.unit !== s.unit ? null : 'different';
    case 'year':
      if (s.kind === 'year') return c.value === s.value ? 'same' : 'different';
      if (s.kind === 'date' && s.year !== undefined) return c.value === s.year ? 'same' : 'different';
      return null;
    case 'date': {
      if (s.kind !== 'date') return null;
      if (c.month !== s.month) return 'different';
      if (c.day !== undefined && s.day !== undefined && c.day !== s.day) return 'different';
      if (c.year !== undefined && s.year !== undefined && c.year !== s.year) return 'different';
      // A less precise date ("in April" for "April 3") does not state the claim's day.
      if ((c.day !== undefined && s.day === undefined) || (c.year !== undefined && s.year === undefined)) return null;
      return 'same';
    }
  }
}

export interface FigureCheck {
  /**
   * `none`: the claim has no figures; `same`: the statement has every one; `different`: it gives
   * another value for one of them; `missing`: it states none of that kind.
   */
  status: 'none' | 'same' | 'different' | 'missing';
  /** The statement's figures that differ from the claim's ("$40 million"). */
  different: string[];
}

export function compareFigures(claim: readonly Figure[], text: string): FigureCheck {
  if (!claim.length) return { status: 'none', different: [] };
  const stated = figures(text);
  const different: string[] = [];
  let missing = false;
  for (const c of claim) {
    const verdicts = stated.map((s) => ({ s, v: compare(c, s) })).filter((x) => x.v !== null);
    if (verdicts.some((x) => x.v === 'same')) continue;
    if (verdicts.length) different.push(...verdicts.map((x) => x.s.text));
    else missing = true;
  }
  if (different.length) return { status: 'different', different: [...new Set(different)] };
  return { status: missing ? 'missing' : 'same', different: [] };
}
