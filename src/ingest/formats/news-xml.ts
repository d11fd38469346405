import { JSDOM, VirtualConsole } from 'jsdom';
import { dropEchoes } from '../boilerplate.js';
import { buildArticle } from '../build.js';
import { normaliseField } from '../normalise.js';
import type { LoadResult } from '../types.js';
import { blockText } from './html.js';

/**
 * Wire copy as the agencies deliver it (QA 8): NITF (`<nitf>`: head/title, docdata, body.head with
 * hedline/byline/distributor/dateline, body.content paragraphs) and NewsML-G2 news items
 * (`<newsItem>`: contentMeta headline/by/creditline, the text as inline XHTML or NITF). One
 * article per document; the body's paragraphs only (body.end taglines — "(Reporting by …)" — are
 * credits, not text). Parsed as XML by jsdom: no scripts, no entities fetched, nothing loaded.
 */

export function isNewsXml(xml: string): boolean {
  const head = xml.replace(/^\uFEFF/, '').replace(/<\?xml[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/gi, '').trimStart().slice(0, 200);
  return /^<(?:[\w-]+:)?(?:nitf|newsItem|newsMessage)[\s>]/.test(head);
}

export function parseNewsXml(xml: string, source: string): LoadResult {
  const fail = (reason: string): LoadResult => ({ articles: [], errors: [{ source, reason }] });
  let dom: JSDOM;
  try {
    dom = new JSDOM(xml.replace(/^\uFEFF/, ''), { contentType: 'application/xml', virtualConsole: new VirtualConsole() });
  } catch (err) {
    return fail(`invalid XML (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
  }
  try {
    const doc = dom.window.document;
    // Namespaces differ between senders: match elements by local name.
    const all = (name: string): Element[] => [...doc.getElementsByTagName('*')].filter((e) => e.localName === name);
    const first = (...names: string[]): Element | null => {
      for (const n of names) {
        const e = all(n)[0];
        if (e) return e;
      }
      return null;
    };
    const text = (e: Element | null | undefined): string | null => normaliseField(e?.textContent ?? null);
    const attr = (e: Element | null | undefined, a: string): string | null => e?.getAttribute(a)?.trim() || null;

    // The text: NITF body.content, else an inline XHTML body, else every <p> of the document.
    const container = first('body.content') ?? all('body').find((b) => b.namespaceURI === 'http://www.w3.org/1999/xhtml') ?? null;
    const paragraphs = container ? blockText(container) : all('p').map((p) => text(p)).filter((p): p is string => !!p);
    const body = dropEchoes(paragraphs).join('\n');
    if (!body) return fail('no article text in the wire document');

    const provider = first('provider');
    const built = buildArticle({
      text: body,
      title: text(first('hl1', 'headline')) ?? text(first('title')),
      outlet: text(first('distributor', 'creditline')) ?? attr(first('pubdata'), 'name') ?? attr(provider, 'literal') ?? attr(first('doc.copyright'), 'holder'),
      published: isoFromNorm(attr(first('date.issue'), 'norm') ?? attr(first('story.date'), 'norm')) ?? text(first('contentCreated', 'firstCreated', 'versionCreated')),
      author: text(first('byline', 'by')),
      url: null,
      source,
    });
    return built.ok ? { articles: [built.article], errors: [] } : fail(built.reason);
  } finally {
    dom.window.close();
  }
}

/** NITF's `norm` dates: "20261003T091500Z", "20261003T091500+0100", "20261003". */
function isoFromNorm(norm: string | null): string | null {
  if (!norm) return null;
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})?)?$/.exec(norm);
  if (!m) return norm;
  const [, y, mo, d, h, mi, s, z] = m;
  if (!h) return `${y}-${mo}-${d}`;
  const zone = !z || z === 'Z' ? 'Z' : `${z.slice(0, 3)}:${z.slice(3)}`;
  return `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${zone}`;
}
