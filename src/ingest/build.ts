import type { Article } from '../domain/article.js';
import { articleId, cleanUrl, contentHash, datelineAgency, deriveTitle, normalisePublished, parseHttpUrl } from './identity.js';
import { normaliseField } from './normalise.js';

/** What a loader hands over: paragraphs already normalised, metadata as the source gave it. */
export interface RawArticle {
  /** Normalised text (see normalise.ts): paragraphs joined by "\n". */
  text: string;
  title?: unknown;
  outlet?: unknown;
  url?: unknown;
  published?: unknown;
  author?: unknown;
  source: string;
}

export type BuildResult = { ok: true; article: Article } | { ok: false; reason: string };

/** Turns a loader's output into an `Article`, or a reason it cannot be one (no text). */
export function buildArticle(raw: RawArticle): BuildResult {
  const text = raw.text;
  if (!text.trim()) return { ok: false, reason: 'no text' };
  const parsedUrl = parseHttpUrl(raw.url);
  const url = parsedUrl ? cleanUrl(parsedUrl) : null;
  // A wire story with no outlet of its own is the agency's its dateline names.
  const outlet = normaliseField(raw.outlet) ?? datelineAgency(text);
  const title = withoutOutlet(normaliseField(raw.title), outlet) ?? deriveTitle(text);
  const published = normalisePublished(raw.published);
  const author = normaliseAuthor(raw.author);
  const fields = { text, title, outlet, url, published, author };
  return {
    ok: true,
    article: {
      id: articleId(parsedUrl, text),
      ...fields,
      source: raw.source,
      contentHash: contentHash(fields),
    },
  };
}

/** Authors come as a string, a list, or `{ name }` records (JSON-LD, feeds): one display string. */
export function normaliseAuthor(raw: unknown): string | null {
  const names: string[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object' && 'name' in v) visit((v as { name: unknown }).name);
    else {
      const s = normaliseField(v);
      if (s && !/^https?:\/\//i.test(s)) names.push(s.replace(/^by\s+/i, ''));
    }
  };
  visit(raw);
  const unique = [...new Set(names.filter(Boolean))];
  return unique.length ? unique.join(', ') : null;
}

/**
 * "Ferry fares frozen - Islands Weekly" → "Ferry fares frozen" when the outlet is Islands Weekly:
 * <title> tags and news APIs append the site, and every answer then named it twice (QA 8).
 */
function withoutOutlet(title: string | null, outlet: string | null): string | null {
  if (!title || !outlet) return title;
  const key = (s: string) => s.toLowerCase().replace(/^the\s+/, '');
  const m = /^(.+?)\s+[-|:\u00B7\u2022]\s+([^-|:\u00B7\u2022]+)$/.exec(title);
  return m && key(m[2]!.trim()) === key(outlet) ? m[1]!.trim() : title;
}
