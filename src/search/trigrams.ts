import { GrowableU32 } from './columns.js';

/**
 * Inverted index from character trigrams (of lowercased text, spaces and punctuation included,
 * as fuse.js's Bitap sees them) to statement numbers. Lists are sorted because statement numbers
 * only grow: a `base` part loaded from disk (one big typed array) and a `tail` of later additions.
 * Removed statements stay in the lists and are skipped by the caller (tombstones, dropped on save).
 */
export class TrigramPostings {
  /** ASCII trigrams: (c1 << 14 | c2 << 7 | c3) → id + 1. */
  private ascii = new Int32Array(1 << 21);
  private other = new Map<number, number>();
  /** Trigram keys by id (for saving). */
  keys: number[] = [];
  baseOffsets: Uint32Array = new Uint32Array(1);
  baseData: Uint32Array = new Uint32Array(0);
  baseTrigrams = 0;
  tails: GrowableU32[] = [];
  private lastDoc = new Int32Array(1024).fill(-1);

  get trigramCount(): number {
    return this.keys.length;
  }

  static keyOf(c1: number, c2: number, c3: number): number {
    return c1 < 128 && c2 < 128 && c3 < 128 ? (c1 << 14) | (c2 << 7) | c3 : 2097152 + c1 * 4294967296 + c2 * 65536 + c3;
  }

  find(key: number): number {
    if (key < 2097152) return this.ascii[key]! - 1;
    return this.other.get(key) ?? -1;
  }

  private idFor(key: number): number {
    let id = this.find(key);
    if (id >= 0) return id;
    id = this.keys.length;
    this.keys.push(key);
    if (key < 2097152) this.ascii[key] = id + 1;
    else this.other.set(key, id);
    this.tails.push(new GrowableU32(2));
    if (this.lastDoc.length <= id) {
      const next = new Int32Array(this.lastDoc.length * 2).fill(-1);
      next.set(this.lastDoc);
      this.lastDoc = next;
    }
    return id;
  }

  addDoc(doc: number, folded: string): void {
    const last = this.lastDoc;
    for (let i = 0; i + 2 < folded.length; i++) {
      const id = this.idFor(TrigramPostings.keyOf(folded.charCodeAt(i), folded.charCodeAt(i + 1), folded.charCodeAt(i + 2)));
      if (this.lastDoc !== last) return this.addDoc(doc, folded);
      if (last[id] === doc) continue;
      last[id] = doc;
      this.tails[id]!.push(doc);
    }
  }

  lists(id: number): { base: Uint32Array; tail: Uint32Array; size: number } {
    const base =
      id < this.baseTrigrams ? this.baseData.subarray(this.baseOffsets[id]!, this.baseOffsets[id + 1]!) : EMPTY;
    const tail = this.tails[id]!.view();
    return { base, tail, size: base.length + tail.length };
  }

  /** Replaces everything with lists loaded from disk. */
  load(keys: Float64Array, offsets: Uint32Array, data: Uint32Array): void {
    this.ascii.fill(0);
    this.other.clear();
    this.keys = [];
    this.tails = [];
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      this.keys.push(key);
      if (key < 2097152) this.ascii[key] = i + 1;
      else this.other.set(key, i);
      this.tails.push(new GrowableU32(2));
    }
    this.lastDoc = new Int32Array(Math.max(1024, keys.length * 2)).fill(-1);
    this.baseOffsets = offsets;
    this.baseData = data;
    this.baseTrigrams = keys.length;
  }
}

const EMPTY: Uint32Array = new Uint32Array(0);

/** The distinct trigrams of a (folded) pattern: ids of those the index knows, and how many in all. */
export function patternTrigrams(pattern: string, postings: TrigramPostings): { ids: number[]; distinct: number } {
  const seen = new Set<number>();
  const ids: number[] = [];
  for (let i = 0; i + 2 < pattern.length; i++) {
    const key = TrigramPostings.keyOf(pattern.charCodeAt(i), pattern.charCodeAt(i + 1), pattern.charCodeAt(i + 2));
    if (seen.has(key)) continue;
    seen.add(key);
    const id = postings.find(key);
    if (id >= 0) ids.push(id);
  }
  return { ids, distinct: seen.size };
}
