import type { SearchFilters, SearchQuery } from './types.js';

/** Longest query we search; longer input is cut at a word boundary, with a notice. */
export const MAX_QUERY_LENGTH = 500;

const FILTER_KEYS = ['speaker', 'outlet', 'kind'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

const KIND_VALUES: Record<string, NonNullable<SearchFilters['kind']>> = {
  quote: 'quote',
  quotes: 'quote',
  direct: 'direct',
  indirect: 'indirect',
  reported: 'indirect',
  mixed: 'mixed',
  statement: 'statement',
  statements: 'statement',
};

/** Straight and typographic double quotes both delimit phrases: Slack and macOS turn " into “ ”. */
const OPEN_QUOTES = new Set(['"', '\u201C', '\u201E', '\u00AB']);
const CLOSE_QUOTES = new Set(['"', '\u201D', '\u201C', '\u00BB']);

/**
 * Control and format characters (C0, C1, DEL, zero-width, bidi marks, emoji joiners and variation
 * selectors) carry nothing searchable: they are dropped so they cannot change what matches.
 */
const CONTROL = /[\p{Cc}\p{Cf}\uFE00-\uFE0F]/gu;

/**
 * Symbols (emoji, flags, skin tones, math and currency signs, ^ ` ~) are never matched: fuse.js
 * matches the whole pattern, so one emoji pasted with a message's words made it match nothing.
 */
const SYMBOLS = /[\p{S}\p{Extended_Pictographic}]/gu;

/** Punctuation around a word (markdown *bold*, "happen?", @mention, (aside)) is not part of it. */
const EDGE_PUNCTUATION = /^\p{P}+|\p{P}+$/gu;

const HAS_WORD = /[\p{L}\p{N}]/u;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/**
 * Chat markup is not what the user is looking for: HTML/Slack entities are decoded, tags and Slack
 * mentions (`<@U1>`, `<#C1|general>`) dropped, a Slack link `<https://x|label>` keeps its label,
 * and `:emoji_codes:` standing as words are dropped.
 */
function stripMarkup(text: string): string {
  return text
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/gi, (_, e: string) => ENTITIES[e.toLowerCase()] ?? '')
    .replace(/<(?:https?:\/\/|mailto:)[^<>|]*\|([^<>]*)>/gi, ' $1 ')
    .replace(/<\/?[a-z@#!][^<>]*>/gi, ' ')
    .replace(/(^|\s)(?::[a-z0-9_+'-]+:)+(?=\s|$)/gi, '$1');
}

/** What of a free word is matched: no symbols, no punctuation at its edges; '' when nothing is left. */
function cleanWord(token: string): string {
  const w = token.replace(SYMBOLS, '').replace(EDGE_PUNCTUATION, '');
  return HAS_WORD.test(w) ? w : '';
}

export function emptyQuery(): SearchQuery {
  return { text: '', phrases: [], filters: {}, notices: [] };
}

/** True when the query asks for nothing: the caller shows the help text instead. */
export function isEmptyQuery(q: SearchQuery): boolean {
  return q.text === '' && q.phrases.length === 0 && Object.keys(q.filters).length === 0;
}

/**
 * The fuzzy pattern a query stands for: its free words followed by its phrases. Phrase words take
 * part in relevance too; the phrases are then also required verbatim.
 */
export function queryPattern(q: SearchQuery): string {
  return [q.text, ...q.phrases].filter((s) => s !== '').join(' ');
}

/**
 * Parses what the user typed: free words (typos welcome), "exact phrases" in double quotes, and
 * filters `speaker:NAME`, `outlet:NAME`, `kind:quote|direct|indirect|statement`, whose values may
 * be quoted (`speaker:"H.R. McMaster"`). Never throws; any characters are accepted and treated as
 * plain text (nothing here or downstream builds a RegExp from user input).
 */
export function parseQuery(input: string): SearchQuery {
  const notices: string[] = [];
  let text = stripMarkup((typeof input === 'string' ? input : '').replace(/\s+/g, ' ').replace(CONTROL, ''))
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length > MAX_QUERY_LENGTH) {
    text = cutAtWordBoundary(text, MAX_QUERY_LENGTH);
    notices.push(`Your query was cut to ${MAX_QUERY_LENGTH} characters.`);
  }
  const words: string[] = [];
  const phrases: string[] = [];
  const filters: SearchFilters = {};
  // A pasted passage keeps its quotation marks as text: read as required phrases, they took the
  // quoted words out of their place in the pattern and asked every statement to hold all of them,
  // so a paragraph copied from an article matched nothing.
  const passage = isPassage(text);
  if (passage && [...text].some((c) => OPEN_QUOTES.has(c))) notices.push(PASSAGE_NOTICE);
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (ch === ' ') {
      i++;
      continue;
    }
    if (OPEN_QUOTES.has(ch) && !passage) {
      const { value, next, closed } = readQuoted(text, i + 1);
      if (!closed) {
        // A quote mark never closed (`"great intel`) asks for nothing exact: its words are searched
        // as words, as when only a closing mark was typed (`great intel"`).
        i++;
        continue;
      }
      const phrase = value.replace(SYMBOLS, '').replace(/\s+/g, ' ').trim();
      if (phrase !== '') phrases.push(phrase);
      i = next;
      continue;
    }
    // A bare token up to the next space; a filter value may continue as a quoted string.
    let j = i;
    while (j < n && text[j] !== ' ' && !(j > i && !passage && OPEN_QUOTES.has(text[j]!) && text[j - 1] !== ':')) j++;
    const token = text.slice(i, j);
    const colon = token.indexOf(':');
    const key = colon > 0 ? token.slice(0, colon).toLowerCase() : '';
    if (colon > 0 && (FILTER_KEYS as readonly string[]).includes(key)) {
      let value = token.slice(colon + 1);
      let next = j;
      if (value === '' && j < n && OPEN_QUOTES.has(text[j]!)) {
        // `speaker:"H.R. McMaster"` — the token stopped at the quote.
        const q = readQuoted(text, j + 1);
        value = q.value;
        next = q.next;
      } else if (OPEN_QUOTES.has(value[0] ?? '')) {
        const q = readQuoted(text, i + colon + 2);
        value = q.value;
        next = q.next;
      }
      applyFilter(filters, key as FilterKey, value.replace(SYMBOLS, '').trim(), notices);
      i = next;
      continue;
    }
    i = j;
    if (colon > 0 && /^[a-z]{2,12}$/i.test(token.slice(0, colon)) && colon < token.length - 1 && !token.includes('//')) {
      // `offset:99999` is not a word of any statement: searching it made the query match nothing.
      const value = cleanWord(token.slice(colon + 1));
      const kept = /\p{L}/u.test(value) ? value : '';
      notices.push(
        `Unknown filter “${token.slice(0, colon)}:” was ignored${kept ? `; “${kept}” was searched as a word` : ''}; filters are speaker:, outlet: and kind:.`,
      );
      if (kept) words.push(kept);
      continue;
    }
    const word = cleanWord(token);
    if (word !== '') words.push(word);
  }
  return { text: words.join(' '), phrases, filters, notices };
}

export const PASSAGE_NOTICE = 'Searched as a passage: its quotation marks were read as text, not as exact phrases.';

/** More than one sentence of some length: text pasted from an article or a message. */
function isPassage(text: string): boolean {
  return text.length >= 80 && /[\p{L}\p{N}][.!?]["'\u201D\u2019)]*\s+["'\u201C\u2018(]?[\p{Lu}\p{N}]/u.test(text);
}

function readQuoted(text: string, from: number): { value: string; next: number; closed: boolean } {
  let j = from;
  while (j < text.length && !CLOSE_QUOTES.has(text[j]!)) j++;
  // An unterminated quote runs to the end of the query.
  return { value: text.slice(from, j), next: j + 1, closed: j < text.length };
}

function applyFilter(filters: SearchFilters, key: FilterKey, value: string, notices: string[]): void {
  if (value === '') {
    notices.push(`The filter “${key}:” needs a value and was ignored.`);
    return;
  }
  if (key === 'kind') {
    const kind = KIND_VALUES[value.toLowerCase()];
    if (!kind) {
      notices.push(`Unknown kind “${value}” was ignored; use kind:quote, kind:direct, kind:indirect or kind:statement.`);
      return;
    }
    filters.kind = kind;
    return;
  }
  filters[key] = value.slice(0, 100);
}

/** Cuts at the last space before `max` (or at `max` when there is none), never inside a surrogate pair. */
export function cutAtWordBoundary(text: string, max: number): string {
  if (text.length <= max) return text;
  const space = text.lastIndexOf(' ', max);
  let end = space > max / 2 ? space : max;
  const code = text.charCodeAt(end - 1);
  if (end === max && code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end).trim();
}
