import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSearchIndex, loadIndex, parseQuery, saveIndex } from '../src/search/index.js';
import { seedLikeStatements } from './search-fixture.js';

describe('index persistence', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'factbot-search-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips statements, results and the change-feed sequence', async () => {
    const index = createSearchIndex();
    index.add(seedLikeStatements());
    index.remove(['a2:7']);
    const file = join(dir, 'index.bin');
    await saveIndex(index, file, 42);
    const loaded = await loadIndex(file);
    expect(loaded).not.toBeNull();
    expect(loaded!.seq).toBe(42);
    expect(loaded!.index.size).toBe(index.size);
    expect(loaded!.index.get('a1:1')).toEqual(index.get('a1:1'));
    expect(loaded!.index.get('a2:7')).toBeUndefined();
    for (const q of ['mcmastr denid story', 'great intel', '"didn\'t happen"', 'information speaker:mcmaster']) {
      expect(loaded!.index.search(parseQuery(q), { limit: 5 })).toEqual(index.search(parseQuery(q), { limit: 5 }));
    }
    expect(loaded!.index.suggestSpeakers('mc', 3)).toEqual(index.suggestSpeakers('mc', 3));
    // The loaded index keeps taking changes.
    loaded!.index.add([{ ...index.get('a1:1')!, id: 'z:1', articleId: 'z', clusterId: 'z:1', text: 'Walrus sighting.' }]);
    expect(loaded!.index.search(parseQuery('walrus'), { limit: 1 })[0]?.id).toBe('z:1');
  });

  it('keeps texts beyond Latin-1 and quotes that are not part of their text', async () => {
    const index = createSearchIndex();
    const base = seedLikeStatements()[0]!;
    index.add([
      { ...base, id: 'w:1', articleId: 'w', clusterId: 'w:1', text: 'Ο υπουργός είπε «όχι» 😀 στη συμφωνία.', quote: 'όχι' },
      { ...base, id: 'w:2', articleId: 'w', clusterId: 'w:2', text: 'He said so.', quote: 'a quote reported elsewhere' },
      { ...base, id: 'w:3', articleId: 'w', clusterId: 'w:3', text: 'She disagreed.', quote: 'Καμία ΣΥΜΦΩΝΙΑ, the Minister said' },
    ]);
    const file = join(dir, 'wide.bin');
    await saveIndex(index, file, 7);
    const loaded = (await loadIndex(file))!;
    expect(loaded.index.get('w:1')).toEqual(index.get('w:1'));
    expect(loaded.index.get('w:2')!.quote).toBe('a quote reported elsewhere');
    expect(loaded.index.search(parseQuery('συμφωνία'), { limit: 1 })[0]?.id).toBe('w:1');
    expect(loaded.index.search(parseQuery('reported elsewhere'), { limit: 1 })[0]?.id).toBe('w:2');
    // Quotes apart from their text are scored from folded copies rebuilt on load: same scores.
    for (const q of ['reported elsewher', 'συμφωνια', 'the minister', 'MINISTER said']) {
      const before = index.search(parseQuery(q), { limit: 3 });
      expect(before.length).toBeGreaterThan(0);
      expect(loaded.index.search(parseQuery(q), { limit: 3 })).toEqual(before);
    }
  });

  it('returns null for a missing, truncated or foreign file', async () => {
    expect(await loadIndex(join(dir, 'missing.bin'))).toBeNull();
    const index = createSearchIndex();
    index.add(seedLikeStatements());
    const file = join(dir, 'index.bin');
    await saveIndex(index, file, 1);
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(await loadIndex(file)).toBeNull();
    await writeFile(file, 'hello');
    expect(await loadIndex(file)).toBeNull();
  });
});
