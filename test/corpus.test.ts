import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '../src/domain/article.js';
import type { Statement } from '../src/domain/statement.js';
import { createSearchIndex, parseQuery } from '../src/search/index.js';
import { CorpusRuntime, wordsToSearch, type CorpusDeps } from '../src/corpus/runtime.js';
import { fileIndexPersistence } from '../src/corpus/persist.js';
import { resolveSpeakerName, closeSpeakerNames } from '../src/corpus/speakers.js';
import { memoryStore } from './helpers/memory-store.js';
import { lineStatements } from './helpers/line-statements.js';

function article(id: string, text: string, outlet: string | null = null, published: string | null = null): Article {
  return {
    id,
    title: `Article ${id}`,
    outlet,
    url: `https://example.com/${id}`,
    published,
    author: null,
    text,
    source: `${id}.txt`,
    contentHash: `${id}:${text.length}:${text.slice(0, 20)}`,
  };
}

/** A tiny stand-in extractor: `"quote," Name said.` sentences with a fixed speaker table. */
function extract(a: Article): Statement[] {
  return lineStatements(a, (line) => {
    const m = /^"([^"]+)," (?:said )?([A-Z][\w. ]+?)(?: said)?(?: to ([A-Z]\w+))?\.$/.exec(line);
    const speaker = m ? ({ McMaster: 'H.R. McMaster', 'HR McMaster': 'H.R. McMaster', Trump: 'Donald Trump' } as Record<string, string>)[m[2]!] ?? m[2]! : null;
    return {
      kind: m ? 'direct' : 'statement',
      quote: m ? m[1]! : null,
      speaker,
      speakerMention: m ? m[2]! : null,
      speakerRole: speaker === 'H.R. McMaster' ? 'National Security Adviser' : null,
      outlet: m?.[3] ?? null,
      cue: m ? 'said' : null,
    };
  });
}

const A = article(
  'a',
  '"I was in the room, it did not happen," McMaster said.\n"I get great intel every single day," Trump said to Lavrov.\nThe meeting was held in the Oval Office.',
  'The Guardian',
  '2026-03-01T09:00:00Z',
);
const B = article('b', '"I was in the room, it did not happen," said HR McMaster.\nIsrael was the source of the information.', 'BBC', '2026-03-01T15:00:00Z');

function deps(store: ReturnType<typeof memoryStore>, extra: Partial<CorpusDeps> = {}): CorpusDeps {
  return {
    store,
    createIndex: createSearchIndex,
    parseQuery,
    extract,
    load: async () => ({ articles: [], errors: [{ source: 'x', reason: 'not found' }] }),
    loadDir: async () => ({ articles: [A, B], errors: [] }),
    ...extra,
  };
}

const open: CorpusRuntime[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) await c.close();
});

async function corpusWith(store = memoryStore(), extra: Partial<CorpusDeps> = {}): Promise<CorpusRuntime> {
  const c = await CorpusRuntime.open(deps(store, extra));
  open.push(c);
  return c;
}

describe('corpus search', () => {
  it('groups the same quote from two articles into one result with its corroboration', async () => {
    const c = await corpusWith();
    const report = await c.syncDataDir('data');
    expect(report).toMatchObject({ added: 2, articles: 2, quotes: 3, speakers: 2, errors: [] });
    const page = await c.search('it did not hapen', { limit: 5 });
    expect(page.results.length).toBeGreaterThan(0);
    const top = page.results[0]!;
    expect(top.statement.speaker).toBe('H.R. McMaster');
    expect(top.corroboration.articles).toBe(2);
    expect(top.corroboration.outlets).toEqual(['The Guardian', 'BBC']);
    expect(top.corroboration.firstOutlet).toBe('The Guardian');
    expect(page.results.filter((r) => r.statement.quote?.includes('in the room'))).toHaveLength(1);
    expect(top.highlights.length).toBeGreaterThan(0);
  });

  it('names no first outlet when an article does not say when it was published (QA 5)', async () => {
    const store = memoryStore();
    await store.upsertArticle({ ...A }, extract(A));
    const undated = { ...B, published: null };
    await store.upsertArticle(undated, extract(undated));
    const c = await corpusWith(store);
    const top = (await c.search('it did not hapen', { limit: 5 })).results[0]!;
    expect(top.corroboration.articles).toBe(2);
    expect(top.corroboration.firstOutlet).toBeNull();
  });

  it('applies filters given by the command over the query text, and pages', async () => {
    const c = await corpusWith();
    await c.syncDataDir('data');
    const trump = await c.search('intel', { limit: 5, filters: { speaker: 'Donald Trump' } });
    expect(trump.results.map((r) => r.statement.speaker)).toEqual(['Donald Trump']);
    const none = await c.search('intel', { limit: 5, filters: { speaker: 'H.R. McMaster' } });
    expect(none.results).toEqual([]);
    const p1 = await c.search('the', { limit: 1 });
    const p2 = await c.search('the', { limit: 1, offset: 1 });
    expect(p1.total).toBeGreaterThan(1);
    expect(p2.results[0]?.statement.id).not.toBe(p1.results[0]?.statement.id);
  });

  it('does not count the same words given to someone else as corroboration, and names them (QA 6b, C2)', async () => {
    const store = memoryStore();
    const words = '"We will not be bullied by the mayor\'s office," Okoro said.';
    const h1 = article('h1', words, 'Harbour Post', '2026-03-01T09:00:00Z');
    const h2 = article('h2', '"We will not be bullied by the mayor\'s office," Hale said.', 'Coastal Times', '2026-03-02T09:00:00Z');
    const h3 = article('h3', words, 'Harbour Post', '2026-03-03T09:00:00Z');
    for (const a of [h1, h2, h3]) await store.upsertArticle(a, extract(a));
    const c = await corpusWith(store);
    const page = await c.search('not be bullied by the mayor', { limit: 5 });
    const okoro = page.results.find((r) => r.statement.speaker === 'Okoro')!;
    expect(okoro.corroboration.articles).toBe(2);
    expect(okoro.corroboration.otherSpeakers).toEqual([{ speaker: 'Hale', articles: 1, outlets: ['Coastal Times'] }]);
    const hale = await c.corroboration((await store.getStatements('h2'))[0]!);
    expect(hale.articles).toBe(1);
    expect(hale.otherSpeakers).toEqual([{ speaker: 'Okoro', articles: 2, outlets: ['Harbour Post'] }]);
  });

  it('finds the statement with every word asked about, whatever the page size (QA 6, B3)', async () => {
    const store = memoryStore();
    const misses = Array.from({ length: 14 }, (_, i) => `The president met group ${i} of the visitors today.`);
    const a = article('p', [...misses, 'President Anna Berg revealed the harbour budget on Monday.'].join('\n'));
    await store.upsertArticle(a, extract(a));
    const c = await corpusWith(store);
    const page = await c.search('the president revealed', { limit: 5 });
    expect(page.results.map((r) => r.statement.text)).toContain('President Anna Berg revealed the harbour budget on Monday.');
  });

  it('looks words up one by one only as far as a statement with half of them could be missed', async () => {
    // Half of four words is two, so a kept statement has two of any three: the fourth search
    // (of the shortest word) could add nothing. At a million statements each one costs tens of ms.
    expect(wordsToSearch(['pier', 'budget', 'trimmed', 'councillors'], 4)).toEqual(['councillors', 'trimmed', 'budget']);
    expect(wordsToSearch(['pier', 'budget'], 2)).toEqual(['budget', 'pier']);
    expect(wordsToSearch(['a1', 'b2', 'c3', 'd4', 'e5'], 5)).toHaveLength(3);
    // Only eight of ten words are searched: a kept statement has at least three of those eight.
    expect(wordsToSearch(['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8'], 10)).toHaveLength(6);

    const store = memoryStore();
    const filler = Array.from({ length: 14 }, (_, i) => `Visitors came to hall ${i} of the museum today.`);
    const a = article('w', [...filler, 'The pier budget was cut on Monday.'].join('\n'));
    await store.upsertArticle(a, extract(a));
    const words: string[] = [];
    const c = await corpusWith(store, {
      createIndex: () => {
        const index = createSearchIndex();
        const search = index.search.bind(index);
        index.search = (q, opts) => {
          if (q.text && !q.text.includes(' ')) words.push(q.text);
          return search(q, opts);
        };
        return index;
      },
    });
    const page = await c.search('pier budget trimmed councillors', { limit: 5 });
    expect(page.results.map((r) => r.statement.text)).toContain('The pier budget was cut on Monday.');
    expect(words).toEqual(['councillors', 'trimmed', 'budget']);
  });

  it('looks a phrase that no statement has word for word up loosely, and says so', async () => {
    const c = await corpusWith();
    await c.syncDataDir('data');
    const page = await c.search('"I get good intel every day"', { limit: 5 });
    expect(page.results[0]?.statement.speaker).toBe('Donald Trump');
    expect(page.query.notices).toContain('No statement has “I get good intel every day” word for word; these have the words, not necessarily in that order.');
    // A phrase that is there verbatim is still required, with no notice.
    const exact = await c.search('"great intel"', { limit: 5 });
    expect(exact.results.map((r) => r.statement.speaker)).toEqual(['Donald Trump']);
    expect(exact.query.notices).toEqual([]);
    // Filters still hold when loosened.
    const filtered = await c.search('"I get good intel every day"', { limit: 5, filters: { speaker: 'H.R. McMaster' } });
    expect(filtered.results).toEqual([]);
  });

  it('answers an empty query with nothing rather than everything', async () => {
    const c = await corpusWith();
    await c.syncDataDir('data');
    expect((await c.search('   ', { limit: 5 })).results).toEqual([]);
  });
});

describe('corpus follows the store', () => {
  it('sees articles written to the store by someone else, and forgets deleted ones', async () => {
    const store = memoryStore();
    const c = await corpusWith(store);
    expect((await c.search('Israel source', { limit: 5 })).results).toHaveLength(0);
    await store.upsertArticle(B, extract(B));
    await c.sync();
    const found = await c.search('Israel source', { limit: 5 });
    expect(found.results[0]?.article.id).toBe('b');
    await store.deleteArticle('b');
    await c.sync();
    expect((await c.search('Israel source', { limit: 5 })).results).toHaveLength(0);
  });

  it('updates corroboration when a second article brings the same quote', async () => {
    const store = memoryStore();
    const c = await corpusWith(store);
    await store.upsertArticle(A, extract(A));
    await c.sync();
    expect((await c.search('in the room', { limit: 1 })).results[0]?.corroboration.articles).toBe(1);
    await store.upsertArticle(B, extract(B));
    await c.sync();
    expect((await c.search('in the room', { limit: 1 })).results[0]?.corroboration.articles).toBe(2);
  });

  it('restores a saved index and catches up on what changed while it was closed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'factbot-corpus-'));
    try {
      const store = memoryStore();
      const persistence = fileIndexPersistence(join(dir, 'index.json'));
      const first = await CorpusRuntime.open(deps(store, { persistence }));
      await first.syncDataDir('data');
      await first.close();
      const C = article('c', '"Nothing about laptops was discussed," Trump said.');
      await store.upsertArticle(C, extract(C));
      let rebuilt = 0;
      const second = await corpusWith(store, {
        persistence,
        createIndex: () => {
          rebuilt++;
          return createSearchIndex();
        },
      });
      expect(rebuilt).toBe(1); // the constructor's empty index only: the saved one was used
      expect((await second.search('laptops discussed', { limit: 3 })).results[0]?.article.id).toBe('c');
      expect((await second.search('great intel', { limit: 3 })).results[0]?.article.id).toBe('a');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('corpus counts saved with the index', () => {
  /** The memory store, counting full scans (what a million statements make slow). */
  function scanCounting(store: ReturnType<typeof memoryStore>) {
    const scans = { n: 0 };
    const iterate = store.iterateStatements.bind(store);
    store.iterateStatements = (batch: number) => {
      scans.n++;
      return iterate(batch);
    };
    return scans;
  }

  it('a restart reads the counts back instead of scanning the store, and keeps them right', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'factbot-counts-'));
    try {
      const store = memoryStore();
      const persistence = fileIndexPersistence(join(dir, 'index.json'));
      const first = await CorpusRuntime.open(deps(store, { persistence }));
      const before = await first.syncDataDir('data');
      const wordsBefore = (await first.wordStats()).counts.get('israel');
      await first.close();
      expect(before.quotes).toBe(3);
      expect(wordsBefore).toBe(1);

      // Written while the bot was down: caught up through the change feed, counts follow.
      const C = article('c', '"Israel was never the source," Trump said.');
      await store.upsertArticle(C, extract(C));
      const scans = scanCounting(store);
      const second = await corpusWith(store, { persistence });
      const after = await second.syncDataDir('data');
      const stats = await second.wordStats();
      expect(scans.n).toBe(0);
      expect(after.quotes).toBe(4);
      expect(stats.counts.get('israel')).toBe(2);
      expect(stats.statements).toBe(after.statements);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('counts from the store when the saved counts are of another sequence', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'factbot-counts-'));
    try {
      const store = memoryStore();
      const file = join(dir, 'index.json');
      const persistence = fileIndexPersistence(file);
      const first = await CorpusRuntime.open(deps(store, { persistence }));
      await first.syncDataDir('data');
      await first.close();
      // An index saved later than its counts (a crash between the two writes, say).
      const saved = JSON.parse(await readFile(`${file}.counts.json`, 'utf8')) as { seq: number; quotes: number };
      await writeFile(`${file}.counts.json`, JSON.stringify({ ...saved, seq: saved.seq + 1, quotes: 999 }));
      const scans = scanCounting(store);
      const second = await corpusWith(store, { persistence });
      const after = await second.syncDataDir('data');
      expect(after.quotes).toBe(3);
      expect(scans.n).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('corpus ingest', () => {
  it('reports load errors and keeps going', async () => {
    const c = await corpusWith();
    const r = await c.ingest(['missing.txt']);
    expect(r.errors).toEqual([{ source: 'x', reason: 'not found' }]);
    expect(r.added).toBe(0);
  });

  it('is idempotent: the same articles again are unchanged', async () => {
    const c = await corpusWith();
    await c.syncDataDir('data');
    const again = await c.syncDataDir('data');
    expect(again).toMatchObject({ added: 0, unchanged: 2, articles: 2 });
  });
});

describe('speaker names', () => {
  const speakers = [
    { name: 'H.R. McMaster', aliases: ['HR McMaster', 'McMaster'], statements: 5 },
    { name: 'Donald Trump', aliases: ['Trump', 'President Trump'], statements: 9 },
    { name: 'Ron Dermer', aliases: [], statements: 1 },
  ];
  it.each([
    ['mcmaster', 'H.R. McMaster'],
    ['HR McMaster', 'H.R. McMaster'],
    ['h.r. mcmaster', 'H.R. McMaster'],
    ['mcmastr', 'H.R. McMaster'],
    ['trump', 'Donald Trump'],
    ['President Donald Trump', 'Donald Trump'],
    ['dermer', 'Ron Dermer'],
    ['Obama', null],
    ['', null],
    ['a', null],
  ])('%s → %s', (typed, expected) => {
    expect(resolveSpeakerName(typed, speakers)).toBe(expected);
  });

  it('suggests close names, prefix matches first', () => {
    expect(closeSpeakerNames('mc', speakers, 5)).toEqual(['H.R. McMaster']);
    expect(closeSpeakerNames('dermar', speakers, 5)).toEqual(['Ron Dermer']);
    expect(closeSpeakerNames('', speakers, 2)).toEqual(['Donald Trump', 'H.R. McMaster']);
  });
});

describe('speaker names against noisy aliases', () => {
  it('does not take a description alias for a name', () => {
    const sp = [
      { name: 'HR McMaster', aliases: ['HR McMaster, the adviser who attended the meeting'], statements: 2 },
      { name: 'H.R. McMaster', aliases: ['McMaster'], statements: 8 },
    ];
    expect(resolveSpeakerName('McMaster meeting', sp)).toBeNull();
    expect(resolveSpeakerName('McMaster', sp)).toBe('H.R. McMaster');
    expect(resolveSpeakerName('National Security Adviser McMaster', sp)).toBe('H.R. McMaster');
  });
});

describe('a saved index from another store', () => {
  it('is detected by its size and rebuilt', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'factbot-corpus-'));
    try {
      const persistence = fileIndexPersistence(join(dir, 'index.json'));
      const big = memoryStore();
      const first = await CorpusRuntime.open(deps(big, { persistence }));
      await first.syncDataDir('data');
      await first.close();
      // Another store whose change feed happens to be as far along, with other content.
      const other = memoryStore();
      const C = article('c', '"Nothing about laptops was discussed," Trump said.');
      for (let i = 0; i < 3; i++) await other.upsertArticle({ ...C, contentHash: `c${i}` }, extract(C));
      const c = await corpusWith(other, { persistence });
      expect(c.indexSize).toBe(await other.countStatements());
      expect((await c.search('great intel', { limit: 3 })).results).toHaveLength(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('word coverage', () => {
  it('counts content words, forms and small typos', async () => {
    const { coverage, contentWords } = await import('../src/corpus/coverage.js');
    expect(contentWords('Was the source of the information?')).toEqual(['source', 'information']);
    expect(coverage('McMaster denied the story', 'Yesterday, McMaster denied the story outright.')).toBe(1);
    expect(coverage('mcmastr deny story', 'Yesterday, McMaster denied the story outright.')).toBe(1);
    expect(coverage('Israel was the source', 'Trump did not reveal the source of the intelligence')).toBe(0.5);
    expect(coverage('the of and', 'anything')).toBe(1);
  });
});

describe('queries in another word order', () => {
  it('still find statements with the words', async () => {
    const c = await corpusWith();
    await c.syncDataDir('data');
    const page = await c.search('happen room', { limit: 3 });
    expect(page.results[0]?.statement.quote).toMatch(/in the room, it did not happen/);
    expect(page.results[0]!.score).toBeGreaterThanOrEqual(0.4);
  });
});

describe('change notifications during a bulk write', () => {
  it('share sync passes instead of queueing one per article', async () => {
    const store = memoryStore();
    const c = await corpusWith(store);
    let reads = 0;
    const original = store.changesSince.bind(store);
    store.changesSince = (seq: number) => {
      reads++;
      return original(seq);
    };
    for (let i = 0; i < 20; i++) {
      const a = article(`bulk${i}`, `"Statement number ${i} about the budget was made today," Trump said.`);
      await store.upsertArticle(a, extract(a));
    }
    await c.sync();
    expect(c.indexSize).toBe(20);
    expect(reads).toBeLessThan(20);
  });
});
