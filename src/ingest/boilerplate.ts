/**
 * Page furniture that is not the article (QA 8): image captions and credits, newsletter sign-ups,
 * author bios, "Read more" teasers, share bars, cookie banners, ads, pull quotes. Readability drops
 * much of it, but not what sits inside the article's own container, and feed content and CMS
 * exports never go through readability. Left in, each became a "statement": a caption paraphrase
 * given to the person pictured, "our editor says" from a sign-up box, a teaser headline quoted by
 * "READ MORE", a pull quote repeating the body as a second, unattributed result.
 *
 * Three passes, used by the HTML, feed-content, JSON-HTML and Markdown readers (never for .txt,
 * which is taken as the article as written):
 * - `removePageFurniture(root)`: on the DOM, before paragraphs are taken — `<figcaption>`, AMP
 *   furniture, and elements whose class or id names furniture (`caption`, `newsletter`,
 *   `author-bio`, `pullquote`, `related`, `share`, …), never an element holding most of the page's
 *   text or several long paragraphs (a container named `story-related-body` is still the story);
 *   and teaser paragraphs ("Read more: <a>…</a>").
 * - `isFurnitureParagraph(p)`: the same, on plain paragraphs ("Read more: …", "Sign up for our
 *   newsletter …", "The post … appeared first on …", "Share this article").
 * - `dropEchoes(paragraphs)`: a paragraph of four or more words whose words all appear, in order,
 *   inside another, longer paragraph (a pull quote, a live-blog entry heading quoting the entry)
 *   says nothing new: it is dropped, so it neither duplicates nor outranks the attributed quote.
 */

const FURNITURE_WORDS = new Set([
  'caption', 'captions', 'credit', 'credits', 'photocredit', 'imagecredit',
  'newsletter', 'newsletters', 'signup', 'subscribe', 'subscription', 'subscribebox',
  'cookie', 'cookies', 'cookiebanner', 'consent', 'gdpr',
  'promo', 'promotion', 'advert', 'advertisement', 'ad', 'ads', 'adslot', 'adunit', 'sponsored',
  'related', 'readmore', 'readnext', 'morestories', 'recommended', 'outbrain', 'taboola', 'mostread', 'trending',
  // Not "social" alone: `social-embed` holds the tweet a story quotes.
  'share', 'sharing', 'sharebar', 'socialshare', 'sociallinks', 'socialicons', 'socialbar', 'followus',
  'authorbio', 'bio', 'aboutauthor', 'abouttheauthor', 'authorinfo', 'contributor',
  'pullquote', 'breadcrumb', 'breadcrumbs', 'sidebar',
  // Text for screen readers only: "(opens in a new window)", "Share on Facebook".
  'visuallyhidden', 'sronly', 'screenreadertext', 'screenreaderonly',
  // Readers' comments are not the article ("RiverRat99 said: …").
  'comments', 'commentlist', 'commentsarea', 'disqus', 'paywallprompt',
]);

const FURNITURE_TAGS = 'figcaption, amp-consent, amp-ad, amp-sticky-ad, amp-sidebar, amp-social-share, amp-user-notification';

/** Element names never removed by their class: the page and its main containers. */
const NEVER = new Set(['html', 'body', 'main', 'article', 'h1']);

/** True when one of the class tokens or the id names furniture ("wp-element-caption", "newsletter-box", "pull-quote"). */
function namesFurniture(el: Element): boolean {
  const tokens = [...el.classList, el.id].filter(Boolean);
  for (const token of tokens) {
    const parts = token.toLowerCase().split(/[-_\s]+/).filter(Boolean);
    for (let i = 0; i < parts.length; i++) {
      let joined = '';
      for (let j = i; j < Math.min(parts.length, i + 3); j++) {
        joined += parts[j];
        if (FURNITURE_WORDS.has(joined)) return true;
      }
    }
  }
  return false;
}

const TEASER_TAGS = new Set(['p', 'li', 'div', 'h2', 'h3', 'h4', 'h5', 'h6']);
const TEASER_LABEL = /^\s*(?:read more|read also|also read|read next|more on this(?: story)?|related(?: stories| articles| coverage)?|see also|recommended|don't miss|must read|watch|listen|more)\s*[:|>»]/i;

function textLength(node: Node): number {
  return (node.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

/**
 * The caption of a figure of a quotation (<figure><blockquote>…</blockquote><figcaption>— Name
 * </figcaption>), or inside it: it says who spoke, it is no picture desk's line.
 */
function attributesQuotation(el: Element): boolean {
  const caption = el.closest('figcaption');
  const figure = caption?.parentElement;
  return !!figure && figure.localName === 'figure' && !!figure.querySelector('blockquote, q') && !figure.querySelector('img, picture, video, amp-img');
}

/**
 * A story container, whatever its class says: it is or holds the marked article body or the
 * headline, or two paragraphs of over 120 characters (no caption, bio or sign-up box has them).
 */
function holdsStory(el: Element): boolean {
  if (el.matches('[itemprop~="articleBody"]') || el.querySelector('h1, [itemprop~="articleBody"]')) return true;
  let long = 0;
  for (const p of el.querySelectorAll('p')) if (textLength(p) > 120 && ++long > 1) return true;
  return false;
}

/**
 * Removes furniture from a page or fragment in place (see the module comment). `root` is the
 * document's body or a fragment's container.
 */
export function removePageFurniture(root: Element, opts: { piece?: boolean } = {}): void {
  for (const el of root.querySelectorAll(FURNITURE_TAGS)) if (!attributesQuotation(el)) el.remove();
  // A piece of an article (an HTML block in Markdown) is no page: a sign-up box may be all of it.
  const total = opts.piece ? Infinity : textLength(root);
  const named: Element[] = [];
  for (const el of root.querySelectorAll('[class], [id]')) {
    if (NEVER.has(el.localName) || !namesFurniture(el)) continue;
    named.push(el);
  }
  for (const el of named) {
    if (!el.isConnected || !root.contains(el) || attributesQuotation(el)) continue;
    if (textLength(el) * 2 > total || holdsStory(el)) continue;
    el.remove();
  }
  for (const el of Array.from(root.getElementsByTagName('*'))) {
    if (!TEASER_TAGS.has(el.localName)) continue;
    // The label test first: it is cheap, and selector queries on every paragraph were most of the
    // cost of a feed's or an export's thousands of fragments.
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    const label = TEASER_LABEL.exec(text);
    if (!label || !el.isConnected || el.querySelector('p, div, li')) continue;
    const linked = [...el.querySelectorAll('a')].reduce((n, a) => n + textLength(a), 0);
    if (linked * 2 >= text.length - label[0].length) el.remove();
  }
}

const FURNITURE_PARAGRAPHS: readonly RegExp[] = [
  // A teaser whose link Markdown or a text export has already flattened.
  /^(?:read more|read also|also read|read next|more on this story|related(?: stories| articles| coverage)?|see also|don't miss|must read)\s*:/i,
  /^(?:sign up|subscribe)\b.{0,200}\bnewsletters?\b/i,
  /^(?:get|receive) (?:our|the) .{0,60}\bnewsletters?\b/i,
  /^the post .{1,300} appeared first on .{1,120}$/i,
  /^share (?:this|the) (?:article|story|page)\W*$/i,
  /^(?:advertisement|advertising|sponsored content)$/i,
  /^(?:story|article) continues (?:below|after) (?:this )?(?:advertisement|ad)$|^story continues below$/i,
  /^listen to this (?:article|story)(?: \d+ min(?:utes?)?)?\W*$/i,
  /^\d{1,3}[- ]min(?:ute)?s?(?: read| listen)$/i,
  /^follow us on .{1,80}$/i,
  /^(?:subscribe|sign in|log in|register)\b.{0,40}\bto (?:continue|keep) reading\b.{0,80}$/i,
  /^(?:this (?:article|story|content) is (?:only )?(?:for|available to) subscribers(?: only)?)\W.{0,80}$|^already a subscriber\?.{0,40}$/i,
  /^have a (?:story|tip|news tip)\b.{0,120}\b(?:email|contact|send|get in touch)\b.{0,120}$/i,
];

/** A plain paragraph that is furniture (see the module comment). */
export function isFurnitureParagraph(p: string): boolean {
  const t = p.trim().replace(/^[*_]+|[*_]+$/g, '');
  return FURNITURE_PARAGRAPHS.some((re) => re.test(t));
}

const ECHO_MIN_WORDS = 4;

function words(p: string): string[] {
  return p.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Drops paragraphs repeated inside another paragraph (see the module comment), keeping the first
 * of identical ones. Linear in the text: candidates are looked up by their first three words.
 */
export function dropEchoes(paragraphs: readonly string[]): string[] {
  const keys = paragraphs.map((p) => ` ${words(p).join(' ')} `);
  const byTrigram = new Map<string, number[]>();
  paragraphs.forEach((p, i) => {
    const w = words(p);
    const seen = new Set<string>();
    for (let k = 0; k + 2 < w.length; k++) {
      const tri = `${w[k]} ${w[k + 1]} ${w[k + 2]}`;
      if (seen.has(tri)) continue;
      seen.add(tri);
      const list = byTrigram.get(tri);
      if (list) list.push(i);
      else byTrigram.set(tri, [i]);
    }
  });
  const dropped = new Set<number>();
  paragraphs.forEach((p, i) => {
    const w = words(p);
    if (w.length < ECHO_MIN_WORDS) return;
    const key = keys[i]!;
    for (const j of byTrigram.get(`${w[0]} ${w[1]} ${w[2]}`) ?? []) {
      if (j === i || dropped.has(j)) continue;
      const other = keys[j]!;
      // Identical paragraphs: the later one goes; a shorter one inside a longer one goes.
      if (other.length === key.length ? other === key && j < i : other.length > key.length && other.includes(key)) {
        dropped.add(i);
        return;
      }
    }
  });
  return paragraphs.filter((_, i) => !dropped.has(i));
}
