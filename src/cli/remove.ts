import { createHash } from 'node:crypto';
import { access, realpath, rm } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { readConfigOrReport } from '../dispatch/services.js';
import { openStore } from '../store/index.js';
import { articleId, parseHttpUrl } from '../ingest/identity.js';

/**
 * `factbot remove ID|URL…`: takes articles out of the store (a retracted story, a page ingested by
 * mistake). Until QA 9 nothing could: an article ingested from a URL or a feed stayed quotable for
 * good. The id is the one `search --json` prints (`article.id`); a URL is matched as ingest keys
 * it (tracking parameters, `www.` and a trailing slash do not matter). A file in the data folder
 * is removed by deleting the file: the bot's folder sync would only store it again.
 * Exit code 1 when any target was not removed.
 */
export async function runRemove(
  targets: string[],
  io: { out?: (line: string) => void; err?: (line: string) => void } = {},
): Promise<number> {
  const out = io.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  const err = io.err ?? ((l: string) => process.stderr.write(`${l}\n`));
  const config = readConfigOrReport(err);
  if (!config) return 2;
  let store;
  try {
    store = await openStore({ dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) });
  } catch (e) {
    if ((e as Error).name === 'StoreLockedError') {
      err(
        'factbot remove: the embedded store is in use (the bot, or another factbot command). Stop it and run this again; ' +
          'with DATABASE_URL (PostgreSQL) removals reach a running bot at once.',
      );
    } else err(`factbot remove: ${(e as Error).message}`);
    return 1;
  }
  const folder = await realpath(config.dataDir).catch(() => resolve(config.dataDir));
  let failed = 0;
  try {
    for (const target of targets) {
      const url = /^https?:\/\//i.test(target) ? parseHttpUrl(target) : null;
      const id = url ? articleId(url, '') : /^[0-9a-f]{16}$/.test(target) ? target : null;
      if (!id) {
        err(`${target}: not an article id (16 hex characters, as \`factbot search --json\` prints) or an http(s) URL`);
        failed++;
        continue;
      }
      const article = await store.getArticle(id);
      if (!article) {
        err(`${target}: no such article in the store`);
        failed++;
        continue;
      }
      const file = article.sourceKey && isAbsolute(article.sourceKey) ? article.sourceKey : null;
      if (file && inside(folder, file) && (await exists(file))) {
        err(`${target}: its file ${file} is in the data folder; delete the file instead (the bot would load it again)`);
        failed++;
        continue;
      }
      const statements = (await store.getStatements(id)).length;
      // What `factbot ingest` handed to a running bot (named by the key's hash, else the id) would
      // bring the article back at the bot's next folder sync.
      const handed = [id, ...(article.sourceKey ? [createHash('sha256').update(article.sourceKey).digest('hex').slice(0, 16)] : [])];
      for (const name of handed) await rm(join(folder, 'ingested', `${name}.json`), { force: true });
      await store.deleteArticle(id);
      const where = [article.outlet, article.url].filter(Boolean).join(', ');
      out(`Removed “${article.title}”${where ? ` (${where})` : ''}: ${statements} statement${statements === 1 ? '' : 's'}.`);
      if (file && (await exists(file))) err(`note: ${file} still exists; ingesting it again brings the article back.`);
    }
  } finally {
    await store.close();
  }
  return failed ? 1 : 0;
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return !!rel && !rel.startsWith('..') && !isAbsolute(rel);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
