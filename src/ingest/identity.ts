import { createHash } from 'node:crypto';

/**
 * How an article is identified: ids stable across re-ingests, the content hash that tells the
 * store a source changed, and the title derived when a source gives none.
 */

const ID_LENGTH = 16;

function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

/** Query parameters that only track the reader: dropped before hashing a URL. */
const TRACKING_PARAM = /^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref_src|cmpid|smid|ocid)$/i;

/** Parses an http(s) URL; null for anything else (relative, other schemes, garbage). */
export function parseHttpUrl(raw: unknown): URL | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  if (!s) return null;
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return null;
  }
  return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
}

/**
 * The form of a URL used for identity: the same page reached over http or https, with or without
 * `www.`, a trailing slash, a fragment or tracking parameters, is one article.
 */
export function normaliseUrlForId(url: URL): string {
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';
  let path = url.pathname.replace(/\/+$/, '');
  if (!path) path = '/';
  const params = [...url.searchParams.entries()]
    .filter(([k]) => !TRACKING_PARAM.test(k))
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  return `${host}${port}${path}${query}`;
}

/** The URL shown to users: as given, without the fragment and tracking parameters. */
export function cleanUrl(url: URL): string {
  const u = new URL(url.href);
  u.hash = '';
  for (const key of [...u.searchParams.keys()]) if (TRACKING_PARAM.test(key)) u.searchParams.delete(key);
  return u.href;
}

/** Id from the normalised URL when there is one, else from the normalised text. */
export function articleId(url: URL | null, text: string): string {
  const basis = url ? `url:${normaliseUrlForId(url)}` : `text:${text}`;
  return sha256(basis).slice(0, ID_LENGTH);
}

export interface HashedFields {
  text: string;
  title: string;
  outlet: string | null;
  url: string | null;
  published: string | null;
  author: string | null;
}

/** sha256 over the text and every metadata field: any change means "replace the stored article". */
export function contentHash(f: HashedFields): string {
  return sha256(JSON.stringify([f.text, f.title, f.outlet, f.url, f.published, f.author]));
}

const TITLE_MAX = 100;

/** Abbreviations whose period does not end a sentence. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'col', 'lt', 'sgt', 'capt', 'cmdr', 'adm',
  'maj', 'st', 'jr', 'sr', 'rev', 'hon', 'pres', 'vs', 'etc', 'inc', 'ltd', 'corp', 'co', 'no', 'jan', 'feb',
  'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'u.s', 'u.k', 'u.n', 'e.g', 'i.e',
]);

/** The end (exclusive) of the first sentence of a paragraph, or its length. */
function firstSentenceEnd(p: string): number {
  const re = /[.!?]+["')\]]*(?=\s|$)/g;
  for (let m = re.exec(p); m; m = re.exec(p)) {
    const end = m.index + m[0].length;
    if (end >= p.length) return p.length;
    if (m[0].startsWith('.')) {
      const word = /([\p{L}.]+)$/u.exec(p.slice(0, m.index))?.[1] ?? '';
      const bare = word.toLowerCase().replace(/^\.+|\.+$/g, '');
      // "H.R." / "J." initials and known abbreviations do not end a sentence.
      if (ABBREVIATIONS.has(bare) || /^\p{Lu}$/u.test(word) || /^(\p{L}\.)+\p{L}$/u.test(word)) continue;
    }
    const next = p.slice(end).trimStart();
    if (/^[\p{Ll}]/u.test(next)) continue;
    return end;
  }
  return p.length;
}

/**
 * A wire-style dateline opening the first paragraph ("PORTHAVEN - ", "WASHINGTON (Reuters) — ",
 * "LONDON, May 3 – "): where the story was filed, not what it is about.
 */
const DATELINE = /^\p{Lu}[\p{Lu}.' ]+\p{Lu}(?:,[\p{L}\d ]{1,30})?(?: \([^()]{1,40}\))? ?[-\u2013\u2014] +(?=\S)/u;

/** The agency a wire dateline names: "WELLSBOROUGH, Oct 3 (Reuters) - " → Reuters. */
const DATELINE_AGENCY = /^\p{Lu}[\p{Lu}.' ]+\p{Lu}(?:,[\p{L}\d ,.]{1,40})? \(([\p{Lu}][\p{L}.&-]*(?: [\p{Lu}][\p{L}.&-]*){0,3})\) ?[-\u2013\u2014] +(?=\S)/u;
const AGENCY_NAMES: Record<string, string> = { AP: 'The Associated Press', 'Associated Press': 'The Associated Press' };

/**
 * The news agency a wire story's dateline credits, in its first two paragraphs (the first may be
 * the headline): the outlet of a wire story that carries no other (QA 8: a Reuters story saved as
 * text had no outlet at all). Null when there is no such dateline.
 */
export function datelineAgency(text: string): string | null {
  for (const p of text.split('\n', 2)) {
    const m = DATELINE_AGENCY.exec(p);
    if (m) return AGENCY_NAMES[m[1]!] ?? m[1]!;
  }
  return null;
}

/** Paragraphs this short are headings, credits or captions ("Photo/AP"): not what to name an article by. */
const TITLE_MIN_WORDS = 5;

/** Credits and bylines open articles too: "Photo/AP", "By Jane Smith", "© Reuters", "Updated 3 May". */
const CREDIT = /[/©@|]|^(?:by|photo|photograph|image|picture|credit|source|updated|published|posted|filed)\b/i;

/** A word of a date line: numbers and times, weekdays, months, time zones, "at", "am". */
const DATE_WORD = /^(?:[\d.:,/-]+|am|pm|at|on|of|the|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[.,]?|\d+(?:st|nd|rd|th),?)$/i;

/** A dateline of its own ("Tuesday 16 May 2017 10.30 BST"): when, not what. */
function isDateLine(line: string): boolean {
  return line.split(/\s+/).every((w) => DATE_WORD.test(w) || /^[A-Z]{2,4}$/.test(w));
}

/** "FOR IMMEDIATE RELEASE", "PRESS RELEASE", "EMBARGOED UNTIL 00:01 GMT, 3 JUNE": how a release opens, not what it is about. */
const RELEASE_LINE = /^\W*(?:for immediate release|(?:press|news|media) release|embargoed(?: until| till| to)?\b[^.]{0,60})\W*$/i;

/**
 * The headline a plain-text article opens with: a first paragraph of 2 to 20 words, with more
 * text after it, that does not end like a sentence (a full stop, a comma, a colon), is not a
 * credit or byline and is not just a date. Headlines are what people name articles by; the first
 * sentence is only a fallback.
 */
function headlineOf(paragraphs: readonly string[]): string | null {
  const first = paragraphs[0]?.trim() ?? '';
  if (paragraphs.length < 2 || first.length > TITLE_MAX) return null;
  const words = first.split(/\s+/).length;
  if (words < 2 || words > 20) return null;
  if (/[.,;:\-\u2013\u2014]$/.test(first) || CREDIT.test(first)) return null;
  if (isDateLine(first)) return null;
  return first;
}

/**
 * A title from the text: the headline it opens with (headlineOf), else the first sentence of its
 * first real paragraph (not a date line), cut at a word boundary near 100 characters with an ellipsis (never inside an unclosed quotation). A final period is
 * dropped (titles do not end in one); ! and ? stay.
 */
export function deriveTitle(text: string): string {
  const all = text.split('\n');
  // A press release opens with its release line ("FOR IMMEDIATE RELEASE"): the headline follows it.
  const paragraphs = all.length > 1 && RELEASE_LINE.test(all[0]!) ? all.slice(1) : all;
  const head = headlineOf(paragraphs);
  if (head) return head;
  const found = paragraphs.find((p) => p.split(/\s+/).length >= TITLE_MIN_WORDS && !isDateLine(p)) ?? paragraphs[0] ?? '';
  const first = found.replace(DATELINE, '');
  let t = first.slice(0, firstSentenceEnd(first)).trim();
  if (t.length <= TITLE_MAX) return t.replace(/(?<!\.)\.$/, '');
  const cut = t.slice(0, TITLE_MAX + 1);
  const space = cut.lastIndexOf(' ');
  t = space > TITLE_MAX / 2 ? cut.slice(0, space) : cut.slice(0, TITLE_MAX);
  // An odd number of quote marks: the cut is inside a quotation, so end before it opened.
  if ((t.match(/"/g) ?? []).length % 2 === 1) {
    const open = t.lastIndexOf('"');
    if (open > TITLE_MAX / 2) t = t.slice(0, open);
  }
  return `${t.replace(/[\s,;:.\-]+$/, '')}…`;
}

/**
 * A publication date as ISO 8601: `YYYY-MM-DD` when the source gives only a day, a full UTC
 * date-time otherwise; null when absent or unparseable.
 */
export function normalisePublished(raw: unknown): string | null {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return null;
    // YAML turns `2017-05-16` into a Date at UTC midnight: that is a day, not an instant.
    const midnight = raw.getUTCHours() === 0 && raw.getUTCMinutes() === 0 && raw.getUTCSeconds() === 0 && raw.getUTCMilliseconds() === 0;
    return midnight ? raw.toISOString().slice(0, 10) : isoInstant(raw);
  }
  if (typeof raw === 'number' && Number.isFinite(raw)) {
    // Unix time: seconds when it looks like seconds, else milliseconds.
    const d = new Date(raw < 1e11 ? raw * 1000 : raw);
    return Number.isNaN(d.getTime()) ? null : isoInstant(d);
  }
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  if (!s) return null;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (day) {
    const d = new Date(`${s}T00:00:00Z`);
    return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s ? null : s;
  }
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms);
  if (!/\d:\d/.test(s)) {
    // "May 16, 2017" parses as local midnight: keep the calendar day it names.
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }
  return isoInstant(d);
}

/** `2017-05-16T12:30:00Z`: UTC, milliseconds only when there are some. */
function isoInstant(d: Date): string {
  return d.toISOString().replace('.000Z', 'Z');
}
