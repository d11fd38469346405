import { ConfigError } from '../config.js';
import { readConfig } from '../dispatch/services.js';
import { openStore } from '../store/index.js';
import { loadSources } from '../ingest/index.js';
import { extractStatements } from '../extract/index.js';
import { storeArticles } from '../corpus/runtime.js';

/**
 * `factbot ingest PATH|URL...`: loads, extracts and stores. The running bot's index picks the
 * new articles up from the store's change feed (at once on PostgreSQL, at next start on the
 * embedded store). Exit code 1 when anything failed to load; everything else is still stored.
 */
export async function runIngest(
  sources: string[],
  io: { out?: (line: string) => void; err?: (line: string) => void } = {},
): Promise<number> {
  const out = io.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  const err = io.err ?? ((l: string) => process.stderr.write(`${l}\n`));
  let config;
  try {
    config = readConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      err(e.message);
      return 2;
    }
    throw e;
  }
  const store = await openStore({
    dataDir: config.dataDir,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
  });
  try {
    const loaded = await loadSources(sources);
    const r = await storeArticles(store, extractStatements, loaded);
    out(
      `Ingested ${loaded.articles.length} article${loaded.articles.length === 1 ? '' : 's'}: ` +
        `${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged; ${r.statements} statements stored.`,
    );
    for (const e of r.errors) err(`${e.source}: ${e.reason}`);
    if (r.errors.length) err(`${r.errors.length} source${r.errors.length === 1 ? '' : 's'} could not be loaded.`);
    return r.errors.length ? 1 : 0;
  } finally {
    await store.close();
  }
}
