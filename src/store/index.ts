import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pgliteDriver } from './driver-pglite.js';
import { pgDriver } from './driver-pg.js';
import type { Driver } from './driver.js';
import { migrate } from './migrate.js';
import { migratedSnapshot } from './pglite-snapshot.js';
import { SqlStore } from './sql-store.js';
import type { Store } from './types.js';

export type { Store } from './types.js';
export type { ArticleWithStatements } from './rows.js';
export { SqlStore } from './sql-store.js';

export interface OpenStoreOptions {
  /** The data folder (default `data`); the embedded database lives in `<dataDir>/db/`. */
  dataDir?: string;
  /** `postgres://…`: use this PostgreSQL server instead of the embedded database. */
  databaseUrl?: string;
  /** An embedded database in memory, gone on close (tests). */
  memory?: boolean;
  /** The clock for ingest times, subscription and digest timestamps (tests use a fake one). */
  now?: () => Date;
}

export class StoreLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database in ${dir} is in use by process ${pid}. One process at a time can open it; ` +
        'stop that process, or set DATABASE_URL to a PostgreSQL server to share one corpus between processes.',
    );
    this.name = 'StoreLockedError';
  }
}

/**
 * The PostgreSQL server in DATABASE_URL cannot be reached (or refuses us): an operator's problem,
 * said in one line by the entry points, not a crash with a stack trace.
 */
export class StoreUnavailableError extends Error {
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one process's database: two processes opening the same folder would corrupt it. A lock
 * file holding our pid keeps a second one out with a clear message; a lock left by a dead process
 * is taken over.
 */
/** Folders this process has open: the pid in a lock file cannot tell (a container's pid is often 1 every time). */
const openHere = new Set<string>();

async function lockDir(dir: string): Promise<() => Promise<void>> {
  const file = join(dir, 'lock');
  if (openHere.has(dir)) throw new StoreLockedError(dir, process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const h = await open(file, 'wx');
      await h.writeFile(String(process.pid));
      await h.close();
      openHere.add(dir);
      return async () => {
        openHere.delete(dir);
        await rm(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      // Our own pid in the file but not open here: left by an earlier run that had the same pid.
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new StoreLockedError(dir, pid);
      await rm(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dir}`);
}

/**
 * PGlite lives in the bot's own memory: its 128 MB of shared buffers (PostgreSQL's default, sized
 * for a server) counted against the bot's resident memory while the operating system caches the
 * data files anyway. 32 MB measured as fast on the store's scans and lookups at 100k statements;
 * at 1M (bench/startup.ts, back to back, load 2-3) RSS when ready 2 037 -> 1 937 MB, and after a
 * catch-up 2 167 -> 2 048 MB (16 MB: the same within noise).
 */
const PGLITE_CONF = ["shared_buffers = '32MB'"];

async function openPglite(opts: OpenStoreOptions): Promise<{ driver: Driver; release: () => Promise<void> }> {
  if (opts.memory) {
    const db = await PGlite.create({ loadDataDir: await migratedSnapshot() });
    return { driver: pgliteDriver(db), release: async () => {} };
  }
  const dir = resolve(opts.dataDir ?? 'data', 'db');
  await mkdir(dir, { recursive: true });
  const release = await lockDir(dir);
  try {
    const pgdata = join(dir, 'pgdata');
    const fresh = !existsSync(join(pgdata, 'PG_VERSION'));
    if (fresh) await rm(pgdata, { recursive: true, force: true });
    // A fresh folder starts from the migrated snapshot instead of running initdb.
    const db = fresh
      ? await PGlite.create(pgdata, { loadDataDir: await migratedSnapshot(), postgresqlconf: PGLITE_CONF })
      : await PGlite.create(pgdata, { postgresqlconf: PGLITE_CONF });
    return { driver: pgliteDriver(db), release };
  } catch (err) {
    await release();
    throw err;
  }
}

/**
 * Opens the store: PostgreSQL when `databaseUrl` is given, else PGlite in memory (`memory`) or in
 * `<dataDir>/db/`. Pending migrations are applied before it returns.
 */
export async function openStore(opts: OpenStoreOptions = {}): Promise<SqlStore & Store> {
  let driver: Driver;
  let release: () => Promise<void> = async () => {};
  if (opts.databaseUrl) {
    driver = pgDriver(opts.databaseUrl);
  } else {
    ({ driver, release } = await openPglite(opts));
  }
  try {
    await migrate(driver);
    const store = new SqlStore(driver, opts.now ?? (() => new Date()), release);
    await store.start();
    return store;
  } catch (err) {
    await driver.close().catch(() => undefined);
    await release();
    if (opts.databaseUrl && isConnectionError(err)) {
      throw new StoreUnavailableError(`Cannot reach the PostgreSQL server at ${redact(opts.databaseUrl)} (DATABASE_URL): ${(err as Error).message}`, {
        cause: err,
      });
    }
    throw err;
  }
}

function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  // Node socket errors, and PostgreSQL's "database does not exist", auth and connection classes.
  return /^E[A-Z]+$/.test(code) || code === '3D000' || code.startsWith('28') || code.startsWith('08');
}

/** The URL without its password, for messages and logs. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL';
  }
}
