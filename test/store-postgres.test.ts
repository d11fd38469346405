import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.js';
import type { SqlStore } from '../src/store/index.js';
import { loadMigrations } from '../src/store/migrate.js';
import { createTestDatabase, testDatabaseSkipReason, testDatabaseUrl } from './setup/pg.js';
import { article, plain, quote, reusingEngine, storeBehaviour } from './store-suite.js';

const url = testDatabaseUrl();
if (!url) console.log(`store-postgres: skipped: ${testDatabaseSkipReason()}`);

describe.skipIf(!url)('store on PostgreSQL', () => {
  const drops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const d of drops) await d().catch(() => undefined);
  });
  const freshDatabase = async (): Promise<string> => {
    const db = await createTestDatabase(url);
    drops.push(db.drop);
    return db.url;
  };

  describe('behaviour', () => {
    const engine = reusingEngine(async () => openStore({ databaseUrl: await freshDatabase() }));
    afterAll(() => engine.closeAll());
    storeBehaviour(engine);
  });

  it('says clearly when the server cannot be reached, without the password', async () => {
    const bad = new URL(url);
    bad.password = 'hunter2';
    bad.pathname = '/factbot_no_such_database';
    await expect(openStore({ databaseUrl: bad.toString() })).rejects.toThrow(/Cannot reach the PostgreSQL server at .*\*\*\*.*factbot_no_such_database/);
    await expect(openStore({ databaseUrl: bad.toString() })).rejects.not.toThrow(/hunter2/);
  });

  describe('two processes on one database', () => {
    let dbUrl: string;
    let a: SqlStore;
    let b: SqlStore;
    beforeAll(async () => {
      dbUrl = await freshDatabase();
      // Both start at once: the advisory lock lets one migrate while the other waits.
      [a, b] = await Promise.all([openStore({ databaseUrl: dbUrl }), openStore({ databaseUrl: dbUrl })]);
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
    });

    it('migrations are applied once', async () => {
      expect(a.engine).toBe('postgres');
      const c = await openStore({ databaseUrl: dbUrl });
      await c.close();
      const rows = await (a as unknown as { db: { query(sql: string): Promise<Array<{ n: number }>> } }).db.query(
        'SELECT count(*)::int AS n FROM schema_migrations',
      );
      expect(rows[0]!.n).toBe(loadMigrations().length);
    });

    it('an event claimed by both at once goes to exactly one of them', async () => {
      const tries = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).claimEvent('slack:event:EvRACE', 60_000)));
      expect(tries.filter(Boolean)).toHaveLength(1);
      expect(await a.claimEvent('slack:event:EvRACE', 60_000)).toBe(false);
      expect(await b.claimEvent('slack:event:EvRACE', 60_000)).toBe(false);
    });

    it("one process hears the other's ingest through LISTEN/NOTIFY and reads it from the feed", async () => {
      const since = await b.currentSeq();
      const heard = new Promise<number>((resolve) => {
        const off = b.onChange((seq) => {
          off();
          resolve(seq);
        });
      });
      const r = await a.upsertArticle(article('shared-1'), [quote('we will never abandon our allies in the region', 'H.R. McMaster')]);
      const seq = await Promise.race([heard, new Promise<number>((_, rej) => setTimeout(() => rej(new Error('no notification within 1 s')), 1000))]);
      expect(seq).toBe(r.seq);
      const batch = await b.changesSince(since);
      expect(batch.upserted.map((s) => s.id)).toEqual(['shared-1:0']);
    });

    it('a dropped LISTEN connection reconnects and catches up', async () => {
      const admin = (a as unknown as { db: { query(sql: string): Promise<Array<{ n: number }>> } }).db;
      const killed = await admin.query(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND query ILIKE 'LISTEN%'`,
      );
      expect(killed[0]!.n).toBe(2); // both stores' listeners
      await new Promise((r) => setTimeout(r, 100));
      const heard = new Promise<number>((resolve) => {
        const off = b.onChange((seq) => {
          off();
          resolve(seq);
        });
      });
      const r = await a.upsertArticle(article('after-drop'), [plain('Heard after a reconnect.')]);
      const seq = await Promise.race([heard, new Promise<number>((_, rej) => setTimeout(() => rej(new Error('not heard within 5 s')), 5000))]);
      expect(seq).toBe(r.seq);
    });

    it('concurrent ingests from both processes keep the sequence gap-free and clusters whole', async () => {
      const q = 'the President and the foreign minister reviewed a range of common threats to both countries';
      await Promise.all([
        ...Array.from({ length: 6 }, (_, i) => a.upsertArticle(article(`pa-${i}`), [quote(q, 'H.R. McMaster'), plain(`A ${i}.`)])),
        ...Array.from({ length: 6 }, (_, i) => b.upsertArticle(article(`pb-${i}`), [quote(q, 'McMaster'), plain(`B ${i}.`)])),
      ]);
      const sizes = [...(await a.clusterSizes()).values()];
      expect(sizes).toEqual([12]);
      expect((await b.speakers()).find((s) => s.name === 'H.R. McMaster')?.statements).toBeGreaterThanOrEqual(12);
      const feed = await b.changesSince(0);
      expect(feed.seq).toBe(await a.currentSeq());
      expect(new Set(feed.upserted.map((s) => s.articleId)).size).toBe(await a.countArticles());
    });

    it('a digest slot claimed from both processes at once is won by exactly one', async () => {
      const sub = await a.addSubscription({
        platform: 'slack', channelId: 'C9', cron: '*/5 * * * *', schedule: 'every 5 min', timezone: 'UTC', createdBy: 'U1',
      });
      for (let i = 0; i < 5; i++) {
        const slot = new Date(Date.UTC(2026, 2, 1, 9, i * 5));
        const wins = await Promise.all([a.claimDigestSlot(sub.id, slot), b.claimDigestSlot(sub.id, slot), a.claimDigestSlot(sub.id, slot), b.claimDigestSlot(sub.id, slot)]);
        expect(wins.filter(Boolean)).toHaveLength(1);
      }
      expect((await b.listSubscriptions({ channelId: 'C9' })).map((s) => s.id)).toEqual([sub.id]);
    });
  });
});
