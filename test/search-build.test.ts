import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_TUNING, EXHAUSTIVE_TUNING, FastIndex, loadIndex, parseQuery, saveIndex } from '../src/search/index.js';
import { TrigramPostings } from '../src/search/trigrams.js';
import type { SearchHit } from '../src/search/types.js';
import { generateCorpus, makeQueries, rng } from '../bench/corpus.js';

// The bulk build (postings appended, then one counting sort) and the incremental path (small
// additions onto per-trigram tails, merged when they grow) must give the same index.
const corpus = generateCorpus({ size: 900, seed: 23, vocabulary: 3000, speakers: 120, outlets: 50 });
const queries = makeQueries(corpus, 36, 9);
const strip = (hits: SearchHit[]) => hits.map((h) => [h.id, h.score]);

/** Every trigram's list, read the way searches read them, keyed by trigram. */
function allLists(p: TrigramPostings): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (let t = 0; t < p.trigramCount; t++) {
    const l = p.lists(t);
    out.set(p.keys[t]!, [...l.base, ...l.tail]);
  }
  return out;
}

describe('index build: bulk and incremental give the same index', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('answers every query identically, whether built in one go or statement by statement with searches between', () => {
    const bulk = new FastIndex();
    bulk.add(corpus.statements);
    bulk.compact();
    const incremental = new FastIndex();
    corpus.statements.forEach((s, i) => {
      incremental.add([s]);
      // Reads between additions flush the pending postings: onto the tails or, when they have
      // grown past a quarter of the base, merged into it.
      if (i % 37 === 0) incremental.search(parseQuery('minister said'), { limit: 3 });
    });
    expect(incremental.size).toBe(bulk.size);
    expect(allLists(incremental.postings)).toEqual(allLists(bulk.postings));
    for (const q of queries) {
      const pq = parseQuery(q.text);
      expect(strip(incremental.search(pq, { limit: 10 }, DEFAULT_TUNING))).toEqual(strip(bulk.search(pq, { limit: 10 }, DEFAULT_TUNING)));
      expect(strip(incremental.search(pq, { limit: 10 }, EXHAUSTIVE_TUNING))).toEqual(strip(bulk.search(pq, { limit: 10 }, EXHAUSTIVE_TUNING)));
    }
  });

  it('reserves memory for a big batch (10 000 statements and more) without changing the index', () => {
    const big = generateCorpus({ size: 12_000, seed: 31, vocabulary: 3000, speakers: 120, outlets: 50 });
    const oneBatch = new FastIndex();
    oneBatch.add(big.statements);
    const batches = new FastIndex();
    for (let i = 0; i < big.statements.length; i += 1000) batches.add(big.statements.slice(i, i + 1000));
    expect(allLists(oneBatch.postings)).toEqual(allLists(batches.postings));
    for (const q of makeQueries(big, 12, 4)) {
      const pq = parseQuery(q.text);
      expect(strip(oneBatch.search(pq, { limit: 10 }))).toEqual(strip(batches.search(pq, { limit: 10 })));
    }
    expect(oneBatch.get(big.statements[11_999]!.id)).toEqual(big.statements[11_999]);
  });

  it('finds statements by id after loading (ids from the file, added, removed, re-added, beyond ASCII)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'factbot-ids-'));
    dirs.push(dir);
    const base = corpus.statements.slice(0, 300);
    const wide = { ...base[0]!, id: 'Zürich-報道:1', articleId: 'Zürich-報道', clusterId: 'Zürich-報道:1', text: 'Ein Satz über Zürich.' };
    const ix = new FastIndex();
    ix.add([...base, wide]);
    const file = join(dir, 'ids.bin');
    await saveIndex(ix, file, 1);
    const loaded = (await loadIndex(file))!.index as FastIndex;
    for (const s of [...base, wide]) expect(loaded.get(s.id)).toEqual(s);
    expect(loaded.get('no-such-id')).toBeUndefined();
    expect(loaded.get(base[5]!.id.toUpperCase())).toBeUndefined();
    // Removed from the file's ids, then re-added with new words; a new id; the wide id removed.
    loaded.remove([base[5]!.id, wide.id]);
    expect(loaded.get(base[5]!.id)).toBeUndefined();
    expect(loaded.get(wide.id)).toBeUndefined();
    const again = { ...base[5]!, text: 'Walrus numbers rose sharply, the minister said.' };
    const fresh = { ...base[6]!, id: 'new:1', articleId: 'new', clusterId: 'new:1', text: 'A fresh walrus report.' };
    loaded.add([again, fresh]);
    expect(loaded.get(again.id)).toEqual(again);
    expect(loaded.get(fresh.id)).toEqual(fresh);
    expect(loaded.size).toBe(base.length + 1);
    expect(new Set(loaded.search(parseQuery('walrus'), { limit: 5 }).map((h) => h.id))).toEqual(new Set([again.id, fresh.id]));
    loaded.remove([fresh.id]);
    expect(loaded.get(fresh.id)).toBeUndefined();
  });

  const randomLists = (alphabet: string, docs: number, seed: number) => {
    const r = rng(seed);
    const p = new TrigramPostings();
    const truth = new Map<number, number[]>();
    for (let doc = 0; doc < docs; doc++) {
      let text = '';
      const len = Math.floor(r() * 40);
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(r() * alphabet.length)];
      p.addDoc(doc, text);
      const seen = new Set<number>();
      for (let i = 0; i + 2 < text.length; i++) seen.add(TrigramPostings.keyOf(text.charCodeAt(i), text.charCodeAt(i + 1), text.charCodeAt(i + 2)));
      for (const k of seen) truth.set(k, [...(truth.get(k) ?? []), doc]);
      // Irregular reads: sometimes after one addition (tails), sometimes after hundreds (merge).
      if (r() < 0.02) p.lists(0);
    }
    return { p, truth };
  };

  it('keeps trigram lists sorted, duplicate-free and complete through merges and tails', () => {
    const { p, truth } = randomLists('abcdeé ', 3000, 5);
    expect(allLists(p)).toEqual(truth);
    expect(p.pendingCount).toBe(0);
    p.compact();
    expect(allLists(p)).toEqual(truth);
  });

  it('handles more than 65 535 distinct trigrams (ids beyond 16 bits while pending)', () => {
    let cjk = '';
    for (let c = 0x4e00; c < 0x4e00 + 60; c++) cjk += String.fromCharCode(c);
    const { p, truth } = randomLists(cjk, 6000, 8);
    expect(p.trigramCount).toBeGreaterThan(70_000);
    expect(allLists(p)).toEqual(truth);
  });

  it('saves and reloads an index with postings still pending, on tails and removed, then keeps adding', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'factbot-build-'));
    dirs.push(dir);
    const ix = new FastIndex();
    ix.add(corpus.statements.slice(0, 600));
    ix.search(parseQuery('security'), { limit: 1 });
    ix.add(corpus.statements.slice(600, 610)); // onto the tails at the next read
    ix.search(parseQuery('security'), { limit: 1 });
    ix.add(corpus.statements.slice(610, 700)); // still pending when saved
    ix.remove([corpus.statements[3]!.id, corpus.statements[605]!.id]);
    const file = join(dir, 'index.bin');
    await saveIndex(ix, file, 9);
    const loaded = (await loadIndex(file))!;
    expect(loaded.seq).toBe(9);
    for (const q of queries.slice(0, 12)) {
      const pq = parseQuery(q.text);
      expect(strip(loaded.index.search(pq, { limit: 10 }))).toEqual(strip(ix.search(pq, { limit: 10 })));
    }
    loaded.index.add(corpus.statements.slice(700));
    ix.add(corpus.statements.slice(700));
    for (const q of queries.slice(12, 24)) {
      const pq = parseQuery(q.text);
      expect(strip(loaded.index.search(pq, { limit: 10 }))).toEqual(strip(ix.search(pq, { limit: 10 })));
    }
  });
});
