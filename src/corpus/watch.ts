import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { log } from '../log.js';
import { failures } from '../domain/article.js';
import type { CorpusRuntime } from './runtime.js';

/**
 * Keeps the store in step with the data folder while the bot runs: files added or changed under
 * `dir` (not the store's own `db/` and `index/`) are loaded a moment after the last change. This is
 * also how `factbot ingest` reaches a running bot on the embedded store, which only one process may
 * open: it writes what it loaded into `dir/ingested/`.
 */
export interface DataWatcher {
  stop(): void;
  /** Resolves when no load is pending or running (tests). */
  idle(): Promise<void>;
}

const SKIP = /^(db|index)(\/|\\|$)|(^|\/|\\)\./;

export interface WatchOptions {
  /**
   * How often the folder's listing (names, sizes, modification times) is compared with the last
   * load's, as a safety net under the file-system events: Node 20's recursive watch on Linux stops
   * reporting a file once it was replaced by a rename (an editor's atomic save, `sed -i`, rsync),
   * so its later edits and its deletion went unseen until another file changed (QA 9); network
   * folders report no events at all. 0: events only.
   */
  pollMs?: number;
  /** False: no file-system events, the poll alone (tests). */
  events?: boolean;
}

/** Listing 3,000 files took ~0.1 s warm at load 14, mostly waiting on the disk: twice a minute is cheap. */
const DEFAULT_POLL_MS = 30_000;

export function watchDataDir(
  dir: string,
  corpus: Pick<CorpusRuntime, 'syncDataDir'>,
  debounceMs = 1500,
  opts: WatchOptions = {},
): DataWatcher {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let watcher: FSWatcher | null = null;
  /** Problems logged at the previous reload: a broken file is reported once, not at every reload after it (QA 9). */
  let reported = new Set<string>();
  /** The listing the last load saw (taken just before it read the folder); null before the first poll. */
  let seen: string | null = null;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(load, debounceMs);
  };
  const load = () => {
    timer = null;
    running = running.then(async () => {
      try {
        seen = await listing(dir).catch(() => seen);
        const r = await corpus.syncDataDir(dir);
        if (r.added || r.updated || r.removed) log.info({ added: r.added, updated: r.updated, removed: r.removed, errors: failures(r.errors).length }, 'data folder reloaded');
        const now = new Set<string>();
        for (const e of r.errors) {
          const key = `${e.source}\u0000${e.reason}`;
          now.add(key);
          if (!reported.has(key)) log.warn({ source: e.source, reason: e.reason }, e.warning ? 'loaded with a note' : 'could not load');
        }
        reported = now;
      } catch (err) {
        log.error({ err }, 'reloading the data folder failed');
      }
    });
  };
  try {
    if (opts.events !== false) {
      watcher = watch(dir, { recursive: true, persistent: false }, (_event, file) => {
        if (file && SKIP.test(String(file))) return;
        schedule();
      });
      watcher.on('error', (err) => log.warn({ err }, 'watching the data folder stopped; changes are still seen by polling'));
    }
  } catch (err) {
    log.warn({ err, dir }, 'cannot watch the data folder for changes; it is polled instead');
  }
  const pollMs = opts.pollMs ?? DEFAULT_POLL_MS;
  let polling = false;
  const poll = async () => {
    if (polling || timer || stopped) return;
    polling = true;
    try {
      await running;
      const now = await listing(dir);
      if (seen === null) seen = now;
      else if (now !== seen && !timer) {
        log.debug({ dir }, 'the data folder changed without an event; reloading');
        schedule();
      }
    } catch {
      // A folder that cannot be listed for a moment: the next poll tries again.
    } finally {
      polling = false;
    }
  };
  const poller = pollMs > 0 ? setInterval(() => void poll(), pollMs) : null;
  poller?.unref();
  if (poller) void poll();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (poller) clearInterval(poller);
      watcher?.close();
    },
    async idle() {
      while (timer) await new Promise((r) => setTimeout(r, 50));
      await running;
    },
  };
}

/**
 * What the folder holds, as one hash: every file's path, size and modification time (hidden
 * entries and the store's db/ and index/ left out, as the watcher and the loader leave them out).
 */
async function listing(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (folder: string, rel: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (SKIP.test(path)) continue;
      if (e.isDirectory()) await walk(join(folder, e.name), path);
      else if (e.isFile() || e.isSymbolicLink()) {
        const info = await stat(join(folder, e.name)).catch(() => null);
        hash.update(`${path}\u0000${info ? `${info.size}\u0000${info.mtimeMs}` : '-'}\n`);
      }
    }
  };
  await walk(dir, '');
  return hash.digest('hex');
}
