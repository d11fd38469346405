import type { ArticleRef } from '../../domain/article.js';
import type { ArgValue, CommandArgs } from '../../domain/command.js';
import { carriedByText, otherAttributionsText, type Range, type Reply, type ReplyItem, type ReplySection } from '../../domain/reply.js';
import { contextLabel, reportingCue, showsContext } from '../../domain/reported-speech.js';
import type { ButtonState, ButtonStateCodec } from './button-state.js';
import { cut, escapeMrkdwn, escapeUntrusted, fitRendered, safeUrl, sanitisePlain } from './escape.js';
import {
  MAX_BLOCKS,
  MAX_BUTTON_TEXT,
  MAX_CONTEXT_TEXT,
  MAX_FALLBACK_TEXT,
  MAX_HEADER_TEXT,
  MAX_SECTION_TEXT,
} from './limits.js';
import { nextOffset, OFFSET_ARG, remainingAfter } from './paging.js';

/**
 * Block Kit rendering of a Reply. Every string from a Reply is untrusted and goes through
 * escape.ts; every block respects limits.ts. Mrkdwn objects are `verbatim` so Slack does not
 * auto-link or resolve anything we did not write ourselves.
 */

export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
  verbatim: true;
}
export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji: boolean;
}
export interface ButtonElement {
  type: 'button';
  action_id: string;
  text: PlainText;
  value: string;
  style?: 'primary';
}
export type SlackBlock =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text: MrkdwnText }
  | { type: 'context'; elements: MrkdwnText[] }
  | { type: 'divider' }
  | { type: 'actions'; block_id: string; elements: ButtonElement[] };

export interface SlackMessage {
  /** Notification and fallback text (mrkdwn, escaped). */
  text: string;
  blocks: SlackBlock[];
}

export const ACTION_SHARE = 'factbot_share';
export const ACTION_MORE = 'factbot_more';

export interface RenderOptions {
  /** Offer "Share in channel" (only meaningful for an ephemeral answer). */
  share: boolean;
  /** Offer "More results" when the reply pages. */
  more: boolean;
  /** Whether the message will be ephemeral (recorded in the button state). */
  ephemeral: boolean;
  codec?: ButtonStateCodec;
  /** The command call that produced the reply, so Share can run it again. */
  origin?: { command: string; subcommand?: string; args: CommandArgs };
  /** Slack user id of whoever shared an ephemeral answer into the channel. */
  sharedBy?: string;
}

const mrkdwn = (text: string): MrkdwnText => ({ type: 'mrkdwn', text, verbatim: true });
const plain = (text: string, max: number): PlainText => ({
  type: 'plain_text',
  text: cut(sanitisePlain(text.replace(/\s+/g, ' ').trim()) || ' ', max),
  emoji: false,
});
const section = (text: string): SlackBlock => ({ type: 'section', text: mrkdwn(text) });
const context = (text: string): SlackBlock => ({ type: 'context', elements: [mrkdwn(text)] });

/** Slack user ids are the only ids we ever write as a mention; anything else is dropped. */
function userMention(id: string | undefined): string | null {
  return id && /^[UW][A-Z0-9]{2,20}$/.test(id) ? `<@${id}>` : null;
}

/**
 * Highlights widened to whole words (mrkdwn bold only renders on word boundaries), trimmed of
 * spaces, clipped to the string, merged when they touch.
 */
export function wordHighlights(text: string, ranges: readonly Range[]): Array<[number, number]> {
  const isWord = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}'’-]/u.test(ch);
  const out: Array<[number, number]> = [];
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  for (const [rawStart, rawEnd] of sorted) {
    let start = Math.max(0, Math.min(text.length, rawStart));
    let end = Math.max(start, Math.min(text.length, rawEnd));
    while (start > 0 && isWord(text[start - 1]) && isWord(text[start])) start--;
    while (end < text.length && isWord(text[end]) && isWord(text[end - 1])) end++;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (start >= end) continue;
    const last = out[out.length - 1];
    if (last && start <= last[1] + 1 && !/\S\s\S/.test(text.slice(last[1], start))) {
      last[1] = Math.max(last[1], end);
    } else if (last && start <= last[1]) {
      last[1] = Math.max(last[1], end);
    } else out.push([start, end]);
  }
  return out;
}

/** The quote as mrkdwn with matched words in bold; `raw` may be a cut prefix of the quote. */
function boldQuote(raw: string, highlights: readonly Range[]): string {
  let out = '';
  let pos = 0;
  for (const [s, e] of wordHighlights(raw, highlights)) {
    out += escapeUntrusted(raw.slice(pos, s));
    // Asterisks inside a bold run would end it early.
    out += `*${escapeUntrusted(raw.slice(s, e).replace(/\*/g, '∗'))}*`;
    pos = e;
  }
  return out + escapeUntrusted(raw.slice(pos));
}

/**
 * Budgets (rendered characters) for the untrusted names around a quote, so that however long
 * they are, the quote keeps most of its section and the article line fits its context block.
 */
const NAME_BUDGET = 200;
const ROLE_BUDGET = 300;
const TITLE_BUDGET = 600;
/** A corrected statement under its article in a list: a sentence, cut, so a section holds several. */
const NOW_BUDGET = 300;
const URL_BUDGET = 1000;

/** Names, titles and outlets from articles: escaped, their formatting marks shown as written. */
const esc = (raw: string, budget: number) => fitRendered(raw.replace(/\s+/g, ' ').trim(), budget, escapeUntrusted);
const escBold = (raw: string, budget: number) => `*${esc(raw.replace(/\*/g, '∗'), budget)}*`;

/**
 * Reported speech ("Officials denied that the closure was linked to …") is shown as the clause the
 * speaker's words were reported in, which on its own reads as the speaker asserting it. So for
 * items that are not verbatim direct quotes the reporting verb goes right after the speaker's name
 * ("— *Officials* (denied)": at a glance, said vs denied), and the whole sentence follows in small
 * text in the item's context block ("In context: Officials denied that …"), as the console's
 * "In context" line does. The verb sits next to the name, not after the role, so it cannot read as
 * part of the role ("harbour master (rejected)"). Direct quotes carry the speaker's own words and
 * keep their look; the article's own statements have no speaker or verb.
 */
const CUE_BUDGET = 60;
/** A news sentence is rarely longer; longer ones are cut with "…" so the item stays compact. */
const IN_CONTEXT_BUDGET = 400;

/** The sentence the reported words stand in, when it says more than the words themselves. */
function inContext(item: ReplyItem): string | null {
  if (!showsContext(item)) return null;
  const label = escapeUntrusted(contextLabel(item));
  return fitRendered(item.text.replace(/\s+/g, ' ').trim(), IN_CONTEXT_BUDGET, (raw) => `_${label}:_ ${escapeUntrusted(raw)}`);
}

function attribution(item: ReplyItem): string {
  const parts: string[] = [];
  const toOutlet = item.outlet && item.outlet !== item.speaker ? item.outlet : null;
  const told = Boolean(item.cue && /\btold\b/i.test(item.cue));
  const cue = reportingCue(item);
  // "told The Gazette" already says the verb: no "(told)" next to the name as well.
  const how = cue && !(told && toOutlet) ? ` (${esc(cue, CUE_BUDGET)})` : '';
  if (item.speaker) {
    let who = escBold(item.speaker, NAME_BUDGET) + how;
    if (item.speakerRole) who += `, ${esc(item.speakerRole, ROLE_BUDGET)}`;
    parts.push(`— ${who}`);
  } else parts.push(item.kind === 'statement' ? '— _the article’s own words_' : `— _speaker not named_${how}`);
  if (toOutlet) parts.push(`${told ? 'told' : 'via'} ${esc(toOutlet, NAME_BUDGET)}`);
  return parts.join(' · ');
}

function corroborationText(item: ReplyItem, nameBudget = NAME_BUDGET): string {
  const n = item.corroboration.articles;
  const others = otherAttributionsText(item.corroboration, (s) => esc(s, nameBudget));
  const conflict = others ? ` · ⚠ ${others}` : '';
  // Syndicated copy: the other sites that printed the same text (one report, not counted again).
  const carriedBy = carriedByText(item.corroboration, (s) => esc(s, nameBudget));
  const carried = carriedBy ? ` · ${carriedBy}` : '';
  if (n <= 1) return `reported in 1 article${carried}${conflict}`;
  const first = item.corroboration.firstOutlet ? ` (first: ${esc(item.corroboration.firstOutlet, nameBudget)})` : '';
  return `reported in ${n} articles${first}${carried}${conflict}`;
}

/**
 * The article line and the corroboration, as one context element when they fit one, else as two:
 * a long title and URL with three other attributions of long names and outlets came to 3,853
 * characters, over the 3,000 Slack allows a text object, and Slack refuses the whole message.
 */
function articleElements(item: ReplyItem): MrkdwnText[] {
  const line = articleLine(item.article);
  const corroboration = corroborationText(item);
  if (line.length + 3 + corroboration.length <= MAX_CONTEXT_TEXT) return [mrkdwn(`${line} · ${corroboration}`)];
  // Each name at most 60 characters keeps three attributions with two outlets each far inside.
  return [mrkdwn(line), mrkdwn(corroboration.length <= MAX_CONTEXT_TEXT ? corroboration : corroborationText(item, 60))];
}

/** Title as a link (when the URL is http(s) and not absurdly long), outlet, date: at most ~1,850 characters. */
function articleLine(article: ArticleRef): string {
  const title = esc(article.title || 'Untitled article', TITLE_BUDGET);
  const href = safeUrl(article.url);
  const bits = [href && href.length <= URL_BUDGET ? `<${href}|${title}>` : title];
  if (article.outlet) bits.push(esc(article.outlet, NAME_BUDGET));
  if (article.published) bits.push(esc(article.published.slice(0, 10), 10));
  return bits.join(' · ');
}

/**
 * The quote as it is shown (white space collapsed, trimmed), with its highlights moved along: they
 * are offsets into the quote as stored, and a line break plus indentation before a matched word
 * put the bold on the wrong letters (and could start it inside an emoji).
 */
function collapseSpace(text: string, ranges: readonly Range[]): { text: string; ranges: Array<[number, number]> } {
  const at: number[] = new Array<number>(text.length + 1);
  let out = '';
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    at[i] = out.length;
    if (/\s/.test(c)) {
      space = out.length > 0;
      continue;
    }
    if (space) {
      out += ' ';
      space = false;
      at[i] = out.length;
    }
    out += c;
  }
  at[text.length] = out.length;
  const clip = (n: number) => at[Math.max(0, Math.min(text.length, n))]!;
  return { text: out, ranges: ranges.map(([s, e]) => [clip(s), clip(e)] as [number, number]).filter(([s, e]) => e > s) };
}

/** The two blocks of one statement: the quote with its speaker, then its article and corroboration. */
export function renderItem(item: ReplyItem): SlackBlock[] {
  const who = attribution(item);
  const shown = collapseSpace(item.quote, item.highlights);
  const quoteText = fitRendered(shown.text, MAX_SECTION_TEXT - who.length - 1, (raw) => {
    // Only a direct quote is the speaker's words throughout; a partly quoted clause keeps its own
    // inner quote marks and is not wrapped as if verbatim.
    const open = item.kind === 'direct' ? '“' : '';
    const close = open ? '”' : '';
    return `> ${open}${boldQuote(raw, shown.ranges)}${close}`;
  });
  const article = articleElements(item);
  const sentence = inContext(item);
  // One context block either way: blocks are the scarce resource; elements have their own limit each.
  return [section(`${quoteText}\n${who}`), { type: 'context', elements: sentence ? [mrkdwn(sentence), ...article] : article }];
}

/** Text lines (subscriptions, help) packed into as few sections as the limit allows. */
function lineSections(lines: readonly string[], escape: boolean): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of lines) {
    const text = fitRendered(line, MAX_SECTION_TEXT, escape ? escapeMrkdwn : (s) => s);
    if (current && current.length + 1 + text.length > MAX_SECTION_TEXT) {
      chunks.push(current);
      current = text;
    } else current = current ? `${current}\n${text}` : text;
  }
  if (current) chunks.push(current);
  return chunks;
}

function sectionBlocks(sec: ReplySection): Array<{ blocks: SlackBlock[]; item: boolean }> {
  const out: Array<{ blocks: SlackBlock[]; item: boolean }> = [];
  const chunks = lineSections(sec.lines ?? [], true);
  if (sec.heading) {
    // The heading shares the first block of its lines when both fit: blocks are the scarce resource.
    const heading = `*${fitRendered(sec.heading.replace(/\*/g, '∗'), 2900, escapeMrkdwn)}*`;
    const first = chunks[0];
    if (first !== undefined && heading.length + 1 + first.length <= MAX_SECTION_TEXT) chunks[0] = `${heading}\n${first}`;
    else chunks.unshift(heading);
  }
  for (const text of chunks) out.push({ blocks: [section(text)], item: false });
  if (sec.articles?.length) {
    const lines = sec.articles.map((a) => {
      const carried = carriedByText(a, (s) => esc(s, NAME_BUDGET));
      // A corrected article (digest): how its changed statements now read, under it.
      const now = (a.now ?? []).map((t) => `\n      _now:_ ${esc(t, NOW_BUDGET)}`).join('');
      return `• ${articleLine(a)}${carried ? ` · ${carried}` : ''}${now}`;
    });
    for (const text of lineSections(lines, false)) out.push({ blocks: [section(text)], item: false });
  }
  for (const item of sec.items) out.push({ blocks: renderItem(item), item: true });
  return out;
}

/** Renders a Reply as one Slack message that Slack will accept, whatever the Reply holds. */
export function renderReply(reply: Reply, opts: RenderOptions): SlackMessage {
  const head: SlackBlock[] = [{ type: 'header', text: plain(reply.title || 'factbot', MAX_HEADER_TEXT) }];
  if (reply.text) {
    for (const text of lineSections(reply.text.split('\n'), true).slice(0, 5)) head.push(section(text));
  }
  if (reply.notices.length) {
    const render = (raw: string) => raw.split('\n').map((n) => `:information_source: ${escapeMrkdwn(n)}`).join('\n');
    head.push(context(fitRendered(reply.notices.join('\n'), MAX_CONTEXT_TEXT, render)));
  }

  const paging = reply.paging;
  // Buttons depend on what fits, so room for them (and the footer) is reserved first.
  const mayHaveButtons = Boolean(opts.codec) && !reply.isError && (opts.share || (opts.more && paging));
  const tailCount = 1 + (mayHaveButtons ? 1 : 0);
  let budget = MAX_BLOCKS - head.length - tailCount;
  const body: SlackBlock[] = [];
  let droppedItems = 0;
  let droppedOther = false;
  for (const sec of reply.sections) {
    for (const unit of sectionBlocks(sec)) {
      if (unit.blocks.length <= budget && !(droppedItems && unit.item)) {
        body.push(...unit.blocks);
        budget -= unit.blocks.length;
      } else if (unit.item) droppedItems++;
      else droppedOther = true;
    }
  }

  const footer: string[] = [];
  const more = paging ? remainingAfter(paging, droppedItems) : droppedItems;
  if (more > 0) footer.push(`${more} more result${more === 1 ? '' : 's'}${paging ? '' : ' not shown'}`);
  if (droppedOther) footer.push('some lines were left out to fit Slack’s limits');
  const sharer = userMention(opts.sharedBy);
  if (sharer) footer.push(`shared by ${sharer}`);

  const blocks = [...head, ...body];
  if (footer.length) blocks.push(context(footer.join(' · ')));
  const buttons = buildButtons(reply, opts, droppedItems);
  if (buttons.length) blocks.push({ type: 'actions', block_id: 'factbot_controls', elements: buttons });

  return { text: fallbackText(reply), blocks: blocks.slice(0, MAX_BLOCKS) };
}

function definedArgs(args: CommandArgs): Record<string, ArgValue> {
  const out: Record<string, ArgValue> = {};
  for (const [k, v] of Object.entries(args)) if (v !== undefined) out[k] = v;
  return out;
}

function buildButtons(reply: Reply, opts: RenderOptions, droppedItems: number): ButtonElement[] {
  if (!opts.codec || reply.isError) return [];
  const out: ButtonElement[] = [];
  const paging = reply.paging;
  // Findings are worth sharing; help pages and subscription lists are not.
  const hasFindings = reply.sections.some((s) => s.items.length || s.articles?.length);
  if (opts.share && opts.ephemeral && hasFindings && opts.origin) {
    const state: ButtonState = {
      command: opts.origin.command,
      subcommand: opts.origin.subcommand,
      args: definedArgs(opts.origin.args),
      ephemeral: opts.ephemeral,
    };
    out.push({
      type: 'button',
      action_id: ACTION_SHARE,
      text: plain('Share in channel', MAX_BUTTON_TEXT),
      value: opts.codec.encode(state),
      style: 'primary',
    });
  }
  if (opts.more && paging && remainingAfter(paging, droppedItems) > 0) {
    const state: ButtonState = {
      command: paging.command,
      subcommand: opts.origin?.command === paging.command ? opts.origin.subcommand : undefined,
      args: { ...definedArgs(paging.args), [OFFSET_ARG]: nextOffset(paging, droppedItems) },
      ephemeral: opts.ephemeral,
    };
    out.push({
      type: 'button',
      action_id: ACTION_MORE,
      text: plain('More results', MAX_BUTTON_TEXT),
      value: opts.codec.encode(state),
    });
  }
  return out;
}

/** What notifications and screen readers show: the title and the best quote, escaped. */
export function fallbackText(reply: Reply): string {
  const first = reply.sections.flatMap((s) => s.items)[0];
  let raw = reply.title;
  if (first) {
    // Marks as on the blocks (reported speech is not in quote marks), and its verb, so a
    // notification does not turn "Officials denied that X" into "“X” — Officials".
    const marks = first.kind === 'direct';
    const cue = reportingCue(first);
    raw += `: ${marks ? `“${first.quote}”` : first.quote}${first.speaker ? ` — ${first.speaker}${cue ? ` (${cue})` : ''}` : ''}`;
  }
  return fitRendered(raw.replace(/\s+/g, ' ').trim() || 'factbot', MAX_FALLBACK_TEXT, escapeMrkdwn);
}
