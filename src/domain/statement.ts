/**
 * - `direct`: the words are inside quote marks and attributed.
 * - `indirect`: reported speech ("McMaster said the President engaged in…", "according to AP, …").
 * - `mixed`: reported speech with quoted fragments.
 * - `statement`: no attribution.
 */
export type StatementKind = 'direct' | 'indirect' | 'mixed' | 'statement';

export const STATEMENT_KINDS: readonly StatementKind[] = ['direct', 'indirect', 'mixed', 'statement'];

/** One sentence or quoted passage of an article, as `src/extract/` produces it. */
export interface Statement {
  /** The sentence (or sentences, for a multi-sentence quote) as it stands in the article text. */
  text: string;
  kind: StatementKind;
  /** The quoted or reported words, without the outer quote marks; null for `statement`. */
  quote: string | null;
  /** Canonical name ("H.R. McMaster"); null when the text does not say who spoke. */
  speaker: string | null;
  /** The mention as written where the words are attributed ("he", "the officer", "McMaster"). */
  speakerMention: string | null;
  /** Title or role given in the text ("National Security Adviser"). */
  speakerRole: string | null;
  /** The outlet the words were told to or reported by, canonical ("The Washington Post"). */
  outlet: string | null;
  /** The reporting verb or phrase ("said", "told", "according to"). */
  cue: string | null;
  /** Character offsets of `text` in the article text as loaded: text === article.text.slice(start, end). */
  start: number;
  end: number;
  /** 0-based paragraph (line) number in the article text. */
  paragraph: number;
}

/** A statement as stored: tied to its article, its quote cluster and the corpus-wide speaker. */
export interface StoredStatement extends Statement {
  /** `${articleId}:${ordinal}`: stable while the article is unchanged. */
  id: string;
  articleId: string;
  /** Position in the article (0-based). */
  ordinal: number;
  /**
   * The quote cluster: statements whose quotes are the same words in several articles share it.
   * Equal to `id` for a statement that is alone (or has no quote).
   */
  clusterId: string;
  /** ISO time the statement entered the store. */
  ingestedAt: string;
}

/** The result of extracting one article. */
export interface Extraction {
  statements: Statement[];
}

/**
 * A statement's fields as the CLI's JSON contracts print them (`extract --json`, `search --json`):
 * other tools read these names, so both commands take them from here.
 */
export function statementJson(s: Statement): Statement {
  return {
    text: s.text,
    kind: s.kind,
    quote: s.quote,
    speaker: s.speaker,
    speakerMention: s.speakerMention,
    speakerRole: s.speakerRole,
    outlet: s.outlet,
    cue: s.cue,
    start: s.start,
    end: s.end,
    paragraph: s.paragraph,
  };
}

/**
 * Words of a job title that are not names. Articles capitalise a title before a name ("National
 * Security Adviser H.R. McMaster") and not after it ("McMaster, the national security adviser");
 * answers show the role after the name, so the same role read two ways across articles.
 */
const TITLE_WORDS = new Set(
  ('adviser advisor national security secretary president vice minister prime foreign deputy chief ' +
    'executive officer spokesman spokeswoman spokesperson director ambassador senator representative ' +
    'governor mayor chairman chairwoman chair general attorney commander head leader member state ' +
    'defence defense interior finance justice health trade press assistant special senior former ' +
    'acting counsel of the for and to')
    .split(' '),
);

/**
 * The role as shown after a speaker's name: a role written in title case from words of a job title
 * only is lowercased, as news style writes it after a name ("National Security Adviser" → "national
 * security adviser"); anything with a name in it ("White House press secretary", "US Ambassador")
 * is shown as written.
 */
export function roleAfterName(role: string | null): string | null {
  if (!role) return role;
  const words = role.trim().split(/\s+/);
  if (!words.some((w) => /^\p{Lu}\p{Ll}/u.test(w))) return role;
  return words.every((w) => TITLE_WORDS.has(w.toLowerCase())) ? role.toLowerCase() : role;
}
