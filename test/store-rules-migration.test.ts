import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { openStore, SqlStore } from '../src/store/index.js';
import { pgDriver } from '../src/store/driver-pg.js';
import { pgliteDriver } from '../src/store/driver-pglite.js';
import type { Driver, Queryable } from '../src/store/driver.js';
import { createTestDatabase, testDatabaseSkipReason, testDatabaseUrl } from './setup/pg.js';
import { article, quote } from './store-suite.js';
import { clusterOf, dbOf, NO_PLANS, PLANS, writeOldClusters, writeOldSpeakers } from './helpers/old-rules.js';
import { reclusterMembers } from '../src/store/clusters.js';

/**
 * Stores written under older clustering and speaker rules are corrected when they start, from the
 * stored statements, without re-ingesting: on PGlite (a data folder reopened) and on PostgreSQL
 * (a database reopened). Each test writes the store with the current code, rewrites rows as the
 * old rule had them (and the old version stamp), then starts the store again.
 */


interface Place {
  open(): Promise<SqlStore>;
  /** The same database through a driver of its own, for a store started by hand (the crash test). */
  driver(): Promise<Driver>;
  drop(): Promise<void>;
}

/** One PGlite folder for the file, emptied for each test: creating one writes ~40 MB. */
let pgliteDir: string | null = null;
afterAll(() => {
  if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
});

async function pglitePlace(): Promise<Place> {
  const dir = (pgliteDir ??= mkdtempSync(join(tmpdir(), 'factbot-rules-')));
  let emptied = false;
  return {
    async open() {
      const store = await openStore({ dataDir: dir });
      if (!emptied) {
        emptied = true;
        await dbOf(store).exec('TRUNCATE statements, quote_keys, speaker_aliases, speakers, articles, changes RESTART IDENTITY CASCADE');
      }
      return store;
    },
    // The folder's database without a store: openStore would start it, and the start migrates.
    driver: async () => pgliteDriver(await PGlite.create(join(dir, 'db', 'pgdata'))),
    async drop() {},
  };
}

async function postgresPlace(url: string): Promise<Place> {
  const db = await createTestDatabase(url);
  return {
    open: () => openStore({ databaseUrl: db.url }),
    driver: async () => pgDriver(db.url),
    drop: db.drop,
  };
}

describe('re-clustering one stored cluster (reclusterMembers)', () => {
  const m = (id: string, quote: string | null) => ({ id, quote });
  it('leaves a cluster whose quotes all agree as it is, whatever order they came in', () => {
    // A short excerpt first, then two long versions that agree: joined at ingest through each other.
    expect(reclusterMembers('a:0', [m('a:0', NO_PLANS.slice(40)), m('b:0', NO_PLANS), m('c:0', NO_PLANS.toUpperCase())]).size).toBe(0);
  });
  it('the part holding the statement the cluster is named after keeps the name; another part is named after its first member', () => {
    const members = [m('x:0', PLANS), m('a:0', NO_PLANS), m('y:0', PLANS.toLowerCase()), m('b:0', NO_PLANS)];
    expect(Object.fromEntries(reclusterMembers('a:0', members))).toEqual({ 'x:0': 'x:0', 'y:0': 'x:0' });
  });
  it('never names a part after a statement that already names another cluster; with no free name it stays', () => {
    const members = [m('a:0', NO_PLANS), m('x:0', PLANS), m('y:0', PLANS)];
    expect(Object.fromEntries(reclusterMembers('a:0', members, new Set(['x:0'])))).toEqual({ 'x:0': 'y:0', 'y:0': 'y:0' });
    expect(reclusterMembers('a:0', members, new Set(['x:0', 'y:0'])).size).toBe(0);
  });
});

function rulesMigration(name: string, place: () => Promise<Place>): void {
  describe(name, () => {
    let at: Place | null = null;
    const open: Array<{ close(): Promise<void> }> = [];
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close().catch(() => undefined);
      await at?.drop();
      at = null;
    });
    const start = async (): Promise<SqlStore> => {
      const s = await at!.open();
      open.push(s);
      return s;
    };

    it('splits clusters merged by the old rule at start, through the change feed; a second start changes nothing', async () => {
      at = await place();
      const old = await start();
      await writeOldClusters(old);
      expect(await old.clusterSizes()).toEqual(new Map([['c1:0', 4], ['m1:0', 2], ['s1:0', 2]]));
      const before = await old.currentSeq();
      const count = await old.countStatements();
      await old.close();

      const s = await start();
      // "we have plans" and "$40 million" are quotes of their own; the excerpt stays with the first version.
      expect(await clusterOf(s, 'c2')).toBe('c1:0');
      expect(await clusterOf(s, 'c4')).toBe('c1:0');
      expect(await clusterOf(s, 'c3')).toBe('c3:0');
      expect(await clusterOf(s, 'm2')).toBe('m2:0');
      expect(await clusterOf(s, 's2')).toBe('s1:0');
      expect(await s.clusterSizes()).toEqual(new Map([['c1:0', 3], ['s1:0', 2]]));
      expect(await s.countStatements()).toBe(count);
      expect((await s.getStatements('c3'))[0]).toMatchObject({ quote: PLANS, speaker: 'Ruth Calder' });
      // The statements moved, and the new sizes of every cluster involved, for the index.
      const feed = await s.changesSince(before);
      expect(feed.seq).toBe(before + 1);
      expect(feed.upserted.map((x) => [x.id, x.clusterId]).sort()).toEqual([['c3:0', 'c3:0'], ['m2:0', 'm2:0']]);
      expect(feed.removed).toEqual([]);
      expect(Object.fromEntries(feed.clusterSizes)).toEqual({ 'c1:0': 3, 'c3:0': 1, 'm1:0': 1, 'm2:0': 1 });
      const after = await s.currentSeq();
      await s.close();

      const again = await start();
      expect(await again.currentSeq()).toBe(after);
      expect(await again.clusterSizes()).toEqual(new Map([['c1:0', 3], ['s1:0', 2]]));
      expect(await clusterOf(again, 'c3')).toBe('c3:0');
    });

    it('joins the sentences of syndicated copies stored before the rule, through the change feed', async () => {
      at = await place();
      const old = await start();
      const text = 'NUUKVIK (Polar Wire) - The ice shelf lost a third of its area.';
      const lines = () => [{ ...quote(NO_PLANS, 'Ruth Calder'), kind: 'statement' as const, quote: null, speaker: null, speakerMention: null, cue: null }, quote(PLANS, 'Ruth Calder')];
      await old.upsertArticle(article('w1', { text }), lines());
      await old.upsertArticle(article('w2', { text }), lines());
      await old.upsertArticle(article('w3', { text }), lines());
      const db = dbOf(old);
      // As the rule before left them: each copy's sentence its own cluster.
      await db.query("UPDATE statements SET cluster_id = article_id || ':' || ordinal WHERE quote IS NULL");
      await db.query("UPDATE store_meta SET value = 'compatible-quotes-v1' WHERE key = 'cluster_rules'");
      const before = await old.currentSeq();
      await old.close();

      const s = await start();
      for (const id of ['w1', 'w2', 'w3']) expect((await s.getStatements(id)).map((x) => x.clusterId)).toEqual(['w1:0', 'w1:1']);
      const feed = await s.changesSince(before);
      expect(feed.upserted.map((x) => [x.id, x.clusterId]).sort()).toEqual([['w2:0', 'w1:0'], ['w3:0', 'w1:0']]);
      expect((await s.getCluster('w1:0'))[0]!.copies!.map((c) => c.articleId)).toEqual(['w2', 'w3']);
      const after = await s.currentSeq();
      await s.close();
      const again = await start();
      expect(await again.currentSeq()).toBe(after);
    });

    it('a start that fails half-way leaves the old clusters and the old stamp; the next start finishes', async () => {
      at = await place();
      const old = await start();
      await writeOldClusters(old);
      const before = await old.currentSeq();
      await old.close();

      // The stamp is the transaction's last write: failing it fails everything before it.
      const driver = await at.driver();
      const failing: Driver = {
        ...driver,
        transaction: (fn) =>
          driver.transaction((tx) =>
            fn({
              exec: (sql) => tx.exec(sql),
              query: (sql, params) =>
                /INSERT INTO store_meta/.test(sql) && params?.[0] === 'cluster_rules' ? Promise.reject(new Error('crash')) : tx.query(sql, params),
            } satisfies Queryable),
          ),
      };
      await expect(new SqlStore(failing, () => new Date()).ensureClusterRules()).rejects.toThrow('crash');
      const stamp = await driver.query("SELECT value FROM store_meta WHERE key = 'cluster_rules'");
      const merged = await driver.query("SELECT count(*)::int AS n FROM statements WHERE cluster_id = 'c1:0'");
      const seq = await driver.query<{ n: number }>('SELECT max(seq)::int AS n FROM changes');
      await driver.close();
      expect(stamp).toEqual([]);
      expect(merged).toEqual([{ n: 4 }]);
      expect(Number(seq[0]!.n)).toBe(before);

      const s = await start();
      expect(await s.clusterSizes()).toEqual(new Map([['c1:0', 3], ['s1:0', 2]]));
    });

    it('gives a bare surname merged into one of two people sharing it back to a speaker of its own; statements keep their ids', async () => {
      at = await place();
      const old = await start();
      await writeOldSpeakers(old);
      expect((await old.getStatements('bare'))[0]!.speaker).toBe('Tom Reed');
      const before = await old.currentSeq();
      await old.close();

      const s = await start();
      expect(Object.fromEntries((await s.speakers()).map((x) => [x.name, x.statements]))).toEqual({ Reed: 1, 'Tom Reed': 1, 'Jo Reed': 1 });
      expect((await s.getStatements('bare')).map((x) => [x.id, x.speaker])).toEqual([['bare:0', 'Reed']]);
      expect((await s.speakers()).find((x) => x.name === 'Tom Reed')!.aliases).toEqual([]);
      const feed = await s.changesSince(before);
      expect(feed.upserted.map((x) => [x.id, x.speaker])).toEqual([['bare:0', 'Reed']]);
      // A bare "Reed" arriving now is neither's either.
      await s.upsertArticle(article('bare2'), [quote('The survey starts on Friday', 'Reed')]);
      expect((await s.getStatements('bare2'))[0]!.speaker).toBe('Reed');
      const after = await s.currentSeq();
      await s.close();

      const again = await start();
      expect(await again.currentSeq()).toBe(after);
      expect(Object.fromEntries((await again.speakers()).map((x) => [x.name, x.statements]))).toEqual({ Reed: 2, 'Tom Reed': 1, 'Jo Reed': 1 });
    });
  });
}

rulesMigration('stored rules migration on PGlite', pglitePlace);

const url = testDatabaseUrl();
if (!url) console.log(`store-rules-migration: PostgreSQL skipped: ${testDatabaseSkipReason()}`);
if (url) rulesMigration('stored rules migration on PostgreSQL', () => postgresPlace(url));

describe.skipIf(!url)('stored rules migration on PostgreSQL, two processes starting at once', () => {
  it('corrects the store once: the second waits for the write lock, then finds the stamps', async () => {
    const place = await postgresPlace(url);
    try {
      const old = await place.open();
      await writeOldClusters(old);
      await writeOldSpeakers(old);
      const before = await old.currentSeq();
      await old.close();
      const [a, b] = await Promise.all([place.open(), place.open()]);
      try {
        // One change for the speakers, one for the clusters, whoever ran them.
        expect(await a.currentSeq()).toBe(before + 2);
        expect(await b.clusterSizes()).toEqual(new Map([['c1:0', 3], ['s1:0', 2]]));
        expect((await b.getStatements('bare'))[0]!.speaker).toBe('Reed');
      } finally {
        await a.close();
        await b.close();
      }
    } finally {
      await place.drop();
    }
  });
});
