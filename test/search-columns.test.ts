import { describe, expect, it } from 'vitest';
import { ByteTexts, CaseTexts, IdIndex, SparseStrings, StringColumn } from '../src/search/columns.js';
import { foldForSearch } from '../src/search/fuse-options.js';

const TEXTS = [
  'McMaster denied the story outright.',
  'all lower case already',
  '',
  'He said: \u201CIt didn\u2019t happen\u201D \u2014 twice.',
  'Ο υπουργός είπε «ΟΧΙ» 😀 στη συμφωνία.',
  'ÉLAN, Straße and İstanbul',
  'lone \uD800 surrogate and Ǆ titlecase',
  'X'.repeat(300) + 'y' + 'Z'.repeat(200),
];

/** A ByteTexts and a CaseTexts filled as the index fills them. */
function filled(texts: string[]): { folded: ByteTexts; original: CaseTexts } {
  const folded = new ByteTexts();
  const original = new CaseTexts(folded);
  texts.forEach((t, doc) => {
    const f = foldForSearch(t);
    folded.set(doc, f);
    original.push(t, f);
  });
  return { folded, original };
}

describe('CaseTexts: original texts as patches over the folded texts', () => {
  it('gives back every text exactly, whatever its case, quotes or characters', () => {
    const { original } = filled(TEXTS);
    expect(original.length).toBe(TEXTS.length);
    TEXTS.forEach((t, doc) => expect(original.get(doc)).toBe(t));
  });

  it('stores a few bytes for a mostly lowercase text, nothing for an all-lowercase one', () => {
    const { original } = filled(TEXTS);
    expect(original.patchBytes(1).length).toBe(0);
    expect(original.patchBytes(0).length).toBe(4); // "M", "M": gap and code each
  });

  it('keeps a text whole when folding changed its length', () => {
    const folded = new ByteTexts();
    const original = new CaseTexts(folded);
    folded.set(0, 'abc');
    original.push('ABCD', 'abc');
    expect(original.get(0)).toBe('ABCD');
    expect(original.odd.size).toBe(1);
  });

  it('reads loaded patches and keeps adding after them (texts in two buffers)', () => {
    const { folded, original } = filled(TEXTS.slice(0, 5));
    // As a load would see them: one patch blob and the starts.
    const blob = new Uint8Array([...Array(5).keys()].flatMap((d) => [...original.patchBytes(d)]));
    const starts = new Uint32Array(6);
    for (let d = 0; d < 5; d++) starts[d + 1] = starts[d]! + original.patchBytes(d).length;
    const foldedBlob = new Uint8Array([...Array(5).keys()].flatMap((d) => (folded.start.data[d] === ByteTexts.WIDE ? [] : [...folded.bytes(d)])));
    const fStart = new Uint32Array(5);
    const fLen = new Uint32Array(5);
    const wide = new Map<number, string>();
    let at = 0;
    for (let d = 0; d < 5; d++) {
      fLen[d] = folded.len.data[d]!;
      if (folded.start.data[d] === ByteTexts.WIDE) {
        fStart[d] = ByteTexts.WIDE;
        wide.set(d, folded.get(d));
      } else {
        fStart[d] = at;
        at += fLen[d]!;
      }
    }
    const lf = ByteTexts.fromParts(foldedBlob, fStart, fLen, wide);
    const lo = CaseTexts.fromParts(lf, blob, starts, 5, new Map());
    TEXTS.slice(5).forEach((t, i) => {
      const f = foldForSearch(t);
      lf.set(5 + i, f);
      lo.push(t, f);
    });
    TEXTS.forEach((t, doc) => expect(lo.get(doc)).toBe(t));
    // The loaded folded bytes stay where they were loaded; additions went to the tail.
    expect(lf.bufOf(lf.start.data[0]!)).toBe(foldedBlob);
    expect(lf.bufOf(lf.start.data[7]!)).not.toBe(foldedBlob);
    expect(lf.get(7)).toBe(foldForSearch(TEXTS[7]!));
    expect(lf.includes(7, 'xy')).toBe(true);
    expect(lf.includes(0, 'mcmaster denied')).toBe(true);
    expect(lf.includes(7, 'mcmaster')).toBe(false);
  });
});

describe('SparseStrings: quotes for a few statement numbers', () => {
  it('gets, replaces and deletes strings set in increasing order or not', () => {
    const s = new SparseStrings();
    s.set(3, 'three');
    s.set(10, 'ten «ü»');
    s.set(7, 'seven'); // out of order: kept aside
    expect([s.get(3), s.get(7), s.get(10), s.get(4)]).toEqual(['three', 'seven', 'ten «ü»', undefined]);
    s.delete(3);
    s.set(10, 'TEN');
    expect([s.get(3), s.get(10)]).toEqual([undefined, 'TEN']);
    expect([...s]).toEqual([
      [7, 'seven'],
      [10, 'TEN'],
    ]);
  });

  it('reads strings loaded from a blob and takes more after them', () => {
    const blob = Buffer.from('onetwo«ß»', 'utf8');
    const s = SparseStrings.fromParts(new Uint32Array([2, 5, 9]), blob, new Uint32Array([0, 3, 6, blob.length]));
    s.set(12, 'twelve');
    expect([s.get(2), s.get(5), s.get(9), s.get(12), s.get(6)]).toEqual(['one', 'two', '«ß»', 'twelve', undefined]);
    s.delete(5);
    expect(s.get(5)).toBeUndefined();
    expect(s.entries().map(([d]) => d)).toEqual([2, 9, 12]);
  });
});

describe('StringColumn and IdIndex: ids as bytes, found through a table of numbers', () => {
  it('finds ids added one by one (ASCII and not), forgets removed ones, follows re-added ones', () => {
    const col = new StringColumn();
    const ids = new IdIndex(col);
    const names = Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? `art${i}:é${i}` : `art${i}:${i % 13}`));
    names.forEach((id, doc) => {
      col.push(id);
      ids.set(id, doc);
    });
    expect(col.length).toBe(5000);
    names.forEach((id, doc) => expect(ids.get(id)).toBe(doc));
    expect(col.get(7)).toBe('art7:é7');
    expect(ids.get('art1:2')).toBeUndefined();
    ids.delete('art3:3');
    expect(ids.get('art3:3')).toBeUndefined();
    // Added again under a new number (a replaced statement).
    col.push('art3:3');
    ids.set('art3:3', 5000);
    expect(ids.get('art3:3')).toBe(5000);
    ids.delete('art3:3');
    expect(ids.get('art3:3')).toBeUndefined();
    // An id not from the column at that number goes to the side Map.
    ids.set('elsewhere', 12);
    expect(ids.get('elsewhere')).toBe(12);
  });

  it('indexes a loaded blob (live strings only) and takes more after it', () => {
    const parts = ['a:1', 'a:2', 'ü:3', ''];
    const blob = Buffer.from(parts.join(''), 'utf8');
    const offsets = new Uint32Array(parts.length + 1);
    parts.forEach((p, i) => (offsets[i + 1] = offsets[i]! + Buffer.byteLength(p)));
    const col = StringColumn.fromUtf8(blob, offsets, parts.length);
    const ids = col.idIndex((i) => i !== 1);
    expect([ids.get('a:1'), ids.get('a:2'), ids.get('ü:3')]).toEqual([0, undefined, 2]);
    col.push('b:5');
    ids.set('b:5', 4);
    expect([col.get(2), col.get(3), col.get(4), ids.get('b:5')]).toEqual(['ü:3', '', 'b:5', 4]);
    expect(Buffer.from(col.utf8(2)).toString('utf8')).toBe('ü:3');
  });
});
