import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Article } from '../domain/article.js';
import type { Statement } from '../domain/statement.js';
import { log } from '../log.js';
import { extractStatements } from './index.js';

/**
 * Extraction on a worker thread. `extractStatements` is synchronous and takes about a second per
 * megabyte of text: run on the bot's thread, an article dropped into the data folder held every
 * Slack and Discord request arriving meanwhile past the platforms' 3-second acknowledgement (and on
 * Discord such an interaction can never be answered). One worker, started at the first article and
 * not keeping the process alive; if it cannot start or dies, extraction goes on in the bot's
 * thread (slower to answer meanwhile, never wrong or lost).
 */
export interface OffThreadExtractor {
  extract(article: Article): Promise<Statement[]>;
  close(): Promise<void>;
}

interface Pending {
  resolve(statements: Statement[]): void;
  reject(err: Error): void;
  article: Article;
}

type Reply = { id: number; statements: Statement[] } | { id: number; error: string };

export function offThreadExtractor(): OffThreadExtractor {
  let worker: Worker | null = null;
  let broken = false;
  let nextId = 0;
  const pending = new Map<number, Pending>();

  const fallBack = (why: unknown): void => {
    if (!broken) log.warn({ err: why }, 'extraction worker unavailable; extracting on the main thread');
    broken = true;
    worker = null;
    // What was in flight is extracted here instead: nothing is lost.
    for (const [id, p] of pending) {
      pending.delete(id);
      try {
        p.resolve(extractStatements(p.article));
      } catch (err) {
        p.reject(err instanceof Error ? err : new Error(String(err)));
      }
    }
  };

  const start = (): Worker | null => {
    if (worker || broken) return worker;
    try {
      const w = spawnWorker();
      w.unref();
      w.on('message', (reply: Reply) => {
        const p = pending.get(reply.id);
        if (!p) return;
        pending.delete(reply.id);
        if ('error' in reply) p.reject(new Error(reply.error));
        else p.resolve(reply.statements);
        // Idle, it must not keep the process alive; busy, it must (a CLI run has nothing else).
        if (!pending.size) w.unref();
      });
      w.on('error', (err) => fallBack(err));
      w.on('exit', (code) => {
        if (worker === w && pending.size) fallBack(new Error(`extraction worker exited with code ${code}`));
        if (worker === w) worker = null;
      });
      worker = w;
    } catch (err) {
      fallBack(err);
    }
    return worker;
  };

  return {
    extract(article) {
      const w = start();
      if (!w) return Promise.resolve().then(() => extractStatements(article));
      return new Promise<Statement[]>((resolve, reject) => {
        const id = nextId++;
        try {
          w.postMessage({ id, article });
        } catch {
          // Not transferable as posted (should not happen: articles are plain data): here instead.
          resolve(extractStatements(article));
          return;
        }
        pending.set(id, { resolve, reject, article });
        w.ref();
      });
    },
    async close() {
      const w = worker;
      worker = null;
      broken = true;
      if (w) await w.terminate();
      // Anything still waiting is finished here.
      fallBack(new Error('extraction worker closed'));
    },
  };
}

/**
 * Run from TypeScript sources (npm start, the tests), the worker registers tsx itself first: a
 * loader given on the command line (`--import tsx`) is not active in worker threads on Node 20.
 */
function spawnWorker(): Worker {
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSources ? './worker-entry.ts' : './worker-entry.js', import.meta.url);
  if (!fromSources) return new Worker(entry);
  const boot = `import(${JSON.stringify(tsxEsmApi())}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true });
}

/**
 * The URL of tsx's ESM register API, from its package's exports (import.meta.resolve would do, but
 * the test runner's module system lacks it, and require.resolve gives the CommonJS build).
 */
function tsxEsmApi(): string {
  const pkgFile = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(pkgFile), pkg.exports['./esm/api']!.import.default)).href;
}
