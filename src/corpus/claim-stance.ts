import { wordStem } from './claim-match.js';

/**
 * Does a statement that carries a claim's words assert it, or deny it? "Officials denied that
 * Israel was the source" and "There is no evidence Israel was the source" share every word of
 * "Israel was the source" in order; counting them among the articles that report it is the
 * worst answer a fact-checking bot can give. Words decide, as in `matchClaim`:
 * - from the start of the clause holding the claim's first word to its last word, plus a short
 *   trailing clause ("…, officials denied", "…, which is false"), the statement is searched for
 *   negations and words of denial ("not", "never", "n't", "no evidence", "denied", "false",
 *   "baseless", "dismissed", …), and a verdict right after the claim ("reports that … are false");
 * - an odd number of them flips the statement ("nobody denied that …" flips twice: it asserts);
 * - the claim's own negations count the same way, so "it didn't happen" is asserted by "it did
 *   not happen" and disputed by "it happened";
 * - the statement's reporting verb counts when it is one of denial ("denied", "rejected"):
 *   the extractor found it, whatever the clause layout.
 * It is a rule of thumb, not a reader: irony, conditionals and "denied" about something else in
 * the same clause fool it. A statement it marks as disputing is still shown, under its own
 * heading, never dropped.
 */

export type ClaimStance = 'asserts' | 'disputes';

/** Headings /sources uses for the two groups; "check this" reads them to keep the groups apart. */
export const STANCE_HEADINGS: Readonly<Record<ClaimStance, string>> = {
  asserts: 'Reporting it',
  disputes: 'Disputing or denying it',
};

const NEGATIONS = new Set(
  ('not no never nobody none nothing neither nor without ' +
    'deny denied denies denying denial denials ' +
    'false falsely untrue baseless unfounded groundless bogus fabricated incorrect inaccurate wrong ' +
    'reject rejected rejects rejecting dismiss dismissed dismisses dismissing ' +
    'dispute disputed disputes disputing refute refuted refutes refuting debunk debunked debunks ' +
    'contradict contradicted contradicts').split(' '),
);

const COPULAS = new Set('is are was were be been'.split(' '));
const FALSITY = new Set('false untrue baseless unfounded groundless bogus fabricated incorrect inaccurate wrong fake'.split(' '));
/** How far after the claim's last word a verdict on it ("… are false") is looked for. */
const VERDICT_WORDS = 4;

/** Reporting verbs of denial (the statement's cue, as the extractor found it). */
const DENIAL_CUES = new Set(
  'deny denied denies denying reject rejected rejects dismiss dismissed dismisses dispute disputed disputes refute refuted refutes'.split(' '),
);

/** A trailing clause of at most this many words speaks of the claim ("…, the ministry denied"). */
const TRAILING_CLAUSE_WORDS = 5;

interface Token {
  word: string;
  clause: number;
  sentence: number;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  let clause = 0;
  // A statement can hold several sentences (a long quote): a trailing clause never crosses into
  // the next one ("… is false. I was in the room, it didn't happen.").
  text
    .replace(/[’‘]/g, "'")
    .toLowerCase()
    .split(/(?<=[.!?])\s+/)
    .forEach((sentenceText, sentence) => {
      // Clauses: punctuation that separates them, and "but"/"though" that turn the sense.
      for (const c of sentenceText.split(/[,;:()\u2013\u2014]|\s-\s|\b(?:but|though|although|however)\b/)) {
        for (const m of c.matchAll(/[a-z0-9]+(?:'[a-z]+)?/g)) out.push({ word: m[0], clause, sentence });
        clause++;
      }
    });
  return out;
}

function isNegation(word: string, next: string | undefined): boolean {
  if (word.endsWith("n't")) return true;
  // "not only … but also" adds, it does not deny.
  if (word === 'not' && next === 'only') return false;
  return NEGATIONS.has(word);
}

function negationCount(ts: readonly Token[]): number {
  let n = 0;
  ts.forEach((t, i) => {
    if (isNegation(t.word, ts[i + 1]?.word)) n++;
  });
  return n;
}

/**
 * The stance of `text` towards a claim whose words it carries (`matched`: the claim words
 * `matchClaim` found in it, in order). `cue` is the statement's reporting verb, if any.
 */
export function claimStance(claim: string, text: string, matched: readonly string[], cue: string | null = null): ClaimStance {
  const ts = tokens(text);
  const stems = matched.map(wordStem);
  // Where the claim's words are: the first and last in order (stems, as matchClaim matches).
  let first = -1;
  let last = -1;
  let k = 0;
  for (let i = 0; i < ts.length && k < stems.length; i++) {
    const w = ts[i]!.word;
    if (w === matched[k] || wordStem(w) === stems[k]) {
      if (first < 0) first = i;
      last = i;
      k++;
    }
  }
  let span: Token[];
  if (first < 0) span = ts;
  else {
    // From the start of the clause holding the first claim word to the last claim word: what
    // comes after the claim in its clause is about something else ("… the source of the
    // information Trump should not have shared").
    const fromClause = ts[first]!.clause;
    span = ts.filter((t, i) => t.clause >= fromClause && i <= last);
    // "Reports that … are baseless": a verdict right after the claim, in its clause.
    const tail = ts.slice(last + 1, last + 1 + VERDICT_WORDS).filter((t) => t.clause === ts[last]!.clause);
    const copula = tail.findIndex((t) => COPULAS.has(t.word));
    if (copula >= 0 && tail.slice(copula + 1, copula + 3).some((t) => FALSITY.has(t.word))) span = span.concat(tail);
    const next = ts[last]!.clause + 1;
    const after = ts.filter((t) => t.clause === next && t.sentence === ts[last]!.sentence);
    if (after.length > 0 && after.length <= TRAILING_CLAUSE_WORDS) span = span.concat(after);
  }
  let flips = negationCount(span);
  if (cue && cue.split(/\s+/).some((w) => DENIAL_CUES.has(w.toLowerCase())) && !span.some((t) => DENIAL_CUES.has(t.word))) flips++;
  const claimFlips = negationCount(tokens(claim));
  return (flips + claimFlips) % 2 === 1 ? 'disputes' : 'asserts';
}
