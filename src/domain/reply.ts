import type { ArticleRef } from './article.js';
import type { StatementKind } from './statement.js';

/**
 * A Reply is data, never a platform string: every platform renders it in its own idiom and
 * applies its own limits and escaping. Strings here are plain text straight from articles or
 * from the core; renderers must escape them.
 */
export interface Reply {
  /** Short heading ("Quotes matching “great intel”"). */
  title: string;
  /** One or two lines under the title (a summary, or the help text). Plain text. */
  text?: string;
  /** Things the user should know about their query ("Your query was cut to 500 characters."). */
  notices: string[];
  sections: ReplySection[];
  /** Present when there are more results than this page shows. */
  paging?: Paging;
  /** How the command would like to be shown: private answers are the default for lookups. */
  visibility: 'private' | 'public';
  /** True when the reply reports a problem (bad input, nothing configured). */
  isError?: boolean;
}

export interface ReplySection {
  heading?: string;
  /** Statements, best first. */
  items: ReplyItem[];
  /** Articles (a digest's new articles, the articles a `sources` answer found). */
  articles?: ListedArticle[];
  /** Plain-text lines (a subscription list, a next run). */
  lines?: string[];
}

/** An article in a list: the article, and the sites that printed the same text. */
export interface ListedArticle extends ArticleRef {
  /**
   * Publishers of other stored copies of this article's text (syndicated copy, listed once),
   * never this article's own outlet. Absent when none. Renderers show it with `carriedByText`.
   */
  carriedBy?: readonly string[];
  /**
   * An article listed as corrected (a digest's "Corrected since the last digest"): how the
   * statements the correction changed now read (“quote” — speaker, or the sentence), a few at
   * most, plain text. Renderers show each under the article, escaped. Absent otherwise.
   */
  now?: readonly string[];
}

/** [start, end) offsets into the string they belong to. */
export type Range = readonly [number, number];

export interface ReplyItem {
  statementId: string;
  kind: StatementKind;
  /** The quoted or reported words when there are any, else the statement text. */
  quote: string;
  /** Matched words in `quote`, to be shown in bold. Sorted, non-overlapping. */
  highlights: Range[];
  /** The whole sentence, for context (may equal `quote`). */
  text: string;
  speaker: string | null;
  /** How the article named the speaker at these words ("she", "the engineer", "Calder"). */
  speakerMention?: string | null;
  speakerRole: string | null;
  /** The outlet the words were told to or reported by. */
  outlet: string | null;
  cue: string | null;
  article: ArticleRef;
  corroboration: Corroboration;
  /** Relevance, 0 (perfect) to 1, when the item comes from a search. */
  score?: number;
}

export interface Corroboration {
  /** Number of distinct articles reporting the same quote (1 = only this one). */
  articles: number;
  /** Distinct outlets among them, earliest first. */
  outlets: string[];
  /** The outlet of the earliest article that had it, when known. */
  firstOutlet: string | null;
  /**
   * The same words attributed to someone else in other articles (not counted in `articles`): a
   * conflict to show, never corroboration of this speaker.
   */
  otherSpeakers?: readonly OtherAttribution[];
  /**
   * Publishers of other stored copies of these articles' text (one wire story printed word for
   * word by several sites): the same report, so not counted in `articles` nor listed in
   * `outlets`, but they carried it. Never the shown article's own publisher. Absent when none.
   */
  carriedBy?: readonly string[];
}

export interface OtherAttribution {
  speaker: string;
  articles: number;
  outlets: string[];
}

/**
 * "also attributed to Jim Hale (Coastal Times)": the same words given to someone else, for every
 * platform (each passes its own escaping). Null when there is no conflict.
 */
export function otherAttributionsText(c: Corroboration, escape: (s: string) => string, max = 3): string | null {
  const others = c.otherSpeakers ?? [];
  if (!others.length) return null;
  const shown = others.slice(0, max).map((o) => {
    const where = o.outlets.length ? ` (${o.outlets.slice(0, 2).map(escape).join(', ')})` : o.articles > 1 ? ` (${o.articles} articles)` : '';
    return `${escape(o.speaker)}${where}`;
  });
  const more = others.length > max ? ` and ${others.length - max} more` : '';
  return `also attributed to ${shown.join('; ')}${more}`;
}

/**
 * "also carried by Lakeshore Gazette, Quarry Hill Post and 2 more": the sites that printed the
 * same text (syndicated copy), for every platform (each passes its own escaping). Null when none.
 */
export function carriedByText(c: Corroboration | ListedArticle, escape: (s: string) => string, max = 3): string | null {
  const names = c.carriedBy ?? [];
  if (!names.length) return null;
  const shown = names.slice(0, max).map(escape).join(', ');
  return `also carried by ${shown}${names.length > max ? ` and ${names.length - max} more` : ''}`;
}

/**
 * What a platform needs to fetch another page: the command, its arguments and the offset.
 * Serialisable as JSON; platforms whose button ids are short keep it in a store and send a key.
 */
export interface Paging {
  command: string;
  args: Record<string, string | number | boolean>;
  offset: number;
  pageSize: number;
  /** Total matching results (after grouping), so renderers can say "12 more". */
  total: number;
}

export function emptyReply(title: string, text?: string): Reply {
  return { title, text, notices: [], sections: [], visibility: 'private' };
}

/** The answer to "thanks" or a 👍 (a reply to an answer, not a question): short, no search. */
export function acknowledgementReply(): Reply {
  return emptyReply('You’re welcome', 'Ask me another any time; `help` lists what I can look up.');
}

export function errorReply(title: string, text?: string): Reply {
  return { ...emptyReply(title, text), isError: true };
}
