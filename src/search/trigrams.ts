import { GrowableU32 } from './columns.js';

/**
 * Inverted index from character trigrams (of lowercased text, spaces and punctuation included,
 * as fuse.js's Bitap sees them) to statement numbers. Lists are sorted because statement numbers
 * only grow. Removed statements stay in the lists and are skipped by the caller (tombstones,
 * dropped on save).
 *
 * Three tiers, so that a bulk build is a few sequential passes and a single add stays cheap:
 *  - `base`: every list in one CSR pair of typed arrays (`baseOffsets`/`baseData`), as loaded
 *    from disk or made by a merge;
 *  - `pending`: trigram ids of statements added since, appended doc by doc into a few large
 *    chunks (no per-trigram arrays: pushing into tens of thousands of growing arrays made the
 *    1M build cache- and GC-bound);
 *  - `tails`: small per-trigram arrays for statements added after the lists were last read.
 * The first read after additions (`lists`, a search or a save) turns `pending` into lists: a
 * counting sort merged with the base when there is a lot of it (at least a quarter of the base:
 * a bulk build, a big catch-up), else pushed onto the tails (a new article must not cost a copy
 * of every list). Merges cost the size of the base, and each one at least a quarter more than
 * the last, so their total stays proportional to the postings. The lists read are whole and sorted.
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
  private tails: Array<GrowableU32 | undefined> = [];
  private tailTotal = 0;
  /**
   * Pending trigram ids as 16-bit units (half the memory of 32-bit ones, and large typed arrays are
   * what makes V8 run full collections during a big build): an id from 0xffff up is written as
   * 0xffff and its two halves. Filled chunks with their lengths, then the chunk being filled.
   */
  private pendChunks: Array<[Uint16Array, number]> = [];
  private pendCur: Uint16Array = new Uint16Array(0);
  private pendAt = 0;
  /** Units written so far (the positions `pendEnds` counts in). */
  private pendLen = 0;
  /** Pending statements in order, and where each one's ids end (a running count). */
  private pendDocs = new GrowableU32(16);
  private pendEnds = new GrowableU32(16);
  private lastDoc = new Int32Array(1024).fill(-1);

  get trigramCount(): number {
    return this.keys.length;
  }

  /** Postings added but not yet turned into lists (read before the next search or save). */
  get pendingCount(): number {
    return this.pendLen;
  }

  static keyOf(c1: number, c2: number, c3: number): number {
    return c1 < 128 && c2 < 128 && c3 < 128 ? (c1 << 14) | (c2 << 7) | c3 : 2097152 + c1 * 4294967296 + c2 * 65536 + c3;
  }

  find(key: number): number {
    if (key < 2097152) return this.ascii[key]! - 1;
    return this.other.get(key) ?? -1;
  }

  private newId(key: number): number {
    const id = this.keys.length;
    this.keys.push(key);
    if (key < 2097152) this.ascii[key] = id + 1;
    else this.other.set(key, id);
    if (this.lastDoc.length <= id) {
      const next = new Int32Array(this.lastDoc.length * 2).fill(-1);
      next.set(this.lastDoc);
      this.lastDoc = next;
    }
    return id;
  }

  private append(id: number): void {
    if (this.pendAt + 3 > this.pendCur.length) {
      if (this.pendAt > 0) this.pendChunks.push([this.pendCur, this.pendAt]);
      // Chunks double up to 64 MB: small indexes stay small, big builds allocate rarely.
      this.pendCur = new Uint16Array(Math.min(MAX_CHUNK, Math.max(1024, this.pendLen)));
      this.pendAt = 0;
    }
    if (id < ESCAPE) {
      this.pendCur[this.pendAt++] = id;
      this.pendLen++;
    } else {
      this.pendCur[this.pendAt++] = ESCAPE;
      this.pendCur[this.pendAt++] = id >>> 16;
      this.pendCur[this.pendAt++] = id & 0xffff;
      this.pendLen += 3;
    }
  }

  /**
   * Room for the postings of `docs` statements of `chars` characters in all, in one chunk (an
   * upper bound: a text has at most as many distinct trigrams as characters). For bulk builds;
   * see ByteTexts.reserve for why.
   */
  reserve(docs: number, chars: number): void {
    this.pendDocs.reserve(docs);
    this.pendEnds.reserve(docs);
    if (this.pendAt + chars <= this.pendCur.length) return;
    if (this.pendAt > 0) this.pendChunks.push([this.pendCur, this.pendAt]);
    this.pendCur = new Uint16Array(chars + 3);
    this.pendAt = 0;
  }

  /** Records the distinct trigrams of `folded` for statement `doc` (larger than any added before). */
  addDoc(doc: number, folded: string): void {
    const ascii = this.ascii;
    let last = this.lastDoc;
    const n = folded.length;
    if (n >= 3) {
      let c1 = folded.charCodeAt(0);
      let c2 = folded.charCodeAt(1);
      for (let i = 2; i < n; i++) {
        const c3 = folded.charCodeAt(i);
        let id: number;
        if ((c1 | c2 | c3) < 128) {
          const key = (c1 << 14) | (c2 << 7) | c3;
          id = ascii[key]! - 1;
          if (id < 0) {
            id = this.newId(key);
            last = this.lastDoc;
          }
        } else {
          const key = 2097152 + c1 * 4294967296 + c2 * 65536 + c3;
          id = this.other.get(key) ?? -1;
          if (id < 0) {
            id = this.newId(key);
            last = this.lastDoc;
          }
        }
        c1 = c2;
        c2 = c3;
        if (last[id] === doc) continue;
        last[id] = doc;
        this.append(id);
      }
    }
    this.pendDocs.push(doc);
    this.pendEnds.push(this.pendLen);
  }

  lists(id: number): { base: Uint32Array; tail: Uint32Array; size: number } {
    if (this.pendLen > 0) this.flush();
    const base =
      id < this.baseTrigrams ? this.baseData.subarray(this.baseOffsets[id]!, this.baseOffsets[id + 1]!) : EMPTY;
    const tail = this.tails[id]?.view() ?? EMPTY;
    return { base, tail, size: base.length + tail.length };
  }

  /** Pending postings turned into lists (what the first read would do), so a save can read them all. */
  settle(): void {
    if (this.pendLen > 0) this.flush();
  }

  /**
   * Every list in the base CSR arrays (no pending postings, no tails): what a save writes. A
   * bulk build ends here in one counting sort.
   */
  compact(): void {
    if (this.pendLen > 0 || this.tailTotal > 0 || this.baseTrigrams < this.keys.length) this.merge();
  }

  /** Turns pending postings into lists: merged into the base when many, else onto the tails. */
  private flush(): void {
    if (this.pendLen + this.tailTotal >= this.baseData.length >>> 2) {
      this.merge();
      return;
    }
    this.forEachPending((id, doc) => {
      let t = this.tails[id];
      if (!t) this.tails[id] = t = new GrowableU32(2);
      t.push(doc);
    });
    this.tailTotal += this.pendLen;
    this.clearPending();
  }

  /** base + tails + pending → a new base, by a counting sort (stable: lists stay sorted). */
  private merge(): void {
    const T = this.keys.length;
    const offsets = new Uint32Array(T + 1);
    const oldOff = this.baseOffsets;
    for (let t = 0; t < this.baseTrigrams; t++) offsets[t + 1] = oldOff[t + 1]! - oldOff[t]!;
    if (this.tailTotal > 0) {
      for (let t = 0; t < T; t++) {
        const tail = this.tails[t];
        if (tail) offsets[t + 1]! += tail.length;
      }
    }
    const chunks = this.pendingChunks();
    for (const [chunk, len] of chunks) {
      for (let i = 0; i < len; i++) {
        let id = chunk[i]!;
        if (id === ESCAPE) {
          id = ((chunk[i + 1]! << 16) | chunk[i + 2]!) >>> 0;
          i += 2;
        }
        offsets[id + 1]!++;
      }
    }
    for (let t = 0; t < T; t++) offsets[t + 1]! += offsets[t]!;
    const data = new Uint32Array(offsets[T]!);
    const cursor = offsets.slice(0, T);
    const oldData = this.baseData;
    for (let t = 0; t < T; t++) {
      let at = cursor[t]!;
      if (t < this.baseTrigrams) {
        const from = oldOff[t]!;
        const to = oldOff[t + 1]!;
        if (to > from) data.set(oldData.subarray(from, to), at);
        at += to - from;
      }
      const tail = this.tails[t];
      if (tail) {
        data.set(tail.view(), at);
        at += tail.length;
      }
      cursor[t] = at;
    }
    // Statements in order: each list receives its new statements in increasing order.
    // (The decoding of forEachPending, inlined: this loop runs once per posting of a bulk build.)
    const docs = this.pendDocs.data;
    const ends = this.pendEnds.data;
    let k = 0;
    let g = 0;
    for (const [chunk, len] of chunks) {
      for (let i = 0; i < len; i++, g++) {
        while (g >= ends[k]!) k++;
        let id = chunk[i]!;
        if (id === ESCAPE) {
          id = ((chunk[i + 1]! << 16) | chunk[i + 2]!) >>> 0;
          i += 2;
          g += 2;
        }
        data[cursor[id]!++] = docs[k]!;
      }
    }
    this.baseOffsets = offsets;
    this.baseData = data;
    this.baseTrigrams = T;
    this.tails = [];
    this.tailTotal = 0;
    this.clearPending();
  }

  private pendingChunks(): Array<[Uint16Array, number]> {
    const out = [...this.pendChunks];
    if (this.pendAt > 0) out.push([this.pendCur, this.pendAt]);
    return out;
  }

  /** Every pending (trigram id, statement) pair, statement by statement in the order added. */
  private forEachPending(fn: (id: number, doc: number) => void): void {
    const docs = this.pendDocs.data;
    const ends = this.pendEnds.data;
    let k = 0;
    let g = 0;
    for (const [chunk, len] of this.pendingChunks()) {
      for (let i = 0; i < len; i++, g++) {
        while (g >= ends[k]!) k++;
        let id = chunk[i]!;
        if (id === ESCAPE) {
          id = ((chunk[i + 1]! << 16) | chunk[i + 2]!) >>> 0;
          i += 2;
          g += 2;
        }
        fn(id, docs[k]!);
      }
    }
  }

  private clearPending(): void {
    this.pendChunks = [];
    this.pendCur = new Uint16Array(0);
    this.pendAt = 0;
    this.pendLen = 0;
    this.pendDocs = new GrowableU32(16);
    this.pendEnds = new GrowableU32(16);
  }

  /** Replaces everything with lists loaded from disk. */
  load(keys: Float64Array, offsets: Uint32Array, data: Uint32Array): void {
    this.ascii.fill(0);
    this.other.clear();
    this.keys = [];
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      this.keys.push(key);
      if (key < 2097152) this.ascii[key] = i + 1;
      else this.other.set(key, i);
    }
    this.tails = [];
    this.tailTotal = 0;
    this.clearPending();
    this.lastDoc = new Int32Array(Math.max(1024, keys.length * 2)).fill(-1);
    this.baseOffsets = offsets;
    this.baseData = data;
    this.baseTrigrams = keys.length;
  }
}

const EMPTY: Uint32Array = new Uint32Array(0);
/**
 * Pending units per chunk at most (64 MB). Above glibc's largest mmap threshold (32 MB): every
 * full chunk is mapped on its own and goes back to the system when freed after the merge. With
 * 16 MB chunks the threshold rose past them, they came from the heap arena, and a 1M rebuild kept
 * about 250 MB of freed chunks resident.
 */
const MAX_CHUNK = 1 << 25;
/** Marks a pending id of 16 bits or more: its high and low halves follow. */
const ESCAPE = 0xffff;

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
