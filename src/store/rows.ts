import { createHash } from 'node:crypto';
import type { Article } from '../domain/article.js';
import { statementJson, type Statement, type StatementKind, type StoredStatement } from '../domain/statement.js';

/** Shapes and helpers the store's SQL modules share: rows, ids, batching, input checks. */

/** Rows per multi-row INSERT (one array parameter per column). */
export const INSERT_CHUNK = 5000;

/**
 * Rows per multi-row write on PGlite, which runs every query on the bot's own thread: a 5,000-row
 * insert of statements held it for 0.6–1 s (under load), and a whole long article's write for
 * 2–5 s, past Slack's 3 s acknowledgement. 500 rows is tens of milliseconds a query.
 */
export const PGLITE_WRITE_CHUNK = 500;

/**
 * Lets the event loop run (timers, sockets, Slack's acknowledgements) before the write goes on.
 * A macrotask: awaiting a PGlite query only ever queues microtasks, so a write of many queries
 * otherwise never gives the loop a turn until it commits.
 */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A digest of what was extracted from an article, stored with it: the same text with other
 * statements (a newer extractor) is a change to store, not "unchanged". Fields in a fixed order.
 */
export function statementsHash(statements: readonly Statement[]): string {
  return createHash('sha256').update(JSON.stringify(statements.map(statementJson))).digest('hex');
}

export interface ArticleWithStatements {
  article: Article;
  statements: Statement[];
}

export interface StatementRow {
  article_id: string;
  ordinal: number;
  text: string;
  kind: string;
  quote: string | null;
  speaker: string | null;
  speaker_mention: string | null;
  speaker_role: string | null;
  outlet: string | null;
  cue: string | null;
  start_pos: number;
  end_pos: number;
  paragraph: number;
  cluster_id: string;
  ingested_at: Date | string;
}

export const STATEMENT_COLUMNS = `s.article_id, s.ordinal, s.text, s.kind, s.quote, COALESCE(sp.name, s.speaker_raw) AS speaker,
  s.speaker_mention, s.speaker_role, s.outlet, s.cue, s.start_pos, s.end_pos, s.paragraph, s.cluster_id, s.ingested_at`;
export const STATEMENT_FROM = 'statements s LEFT JOIN speakers sp ON sp.id = s.speaker_id';

const KINDS = new Set<StatementKind>(['direct', 'indirect', 'mixed', 'statement']);

export function iso(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  return new Date(String(v)).toISOString();
}

export function statementId(articleId: string, ordinal: number): string {
  return `${articleId}:${ordinal}`;
}

/** "article:id:7" → ["article:id", 7]; null when the id has no ordinal. */
export function parseStatementId(id: string): [string, number] | null {
  const i = id.lastIndexOf(':');
  if (i <= 0) return null;
  const ordinal = Number(id.slice(i + 1));
  if (!Number.isInteger(ordinal) || ordinal < 0) return null;
  return [id.slice(0, i), ordinal];
}

export function toStatement(r: StatementRow): StoredStatement {
  const ordinal = Number(r.ordinal);
  return {
    id: statementId(r.article_id, ordinal),
    articleId: r.article_id,
    ordinal,
    text: r.text,
    kind: r.kind as StatementKind,
    quote: r.quote,
    speaker: r.speaker,
    speakerMention: r.speaker_mention,
    speakerRole: r.speaker_role,
    outlet: r.outlet,
    cue: r.cue,
    start: Number(r.start_pos),
    end: Number(r.end_pos),
    paragraph: Number(r.paragraph),
    clusterId: r.cluster_id,
    ingestedAt: iso(r.ingested_at),
  };
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Checks what the SQL relies on, so a bad statement fails the whole article with a clear reason. */
export function validateStatement(s: Statement, article: Article, i: number): void {
  const where = `article ${article.id}, statement ${i}`;
  if (typeof s.text !== 'string') throw new Error(`${where}: text is not a string`);
  if (!KINDS.has(s.kind)) throw new Error(`${where}: unknown kind ${String(s.kind)}`);
  for (const k of ['text', 'quote', 'speaker', 'speakerMention', 'speakerRole', 'outlet', 'cue'] as const) {
    const v = s[k];
    if (v !== null && typeof v !== 'string') throw new Error(`${where}: ${k} must be a string or null`);
    if (v?.includes('\u0000')) throw new Error(`${where}: ${k} contains a NUL character, which the database cannot store`);
  }
  for (const k of ['start', 'end', 'paragraph'] as const) {
    if (!Number.isInteger(s[k]) || s[k] < 0) throw new Error(`${where}: ${k} must be a non-negative integer`);
  }
}

/** Everything a write produced that the change feed must mention beyond the articles written. */
export interface WriteEffects {
  touched: Set<string>;
  clusters: Set<string>;
}
