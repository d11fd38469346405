import { createHash } from 'node:crypto';
import { mkdir, readFile, realpath, rename, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { describeProblem, failures } from '../domain/article.js';
import { DataDirError, prepareDataDir, readConfigOrReport } from '../dispatch/services.js';
import { openStore } from '../store/index.js';
import { loadSources } from '../ingest/index.js';
import { extractStatements } from '../extract/index.js';
import { storeArticles } from '../corpus/runtime.js';

/**
 * `factbot ingest PATH|URL...`: loads, extracts and stores. A running bot's index picks the new
 * articles up from the store's change feed. When the bot is running on the embedded store (which
 * one process at a time may open), the articles are handed to it through DATA_DIR/ingested/.
 * Exit code 1 when anything failed to load; everything else is still stored.
 */
export async function runIngest(
  sources: string[],
  io: {
    out?: (line: string) => void;
    err?: (line: string) => void;
    /** How long to wait for another `factbot` command holding the embedded store (tests). */
    waitMs?: number;
  } = {},
): Promise<number> {
  const out = io.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  const err = io.err ?? ((l: string) => process.stderr.write(`${l}\n`));
  const config = readConfigOrReport(err);
  if (!config) return 2;
  try {
    // A missing DATA_DIR is created silently here: ingesting into a new folder is the point.
    prepareDataDir(config.dataDir);
  } catch (e) {
    if (e instanceof DataDirError) {
      err(`factbot ingest: ${e.message}`);
      return 2;
    }
    throw e;
  }
  let store;
  const waitUntil = Date.now() + (io.waitMs ?? COMMAND_WAIT_MS);
  let waiting = false;
  for (;;) {
    try {
      store = await openStore({
        dataDir: config.dataDir,
        ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
      });
      break;
    } catch (e) {
      if ((e as Error).name !== 'StoreLockedError') {
        err(`factbot ingest: ${(e as Error).message}`);
        return 1;
      }
      // Another `factbot` command (an overlapping cron ingest) finishes soon and never reads
      // ingested/: wait for it rather than hand articles to a bot that is not there (QA 9).
      const holder = await lockHolder(config.dataDir);
      if (holder?.kind !== 'command' || Date.now() >= waitUntil) {
        return handOver(sources, config.dataDir, out, err, holder?.kind === 'command' ? holder.pid : null);
      }
      if (!waiting) err(`factbot ingest: the embedded store is in use by another factbot command (process ${holder.pid}); waiting for it to finish…`);
      waiting = true;
      await new Promise((r) => setTimeout(r, COMMAND_POLL_MS));
    }
  }
  try {
    const loaded = await loadSources(sources);
    const r = await storeArticles(store, extractStatements, loaded);
    out(
      `Ingested ${loaded.articles.length} article${loaded.articles.length === 1 ? '' : 's'}: ` +
        `${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged; ${r.statements} statements stored.`,
    );
    for (const e of r.errors) err(describeProblem(e));
    const failed = failures(r.errors).length;
    if (failed) err(`${failed} source${failed === 1 ? '' : 's'} could not be loaded.`);
    return failed ? 1 : 0;
  } finally {
    await store.close();
  }
}

/**
 * The embedded store belongs to the running bot (one process at a time). Load the sources here,
 * and hand the articles to the bot as JSON records in `DATA_DIR/ingested/`, which it watches.
 */
async function handOver(
  sources: string[],
  dataDir: string,
  out: (line: string) => void,
  err: (line: string) => void,
  /** Set when the store is held by another `factbot` command, not by the bot. */
  commandPid: number | null,
): Promise<number> {
  const loaded = await loadSources(sources);
  const dir = join(dataDir, 'ingested');
  await mkdir(dir, { recursive: true });
  const folder = await realpath(dataDir).catch(() => resolve(dataDir));
  let inFolder = 0;
  for (const a of loaded.articles) {
    // A file already in the data folder is the bot's to load; a copy in ingested/ would outlive
    // the file, so deleting it would no longer take its article out (QA 9).
    if (a.sourceKey && loadedByBot(folder, a.sourceKey)) {
      inFolder++;
      continue;
    }
    // The original sourceKey travels with the record, so an edited file handed over replaces its
    // earlier version; the file is named by that key, so a second hand-over of the same file
    // overwrites the first instead of leaving both for the next start to load in either order.
    const record = {
      title: a.title,
      outlet: a.outlet,
      url: a.url,
      published: a.published,
      author: a.author,
      text: a.text,
      sourceKey: a.sourceKey ?? null,
    };
    const name = a.sourceKey ? createHash('sha256').update(a.sourceKey).digest('hex').slice(0, 16) : a.id;
    const file = join(dir, `${name}.json`);
    // Written aside and renamed: the bot never reads half a file.
    await writeFile(`${file}.tmp`, JSON.stringify(record, null, 2));
    await rename(`${file}.tmp`, file);
  }
  const handed = loaded.articles.length - inFolder;
  const n = `${handed} article${handed === 1 ? '' : 's'}`;
  const also = inFolder ? ` ${inFolder} already in the data folder, which the bot loads itself.` : '';
  out(
    (commandPid === null
      ? `The bot is running and holds the embedded store: handed ${n} to it in ${dir} (loaded within seconds).`
      : `The embedded store is still in use by another factbot command (process ${commandPid}), not the bot: ` +
        `left ${n} in ${dir}; a running bot loads them within seconds, otherwise the bot's next start does.`) + also,
  );
  for (const e of loaded.errors) err(describeProblem(e));
  const failed = failures(loaded.errors).length;
  if (failed) err(`${failed} source${failed === 1 ? '' : 's'} could not be loaded.`);
  return failed ? 1 : 0;
}

/** Whether the bot's folder sync loads this file itself: under the data folder, not hidden, not its db/ or index/. */
function loadedByBot(folder: string, key: string): boolean {
  if (!isAbsolute(key)) return false;
  const rel = relative(folder, key);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return false;
  const parts = rel.split(sep);
  return !parts.some((p) => p.startsWith('.')) && parts[0] !== 'db' && parts[0] !== 'index';
}

/** How long `factbot ingest` waits for another `factbot` command holding the embedded store. */
const COMMAND_WAIT_MS = 120_000;
const COMMAND_POLL_MS = 500;

/**
 * Who holds the embedded store, from the pid in its lock file and that process's command line
 * (Linux /proc): another `factbot` command (`src/cli/main.ts`, the `factbot` bin) or something else
 * (the bot, `src/main.ts`). Null when it cannot be told.
 */
async function lockHolder(dataDir: string): Promise<{ pid: number; kind: 'command' | 'other' } | null> {
  const pid = Number((await readFile(join(resolve(dataDir), 'db', 'lock'), 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => null);
  if (cmdline === null) return null;
  const args = cmdline.split('\0');
  const command = args.some((a) => /(?:^|[\\/])cli[\\/]main\.[cm]?[jt]s$|(?:^|[\\/])bin[\\/]factbot(?:\.mjs)?$/.test(a));
  return { pid, kind: command ? 'command' : 'other' };
}
