import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfigFromEnvironment, type Config } from '../config.js';
import { failures } from '../domain/article.js';
import { log } from '../log.js';
import type { Store } from '../store/types.js';
import { openStore } from '../store/index.js';
import { createCorpus, type CorpusRuntime, type SyncReport } from '../corpus/index.js';
import { commands } from '../../commands/index.js';
import type { BotServices } from './index.js';

/**
 * Opens what every entry point needs (store, corpus, commands) from the config, and loads data/.
 * One place, so `npm start`, the console and the CLI see the same corpus the same way.
 */
/**
 * The config for an entry point (`.env` read, see loadConfigFromEnvironment), with the logger set
 * to its LOG_LEVEL: the logger is built at import, before `.env` is read, so a level set there
 * would otherwise be ignored.
 */
export function readConfig(): Config {
  const config = loadConfigFromEnvironment();
  if (process.env.LOG_LEVEL) log.level = config.logLevel;
  return config;
}

/**
 * The entry points' shared first step: the config, or its problems reported through `report` and
 * null (the caller exits 2).
 */
export function readConfigOrReport(report: (message: string) => void): Config | null {
  try {
    return readConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      report(e.message);
      return null;
    }
    throw e;
  }
}

/** A DATA_DIR that cannot be used (a file, not a folder): one clear line, exit 2. */
export class DataDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirError';
  }
}

/**
 * Checks DATA_DIR before the store opens in it. A missing folder is created (a first start), and
 * said so: a mistyped DATA_DIR otherwise looks like an empty corpus. Returns the notice, if any.
 */
export function prepareDataDir(dir: string): string | null {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new DataDirError(`DATA_DIR ${dir} cannot be read: ${(err as Error).message}`);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new DataDirError(`DATA_DIR ${dir} does not exist and cannot be created: ${(e as Error).message}`);
    }
    return `DATA_DIR ${dir} does not exist — created it; no articles to load (put articles in ${join(dir, 'articles')} or use factbot ingest).`;
  }
  if (!isDir) throw new DataDirError(`DATA_DIR ${dir} must be a folder, not a file.`);
  return null;
}

export interface OpenedServices {
  services: BotServices;
  corpus: CorpusRuntime;
  store: Store;
  /** What loading data/ found; null when not asked to sync. */
  sync: SyncReport | null;
  /** Something to tell the user about DATA_DIR ("does not exist — created it"), or null. */
  dataDirNotice: string | null;
  close(): Promise<void>;
}

export async function openServices(
  config: Pick<Config, 'dataDir' | 'databaseUrl' | 'timezone'> & { slack?: { digestAdmins: string[] } },
  opts: { sync?: boolean; persistIndex?: boolean } = {},
): Promise<OpenedServices> {
  const dataDirNotice = prepareDataDir(config.dataDir);
  const store = await openStore({
    dataDir: config.dataDir,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
  });
  let corpus: CorpusRuntime;
  try {
    corpus = await createCorpus({
      store,
      ...(opts.persistIndex === false ? {} : { indexDir: join(config.dataDir, 'index') }),
    });
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  const sync = opts.sync === false ? null : await corpus.syncDataDir(config.dataDir);
  const services: BotServices = {
    commands,
    corpus,
    store,
    now: () => new Date(),
    timezone: config.timezone,
    digestAdmins: config.slack?.digestAdmins ?? [],
  };
  let closed = false;
  return {
    services,
    corpus,
    store,
    sync,
    dataDirNotice,
    async close() {
      if (closed) return;
      closed = true;
      await corpus.close();
      await store.close();
    },
  };
}

/** The one-line start-up summary. */
export function syncSummary(r: SyncReport): string {
  const failed = failures(r.errors).length;
  const noted = r.errors.length - failed;
  const errors =
    (failed ? `${failed} load error${failed === 1 ? '' : 's'}` : 'no load errors') + (noted ? `, ${noted} note${noted === 1 ? '' : 's'}` : '');
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return (
    `Corpus: ${n(r.articles, 'article')}, ${n(r.statements, 'statement')}, ${n(r.quotes, 'quote')}, ` +
    `${n(r.speakers, 'speaker')} (${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged` +
    // Files deleted from data/ while the bot was down take their articles with them: say so.
    `${r.removed ? `, ${r.removed} removed` : ''}; ${errors}).`
  );
}
