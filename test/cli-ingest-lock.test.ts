import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runIngest } from '../src/cli/ingest.js';

/**
 * `factbot ingest` when the embedded store is held by another `factbot` command (two cron ingests
 * overlapping), not by the bot (QA 9): it handed the articles "to the bot … loaded within seconds"
 * although no bot was running to load them.
 */
describe('factbot ingest while another factbot command holds the embedded store', () => {
  let dir: string;
  /** DATA_DIR; the article to ingest is outside it, in `dir`. */
  let data: string;
  let holder: ChildProcess | null = null;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'factbot-ingest-lock-'));
    data = join(dir, 'data');
    await mkdir(join(data, 'db'), { recursive: true });
    await writeFile(join(dir, 'story.txt'), 'Pier news\n"The pier is safe," said engineer Tom Vale.\n');
    vi.stubEnv('DATA_DIR', data);
    vi.stubEnv('FACTBOT_ENV_FILE', '');
    vi.stubEnv('DATABASE_URL', '');
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    holder?.kill('SIGKILL');
    holder = null;
    await rm(dir, { recursive: true, force: true });
  });

  /** A live process whose command line looks like `factbot ingest`, written into the store's lock. */
  const holdLock = async (ms: number) => {
    holder = spawn(process.execPath, ['-e', `setTimeout(() => {}, ${ms})`, join(dir, 'src', 'cli', 'main.ts'), 'ingest'], { stdio: 'ignore' });
    await new Promise((r) => holder!.once('spawn', r));
    await writeFile(join(data, 'db', 'lock'), String(holder.pid));
  };
  const run = async (waitMs: number) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runIngest([join(dir, 'story.txt')], { out: (l) => out.push(l), err: (l) => err.push(l), waitMs });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('waits for it to finish, then stores the articles itself', async () => {
    await holdLock(1_500);
    const r = await run(60_000);
    expect(r.err).toMatch(/in use by another factbot command \(process \d+\); waiting/);
    expect(r.out).toMatch(/Ingested 1 article: 1 added/);
    expect(r.code).toBe(0);
    await expect(readdir(join(data, 'ingested'))).rejects.toThrow();
  }, 60_000);

  it('hands over only what is outside the data folder: a file in it is the bot’s to load (and to forget when deleted)', async () => {
    // The bot (src/main.ts) holds the store.
    holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)', join(dir, 'src', 'main.ts')], { stdio: 'ignore' });
    await new Promise((r) => holder!.once('spawn', r));
    await writeFile(join(data, 'db', 'lock'), String(holder.pid));
    await mkdir(join(data, 'articles'));
    const inside = join(data, 'articles', 'inside.txt');
    await writeFile(inside, 'Ferry news\n"Fares will rise," said ferry chief Ann Lee.\n');
    const out: string[] = [];
    const code = await runIngest([inside, join(dir, 'story.txt')], { out: (l) => out.push(l), err: () => undefined, waitMs: 0 });
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/handed 1 article to it .* 1 already in the data folder, which the bot loads itself/);
    const records = await readdir(join(data, 'ingested'));
    expect(records).toHaveLength(1);
  }, 30_000);

  it('when it does not finish in time, leaves the articles for the bot and says no bot took them', async () => {
    await holdLock(30_000);
    const r = await run(600);
    expect(r.out).not.toMatch(/The bot is running/);
    expect(r.out).toMatch(/still in use by another factbot command \(process \d+\), not the bot: left 1 article in .*ingested; .*the bot's next start/);
    expect(await readdir(join(data, 'ingested'))).toHaveLength(1);
    expect(r.code).toBe(0);
  }, 30_000);
});
