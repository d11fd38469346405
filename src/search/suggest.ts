import { normalizeName } from './names.js';
import { editDistanceWithin } from './highlight.js';

export interface SpeakerEntry {
  name: string;
  /** Statements by this speaker. */
  count: number;
  /** The canonical name and aliases, normalized. */
  names: readonly string[];
  /** `normalizeName(name)`, when the caller has it already (the fast index keeps it per entity). */
  normalizedName?: string;
}

interface DirectoryEntry {
  name: string;
  count: number;
  /** The canonical name normalized, after a space: " hr mcmaster" (a word prefix is " " + typed). */
  spaced: string;
  /** The canonical name and aliases, normalized. */
  names: readonly string[];
}

/**
 * The speakers, prepared once for suggestions while the user types: names normalized once. Every
 * keystroke used to normalize thousands of names again (about 5 ms at 3 000 speakers); now it is a
 * scan of prepared strings.
 */
export class SpeakerDirectory {
  private readonly entries: DirectoryEntry[];
  /** Every entry most quoted first, sorted when first asked for (nothing typed yet). */
  private all: DirectoryEntry[] | null = null;

  constructor(entries: Iterable<SpeakerEntry>) {
    // Not sorted here: the directory is made again after every ingest, and a keystroke sorts only
    // the few names that match.
    this.entries = [];
    for (const e of entries) {
      if (e.count > 0) this.entries.push({ name: e.name, count: e.count, spaced: ` ${e.normalizedName ?? normalizeName(e.name)}`, names: e.names });
    }
  }

  /**
   * Speakers with a name word starting with what was typed (the canonical name: an alias such as
   * "a Trump adviser" does not make its speaker a match for "tru"), most quoted first. Typo matches
   * ("mcmastr", on any alias) only when no name starts so: they were noise next to real prefixes.
   */
  suggest(partial: string, limit: number): string[] {
    const max = Math.max(0, limit);
    if (max === 0) return [];
    const f = normalizeName(partial);
    if (f === '') return (this.all ??= [...this.entries].sort(byCount)).slice(0, max).map((e) => e.name);
    // "h" "hr mc" "mcm" are prefixes of words of "hr mcmaster": typed words match name words in order.
    const needle = ` ${f}`;
    let found = this.entries.filter((e) => e.spaced.includes(needle));
    if (found.length === 0 && f.length >= 4) {
      const typed = f.split(' ').filter((w) => w.length > 0);
      // Every typed word within 1 edit (2 from 8 letters) of a word of one name (nameMatchesFuzzily).
      if (typed.every((w) => w.length >= 4)) {
        // A word within k edits of t contains one of k + 1 pieces of t verbatim (an edit spoils one
        // piece at most): the native substring search rules out most names before the word check.
        const pieces = typed.map((t) => piecesOf(t, t.length >= 8 ? 3 : 2));
        found = this.entries.filter((e) => someNameNear(e.names, typed, pieces));
      }
    }
    return found.sort(byCount).slice(0, max).map((e) => e.name);
  }
}

/** Most statements first, then by name. */
function byCount(a: DirectoryEntry, b: DirectoryEntry): number {
  return b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/**
 * One of the names has, for every typed word, a word within its edits (nameMatchesFuzzily). Plain
 * loops rather than nested callbacks: the first typo lookup after a start runs before the JIT.
 */
function someNameNear(names: readonly string[], typed: readonly string[], pieces: readonly string[][]): boolean {
  for (const name of names) {
    let all = true;
    for (let i = 0; i < typed.length && all; i++) {
      let piece = false;
      for (const p of pieces[i]!) {
        if (name.includes(p)) {
          piece = true;
          break;
        }
      }
      all = piece && hasWordNear(name, typed[i]!);
    }
    if (all) return true;
  }
  return false;
}

/** `t` cut into `count` consecutive pieces of near-equal length. */
function piecesOf(t: string, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(t.slice(Math.floor((i * t.length) / count), Math.floor(((i + 1) * t.length) / count)));
  return out;
}

/**
 * Some word of `name` (normalized: words separated by single spaces) is a typo of `t` (typed, 4+
 * letters): within 1 edit, 2 from 8 letters. Words are walked in place, without splitting.
 */
function hasWordNear(name: string, t: string): boolean {
  const k = t.length >= 8 ? 2 : 1;
  let start = 0;
  while (start < name.length) {
    let end = name.indexOf(' ', start);
    if (end < 0) end = name.length;
    // An edit changes the length by at most one: most words are ruled out without the DP.
    if (end > start && Math.abs(end - start - t.length) <= k && (k === 1 ? oneEditAtMost(name, start, end, t) : wordEditsWithin(name, start, end, t, k))) return true;
    start = end + 1;
  }
  return false;
}

/**
 * a[from, to) and b are at most one edit apart: whatever the edit, the common prefix and the
 * common suffix together cover all but one character of the longer one. Linear, no table: a
 * keystroke checks thousands of words.
 */
function oneEditAtMost(a: string, from: number, to: number, b: string): boolean {
  const la = to - from;
  const lb = b.length;
  if (la - lb > 1 || lb - la > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(from + i) === b.charCodeAt(i)) i++;
  let j = 0;
  while (j < la - i && j < lb - i && a.charCodeAt(to - 1 - j) === b.charCodeAt(lb - 1 - j)) j++;
  return i + j >= Math.max(la, lb) - 1;
}

/** Two reused rows: a keystroke checks thousands of name words (editDistanceWithin allocates). */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** Levenshtein distance of a[from, to) and b at most k (the same answer as editDistanceWithin). */
function wordEditsWithin(a: string, from: number, to: number, b: string, k: number): boolean {
  const m = b.length;
  if (rowA.length <= m) {
    rowA = new Int32Array(m + 1);
    rowB = new Int32Array(m + 1);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= to - from; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(from + i - 1);
    for (let j = 1; j <= m; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > k) return false;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]! <= k;
}

/** Speakers for what was typed (see SpeakerDirectory.suggest), without keeping the directory. */
export function suggestSpeakersFrom(entries: Iterable<SpeakerEntry>, partial: string, limit: number): string[] {
  return new SpeakerDirectory(entries).suggest(partial, limit);
}

/** A quote's identity for de-duplication: its words, without case, punctuation or quote marks. */
function quoteKey(quote: string): string {
  return normalizeName(quote);
}

interface Key {
  text: string;
  /** Letter counts (a–z, then one bucket for everything else): a cheap lower bound on edits. */
  hist: Int16Array;
}

const BUCKETS = 27;

function keyOf(text: string): Key {
  const hist = new Int16Array(BUCKETS);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - 97;
    hist[c >= 0 && c < 26 ? c : 26]!++;
  }
  return { text, hist };
}

/**
 * At least this many edits turn one text into the other: an edit changes at most one count up and
 * one down, so neither the surplus nor the deficit of letters can exceed it.
 */
function editLowerBound(a: Int16Array, b: Int16Array): number {
  let up = 0;
  let down = 0;
  for (let i = 0; i < BUCKETS; i++) {
    const d = a[i]! - b[i]!;
    if (d > 0) up += d;
    else down -= d;
  }
  return up > down ? up : down;
}

/** The same words give or take a trailing clause, a comma or a typo: one suggestion is enough. */
function nearlySame(x: Key, y: Key): boolean {
  const a = x.text;
  const b = y.text;
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 0.8 * long.length && long.includes(short)) return true;
  if (short.length < 0.9 * long.length) return false;
  const max = Math.max(1, Math.floor(long.length / 10));
  // Two different quotes of similar length: the letter counts tell them apart without the
  // quadratic edit distance (which made de-duplication a third of an autocomplete at 1M).
  if (editLowerBound(x.hist, y.hist) > max) return false;
  return editDistanceWithin(short, long, max);
}

/**
 * Quote suggestions without repeats: one per cluster (the same quote in several articles) and one
 * per near-identical text (clusters the store did not merge), best first.
 */
export function distinctQuotes<T extends { quote: string; clusterId: string }>(hits: readonly T[], limit: number): T[] {
  const out: T[] = [];
  const keys: Key[] = [];
  const clusters = new Set<string>();
  for (const h of hits) {
    if (out.length >= limit) break;
    if (clusters.has(h.clusterId)) continue;
    const key = keyOf(quoteKey(h.quote));
    if (keys.some((k) => nearlySame(k, key))) continue;
    clusters.add(h.clusterId);
    keys.push(key);
    out.push(h);
  }
  return out;
}
