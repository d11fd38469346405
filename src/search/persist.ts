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
    for (const [name, arr] of sections) {
      infos.push({ name, type: typeOf(arr), offset, length: arr.length });
      offset += align8(arr.byteLength);
    }
    header.sections = infos;
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const head = Buffer.alloc(align8(8 + 4 + json.length));
    head.write(MAGIC, 0, 'latin1');
    head.writeUInt32LE(json.length, 8);
    json.copy(head, 12);
    await fh.write(head);
    const pad = Buffer.alloc(8);
    for (const [, arr] of sections) {
      const bytes = Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength);
      // Large sections in slices: fs writes are limited to 2 GB each.
      for (let at = 0; at < bytes.length; at += 1 << 28) await fh.write(bytes.subarray(at, Math.min(bytes.length, at + (1 << 28))));
      const extra = align8(arr.byteLength) - arr.byteLength;
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

function serialize(ix: FastIndex, seq: number): { header: Header; sections: Array<[string, Typed]> } {
  const map = new Int32Array(ix.n).fill(-1);
  let n = 0;
  for (let d = 0; d < ix.n; d++) if (ix.live.data[d]) map[d] = n++;
  const live: number[] = [];
  for (let d = 0; d < ix.n; d++) if (map[d]! >= 0) live.push(d);

  const pick = <T extends Typed>(src: T, make: (k: number) => T): T => {
    const out = make(n);
    for (let i = 0; i < n; i++) out[i] = src[live[i]!]!;
    return out;
  };
  const utf8 = (get: (d: number) => string): [Uint8Array, Uint32Array | Float64Array] => {
    const offsets = new Float64Array(n + 1);
    const parts: Buffer[] = [];
    let total = 0;
    for (let i = 0; i < n; i++) {
      const b = Buffer.from(get(live[i]!), 'utf8');
      parts.push(b);
      offsets[i] = total;
      total += b.length;
    }
    offsets[n] = total;
    return [Buffer.concat(parts, total), total < 2 ** 32 ? Uint32Array.from(offsets) : offsets];
  };

  const [ids, idOff] = utf8((d) => ix.ids.get(d));
  const [clusters, clusterOff] = utf8((d) => ix.clusters.get(d));

  const fStart = new Uint32Array(n);
  const fLen = new Uint32Array(n);
  let fTotal = 0;
  for (let i = 0; i < n; i++) {
    const d = live[i]!;
    if (ix.folded.start.data[d] !== ByteTexts.WIDE) fTotal += ix.folded.len.data[d]!;
  }
  const folded = new Uint8Array(fTotal);
  const wideFolded: Array<[number, string]> = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const d = live[i]!;
    const st = ix.folded.start.data[d]!;
    const len = ix.folded.len.data[d]!;
    fLen[i] = len;
    if (st === ByteTexts.WIDE) {
      fStart[i] = ByteTexts.WIDE;
      wideFolded.push([i, ix.folded.get(d)]);
    } else {
      folded.set(ix.folded.bytes(d), at);
      fStart[i] = at;
      at += len;
    }
  }

  // Postings without removed statements, renumbered. Everything in the base arrays first (one
  // counting sort); with nothing removed they are written as they are.
  ix.postings.compact();
  let triKeys: Float64Array;
  let triOffsets: Uint32Array;
  let triData: Uint32Array;
  if (n === ix.n) {
    triKeys = Float64Array.from(ix.postings.keys);
    triOffsets = ix.postings.baseOffsets;
    triData = ix.postings.baseData;
  } else {
    const T = ix.postings.trigramCount;
    const keys: number[] = [];
    const offsets: number[] = [0];
    let total = 0;
    for (let t = 0; t < T; t++) {
      const l = ix.postings.lists(t);
      let c = 0;
      for (const part of [l.base, l.tail]) for (let i = 0; i < part.length; i++) if (map[part[i]!]! >= 0) c++;
      total += c;
    }
    const data = new Uint32Array(total);
    let w = 0;
    for (let t = 0; t < T; t++) {
      const l = ix.postings.lists(t);
      const before = w;
      for (const part of [l.base, l.tail]) {
        for (let i = 0; i < part.length; i++) {
          const m = map[part[i]!]!;
          if (m >= 0) data[w++] = m;
        }
      }
      if (w > before) {
        keys.push(ix.postings.keys[t]!);
        offsets.push(w);
      }
    }
    triKeys = Float64Array.from(keys);
    triOffsets = Uint32Array.from(offsets);
    triData = data;
  }

  // Original texts: their patches copied as they are (or made, for texts loaded from a version 1 file).
  const patchSource = ix.texts instanceof CaseTexts ? ix.texts : null;
  const made = patchSource ? null : new CaseTexts(new ByteTexts());
  const oddTexts: Array<[number, string]> = [];
  const patchStart = new Uint32Array(n + 1);
  const patchParts: Uint8Array[] = [];
  let pTotal = 0;
  for (let i = 0; i < n; i++) {
    const d = live[i]!;
    let bytes: Uint8Array;
    if (patchSource) {
      const odd = patchSource.odd.get(d);
      if (odd !== undefined) oddTexts.push([i, odd]);
      bytes = patchSource.patchBytes(d);
    } else {
      made!.push(ix.texts.get(d), ix.folded.get(d));
      const odd = made!.odd.get(i);
      if (odd !== undefined) oddTexts.push([i, odd]);
      bytes = made!.patchBytes(i);
    }
    patchStart[i] = pTotal;
    patchParts.push(bytes);
    pTotal += bytes.length;
  }
  patchStart[n] = pTotal;
  const textPatch = new Uint8Array(pTotal);
  for (let i = 0, at2 = 0; i < n; i++) {
    textPatch.set(patchParts[i]!, at2);
    at2 += patchParts[i]!.length;
  }

  const sqDocs: number[] = [];
  const sqParts: Buffer[] = [];
  for (const [d, q] of ix.separateQuotes) {
    if (map[d]! < 0) continue;
    sqDocs.push(map[d]!);
    sqParts.push(Buffer.from(q, 'utf8'));
  }
  const sqOff = new Float64Array(sqParts.length + 1);
  for (let i = 0; i < sqParts.length; i++) sqOff[i + 1] = sqOff[i]! + sqParts[i]!.length;
  const sqBlob = Buffer.concat(sqParts);

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
  const sections: Array<[string, Typed]> = [
    ['kind', pick(ix.kind.data, (k) => new Uint8Array(k))],
    ['quoteStart', pick(ix.quoteStart.data, (k) => new Int32Array(k))],
    ['quoteLen', pick(ix.quoteLen.data, (k) => new Uint32Array(k))],
    ['textTok', pick(ix.textTok.data, (k) => new Uint16Array(k))],
    ['quoteTok', pick(ix.quoteTok.data, (k) => new Uint16Array(k))],
    ['article', pick(ix.article.data, (k) => new Int32Array(k))],
    ['entity', pick(ix.entity.data, (k) => new Int32Array(k))],
    ['outlet', pick(ix.outlet.data, (k) => new Int32Array(k))],
    ['ids', ids],
    ['idOff', idOff],
    ['textPatch', textPatch],
    ['textPatchStart', patchStart],
    ['sqDocs', Uint32Array.from(sqDocs)],
    ['sqBlob', sqBlob],
    ['sqOff', sqBlob.length < 2 ** 32 ? Uint32Array.from(sqOff) : sqOff],
    ['clusters', clusters],
    ['clusterOff', clusterOff],
    ['folded', folded],
    ['foldedStart', fStart],
    ['foldedLen', fLen],
    ['triKeys', triKeys],
    ['triOffsets', triOffsets],
    ['triData', triData],
  ];
  return { header, sections };
}

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
