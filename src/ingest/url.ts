import { buildArticle } from './build.js';
import { decodeText } from './decode.js';
import { formatBytes, withWarning } from './files.js';
import { formatOfPath, parseContent, type Format } from './formats/index.js';
import { normaliseUrlForId, parseHttpUrl } from './identity.js';
import { normaliseText } from './normalise.js';
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_FEED_ITEMS,
  DEFAULT_TIMEOUT_MS,
  emptyResult,
  mergeInto,
  type FetchLike,
  type LoadOptions,
  type LoadResult,
} from './types.js';

/**
 * Web sources: an http(s) URL is fetched (time limit, size cap, redirects followed), and what came
 * back decides the loader: an HTML page → readability; an RSS/Atom feed → one article per item
 * (the item's full content when the feed carries it, else the item's page, fetched; at most
 * `maxFeedItems` items); Markdown, plain text, JSON and JSON Lines by content type or extension.
 * Every failure is an IngestError naming the URL.
 */

const USER_AGENT = 'factbot/0.1 (news fact lookup bot; ingest)';
const ACCEPT = 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/markdown,text/plain;q=0.8,application/json;q=0.8,*/*;q=0.5';
/** Item pages of one feed fetched at once: polite to the site, and two cores to parse on. */
const FEED_CONCURRENCY = 4;

type Fetched = { ok: true; bytes: Uint8Array; contentType: string; charset: string | null; finalUrl: string } | { ok: false; reason: string };

export async function loadUrlImpl(url: string, opts: LoadOptions): Promise<LoadResult> {
  const fail = (reason: string): LoadResult => ({ articles: [], errors: [{ source: url, reason }] });
  if (!parseHttpUrl(url)) return fail('not an http(s) URL (only http and https are fetched)');
  const fetched = await fetchLimited(url, opts);
  if (!fetched.ok) return fail(fetched.reason);
  const decoded = decodeText(fetched.bytes, fetched.charset);
  if (!decoded.ok) return fail(decoded.reason === 'empty file' ? 'empty response' : decoded.reason);
  const body = decoded.text;
  if (!body.trim()) return fail('empty response');
  const kind = sniff(fetched.contentType, body, fetched.finalUrl);
  if (kind === null) return fail(`unsupported content type (${fetched.contentType || 'none given'})`);
  if (kind === 'feed') return withWarning(await loadFeed(url, body, fetched.finalUrl, opts), url, decoded.warning);
  try {
    return withWarning(await parseContent(kind, body, url, { url: fetched.finalUrl }), url, decoded.warning);
  } catch (err) {
    return fail(`cannot be parsed (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** Fetches with a time limit on the whole exchange and a cap on the bytes read. */
export async function fetchLimited(url: string, opts: LoadOptions): Promise<Fetched> {
  const fetchImpl: FetchLike = opts.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let res: Response;
    try {
      res = await fetchImpl(url, { signal: controller.signal, redirect: 'follow', headers: { 'user-agent': USER_AGENT, accept: ACCEPT } });
    } catch (err) {
      return { ok: false, reason: controller.signal.aborted ? `timed out after ${seconds(timeoutMs)}` : describeFetchError(err) };
    }
    const finalUrl = res.url || url;
    if (!parseHttpUrl(finalUrl)) return { ok: false, reason: `redirected to a non-http(s) URL (${finalUrl})` };
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return { ok: false, reason: `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}` };
    }
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      return { ok: false, reason: `response too large (${formatBytes(declared)}; the limit is ${formatBytes(maxBytes)})` };
    }
    const bytes = await readCapped(res, maxBytes, controller);
    if (bytes === 'too-large') return { ok: false, reason: `response too large (over ${formatBytes(maxBytes)})` };
    if (bytes === 'aborted') return { ok: false, reason: `timed out after ${seconds(timeoutMs)}` };
    if (bytes instanceof Error) return { ok: false, reason: describeFetchError(bytes) };
    const { essence, charset } = parseContentType(res.headers.get('content-type'));
    return { ok: true, bytes, contentType: essence, charset, finalUrl };
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(res: Response, maxBytes: number, controller: AbortController): Promise<Uint8Array | 'too-large' | 'aborted' | Error> {
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return 'too-large';
      }
      chunks.push(value);
    }
  } catch (err) {
    return controller.signal.aborted ? 'aborted' : err instanceof Error ? err : new Error(String(err));
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function parseContentType(header: string | null): { essence: string; charset: string | null } {
  if (!header) return { essence: '', charset: null };
  const [essence = '', ...params] = header.split(';');
  let charset: string | null = null;
  for (const p of params) {
    const m = /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p);
    if (m?.[1]) charset = m[1];
  }
  return { essence: essence.trim().toLowerCase(), charset };
}

function describeFetchError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const code = cause?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
  if (code) return `fetch failed (${code})`;
  const message = cause?.message ?? (err instanceof Error ? err.message : String(err));
  return `fetch failed (${message})`;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

type Kind = Format | 'feed';

/** What the response is: the content type when it is specific, else the body and the URL's extension. */
export function sniff(contentType: string, body: string, finalUrl: string): Kind | null {
  const byExtension = formatOfPath(new URL(finalUrl).pathname);
  const start = body.trimStart().slice(0, 512).toLowerCase();
  const looksHtml = /^(<!--[\s\S]*?-->\s*)*<(!doctype html|html|head|body)[\s>]/.test(start);
  switch (contentType) {
    case 'text/html':
    case 'application/xhtml+xml':
      return looksFeed(body) ? 'feed' : 'html';
    case 'application/rss+xml':
    case 'application/atom+xml':
    case 'application/rdf+xml':
      return 'feed';
    case 'application/xml':
    case 'text/xml':
      return looksFeed(body) ? 'feed' : looksHtml ? 'html' : null;
    case 'application/json':
    case 'text/json':
      return byExtension === 'jsonl' ? 'jsonl' : 'json';
    case 'application/x-ndjson':
    case 'application/ndjson':
    case 'application/jsonl':
    case 'application/x-jsonlines':
    case 'application/jsonlines':
      return 'jsonl';
    case 'text/markdown':
    case 'text/x-markdown':
      return 'markdown';
  }
  if (contentType.endsWith('+json')) return 'json';
  if (contentType.endsWith('+xml')) return looksFeed(body) ? 'feed' : null;
  const generic = contentType === '' || contentType === 'text/plain' || contentType === 'application/octet-stream' || contentType === 'binary/octet-stream';
  if (!generic) return null;
  if (looksFeed(body)) return 'feed';
  if (byExtension) return byExtension;
  if (looksHtml) return 'html';
  if (/^[[{]/.test(start)) return 'json';
  return 'txt';
}

function looksFeed(body: string): boolean {
  const head = body.trimStart().slice(0, 2048).replace(/<!--[\s\S]*?-->/g, '');
  return /^(<\?xml[^>]*\?>\s*)?(<!doctype[^>]*>\s*)?(<\?xml-stylesheet[^>]*\?>\s*)*<(rss|feed|rdf:RDF)[\s>]/i.test(head);
}

async function loadFeed(feedUrl: string, xml: string, finalUrl: string, opts: LoadOptions): Promise<LoadResult> {
  const { parseFeed, feedOutlet } = await import('./formats/feed.js');
  const parsed = parseFeed(xml);
  if (!parsed.ok) return { articles: [], errors: [{ source: feedUrl, reason: parsed.reason }] };
  const { feed } = parsed;
  const max = opts.maxFeedItems ?? DEFAULT_MAX_FEED_ITEMS;
  if (!feed.items.length) return { articles: [], errors: [{ source: feedUrl, reason: 'feed has no items' }] };
  const items = feed.items.slice(0, max);
  const feedKey = normaliseUrlForId(parseHttpUrl(feedUrl) ?? new URL(finalUrl));
  // A feed that gives several items one guid (a broken CMS) has no usable guids: keyed by it, each
  // item would replace the others in the store.
  const guidCount = new Map<string, number>();
  for (const item of items) if (item.guid) guidCount.set(item.guid, (guidCount.get(item.guid) ?? 0) + 1);
  const results = await mapPool(items, FEED_CONCURRENCY, async (item, i): Promise<LoadResult> => {
    const r = await loadFeedItem(item, i);
    // An item keeps its guid when the newsroom edits it and its link changes with the headline:
    // keyed by feed and guid, the corrected version replaces the old one in the store instead of
    // standing beside it and corroborating it (QA 9).
    if (item.guid && guidCount.get(item.guid) === 1) for (const a of r.articles) a.sourceKey = feedItemKey(feedKey, item.guid);
    return r;
  });
  const result = emptyResult();
  for (const r of results) mergeInto(result, r);
  return result;

  async function loadFeedItem(item: (typeof items)[number], i: number): Promise<LoadResult> {
    const link = item.link ? resolveLink(item.link, finalUrl) : null;
    const source = link ?? `${feedUrl}#${i}`;
    const itemMeta = { title: item.title, url: link, published: item.published, author: item.author };
    if (item.content) {
      let text: string;
      if (item.contentIsHtml) {
        const { htmlFragmentText } = await import('./formats/html.js');
        text = htmlFragmentText(item.content);
      } else {
        text = normaliseText(item.content);
      }
      const built = buildArticle({ ...itemMeta, outlet: feedOutlet(feed.title), text, source });
      return built.ok ? { articles: [built.article], errors: [] } : { articles: [], errors: [{ source, reason: `feed item: ${built.reason}` }] };
    }
    if (!link) return { articles: [], errors: [{ source, reason: 'feed item has neither content nor a link' }] };
    const page = await fetchLimited(link, opts);
    if (!page.ok) return { articles: [], errors: [{ source, reason: page.reason }] };
    const decoded = decodeText(page.bytes, page.charset);
    if (!decoded.ok) return { articles: [], errors: [{ source, reason: decoded.reason }] };
    const kind = sniff(page.contentType, decoded.text, page.finalUrl);
    if (kind !== 'html') {
      if (kind === null || kind === 'feed') return { articles: [], errors: [{ source, reason: `item page is not an article (${page.contentType || 'unknown type'})` }] };
      return withWarning(await parseContent(kind, decoded.text, source, { url: page.finalUrl }), source, decoded.warning);
    }
    const { readHtmlPage } = await import('./formats/html.js');
    const read = readHtmlPage(decoded.text, page.finalUrl);
    if (!read.ok) return { articles: [], errors: [{ source, reason: read.reason }] };
    const warnings = [decoded.warning, read.warning].filter((w): w is string => !!w).map((reason) => ({ source, reason, warning: true }));
    // The page knows its own metadata best; the feed fills what the page leaves out.
    const built = buildArticle({
      text: read.text,
      title: read.meta.title ?? item.title,
      outlet: read.meta.outlet ?? feedOutlet(feed.title),
      url: read.meta.url ?? page.finalUrl,
      published: read.meta.published ?? item.published,
      author: read.meta.author ?? item.author,
      source,
    });
    return built.ok ? { articles: [built.article], errors: warnings } : { articles: [], errors: [{ source, reason: built.reason }] };
  }
}

/**
 * The `sourceKey` of a feed item: its feed (normalised URL) and guid. Never an absolute path, so
 * it cannot meet a file's key; the feed's URL rather than its site, as guids are unique only
 * within one feed ("1001" in two feeds of one site are two stories).
 */
export function feedItemKey(feedKey: string, guid: string): string {
  return `feed-item:${feedKey}#${guid}`;
}

function resolveLink(link: string, base: string): string | null {
  try {
    const u = new URL(link, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Runs `fn` over `items` with at most `limit` at once, results in input order. */
async function mapPool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i] as T, i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
