import { carriedByText, otherAttributionsText, type Range, type Reply, type ReplyItem, type ReplySection } from '../../domain/reply.js';
import type { ArticleRef } from '../../domain/article.js';
import { contextLabel, sentenceAddsContext } from '../../domain/reported-speech.js';

/**
 * A Reply as plain text for a terminal. Article text can contain anything, so control and
 * escape characters are neutralised here: a crafted article cannot move the cursor or recolour
 * the terminal. Matched words are marked with **…** (bold on a colour terminal).
 */
export interface RenderOptions {
  /** ANSI bold for matched words and headings (a terminal); otherwise **…** marks. */
  color?: boolean;
  /** Wrap long lines at this width (0 = no wrapping). */
  width?: number;
  /** The number of the first item: a later page continues the numbering (6, 7, …). */
  firstNumber?: number;
}

const BOLD = '\u001b[1m';
const DIM = '\u001b[2m';
const RESET = '\u001b[0m';

/** Removes ANSI escapes and control characters (keeps newlines and tabs as spaces). */
export function sanitize(text: string): string {
  return text
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .replace(/\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)?/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[\t\n]+/g, ' ');
}

/** Marks the ranges of `text`; overlapping or out-of-range highlights are clipped, never thrown on. */
export function markRanges(text: string, ranges: readonly Range[], color: boolean): string {
  const sorted = [...ranges]
    .filter(([s, e]) => Number.isInteger(s) && Number.isInteger(e) && s < e && s >= 0 && s < text.length)
    .sort((a, b) => a[0] - b[0]);
  // "great intel" reads better as one marked run than as two marked words.
  const valid: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const prev = valid[valid.length - 1];
    if (prev && s >= prev[1] && /^\s*$/.test(text.slice(prev[1], s))) prev[1] = Math.max(prev[1], e);
    else valid.push([s, e]);
  }
  const open = color ? BOLD : '**';
  const close = color ? RESET : '**';
  let out = '';
  let pos = 0;
  for (const [s, eRaw] of valid) {
    const e = Math.min(eRaw, text.length);
    if (s < pos) continue;
    out += sanitize(text.slice(pos, s)) + open + sanitize(text.slice(s, e)) + close;
    pos = e;
  }
  return out + sanitize(text.slice(pos));
}

function heading(text: string, color: boolean): string {
  return color ? `${BOLD}${sanitize(text)}${RESET}` : sanitize(text);
}

function articleLine(a: ArticleRef): string {
  const parts = [`“${sanitize(a.title)}”`];
  if (a.outlet) parts.push(sanitize(a.outlet));
  if (a.published) parts.push(sanitize(a.published.slice(0, 10)));
  let line = parts.join(' — ');
  if (a.url) line += ` <${sanitize(a.url)}>`;
  return line;
}

function attribution(item: ReplyItem): string {
  const who = item.speaker ? sanitize(item.speaker) : 'unattributed';
  const role = item.speakerRole ? ` (${sanitize(item.speakerRole)})` : '';
  let line = `— ${who}${role}`;
  if (item.outlet && item.outlet !== item.speaker) {
    const how = item.cue && /\btold\b/i.test(item.cue) ? 'told' : item.cue && /according/i.test(item.cue) ? 'according to' : 'via';
    line += `, ${how} ${sanitize(item.outlet)}`;
  }
  return line;
}

function corroborationLine(item: ReplyItem): string | null {
  const c = item.corroboration;
  const others = otherAttributionsText(c, sanitize);
  // Syndicated copy: the same text printed by other sites, one report (not counted again).
  const carried = carriedByText(c, sanitize, 5);
  const careful = others ? ` Careful: the same words are ${others}.` : '';
  if (c.articles <= 1) {
    if (carried) return `Reported in 1 article; ${carried}.${careful}`;
    return others ? `Careful: the same words are ${others}.` : null;
  }
  let line = `Reported in ${c.articles} articles`;
  if (c.outlets.length) line += ` (${c.outlets.map(sanitize).join(', ')})`;
  if (c.firstOutlet) line += `; first by ${sanitize(c.firstOutlet)}`;
  if (carried) line += `; ${carried}`;
  return `${line}.${careful}`;
}

/**
 * A terminal has no message limit, but a statement of megabytes (one unbroken line in a file)
 * floods it: quotes and sentences are cut to this many characters, around the first matched words.
 */
const MAX_CONSOLE_TEXT = 1000;

/** `text` cut to MAX_CONSOLE_TEXT around its first highlight, with the highlights moved along. */
function window(text: string, ranges: readonly Range[]): { text: string; ranges: Range[] } {
  if (text.length <= MAX_CONSOLE_TEXT) return { text, ranges: [...ranges] };
  const first = ranges.find(([a]) => a >= 0 && a < text.length)?.[0] ?? 0;
  const from = Math.max(0, Math.min(first - 100, text.length - MAX_CONSOLE_TEXT));
  const to = from + MAX_CONSOLE_TEXT;
  const lead = from > 0 ? '…' : '';
  const shifted = ranges
    .filter(([a, b]) => a >= from && b <= to)
    .map(([a, b]): Range => [a - from + lead.length, b - from + lead.length]);
  return { text: `${lead}${text.slice(from, to)}${to < text.length ? '…' : ''}`, ranges: shifted };
}

export function renderItem(item: ReplyItem, n: number, opts: RenderOptions = {}): string[] {
  const color = opts.color ?? false;
  const cut = window(item.quote, item.highlights);
  const quote = markRanges(cut.text, cut.ranges, color);
  // Only a direct quote is the speaker's words throughout: the rest are not wrapped as if verbatim.
  const lines = [item.kind === 'direct' ? `${n}. “${quote}”` : `${n}. ${quote}`, `   ${attribution(item)}`];
  if (item.kind !== 'statement' && sentenceAddsContext(item)) {
    lines.push(`   ${contextLabel(item)}: ${sanitize(window(item.text, []).text)}`);
  }
  lines.push(`   Article: ${articleLine(item.article)}`);
  const corr = corroborationLine(item);
  if (corr) lines.push(`   ${corr}`);
  return lines;
}

function renderSection(section: ReplySection, start: number, opts: RenderOptions): { lines: string[]; count: number } {
  const lines: string[] = [];
  if (section.heading) lines.push(heading(section.heading, opts.color ?? false) + ':');
  let n = start;
  for (const item of section.items) {
    lines.push(...renderItem(item, n++, opts));
  }
  const shown = new Set(section.items.map((i) => i.article.id));
  const extraArticles = (section.articles ?? []).filter((a) => !shown.has(a.id));
  if (extraArticles.length) {
    if (section.items.length) lines.push('Articles:');
    for (const a of extraArticles) {
      const carried = carriedByText(a, sanitize, 5);
      lines.push(`  • ${articleLine(a)}${carried ? ` (${carried})` : ''}`);
      for (const t of a.now ?? []) lines.push(`      now: ${sanitize(t)}`);
    }
  }
  for (const l of section.lines ?? []) lines.push(`  ${sanitize(l)}`);
  return { lines, count: n - start };
}

/** The whole reply, ready to print (no trailing newline). */
export function renderReply(reply: Reply, opts: RenderOptions = {}): string {
  const color = opts.color ?? false;
  const out: string[] = [heading(reply.isError ? `⚠ ${reply.title}` : reply.title, color)];
  if (reply.text) out.push(sanitize(reply.text));
  for (const n of reply.notices) out.push(`Note: ${sanitize(n)}`);
  let counter = opts.firstNumber ?? 1;
  for (const section of reply.sections) {
    const { lines, count } = renderSection(section, counter, opts);
    counter += count;
    if (lines.length) out.push('', ...lines);
  }
  if (reply.paging) {
    const left = reply.paging.total - reply.paging.offset;
    out.push('', color ? `${DIM}${left} more — type "more" for the next page.${RESET}` : `${left} more — type "more" for the next page.`);
  }
  const text = out.join('\n');
  return opts.width ? wrap(text, opts.width) : text;
}

function wrap(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      if (line.length <= width) return line;
      const indent = /^\s*/.exec(line)![0] + (/^\s*\d+\. /.test(line) ? '   ' : '');
      const words = line.trimStart().split(' ');
      const rows: string[] = [];
      let cur = /^\s*/.exec(line)![0];
      for (const w of words) {
        if (cur.trim() && cur.length + 1 + w.length > width) {
          rows.push(cur);
          cur = indent + w;
        } else cur = cur.trim() ? `${cur} ${w}` : cur + w;
      }
      rows.push(cur);
      return rows.join('\n');
    })
    .join('\n');
}
