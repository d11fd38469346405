import type { CommandArgs, CommandDefinition } from '../domain/command.js';
import type { Paging, Reply, ReplyItem } from '../domain/reply.js';
import { roleAfterName } from '../domain/statement.js';
import type { SearchResult } from '../corpus/types.js';
import { onlyStopWords } from '../corpus/coverage.js';

/** Shared by the command files: query hygiene, paging and turning search results into reply items. */

export const MAX_QUERY_CHARS = 500;
export const PAGE_SIZE = 5;

export interface PreparedQuery {
  text: string;
  notices: string[];
}

/**
 * Any input is safe to search: control characters go, whitespace collapses, and a query over 500
 * characters is cut at a word boundary with a notice (the index would only slow down on it).
 */
export function prepareQuery(raw: unknown, what = 'query'): PreparedQuery {
  const s = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw);
  // eslint-disable-next-line no-control-regex
  let text = s.replace(/[\u0000-\u001f\u007f\u200b-\u200d\ufeff]+/g, ' ').replace(/\s+/g, ' ').trim();
  const notices: string[] = [];
  if (text.length > MAX_QUERY_CHARS) {
    let cut = text.slice(0, MAX_QUERY_CHARS);
    const space = cut.lastIndexOf(' ');
    if (space > MAX_QUERY_CHARS * 0.8) cut = cut.slice(0, space);
    text = cut.trim();
    notices.push(`Your ${what} was cut to ${MAX_QUERY_CHARS} characters.`);
  }
  return { text, notices };
}

/** The page offset a command was asked for (platforms pass `offset` from `Paging`). */
export function readOffset(args: CommandArgs): number {
  const v = args.offset;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : 0;
  return Number.isInteger(n) && n > 0 ? Math.min(n, 10_000) : 0;
}

/** Paging for the next page, or undefined when this page is the last. */
export function nextPaging(
  command: string,
  args: CommandArgs,
  offset: number,
  shown: number,
  total: number,
  pageSize = PAGE_SIZE,
): Paging | undefined {
  const next = offset + shown;
  if (shown === 0 || next >= total) return undefined;
  const clean: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(args)) if (v !== undefined && k !== 'offset') clean[k] = v;
  return { command, args: clean, offset: next, pageSize, total };
}

export function toItem(r: SearchResult): ReplyItem {
  const s = r.statement;
  const quote = s.quote ?? s.text;
  return {
    statementId: s.id,
    kind: s.kind,
    quote,
    // A query's "the" or "of" matches everywhere: marking it is noise, not evidence.
    highlights: r.highlights.filter(([a, b]) => !onlyStopWords(quote.slice(a, b))),
    text: s.text,
    speaker: s.speaker,
    speakerMention: s.speakerMention,
    speakerRole: roleAfterName(s.speakerRole),
    outlet: s.outlet,
    cue: s.cue,
    article: r.article,
    corroboration: r.corroboration,
    score: r.score,
  };
}

export function uniq(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

/** Short form of the user's words for titles: “great intel”. */
export function quoted(text: string, max = 80): string {
  // Words the user already put in quote marks ("it never happened") are not quoted twice.
  const inner = /^["“]([^"“”]*)["”]$/.exec(text.trim())?.[1] ?? text;
  const t = inner.length > max ? `${inner.slice(0, max - 1).trimEnd()}…` : inner;
  return `“${t}”`;
}

/** The help text of one command: what an empty query gets. */
export function commandHelp(def: CommandDefinition, problem?: string): Reply {
  const lines = [`Usage: ${def.usage}`];
  for (const o of def.options) {
    lines.push(`  ${o.rest ? `<${o.name}>` : `${o.name}:VALUE`}${o.required ? '' : ' (optional)'} — ${o.description}`);
  }
  return {
    title: `/${def.name} — ${def.description}`,
    text: problem,
    notices: [],
    sections: [{ items: [], lines }],
    visibility: 'private',
    isError: problem ? true : undefined,
  };
}

/**
 * A typed name that is no speaker's may describe one by role ("the president"): the most quoted
 * speaker with that role stands for it, and a notice says so (and who else the role fits), so the
 * answer never silently picks someone.
 */
export async function speakerForRole(
  corpus: { speakerByRole(typed: string): Promise<{ name: string; role: string; others: string[] } | null> },
  typed: string,
): Promise<{ name: string; notice: string } | null> {
  const found = await corpus.speakerByRole(typed);
  if (!found) return null;
  const also = found.others.length ? ` The role also fits: ${found.others.join(', ')}.` : '';
  return { name: found.name, notice: `${quoted(typed, 60)} taken as ${found.name} (${found.role}), the most quoted speaker with that role.${also}` };
}

/**
 * "No speaker called X" with the closest known names, so the user can try again; with none, the
 * way on is a plain search for the quote's words (/quote), whichever command named the speaker.
 */
export async function unknownSpeakerReply(
  corpus: { suggestSpeakers(partial: string, limit: number): Promise<string[]> },
  name: string,
): Promise<Reply> {
  const close = await corpus.suggestSpeakers(name, 5);
  // speaker:H.R. McMaster reads as speaker "H.R." plus the words "McMaster": say how to write it.
  const cut = close.find((c) => c.toLowerCase().startsWith(`${name.toLowerCase()} `));
  const hint = cut ? ` A name with spaces needs quotes: speaker:"${cut}".` : '';
  return {
    title: `No speaker called ${quoted(name, 60)}`,
    text: close.length
      ? `Did you mean: ${close.join(', ')}?${hint}`
      : 'No speaker in the corpus has a name like that. Try /quote with words from the quote instead.',
    notices: [],
    sections: close.length ? [{ heading: 'Close names', items: [], lines: close }] : [],
    visibility: 'private',
    isError: true,
  };
}

/**
 * "No outlet called X in the corpus" with the closest outlet names: the answer when nothing
 * matched because the query's `outlet:` names no outlet at all (the corpus says so in
 * `SearchPage.unknownOutlet`), like an unknown speaker's.
 */
export function unknownOutletReply(unknown: { name: string; close: readonly string[] }, notices: readonly string[]): Reply {
  const title = `No outlet called ${quoted(unknown.name, 60)} in the corpus`;
  return {
    title,
    text: unknown.close.length
      ? `Did you mean: ${unknown.close.join(', ')}?`
      : 'No outlet in the corpus has a name like that. Try the words without outlet:.',
    // The corpus's own notice says the same as the title.
    notices: notices.filter((n) => !n.startsWith(`No outlet called “`)),
    sections: unknown.close.length ? [{ heading: 'Close names', items: [], lines: [...unknown.close] }] : [],
    visibility: 'private',
    isError: true,
  };
}
