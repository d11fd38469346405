import { buildArticle } from '../build.js';
import { isPlainObject, pickMeta } from '../meta.js';
import { normaliseText } from '../normalise.js';
import type { LoadResult } from '../types.js';

/**
 * JSON: one record, an array of records, or `{ "articles": [...] }`. JSON Lines: one record a
 * line. A record is `{ text, title?, outlet?, url?, published?, author? }` (`text` may also be an
 * array of paragraphs); each record is one article. A bad record is an error naming it
 * (`file.json#3` = the record at index 3, `file.jsonl:7` = line 7); the others still load.
 * A record may carry `sourceKey` (see Article.sourceKey): records handed over by `factbot ingest`.
 */

export function parseJson(content: string, source: string): LoadResult {
  let value: unknown;
  try {
    value = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { articles: [], errors: [{ source, reason: `invalid JSON (${err instanceof Error ? err.message : String(err)})` }] };
  }
  if (isPlainObject(value) && Array.isArray(value.articles) && value.text === undefined) value = value.articles;
  if (Array.isArray(value)) {
    if (value.length === 0) return { articles: [], errors: [{ source, reason: 'no records (empty array)' }] };
    const result: LoadResult = { articles: [], errors: [] };
    value.forEach((record, i) => addRecord(result, record, `${source}#${i}`));
    return result;
  }
  const result: LoadResult = { articles: [], errors: [] };
  addRecord(result, value, source);
  return result;
}

export function parseJsonLines(content: string, source: string): LoadResult {
  const result: LoadResult = { articles: [], errors: [] };
  const lines = content.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${source}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      result.errors.push({ source: where, reason: `invalid JSON (${err instanceof Error ? err.message : String(err)})` });
      return;
    }
    addRecord(result, value, where);
  });
  if (!result.articles.length && !result.errors.length) result.errors.push({ source, reason: 'empty file' });
  return result;
}

function addRecord(result: LoadResult, record: unknown, where: string): void {
  const reason = recordProblem(record);
  if (reason) {
    result.errors.push({ source: where, reason });
    return;
  }
  const r = record as Record<string, unknown>;
  const raw = Array.isArray(r.text) ? r.text.filter((p): p is string => typeof p === 'string').join('\n') : (r.text as string);
  const built = buildArticle({ ...pickMeta(r), text: normaliseText(raw), source: where });
  if (built.ok) {
    const key = handedOverSourceKey(r);
    if (key !== undefined) built.article.sourceKey = key;
    result.articles.push(built.article);
  } else result.errors.push({ source: where, reason: built.reason === 'no text' ? 'record has empty text' : built.reason });
}

/**
 * `factbot ingest` hands articles to a running bot as JSON records and keeps the original file's
 * `sourceKey` in them, so an edited file handed over still replaces its earlier version. A string
 * (or null) given there is used as is; undefined means the record says nothing.
 */
function handedOverSourceKey(r: Record<string, unknown>): string | null | undefined {
  const k = r.sourceKey;
  if (k === null) return null;
  if (typeof k === 'string' && k.trim() && k.length <= 4096 && !k.includes('\u0000')) return k;
  return undefined;
}

function recordProblem(record: unknown): string | null {
  if (!isPlainObject(record)) return `not a record (expected an object with "text", got ${describe(record)})`;
  const text = record.text;
  if (text === undefined || text === null) return 'record has no "text"';
  if (typeof text === 'string') return null;
  if (Array.isArray(text) && text.every((p) => typeof p === 'string')) return null;
  return `record "text" must be a string (got ${describe(text)})`;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
