import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type Config } from '../config.js';
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
 * The config from the environment, after reading `.env` when there is one (variables already set
 * in the environment win). FACTBOT_ENV_FILE names another file; set it empty to read none (tests).
 */
export function readConfig(): Config {
  const file = process.env.FACTBOT_ENV_FILE ?? '.env';
  if (file && existsSync(file)) process.loadEnvFile(file);
  return loadConfig(process.env);
}

export interface OpenedServices {
  services: BotServices;
  corpus: CorpusRuntime;
  store: Store;
  /** What loading data/ found; null when not asked to sync. */
  sync: SyncReport | null;
  close(): Promise<void>;
}

export async function openServices(
  config: Pick<Config, 'dataDir' | 'databaseUrl' | 'timezone'> & { slack?: { digestAdmins: string[] } },
  opts: { sync?: boolean; persistIndex?: boolean } = {},
): Promise<OpenedServices> {
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
  const errors = r.errors.length ? `${r.errors.length} load error${r.errors.length === 1 ? '' : 's'}` : 'no load errors';
  return (
    `Corpus: ${r.articles} article${r.articles === 1 ? '' : 's'}, ${r.statements} statements, ${r.quotes} quotes, ` +
    `${r.speakers} speakers (${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged; ${errors}).`
  );
}
