import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EXHAUSTIVE_TUNING, FastIndex, loadIndex, parseQuery, saveIndex } from '../src/search/index.js';
import type { IndexedStatement } from '../src/search/types.js';
import { generateCorpus, makeQueries } from '../bench/corpus.js';

// The compact storage of a loaded index (texts as bytes in the loaded sections, statements added
// since in tail buffers of their own) must answer exactly as an index built in memory from the
// same statements: same hits, scores, highlights and statements.
const corpus = generateCorpus({ size: 1200, seed: 31, vocabulary: 3000, speakers: 120, outlets: 50 });
const queries = makeQueries(corpus, 40, 5);

/** Statements with mixed case, curly quotes, text beyond Latin-1 and quotes outside their text. */
function varied(all: IndexedStatement[]): IndexedStatement[] {
  return all.map((s, i) => {
    if (i % 97 === 3) return { ...s, text: `Ο υπουργός είπε «${s.text}» 😀`, quote: s.quote };
    if (i % 89 === 5) return { ...s, text: s.text.replace(/'/g, '\u2019').toUpperCase() };
    if (i % 83 === 7) return { ...s, quote: `ÉLAN said ${s.text.slice(0, 30)}` };
    if (i % 79 === 11) return { ...s, clusterId: `${s.id}-cluster-ß` };
    return s;
  });
}

const statements = varied(corpus.statements);
const first = statements.slice(0, 900);
const later = statements.slice(900);

function sameAnswers(a: FastIndex, b: FastIndex, ids: string[]): void {
  expect(a.size).toBe(b.size);
  for (const q of [...queries.map((x) => x.text), 'υπουργός', 'élan said', 'said']) {
    const pq = parseQuery(q);
    expect(a.search(pq, { limit: 10 }), q).toEqual(b.search(pq, { limit: 10 }));
    expect(a.search(pq, { limit: 10 }, EXHAUSTIVE_TUNING), q).toEqual(b.search(pq, { limit: 10 }, EXHAUSTIVE_TUNING));
  }
  for (const id of ids) expect(a.get(id), id).toEqual(b.get(id));
}

describe('a loaded index taking additions and removals', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });
  const tmp = async () => {
    const d = await mkdtemp(join(tmpdir(), 'factbot-persist-mem-'));
    dirs.push(d);
    return d;
  };

  /** The first statements indexed in memory, and the same index saved and loaded again. */
  const savedAndLoaded = async (seq: number) => {
    const memory = new FastIndex();
    memory.add(first);
    const file = join(await tmp(), 'index.bin');
    await saveIndex(memory, file, seq);
    return { memory, loaded: (await loadIndex(file))!.index as FastIndex };
  };

  it('answers as the in-memory index after load, add, remove, save and reload', async () => {
    const { memory, loaded } = await savedAndLoaded(3);
    const allIds = statements.map((s) => s.id);
    sameAnswers(loaded, memory, first.map((s) => s.id));
    for (const s of first) expect(loaded.get(s.id), s.id).toEqual(memory.get(s.id));

    // Additions in small batches, as a catch-up on the change feed brings them, with searches between.
    for (let i = 0; i < later.length; i += 25) {
      memory.add(later.slice(i, i + 25));
      loaded.add(later.slice(i, i + 25));
      loaded.search(parseQuery('minister said'), { limit: 3 });
    }
    const gone = [first[4]!.id, first[3]!.id, later[7]!.id, later[0]!.id];
    memory.remove(gone);
    loaded.remove(gone);
    // A statement replaced (same id, new text): the old number becomes a tombstone.
    const replaced = { ...first[10]!, text: 'Walrus Sighting Confirmed By The Ministry.' };
    memory.add([replaced]);
    loaded.add([replaced]);
    sameAnswers(loaded, memory, allIds);
    expect(loaded.get(replaced.id)!.text).toBe(replaced.text);
    for (const id of gone) expect(loaded.get(id)).toBeUndefined();

    const again = join(await tmp(), 'again.bin');
    await saveIndex(loaded, again, 4);
    const reloaded = (await loadIndex(again))!.index as FastIndex;
    sameAnswers(reloaded, memory, allIds);
  });

  it('keeps every statement exactly as given (case, curly quotes, text beyond Latin-1, clusters)', async () => {
    const { loaded } = await savedAndLoaded(1);
    loaded.add(later);
    for (const s of statements) expect(loaded.get(s.id), s.id).toEqual({ ...s, speakerAliases: [...s.speakerAliases] });
  });
});

describe('index files of the previous format (version 1)', () => {
  it('still load, answer, take additions and save in the current format', async () => {
    const file = fileURLToPath(new URL('./fixtures/search/index-v1.bin', import.meta.url));
    const loaded = (await loadIndex(file))!;
    expect(loaded.seq).toBe(11);
    const ix = loaded.index as FastIndex;
    expect(ix.get('w:1')!.text).toBe('Ο υπουργός είπε «όχι» 😀 στη ΣΥΜΦΩΝΙΑ.');
    expect(ix.get('w:2')).toMatchObject({ text: 'He Said So, It Didn\u2019t Happen.', quote: 'a quote reported elsewhere', clusterId: 'c:9' });
    expect(ix.get('a2:7')).toBeUndefined();
    expect(ix.search(parseQuery('συμφωνια'), { limit: 1 })[0]?.id).toBe('w:1');
    expect(ix.search(parseQuery('reported elsewhere'), { limit: 1 })[0]?.id).toBe('w:2');
    ix.add([{ ...ix.get('w:2')!, id: 'w:3', clusterId: 'w:3', text: 'Walrus Seen.' }]);
    const again = join(await mkdtemp(join(tmpdir(), 'factbot-v1-')), 'v2.bin');
    await saveIndex(ix, again, 12);
    const re = (await loadIndex(again))!.index as FastIndex;
    for (const id of ['a1:1', 'w:1', 'w:2', 'w:3']) expect(re.get(id)).toEqual(ix.get(id));
    for (const q of ['mcmastr denid story', 'walrus', 'didn\'t happen']) {
      expect(re.search(parseQuery(q), { limit: 5 })).toEqual(ix.search(parseQuery(q), { limit: 5 }));
    }
    await rm(dirname(again), { recursive: true, force: true });
  });

  it('rejects a file of a version it does not know (the caller rebuilds)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'factbot-v9-'));
    const file = join(dir, 'index.bin');
    const ix = new FastIndex();
    ix.add(first.slice(0, 20));
    await saveIndex(ix, file, 1);
    const bytes = await readFile(file);
    const at = bytes.indexOf('"version":2');
    expect(at).toBeGreaterThan(0);
    bytes.write('"version":9', at, 'latin1');
    await writeFile(file, bytes);
    expect(await loadIndex(file)).toBeNull();
    await rm(dir, { recursive: true, force: true });
  });
});
