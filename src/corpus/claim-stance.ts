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
 * - an odd number of flips left means the statement disputes the claim; a retraction ("retracted
 *   his claim that") and the writer's "wrongly said" flip it too;
 * - a question or a condition before the claim ("whether", "if", "unclear") makes it a mention,
 *   whatever else; so do, when nothing flips it, a hedge ("may have", "could not rule out"), one
 *   person's non-denial ("did not deny"), a negated certainty ("not confirmed") and the claim
 *   restated as a rumour or an allegation ("rumours that …");
 * - the claim's own negations count the same way, so "it didn't happen" is asserted by "it did
 *   not happen" and disputed by "it happened";
 * - the statement's reporting verb counts when it is one of denial ("denied", "rejected"):
 *   the extractor found it, whatever the clause layout.
 * It is a rule of thumb, not a reader: irony and "denied" about something else in the same
 * clause fool it. A statement it marks as disputing is still shown, under its own
 * heading, never dropped.
 */

/**
 * `mentions`: the statement carries the claim without stating it as fact — a question or a
 * condition ("questioned whether", "if …", "unclear whether"), a hedge ("may have", "could not
 * rule out"), a non-denial ("did not deny"), a rumour or allegation restated as such ("rumours
 * that …"). It is neither a report nor a denial.
 */
export type ClaimStance = 'asserts' | 'mentions' | 'disputes';

/** Headings /sources uses for the groups; "check this" reads them to keep the groups apart. */
export const STANCE_HEADINGS: Readonly<Record<ClaimStance, string>> = {
  asserts: 'Reporting it',
  mentions: 'Mentioning it without asserting it',
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
const FALSITY = new Set(
  ('false falsely untrue baseless unfounded groundless bogus fabricated incorrect inaccurate wrong fake ' +
    // The writer's verdict on what someone said: "Okoro wrongly said that …".
    'wrongly mistakenly erroneously incorrectly').split(' '),
);

/**
 * Taking a claim back ("retracted his claim that", "withdrew the allegation that"): the one on
 * record for it no longer stands by it, which /sources counts as disputing it. Only with a word
 * for a claim after it: "the firm withdrew its bid after …" retracts nothing.
 */
const RETRACTIONS = new Set('retract retracted retracts retracting withdrew withdraw withdraws withdrawn withdrawing recant recanted recants'.split(' '));

/**
 * Words for a claim as a claim. "Rumours that X", "his allegation that X": the claim restated as
 * something said, not as fact.
 */
const CLAIM_NOUNS = new Set(
  ('rumour rumours rumor rumors speculation suggestion suggestions allegation allegations accusation accusations ' +
    'claim claims report reports story stories theory theories assertion assertions gossip').split(' '),
);
/** "reports" and "claims" are verbs too ("the Herald reports that …"): nouns after these words. */
const NOUN_BEFORE = new Set(
  ('the a an his her their its our my your these those this recent earlier new media news unconfirmed widespread ' +
    'persistent online amid despite of about on over after following there are were spread circulated repeated ' +
    'rejected denied dismissed retracted withdrew').split(' '),
);

/** Negated, these leave the claim open ("it is not clear that", "has not been confirmed"). */
const CERTAINTY = new Set('clear certain sure known confirmed confirm proven prove proved established verified verify'.split(' '));
/** Uncertainty and questions before the claim: it is asked about, not stated. */
const OPEN_MARKERS = new Set(
  'if whether unless unclear uncertain unknown unconfirmed unverified unproven asked asks wondered wonders'.split(' '),
);
/** Doubt on its own leaves the claim open ("critics questioned …", "she doubted that …"). */
const DOUBTS = new Set('doubt doubts doubted doubting question questions questioned questioning'.split(' '));
/** Hedges: the claim is possible, not stated. */
const HEDGES = new Set('may might could possibly perhaps probably maybe allegedly supposedly likely'.split(' '));
/** "may" is a month after these ("in May"). */
const MONTH_BEFORE = new Set('in on by since until till from of last next early late mid during'.split(' '));
/** A negation that refuses rather than denies: "refused to deny", "declined to confirm", "failed to prove". */
const WEAK_NEGATORS = new Set('refuse refused refuses refusing decline declined declines declining fail failed fails failing'.split(' '));
/**
 * Negations that make a negated denial an assertion: universal ("nobody denies", "there is no
 * denying"), of possibility ("cannot deny", "could not seriously dispute") or impersonal ("it is
 * not disputed"). A particular person's "did not deny" or "never denied" is a non-denial: it
 * leaves the claim open.
 */
const UNIVERSAL_NEGATORS = new Set('no nobody none nothing neither nor without cannot'.split(' '));
const MODALS_AND_COPULAS = new Set('can could is was are were be been'.split(' '));

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

interface Reading {
  /** How many times the words turn the sense of the claim round. */
  flips: number;
  /** A hedge, a non-denial, a claim restated as a rumour or an allegation. */
  mentions: boolean;
  /** A question or a condition before the claim: whatever else it says, it states nothing. */
  open: boolean;
}

/** "reports" / "claims" as nouns ("rejected reports that"), not verbs ("the Herald reports that"). */
function isClaimNoun(ts: readonly Token[], i: number): boolean {
  const w = ts[i]!.word;
  if (!CLAIM_NOUNS.has(w)) return false;
  if (!/^(?:reports?|claims?)$/.test(w)) return true;
  const prev = ts[i - 1];
  return !prev || prev.sentence !== ts[i]!.sentence || NOUN_BEFORE.has(prev.word);
}

/** Words between a claim noun and the claim it names ("rumours *that the* mayor lied"). */
const NOUN_TO_CLAIM = new Set('that of about the a an his her their its'.split(' '));

/**
 * Whether the claim noun at `i` names the claim ("rumours that the mayor lied"), rather than being
 * the subject of a verb that reports it ("the report *found* that the mayor lied").
 */
function governsClaim(ts: readonly Token[], i: number, first: number): boolean {
  if (first < 0 || first - i > 4) return false;
  for (let k = i + 1; k < first; k++) if (!NOUN_TO_CLAIM.has(ts[k]!.word)) return false;
  return true;
}

/** Doubt about a claim ("doubted that", "questioned whether", "cast doubt on claims that"), not "police questioned the aide". */
function doubtsAClaim(ts: readonly Token[], i: number): boolean {
  for (let k = i + 1; k <= i + 3 && k < ts.length; k++) {
    if (/^(?:that|whether|if)$/.test(ts[k]!.word) || isClaimNoun(ts, k)) return true;
  }
  return false;
}

/** Whether a claim noun comes right after `i` ("retracted his claim that"). */
function claimNounAfter(ts: readonly Token[], i: number): boolean {
  for (let j = i + 1; j <= i + 3 && j < ts.length; j++) if (isClaimNoun(ts, j)) return true;
  return false;
}

/**
 * What the words of `ts` do to the claim they carry (`first`: the index in `ts` of its first
 * word, or -1). A negation counts by what it negates, the first word after it that is not an
 * auxiliary or a determiner: a negated denial asserts when the negation is universal, modal or
 * impersonal ("nobody disputes", "cannot deny", "it is not denied") and leaves the claim open
 * when it is one person's ("did not deny"); a negated doubt or concealment asserts ("no doubt",
 * "never hidden"); a negated certainty or "rule out" leaves it open ("not clear that", "could not
 * rule out"); anything else ("not the venue", "no evidence") flips it. A word of denial, falsity
 * or retraction that no negation reaches flips on its own. `ownedElsewhere` marks words whose
 * denial belongs to someone other than the one reporting the claim.
 */
function read(ts: readonly Token[], first: number, ownedElsewhere: ReadonlySet<number> = new Set()): Reading {
  const r: Reading = { flips: 0, mentions: false, open: false };
  const consumed = new Set<number>();
  const before = (i: number) => first < 0 || i < first;
  ts.forEach((t, i) => {
    if (consumed.has(i)) return;
    const w = t.word;
    const weak = WEAK_NEGATORS.has(w);
    if (weak || isNegator(w, ts[i + 1]?.word)) {
      let j = i + 1;
      while (j < ts.length && SCOPE_SKIP.has(ts[j]!.word)) consumed.add(j++);
      const scope = ts[j]?.word;
      if (scope !== undefined) consumed.add(j);
      // The auxiliary the negation hangs on: "can't" → can, "did not" → did, "was never" → was.
      const aux = w.endsWith("n't") ? w.slice(0, -3).replace(/^ca$/, 'can') : (ts[i - 1]?.word ?? '');
      const strong = UNIVERSAL_NEGATORS.has(w) || MODALS_AND_COPULAS.has(aux);
      if (scope !== undefined && DENIALS.has(scope)) {
        if (weak || !strong) r.mentions = true;
      } else if (scope !== undefined && RETRACTIONS.has(scope)) {
        // "has not withdrawn his claim that …": stands by it, so "claim" is no mere mention either.
        for (let k = j + 1; k <= j + 3 && k < ts.length; k++) if (isClaimNoun(ts, k)) consumed.add(k);
      } else if (scope !== undefined && (CERTAINTY_IDIOMS.has(scope) || DOUBTS.has(scope))) {
        // "no doubt", "without hesitation", "never hidden" assert; "could not rule out" hedges.
        if (weak || /^(?:rule|ruled|rules|ruling|exclude|excluded|excludes)$/.test(scope)) r.mentions = true;
      } else if (scope !== undefined && CERTAINTY.has(scope)) {
        r.mentions = true;
      } else if (weak) {
        // "refused to say whether …", "declined to comment": no stance either way.
        r.mentions = true;
        if (scope !== undefined) consumed.delete(j);
      } else {
        r.flips++;
        // The word negated is still read: "not false" is two flips.
        if (scope !== undefined) consumed.delete(j);
      }
      return;
    }
    if ((w === 'beyond' || w === 'little') && DOUBTS.has(ts[i + 1]?.word ?? '')) {
      // "beyond doubt", "little doubt": certainty.
      consumed.add(i + 1);
      return;
    }
    if ((DENIALS.has(w) && !ownedElsewhere.has(i) && !conflictNoun(ts, i)) || FALSITY.has(w)) r.flips++;
    else if (RETRACTIONS.has(w) && claimNounAfter(ts, i)) r.flips++;
    else if (before(i) && OPEN_MARKERS.has(w)) r.open = true;
    else if (before(i) && ((DOUBTS.has(w) && doubtsAClaim(ts, i)) || (isClaimNoun(ts, i) && governsClaim(ts, i, first)))) r.mentions = true;
    else if (HEDGES.has(w) && !(w === 'may' && (MONTH_BEFORE.has(ts[i - 1]?.word ?? '') || /^\d/.test(ts[i + 1]?.word ?? '')))) {
      r.mentions = true;
    }
  });
  return r;
}

/**
 * "Dispute" as a noun is a conflict, not a denial (QA 8: "joined a strike, widening a dispute over
 * automation" was filed under "Disputing or denying it"): after an article or a possessive, or a
 * noun it qualifies ("pay dispute"), or before "over", "with", "between".
 */
const DISPUTE_NOUN_BEFORE = new Set(
  ('a an the this that its their his her our long bitter pay trade legal labour labor industrial contract border wage ' +
    'ongoing running territorial custody diplomatic political family boundary years-long').split(' '),
);
function conflictNoun(ts: readonly Token[], i: number): boolean {
  const w = ts[i]!.word;
  if (w !== 'dispute' && w !== 'disputes') return false;
  const prev = ts[i - 1]?.word ?? '';
  const next = ts[i + 1]?.word ?? '';
  return DISPUTE_NOUN_BEFORE.has(prev) || next === 'over' || next === 'with' || next === 'between';
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
  const firstInSpan = first < 0 ? -1 : span.indexOf(ts[first]!);
  const reading = read(span, firstInSpan, ownedElsewhere);
  let flips = reading.flips;
  if (cue && cue.split(/\s+/).some((w) => DENIAL_CUES.has(w.toLowerCase())) && !span.some((t) => DENIAL_CUES.has(t.word))) flips++;
  // The claim's own words count the same way: a claim that hedges ("the pier could collapse")
  // or asks is reported by a statement that hedges or asks as it does.
  const own = read(tokens(claim), -1);
  if (reading.open && !own.open) return 'mentions';
  if ((flips + own.flips) % 2 === 1) return 'disputes';
  if (reading.mentions && !own.mentions) return 'mentions';
  return 'asserts';
}
