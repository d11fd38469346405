import { buildArticle } from '../build.js';
import { normaliseText } from '../normalise.js';
import type { LoadResult } from '../types.js';
import { feedOutlet, parseFeed } from './feed.js';

/**
 * An RSS or Atom feed saved as a file (`.rss`, `.atom`, `.xml`; QA 8: newsrooms export them so),
 * or a wire story as NITF / NewsML-G2 (news-xml.ts):
 * one article per item that carries its full content (`content:encoded`, Atom `<content>`), the
 * feed's title as outlet. A local file never makes factbot fetch anything: an item with only a
 * link is an error line naming it (its page is read by ingesting the feed's URL). Items are
 * records of a collection: source `file.xml#INDEX`, no sourceKey.
 */
export async function parseFeedFile(content: string, source: string): Promise<LoadResult> {
  // An .xml file may be wire copy (NITF, NewsML-G2) rather than a feed: one article.
  const { isNewsXml, parseNewsXml } = await import('./news-xml.js');
  if (isNewsXml(content)) return parseNewsXml(content, source);
  const parsed = parseFeed(content);
  if (!parsed.ok) return { articles: [], errors: [{ source, reason: parsed.reason }] };
  const { feed } = parsed;
  if (!feed.items.length) return { articles: [], errors: [{ source, reason: 'feed has no items' }] };
  const result: LoadResult = { articles: [], errors: [] };
  const outlet = feedOutlet(feed.title);
  for (const [i, item] of feed.items.entries()) {
    const where = `${source}#${i}`;
    if (!item.content) {
      result.errors.push({ source: where, reason: 'feed item has no content (a feed file\'s item pages are not fetched: ingest the feed\'s URL for them)' });
      continue;
    }
    const text = item.contentIsHtml ? (await import('./html.js')).htmlFragmentText(item.content) : normaliseText(item.content);
    const built = buildArticle({ text, title: item.title, url: item.link, published: item.published, author: item.author, outlet, source: where });
    if (built.ok) result.articles.push(built.article);
    else result.errors.push({ source: where, reason: `feed item: ${built.reason}` });
  }
  return result;
}
