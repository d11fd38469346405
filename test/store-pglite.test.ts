import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, StoreLockedError } from '../src/store/index.js';
import { loadMigrations } from '../src/store/migrate.js';
import { article, plain, quote, reusingEngine, storeBehaviour } from './store-suite.js';

describe('store on PGlite (in memory)', () => {
  const engine = reusingEngine(() => openStore({ memory: true }));
  afterAll(() => engine.closeAll());
  storeBehaviour(engine);
});

describe('store on PGlite (on disk)', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'factbot-store-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('keeps everything across a reopen, under <dataDir>/db, applying migrations once', async () => {
    const dir = tempDir();
    const s1 = await openStore({ dataDir: dir });
    expect(s1.engine).toBe('pglite');
    await s1.upsertArticle(article('a'), [quote('we will never abandon our allies in the region', 'H.R. McMaster')]);
    const sub = await s1.addSubscription({
      platform: 'discord', channelId: '1', cron: '0 9 * * *', schedule: 'daily 09:00', timezone: 'UTC', createdBy: 'u',
    });
    const seq = await s1.currentSeq();
    await s1.close();

    const s2 = await openStore({ dataDir: dir });
    try {
      expect(await s2.countStatements()).toBe(1);
      expect(await s2.currentSeq()).toBe(seq);
      expect((await s2.listSubscriptions()).map((s) => s.id)).toEqual([sub.id]);
      expect((await s2.speakers())[0]!.name).toBe('H.R. McMaster');
      expect((await s2.upsertArticle(article('a'), [quote('we will never abandon our allies in the region', 'H.R. McMaster')])).status).toBe('unchanged');
      const migrations = await (s2 as unknown as { db: { query(sql: string): Promise<Array<{ n: number }>> } }).db.query(
        'SELECT count(*)::int AS n FROM schema_migrations',
      );
      expect(migrations[0]!.n).toBe(loadMigrations().length);
    } finally {
      await s2.close();
    }
  });

  it('refuses a second process-level open of the same folder with a clear error', async () => {
    const dir = tempDir();
    const s1 = await openStore({ dataDir: dir });
    try {
      await expect(openStore({ dataDir: dir })).rejects.toBeInstanceOf(StoreLockedError);
      await expect(openStore({ dataDir: dir })).rejects.toThrow(/DATABASE_URL/);
    } finally {
      await s1.close();
    }
    const s2 = await openStore({ dataDir: dir });
    await s2.upsertArticle(article('b'), [plain('Still works.')]);
    await s2.close();
  });

  it('takes over a lock left by a process that is gone (or by an earlier run with our pid)', async () => {
    const dir = tempDir();
    const s1 = await openStore({ dataDir: dir });
    await s1.upsertArticle(article('a'), [plain('Kept.')]);
    await s1.close();
    for (const pid of [2 ** 22 + 12345, process.pid]) {
      writeFileSync(join(dir, 'db', 'lock'), String(pid));
      const s = await openStore({ dataDir: dir });
      expect(await s.countArticles()).toBe(1);
      await s.close();
    }
  });
});
