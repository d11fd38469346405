import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../src/domain/article.js';
import type { Statement } from '../src/domain/statement.js';
import { SqlStore } from '../src/store/index.js';
import type { Driver } from '../src/store/driver.js';
import { QUOTE_KEYS_VERSION } from '../src/extract/quote-keys.js';
import { SPEAKER_RULES_VERSION } from '../src/store/speakers.js';

/**
 * The store's behaviour, run on both engines by test/store-pglite.test.ts and
 * test/store-postgres.test.ts. `open` gives a store on an empty database of its own.
 */
export interface EngineUnderTest {
  open(opts?: { now?: () => Date }): Promise<SqlStore>;
}

export function article(id: string, over: Partial<Article> = {}): Article {
  const text = over.text ?? `Text of ${id}.`;
  return {
    id,
    title: `Title ${id}`,
    outlet: 'Associated Press',
    url: `https://example.test/${id}`,
    published: null,
    author: null,
    text,
    source: `${id}.txt`,
    contentHash: over.contentHash ?? `hash-${id}-${text.length}`,
    sourceKey: null,
    ...over,
  };
}

export function quote(q: string, speaker: string | null, over: Partial<Statement> = {}): Statement {
  const text = `"${q}," ${speaker ?? 'someone'} said.`;
  return {
    text,
    kind: 'direct',
    quote: q,
    speaker,
    speakerMention: speaker,
    speakerRole: null,
    outlet: null,
    cue: 'said',
    start: 0,
    end: text.length,
    paragraph: 0,
    ...over,
  };
}

export function plain(text: string): Statement {
  return {
    text,
    kind: 'statement',
    quote: null,
    speaker: null,
    speakerMention: null,
    speakerRole: null,
    outlet: null,
    cue: null,
    start: 0,
    end: text.length,
    paragraph: 0,
  };
}

const LONG_QUOTE =
  'The story that came out tonight as reported is false, and the President and the foreign minister reviewed a range of common threats';

export function fakeClock(start = '2026-03-01T09:00:00.000Z'): { now: () => Date; advance(ms: number): void } {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}

/**
 * An engine whose stores share one database, emptied before each store is handed out: opening a
 * fresh PGlite (a 40 MB data dir) for every test cost about a second each. Every test still starts
 * from empty tables, sequences at 1 and a new SqlStore (own listeners, own change-feed position).
 */
export function reusingEngine(openBase: () => Promise<SqlStore>): EngineUnderTest & { closeAll(): Promise<void> } {
  let base: Promise<SqlStore> | null = null;
  return {
    async open(opts = {}) {
      base ??= openBase();
      const db = (await base as unknown as { db: Driver }).db;
      await db.exec(
        `TRUNCATE statements, quote_keys, speaker_aliases, speakers, articles, changes, digest_runs, subscriptions, event_claims RESTART IDENTITY CASCADE;
         DELETE FROM store_meta;
         INSERT INTO store_meta (key, value) VALUES ('quote_keys', '${QUOTE_KEYS_VERSION}'), ('speaker_rules', '${SPEAKER_RULES_VERSION}');`,
      );
      // The shared connection stays open; each test's store closes only itself.
      const shared: Driver = {
        engine: db.engine,
        query: (sql, params) => db.query(sql, params),
        exec: (sql) => db.exec(sql),
        transaction: (fn) => db.transaction(fn),
        listen: (channel, onPayload) => db.listen(channel, onPayload),
        close: async () => {},
      };
      const store = new SqlStore(shared, opts.now ?? (() => new Date()));
      await store.start();
      return store;
    },
    async closeAll() {
      if (base) await (await base).close();
      base = null;
    },
  };
}

export function storeBehaviour(engine: EngineUnderTest): void {
  let store: SqlStore;
  const clock = fakeClock();
  beforeEach(async () => {
    store = await engine.open({ now: clock.now });
  });
  afterEach(async () => {
    // Whatever a test did, the kept per-speaker counts equal the statements.
    const db = (store as unknown as { db: { query(sql: string): Promise<Array<{ n: number }>> } }).db;
    const drift = await db.query(
      `SELECT count(*)::int AS n FROM speakers sp
       WHERE sp.statement_count <> (SELECT count(*) FROM statements s WHERE s.speaker_id = sp.id)`,
    );
    // And each speaker's roles are those its statements give (all of them, below the cap of 50).
    const roleDrift = await db.query(
      `SELECT count(*)::int AS n FROM speakers sp WHERE cardinality(sp.roles) < 50 AND
         (SELECT array_agg(DISTINCT r ORDER BY r) FROM unnest(sp.roles) AS r) IS DISTINCT FROM
         (SELECT array_agg(DISTINCT s.speaker_role ORDER BY s.speaker_role) FROM statements s WHERE s.speaker_id = sp.id AND s.speaker_role IS NOT NULL)`,
    );
    await store.close();
    expect(drift[0]!.n).toBe(0);
    expect(roleDrift[0]!.n).toBe(0);
  });

  describe('upsert', () => {
    it('is idempotent: the same content hash writes nothing', async () => {
      const a = article('a1');
      const first = await store.upsertArticle(a, [quote('we will never abandon our allies in the region', 'H.R. McMaster'), plain('Fine.')]);
      expect(first).toMatchObject({ articleId: 'a1', status: 'added', statements: 2 });
      const seq = await store.currentSeq();
      const again = await store.upsertArticle(a, [quote('we will never abandon our allies in the region', 'H.R. McMaster'), plain('Fine.')]);
      expect(again).toEqual({ articleId: 'a1', status: 'unchanged', statements: 2, seq });
      expect(await store.currentSeq()).toBe(seq);
      expect(await store.countArticles()).toBe(1);
      expect(await store.countStatements()).toBe(2);
      expect(await store.getArticle('a1')).toEqual(a);
      expect(await store.getArticle('nope')).toBeNull();
    });

    it('re-stores an article whose text is the same but whose statements differ (a newer extractor)', async () => {
      const a = article('a1');
      await store.upsertArticle(a, [plain('Fine.'), plain('It was said.')]);
      const seq = await store.currentSeq();
      const better = [plain('Fine.'), quote('It was said.', 'Ann Vale', { kind: 'indirect' })];
      const r = await store.upsertArticle(a, better);
      expect(r.status).toBe('updated');
      expect(r.seq).toBeGreaterThan(seq);
      expect((await store.getStatements('a1')).map((s) => s.speaker)).toEqual([null, 'Ann Vale']);
      expect((await store.changesSince(seq)).upserted.map((s) => s.id)).toContain('a1:1');
      // And then it is unchanged again, with the first ingest time kept.
      const before = (await store.listArticles())[0]!.ingestedAt;
      expect((await store.upsertArticle(a, better)).status).toBe('unchanged');
      expect((await store.listArticles())[0]!.ingestedAt).toBe(before);
    });

    it('replaces the statements of a changed article', async () => {
      await store.upsertArticle(article('a1'), [plain('One.'), plain('Two.'), plain('Three.')]);
      const seq = await store.currentSeq();
      const r = await store.upsertArticle(article('a1', { text: 'New text of a1, longer.' }), [plain('Only one now.')]);
      expect(r.status).toBe('updated');
      expect(r.seq).toBeGreaterThan(seq);
      const st = await store.getStatements('a1');
      expect(st.map((s) => [s.id, s.text])).toEqual([['a1:0', 'Only one now.']]);
      const batch = await store.changesSince(seq);
      expect(batch.upserted.map((s) => s.id)).toEqual(['a1:0']);
      expect(batch.removed.sort()).toEqual(['a1:1', 'a1:2']);
      expect((await store.getArticle('a1'))?.text).toBe('New text of a1, longer.');
    });

    it('an edited file (new id, same sourceKey) replaces its earlier version in the same write', async () => {
      const key = '/srv/data/articles/x.txt';
      await store.upsertArticle(article('x1', { url: null, sourceKey: key }), [plain('Lead.'), quote(LONG_QUOTE, 'H.R. McMaster')]);
      await store.upsertArticle(article('other', { url: null, sourceKey: '/srv/data/articles/y.txt' }), [quote(LONG_QUOTE, 'McMaster')]);
      const firstIngested = (await store.listArticles()).find((a) => a.id === 'x1')!.ingestedAt;
      expect([...(await store.clusterSizes()).values()]).toEqual([2]);
      const seq = await store.currentSeq();
      clock.advance(60_000);

      const r = await store.upsertArticle(article('x2', { url: null, sourceKey: key, text: 'Edited text.' }), [quote(LONG_QUOTE, 'H.R. McMaster')]);
      expect(r).toMatchObject({ articleId: 'x2', status: 'updated', statements: 1 });
      expect((await store.listArticles()).map((a) => a.id).sort()).toEqual(['other', 'x2']);
      expect(await store.getArticle('x1')).toBeNull();
      expect((await store.getArticle('x2'))?.sourceKey).toBe(key);
      // Corroboration unchanged: the old copy no longer counts.
      expect([...(await store.clusterSizes()).values()]).toEqual([2]);
      const cluster = (await store.getStatements('other'))[0]!.clusterId;
      expect((await store.getCluster(cluster)).map((m) => m.articleId).sort()).toEqual(['other', 'x2']);
      // Not a new article for digests: it keeps the first ingest time.
      expect((await store.listArticles()).find((a) => a.id === 'x2')!.ingestedAt).toBe(firstIngested);
      const feed = await store.changesSince(seq);
      expect(feed.removed.sort()).toEqual(['x1:0', 'x1:1']);
      expect(feed.upserted.map((s) => s.id)).toContain('x2:0');
      expect(feed.clusterSizes.get(cluster)).toBe(2);
      expect(await store.speakers()).toEqual([{ name: 'H.R. McMaster', aliases: ['McMaster'], statements: 2 }]);
    });

    it('articles without a sourceKey never replace each other; a key is remembered for an unchanged article', async () => {
      await store.upsertArticle(article('a', { sourceKey: null }), [plain('One.')]);
      await store.upsertArticle(article('b', { sourceKey: null }), [plain('Two.')]);
      expect(await store.countArticles()).toBe(2);
      // Stored before keys existed, then seen again unchanged from its file: the key is kept.
      const r = await store.upsertArticle(article('a', { sourceKey: '/d/a.txt' }), [plain('One.')]);
      expect(r.status).toBe('unchanged');
      expect((await store.getArticle('a'))?.sourceKey).toBe('/d/a.txt');
      await store.upsertArticle(article('a2', { sourceKey: '/d/a.txt', text: 'One, edited.' }), [plain('One, edited.')]);
      expect((await store.listArticles()).map((x) => x.id).sort()).toEqual(['a2', 'b']);
    });

    it('an unchanged article loaded from a renamed file takes the new key, so the edited file then replaces it (QA 9)', async () => {
      const text = 'The bridge will close for three weeks.';
      await store.upsertArticle(article('br1', { url: null, sourceKey: '/d/bridge.txt', text }), [plain(text)]);
      const first = (await store.listArticles())[0]!.ingestedAt;
      clock.advance(60_000);
      const seq = await store.currentSeq();
      const renamed = await store.upsertArticle(article('br1', { url: null, sourceKey: '/d/2026-bridge.txt', text }), [plain(text)]);
      expect(renamed.status).toBe('unchanged');
      expect(await store.currentSeq()).toBe(seq); // no change to the corpus: nothing for the index
      expect((await store.getArticle('br1'))?.sourceKey).toBe('/d/2026-bridge.txt');
      // A file without a key (a collection record, a URL) never takes the key away.
      expect((await store.upsertArticle(article('br1', { url: null, sourceKey: null, text }), [plain(text)])).status).toBe('unchanged');
      expect((await store.getArticle('br1'))?.sourceKey).toBe('/d/2026-bridge.txt');
      clock.advance(60_000);
      const edited = 'The bridge will close for four weeks.';
      const r = await store.upsertArticle(
        article('br2', { url: null, sourceKey: '/d/2026-bridge.txt', text: edited, contentHash: 'hash-br2-edited' }),
        [plain(edited)],
      );
      expect(r.status).toBe('updated');
      const listed = await store.listArticles();
      expect(listed.map((a) => a.id)).toEqual(['br2']);
      expect(listed[0]!.ingestedAt).toBe(first); // not a new article
      expect(listed[0]!.textChangedAt).toBe(clock.now().toISOString()); // but a corrected one
    });

    it('records when the text last changed: a correction, not a newer extractor nor a metadata fix', async () => {
      const v1 = 'The pier will be finished by spring, the mayor said. Work started in May.';
      const spring = quote('The pier will be finished by spring', 'Anil Vaswani');
      const may = plain('Work started in May.');
      await store.upsertArticle(article('pier', { text: v1 }), [spring, may]);
      expect((await store.listArticles())[0]!.textChangedAt).toBeNull();
      const t0 = clock.now();
      // A newer extractor re-reads the same text: updated, but no correction.
      clock.advance(60_000);
      expect((await store.upsertArticle(article('pier', { text: v1 }), [spring, may, plain('Extra.')])).status).toBe('updated');
      expect((await store.listArticles())[0]!.textChangedAt).toBeNull();
      // A metadata fix (the outlet, the date) is no correction either.
      clock.advance(60_000);
      await store.upsertArticle(article('pier', { text: v1, outlet: 'AP', contentHash: 'meta' }), [spring, may, plain('Extra.')]);
      expect((await store.listArticles())[0]!.textChangedAt).toBeNull();
      expect(await store.listArticles({ changedSince: t0 })).toEqual([]);

      // The text is corrected (same id: a page fetched again).
      clock.advance(60_000);
      const t1 = clock.now().toISOString();
      const v2 = v1.replace('spring', 'summer');
      const summer = quote('The pier will be finished by summer', 'Anil Vaswani');
      expect((await store.upsertArticle(article('pier', { text: v2, outlet: 'AP', contentHash: 'v2' }), [summer, may])).status).toBe('updated');
      const info = await store.listArticles({ changedSince: t0 });
      expect(info.map((a) => [a.id, a.textChangedAt])).toEqual([['pier', t1]]);
      expect(info[0]!.ingestedAt).toBe(t0.toISOString());
      // Only the sentence the correction brought in is a changed statement.
      const changed = await store.changedStatements([ 'pier', 'nope' ], t0);
      expect([...changed.keys()]).toEqual(['pier']);
      expect(changed.get('pier')!.map((st) => st.quote)).toEqual(['The pier will be finished by summer']);
      expect((await store.changedStatements(['pier'], new Date(t1))).size).toBe(0);

      // An edited file under a new id (same key): the sentences it keeps keep their correction time.
      clock.advance(60_000);
      const t2 = clock.now().toISOString();
      const v3 = `${v2} The council approved it.`;
      await store.upsertArticle(article('pier', { text: v2, outlet: 'AP', contentHash: 'v2', sourceKey: '/d/pier.txt' }), [summer, may]);
      await store.upsertArticle(
        article('pier2', { text: v3, outlet: 'AP', contentHash: 'v3', sourceKey: '/d/pier.txt' }),
        [summer, may, plain('The council approved it.')],
      );
      expect((await store.listArticles()).map((a) => [a.id, a.textChangedAt])).toEqual([['pier2', t2]]);
      expect((await store.changedStatements(['pier2'], t0)).get('pier2')!.map((st) => st.text)).toEqual([summer.text, 'The council approved it.']);
      expect((await store.changedStatements(['pier2'], new Date(t1))).get('pier2')!.map((st) => st.text)).toEqual(['The council approved it.']);
      // A changed title alone is a correction too (a headline put right).
      clock.advance(60_000);
      await store.upsertArticle(
        article('pier2', { text: v3, outlet: 'AP', title: 'Pier delayed to summer', contentHash: 'v3t', sourceKey: '/d/pier.txt' }),
        [summer, may, plain('The council approved it.')],
      );
      expect((await store.listArticles())[0]!.textChangedAt).toBe(clock.now().toISOString());
      expect((await store.changedStatements(['pier2'], new Date(t2))).size).toBe(0);
    });

    it('a failure mid-ingest leaves the previous version intact', async () => {
      const v1 = article('a1');
      await store.upsertArticle(v1, [quote('we will never abandon our allies in the region', 'H.R. McMaster'), plain('Fine.')]);
      await store.upsertArticle(article('b1'), [quote('we will never abandon our allies in the region', 'McMaster')]);
      const seq = await store.currentSeq();
      const sizes = await store.clusterSizes();
      // The second statement cannot be stored (start overflows the column): the database rejects
      // it after the old statements were deleted inside the transaction.
      await expect(
        store.upsertArticle(article('a1', { text: 'A changed text.' }), [plain('New one.'), plain('Broken.'), { ...plain('x'), start: 2 ** 31 }]),
      ).rejects.toThrow();
      expect(await store.getArticle('a1')).toEqual(v1);
      expect((await store.getStatements('a1')).map((s) => s.text)).toEqual([
        '"we will never abandon our allies in the region," H.R. McMaster said.',
        'Fine.',
      ]);
      expect(await store.currentSeq()).toBe(seq);
      expect(await store.clusterSizes()).toEqual(sizes);
      // And the store still works afterwards.
      expect((await store.upsertArticle(article('a1', { text: 'A changed text.' }), [plain('New one.')])).status).toBe('updated');
    });

    it('a failing article fails its whole batch', async () => {
      await expect(
        store.upsertArticles([
          { article: article('x1'), statements: [plain('Good.')] },
          { article: article('x2'), statements: [{ ...plain('bad'), end: 2 ** 31 }] },
        ]),
      ).rejects.toThrow();
      expect(await store.countArticles()).toBe(0);
      expect(await store.currentSeq()).toBe(0);
    });

    it('rejects statements that break the contract with a clear error', async () => {
      await expect(store.upsertArticle(article('a1'), [{ ...plain('x'), kind: 'shout' as never }])).rejects.toThrow(/unknown kind/);
      await expect(store.upsertArticle(article('a1'), [{ ...plain('x'), start: -1 }])).rejects.toThrow(/start/);
      await expect(store.upsertArticle(article('a1'), [plain('nul \u0000 byte')])).rejects.toThrow(/NUL/);
      await expect(store.upsertArticle(article('a1', { title: 'x\u0000' }), [])).rejects.toThrow(/title contains a NUL/);
      expect(await store.countArticles()).toBe(0);
    });

    it('bulk upsert stores many articles at once and skips unchanged ones', async () => {
      const batch = Array.from({ length: 120 }, (_, i) => ({
        article: article(`bulk-${i}`),
        statements: [plain(`Statement ${i}.`), quote(`number ${i} is the quote of article ${i} about budgets`, `Speaker ${i % 7} Jones`)],
      }));
      const r = await store.upsertArticles(batch);
      expect(r.filter((x) => x.status === 'added')).toHaveLength(120);
      expect(await store.countStatements()).toBe(240);
      const again = await store.upsertArticles([...batch.slice(0, 3), { article: article('bulk-new'), statements: [plain('New.')] }]);
      expect(again.map((x) => x.status)).toEqual(['unchanged', 'unchanged', 'unchanged', 'added']);
      expect(await store.countArticles()).toBe(121);
    });

    it('a long article is written in parts with the event loop running between them, and is never seen half-written', async () => {
      // PGlite runs every query on this thread: without turns of the loop between the parts, a
      // write of thousands of statements held Slack's acknowledgements for seconds.
      store.writeChunkRows = 50;
      const version = (n: number, tag: string): Statement[] =>
        Array.from({ length: n }, (_, i) =>
          i % 2 ? plain(`Statement ${i} of the ${tag} version.`) : quote(`${tag} quote number ${i} about the harbour budget and the ferry`, `Speaker${i % 7} Person`),
        );
      await store.upsertArticle(article('long'), version(400, 'first'));
      const seqBefore = await store.currentSeq();
      let turns = 0;
      let writing = true;
      let reading = false;
      const counts: Array<Promise<number>> = [];
      const turn = (): void => {
        if (!writing) return;
        turns++;
        // What another command would read meanwhile: the article before or after, whole. One read
        // at a time: a read at every turn flooded PostgreSQL's pool (thousands queued beside the
        // write) and took the test past its timeout on a loaded machine.
        if (!reading) {
          reading = true;
          counts.push(
            store.getStatements('long').then((s) => {
              reading = false;
              return s.length;
            }),
          );
        }
        setImmediate(turn);
      };
      setImmediate(turn);
      // Replacing it: 400 statements deleted, 300 inserted, their quote keys too, 50 rows a query.
      await store.upsertArticle(article('long', { text: 'The second version.' }), version(300, 'second'));
      writing = false;
      expect(turns).toBeGreaterThanOrEqual(14);
      const seen = new Set(await Promise.all(counts));
      expect([...seen].every((n) => n === 400 || n === 300)).toBe(true);
      expect(await store.countStatements()).toBe(300);
      // Reading it back for the search index is paged the same way.
      await Promise.all(counts);
      turns = 0;
      writing = true;
      setImmediate(turn);
      const batch = await store.changesSince(seqBefore);
      writing = false;
      expect(batch.upserted).toHaveLength(300);
      expect(new Set(batch.upserted.map((s) => s.id)).size).toBe(300);
      expect(turns).toBeGreaterThanOrEqual(2);
      await Promise.all(counts);
    });
  });

  describe('reading', () => {
    it('lists articles newest first, since a time, limited', async () => {
      await store.upsertArticle(article('old'), [plain('Old.')]);
      clock.advance(60_000);
      const mid = clock.now();
      clock.advance(60_000);
      await store.upsertArticle(article('new'), [plain('New.'), plain('Two.')]);
      const all = await store.listArticles();
      expect(all.map((a) => a.id)).toEqual(['new', 'old']);
      expect(all[0]).toMatchObject({ title: 'Title new', outlet: 'Associated Press', statements: 2, source: 'new.txt' });
      expect(all[0]!.ingestedAt).toBe(new Date(mid.getTime() + 60_000).toISOString());
      expect((await store.listArticles({ since: mid })).map((a) => a.id)).toEqual(['new']);
      expect(await store.listArticles({ limit: 1 })).toHaveLength(1);
    });

    it('gets statements by id in the order asked, skipping unknown ids', async () => {
      await store.upsertArticle(article('a:1'), [plain('Zero.'), plain('One.')]);
      const got = await store.getStatementsByIds(['a:1:1', 'missing:0', 'a:1:0', 'garbage']);
      expect(got.map((s) => [s.id, s.articleId, s.ordinal, s.text])).toEqual([
        ['a:1:1', 'a:1', 1, 'One.'],
        ['a:1:0', 'a:1', 0, 'Zero.'],
      ]);
    });

    it('streams every statement in batches across pages', async () => {
      store.iteratePageRows = 4;
      for (let i = 0; i < 5; i++) await store.upsertArticle(article(`p${i}`), [plain('a'), plain('b'), plain('c')]);
      const batches: number[] = [];
      const ids: string[] = [];
      for await (const b of store.iterateStatements(2)) {
        batches.push(b.length);
        ids.push(...b.map((s) => s.id));
      }
      expect(ids).toHaveLength(15);
      expect(new Set(ids).size).toBe(15);
      expect(Math.max(...batches)).toBeLessThanOrEqual(2);
    });

    it('round-trips every statement field', async () => {
      const s: Statement = {
        text: 'McMaster told Buzzfeed that "it didn’t happen" at all.',
        kind: 'mixed',
        quote: 'it didn’t happen',
        speaker: 'H.R. McMaster',
        speakerMention: 'McMaster',
        speakerRole: 'National Security Adviser',
        outlet: 'BuzzFeed News',
        cue: 'told',
        start: 12,
        end: 66,
        paragraph: 3,
      };
      await store.upsertArticle(article('rt'), [s]);
      const [got] = await store.getStatements('rt');
      expect(got).toMatchObject({ ...s, id: 'rt:0', articleId: 'rt', ordinal: 0, clusterId: 'rt:0' });
      expect(got!.ingestedAt).toBe(clock.now().toISOString());
    });
  });

  describe('clusters', () => {
    it('the same quote in several articles is one cluster despite small differences', async () => {
      await store.upsertArticle(article('ap', { published: '2026-02-02' }), [quote(LONG_QUOTE, 'H.R. McMaster'), plain('Other.')]);
      await store.upsertArticle(article('wp', { published: '2026-02-01', outlet: 'The Washington Post' }), [
        plain('Intro.'),
        quote(LONG_QUOTE.replace('is false', 'is “false”').toUpperCase(), 'McMaster'),
      ]);
      // A shorter excerpt of the same quote.
      await store.upsertArticle(article('bf'), [quote('the President and the foreign minister reviewed a range of common threats', 'McMaster')]);
      await store.upsertArticle(article('xx'), [quote('We are going to build a very large wall along the whole border, believe me', 'Donald Trump')]);

      const [ap] = await store.getStatements('ap');
      const cluster = ap!.clusterId;
      expect((await store.getStatements('wp'))[1]!.clusterId).toBe(cluster);
      expect((await store.getStatements('bf'))[0]!.clusterId).toBe(cluster);
      expect((await store.getStatements('xx'))[0]!.clusterId).toBe('xx:0');
      expect(await store.clusterSizes()).toEqual(new Map([[cluster, 3]]));
      const members = await store.getCluster(cluster);
      expect(members.map((m) => m.articleId)).toEqual(['wp', 'ap', 'bf']); // earliest published first
      expect(members[0]).toMatchObject({ statementId: 'wp:1', outlet: 'The Washington Post', published: '2026-02-01' });
    });

    it('versions that differ in a negation or a figure are not one quote, even through an excerpt of both (QA 6b, C1)', async () => {
      const said = 'We have no plans to close the harbour bridge before the summer season, and the engineers have told me it is safe';
      await store.upsertArticle(article('c1'), [quote(said, 'Ruth Calder')]);
      await store.upsertArticle(article('c2'), [quote(said.toUpperCase(), 'Calder')]);
      await store.upsertArticle(article('c3'), [quote(said.replace('no plans', 'plans'), 'Calder')]);
      // An excerpt without the changed words fits both versions: it joins one, and merges nothing.
      await store.upsertArticle(article('c4'), [quote('before the summer season, and the engineers have told me it is safe', 'Calder')]);
      const money = 'The council has set aside $4 million for the harbour this year, and every penny of it will go to the north pier';
      await store.upsertArticle(article('m1'), [quote(money, 'Ruth Calder')]);
      await store.upsertArticle(article('m2'), [quote(money.replace('$4 million', '$40 million'), 'Ruth Calder')]);
      const cluster = async (id: string) => (await store.getStatements(id))[0]!.clusterId;
      expect(await cluster('c2')).toBe(await cluster('c1'));
      expect(await cluster('c3')).not.toBe(await cluster('c1'));
      expect(await cluster('c4')).toBe(await cluster('c1'));
      expect(await cluster('m2')).not.toBe(await cluster('m1'));
      expect(await store.clusterSizes()).toEqual(new Map([[await cluster('c1'), 3]]));
    });

    it('a quote counts once per article, and a lone statement is its own cluster', async () => {
      await store.upsertArticle(article('a'), [quote('it did not happen', 'Sean Spicer'), quote('It didn’t happen!', 'Sean Spicer'), quote('it did not happen', 'Sean Spicer')]);
      const st = await store.getStatements('a');
      expect(st[0]!.clusterId).toBe('a:0');
      expect(st[2]!.clusterId).toBe('a:0');
      expect(st[1]!.clusterId).toBe('a:1'); // "didn't" is not "did not"
      expect(await store.clusterSizes()).toEqual(new Map());
      await store.upsertArticle(article('b'), [quote('It did not happen.', 'Spicer')]);
      expect(await store.clusterSizes()).toEqual(new Map([['a:0', 2]]));
    });

    it('a statement bridging two clusters merges them, and deleting the labelled one keeps the rest together', async () => {
      const first = 'our alliance with japan is stronger than it has ever been in the history of our nations';
      const second = 'and we will keep investing in new ships for the pacific fleet over the next decade';
      await store.upsertArticle(article('a'), [quote(first, 'Jim Mattis')]);
      await store.upsertArticle(article('b'), [quote(second, 'Jim Mattis')]);
      expect(await store.clusterSizes()).toEqual(new Map());
      await store.upsertArticle(article('c'), [quote(`${first} ${second}`, 'Jim Mattis')]);
      expect(await store.clusterSizes()).toEqual(new Map([['a:0', 3]]));
      expect((await store.getStatements('b'))[0]!.clusterId).toBe('a:0');

      const seq = await store.currentSeq();
      expect(await store.deleteArticle('a')).toBe(true);
      expect(await store.deleteArticle('a')).toBe(false);
      const sizes = await store.clusterSizes();
      expect([...sizes.values()]).toEqual([2]);
      const label = [...sizes.keys()][0]!;
      expect(['b:0', 'c:0']).toContain(label);
      const batch = await store.changesSince(seq);
      expect(batch.removed).toEqual(['a:0']);
      expect(batch.upserted.map((s) => s.id).sort()).toEqual(['b:0', 'c:0']);
      expect(batch.clusterSizes.get(label)).toBe(2);
      expect(batch.clusterSizes.get('a:0')).toBe(0);
    });

    it('two stored copies of one text (a file and its URL) corroborate once', async () => {
      const text = 'The same page, saved as a file and fetched from its URL.';
      await store.upsertArticle(article('file-copy', { url: null, text }), [quote(LONG_QUOTE, 'H.R. McMaster')]);
      await store.upsertArticle(article('url-copy', { text }), [quote(LONG_QUOTE, 'H.R. McMaster')]);
      expect(await store.clusterSizes()).toEqual(new Map());
      const cluster = (await store.getStatements('url-copy'))[0]!.clusterId;
      // One member, the copy with a URL.
      expect((await store.getCluster(cluster)).map((m) => m.articleId)).toEqual(['url-copy']);
      const seq = await store.currentSeq();
      await store.upsertArticle(article('elsewhere', { text: 'Another outlet.' }), [quote(LONG_QUOTE, 'McMaster')]);
      expect([...(await store.clusterSizes()).values()]).toEqual([2]);
      expect((await store.changesSince(seq)).clusterSizes.get(cluster)).toBe(2);
      expect((await store.getCluster(cluster)).map((m) => m.articleId).sort()).toEqual(['elsewhere', 'url-copy']);
    });

    it('syndicated copies (one text on several sites) are one member that keeps who carried it', async () => {
      // QA 8, 26: one wire story printed word for word by three papers, and the same quote in an
      // independent report. The copies count once (one report), and the member names the others.
      const text = 'NUUKVIK (Polar Wire) - The glacier retreated 900 metres last summer.';
      const wire = (id: string, outlet: string, published: string) =>
        store.upsertArticle(article(id, { text, outlet, published }), [plain('Lead.'), quote(LONG_QUOTE, 'Aputsiaq Lindqvist-Olsen')]);
      await wire('wire-quarry', 'Quarry Hill Post', '2026-03-03T10:00:00Z');
      await wire('wire-lakeshore', 'Lakeshore Gazette', '2026-03-02T10:00:00Z');
      await wire('wire-ridgeway', 'Ridgeway Tribune', '2026-03-02T12:00:00Z');
      const cluster = (await store.getStatements('wire-quarry'))[1]!.clusterId;
      expect(await store.clusterSizes()).toEqual(new Map());
      const [only, ...rest] = await store.getCluster(cluster);
      expect(rest).toEqual([]);
      // The representative: a copy with a URL, the smallest article id; the others earliest first.
      expect(only!.articleId).toBe('wire-lakeshore');
      expect(only!.copies).toEqual([
        { statementId: 'wire-ridgeway:1', articleId: 'wire-ridgeway', outlet: 'Ridgeway Tribune' },
        { statementId: 'wire-quarry:1', articleId: 'wire-quarry', outlet: 'Quarry Hill Post' },
      ]);

      await store.upsertArticle(article('independent', { text: 'Our own report.', outlet: 'Coastal Times', published: '2026-03-01T09:00:00Z' }), [
        quote(LONG_QUOTE, 'Lindqvist-Olsen'),
      ]);
      expect([...(await store.clusterSizes()).values()]).toEqual([2]);
      const members = await store.getCluster(cluster);
      expect(members.map((m) => [m.articleId, (m.copies ?? []).map((c) => c.outlet)])).toEqual([
        ['independent', []],
        ['wire-lakeshore', ['Ridgeway Tribune', 'Quarry Hill Post']],
      ]);
      // Several clusters in one query: the same members; an unknown cluster has none.
      const lone = (await store.getStatements('wire-quarry'))[0]!.clusterId;
      const many = await store.getClusters!([cluster, lone, 'no-such-cluster']);
      expect(many.get(cluster)).toEqual(members);
      expect(many.get(lone)).toEqual(await store.getCluster(lone));
      expect(many.get('no-such-cluster')).toEqual([]);
      // The articles with the same text, per article asked for (a digest's new articles), earliest
      // stored first (stored in the same instant here: then by id).
      const copies = await store.textCopies!(['wire-ridgeway', 'independent', 'wire-quarry', 'no-such-article']);
      expect([...copies.keys()].sort()).toEqual(['wire-quarry', 'wire-ridgeway']);
      expect(copies.get('wire-ridgeway')!.map((a) => [a.id, a.outlet])).toEqual([
        ['wire-lakeshore', 'Lakeshore Gazette'],
        ['wire-quarry', 'Quarry Hill Post'],
      ]);
      expect(copies.get('wire-quarry')!.map((a) => a.id)).toEqual(['wire-lakeshore', 'wire-ridgeway']);
      expect(await store.textCopies!([])).toEqual(new Map());
      // A deleted copy is no longer named.
      await store.deleteArticle('wire-ridgeway');
      expect((await store.getCluster(cluster))[1]!.copies!.map((c) => c.articleId)).toEqual(['wire-quarry']);
      expect((await store.textCopies!(['wire-quarry'])).get('wire-quarry')!.map((a) => a.id)).toEqual(['wire-lakeshore']);
    });

    it('the sentences without a quote of syndicated copies share a cluster, one by one and in one batch', async () => {
      // Without keys each copy's sentence was a cluster (a search result, an article counted) of its own.
      const text = 'NUUKVIK (Polar Wire) - The ice shelf lost a third of its area.';
      const lines = () => [plain('The ice shelf lost a third of its area since 2010.'), quote(LONG_QUOTE, 'Aputsiaq Lindqvist-Olsen'), plain('Scientists flew over it.')];
      await store.upsertArticle(article('one-a', { text, outlet: 'Lakeshore Gazette' }), lines());
      await store.upsertArticle(article('one-b', { text, outlet: 'Ridgeway Tribune' }), lines());
      // The same sentence in another text is another report: it does not join.
      await store.upsertArticle(article('other', { text: 'Our own story.', outlet: 'Coastal Times' }), [plain('The ice shelf lost a third of its area since 2010.')]);
      expect((await store.getStatements('one-b')).map((x) => x.clusterId)).toEqual(['one-a:0', 'one-a:1', 'one-a:2']);
      expect((await store.getStatements('other'))[0]!.clusterId).toBe('other:0');
      expect(await store.clusterSizes()).toEqual(new Map());
      expect((await store.getCluster('one-a:0')).map((m) => [m.articleId, m.copies!.map((c) => c.outlet)])).toEqual([['one-a', ['Ridgeway Tribune']]]);

      // In one batch: the first of the text there is the one the others join; a stored copy wins.
      const results = await store.upsertArticles!([
        { article: article('two-a', { text: 'Another wire story.' }), statements: [plain('Ferries resumed.')] },
        { article: article('two-b', { text: 'Another wire story.' }), statements: [plain('Ferries resumed.')] },
        { article: article('one-c', { text, outlet: 'Quarry Hill Post' }), statements: lines() },
      ]);
      expect(results.map((r) => r.status)).toEqual(['added', 'added', 'added']);
      expect((await store.getStatements('two-b'))[0]!.clusterId).toBe('two-a:0');
      expect((await store.getStatements('one-c')).map((x) => x.clusterId)).toEqual(['one-a:0', 'one-a:1', 'one-a:2']);
      // The change feed carries the new statements with the cluster they joined.
      expect((await store.changesSince(0)).upserted.find((x) => x.id === 'one-c:2')?.clusterId).toBe('one-a:2');

      // The copy the others joined is deleted: they stay together.
      await store.deleteArticle('one-a');
      const left = (await store.getStatements('one-b')).map((x) => x.clusterId);
      expect((await store.getStatements('one-c')).map((x) => x.clusterId)).toEqual(left);
    });

    it('re-ingesting a changed article keeps its corroboration', async () => {
      await store.upsertArticle(article('a'), [quote(LONG_QUOTE, 'H.R. McMaster')]);
      await store.upsertArticle(article('b'), [quote(LONG_QUOTE, 'McMaster')]);
      await store.upsertArticle(article('a', { text: 'changed' }), [plain('New lead.'), quote(LONG_QUOTE, 'H.R. McMaster')]);
      const sizes = await store.clusterSizes();
      expect([...sizes.values()]).toEqual([2]);
      expect((await store.getStatements('a'))[1]!.clusterId).toBe((await store.getStatements('b'))[0]!.clusterId);
      expect((await store.getStatements('a'))[0]!.clusterId).toBe('a:0');
    });
  });

  it('a replaced or deleted statement takes its quote keys with it', async () => {
    const other = 'we are going to build a very large wall along the whole southern border, believe me';
    await store.upsertArticle(article('a'), [quote(LONG_QUOTE, 'H.R. McMaster')]);
    await store.upsertArticle(article('b'), [quote(LONG_QUOTE, 'McMaster')]);
    await store.upsertArticle(article('a', { text: 'v2' }), [quote(other, 'Donald Trump')]);
    await store.upsertArticle(article('c'), [quote(LONG_QUOTE, 'McMaster')]);
    expect(await store.clusterSizes()).toEqual(new Map([['b:0', 2]]));
    expect((await store.getStatements('a'))[0]!.clusterId).toBe('a:0');
    await store.deleteArticle('c');
    const db = (store as unknown as { db: { query(sql: string): Promise<Array<{ n: number }>> } }).db;
    const orphans = await db.query(
      `SELECT count(*)::int AS n FROM quote_keys k
       WHERE NOT EXISTS (SELECT 1 FROM statements s WHERE s.article_id = k.article_id AND s.ordinal = k.ordinal)`,
    );
    expect(orphans[0]!.n).toBe(0);
    const total = await db.query('SELECT count(DISTINCT article_id)::int AS n FROM quote_keys');
    expect(total[0]!.n).toBe(2);
  });

  it('rebuilds quote keys from the stored quotes when the key algorithm changes', async () => {
    await store.upsertArticle(article('a'), [quote(LONG_QUOTE, 'H.R. McMaster')]);
    await store.upsertArticle(article('b'), [quote(LONG_QUOTE, 'McMaster')]);
    const db = (store as unknown as { db: { query(sql: string): Promise<unknown[]> } }).db;
    await db.query('DELETE FROM quote_keys');
    await db.query("UPDATE store_meta SET value = 'an older version'");
    await store.ensureQuoteKeys();
    await store.upsertArticle(article('c'), [quote(LONG_QUOTE, 'McMaster')]);
    expect(await store.clusterSizes()).toEqual(new Map([['a:0', 3]]));
  });

  describe('speakers', () => {
    it('finds speakers by a role, as whole words, most statements first', async () => {
      await store.upsertArticle(article('a'), [
        quote('we will build the bridge', 'Anna Berg', { speakerRole: 'President' }),
        quote('the bridge will wait', 'Anna Berg', { speakerRole: 'president of the republic' }),
        quote('taxes will fall', 'Olaf Dahl', { speakerRole: 'Vice President' }),
        quote('the port is safe', 'Ivo Lund', { speakerRole: 'Port 100% director' }),
        quote('not a word', 'Pia Holm', { speakerRole: 'presidential adviser' }),
      ]);
      const found = await store.speakersWithRole('president', 5);
      expect(found.map((f) => [f.name, f.statements])).toEqual([
        ['Anna Berg', 2],
        ['Olaf Dahl', 1],
      ]);
      expect(['President', 'president of the republic']).toContain(found[0]!.role);
      expect((await store.speakersWithRole('vice president', 5)).map((f) => f.name)).toEqual(['Olaf Dahl']);
      // LIKE's wildcards are only text here.
      expect((await store.speakersWithRole('100%', 5)).map((f) => f.name)).toEqual(['Ivo Lund']);
      expect(await store.speakersWithRole('1_0%', 5)).toEqual([]);
      expect(await store.speakersWithRole('minister', 5)).toEqual([]);
    });

    it('keeps a role through a merge, and reads roles from the speakers, not every statement', async () => {
      // "McMaster" alone first (with the role), then the full name: the bare speaker is merged.
      await store.upsertArticle(article('a'), [quote('the story is false', 'McMaster', { speakerRole: 'national security adviser' })]);
      await store.upsertArticle(article('b'), [quote('i was in the room', 'H.R. McMaster')]);
      expect((await store.speakersWithRole('security adviser', 5)).map((f) => [f.name, f.role])).toEqual([['H.R. McMaster', 'national security adviser']]);
      const db = (store as unknown as { db: { query<R>(sql: string): Promise<R[]> } }).db;
      const rows = await db.query<{ roles: string[] }>("SELECT roles FROM speakers WHERE name = 'H.R. McMaster'");
      expect(rows[0]!.roles).toEqual(['national security adviser']);
    });

    it('roles follow the statements that remain: a deleted or replaced article takes the roles only it gave', async () => {
      await store.upsertArticle(article('a'), [quote('we will reopen the port on Monday', 'Ruth Calder', { speakerRole: 'harbour master' })]);
      await store.upsertArticle(article('b'), [
        quote('the lens is safe in the vault', 'Ruth Calder', { speakerRole: 'mayor of Port Vane' }),
        quote('the ferries will run again', 'Ruth Calder', { speakerRole: 'harbour master' }),
        quote('the budget is balanced', 'Bob Quill', { speakerRole: 'council treasurer' }),
      ]);
      const names = async (role: string) => (await store.speakersWithRole(role, 5)).map((f) => f.name);
      expect(await names('mayor')).toEqual(['Ruth Calder']);
      // A corrected version of b no longer calls her mayor, nor him treasurer; she is still harbour master by a.
      await store.upsertArticle(article('b', { text: 'The corrected text.' }), [
        quote('the lens is safe in the vault', 'Ruth Calder'),
        quote('the budget is balanced', 'Bob Quill', { speakerRole: 'council member' }),
      ]);
      expect(await names('mayor')).toEqual([]);
      expect(await names('treasurer')).toEqual([]);
      expect(await names('council member')).toEqual(['Bob Quill']);
      expect(await names('harbour master')).toEqual(['Ruth Calder']);
      await store.deleteArticle('a');
      expect(await names('harbour master')).toEqual([]);
      // A failed write changes no role.
      await expect(
        store.upsertArticle(article('b', { text: 'Broken.' }), [plain('New one.'), { ...plain('x'), start: 2 ** 31 }]),
      ).rejects.toThrow();
      expect(await names('council member')).toEqual(['Bob Quill']);
    });

    it('a speaker whose role list was full gets back a role the cap had left out', async () => {
      const many = Array.from({ length: 50 }, (_, i) => quote(`statement number ${i} on the harbour budget`, 'Ruth Calder', { speakerRole: `role ${100 + i}` }));
      await store.upsertArticle(article('a'), many);
      await store.upsertArticle(article('b'), [quote('the ferries will run again', 'Ruth Calder', { speakerRole: 'harbour master' })]);
      // Fifty roles are kept: the fifty-first was left out.
      expect(await store.speakersWithRole('harbour master', 5)).toEqual([]);
      await store.upsertArticle(article('a', { text: 'Shorter.' }), many.slice(0, 10));
      expect((await store.speakersWithRole('harbour master', 5)).map((f) => f.name)).toEqual(['Ruth Calder']);
      expect(await store.speakersWithRole('role 120', 5)).toEqual([]);
    });

    it('one speaker across articles: "HR McMaster" = "H.R. McMaster" = "McMaster"', async () => {
      await store.upsertArticle(article('a'), [quote('the story is false', 'HR McMaster')]);
      await store.upsertArticle(article('b'), [quote('i was in the room', 'H.R. McMaster', { speakerMention: 'McMaster' })]);
      await store.upsertArticle(article('c'), [quote('it did not happen', 'McMaster')]);
      const sp = await store.speakers();
      expect(sp).toHaveLength(1);
      expect(sp[0]!.name).toBe('HR McMaster');
      expect(sp[0]!.aliases.sort()).toEqual(['H.R. McMaster', 'McMaster']);
      expect(sp[0]!.statements).toBe(3);
      expect((await store.getStatements('c'))[0]!.speaker).toBe('HR McMaster');
    });

    it('a bare surname seen first merges into the full name when it arrives', async () => {
      await store.upsertArticle(article('a'), [quote('we are looking into it', 'Haley')]);
      expect((await store.speakers()).map((s) => s.name)).toEqual(['Haley']);
      const seq = await store.currentSeq();
      await store.upsertArticle(article('b'), [quote('we will not stand by', 'Nikki Haley')]);
      const sp = await store.speakers();
      expect(sp).toEqual([{ name: 'Nikki Haley', aliases: ['Haley'], statements: 2 }]);
      expect((await store.getStatements('a'))[0]!.speaker).toBe('Nikki Haley');
      // The statement whose speaker changed is in the change feed.
      expect((await store.changesSince(seq)).upserted.map((s) => s.id).sort()).toEqual(['a:0', 'b:0']);
    });

    it('a bare name and its full name in one article, after the bare one was stored alone', async () => {
      await store.upsertArticle(article('a'), [quote('we are looking into it', 'Haley')]);
      await store.upsertArticle(article('b'), [quote('we will not stand by', 'Haley'), quote('nor will we wait', 'Nikki Haley')]);
      expect(await store.speakers()).toEqual([{ name: 'Nikki Haley', aliases: ['Haley'], statements: 3 }]);
      expect((await store.getStatements('b')).map((s) => s.speaker)).toEqual(['Nikki Haley', 'Nikki Haley']);
    });

    it('an ambiguous surname is not guessed', async () => {
      await store.upsertArticle(article('a'), [quote('one thing', 'John Smith'), quote('another thing', 'Jane Smith')]);
      await store.upsertArticle(article('b'), [quote('a third thing', 'Smith')]);
      const names = (await store.speakers()).map((s) => s.name).sort();
      expect(names).toEqual(['Jane Smith', 'John Smith', 'Smith']);
    });

    it('middle initials and honorifics do not make a new speaker; pronoun mentions are not aliases', async () => {
      await store.upsertArticle(article('a'), [quote('great deal', 'Donald Trump', { speakerMention: 'he' })]);
      await store.upsertArticle(article('b'), [quote('great intel', 'Donald J. Trump', { speakerMention: 'Trump' })]);
      const sp = await store.speakers();
      expect(sp).toEqual([{ name: 'Donald Trump', aliases: ['Donald J. Trump', 'Trump'], statements: 2 }]);
    });

    it('descriptions are not names: "officials" is not "former US officials"', async () => {
      await store.upsertArticle(article('a'), [quote('it was a big mistake', 'former US officials', { speakerMention: 'Officials' })]);
      await store.upsertArticle(article('b'), [quote('we saw nothing wrong', 'officials')]);
      const sp = await store.speakers();
      // "officials" is a generic description: no corpus-wide speaker, its own words kept.
      expect(sp.map((s) => [s.name, s.aliases])).toEqual([['former US officials', []]]);
      expect((await store.getStatements('b'))[0]!.speaker).toBe('officials');
    });

    it('generic descriptions are never merged across articles nor into a longer description', async () => {
      await store.upsertArticle(article('a', { text: 'Officials said so.' }), [quote('it was a big mistake', 'Officials')]);
      await store.upsertArticle(article('b', { text: 'Former US officials said so.' }), [quote('we saw nothing wrong', 'former US officials', { speakerMention: 'Officials' })]);
      await store.upsertArticle(article('c', { text: 'Critics said so; officials agreed.' }), [
        quote('a disgrace', 'Critics'),
        quote('nothing to see', 'officials'),
        quote('we were right', 'a senior official'),
      ]);
      await store.upsertArticle(article('d', { text: 'A senior official said so.' }), [quote('all fine', 'a senior official')]);
      const speakerOf = async (id: string) => (await store.getStatements(id)).map((s) => s.speaker);
      expect(await speakerOf('a')).toEqual(['Officials']);
      expect(await speakerOf('b')).toEqual(['former US officials']);
      expect(await speakerOf('c')).toEqual(['Critics', 'officials', 'a senior official']);
      expect(await speakerOf('d')).toEqual(['a senior official']);
      expect(await store.speakers()).toEqual([{ name: 'former US officials', aliases: [], statements: 1 }]);
      // Person names still merge across articles.
      await store.upsertArticle(article('e'), [quote('great intel', 'H.R. McMaster')]);
      await store.upsertArticle(article('f', { text: 'McMaster said so.' }), [quote('not true', 'McMaster')]);
      expect((await store.speakers()).find((s) => s.name === 'H.R. McMaster')?.statements).toBe(2);
    });

    it('speakers with no statements left are not listed', async () => {
      await store.upsertArticle(article('a'), [quote('great deal', 'Rex Tillerson')]);
      await store.deleteArticle('a');
      expect(await store.speakers()).toEqual([]);
    });

    it('a group speaker ("Ruth Calder and Bob Quill") has as members the known speakers it names, when each part is known or a full name', async () => {
      const groupsOf = async () =>
        Object.fromEntries((await store.speakers()).filter((s) => s.members).map((s) => [s.name, s.members]));
      await store.upsertArticle(article('a'), [
        quote('the lens is safe in the vault tonight', 'Ruth Calder'),
        quote('I saw the emails myself last week', 'Bob Quill'),
      ]);
      await store.upsertArticle(article('b'), [
        quote('we will reopen the port on Monday', 'Ruth Calder and Bob Quill'),
        quote('the ferries will resume soon enough', 'Calder and Quill'),
        quote('prices will rise in the next quarter', 'Procter & Gamble'),
        quote('the vote was fair and square', 'Ruth Calder and Tom Vane'),
        quote('the toll will double in spring', 'Quill & Quill'),
      ]);
      // Tom Vane is a full name, if nobody quoted alone: the group is Ruth Calder's. "Procter" and
      // "Gamble", "Quill & Quill" name nobody known: no group at all.
      expect(await groupsOf()).toEqual({
        'Ruth Calder and Bob Quill': ['Bob Quill', 'Ruth Calder'],
        'Calder and Quill': ['Bob Quill', 'Ruth Calder'],
        'Ruth Calder and Tom Vane': ['Ruth Calder'],
      });
      // A member whose first statement of their own comes later is one from then on.
      await store.upsertArticle(article('c'), [quote('nobody asked me about the vote', 'Tom Vane')]);
      expect((await groupsOf())['Ruth Calder and Tom Vane']).toEqual(['Ruth Calder', 'Tom Vane']);
      // And not once they have none left; a bare surname two people come to share names neither.
      await store.deleteArticle('c');
      await store.upsertArticle(article('d'), [quote('the harbour is my whole life now', 'Jo Calder')]);
      expect(await groupsOf()).toEqual({
        'Ruth Calder and Bob Quill': ['Bob Quill', 'Ruth Calder'],
        'Ruth Calder and Tom Vane': ['Ruth Calder'],
      });
    });

    it('a store written before groups were recorded records them once, at start', async () => {
      await store.upsertArticle(article('a'), [quote('the lens is safe in the vault tonight', 'Ruth Calder'), quote('I saw the emails myself', 'Bob Quill')]);
      await store.upsertArticle(article('b'), [quote('we will reopen the port on Monday', 'Ruth Calder and Bob Quill')]);
      const db = (store as unknown as { db: Driver }).db;
      await db.query('DELETE FROM speaker_group_parts');
      await db.query("UPDATE store_meta SET value = 'shared-surnames-v1' WHERE key = 'speaker_rules'");
      expect((await store.speakers()).some((s) => s.members)).toBe(false);
      const seq = await store.currentSeq();
      await store.ensureSpeakerRules();
      expect((await store.speakers()).find((s) => s.name === 'Ruth Calder and Bob Quill')?.members).toEqual(['Bob Quill', 'Ruth Calder']);
      // Nothing a statement shows changed: no entry in the change feed.
      expect(await store.currentSeq()).toBe(seq);
    });
  });

  describe('change feed', () => {
    it('every change bumps the sequence; changesSince says what changed; listeners hear it', async () => {
      const heard: number[] = [];
      const off = store.onChange((seq) => heard.push(seq));
      expect(await store.currentSeq()).toBe(0);
      expect(await store.changesSince(0)).toEqual({ seq: 0, upserted: [], removed: [], clusterSizes: new Map() });
      const r1 = await store.upsertArticle(article('a'), [plain('One.'), plain('Two.')]);
      const r2 = await store.upsertArticle(article('b'), [plain('Three.')]);
      expect(r2.seq).toBeGreaterThan(r1.seq);
      expect(heard).toEqual([r1.seq, r2.seq]);
      const all = await store.changesSince(0);
      expect(all.seq).toBe(r2.seq);
      expect(all.upserted.map((s) => s.id).sort()).toEqual(['a:0', 'a:1', 'b:0']);
      const tail = await store.changesSince(r1.seq);
      expect(tail.upserted.map((s) => s.id)).toEqual(['b:0']);
      expect(tail.clusterSizes.get('b:0')).toBe(1);
      expect(await store.changesSince(r2.seq)).toEqual({ seq: r2.seq, upserted: [], removed: [], clusterSizes: new Map() });
      off();
      await store.deleteArticle('b');
      expect(heard).toHaveLength(2);
      const del = await store.changesSince(r2.seq);
      expect(del).toMatchObject({ upserted: [], removed: ['b:0'] });
    });

    it('an unchanged upsert is not a change', async () => {
      const heard: number[] = [];
      store.onChange((s) => heard.push(s));
      await store.upsertArticle(article('a'), [plain('One.')]);
      await store.upsertArticle(article('a'), [plain('One.')]);
      expect(heard).toHaveLength(1);
    });
  });

  describe('event claims', () => {
    const TTL = 15 * 60 * 1000;

    it('a key is claimed once within its time to live, then can be claimed again', async () => {
      expect(await store.claimEvent('slack:event:Ev1', TTL)).toBe(true);
      expect(await store.claimEvent('slack:event:Ev1', TTL)).toBe(false);
      expect(await store.claimEvent('slack:event:Ev2', TTL)).toBe(true);
      clock.advance(TTL - 1000);
      expect(await store.claimEvent('slack:event:Ev1', TTL)).toBe(false);
      clock.advance(2000);
      expect(await store.claimEvent('slack:event:Ev1', TTL)).toBe(true);
      expect(await store.claimEvent('slack:event:Ev1', TTL)).toBe(false);
    });

    it('expired claims are pruned as new ones arrive, so the table stays bounded', async () => {
      for (let i = 0; i < 20; i++) await store.claimEvent(`old:${i}`, TTL);
      clock.advance(TTL + 1000);
      const db = (store as unknown as { db: { query(sql: string): Promise<Array<{ n: number }>> } }).db;
      const count = async () => (await db.query('SELECT count(*)::int AS n FROM event_claims'))[0]!.n;
      expect(await count()).toBe(20);
      // A prune runs every 500 claims.
      for (let i = 0; i < 500; i++) await store.claimEvent(`new:${i}`, TTL);
      expect(await count()).toBeLessThanOrEqual(500);
      expect(await store.claimEvent('new:3', TTL)).toBe(false);
    });
  });

  describe('interaction states', () => {
    const TTL = 24 * 60 * 60 * 1000;
    const state = { command: 'quote', args: { query: 'the meeting', exact: true, limit: 5 }, nested: { list: ['a', 'b'] } };

    it('keeps a state for its time to live, for another reader of the same database', async () => {
      await store.saveInteractionState('discord:page:abc', state, TTL);
      expect(await store.loadInteractionState('discord:page:abc')).toEqual(state);
      expect(await store.loadInteractionState('discord:page:other')).toBeUndefined();
      clock.advance(TTL - 1000);
      expect(await store.loadInteractionState('discord:page:abc')).toEqual(state);
      clock.advance(2000);
      expect(await store.loadInteractionState('discord:page:abc')).toBeUndefined();
    });

    it('a key saved again is replaced, with a fresh time to live', async () => {
      await store.saveInteractionState('k', { v: 1 }, 1000);
      clock.advance(900);
      await store.saveInteractionState('k', { v: 2 }, 1000);
      clock.advance(900);
      expect(await store.loadInteractionState('k')).toEqual({ v: 2 });
    });

    it('expired states are pruned as new ones arrive, so the table stays bounded', async () => {
      for (let i = 0; i < 20; i++) await store.saveInteractionState(`old:${i}`, { i }, 1000);
      clock.advance(2000);
      const db = (store as unknown as { db: { query(sql: string): Promise<Array<{ n: number }>> } }).db;
      const count = async (prefix: string) =>
        (await db.query(`SELECT count(*)::int AS n FROM interaction_states WHERE key LIKE '${prefix}%'`))[0]!.n;
      expect(await count('old:')).toBe(20);
      // A prune runs every 500 saves.
      for (let i = 0; i < 500; i++) await store.saveInteractionState(`new:${i}`, { i }, TTL);
      expect(await count('old:')).toBe(0);
      expect(await count('new:')).toBe(500);
      expect(await store.loadInteractionState('new:3')).toEqual({ i: 3 });
    });
  });

  describe('digests', () => {
    const sub = {
      platform: 'slack' as const,
      channelId: 'C1',
      teamId: 'T1',
      cron: '0 9 * * *',
      schedule: 'daily 09:00',
      timezone: 'Europe/London',
      createdBy: 'U1',
    };

    it('subscriptions are added, listed by channel and removed', async () => {
      const a = await store.addSubscription(sub);
      const b = await store.addSubscription({ ...sub, platform: 'discord', channelId: '42', teamId: null, fromConfig: true });
      expect(a).toEqual({ ...sub, id: a.id, fromConfig: false, createdAt: clock.now().toISOString() });
      expect(b).toMatchObject({ platform: 'discord', teamId: null, fromConfig: true });
      expect((await store.listSubscriptions()).map((s) => s.id)).toEqual([a.id, b.id]);
      expect((await store.listSubscriptions({ platform: 'slack' })).map((s) => s.id)).toEqual([a.id]);
      expect((await store.listSubscriptions({ platform: 'slack', channelId: 'C2' }))).toEqual([]);
      expect(await store.removeSubscription(a.id)).toBe(true);
      expect(await store.removeSubscription(a.id)).toBe(false);
      expect((await store.listSubscriptions()).map((s) => s.id)).toEqual([b.id]);
    });

    it('a slot is claimed once; runs are recorded; the last (posted) run is found', async () => {
      const s = await store.addSubscription(sub);
      const slot1 = new Date('2026-03-02T09:00:00Z');
      const slot2 = new Date('2026-03-03T09:00:00Z');
      expect(await store.claimDigestSlot(s.id, slot1)).toBe(true);
      expect(await store.claimDigestSlot(s.id, slot1)).toBe(false);
      expect(await store.lastDigestRun(s.id)).toBeNull(); // claimed, not finished
      await store.recordDigestRun({ subscriptionId: s.id, slot: slot1, status: 'posted', coveredUntil: slot1, attempts: 1 });
      expect(await store.claimDigestSlot(s.id, slot2)).toBe(true);
      await store.recordDigestRun({ subscriptionId: s.id, slot: slot2, status: 'failed', coveredUntil: slot2, attempts: 3, error: 'channel_not_found' });
      expect(await store.lastDigestRun(s.id)).toEqual({
        subscriptionId: s.id,
        slot: slot2,
        status: 'failed',
        coveredUntil: slot2,
        attempts: 3,
        error: 'channel_not_found',
        finishedAt: clock.now().toISOString(),
        claimedAt: clock.now().toISOString(),
      });
      expect(await store.lastDigestRun(s.id, { postedOnly: true })).toMatchObject({ slot: slot1, status: 'posted', error: null });
      expect(await store.claimDigestSlot(9999, slot1)).toBe(false); // no such subscription
      await store.removeSubscription(s.id);
      expect(await store.lastDigestRun(s.id)).toBeNull();
    });
  });
}
