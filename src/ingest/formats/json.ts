import { buildArticle } from '../build.js';
import { isPlainObject, pickMeta } from '../meta.js';
import { normaliseText } from '../normalise.js';
import type { LoadResult } from '../types.js';

/**
 * JSON: one record, an array of records, or `{ "articles": [...] }`. JSON Lines: one record a
 * line. A record is `{ text, title?, outlet?, url?, published?, author? }` (`text` may also be an
 * array of paragraphs, or be called `body`, `content`, `articleBody`…; an HTML body is read as
 * HTML, captions and furniture dropped); each record is one article. A bad record is an error naming it
 * (`file.json#3` = the record at index 3, `file.jsonl:7` = line 7); the others still load.
 * A record may carry `sourceKey` (see Article.sourceKey): records handed over by `factbot ingest`.
 */

export async function parseJson(content: string, source: string): Promise<LoadResult> {
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
    for (const [i, record] of value.entries()) await addRecord(result, record, `${source}#${i}`);
    return result;
  }
  const result: LoadResult = { articles: [], errors: [] };
  await addRecord(result, value, source);
  return result;
}

export async function parseJsonLines(content: string, source: string): Promise<LoadResult> {
  const result: LoadResult = { articles: [], errors: [] };
  const lines = content.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) continue;
    const where = `${source}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      result.errors.push({ source: where, reason: `invalid JSON (${err instanceof Error ? err.message : String(err)})` });
      continue;
    }
    await addRecord(result, value, where);
  }
  if (!result.articles.length && !result.errors.length) result.errors.push({ source, reason: 'empty file' });
  return result;
}

async function addRecord(result: LoadResult, record: unknown, where: string): Promise<void> {
  const reason = recordProblem(record);
  if (reason) {
    result.errors.push({ source: where, reason });
    return;
  }
  const r = record as Record<string, unknown>;
  const given = recordText(r)!;
  const joined = Array.isArray(given) ? given.filter((p): p is string => typeof p === 'string').join('\n') : given;
  // News APIs cut `content` and say by how much ("… [+1834 chars]"): the marker is not text.
  const raw = joined.replace(/\s*\[\+\d+ chars\]\s*$/, '');
  const key = handedOverSourceKey(r);
  // Records handed over by `factbot ingest` (they carry sourceKey) are articles already read:
  // their text is never taken for markup, whatever it contains.
  const text = key === undefined && looksLikeHtml(raw) ? (await import('./html.js')).htmlFragmentText(raw) : normaliseText(raw);
  const built = buildArticle({ ...pickMeta(r), text, source: where });
  if (built.ok) {
    if (key !== undefined) built.article.sourceKey = key;
    result.articles.push(built.article);
  } else result.errors.push({ source: where, reason: built.reason === 'no text' ? 'record has empty text' : built.reason });
}

/**
 * The article text of a record: `text`, else the names CMS exports use for it (QA 8: `body`,
 * `content`, `articleBody`, …; WordPress's REST API nests it as `{ rendered }`). The first field
 * present decides, even when it is not a string (then the record is refused, naming it).
 */
const TEXT_FIELDS = ['text', 'body', 'content', 'articleBody', 'article_body', 'body_html', 'content_html', 'html'] as const;

function recordTextField(r: Record<string, unknown>): { name: string; value: unknown } | null {
  for (const name of TEXT_FIELDS) {
    const v = r[name];
    if (v === undefined || v === null) continue;
    if (isPlainObject(v) && typeof v.rendered === 'string') return { name, value: v.rendered };
    return { name, value: v };
  }
  const elements = r.content_elements;
  if (Array.isArray(elements)) return { name: 'content_elements', value: ansText(elements) };
  return null;
}

/**
 * Arc XP (ANS) stories keep their body as `content_elements`: the text and header elements are the
 * article; images, videos, "interstitial_link" teasers, pull quotes and embeds are not (QA 8).
 * Element text is HTML (`<b>`, `&amp;`, links): the whole is returned as one HTML string.
 */
function ansText(elements: readonly unknown[]): string {
  const parts: string[] = [];
  for (const el of elements) {
    if (!isPlainObject(el) || typeof el.content !== 'string') continue;
    if (el.type === 'text') parts.push(`<p>${el.content}</p>`);
    else if (el.type === 'header') parts.push(`<h3>${el.content}</h3>`);
  }
  return parts.join('');
}

function recordText(r: Record<string, unknown>): string | unknown[] | null {
  const field = recordTextField(r);
  if (!field) return null;
  const v = field.value;
  return typeof v === 'string' || Array.isArray(v) ? v : null;
}

/**
 * A CMS export's HTML body (`<p>…</p>`, `<div>…`), not text that happens to mention a tag:
 * it opens with a block-level tag and closes one.
 */
function looksLikeHtml(s: string): boolean {
  return /^\s*<(?:p|div|section|article|figure|h[1-6]|blockquote|ul|ol|table|header|main|aside|span|strong|em)\b[^>]*>/i.test(s) && /<\/(?:p|div|section|article|figure|h[1-6]|blockquote|ul|ol|li|table)>/i.test(s);
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
  const field = recordTextField(record);
  if (!field) return 'record has no "text"';
  const text = field.value;
  if (typeof text === 'string') return null;
  if (Array.isArray(text) && text.every((p) => typeof p === 'string')) return null;
  return `record "${field.name}" must be a string (got ${describe(text)})`;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
