import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchDataDir } from '../src/corpus/watch.js';
import type { SyncReport } from '../src/corpus/index.js';
import type { IngestError } from '../src/domain/article.js';
import { log } from '../src/log.js';

/**
 * The data-folder watcher over many reloads (QA 9): a broken file among hundreds was warned about
 * again at every reload, whatever file was dropped in.
 */
describe('data folder watcher', () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  const report = (errors: IngestError[]): SyncReport => ({
    added: 1, updated: 0, unchanged: 0, removed: 0, statements: 1, errors, articles: 1, quotes: 1, speakers: 1,
  });

  it('warns about a file that does not load once, and again only when it changes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'factbot-watch-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const broken: IngestError = { source: 'articles/broken.txt', reason: 'not a text file (binary content)' };
    const replies = [[broken], [broken], [broken, { source: 'articles/empty.txt', reason: 'empty file' }], [], [broken]];
    let calls = 0;
    const corpus = { syncDataDir: () => Promise.resolve(report(replies[Math.min(calls++, replies.length - 1)]!)) };
    const warn = vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    const watcher = watchDataDir(dir, corpus, 150);
    cleanup.push(() => watcher.stop());

    const warnedAfterDrop = async (n: number): Promise<string[]> => {
      warn.mockClear();
      await writeFile(join(dir, `new${n}.txt`), `Story ${n}\n`);
      for (let i = 0; i < 100 && calls < n; i++) await new Promise((r) => setTimeout(r, 20));
      await watcher.idle();
      expect(calls).toBe(n);
      return warn.mock.calls.map((c) => (c[0] as { source: string }).source);
    };
    expect(await warnedAfterDrop(1)).toEqual(['articles/broken.txt']);
    expect(await warnedAfterDrop(2)).toEqual([]);
    expect(await warnedAfterDrop(3)).toEqual(['articles/empty.txt']);
    expect(await warnedAfterDrop(4)).toEqual([]);
    // Fixed, then broken again: said again.
    expect(await warnedAfterDrop(5)).toEqual(['articles/broken.txt']);
  }, 20_000);

  const counting = () => {
    let calls = 0;
    return {
      corpus: { syncDataDir: () => (calls++, Promise.resolve(report([]))) },
      calls: () => calls,
    };
  };
  const until = async (cond: () => boolean, ms = 5_000) => {
    for (let t = 0; t < ms && !cond(); t += 25) await new Promise((r) => setTimeout(r, 25));
    return cond();
  };

  it('sees the deletion of a file that an editor saved by renaming over it (events alone missed it)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'factbot-watch-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    await mkdir(join(dir, 'articles'));
    const file = join(dir, 'articles', 'b.txt');
    await writeFile(file, 'Story\n"First," said Ann Lee.\n');
    const c = counting();
    const watcher = watchDataDir(dir, c.corpus, 20, { pollMs: 150 });
    cleanup.push(() => watcher.stop());
    await new Promise((r) => setTimeout(r, 300));
    // An atomic save (`sed -i`, most editors): a new file renamed over the old one.
    await writeFile(`${file}.new`, 'Story\n"Second," said Ann Lee.\n');
    await rename(`${file}.new`, file);
    expect(await until(() => c.calls() >= 1)).toBe(true);
    await watcher.idle();
    const before = c.calls();
    await rm(file);
    expect(await until(() => c.calls() > before)).toBe(true);
  }, 20_000);

  it('with no file-system events (a network folder), polling alone loads what changed, and only that', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'factbot-watch-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'a.txt'), 'Story\n');
    const c = counting();
    const watcher = watchDataDir(dir, c.corpus, 20, { pollMs: 100, events: false });
    cleanup.push(() => watcher.stop());
    await new Promise((r) => setTimeout(r, 400));
    expect(c.calls()).toBe(0);
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'sub', 'b.txt'), 'Story b\n');
    expect(await until(() => c.calls() === 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    expect(c.calls()).toBe(1);
    // Hidden files and the store's own folders are not the corpus.
    await mkdir(join(dir, 'index'));
    await writeFile(join(dir, 'index', 'statements.json'), 'x');
    await writeFile(join(dir, '.b.txt.swp'), 'x');
    await new Promise((r) => setTimeout(r, 400));
    expect(c.calls()).toBe(1);
    await rm(join(dir, 'a.txt'));
    expect(await until(() => c.calls() === 2)).toBe(true);
  }, 20_000);
});
