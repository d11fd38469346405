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
 * - a negation counts by what it negates (its scope: the next word that is not an auxiliary or a
 *   determiner): negating a denial, a doubt or a concealment asserts ("nobody denied", "cannot
 *   deny", "there was no doubt", "without hesitation", "no longer in question", "never hidden");
 * - a denial in a trailing clause belongs to the party it names when someone else reports the
 *   claim ("Okoro said X, a claim the firm denies": Okoro asserts);
 * - an odd number of flips left means the statement disputes the claim;
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

/**
 * Words that negate what follows them. Which word they negate (their scope) decides what they do:
 * "no doubt", "cannot deny", "never hidden" negate a doubt, a denial or a concealment, and so
 * assert; only a negation that reaches the claim itself ("was not", "no evidence") flips it.
 */
const NEGATORS = new Set('not no never nobody none nothing neither nor without cannot'.split(' '));

/** Words of denial: on their own they flip the claim; negated ("nobody denies") they assert it. */
const DENIALS = new Set(
  ('deny denied denies denying denial denials ' +
    'reject rejected rejects rejecting dismiss dismissed dismisses dismissing ' +
    'dispute disputed disputes disputing refute refuted refutes refuting debunk debunked debunks ' +
    'contradict contradicted contradicts').split(' '),
);

/** Verdicts of falsity: the writer's or a speaker's word that the claim is not true. */
const FALSITY = new Set('false falsely untrue baseless unfounded groundless bogus fabricated incorrect inaccurate wrong fake'.split(' '));

/**
 * Doubt and concealment: negated, they make the strongest assertions ("there was no doubt that",
 * "without hesitation", "no longer in question", "has never hidden that", "no secret that"), and
 * hiding or keeping a secret presupposes the thing is true. "Could not rule out" is a hedge, not a
 * denial: the negation is of the ruling out.
 */
const CERTAINTY_IDIOMS = new Set(
  ('doubt doubts doubted doubting question questions questioned hesitation hesitate hesitated hesitating hesitancy ' +
    'hide hides hid hidden hiding conceal conceals concealed concealing secret secrets ' +
    'rule ruled rules ruling exclude excluded excludes').split(' '),
);

/**
 * Words a negation reaches over on its way to what it negates: auxiliaries, degree words,
 * determiners ("no one could seriously deny", "there is not a shadow of doubt", "no longer in question").
 */
const SCOPE_SKIP = new Set(
  ('be is are was were been being am have has had having do does did can could will would shall should may might must ' +
    'a an the any much some real reasonable serious slightest single shadow one longer more ever even really seriously ' +
    'credibly reasonably honestly possibly yet now in of to for about there whatsoever out').split(' '),
);

/** Reporting verbs: a claim introduced by one is that speaker's, whatever a trailing clause says another party thinks of it. */
const REPORTING = new Set(
  ('said say says told tell tells insisted insists insist claimed claiming argued argues found finds wrote writes ' +
    'added adds stated states alleged alleges reported reporting announced confirmed confirms maintained maintains ' +
    'asserted asserts believes believed thinks thought noted warned explained revealed showed shows concluded ' +
    'accused accuses charged charges').split(' '),
);

const COPULAS = new Set('is are was were be been'.split(' '));
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

function isNegator(word: string, next: string | undefined): boolean {
  // "not only … but also" adds, it does not deny.
  if (word === 'not' && next === 'only') return false;
  return word.endsWith("n't") || NEGATORS.has(word);
}

/**
 * How many times the words of `ts` turn the sense of what they say round. A negation counts by
 * what it negates, the first word after it that is not an auxiliary or a determiner: a word of
 * denial ("cannot deny", "nobody disputes") or of doubt or concealment ("no doubt", "never
 * hidden") is cancelled with it; anything else ("not the venue", "no evidence") is flipped. A
 * word of denial or falsity that no negation reaches flips on its own. `ownedElsewhere` marks
 * words whose denial belongs to someone other than the one asserting the claim.
 */
function flipCount(ts: readonly Token[], ownedElsewhere: ReadonlySet<number> = new Set()): number {
  let n = 0;
  const consumed = new Set<number>();
  ts.forEach((t, i) => {
    if (consumed.has(i)) return;
    if (isNegator(t.word, ts[i + 1]?.word)) {
      let j = i + 1;
      while (j < ts.length && SCOPE_SKIP.has(ts[j]!.word)) j++;
      const scope = ts[j]?.word;
      if (scope !== undefined && (DENIALS.has(scope) || CERTAINTY_IDIOMS.has(scope))) {
        consumed.add(j);
        return;
      }
      n++;
      return;
    }
    if ((DENIALS.has(t.word) && !ownedElsewhere.has(i)) || FALSITY.has(t.word)) n++;
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
  const ownedElsewhere = new Set<number>();
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
    // The next clause with words: ", but the firm denied it" leaves an empty one between "," and "but".
    const next = ts.find((t, i) => i > last && t.clause > ts[last]!.clause)?.clause ?? -1;
    const after = ts.filter((t) => t.clause === next && t.sentence === ts[last]!.sentence);
    if (after.length > 0 && after.length <= TRAILING_CLAUSE_WORDS) {
      // "Okoro said X, a claim the firm denies" / "Okoro insisted X, despite denials from the
      // firm": when someone reports the claim (a reporting verb before it in the sentence), a
      // denial in the trailing clause is another party's, not the speaker's. Without one ("X,
      // the ministry denied") the trailing clause is the one reporting it, and its denial counts.
      const reported = ts.some((t, i) => i < first && t.sentence === ts[first]!.sentence && REPORTING.has(t.word));
      if (reported) after.forEach((_, i) => ownedElsewhere.add(span.length + i));
      span = span.concat(after);
    }
  }
  let flips = flipCount(span, ownedElsewhere);
  if (cue && cue.split(/\s+/).some((w) => DENIAL_CUES.has(w.toLowerCase())) && !span.some((t) => DENIAL_CUES.has(t.word))) flips++;
  const claimFlips = flipCount(tokens(claim));
  return (flips + claimFlips) % 2 === 1 ? 'disputes' : 'asserts';
}
