import { XMLParser } from 'fast-xml-parser';
import { isPlainObject } from '../meta.js';

/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds → items. Only reads the XML: whether an item's content is
 * used or its link fetched is decided by the URL loader.
 */

export interface FeedItem {
  title: string | null;
  link: string | null;
  published: string | null;
  author: string | null;
  /** The item's full content (content:encoded, Atom content), HTML or text; null when absent. */
  content: string | null;
  contentIsHtml: boolean;
  /** RSS `<guid>` (a permalink or not) or Atom `<id>`: the item's identity in its feed, kept when its link changes. */
  guid: string | null;
}

export interface Feed {
  title: string | null;
  items: FeedItem[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => ['item', 'entry', 'link', 'author', 'dc:creator', 'category'].includes(name),
});

export type FeedResult = { ok: true; feed: Feed } | { ok: false; reason: string };

export function parseFeed(xml: string): FeedResult {
  let doc: unknown;
  try {
    doc = parser.parse(xhtmlAsText(xml), true);
  } catch (err) {
    return { ok: false, reason: `invalid feed XML (${err instanceof Error ? err.message.split('\n')[0] : String(err)})` };
  }
  if (!isPlainObject(doc)) return { ok: false, reason: 'invalid feed XML' };
  const rss = doc.rss;
  if (isPlainObject(rss) && isPlainObject(rss.channel)) {
    const channel = rss.channel;
    return { ok: true, feed: { title: text(channel.title), items: asArray(channel.item).map(rssItem) } };
  }
  const rdf = doc['rdf:RDF'];
  if (isPlainObject(rdf)) {
    const channel = isPlainObject(rdf.channel) ? rdf.channel : {};
    return { ok: true, feed: { title: text(channel.title), items: asArray(rdf.item).map(rssItem) } };
  }
  const atom = doc.feed;
  if (isPlainObject(atom)) {
    return { ok: true, feed: { title: text(atom.title), items: asArray(atom.entry).map(atomEntry) } };
  }
  return { ok: false, reason: 'not an RSS or Atom feed' };
}

/**
 * Atom `<content type="xhtml">` holds its HTML as XML elements, which the parser turns into an
 * object (text and tags apart, order lost): the item had "no content" (QA 8). Wrapped in CDATA
 * first, it reaches the item as the HTML string it is.
 */
function xhtmlAsText(xml: string): string {
  return xml.replace(
    /(<(?:atom:)?content\b[^>]*\btype\s*=\s*["']xhtml["'][^>]*>)([\s\S]*?)(<\/(?:atom:)?content>)/g,
    (whole, open: string, inner: string, close: string) => (inner.includes(']]>') ? whole : `${open}<![CDATA[${inner}]]>${close}`),
  );
}

function asArray(v: unknown): Record<string, unknown>[] {
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(isPlainObject);
}

/** Text of an element that may carry attributes (`{ '#text': …, '@_type': … }`) or be repeated. */
function text(v: unknown): string | null {
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (isPlainObject(v)) return text(v['#text']);
  return null;
}

function names(v: unknown): string | null {
  const list = (Array.isArray(v) ? v : [v]).map((a) => (isPlainObject(a) && 'name' in a ? text(a.name) : text(a))).filter((s): s is string => !!s);
  return list.length ? list.join(', ') : null;
}

function rssItem(item: Record<string, unknown>): FeedItem {
  const encoded = text(item['content:encoded']);
  const guid = item.guid;
  const permalink = isPlainObject(guid) && guid['@_isPermaLink'] === 'false' ? null : text(guid);
  return {
    title: text(item.title),
    link: text(item.link) ?? (permalink && /^https?:\/\//i.test(permalink) ? permalink : null),
    published: text(item.pubDate) ?? text(item['dc:date']),
    // RSS <author> is an e-mail address by spec; dc:creator is the name.
    author: names(item['dc:creator']) ?? names(item.author),
    content: encoded,
    contentIsHtml: true,
    guid: text(guid),
  };
}

function atomEntry(entry: Record<string, unknown>): FeedItem {
  const links = asArray(entry.link);
  const alternate = links.find((l) => l['@_rel'] === undefined || l['@_rel'] === 'alternate') ?? links[0];
  const content = entry.content;
  const outOfLine = isPlainObject(content) && typeof content['@_src'] === 'string';
  const type = isPlainObject(content) && typeof content['@_type'] === 'string' ? content['@_type'] : 'text';
  return {
    title: text(entry.title),
    link: alternate && typeof alternate['@_href'] === 'string' ? alternate['@_href'] : null,
    published: text(entry.published) ?? text(entry.updated),
    author: names(entry.author),
    content: outOfLine ? null : text(content),
    contentIsHtml: type === 'html' || type === 'xhtml' || type.includes('html'),
    guid: text(entry.id),
  };
}

/**
 * The outlet a feed's title names: "Brackwater Sentinel - News" → "Brackwater Sentinel". A
 * section suffix (News, Latest news, Top stories, Headlines, RSS, Feed, Home) after a dash, bar,
 * colon or » is the feed, not the outlet.
 */
export function feedOutlet(title: string | null): string | null {
  if (!title) return null;
  const bare = title.replace(/\s*(?:[-|:\u00BB\u2013\u2014]\s*)(?:latest |top |all |breaking )?(?:news|stories|headlines|articles|rss(?: feed)?|feed|home)\s*$/i, '').trim();
  return bare || title;
}
