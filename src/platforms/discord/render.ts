import type { APIEmbed } from 'discord.js';
import type { ArticleRef } from '../../domain/article.js';
import { carriedByText, otherAttributionsText, type Reply, type ReplyItem, type ReplySection } from '../../domain/reply.js';
import type { StatementKind } from '../../domain/statement.js';
import { contextLabel, reportingCue, showsContext } from '../../domain/reported-speech.js';
import {
  MAX_AUTHOR_NAME,
  MAX_CONTENT,
  MAX_EMBED_DESCRIPTION,
  MAX_EMBED_TITLE,
  MAX_EMBED_TOTAL,
  MAX_EMBED_URL,
  MAX_EMBEDS,
  MAX_FIELD_NAME,
  MAX_FIELD_VALUE,
  MAX_FOOTER_TEXT,
} from './limits.js';
import { escapeMarkdown, plainText, richText, safeUrl } from './markdown.js';

/**
 * Reply → Discord message: a short header in `content`, one embed per statement (quote with the
 * matched words in bold, speaker and role, outlet, the article as a link, corroboration), one embed
 * per list of lines or articles. Everything from the corpus is escaped; everything is cut to
 * Discord's limits, saying how much was left out.
 */
export interface RenderedMessage {
  content: string;
  embeds: APIEmbed[];
}

const COLORS: Record<StatementKind | 'error' | 'list', number> = {
  direct: 0x5865f2,
  mixed: 0x3ba55d,
  indirect: 0xfaa61a,
  statement: 0x99aab5,
  list: 0x4f545c,
  error: 0xed4245,
};

const KIND_LABEL: Record<StatementKind, string> = {
  direct: 'Direct quote',
  mixed: 'Partly quoted',
  indirect: 'Reported speech',
  statement: 'Statement',
};

/** Room kept in the embed budget for rounding and the "more" notes. */
const EMBED_TOTAL_SLACK = 60;

type Plan =
  | { kind: 'text'; text: string }
  | { kind: 'list'; section: ReplySection }
  | { kind: 'item'; item: ReplyItem; heading?: string };

export function pluralise(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function embedLength(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

function isoDate(published: string | null): string | null {
  if (!published) return null;
  const t = Date.parse(published);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** `[Title](url)` when the article has a usable URL, else the escaped title. */
export function articleLink(article: ArticleRef, maxTitle = 200): string {
  const title = escapeMarkdown(article.title || article.url || article.id, maxTitle);
  const url = safeUrl(article.url, MAX_EMBED_URL);
  // Parentheses would end the masked link early.
  return url ? `[${title}](${url.replace(/\(/g, '%28').replace(/\)/g, '%29')})` : title;
}

function told(cue: string | null): string {
  return cue && /^told\b/i.test(cue) ? 'told' : 'via';
}

/**
 * Reported speech ("Officials denied that the closure was linked to …") shows the clause the
 * speaker's words were reported in, which alone reads as the speaker asserting it; the footer's
 * "Reported speech" does not say how they put it. So for items that are not verbatim direct quotes
 * the reporting verb follows the speaker's name ("— **Officials** (denied)": said vs denied at a
 * glance; next to the name so it cannot read as part of the role), and the whole sentence is an
 * "In context" field, as in the console. A field, not a description line: Discord shows it apart
 * from the quote, and its length is counted in the embed budget like the rest. Direct quotes keep
 * their look; the article's own statements have no speaker or verb.
 */
/** A news sentence is rarely longer; longer ones are cut with "…" so the embed stays compact. */
const IN_CONTEXT_MAX = 300;
/** Below this an "In context" field would be a stub: left out (only when ten embeds crowd the budget). */
const IN_CONTEXT_MIN = 40;


function speakerLine(item: ReplyItem, max: number): string {
  const parts: string[] = [];
  const cue = reportingCue(item);
  // "The New York Times (reported) · via The New York Times" would say it twice.
  const toOutlet = item.outlet && item.outlet !== item.speaker ? item.outlet : null;
  parts.push(item.speaker ? `**${escapeMarkdown(item.speaker, 120)}**` : 'unattributed');
  // "told The Gazette" already says the verb: no "(told)" next to the name as well.
  if (cue && !(toOutlet && told(item.cue) === 'told')) parts.push(` (${escapeMarkdown(cue, 40)})`);
  if (item.speakerRole) parts.push(`, ${escapeMarkdown(item.speakerRole, 120)}`);
  if (toOutlet) parts.push(` · ${told(item.cue)} ${escapeMarkdown(toOutlet, 120)}`);
  return escapeFit(`— ${parts.join('')}`, max);
}

/** Already-escaped text cut to `max` without breaking escapes or bold markers (rare: only huge names). */
function escapeFit(markdown: string, max: number): string {
  if (markdown.length <= max) return markdown;
  return escapeMarkdown(markdown.replace(/\\(.)/g, '$1').replace(/\*\*/g, ''), max);
}

/** Characters of one outlet name in "also carried by …". */
const MAX_CARRIER_NAME = 60;
/** A corrected statement under its article in a digest list: a sentence, cut, so the embed holds several. */
const MAX_NOW_TEXT = 300;

export function corroborationText(item: ReplyItem): string {
  const c = item.corroboration;
  let s = `Reported in ${pluralise(Math.max(1, c.articles), 'article')}`;
  if (c.articles > 1 && c.firstOutlet) s += `, first by ${c.firstOutlet}`;
  // Footers are plain text (plainText escapes them): names go in as they are, each cut so that a
  // long list of sites that printed the same text (syndicated copy) leaves the rest of the footer.
  const carried = carriedByText(c, (x) => (x.length > MAX_CARRIER_NAME ? `${[...x].slice(0, MAX_CARRIER_NAME - 1).join('')}…` : x));
  if (carried) s += `, ${carried}`;
  const others = otherAttributionsText(c, (x) => x);
  if (others) s += ` · ⚠ ${others}`;
  return s;
}

function itemEmbed(item: ReplyItem, budget: number, heading?: string): APIEmbed {
  const embed: APIEmbed = { color: COLORS[item.kind] };
  if (heading) embed.author = { name: plainText(heading, MAX_AUTHOR_NAME) };
  // Title and footer get at most a quarter of the embed's share each: a 2,000-character footer
  // (long outlet names, several other attributions) in ten embeds passed the 6,000 of a message,
  // and results were dropped to fit (QA 7, F4). The quote keeps the rest.
  const share = Math.max(60, Math.floor(budget / 4));
  embed.title = escapeMarkdown(item.article.title || item.article.id, Math.min(MAX_EMBED_TITLE, share));
  const url = safeUrl(item.article.url, MAX_EMBED_URL);
  if (url) embed.url = url;
  const footerParts = [KIND_LABEL[item.kind], corroborationText(item)];
  if (item.article.outlet) footerParts.push(item.article.outlet);
  embed.footer = { text: plainText(footerParts.join(' · '), Math.min(MAX_FOOTER_TEXT, share)) };
  const ts = isoDate(item.article.published);
  if (ts) embed.timestamp = ts;

  if (showsContext(item)) {
    const name = plainText(contextLabel(item), MAX_FIELD_NAME);
    const max = Math.min(IN_CONTEXT_MAX, MAX_FIELD_VALUE, Math.floor((budget - embedLength(embed) - name.length) / 3));
    if (max >= IN_CONTEXT_MIN) embed.fields = [{ name, value: richText(item.text, max) }];
  }

  const room = Math.min(MAX_EMBED_DESCRIPTION, budget - embedLength(embed));
  const who = speakerLine(item, Math.max(40, Math.floor(room / 3)));
  // Only a direct quote is the speaker's words throughout (a partly quoted clause keeps its inner marks).
  const quoted = item.kind === 'direct';
  const quoteRoom = Math.max(20, room - who.length - 1 - (quoted ? 2 : 0));
  const quote = richText(item.quote || item.text, quoteRoom, { highlights: item.highlights });
  embed.description = `${quoted ? `“${quote}”` : quote}\n${who}`;
  return embed;
}

/** Lines and article links, whole lines only, with "…and N more" when they do not all fit. */
function listEmbed(section: ReplySection, budget: number): APIEmbed {
  const embed: APIEmbed = { color: COLORS.list };
  if (section.heading) embed.title = escapeMarkdown(section.heading, MAX_EMBED_TITLE);
  const entries = [
    ...(section.lines ?? []).map((l) => escapeMarkdown(l, 1000)),
    ...(section.articles ?? []).map((a) => {
      const meta = [a.outlet, a.published?.slice(0, 10)].filter(Boolean).join(', ');
      const carried = carriedByText(a, (x) => escapeMarkdown(x, MAX_CARRIER_NAME));
      // A corrected article (digest): how its changed statements now read, kept with its line.
      const now = (a.now ?? []).map((t) => `\n  *now:* ${escapeMarkdown(t, MAX_NOW_TEXT)}`).join('');
      return `• ${articleLink(a)}${meta ? ` — ${escapeMarkdown(meta, 200)}` : ''}${carried ? ` · ${carried}` : ''}${now}`;
    }),
  ];
  const room = Math.min(MAX_EMBED_DESCRIPTION, budget - embedLength(embed));
  const out: string[] = [];
  let used = 0;
  for (let i = 0; i < entries.length; i++) {
    const line = entries[i] as string;
    const left = entries.length - i - 1;
    const moreNote = left > 0 ? `\n…and ${left} more`.length + 4 : 0;
    if (used + line.length + 1 + moreNote > room) {
      out.push(`…and ${entries.length - i} more`);
      break;
    }
    out.push(line);
    used += line.length + 1;
  }
  if (out.length) embed.description = out.join('\n');
  else if (!embed.title) embed.description = '(nothing)';
  return embed;
}

function plans(reply: Reply): Plan[] {
  const out: Plan[] = [];
  for (const section of reply.sections) {
    const hasList = (section.lines?.length ?? 0) > 0 || (section.articles?.length ?? 0) > 0;
    if (hasList || (section.heading && section.items.length === 0)) out.push({ kind: 'list', section });
    section.items.forEach((item, i) =>
      out.push({ kind: 'item', item, heading: !hasList && i === 0 ? section.heading : undefined }),
    );
  }
  return out;
}

function headerLines(reply: Reply, omitted: number): string[] {
  const lines: string[] = [];
  for (const n of reply.notices) lines.push(`-# ${escapeMarkdown(n, 300)}`);
  if (omitted > 0) lines.push(`-# ${pluralise(omitted, 'more result')} not shown: Discord allows ${MAX_EMBEDS} embeds a message.`);
  return lines;
}

export function renderReply(reply: Reply): RenderedMessage {
  const title = `${reply.isError ? '⚠️ ' : ''}**${escapeMarkdown(reply.title || 'factbot', MAX_EMBED_TITLE)}**`;
  const all = plans(reply);
  const text = reply.text ? escapeMarkdown(reply.text, MAX_EMBED_DESCRIPTION) : '';

  // Text goes in the content when it fits there, else in a leading embed of its own.
  const draftHeader = headerLines(reply, Math.max(0, all.length - MAX_EMBEDS));
  const fixed = [title, ...draftHeader].join('\n').length;
  let textInContent = true;
  if (text && fixed + 1 + text.length > MAX_CONTENT) {
    textInContent = false;
    all.unshift({ kind: 'text', text: reply.text as string });
  }

  const kept = all.slice(0, MAX_EMBEDS);
  const omittedItems = all.slice(MAX_EMBEDS).filter((p) => p.kind === 'item').length;

  const perEmbed = kept.length ? Math.floor((MAX_EMBED_TOTAL - EMBED_TOTAL_SLACK) / kept.length) : 0;
  const embeds: APIEmbed[] = kept.map((p) => {
    if (p.kind === 'text') return { description: escapeMarkdown(p.text, Math.min(MAX_EMBED_DESCRIPTION, perEmbed)) };
    if (p.kind === 'list') return listEmbed(p.section, perEmbed);
    return itemEmbed(p.item, perEmbed, p.heading);
  });
  if (reply.isError) for (const e of embeds) e.color = COLORS.error;
  // The per-embed budget should make this unreachable; it guards the hard limit, and whatever it
  // drops is counted in the note rather than disappearing.
  let dropped = 0;
  while (embeds.length && embeds.reduce((n, e) => n + embedLength(e), 0) > MAX_EMBED_TOTAL) {
    embeds.pop();
    if (kept[embeds.length]?.kind === 'item') dropped++;
  }

  const lines = [title];
  if (text && textInContent) lines.push(text);
  lines.push(...headerLines(reply, omittedItems + dropped));
  let content = lines.join('\n');
  if (content.length > MAX_CONTENT) content = escapeFitContent(lines);
  return { content, embeds };
}

/** Drops whole lines from the end until the content fits (the title always stays). */
function escapeFitContent(lines: string[]): string {
  const out = [...lines];
  while (out.length > 1 && out.join('\n').length > MAX_CONTENT) out.pop();
  const joined = out.join('\n');
  return joined.length <= MAX_CONTENT ? joined : (out[0] as string).slice(0, MAX_CONTENT);
}
