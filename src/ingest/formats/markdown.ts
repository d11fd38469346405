import matter from 'gray-matter';
import { dropEchoes, isFurnitureParagraph } from '../boilerplate.js';
import { buildArticle } from '../build.js';
import { isPlainObject, pickMeta } from '../meta.js';
import { normaliseField, normaliseInline } from '../normalise.js';
import type { LoadResult } from '../types.js';

/**
 * Markdown with optional YAML front matter (title, outlet, url, published, author).
 *
 * Paragraphs follow Markdown: blocks separated by blank lines, the lines of one block joined by a
 * space. A file with no blank line at all is read like .txt, one paragraph a line (many exports
 * look like that). Headings, list items and blockquote lines are paragraphs of their own; markup
 * (heading marks, emphasis, link targets, images, bullets, `>`) is removed, the words kept.
 */

function refuse(name: string) {
  return () => {
    throw new Error(`${name} front matter is not allowed (only YAML)`);
  };
}

/** gray-matter would `eval` JavaScript front matter (`---js`): only YAML is accepted. */
const MATTER_OPTIONS = {
  engines: {
    js: refuse('JavaScript'),
    javascript: refuse('JavaScript'),
    coffee: refuse('CoffeeScript'),
    coffeescript: refuse('CoffeeScript'),
    cson: refuse('CSON'),
  },
};

export async function parseMarkdown(content: string, source: string): Promise<LoadResult> {
  const fail = (reason: string): LoadResult => ({ articles: [], errors: [{ source, reason }] });
  const input = content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let data: unknown = {};
  let body = input;
  if (/^---[^\S\n]*[a-z]*[^\S\n]*\n/i.test(input)) {
    if (!/\n(---|\.\.\.)[^\S\n]*(\n|$)/.test(input.slice(3))) return fail('broken front matter (no closing ---)');
    try {
      // Options given: gray-matter then neither caches nor shares results between calls.
      const parsed = matter(input, MATTER_OPTIONS);
      data = parsed.data;
      body = parsed.content;
    } catch (err) {
      const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
      return fail(`broken front matter (${msg})`);
    }
    if (!isPlainObject(data)) return fail('broken front matter (expected key: value pairs)');
  }
  const meta = pickMeta(data as Record<string, unknown>);
  // HTML blocks (CMS exports put figures, asides and sign-up boxes in as HTML) are read as HTML,
  // furniture dropped; jsdom is loaded only when there is one.
  let htmlBlock: ((html: string) => string) | undefined;
  if (hasHtmlBlock(body)) {
    const { htmlFragmentText } = await import('./html.js');
    htmlBlock = (html) => htmlFragmentText(html, { piece: true });
  }
  const paragraphs = markdownParagraphs(body, htmlBlock);
  // A leading "# Heading" is the article's title, not a paragraph of it: it names the article when
  // the front matter does not, and is dropped from the text when it repeats the given title.
  const lead = leadingH1(body);
  if (lead !== null && paragraphs[0] === lead) {
    const given = normaliseField(meta.title);
    if (given === null) meta.title = lead;
    if (given === null || given.toLowerCase() === lead.toLowerCase()) paragraphs.shift();
  }
  const text = paragraphs.join('\n');
  const built = buildArticle({ ...meta, text, source });
  return built.ok ? { articles: [built.article], errors: [] } : fail(built.reason === 'no text' ? 'no text after the front matter' : built.reason);
}

const HEADING = /^ {0,3}#{1,6}(?:\s+|$)/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)\s*$/;
const RULE = /^ {0,3}([-*_])(\s*\1){2,}\s*$/;
const LIST_ITEM = /^\s*(?:[-*+]|\d{1,9}[.)])\s+/;
const BLOCKQUOTE = /^\s*>\s?/;
const FENCE = /^ {0,3}(```|~~~)/;
const LINK_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*\S+/;

/** The text of the body's first line when that line is a level-1 ATX heading. */
function leadingH1(body: string): string | null {
  const firstLine = body.split('\n').find((l) => l.trim()) ?? '';
  if (!/^ {0,3}#(?!#)/.test(firstLine)) return null;
  return markdownParagraphs(firstLine)[0] ?? null;
}

/**
 * A CommonMark HTML block (kind 6): a line opening with a block-level tag. Its text is HTML, not
 * Markdown: `<figure><figcaption>…` kept as text showed tags in answers, and the caption as a quote.
 */
const HTML_BLOCK = /^ {0,3}<\/?(?:address|article|aside|blockquote|center|details|dialog|div|dl|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|iframe|li|main|nav|ol|p|section|table|ul)(?:[\s/>]|$)/i;

function hasHtmlBlock(body: string): boolean {
  return body.split('\n').some((l) => HTML_BLOCK.test(l));
}

/**
 * Markdown body → paragraphs of plain, normalised text. With `htmlBlock`, HTML blocks are
 * converted by it (its paragraphs, joined by "\n"); without, they stay text.
 */
export function markdownParagraphs(body: string, htmlBlock?: (html: string) => string): string[] {
  const lines = body.replace(/<!--[\s\S]*?-->/g, '').split('\n');
  const nonEmpty = lines.filter((l) => l.trim());
  const firstIdx = lines.findIndex((l) => l.trim());
  const lastIdx = lines.length - 1 - [...lines].reverse().findIndex((l) => l.trim());
  const hasBlankLine = nonEmpty.length > 0 && lines.slice(firstIdx, lastIdx + 1).some((l) => !l.trim());
  const paragraphs: string[] = [];
  let current: string[] = [];
  let inFence = false;
  const flush = () => {
    if (current.length) paragraphs.push(current.join(' '));
    current = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (FENCE.test(line)) {
      flush();
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      // Code keeps its lines: one paragraph each.
      if (line.trim()) paragraphs.push(line);
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    if (htmlBlock && !current.length && HTML_BLOCK.test(line)) {
      // The block runs to the next blank line (CommonMark); its paragraphs join the others as HTML_MARK-ed lines.
      const block: string[] = [];
      for (; i < lines.length && (lines[i] ?? '').trim(); i++) block.push(lines[i]!);
      for (const p of htmlBlock(block.join('\n')).split('\n')) if (p.trim()) paragraphs.push(HTML_MARK + p);
      continue;
    }
    if (RULE.test(line) && !current.length) continue;
    if (SETEXT_UNDERLINE.test(line) && current.length) {
      flush(); // the line(s) above were a heading
      continue;
    }
    if (LINK_DEFINITION.test(line)) continue;
    if (HEADING.test(line)) {
      flush();
      current.push(line.replace(HEADING, '').replace(/\s+#+\s*$/, ''));
      flush();
      continue;
    }
    let text = line;
    let ownParagraph = !hasBlankLine;
    if (BLOCKQUOTE.test(text)) {
      text = text.replace(/^(\s*>\s?)+/, '');
      if (!text.trim()) {
        flush();
        continue;
      }
    }
    if (LIST_ITEM.test(text)) {
      flush();
      text = text.replace(LIST_ITEM, '');
    }
    const hardBreak = / {2,}$|\\$/.test(text);
    if (hardBreak) text = text.replace(/(?: {2,}|\\)$/, '');
    current.push(text.trim());
    if (ownParagraph || hardBreak) flush();
  }
  flush();
  const text = withoutCaptions(paragraphs)
    // Paragraphs of an HTML block are text already (decoded, normalised): no Markdown in them.
    .map((p) => (p.startsWith(HTML_MARK) ? p.slice(HTML_MARK.length) : normaliseInline(decodeEntities(stripInline(p))).replace(/\s+/g, ' ').trim()))
    .filter((p) => p && !isFurnitureParagraph(p));
  // A blockquoted pull quote repeating the body is not a second statement (boilerplate.ts).
  return dropEchoes(text);
}

/** Marks a paragraph that came out of an HTML block (a private-use character, never in text). */
const HTML_MARK = '\uE000';

const IMAGE = /!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])/g;
const CAPTION_MAX_WORDS = 40;

/**
 * Image captions are furniture, not article text (QA 8): the text of a block that opens with an
 * image (`![alt](src)` then its caption on the next line), and a block all in emphasis right
 * after an image of its own (`*Photo: …*`).
 */
function withoutCaptions(raw: readonly string[]): string[] {
  const out: string[] = [];
  let afterImage = false;
  for (const p of raw) {
    const trimmed = p.trim();
    // A Hugo shortcode or a Jekyll/Liquid tag alone ({{< figure caption="…" >}}, {% include … %}):
    // site templating — figures, embeds — never article text (QA 8).
    if (/^\{\{[<%][\s\S]*[>%]\}\}$|^\{%[\s\S]*%\}$/.test(trimmed)) continue;
    if (/^!\[/.test(trimmed)) {
      const rest = trimmed.replace(IMAGE, ' ').trim();
      afterImage = !rest;
      if (rest.split(/\s+/).length <= CAPTION_MAX_WORDS) continue;
    } else if (afterImage && /^(\*|_)(?=\S)[\s\S]*\S\1$/.test(trimmed)) {
      afterImage = false;
      continue;
    } else afterImage = false;
    out.push(p);
  }
  return out;
}

/** Inline markup → its words. Raw HTML stays as text: renderers escape it. */
function stripInline(s: string): string {
  return s
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '') // images
    .replace(/!\[[^\]]*\]\[[^\]]*\]/g, '')
    .replace(/\[([^\]]+)\]\((?:[^()\s]+|\([^)]*\))*(?:\s+"[^"]*")?\)/g, '$1') // [text](url "title")
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1') // [text][ref]
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1') // autolinks
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, '$1');
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', mdash: '\u2014', ndash: '\u2013', hellip: '\u2026',
  lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201C', rdquo: '\u201D', laquo: '\u00AB', raquo: '\u00BB', copy: '\u00A9',
};

/** Markdown allows HTML character references: decode them (then normalise) so `&mdash;` reads like `—`. */
function decodeEntities(s: string): string {
  return s.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}
