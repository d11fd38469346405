import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SearchIndex } from './types.js';
import { FastIndex } from './fast-index.js';
import { ByteTexts, CaseTexts, Column, SparseStrings, StringColumn } from './columns.js';

/*
 * The index on disk, so a restart with a million statements loads in seconds instead of
 * rebuilding: one file, an 8-byte magic, a JSON header (metadata, the store's change-feed
 * sequence, section offsets) and 8-byte-aligned binary sections that load as typed-array views
 * of the file buffer without copying. Removed statements are dropped (renumbered) on save.
 */

const MAGIC = 'FBSIDX01';
/**
 * 2: original texts as patches over the folded texts (`textPatch`, `textPatchStart`, header
 * `oddTexts`), the quotes not in their text as binary sections (`sqDocs`, `sqBlob`, `sqOff`)
 * instead of header JSON, 32-bit string offsets where they fit. Version 1 files still load.
 */
const VERSION = 2;
const READABLE = [1, 2];

type Typed = Uint8Array | Uint16Array | Int32Array | Uint32Array | Float64Array;

interface SectionInfo {
  name: string;
  type: 'u8' | 'u16' | 'i32' | 'u32' | 'f64';
  offset: number;
  length: number;
}

interface Header {
  version: number;
  seq: number;
  n: number;
  articles: Array<[string, string, string | null]>;
  entities: Array<[string | null, string[]]>;
  outlets: string[];
  /** Version 1 only. */
  separateQuotes?: Array<[number, string]>;
  /** Version 2: texts kept whole (see CaseTexts). */
  oddTexts?: Array<[number, string]>;
  wideFolded: Array<[number, string]>;
  sections: SectionInfo[];
}

const CTORS = {
  u8: Uint8Array,
  u16: Uint16Array,
  i32: Int32Array,
  u32: Uint32Array,
  f64: Float64Array,
} as const;

function typeOf(a: Typed): SectionInfo['type'] {
  if (a instanceof Uint8Array) return 'u8';
  if (a instanceof Uint16Array) return 'u16';
  if (a instanceof Int32Array) return 'i32';
  if (a instanceof Uint32Array) return 'u32';
  return 'f64';
}

/**
 * A section to write: its length up front (the header lists every section before the data), its
 * contents as chunks made while writing. The big sections (postings, folded texts, ids) are
 * copied through one small staging buffer instead of being assembled whole: at 1M statements a
 * save assembling them peaked at 3.2 GB, twice the index.
 */
interface OutSection {
  name: string;
  type: SectionInfo['type'];
  length: number;
  chunks(): Iterable<Typed>;
}

const whole = (name: string, arr: Typed): OutSection => ({ name, type: typeOf(arr), length: arr.length, chunks: () => [arr] });

/** Elements per staged chunk (4 MB of 32-bit values). */
const STAGE = 1 << 20;

/** Writes the index and the change-feed sequence it reflects; atomic (temporary file, then rename). */
export async function saveIndex(index: SearchIndex, file: string, seq: number): Promise<void> {
  if (!(index instanceof FastIndex)) throw new Error('saveIndex: not an index made by createSearchIndex()');
  const { header, sections } = serialize(index, seq);
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    let offset = 0;
    const infos: SectionInfo[] = [];
    for (const sec of sections) {
      infos.push({ name: sec.name, type: sec.type, offset, length: sec.length });
      offset += align8(sec.length * CTORS[sec.type].BYTES_PER_ELEMENT);
    }
    header.sections = infos;
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const head = Buffer.alloc(align8(8 + 4 + json.length));
    head.write(MAGIC, 0, 'latin1');
    head.writeUInt32LE(json.length, 8);
    json.copy(head, 12);
    await fh.write(head);
    const pad = Buffer.alloc(8);
    for (const sec of sections) {
      let written = 0;
      // Each chunk is written before the next is made: producers reuse their staging buffer.
      for (const arr of sec.chunks()) {
        const bytes = Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength);
        // Large chunks in slices: fs writes are limited to 2 GB each.
        for (let at = 0; at < bytes.length; at += 1 << 28) await fh.write(bytes.subarray(at, Math.min(bytes.length, at + (1 << 28))));
        written += arr.length;
      }
      if (written !== sec.length) throw new Error(`saveIndex: section ${sec.name} has ${written} values, not ${sec.length}`);
      const byteLength = sec.length * CTORS[sec.type].BYTES_PER_ELEMENT;
      const extra = align8(byteLength) - byteLength;
      if (extra > 0) await fh.write(pad.subarray(0, extra));
    }
    await fh.sync();
  } catch (err) {
    await fh.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await fh.close();
  await rename(tmp, file);
}

/** The saved index and its sequence; null when there is none or it cannot be read (then rebuild). */
export async function loadIndex(file: string): Promise<{ index: SearchIndex; seq: number } | null> {
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(file, 'r');
  } catch {
    return null;
  }
  try {
    const parts = await readParts(fh);
    return parts === null ? null : deserialize(parts.header, parts.sections);
  } catch {
    return null;
  } finally {
    await fh.close();
  }
}

/**
 * The header, then each section into an array of its own (not one buffer for the whole file): a
 * column that is later grown or replaced (the first statement added after loading copies the
 * small per-statement columns) frees its loaded section instead of pinning the whole file.
 */
async function readParts(fh: Awaited<ReturnType<typeof open>>): Promise<{ header: Header; sections: Map<string, Typed> } | null> {
  const { size } = await fh.stat();
  const head = Buffer.alloc(12);
  if (size < 12 || (await fh.read(head, 0, 12, 0)).bytesRead < 12 || head.toString('latin1', 0, 8) !== MAGIC) return null;
  const jsonLen = head.readUInt32LE(8);
  if (12 + jsonLen > size) return null;
  const json = Buffer.alloc(jsonLen);
  await readFully(fh, json, 12);
  const header = JSON.parse(json.toString('utf8')) as Header;
  if (!READABLE.includes(header.version)) return null;
  const dataStart = align8(12 + jsonLen);
  const sections = new Map<string, Typed>();
  for (const s of header.sections) {
    const Ctor = CTORS[s.type];
    const byteStart = dataStart + s.offset;
    if (byteStart + s.length * Ctor.BYTES_PER_ELEMENT > size) return null;
    const arr = new Ctor(s.length);
    await readFully(fh, Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength), byteStart);
    sections.set(s.name, arr);
  }
  return { header, sections };
}

/** Fills `into` from the file at `at`, in slices: a single read stops at 2 GB. */
async function readFully(fh: Awaited<ReturnType<typeof open>>, into: Buffer, at: number): Promise<void> {
  for (let done = 0; done < into.length; ) {
    const { bytesRead } = await fh.read(into, done, Math.min(into.length - done, 1 << 30), at + done);
    if (bytesRead === 0) throw new Error('index file shorter than its header says');
    done += bytesRead;
  }
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

/** Values `src[live[i]]` for every live statement, staged. */
function* picked<T extends Typed>(src: T, live: Uint32Array, make: (k: number) => T): Generator<T> {
  if (live.length === src.length || isIdentity(live)) {
    yield src.subarray(0, live.length) as T;
    return;
  }
  const buf = make(Math.min(STAGE, live.length));
  let k = 0;
  for (let i = 0; i < live.length; i++) {
    buf[k++] = src[live[i]!]!;
    if (k === buf.length) {
      yield buf;
      k = 0;
    }
  }
  if (k > 0) yield buf.subarray(0, k) as T;
}

function isIdentity(live: Uint32Array): boolean {
  return live.length === 0 || live[live.length - 1] === live.length - 1;
}

/** Byte pieces laid end to end, staged (pieces larger than the stage go out as they are). */
function* concatenated(count: number, piece: (i: number) => Uint8Array): Generator<Uint8Array> {
  const buf = new Uint8Array(4 * STAGE);
  let k = 0;
  for (let i = 0; i < count; i++) {
    const p = piece(i);
    if (p.length > buf.length - k) {
      if (k > 0) yield buf.subarray(0, k);
      k = 0;
      if (p.length > buf.length) {
        yield p;
        continue;
      }
    }
    buf.set(p, k);
    k += p.length;
  }
  if (k > 0) yield buf.subarray(0, k);
}

/** A blob of byte pieces and its offsets (count + 1, 32-bit when they fit) as two sections. */
function blobSections(name: string, offName: string, count: number, piece: (i: number) => Uint8Array): OutSection[] {
  const off = new Float64Array(count + 1);
  for (let i = 0; i < count; i++) off[i + 1] = off[i]! + piece(i).length;
  const total = off[count]!;
  return [
    { name, type: 'u8', length: total, chunks: () => concatenated(count, piece) },
    whole(offName, total < 2 ** 32 ? Uint32Array.from(off) : off),
  ];
}

function serialize(ix: FastIndex, seq: number): { header: Header; sections: OutSection[] } {
  const map = new Int32Array(ix.n).fill(-1);
  let n = 0;
  for (let d = 0; d < ix.n; d++) if (ix.live.data[d]) map[d] = n++;
  const live = new Uint32Array(n);
  for (let d = 0; d < ix.n; d++) if (map[d]! >= 0) live[map[d]!] = d;

  const col = <T extends Typed>(name: string, src: T, make: (k: number) => T): OutSection => ({
    name,
    type: typeOf(src),
    length: n,
    chunks: () => picked(src, live, make),
  });

  const ids = ix.ids;
  const clusters = ix.clusters;

  // Folded texts: the bytes of those within Latin-1, the rest (wide) in the header.
  const fStart = new Uint32Array(n);
  const fLen = new Uint32Array(n);
  const wideFolded: Array<[number, string]> = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const d = live[i]!;
    const len = ix.folded.len.data[d]!;
    fLen[i] = len;
    if (ix.folded.start.data[d] === ByteTexts.WIDE) {
      fStart[i] = ByteTexts.WIDE;
      wideFolded.push([i, ix.folded.get(d)]);
    } else {
      fStart[i] = at;
      at += len;
    }
  }
  const foldedBytes = (i: number): Uint8Array => (fStart[i] === ByteTexts.WIDE ? EMPTY8 : ix.folded.bytes(live[i]!));

  // Original texts: their patches as they are (or made, for texts loaded from a version 1 file).
  let patchSource: CaseTexts;
  let patchDoc: (i: number) => number;
  const oddTexts: Array<[number, string]> = [];
  if (ix.texts instanceof CaseTexts) {
    patchSource = ix.texts;
    patchDoc = (i) => live[i]!;
    for (const [d, t] of patchSource.odd) if (map[d]! >= 0) oddTexts.push([map[d]!, t]);
  } else {
    patchSource = new CaseTexts(new ByteTexts());
    for (let i = 0; i < n; i++) patchSource.push(ix.texts.get(live[i]!), ix.folded.get(live[i]!));
    patchDoc = (i) => i;
    oddTexts.push(...patchSource.odd);
  }
  oddTexts.sort((a, b) => a[0] - b[0]);
  const patchStart = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) patchStart[i + 1] = patchStart[i]! + patchSource.patchBytes(patchDoc(i)).length;

  // Quotes not in their text.
  const sqDocs: number[] = [];
  const sqOff: number[] = [0];
  ix.separateQuotes.forEachUtf8((d, bytes) => {
    if (map[d]! < 0) return;
    sqDocs.push(map[d]!);
    sqOff.push(sqOff[sqOff.length - 1]! + bytes.length);
  });
  const sqTotal = sqOff[sqOff.length - 1]!;
  const sqBlob: OutSection = {
    name: 'sqBlob',
    type: 'u8',
    length: sqTotal,
    *chunks() {
      // Staged like the others; forEachUtf8 takes a callback, so the quotes go by ranges of statements.
      const buf = new Uint8Array(4 * STAGE);
      let k = 0;
      let from = 0;
      while (from < sqDocs.length) {
        let to = from;
        while (to < sqDocs.length && sqOff[to + 1]! - sqOff[from]! <= buf.length) to++;
        if (to === from) to++;
        const lo = live[sqDocs[from]!]!;
        const hi = live[sqDocs[to - 1]!]!;
        const big: Uint8Array[] = [];
        ix.separateQuotes.forEachUtf8((d, bytes) => {
          if (d < lo || d > hi || map[d]! < 0) return;
          if (k + bytes.length > buf.length) big.push(bytes.slice());
          else {
            buf.set(bytes, k);
            k += bytes.length;
          }
        });
        if (k > 0) yield buf.subarray(0, k);
        k = 0;
        yield* big;
        from = to;
      }
    },
  };

  // Postings without removed statements, renumbered; base lists and tails written one after the
  // other (no merge into a new base: at 1M that was a 700 MB copy).
  const P = ix.postings;
  P.settle();
  const T = P.trigramCount;
  const kept: number[] = [];
  const triOffsets: number[] = [0];
  const removed = n !== ix.n;
  for (let t = 0; t < T; t++) {
    const l = P.lists(t);
    let c = 0;
    if (!removed) c = l.size;
    else for (const part of [l.base, l.tail]) for (let i = 0; i < part.length; i++) if (map[part[i]!]! >= 0) c++;
    if (c === 0 && removed) continue;
    kept.push(t);
    triOffsets.push(triOffsets[triOffsets.length - 1]! + c);
  }
  const triTotal = triOffsets[triOffsets.length - 1]!;
  const triData: OutSection = {
    name: 'triData',
    type: 'u32',
    length: triTotal,
    *chunks() {
      const buf = new Uint32Array(STAGE);
      let k = 0;
      for (const t of kept) {
        const l = P.lists(t);
        for (const part of [l.base, l.tail]) {
          if (!removed && part.length >= buf.length - k) {
            if (k > 0) yield buf.subarray(0, k);
            k = 0;
            yield part;
            continue;
          }
          for (let i = 0; i < part.length; i++) {
            const m = removed ? map[part[i]!]! : part[i]!;
            if (m < 0) continue;
            buf[k++] = m;
            if (k === buf.length) {
              yield buf;
              k = 0;
            }
          }
        }
      }
      if (k > 0) yield buf.subarray(0, k);
    },
  };

  const header: Header = {
    version: VERSION,
    seq,
    n,
    articles: ix.articles.map((a) => [a.id, a.title, a.outlet >= 0 ? ix.outletRaw[a.outlet]! : null]),
    entities: ix.entities.map((e) => [e.speaker, e.aliases]),
    outlets: ix.outletRaw,
    oddTexts,
    wideFolded,
    sections: [],
  };
  const sections: OutSection[] = [
    col('kind', ix.kind.data, (k) => new Uint8Array(k)),
    col('quoteStart', ix.quoteStart.data, (k) => new Int32Array(k)),
    col('quoteLen', ix.quoteLen.data, (k) => new Uint32Array(k)),
    col('textTok', ix.textTok.data, (k) => new Uint16Array(k)),
    col('quoteTok', ix.quoteTok.data, (k) => new Uint16Array(k)),
    col('article', ix.article.data, (k) => new Int32Array(k)),
    col('entity', ix.entity.data, (k) => new Int32Array(k)),
    col('outlet', ix.outlet.data, (k) => new Int32Array(k)),
    ...blobSections('ids', 'idOff', n, (i) => ids.utf8(live[i]!)),
    { name: 'textPatch', type: 'u8', length: patchStart[n]!, chunks: () => concatenated(n, (i) => patchSource.patchBytes(patchDoc(i))) },
    whole('textPatchStart', patchStart),
    whole('sqDocs', Uint32Array.from(sqDocs)),
    sqBlob,
    whole('sqOff', sqTotal < 2 ** 32 ? Uint32Array.from(sqOff) : Float64Array.from(sqOff)),
    ...blobSections('clusters', 'clusterOff', n, (i) => clusters.utf8(live[i]!)),
    { name: 'folded', type: 'u8', length: at, chunks: () => concatenated(n, foldedBytes) },
    whole('foldedStart', fStart),
    whole('foldedLen', fLen),
    whole('triKeys', Float64Array.from(kept, (t) => P.keys[t]!)),
    whole('triOffsets', Uint32Array.from(triOffsets)),
    triData,
  ];
  return { header, sections };
}

const EMPTY8 = new Uint8Array(0);

function deserialize(header: Header, sec: Map<string, Typed>): { index: SearchIndex; seq: number } | null {
  const get = <T extends Typed>(name: string): T => {
    const a = sec.get(name);
    if (!a) throw new Error(`index file lacks section ${name}`);
    return a as T;
  };
  const n = header.n;
  const ix = new FastIndex();
  for (const o of header.outlets) ix.restoreOutlet(o);
  for (const [id, title, outlet] of header.articles) ix.restoreArticle(id, title, outlet);
  for (const [speaker, aliases] of header.entities) ix.restoreEntity(speaker, aliases);
  ix.n = n;
  ix.live = new Column(new Uint8Array(n).fill(1), (k) => new Uint8Array(k));
  ix.kind = new Column(get<Uint8Array>('kind'), (k) => new Uint8Array(k));
  ix.quoteStart = new Column(get<Int32Array>('quoteStart'), (k) => new Int32Array(k));
  ix.quoteLen = new Column(get<Uint32Array>('quoteLen'), (k) => new Uint32Array(k));
  ix.textTok = new Column(get<Uint16Array>('textTok'), (k) => new Uint16Array(k));
  ix.quoteTok = new Column(get<Uint16Array>('quoteTok'), (k) => new Uint16Array(k));
  ix.article = new Column(get<Int32Array>('article'), (k) => new Int32Array(k));
  ix.entity = new Column(get<Int32Array>('entity'), (k) => new Int32Array(k));
  ix.outlet = new Column(get<Int32Array>('outlet'), (k) => new Int32Array(k));
  ix.ids = StringColumn.fromUtf8(get<Uint8Array>('ids'), get<Uint32Array | Float64Array>('idOff'), n);
  ix.clusters = StringColumn.fromUtf8(get<Uint8Array>('clusters'), get<Uint32Array | Float64Array>('clusterOff'), n);
  ix.folded = ByteTexts.fromParts(get<Uint8Array>('folded'), get<Uint32Array>('foldedStart'), get<Uint32Array>('foldedLen'), new Map(header.wideFolded));
  if (header.version === 1) {
    ix.texts = StringColumn.fromUtf8(get<Uint8Array>('texts'), get<Float64Array>('textOff'), n);
    ix.separateQuotes = SparseStrings.fromEntries(header.separateQuotes ?? []);
  } else {
    const pstart = get<Uint32Array>('textPatchStart');
    if (pstart.length !== n + 1) throw new Error('index file: text patches do not match the statements');
    ix.texts = CaseTexts.fromParts(ix.folded, get<Uint8Array>('textPatch'), pstart, n, new Map(header.oddTexts ?? []));
    ix.separateQuotes = SparseStrings.fromParts(get<Uint32Array>('sqDocs'), get<Uint8Array>('sqBlob'), get<Uint32Array | Float64Array>('sqOff'));
  }
  ix.postings.load(get<Float64Array>('triKeys'), get<Uint32Array>('triOffsets'), get<Uint32Array>('triData'));
  ix.rebuildDerived();
  return { index: ix, seq: header.seq };
}
