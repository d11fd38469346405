import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { dropEchoes, isFurnitureParagraph, removePageFurniture } from '../boilerplate.js';
import { buildArticle } from '../build.js';
import { isPlainObject } from '../meta.js';
import { normaliseInline, normaliseText, toParagraphs } from '../normalise.js';
import type { LoadResult } from '../types.js';
import { headTags, measureDom, measureHtml, plainTextOfHtml, RAW_LIMITS, tooComplex } from './html-shape.js';
import type { ParseContext } from './index.js';

/**
 * HTML pages: the main text by @mozilla/readability on jsdom, one paragraph per block element
 * (headings and captions stay paragraphs of their own, `<br>` breaks a line), plus the page's
 * metadata (Open Graph, article:*, canonical link, JSON-LD, author meta).
 *
 * jsdom is created without `runScripts` and without a resource loader: scripts in a page are
 * never executed and nothing is fetched. Markup inside the text (`&lt;script&gt;`) stays text.
 */

export interface HtmlMeta {
  title: string | null;
  outlet: string | null;
  url: string | null;
  published: string | null;
  author: string | null;
}

/** `warning`: read, but not by readability (the page was too complex for it). */
export type HtmlPage = { ok: true; text: string; meta: HtmlMeta; warning?: string } | { ok: false; reason: string };

/**
 * A whole page → its main text and metadata (readability's own guesses fill what the page omits).
 * A page too deep or too big for jsdom and readability to finish in a few seconds (see
 * html-shape.ts) is read as plain text instead, in one pass: first by an estimate from the raw
 * HTML, before jsdom parses it; then exactly, on the parsed DOM, before readability runs.
 */
export function readHtmlPage(content: string, pageUrl?: string): HtmlPage {
  const roughly = tooComplex(measureHtml(content), RAW_LIMITS);
  if (roughly) return plainPage(content, pageUrl, roughly, null);
  let dom: JSDOM;
  try {
    dom = new JSDOM(content, { url: pageUrl ?? 'about:blank', virtualConsole: new VirtualConsole(), contentType: 'text/html' });
  } catch (err) {
    return { ok: false, reason: `invalid HTML (${err instanceof Error ? err.message : String(err)})` };
  }
  try {
    const doc = dom.window.document;
    const exactly = tooComplex(measureDom(doc));
    if (exactly) return plainPage(content, pageUrl, exactly, doc);
    const meta = pageMetadata(doc);
    const ldBody = jsonLdBody(doc);
    const h1 = nonEmpty(doc.querySelector('h1')?.textContent?.replace(/\s+/g, ' '));
    // Captions, sign-ups, bios, teasers, pull quotes: not the article (boilerplate.ts), for
    // readability and for the whole-body fallback alike.
    if (doc.body) removePageFurniture(doc.body);
    // Readability rewrites the document it reads: metadata first, and a copy of the body kept.
    const body = doc.body ? (doc.body.cloneNode(true) as HTMLElement) : null;
    let article: ReturnType<Readability<Node>['parse']> = null;
    try {
      article = new Readability<Node>(doc, { serializer: (node) => node, charThreshold: 200 }).parse();
    } catch {
      article = null;
    }
    let paragraphs = article?.content ? blockText(article.content) : [];
    if (!paragraphs.length && body) {
      for (const el of body.querySelectorAll('script, style, noscript, template, nav, svg')) el.remove();
      paragraphs = blockText(body);
    }
    let text = articleParagraphs(paragraphs).join('\n');
    // A page drawn by its scripts has no text in its HTML (or only its navigation), but often its
    // JSON-LD carries the whole article as articleBody (QA 8): that, when the page says less.
    if (ldBody && wordCount(ldBody) > 2 * wordCount(text)) text = articleParagraphs(toParagraphs(ldBody)).join('\n');
    if (!text) return { ok: false, reason: 'no article text found in the page' };
    return {
      ok: true,
      text,
      meta: {
        title: meta.title ?? pageTitle(nonEmpty(article?.title) ?? nonEmpty(doc.title), h1),
        outlet: meta.outlet ?? nonEmpty(article?.siteName),
        url: meta.url,
        published: meta.published ?? nonEmpty(article?.publishedTime),
        author: meta.author ?? nonEmpty(article?.byline),
      },
    };
  } finally {
    dom.window.close();
  }
}

/**
 * The bounded path: paragraphs from the raw HTML (`plainTextOfHtml`, linear), metadata from the
 * parsed page when there is one, else from its `<meta>`/`<link>`/`<title>`/JSON-LD tags alone
 * (a small flat document, whatever the page's shape).
 */
function plainPage(content: string, pageUrl: string | undefined, why: string, parsed: Document | null): HtmlPage {
  const text = plainTextOfHtml(content).join('\n');
  if (!text) return { ok: false, reason: `page too complex to read (${why}) and no text found outside its markup` };
  const warning = `page too complex for article extraction (${why}): read as plain text, navigation and boilerplate included`;
  const read = (doc: Document): HtmlPage => {
    const meta = pageMetadata(doc);
    return { ok: true, text, meta: { ...meta, title: meta.title ?? nonEmpty(doc.title) }, warning };
  };
  if (parsed) return read(parsed);
  const head = new JSDOM(`<!doctype html><html><head>${headTags(content)}</head><body></body></html>`, {
    url: pageUrl ?? 'about:blank',
    virtualConsole: new VirtualConsole(),
    contentType: 'text/html',
  });
  try {
    return read(head.window.document);
  } finally {
    head.window.close();
  }
}

export function parseHtml(content: string, source: string, ctx: ParseContext = {}): LoadResult {
  const page = readHtmlPage(content, ctx.url);
  if (!page.ok) return { articles: [], errors: [{ source, reason: page.reason }] };
  const fetchedUrl = ctx.url && /^https?:/i.test(ctx.url) ? ctx.url : null;
  const built = buildArticle({ ...page.meta, url: page.meta.url ?? fetchedUrl, text: page.text, source });
  if (!built.ok) return { articles: [], errors: [{ source, reason: built.reason }] };
  return { articles: [built.article], errors: page.warning ? [{ source, reason: page.warning, warning: true }] : [] };
}

/**
 * An HTML fragment (a feed item's content) → paragraphs; no readability, the fragment is the article
 * (`piece`: only part of one, an HTML block in Markdown — see removePageFurniture).
 * jsdom's own parse is quadratic in depth (5 s at 5,000 nested elements): a fragment past the raw
 * limits is read in one pass instead.
 */
export function htmlFragmentText(fragment: string, opts: { piece?: boolean } = {}): string {
  if (tooComplex(measureHtml(fragment), RAW_LIMITS)) return plainTextOfHtml(fragment).join('\n');
  // One document for every fragment: a new JSDOM costs ~15 ms, and a CMS export or a feed has
  // thousands of HTML bodies (1,000 records took 20 s, at every start of the bot). Parsing into a
  // detached <template> of it runs no script and loads nothing, as a fresh window would not.
  const doc = fragmentDocument();
  const template = doc.createElement('template');
  template.innerHTML = fragment;
  const root = doc.createElement('div');
  root.append(template.content);
  doc.body.append(root);
  try {
    removePageFurniture(root, opts);
    return articleParagraphs(blockText(root)).join('\n');
  } finally {
    root.remove();
  }
}

let sharedDocument: Document | null = null;

function fragmentDocument(): Document {
  sharedDocument ??= new JSDOM('<!doctype html><body>', { virtualConsole: new VirtualConsole() }).window.document;
  return sharedDocument;
}

/** Paragraphs without furniture lines and without pull quotes repeating the body (boilerplate.ts). */
function articleParagraphs(paragraphs: readonly string[]): string[] {
  return dropEchoes(paragraphs.filter((p) => !isFurnitureParagraph(p)));
}

/** "Story - Site" when the page's heading says "Story": the heading is the title without the site. */
function pageTitle(title: string | null, h1: string | null): string | null {
  if (title && h1 && title !== h1 && title.includes(h1)) return h1;
  return title ?? h1;
}

function nonEmpty(s: string | null | undefined): string | null {
  return s && s.trim() ? s.trim() : null;
}

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main',
  'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'button', 'select', 'textarea']);
const CELL = new Set(['td', 'th']);

/** A DOM subtree → paragraphs: one per block element or `<br>`-separated line, whitespace collapsed. */
export function blockText(root: Node): string[] {
  const lines: string[] = [];
  let current = '';
  let quoteDepth = 0;
  const breakLine = () => {
    if (current.trim()) lines.push(current);
    current = '';
  };
  const visit = (node: Node, pre: boolean): void => {
    if (node.nodeType === 3 /* text */) {
      const t = node.nodeValue ?? '';
      if (pre) {
        const parts = t.split('\n');
        parts.forEach((part, i) => {
          if (i > 0) breakLine();
          current += part;
        });
      } else {
        current += t.replace(/[ \t\n\r\f]+/g, ' ');
      }
      return;
    }
    if (node.nodeType !== 1 /* element */) return;
    const el = node as Element;
    const tag = el.localName;
    if (SKIP.has(tag)) return;
    if (tag === 'br') return breakLine();
    const block = BLOCK.has(tag);
    if (block) breakLine();
    if (CELL.has(tag)) current += ' ';
    // <q> is a quotation whose marks the browser draws (QA 8: without them the words read as the
    // writer's own, and a direct quote became reported speech). A quote inside a quote: '…'.
    const mark = tag === 'q' ? (quoteDepth++ % 2 === 0 ? '"' : "'") : '';
    current += mark;
    for (const child of el.childNodes) visit(child, pre || tag === 'pre');
    current += mark;
    if (tag === 'q') quoteDepth--;
    if (block) breakLine();
  };
  visit(root, false);
  breakLine();
  return lines.map((l) => normaliseInline(l).replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** The page's own metadata; each field null when the page does not say. */
export function pageMetadata(doc: Document): HtmlMeta {
  const metas = new Map<string, string>();
  for (const m of doc.querySelectorAll('meta')) {
    const key = (m.getAttribute('property') ?? m.getAttribute('name') ?? m.getAttribute('itemprop') ?? '').trim().toLowerCase();
    const value = (m.getAttribute('content') ?? '').trim();
    if (key && value && !metas.has(key)) metas.set(key, value);
  }
  const meta = (...keys: string[]): string | null => {
    for (const k of keys) {
      const v = metas.get(k);
      if (v) return v;
    }
    return null;
  };
  const ld = jsonLdArticle(doc);
  const canonical = doc.querySelector('link[rel~="canonical"][href]');
  const resolve = (href: string | null | undefined): string | null => {
    if (!href) return null;
    try {
      const u = new URL(href, doc.URL);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch {
      return null;
    }
  };
  const timeEl = doc.querySelector('article time[datetime], time[itemprop="datePublished"][datetime], time[pubdate][datetime]');
  const authorMeta = meta('author', 'article:author', 'byl', 'parsely-author', 'sailthru.author', 'dc.creator');
  const relAuthor = doc.querySelector('[rel~="author"]')?.textContent?.trim() || null;
  return {
    title: meta('og:title', 'twitter:title', 'headline') ?? ldString(ld?.headline),
    outlet: meta('og:site_name', 'publisher', 'article:publisher', 'application-name') ?? ldName(ld?.publisher),
    url: resolve(canonical?.getAttribute('href')) ?? resolve(meta('og:url')) ?? resolve(ldString(ld?.url)),
    published:
      meta('article:published_time', 'datepublished', 'date', 'pubdate', 'publishdate', 'dc.date.issued', 'dc.date', 'sailthru.date', 'parsely-pub-date', 'og:published_time') ??
      ldString(ld?.datePublished) ??
      (timeEl?.getAttribute('datetime')?.trim() || null),
    author: (authorMeta && !/^https?:\/\//i.test(authorMeta) ? authorMeta : null) ?? ldName(ld?.author) ?? relAuthor,
  };
}

const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|ScholarlyArticle)$/;

/** The first JSON-LD object of an article type (top level, in an array, or in `@graph`). */
function jsonLdArticle(doc: Document): Record<string, unknown> | null {
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const queue: unknown[] = [data];
    while (queue.length) {
      const item = queue.shift();
      if (Array.isArray(item)) queue.push(...item);
      else if (isPlainObject(item)) {
        const type = item['@type'];
        const types = Array.isArray(type) ? type : [type];
        if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) return item;
        if (Array.isArray(item['@graph'])) queue.push(...item['@graph']);
      }
    }
  }
  return null;
}

/** The JSON-LD article's `articleBody`, normalised (paragraphs by its line breaks); null when absent. */
function jsonLdBody(doc: Document): string | null {
  const body = jsonLdArticle(doc)?.articleBody;
  if (typeof body !== 'string' || !body.trim()) return null;
  const text = /<\/(?:p|div)>/i.test(body) ? htmlFragmentText(body) : normaliseText(body);
  return text || null;
}

function wordCount(s: string): number {
  return s.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

function ldString(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

function ldName(v: unknown): string | null {
  if (typeof v === 'string') return ldString(v);
  if (Array.isArray(v)) {
    const names = v.map(ldName).filter((n): n is string => !!n);
    return names.length ? names.join(', ') : null;
  }
  if (isPlainObject(v)) return ldString(v.name);
  return null;
}
