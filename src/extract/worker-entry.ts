import { parentPort } from 'node:worker_threads';
import type { Article } from '../domain/article.js';
import { extractStatements } from './index.js';

/*
 * The extraction worker (see off-thread.ts): one article per message, its statements back. Kept
 * apart from the bot's thread because extraction is synchronous and a long article takes seconds.
 */
parentPort?.on('message', (msg: { id: number; article: Article }) => {
  try {
    parentPort!.postMessage({ id: msg.id, statements: extractStatements(msg.article) });
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
