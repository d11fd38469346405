import { watch, type FSWatcher } from 'node:fs';
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

export function watchDataDir(dir: string, corpus: Pick<CorpusRuntime, 'syncDataDir'>, debounceMs = 1500): DataWatcher {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let watcher: FSWatcher | null = null;
  /** Problems logged at the previous reload: a broken file is reported once, not at every reload after it (QA 9). */
  let reported = new Set<string>();
  const load = () => {
    timer = null;
    running = running.then(async () => {
      try {
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
    watcher = watch(dir, { recursive: true, persistent: false }, (_event, file) => {
      if (file && SKIP.test(String(file))) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(load, debounceMs);
    });
    watcher.on('error', (err) => log.warn({ err }, 'watching the data folder stopped'));
  } catch (err) {
    log.warn({ err, dir }, 'cannot watch the data folder; new files load at the next start');
  }
  return {
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      watcher?.close();
    },
    async idle() {
      while (timer) await new Promise((r) => setTimeout(r, 50));
      await running;
    },
  };
}
