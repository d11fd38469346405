import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { DataDirError, openServices, readConfigOrReport } from '../dispatch/services.js';
import type { CorpusRuntime, SearchResult } from '../corpus/index.js';
import { toItem } from '../dispatch/kit.js';
import { statementJson, type Statement } from '../domain/statement.js';
import { renderItem } from '../platforms/console/render.js';
import { onStdoutClosed } from '../platforms/console/stdout.js';

/**
 * `factbot search "QUERY" [--json]` and `factbot search --stdin --json`. The JSON is a contract
 * used by other tools (see README): an array of statements, best first, each with `score` and
 * `article` {id, title, outlet, url}.
 */
export interface SearchCliOptions {
  json: boolean;
  stdin: boolean;
  limit: number;
  /** Another data folder than DATA_DIR's. */
  data?: string;
}

/** `search --json`: a statement's contract fields (see statementJson) plus where it sits and why it matched. */
export interface SearchJsonResult extends Statement {
  id: string;
  articleId: string;
  clusterId: string;
  score: number;
  highlights: Array<[number, number]>;
  corroboration: {
    articles: number;
    outlets: string[];
    firstOutlet: string | null;
    otherSpeakers: ReadonlyArray<{ speaker: string; articles: number; outlets: string[] }>;
  };
  article: { id: string; title: string; outlet: string | null; url: string | null };
}

export function toJson(r: SearchResult): SearchJsonResult {
  const s = r.statement;
  return {
    id: s.id,
    ...statementJson(s),
    articleId: s.articleId,
    clusterId: s.clusterId,
    score: Number(r.score.toFixed(6)),
    highlights: r.highlights.map(([a, b]) => [a, b]),
    corroboration: { ...r.corroboration, otherSpeakers: r.corroboration.otherSpeakers ?? [] },
    article: { id: r.article.id, title: r.article.title, outlet: r.article.outlet, url: r.article.url },
  };
}

async function answer(corpus: CorpusRuntime, query: string, limit: number): Promise<{ results: SearchJsonResult[]; notices: string[] }> {
  if (!query.trim()) return { results: [], notices: [] };
  const page = await corpus.search(query, { offset: 0, limit });
  return { results: page.results.map(toJson), notices: page.query.notices };
}

export async function runSearch(query: string, opts: SearchCliOptions): Promise<number> {
  let config = readConfigOrReport((m) => process.stderr.write(`${m}\n`));
  if (!config) return 2;
  if (!opts.stdin && !query.trim()) {
    process.stderr.write('search: give a query, or --stdin to read one query per line\n');
    return 2;
  }
  if (opts.data) config = { ...config, dataDir: resolve(opts.data) };
  let opened;
  try {
    opened = await openServices(config);
  } catch (e) {
    // e.g. the embedded store is in use by the running bot: one clear line, not a stack trace.
    process.stderr.write(`factbot search: ${(e as Error).message}\n`);
    // A DATA_DIR that cannot be used is a configuration error: exit 2, as npm start.
    return e instanceof DataDirError ? 2 : 1;
  }
  // `search --stdin --json | head`: when the reader leaves, stop reading queries and close quietly.
  let readerGone = false;
  const stopReading: Array<() => void> = [];
  onStdoutClosed(() => {
    readerGone = true;
    for (const f of stopReading) f();
  });
  try {
    if (opened.dataDirNotice) process.stderr.write(`${opened.dataDirNotice}\n`);
    for (const e of opened.sync?.errors ?? []) process.stderr.write(`${e.source}: ${e.reason}\n`);
    if (opts.stdin) {
      const rl = createInterface({ input: process.stdin, terminal: false });
      stopReading.push(() => rl.close());
      let lineNo = 0;
      for await (const line of rl) {
        if (readerGone) break;
        lineNo++;
        let out: SearchJsonResult[];
        try {
          const answered = await answer(opened.corpus, line, opts.limit);
          out = answered.results;
          // Notes (a cut query, an unknown filter) on stderr: stdout stays one JSON line per query.
          for (const n of answered.notices) process.stderr.write(`note (line ${lineNo}): ${n}\n`);
        } catch (err) {
          process.stderr.write(`search failed for one line: ${(err as Error).message}\n`);
          out = [];
        }
        // One line per query, written as it is answered: callers stream queries through us.
        process.stdout.write(`${JSON.stringify(out)}\n`);
      }
      return 0;
    }
    const page = await opened.corpus.search(query, { offset: 0, limit: opts.limit });
    for (const n of page.query.notices) process.stderr.write(`note: ${n}\n`);
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(page.results.map(toJson), null, 2)}\n`);
    } else if (!page.results.length) {
      process.stdout.write('No matches.\n');
    } else {
      page.results.forEach((r, i) => {
        process.stdout.write(`${renderItem(toItem(r), i + 1).join('\n')}\n   score ${r.score.toFixed(3)}\n\n`);
      });
    }
    return 0;
  } finally {
    await opened.close();
    if (opts.stdin) process.stdin.destroy();
  }
}
