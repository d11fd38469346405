/**
 * Compact storage for a million statements: growable typed arrays, and string columns that keep
 * strings loaded from disk in a few large blobs (sliced on demand) instead of a million objects.
 */

export class GrowableU32 {
  data: Uint32Array;
  length = 0;
  constructor(capacity = 4) {
    this.data = new Uint32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(Math.max(4, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
  /** Room for `extra` more values in one allocation. */
  reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    const next = new Uint32Array(this.length + extra);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}

/** A typed-array column indexed by document number, growing by doubling. */
export class Column<T extends Uint8Array | Uint16Array | Int32Array | Uint32Array> {
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  ensure(n: number): void {
    if (n <= this.data.length) return;
    const next = this.make(Math.max(n, this.data.length * 2, 1024));
    next.set(this.data as never);
    this.data = next;
  }
}

/**
 * Strings by document number, as UTF-8 (decoded on access, so a million strings cost their bytes
 * and nothing more): a blob loaded from disk, then the strings added since in a growing tail.
 */
export class StringColumn {
  private blob: Uint8Array = new Uint8Array(0);
  /** Byte offsets into `blob`, baseCount + 1 of them. */
  private offsets: Uint32Array | Float64Array = new Uint32Array(1);
  private baseCount = 0;
  private tail: Uint8Array = new Uint8Array(0);
  private tailUsed = 0;
  /** Where each tail string ends in `tail`. */
  private tailEnds = new GrowableU32(16);
  private writer: Buffer | null = null;

  get length(): number {
    return this.baseCount + this.tailEnds.length;
  }

  /** The buffer holding string `i` and its byte range there. */
  private locate(i: number): [Uint8Array, number, number] {
    if (i < this.baseCount) return [this.blob, this.offsets[i]!, this.offsets[i + 1]!];
    const k = i - this.baseCount;
    return [this.tail, k === 0 ? 0 : this.tailEnds.data[k - 1]!, this.tailEnds.data[k]!];
  }

  get(i: number): string {
    if (i >= this.length) return '';
    const [b, from, to] = this.locate(i);
    return from === to ? '' : Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8', from, to);
  }

  push(s: string): void {
    const need = this.tailUsed + s.length * 3;
    if (need > this.tail.length) {
      const next = new Uint8Array(Math.max(need, this.tail.length * 2, 1024));
      next.set(this.tail.subarray(0, this.tailUsed));
      this.tail = next;
    }
    if (this.writer === null || this.writer.buffer !== this.tail.buffer) {
      this.writer = Buffer.from(this.tail.buffer, this.tail.byteOffset, this.tail.byteLength);
    }
    if (s.length > 0) this.tailUsed += this.writer.write(s, this.tailUsed, 'utf8');
    this.tailEnds.push(this.tailUsed);
  }

  /** A removed document's string: kept (bytes in a shared buffer cannot be freed one by one). */
  clear(_i: number): void {}

  /** String `i` as UTF-8 bytes (a view: nothing decoded). */
  utf8(i: number): Uint8Array {
    const [b, from, to] = this.locate(i);
    return b.subarray(from, to);
  }

  /** FNV-1a of string `i`'s bytes (hashChars gives the same for an ASCII string). */
  hashAt(i: number): number {
    const [b, from, to] = this.locate(i);
    return hashBytes(b, from, to);
  }

  /** Is string `i` the string `s` (or its UTF-8 `bytes`, when given)? */
  equalsAt(i: number, s: string, bytes: Uint8Array | null): boolean {
    const [b, from, to] = this.locate(i);
    const len = bytes ? bytes.length : s.length;
    if (to - from !== len) return false;
    if (bytes) {
      for (let k = 0; k < len; k++) if (b[from + k] !== bytes[k]) return false;
    } else {
      for (let k = 0; k < len; k++) if (b[from + k] !== s.charCodeAt(k)) return false;
    }
    return true;
  }

  /** An id index over this column's strings; `live(i)` says which strings count. */
  idIndex(live: (i: number) => boolean): IdIndex {
    return IdIndex.over(this, live);
  }

  static fromUtf8(blob: Uint8Array, offsets: Uint32Array | Float64Array, count: number): StringColumn {
    const c = new StringColumn();
    c.blob = blob;
    c.offsets = offsets;
    c.baseCount = count;
    return c;
  }
}

const BEYOND_LATIN1 = /[^\u0000-\u00ff]/;

/**
 * Statement ids → statement numbers: an open-addressing table of numbers over the ids' bytes in
 * their StringColumn (8 MB at 1M) instead of a Map of a million strings (about 150 MB of heap and
 * a second of loading). Ids added later join the table; an id removed, or added again under a new
 * number, goes to a small Map, which wins.
 */
export class IdIndex {
  /** doc + 1 per slot, 0 for empty; a power of two long (or empty). */
  private table: Int32Array = new Int32Array(0);
  private count = 0;
  /** Ids changed since they entered the table: their number, or -1 for deleted. */
  private recent = new Map<string, number>();

  constructor(private readonly col: StringColumn) {}

  static over(col: StringColumn, live: (i: number) => boolean): IdIndex {
    const ix = new IdIndex(col);
    let live_ = 0;
    for (let doc = 0; doc < col.length; doc++) if (live(doc)) live_++;
    ix.resize(live_);
    for (let doc = 0; doc < col.length; doc++) if (live(doc)) ix.insert(doc);
    return ix;
  }

  get(id: string): number | undefined {
    if (this.recent.size > 0) {
      const r = this.recent.get(id);
      if (r !== undefined) return r < 0 ? undefined : r;
    }
    return this.count === 0 ? undefined : this.find(id);
  }

  /** `doc` is the id's number; the table takes it when it is the column's string `doc` and new. */
  set(id: string, doc: number): void {
    if (!this.recent.has(id) && doc < this.col.length && this.col.equalsAt(doc, id, asciiOnly(id) ? null : Buffer.from(id, 'utf8')) && (this.count === 0 || this.find(id) === undefined)) {
      if ((this.count + 1) * 2 > this.table.length) this.resize(Math.max(1024, this.count * 2));
      this.insert(doc);
      return;
    }
    this.recent.set(id, doc);
  }

  delete(id: string): void {
    if (this.count > 0 && this.find(id) !== undefined) this.recent.set(id, -1);
    else this.recent.delete(id);
  }

  /** A table for `n` ids (twice as many slots), the ones in it moved over. */
  private resize(n: number): void {
    const old = this.table;
    let size = 1;
    while (size < n * 2) size *= 2;
    this.table = new Int32Array(n > 0 ? size : 0);
    this.count = 0;
    for (let s = 0; s < old.length; s++) if (old[s] !== 0) this.insert(old[s]! - 1);
  }

  private insert(doc: number): void {
    const table = this.table;
    const mask = table.length - 1;
    let slot = this.col.hashAt(doc) & mask;
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = doc + 1;
    this.count++;
  }

  private find(id: string): number | undefined {
    let bytes: Uint8Array | null = null;
    let h: number;
    if (asciiOnly(id)) h = hashChars(id);
    else {
      bytes = Buffer.from(id, 'utf8');
      h = hashBytes(bytes, 0, bytes.length);
    }
    const table = this.table;
    const mask = table.length - 1;
    for (let slot = h & mask; table[slot] !== 0; slot = (slot + 1) & mask) {
      const doc = table[slot]! - 1;
      if (this.col.equalsAt(doc, id, bytes)) return doc;
    }
    return undefined;
  }
}

function asciiOnly(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** FNV-1a over bytes; over an ASCII string's char codes it gives the same value (hashChars). */
function hashBytes(b: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return h >>> 0;
}

function hashChars(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Lowercased texts as Latin-1 bytes: scoring reads them without making strings. Texts with
 * characters beyond Latin-1 keep a string instead (`wide`).
 *
 * Two buffers: `base`, the texts loaded from disk (a view of the loaded section, never grown nor
 * copied), and `tail`, the texts added since, growing by doubling. A text's `start` is a position
 * in both laid end to end (the tail begins at base.length); `bufOf`/`posOf` turn it into a buffer
 * and an offset. Adding one article after loading a million statements so costs its own bytes,
 * not a copy of the 200 MB base.
 */
export class ByteTexts {
  private base: Uint8Array = new Uint8Array(0);
  private tail: Uint8Array = new Uint8Array(1 << 16);
  private tailUsed = 0;
  start: Column<Uint32Array> = new Column(new Uint32Array(1024), (k) => new Uint32Array(k));
  len: Column<Uint32Array> = new Column(new Uint32Array(1024), (k) => new Uint32Array(k));
  wide = new Map<number, string>();
  private writer: Buffer | null = null;
  static readonly WIDE = 0xffffffff;

  /** The buffer holding the text that starts at `start` (not WIDE). */
  bufOf(start: number): Uint8Array {
    return start < this.base.length ? this.base : this.tail;
  }

  /** Where the text that starts at `start` begins in `bufOf(start)`. */
  posOf(start: number): number {
    return start < this.base.length ? start : start - this.base.length;
  }

  /** Bytes of base and tail in use (what a save writes, removed texts included). */
  get used(): number {
    return this.base.length + this.tailUsed;
  }

  set(doc: number, s: string): void {
    this.start.ensure(doc + 1);
    this.len.ensure(doc + 1);
    if (BEYOND_LATIN1.test(s)) {
      this.start.data[doc] = ByteTexts.WIDE;
      this.len.data[doc] = s.length;
      this.wide.set(doc, s);
      return;
    }
    if (this.tailUsed + s.length > this.tail.length) this.growTail(Math.max(this.tail.length * 2, this.tailUsed + s.length));
    if (this.writer === null || this.writer.buffer !== this.tail.buffer) {
      this.writer = Buffer.from(this.tail.buffer, this.tail.byteOffset, this.tail.byteLength);
    }
    // Written in place: no temporary buffer per text.
    this.writer.write(s, this.tailUsed, s.length, 'latin1');
    this.start.data[doc] = this.base.length + this.tailUsed;
    this.len.data[doc] = s.length;
    this.tailUsed += s.length;
  }

  private growTail(size: number): void {
    const next = new Uint8Array(size);
    next.set(this.tail.subarray(0, this.tailUsed));
    this.tail = next;
  }

  /** Does text `doc` contain `p` (folded like the texts) verbatim? A byte search: no string is made. */
  includes(doc: number, p: string): boolean {
    return this.includesIn(doc, p, 0, this.len.data[doc]!);
  }

  /** Does `p` occur within characters [from, from + length) of text `doc`? */
  includesIn(doc: number, p: string, from: number, length: number): boolean {
    const vstart = this.start.data[doc]!;
    if (vstart === ByteTexts.WIDE) return this.get(doc).slice(from, from + length).includes(p);
    const buf = this.bufOf(vstart);
    const start = this.posOf(vstart) + from;
    const end = start + length - p.length;
    const first = p.charCodeAt(0);
    outer: for (let i = start; i <= end; i++) {
      if (buf[i] !== first) continue;
      for (let j = 1; j < p.length; j++) if (buf[i + j] !== p.charCodeAt(j)) continue outer;
      return true;
    }
    return false;
  }

  /**
   * Room for `bytes` more in one allocation. A bulk build reserves what it needs up front: every
   * doubling of a large typed array counts as new external memory, which makes V8 run a full
   * collection of the whole heap every 64 MB or so.
   */
  reserve(bytes: number): void {
    if (this.tailUsed + bytes <= this.tail.length) return;
    this.growTail(this.tailUsed + bytes);
  }

  static fromParts(buf: Uint8Array, start: Uint32Array, len: Uint32Array, wide: Map<number, string>): ByteTexts {
    const t = new ByteTexts();
    t.base = buf;
    t.tail = new Uint8Array(0);
    t.start = new Column(start, (k) => new Uint32Array(k));
    t.len = new Column(len, (k) => new Uint32Array(k));
    t.wide = wide;
    return t;
  }

  /** The bytes of text `doc` (a view; not for WIDE texts). */
  bytes(doc: number): Uint8Array {
    const st = this.start.data[doc]!;
    const at = this.posOf(st);
    return this.bufOf(st).subarray(at, at + this.len.data[doc]!);
  }

  /** The text as a string (slow path: highlights, phrases, wide texts). */
  get(doc: number): string {
    const st = this.start.data[doc]!;
    if (st === ByteTexts.WIDE) return this.wide.get(doc) ?? '';
    const buf = this.bufOf(st);
    return Buffer.from(buf.buffer, buf.byteOffset + this.posOf(st), this.len.data[doc]!).toString('latin1');
  }
}


/** What the index needs of its original-case texts (CaseTexts; StringColumn for older files). */
export interface TextColumn {
  readonly length: number;
  get(doc: number): string;
  push(s: string, folded: string): void;
  clear(doc: number): void;
}

/** A growable byte buffer of 7-bit varints, behind the `base` bytes loaded from disk. */
class VarintTail {
  base: Uint8Array = new Uint8Array(0);
  tail: Uint8Array = new Uint8Array(256);
  tailUsed = 0;

  get end(): number {
    return this.base.length + this.tailUsed;
  }

  write(v: number): void {
    if (this.tailUsed + 5 > this.tail.length) {
      const next = new Uint8Array(Math.max(256, this.tail.length * 2));
      next.set(this.tail.subarray(0, this.tailUsed));
      this.tail = next;
    }
    while (v >= 0x80) {
      this.tail[this.tailUsed++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.tail[this.tailUsed++] = v;
  }

  /** The bytes in virtual positions [from, to) (never across base and tail: one text's patches are in one). */
  slice(from: number, to: number): Uint8Array {
    const b = this.base.length;
    return from < b ? this.base.subarray(from, to) : this.tail.subarray(from - b, to - b);
  }
}

let scratch8 = Buffer.alloc(1024);
let scratch16 = new Uint16Array(1024);
const patchAt: number[] = [];
const patchCode: number[] = [];

/**
 * The original texts as their differences from the folded texts: folding lowercases and
 * straightens quotes but keeps the length, so a text is its folded bytes (which the index keeps
 * anyway) with a few code units put back — capitals and curly quotes, about 5 bytes a statement
 * instead of its 210. Per text, pairs of varints (gap since the last patched position, original
 * code unit); `pstart` has one more entry than there are texts. A text whose folding changed its
 * length (foldForSearch prevents it) is kept whole in `odd`.
 */
export class CaseTexts implements TextColumn {
  private patches = new VarintTail();
  private pstart: Column<Uint32Array> = new Column(new Uint32Array(1024), (k) => new Uint32Array(k));
  private count = 0;
  /** Texts kept whole (doc → text). */
  odd = new Map<number, string>();

  constructor(private readonly folded: ByteTexts) {}

  get length(): number {
    return this.count;
  }

  push(s: string, folded: string): void {
    const doc = this.count++;
    this.pstart.ensure(doc + 2);
    const p = this.patches;
    if (s.length !== folded.length) this.odd.set(doc, s);
    else if (s !== folded) {
      let prev = -1;
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c === folded.charCodeAt(i)) continue;
        p.write(i - prev - 1);
        p.write(c);
        prev = i;
      }
    }
    this.pstart.data[doc + 1] = p.end;
  }

  clear(doc: number): void {
    this.odd.delete(doc);
  }

  /** The patch bytes of text `doc` (what a save copies). */
  patchBytes(doc: number): Uint8Array {
    return this.patches.slice(this.pstart.data[doc]!, this.pstart.data[doc + 1]!);
  }

  get(doc: number): string {
    if (this.odd.size > 0) {
      const o = this.odd.get(doc);
      if (o !== undefined) return o;
    }
    const from = this.pstart.data[doc]!;
    const to = this.pstart.data[doc + 1]!;
    if (from === to) return this.folded.get(doc);
    const bytes = this.patches.slice(from, to);
    patchAt.length = 0;
    patchCode.length = 0;
    let wide = this.folded.start.data[doc] === ByteTexts.WIDE;
    let at = -1;
    for (let i = 0; i < bytes.length; ) {
      let gap = 0;
      for (let shift = 0; ; shift += 7) {
        const b = bytes[i++]!;
        gap |= (b & 0x7f) << shift;
        if (b < 0x80) break;
      }
      let code = 0;
      for (let shift = 0; ; shift += 7) {
        const b = bytes[i++]!;
        code |= (b & 0x7f) << shift;
        if (b < 0x80) break;
      }
      at += gap + 1;
      patchAt.push(at);
      patchCode.push(code);
      if (code > 0xff) wide = true;
    }
    const len = this.folded.len.data[doc]!;
    if (!wide) {
      if (scratch8.length < len) scratch8 = Buffer.alloc(Math.max(len, scratch8.length * 2));
      scratch8.set(this.folded.bytes(doc));
      for (let k = 0; k < patchAt.length; k++) scratch8[patchAt[k]!] = patchCode[k]!;
      return scratch8.toString('latin1', 0, len);
    }
    if (scratch16.length < len) scratch16 = new Uint16Array(Math.max(len, scratch16.length * 2));
    if (this.folded.start.data[doc] === ByteTexts.WIDE) {
      const f = this.folded.get(doc);
      for (let i = 0; i < len; i++) scratch16[i] = f.charCodeAt(i);
    } else scratch16.set(this.folded.bytes(doc));
    for (let k = 0; k < patchAt.length; k++) scratch16[patchAt[k]!] = patchCode[k]!;
    // UTF-16 code units as they are (lone surrogates included).
    return Buffer.from(scratch16.buffer, scratch16.byteOffset, len * 2).toString('utf16le');
  }

  static fromParts(folded: ByteTexts, patches: Uint8Array, pstart: Uint32Array, count: number, odd: Map<number, string>): CaseTexts {
    const t = new CaseTexts(folded);
    t.patches.base = patches;
    t.patches.tail = new Uint8Array(0);
    t.pstart = new Column(pstart, (k) => new Uint32Array(k));
    t.count = count;
    t.odd = odd;
    return t;
  }
}

/**
 * Strings for a few statement numbers (the quotes not found in their text): those loaded from
 * disk in a UTF-8 blob with sorted statement numbers (binary search), those set since likewise
 * in a growing tail (statements are numbered in increasing order), anything else in a Map. A
 * Map of 350 000 strings at 1M statements was about 90 MB of heap; the blob is their bytes.
 */
export class SparseStrings {
  private baseDocs: Uint32Array = new Uint32Array(0);
  private baseBlob: Uint8Array = new Uint8Array(0);
  private baseOff: Uint32Array | Float64Array = new Uint32Array(1);
  private tailDocs = new GrowableU32(16);
  private tailOff = new GrowableU32(16);
  private tailBytes: Uint8Array = new Uint8Array(0);
  private tailUsed = 0;
  private other = new Map<number, string>();
  private removed = new Set<number>();

  constructor() {
    this.tailOff.push(0);
  }

  private lastDoc(): number {
    if (this.tailDocs.length > 0) return this.tailDocs.data[this.tailDocs.length - 1]!;
    return this.baseDocs.length > 0 ? this.baseDocs[this.baseDocs.length - 1]! : -1;
  }

  get(doc: number): string | undefined {
    if (this.other.size > 0) {
      const o = this.other.get(doc);
      if (o !== undefined) return o;
    }
    if (this.removed.size > 0 && this.removed.has(doc)) return undefined;
    let i = search(this.baseDocs, this.baseDocs.length, doc);
    if (i >= 0) return utf8Slice(this.baseBlob, this.baseOff[i]!, this.baseOff[i + 1]!);
    i = search(this.tailDocs.data, this.tailDocs.length, doc);
    if (i >= 0) return utf8Slice(this.tailBytes, this.tailOff.data[i]!, this.tailOff.data[i + 1]!);
    return undefined;
  }

  set(doc: number, s: string): void {
    if (doc > this.lastDoc() && !this.removed.has(doc)) {
      const need = this.tailUsed + Buffer.byteLength(s, 'utf8');
      if (need > this.tailBytes.length) {
        const next = new Uint8Array(Math.max(need, this.tailBytes.length * 2, 1024));
        next.set(this.tailBytes.subarray(0, this.tailUsed));
        this.tailBytes = next;
      }
      this.tailUsed += Buffer.from(this.tailBytes.buffer, this.tailBytes.byteOffset, this.tailBytes.byteLength).write(s, this.tailUsed, 'utf8');
      this.tailDocs.push(doc);
      this.tailOff.push(this.tailUsed);
      return;
    }
    this.other.set(doc, s);
  }

  delete(doc: number): void {
    this.other.delete(doc);
    if (search(this.baseDocs, this.baseDocs.length, doc) >= 0 || search(this.tailDocs.data, this.tailDocs.length, doc) >= 0) this.removed.add(doc);
  }

  /**
   * Every (statement, UTF-8 bytes) pair in order of statement number, without decoding: the
   * bytes are views, valid during the call.
   */
  forEachUtf8(fn: (doc: number, bytes: Uint8Array) => void): void {
    const other = [...this.other].sort((x, y) => x[0] - y[0]);
    let o = 0;
    const emitOtherBefore = (doc: number) => {
      for (; o < other.length && other[o]![0] < doc; o++) fn(other[o]![0], Buffer.from(other[o]![1], 'utf8'));
    };
    for (let i = 0; i < this.baseDocs.length; i++) {
      const d = this.baseDocs[i]!;
      emitOtherBefore(d);
      if (!this.other.has(d) && !this.removed.has(d)) fn(d, this.baseBlob.subarray(this.baseOff[i]!, this.baseOff[i + 1]!));
    }
    for (let i = 0; i < this.tailDocs.length; i++) {
      const d = this.tailDocs.data[i]!;
      emitOtherBefore(d);
      if (!this.other.has(d) && !this.removed.has(d)) fn(d, this.tailBytes.subarray(this.tailOff.data[i]!, this.tailOff.data[i + 1]!));
    }
    emitOtherBefore(Infinity);
  }

  /** Every (statement, string) pair, by statement number. */
  entries(): Array<[number, string]> {
    const out: Array<[number, string]> = [];
    for (let i = 0; i < this.baseDocs.length; i++) {
      const d = this.baseDocs[i]!;
      if (!this.other.has(d) && !this.removed.has(d)) out.push([d, utf8Slice(this.baseBlob, this.baseOff[i]!, this.baseOff[i + 1]!)]);
    }
    for (let i = 0; i < this.tailDocs.length; i++) {
      const d = this.tailDocs.data[i]!;
      if (!this.other.has(d) && !this.removed.has(d)) out.push([d, utf8Slice(this.tailBytes, this.tailOff.data[i]!, this.tailOff.data[i + 1]!)]);
    }
    for (const e of this.other) out.push(e);
    return out.sort((a, b) => a[0] - b[0]);
  }

  [Symbol.iterator](): IterableIterator<[number, string]> {
    return this.entries()[Symbol.iterator]();
  }

  static fromParts(docs: Uint32Array, blob: Uint8Array, offsets: Uint32Array | Float64Array): SparseStrings {
    const s = new SparseStrings();
    s.baseDocs = docs;
    s.baseBlob = blob;
    s.baseOff = offsets;
    return s;
  }

  static fromEntries(entries: Iterable<[number, string]>): SparseStrings {
    const s = new SparseStrings();
    for (const [d, q] of [...entries].sort((a, b) => a[0] - b[0])) s.set(d, q);
    return s;
  }
}

/** Index of `v` in the sorted first `n` values of `a`, or -1. */
function search(a: Uint32Array, n: number, v: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = a[mid]!;
    if (x === v) return mid;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function utf8Slice(b: Uint8Array, from: number, to: number): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8', from, to);
}
