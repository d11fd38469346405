import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runIngest } from '../src/cli/ingest.js';
import { runRemove } from '../src/cli/remove.js';
import { openStore } from '../src/store/index.js';

/**
 * `factbot remove` (QA 9): a retracted story ingested from a URL or a feed could not be taken out
 * of the store at all; it stayed quotable for good.
 */
let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      '<!doctype html><html><head><title>Mayor backs tram plan</title><meta property="og:site_name" content="Skerry Gazette"></head>' +
        '<body><article><h1>Mayor backs tram plan</h1><p>"The tram will run by 2028," Mayor Rosa Dunn said on Monday.</p>' +
        '<p>The council met on Monday evening to discuss the matter at length.</p></article></body></html>',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('factbot remove', () => {
  let dir: string;
  let data: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'factbot-remove-'));
    data = join(dir, 'data');
    await mkdir(join(data, 'articles'), { recursive: true });
    vi.stubEnv('DATA_DIR', data);
    vi.stubEnv('FACTBOT_ENV_FILE', '');
    vi.stubEnv('DATABASE_URL', '');
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await rm(dir, { recursive: true, force: true });
  });

  const quiet = { out: () => undefined, err: () => undefined };
  const run = async (targets: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runRemove(targets, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const titles = async () => {
    const store = await openStore({ dataDir: data });
    try {
      return (await store.listArticles()).map((a) => a.title).sort();
    } finally {
      await store.close();
    }
  };

  it('removes an article ingested from a URL, named by its URL (tracking parameters ignored) or its id', async () => {
    await writeFile(join(dir, 'pier.txt'), 'Pier news\n"The pier is safe," said engineer Tom Vale.\n');
    expect(await runIngest([`${base}/tram`, join(dir, 'pier.txt')], quiet)).toBe(0);
    expect(await titles()).toEqual(['Mayor backs tram plan', 'Pier news']);

    const byUrl = await run([`${base}/tram/?utm_source=newsletter`]);
    expect(byUrl.out).toMatch(/^Removed “Mayor backs tram plan” \(Skerry Gazette, http:\/\/127\.0\.0\.1:\d+\/tram\): \d+ statements?\.$/);
    expect(byUrl.code).toBe(0);
    expect(await titles()).toEqual(['Pier news']);

    const store = await openStore({ dataDir: data });
    const id = (await store.listArticles())[0]!.id;
    await store.close();
    const byId = await run([id]);
    expect(byId.code).toBe(0);
    expect(byId.err).toMatch(/pier\.txt still exists; ingesting it again brings the article back/);
    expect(await titles()).toEqual([]);

    const again = await run([id, 'not-an-id']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/no such article in the store/);
    expect(again.err).toMatch(/not-an-id: not an article id/);
  }, 60_000);

  it('also deletes what factbot ingest handed to the bot, which would bring the article back', async () => {
    // The bot (src/main.ts) holds the store: the ingest hands the page over to data/ingested/.
    const { spawn } = await import('node:child_process');
    const bot = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)', join(dir, 'src', 'main.ts')], { stdio: 'ignore' });
    try {
      await new Promise((r) => bot.once('spawn', r));
      await mkdir(join(data, 'db'), { recursive: true });
      await writeFile(join(data, 'db', 'lock'), String(bot.pid));
      expect(await runIngest([`${base}/tram`], quiet)).toBe(0);
    } finally {
      bot.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 200));
    }
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(join(data, 'ingested'))).toHaveLength(1);
    // The bot's next start loads it; then it is removed.
    const { createCorpus } = await import('../src/corpus/index.js');
    const store = await openStore({ dataDir: data });
    const corpus = await createCorpus({ store, indexDir: join(data, 'index') });
    await corpus.syncDataDir(data);
    await corpus.close();
    await store.close();
    expect(await titles()).toEqual(['Mayor backs tram plan']);
    const r = await run([`${base}/tram`]);
    expect(r.code).toBe(0);
    expect(await readdir(join(data, 'ingested'))).toEqual([]);
  }, 60_000);

  it('refuses a file of the data folder: deleting the file is what removes it', async () => {
    const file = join(data, 'articles', 'ferry.txt');
    await writeFile(file, 'Ferry fares rise\n"Fares will rise by ten percent," said ferry chief Ann Lee.\n');
    expect(await runIngest([file], quiet)).toBe(0);
    const store = await openStore({ dataDir: data });
    const id = (await store.listArticles())[0]!.id;
    await store.close();
    const r = await run([id]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/is in the data folder; delete the file instead/);
    expect(await titles()).toEqual(['Ferry fares rise']);
  }, 60_000);
});
