import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Driver, Queryable } from './driver.js';

function wrap(q: PGlite | Transaction): Queryable {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      const res = await q.query<R>(sql, params as unknown[]);
      return res.rows;
    },
    async exec(sql: string): Promise<void> {
      await q.exec(sql);
    },
  };
}

/** A PGlite database in this process: a folder on disk, or in memory from a data-dir snapshot. */
export function pgliteDriver(db: PGlite): Driver {
  const base = wrap(db);
  return {
    engine: 'pglite',
    query: base.query,
    exec: base.exec,
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return db.transaction((tx) => fn(wrap(tx)));
    },
    async listen() {
      return null;
    },
    async close() {
      if (!db.closed) await db.close();
    },
  };
}
