import { normaliseInline } from '../normalise.js';

/**
 * Linear-time looks at raw HTML, for pages too complex to hand to jsdom and readability.
 *
 * Why: both are super-linear in the shape of the tree. Measured (CPU, @mozilla/readability 0.6 on
 * jsdom 26, Node 20, a shared 2-core machine, so ±50%), one chain of nested <div>s around a
 * paragraph: depth 64 → 0.2 s, 128 → 0.4 s, 256 → 1.5 s, 400 → 5 s, 1000 → 53 s, 2000 → ~9 min
 * (about depth^2.7); at depth 5000 jsdom itself needs 5 s to parse and then overflows the stack.
 * Width costs too: 5,000 elements → 0.8 s, 10,000 → 2–3.5 s, 15,000 → 4–7 s, 32,000 → 47 s.
 * And the HTML parser can be made to create far more elements than the page has tags: a formatting
 * element (<b>, <i>…) left open is re-created after every block end tag that closes it, so 13 KB of
 * `<b a=1>…<b a=100>` + `</div><div>x`×1000 became 101,000 elements and took 4 s just to parse.
 *
 * Limits: depth 128 and 10,000 elements (as the parser would build them). Real article pages sit
 * far inside both (typically depth 15–40 and 1,000–5,000 elements); at the limits readability
 * costs about 3 s at worst (100 chains of depth 100, or 10,000 elements side by side), and the scan
 * that decides is one pass over the text. Beyond them the page is read by `plainTextOfHtml`, also
 * one pass, and the load says so.
 */
export const MAX_DEPTH = 128;
export const MAX_ELEMENTS = 10_000;

/**
 * The raw-text estimate only has to keep jsdom's parse cheap (depth 256: ~0.1 s); the exact limits
 * are applied to the parsed DOM. Twice the limits leaves room for sloppy markup the estimate
 * over-counts, and for the implied elements (<tbody>, <tr>) it does not count.
 */
export const RAW_LIMITS: HtmlShape = { depth: 2 * MAX_DEPTH, elements: 2 * MAX_ELEMENTS };

export interface HtmlShape {
  /** Deepest element, counting <html> as 1 (what a DOM walk from the document element gives). */
  depth: number;
  /** Elements the parser would create (at least), including <html>, <head>, <body>. */
  elements: number;
}

/** Why the page is too complex for readability, or null when it is not. */
export function tooComplex(shape: HtmlShape, limits: HtmlShape = { depth: MAX_DEPTH, elements: MAX_ELEMENTS }): string | null {
  if (shape.depth > limits.depth) return `elements nested more than ${limits.depth} deep`;
  if (shape.elements > limits.elements) return `more than ${limits.elements.toLocaleString('en')} elements`;
  return null;
}

/** Elements without content: never on the stack of open elements. */
const VOID = new Set(['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'img', 'image', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Their content is text up to their own end tag. */
const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'textarea', 'title']);
/** Formatting elements: kept in the parser's list of active formatting elements and re-created. */
const FORMATTING = new Set(['a', 'b', 'big', 'code', 'em', 'font', 'i', 'nobr', 's', 'small', 'strike', 'strong', 'tt', 'u']);
/** An end tag never closes an element below one of these (unless it is theirs): "in scope". */
const SCOPE = new Set(['applet', 'caption', 'html', 'table', 'td', 'th', 'marquee', 'object', 'template', 'svg', 'math', 'foreignobject']);
/** The HTML spec's "special" elements: an end tag of any other element never closes them. */
const SPECIAL = new Set([
  ...SCOPE, 'address', 'area', 'article', 'aside', 'base', 'basefont', 'bgsound', 'blockquote', 'body', 'br', 'button', 'center',
  'col', 'colgroup', 'dd', 'details', 'dir', 'div', 'dl', 'dt', 'embed', 'fieldset', 'figcaption', 'figure', 'footer', 'form',
  'frame', 'frameset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hgroup', 'hr', 'iframe', 'img', 'input', 'keygen',
  'li', 'link', 'listing', 'main', 'menu', 'meta', 'nav', 'noembed', 'noframes', 'noscript', 'ol', 'p', 'param', 'plaintext', 'pre',
  'script', 'search', 'section', 'select', 'source', 'style', 'summary', 'tbody', 'textarea', 'tfoot', 'thead', 'title', 'tr',
  'track', 'ul', 'wbr', 'xmp',
]);
/** A start tag of one of these closes an open <p> (only the common ones: missing one over-counts). */
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset', 'figcaption', 'figure',
  'footer', 'header', 'hgroup', 'main', 'menu', 'nav', 'ol', 'p', 'search', 'section', 'summary', 'ul', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'pre', 'listing', 'form', 'hr', 'table', 'li', 'dd', 'dt',
]);
/**
 * A start tag of the key closes the open element of these nearest the top (and all above it), as
 * long as no `stop` element lies between: list items close the previous item unless a special
 * element (a nested list, a table…) intervenes; table parts close the cell or row they are in,
 * up to the enclosing table; an <option> or a heading closes only the current element.
 */
const CLOSES: ReadonlyMap<string, { names: ReadonlySet<string>; stop: (el: string) => boolean; topOnly?: boolean }> = (() => {
  const m = new Map<string, { names: ReadonlySet<string>; stop: (el: string) => boolean; topOnly?: boolean }>();
  const listStop = (el: string) => SPECIAL.has(el) && el !== 'address' && el !== 'div' && el !== 'p';
  const tableStop = (el: string) => el === 'table' || el === 'html' || el === 'template';
  m.set('li', { names: new Set(['li']), stop: listStop });
  for (const t of ['dt', 'dd']) m.set(t, { names: new Set(['dt', 'dd']), stop: listStop });
  for (const t of ['td', 'th']) m.set(t, { names: new Set(['td', 'th']), stop: tableStop });
  m.set('tr', { names: new Set(['tr', 'td', 'th']), stop: tableStop });
  for (const t of ['tbody', 'thead', 'tfoot']) m.set(t, { names: new Set(['tbody', 'thead', 'tfoot', 'tr', 'td', 'th']), stop: tableStop });
  for (const t of ['option', 'optgroup']) m.set(t, { names: new Set(['option']), stop: () => true, topOnly: true });
  for (const t of ['rb', 'rt', 'rp', 'rtc']) m.set(t, { names: new Set(['rb', 'rt', 'rp']), stop: () => true, topOnly: true });
  const headings = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
  for (const h of headings) m.set(h, { names: headings, stop: () => true, topOnly: true });
  return m;
})();

type Token =
  | { type: 'start'; name: string; selfClosing: boolean; raw: string }
  | { type: 'end'; name: string }
  | { type: 'text'; text: string; rawText: boolean };

/**
 * The tags and text of a page in one pass: comments, doctypes and processing instructions are
 * skipped, the content of raw-text elements (`<script>`, `<style>`, `<title>`…) is one text token.
 * Quoted attribute values may hold `>`. Every index only moves forward: linear in the input.
 */
function* tokens(html: string): Generator<Token> {
  const n = html.length;
  let i = 0;
  let textStart = 0;
  const flush = function* (end: number): Generator<Token> {
    if (end > textStart) yield { type: 'text', text: html.slice(textStart, end), rawText: false };
  };
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const next = html.charCodeAt(lt + 1);
    if (html.startsWith('<!--', lt)) {
      yield* flush(lt);
      const close = html.indexOf('-->', lt + 4);
      i = textStart = close < 0 ? n : close + 3;
      continue;
    }
    if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      yield* flush(lt);
      const close = html.indexOf('>', lt + 2);
      i = textStart = close < 0 ? n : close + 1;
      continue;
    }
    const isEnd = next === 0x2f; /* / */
    const nameStart = lt + (isEnd ? 2 : 1);
    if (!/[A-Za-z]/.test(html.charAt(nameStart))) {
      i = lt + 1; // a "<" that starts no tag is text
      continue;
    }
    yield* flush(lt);
    let j = nameStart;
    while (j < n && !/[\s/>]/.test(html.charAt(j))) j++;
    const name = html.slice(nameStart, j).toLowerCase();
    // To the ">" that ends the tag, stepping over quoted attribute values.
    let quote = '';
    let afterEquals = false;
    for (; j < n; j++) {
      const c = html.charAt(j);
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '>') break;
      else if ((c === '"' || c === "'") && afterEquals) quote = c;
      if (!/\s/.test(c)) afterEquals = c === '=';
    }
    const tagEnd = Math.min(j, n);
    i = textStart = Math.min(tagEnd + 1, n);
    if (isEnd) {
      yield { type: 'end', name };
      continue;
    }
    const raw = html.slice(lt, tagEnd + 1);
    yield { type: 'start', name, selfClosing: html.charAt(tagEnd - 1) === '/', raw };
    if (name === 'plaintext') {
      yield { type: 'text', text: html.slice(i), rawText: true };
      return;
    }
    if (RAW_TEXT.has(name)) {
      const endTag = new RegExp(`</${name}[\\s/>]`, 'gi');
      endTag.lastIndex = i;
      const m = endTag.exec(html);
      const stop = m ? m.index : n;
      if (stop > i) yield { type: 'text', text: html.slice(i, stop), rawText: true };
      i = textStart = stop;
    }
  }
  yield* flush(n);
}

/**
 * How deep and how big the parser's tree would be, by a rough simulation of its stack of open
 * elements: end tags close what they would close, <p>, <li>, <td>… close their open siblings, and
 * formatting elements left open are re-created where the parser re-creates them. Where the rules
 * are simplified the estimate errs high, so a page cannot look smaller than it is (only sloppier
 * than it is). Stops counting once past a limit: linear in the input.
 */
export function measureHtml(html: string, limits: HtmlShape = RAW_LIMITS): HtmlShape {
  const stack: string[] = [];
  const onStack = new Map<string, number>();
  /** Formatting elements closed by an end tag that was not theirs: the parser re-creates them. */
  const detached: string[] = [];
  // <html>, <head>, <body> always exist; the stack below starts inside <body> (depth 2).
  let elements = 3;
  let depth = 2;
  let foreign = 0; // inside <svg>/<math>: "/>" closes an element there
  const push = (name: string) => {
    stack.push(name);
    onStack.set(name, (onStack.get(name) ?? 0) + 1);
    if (name === 'svg' || name === 'math') foreign++;
    depth = Math.max(depth, stack.length + 2);
  };
  const pop = (): string => {
    const name = stack.pop() as string;
    onStack.set(name, (onStack.get(name) ?? 1) - 1);
    if (name === 'svg' || name === 'math') foreign--;
    return name;
  };
  /** Index of the open `name` element reachable from the top without crossing a `barrier` element. */
  const find = (name: string, barrier: ReadonlySet<string>): number => {
    if (!onStack.get(name)) return -1;
    for (let k = stack.length - 1; k >= 0 && k >= stack.length - 1 - limits.depth; k--) {
      const el = stack[k] as string;
      if (el === name) return k;
      if (barrier.has(el)) return -1;
    }
    return -1;
  };
  /** Index of the deepest `names` element a start tag closes (see CLOSES), or -1. */
  const closedBy = (rule: { names: ReadonlySet<string>; stop: (el: string) => boolean; topOnly?: boolean }): number => {
    let found = -1;
    for (let k = stack.length - 1; k >= 0 && k >= stack.length - 1 - limits.depth; k--) {
      const el = stack[k] as string;
      if (rule.names.has(el)) {
        found = k;
        if (rule.topOnly || (!rule.names.has('td') && !rule.names.has('tr'))) break; // lists: the nearest only
      } else if (rule.topOnly || rule.stop(el)) break;
    }
    return found;
  };
  const popTo = (k: number, detach: boolean) => {
    while (stack.length > k) {
      const el = pop();
      if (detach && stack.length > k && FORMATTING.has(el)) detached.push(el);
    }
  };
  const reconstruct = () => {
    elements += detached.length;
    for (const el of detached) push(el);
    detached.length = 0;
  };
  for (const t of tokens(html)) {
    if (depth > limits.depth || elements > limits.elements) break;
    if (t.type === 'text') {
      if (!t.rawText && detached.length && /\S/.test(t.text)) reconstruct();
      continue;
    }
    const name = t.name;
    if (name === 'html' || name === 'head' || name === 'body') continue;
    if (t.type === 'start') {
      elements++;
      if (CLOSES_P.has(name)) {
        const k = find('p', SCOPE);
        if (k >= 0) popTo(k, true);
      }
      const rule = CLOSES.get(name);
      if (rule) {
        const k = closedBy(rule);
        if (k >= 0) popTo(k, true);
      }
      // Rows and cells straight inside a table get the <tbody> and <tr> the parser implies.
      const top = stack[stack.length - 1];
      if ((name === 'tr' || name === 'td' || name === 'th') && top === 'table') {
        elements++;
        push('tbody');
      }
      if ((name === 'td' || name === 'th') && (stack[stack.length - 1] === 'tbody' || stack[stack.length - 1] === 'thead' || stack[stack.length - 1] === 'tfoot')) {
        elements++;
        push('tr');
      }
      if (!CLOSES_P.has(name) && !VOID.has(name)) reconstruct();
      depth = Math.max(depth, stack.length + 3); // the new element, below <html>, <body> and the stack
      if (VOID.has(name) || RAW_TEXT.has(name) || name === 'plaintext' || (foreign > 0 && t.selfClosing)) continue;
      push(name);
      continue;
    }
    // An end tag closes its element and all above it, unless a scope boundary (for special and
    // formatting elements) or any special element (for the rest) lies between.
    const k = find(name, SPECIAL.has(name) || FORMATTING.has(name) ? SCOPE : SPECIAL);
    if (k >= 0) {
      // The adoption agency may clone up to a few elements when a formatting element is misnested.
      if (FORMATTING.has(name) && k < stack.length - 1) elements += 8;
      popTo(k, !FORMATTING.has(name));
    } else if (FORMATTING.has(name)) {
      const d = detached.lastIndexOf(name);
      if (d >= 0) detached.splice(d, 1);
    } else if (name === 'p' || name === 'br') {
      elements++; // "</p>" with no open <p> and "</br>" create an element
    }
  }
  return { depth, elements };
}

/** The exact shape of a parsed document, walked without recursion (a deep tree cannot overflow the stack). */
export function measureDom(doc: Document): HtmlShape {
  let elements = 0;
  let depth = 0;
  let node: Element | null = doc.documentElement;
  let level = 1;
  while (node) {
    elements++;
    if (level > depth) depth = level;
    if (depth > MAX_DEPTH || elements > MAX_ELEMENTS) break;
    if (node.firstElementChild) {
      node = node.firstElementChild;
      level++;
      continue;
    }
    while (node && !node.nextElementSibling) {
      node = node.parentElement;
      level--;
    }
    node = node ? node.nextElementSibling : null;
  }
  return { depth, elements };
}

/** Block elements (as in `blockText`): each starts and ends a paragraph. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main',
  'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul',
]);
/** Their content is not article text (as `blockText` skips them, and the body fallback drops <nav>). */
const SKIP = new Set(['style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'button', 'select', 'textarea', 'nav', 'title', 'script', 'xmp', 'noembed', 'noframes', 'plaintext']);

/**
 * A page → paragraphs without building a DOM: one per block element or `<br>`-separated line, the
 * content of scripts, styles, navigation and the like left out, character references decoded. The
 * same paragraphs `blockText` gives for the whole body of a well-formed page; one pass, no stack.
 */
export function plainTextOfHtml(html: string): string[] {
  const lines: string[] = [];
  let current = '';
  let skipping: string | null = null;
  let skipDepth = 0;
  let pre = 0;
  const breakLine = () => {
    if (current.trim()) lines.push(current);
    current = '';
  };
  for (const t of tokens(html)) {
    if (skipping) {
      if (t.type === 'start' && t.name === skipping && !t.selfClosing) skipDepth++;
      else if (t.type === 'end' && t.name === skipping && --skipDepth === 0) skipping = null;
      continue;
    }
    if (t.type === 'text') {
      const text = decodeCharacterReferences(t.text);
      if (pre > 0) {
        text.split('\n').forEach((part, k) => {
          if (k > 0) breakLine();
          current += part;
        });
      } else current += text.replace(/[ \t\n\r\f]+/g, ' ');
      continue;
    }
    const name = t.name;
    if (t.type === 'start' && SKIP.has(name)) {
      if (!(t.selfClosing && (name === 'svg' || name === 'math')) && name !== 'embed') {
        skipping = name;
        skipDepth = 1;
      }
      continue;
    }
    if (name === 'br') {
      breakLine();
      continue;
    }
    if (name === 'pre') pre = Math.max(0, pre + (t.type === 'start' ? 1 : -1));
    if (BLOCK.has(name)) breakLine();
    else if (t.type === 'start' && (name === 'td' || name === 'th')) current += ' ';
  }
  breakLine();
  return lines.map((l) => normaliseInline(l).replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** The head's metadata tags (`<title>`, `<meta>`, `<link>`, JSON-LD scripts) as a small flat page. */
export function headTags(html: string): string {
  const out: string[] = [];
  let keep: 'title' | 'script' | null = null;
  for (const t of tokens(html)) {
    if (out.length > 2000) break; // metadata lives in a few dozen tags; a page of millions is not read for it
    if (keep) {
      if (t.type === 'text') out.push(t.text);
      else if (t.type === 'end' && t.name === keep) {
        out.push(`</${keep}>`);
        keep = null;
      }
      continue;
    }
    if (t.type !== 'start') continue;
    if (t.name === 'meta' || t.name === 'link' || (t.name === 'time' && /datetime/i.test(t.raw))) out.push(t.raw);
    else if (t.name === 'title' || (t.name === 'script' && /application\/ld\+json/i.test(t.raw))) {
      out.push(t.raw);
      keep = t.name;
    }
  }
  if (keep) out.push(`</${keep}>`);
  return out.join('');
}

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', mdash: '\u2014', ndash: '\u2013', hellip: '\u2026',
  lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201C', rdquo: '\u201D', laquo: '\u00AB', raquo: '\u00BB', copy: '\u00A9',
  shy: '\u00AD', eacute: '\u00E9', egrave: '\u00E8', aacute: '\u00E1', agrave: '\u00E0', ouml: '\u00F6', uuml: '\u00FC', auml: '\u00E4',
};

/** The common character references; an unknown name stays as written (this path is a fallback). */
function decodeCharacterReferences(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref] ?? NAMED[ref.toLowerCase()] ?? whole;
  });
}
