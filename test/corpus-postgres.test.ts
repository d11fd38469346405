import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.js';
import type { Store } from '../src/store/types.js';
import { createCorpus, type CorpusRuntime } from '../src/corpus/index.js';
import { createTestDatabase, testDatabaseSkipReason, testDatabaseUrl } from './setup/pg.js';
import { SEED_DIR } from './helpers/corpus.js';

/**
 * Two bot processes sharing one PostgreSQL corpus: what one ingests, the other's index finds,
 * through the store's change feed (LISTEN/NOTIFY), without a restart.
 */
const url = testDatabaseUrl();
if (!url) console.log(`corpus-postgres: skipped: ${testDatabaseSkipReason()}`);

describe.skipIf(!url)('corpus on PostgreSQL, two processes', () => {
  let drop: () => Promise<void>;
  let stores: Store[] = [];
  let a: CorpusRuntime;
  let b: CorpusRuntime;
  beforeAll(async () => {
    const db = await createTestDatabase(url!);
    drop = db.drop;
    stores = [await openStore({ databaseUrl: db.url }), await openStore({ databaseUrl: db.url })];
    a = await createCorpus({ store: stores[0]! });
    b = await createCorpus({ store: stores[1]! });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    for (const s of stores) await s.close().catch(() => undefined);
    await drop?.().catch(() => undefined);
  });

  it('an article loaded by one corpus is found by the other', async () => {
    expect((await b.search("it didn't happen", { limit: 3 })).results).toHaveLength(0);
    const report = await a.syncDataDir(SEED_DIR);
    expect(report.added).toBe(3);
    let top;
    for (let i = 0; i < 100 && !top; i++) {
      top = (await b.search("it didn't happen", { limit: 3 })).results[0];
      if (!top) await new Promise((r) => setTimeout(r, 100));
    }
    expect(top?.statement.speaker).toMatch(/McMaster/);
    expect((await b.resolveSpeaker('mcmaster'))).toMatch(/McMaster/);
  });
});
