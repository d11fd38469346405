import { createHash } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pgliteDriver } from './driver-pglite.js';
import { QUOTE_KEYS_VERSION } from '../extract/quote-keys.js';
import { SPEAKER_RULES_VERSION } from './speakers.js';
import { CLUSTER_RULES_VERSION } from './clusters.js';
import { loadMigrations, migrate } from './migrate.js';

/**
 * A data-dir tarball of an empty, fully migrated PGlite database. Creating a PGlite database runs
 * initdb inside WebAssembly (about 3 s here); loading this snapshot instead takes a fraction of
 * that, which is what makes `openStore({ memory: true })` cheap enough for every test file and a
 * fresh data/db/ quick to create. Cached once per process, and across processes as a file in the
 * temp dir named by the hash of the migrations and the PGlite version (so a schema change can
 * never load a stale snapshot).
 */
let cached: Promise<Blob> | null = null;

async function pgliteVersion(): Promise<string> {
  try {
    const pkgUrl = new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url);
    return (JSON.parse(await readFile(pkgUrl, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

async function build(): Promise<Blob> {
  const migrations = loadMigrations();
  const hash = createHash('sha256')
    .update(await pgliteVersion())
    .update(QUOTE_KEYS_VERSION)
    .update(SPEAKER_RULES_VERSION)
    .update(CLUSTER_RULES_VERSION)
    .update(JSON.stringify(migrations))
    .digest('hex')
    .slice(0, 16);
  const file = join(tmpdir(), `factbot-pglite-${hash}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    // Not cached yet: build it.
  }
  const db = await PGlite.create();
  try {
    await migrate(pgliteDriver(db), migrations);
    // Stamped now so every store opened from the snapshot skips the (empty) rebuilds and re-checks.
    await db.query("INSERT INTO store_meta (key, value) VALUES ('quote_keys', $1), ('speaker_rules', $2), ('cluster_rules', $3)", [
      QUOTE_KEYS_VERSION,
      SPEAKER_RULES_VERSION,
      CLUSTER_RULES_VERSION,
    ]);
    const dump = await db.dumpDataDir('none');
    const bytes = new Uint8Array(await dump.arrayBuffer());
    // Write then rename: a concurrent reader sees the whole file or none.
    const tmp = `${file}.${process.pid}.${Date.now()}`;
    await writeFile(tmp, bytes)
      .then(() => rename(tmp, file))
      .catch(() => undefined);
    // Snapshots of older schemas are never loaded again (40 MB each).
    for (const f of await readdir(tmpdir()).catch(() => [] as string[])) {
      if (/^factbot-pglite-[0-9a-f]{16}\.tar$/.test(f) && join(tmpdir(), f) !== file) {
        await rm(join(tmpdir(), f), { force: true }).catch(() => undefined);
      }
    }
    return new Blob([bytes]);
  } finally {
    await db.close();
  }
}

export function migratedSnapshot(): Promise<Blob> {
  if (!cached) {
    cached = build();
    cached.catch(() => {
      cached = null;
    });
  }
  return cached;
}
