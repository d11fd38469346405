import { allWords, contentWords } from './coverage.js';
import { editDistance } from './speakers.js';
import { figureWords } from './claim-figures.js';

/**
 * Does a statement report a claim? The question behind "N articles report …", where a wrong count
 * is the costliest error a fact-checking bot can make. Fuzzy search finds candidates; this decides
 * on words, strictly:
 * - a claim word matches the same word or an inflection of it (source/sources, deny/denied), or a
 *   one-letter typo of a long word; a mere prefix ("intel" → "intelligence") is a loose match worth
 *   half, and loose matches alone never make a report;
 * - words weigh by rarity in the corpus (idf): "Israel" and "source" decide, "Trump" in a corpus
 *   about Trump hardly does; a claim's capitalised names weigh more, and words weigh less the
 *   later they come (a claim states its main clause first, detail after);
 * - only words found in the claim's order count ("Israel was the source" ≠ "a compromised source
 *   … the mistrust Trump has earned from Israel");
 * - a statement reports the claim when it carries the claim's distinctive core: at least two of
 *   its distinctive words (one for a one-word claim), and
 *   half the weight of the claim's three heaviest words, so extra words in a claim ("… of the
 *   classified intel Trump gave the Russians") do not push the reports of its core out of reach.
 */

export interface ClaimWord {
  word: string;
  stem: string;
  /** Rarity in the corpus (idf), names raised. */
  rarity: number;
  /** Rarity, lowered the later the word comes: a claim's main clause comes first. */
  weight: number;
  proper: boolean;
  /** Share of the corpus's statements containing the word (0 without corpus counts). */
  share: number;
  /**
   * Whether some statement has the word (true without corpus counts). A word no statement has
   * does not set the rarity scale (it would make every other word look common), but it stays in
   * the claim's core: "Mayor Smith was arrested in Oslo" is not reported by "Mayor Smith opened
   * the port" when nothing mentions Oslo.
   */
  known: boolean;
}

export interface WordStats {
  /** Statements in the corpus. */
  statements: number;
  /** Statements containing each stem (see `wordStem`). */
  counts: ReadonlyMap<string, number>;
}

/** The stem used for matching and for corpus word counts: inflections only. */
export function wordStem(w: string): string {
  if (w.length <= 3) return w;
  if (/ies$|ied$/.test(w) && w.length > 4) return w.slice(0, -3) + 'y';
  if (/(ss|us|is)$/.test(w)) return w;
  if (/(ches|shes|xes|sses|zes)$/.test(w)) return w.slice(0, -2);
  if (/s$/.test(w)) return w.slice(0, -1).replace(/e$/, '');
  if (/ed$/.test(w) && w.length > 4) return w.slice(0, -2).replace(/e$/, '');
  if (/ing$/.test(w) && w.length > 5) return w.slice(0, -3).replace(/e$/, '');
  return w.replace(/e$/, '');
}

/** Unique content-word stems of a text (what the corpus counts per statement). */
export function stemSet(text: string): Set<string> {
  return new Set(contentWords(text).map(wordStem));
}

/**
 * Hedges and news framing around a claim ("Apparently Israel was …", "Breaking: …", "is it true
 * Israel …"): not what the claim states, and often in no statement at all.
 */
const FRAMING = new Set(
  ('apparently reportedly allegedly supposedly actually really maybe perhaps probably possibly indeed ' +
    'breaking update heard hear rumour rumor claiming saying ' +
    // Chat around a claim ("Guys, …", "FYI …", "@everyone …"): the first word that is not a name
    // is taken for the claim's predicate, so these must not be it.
    'guys folks everyone everybody team fyi btw wow omg lol hey hi hello okay ok pls please').split(' '),
);

export function claimWords(claim: string, stats?: WordStats): ClaimWord[] {
  const proper = new Set(
    (claim.match(/\b\p{Lu}[\p{L}'’]+/gu) ?? []).map((w) => allWords(w)[0]).filter((w): w is string => Boolean(w)),
  );
  const seen = new Set<string>();
  const out: ClaimWord[] = [];
  // Figures ("$4 million", "40%", "April 3") are matched as values (`claim-figures.ts`): as words,
  // "40" would be a rare word that "$4 million" lacks, and "4m" one that "$4 million" lacks.
  const figure = figureWords(claim);
  // A label before a colon ("Breaking:", "Claim:") is not part of the claim.
  for (const word of contentWords(claim.replace(/^\s*\p{L}+:\s+/u, ''))) {
    const stem = wordStem(word);
    if (seen.has(stem) || FRAMING.has(word) || figure.has(word)) continue;
    seen.add(stem);
    let weight = 1;
    let share = 0;
    let known = true;
    if (stats && stats.statements > 0) {
      const df = stats.counts.get(stem) ?? 0;
      share = df / stats.statements;
      known = df > 0;
      weight = Math.max(0.2, Math.log((stats.statements + 1) / (df + 0.5)));
    }
    const isProper = proper.has(word);
    const rarity = isProper ? weight * 1.5 : weight;
    out.push({ word, stem, rarity, weight: rarity / (1 + 0.15 * out.length), proper: isProper, share, known });
  }
  return out;
}

/** 1 for the same word or an inflection or a typo of a long word, 0.5 for a prefix, else 0. */
function matchStrength(cw: ClaimWord, w: string): number {
  if (w === cw.word || wordStem(w) === cw.stem) return 1;
  if (cw.word.length >= 6 && w.length >= 6 && w[0] === cw.word[0] && editDistance(w, cw.word, 1) <= 1) return 1;
  if (cw.word.length >= 4 && w.startsWith(cw.word)) return 0.5;
  return 0;
}

interface Chain {
  pos: number;
  weight: number;
  full: string[];
}

/**
 * The heaviest chain of claim words found in the statement in the claim's order. Word order
 * carries who did what: "Israel was the source" is not "a compromised source … mistrust from Israel".
 */
function inOrder(claim: readonly ClaimWord[], words: readonly string[], loose = true): Chain {
  let chains: Chain[] = [{ pos: -1, weight: 0, full: [] }];
  for (const cw of claim) {
    const next = [...chains];
    for (let p = 0; p < words.length; p++) {
      const st = matchStrength(cw, words[p]!);
      if (!st || (!loose && st < 1)) continue;
      let best: Chain | undefined;
      for (const c of chains) if (c.pos < p && (!best || c.weight > best.weight)) best = c;
      if (best) next.push({ pos: p, weight: best.weight + cw.weight * st, full: st === 1 ? [...best.full, cw.word] : best.full });
    }
    // Keep, per position, the heaviest chain ending there.
    const byPos = new Map<number, Chain>();
    for (const c of next) {
      const cur = byPos.get(c.pos);
      if (!cur || c.weight > cur.weight || (c.weight === cur.weight && c.full.length > cur.full.length)) byPos.set(c.pos, c);
    }
    chains = [...byPos.values()];
  }
  return chains.reduce((a, b) => (b.weight > a.weight || (b.weight === a.weight && b.full.length > a.full.length) ? b : a));
}

export interface ClaimMatch {
  /** 0..1: weighted share of the claim's core found in the statement. */
  score: number;
  /** Whether the statement counts as reporting the claim. */
  reports: boolean;
  /** Claim words matched fully. */
  matched: string[];
}

/** The claim's words with the corpus weights; compute once per claim. */
export function matchClaim(claim: readonly ClaimWord[], text: string): ClaimMatch {
  if (!claim.length) return { score: 0, reports: false, matched: [] };
  const textWords = contentWords(text);
  const chain = inOrder(claim, textWords);
  // The decision is on full matches only, so it is taken on the heaviest chain of those: the
  // heaviest chain with loose matches may go round a full one ("intelligence sharer" for "intel
  // … shared" instead of "source"), and then the full match it skipped would not count.
  const fullChain = inOrder(claim, textWords, false);
  const known = claim.filter((c) => c.known);
  if (!known.length) return { score: 0, reports: false, matched: fullChain.full };
  // The core: the claim's three heaviest words (all of a shorter claim). Extra detail in a long
  // claim lies outside it, so it cannot push a statement of the core out of reach.
  const byWeight = [...claim].sort((a, b) => b.weight - a.weight);
  const coreWeight = byWeight.slice(0, 3).reduce((s, c) => s + c.weight, 0);
  const score = Math.min(1, chain.weight / coreWeight);
  // Distinctive words: in at most a quarter of the statements, or at least half as rare as the
  // claim's rarest. A name found everywhere ("Trump" in a corpus about Trump) is no evidence
  // that a statement restates the claim.
  const maxRarity = Math.max(...known.map((c) => c.rarity));
  const distinctive = new Set(claim.filter((c) => c.share <= 0.25 || c.rarity >= maxRarity / 2).map((c) => c.word));
  const needed = Math.min(distinctive.size, known.length === 1 ? 1 : 2);
  // Loose (prefix) matches help the ranking, never the decision.
  const full = new Set(fullChain.full);
  const fullWeight = claim.filter((c) => full.has(c.word)).reduce((s, c) => s + c.weight, 0);
  const core = byWeight.slice(0, 3);
  const reports =
    fullChain.full.filter((w) => distinctive.has(w)).length >= needed &&
    fullWeight >= 0.5 * coreWeight &&
    saysWhatHappened(claim, core, full);
  return { score, reports, matched: fullChain.full };
}

/**
 * Names say who, the other words what: "Helen Carter resigned" is not reported by a statement
 * that only names Helen Carter, nor "Israel warned Trump about Russia" by one naming all three,
 * nor "Tom Pike resigned over the closure" by one about Tom Pike and the closure. So a word that
 * says what happened must be matched fully: one of the core's other words, or the claim's first
 * word that is not a name (its predicate, after the subject: "resigned", "was the source"). And a
 * past-tense verb in the core that no statement in the corpus has ("apologised" where nobody
 * apologised) must be matched (a typo of it); other unknown words are often detail ("the secret
 * parts") and are let be.
 */
function saysWhatHappened(claim: readonly ClaimWord[], core: readonly ClaimWord[], full: ReadonlySet<string>): boolean {
  if (core.some((c) => !c.known && !c.proper && /[a-z]ed$/.test(c.word) && !full.has(c.word))) return false;
  // A headline-style claim's subject can fill the core ("Harbour board chief resigns over dredging
  // contract": harbour, board, chief): then a statement naming the harbour trust's chief executive
  // "reported" it (QA 8). When the claim has a verb after its subject, something from the verb on
  // must be matched — when the core lies wholly before it (otherwise the core's own words say it).
  const verb = claim.findIndex((c, i) => i > 0 && !c.proper && looksLikeVerb(c.word));
  const coreBeforeVerb = verb > 0 && core.every((c) => claim.indexOf(c) < verb);
  if (coreBeforeVerb && !claim.slice(verb).some((c) => !c.proper && full.has(c.word))) return false;
  const first = claim.find((c) => !c.proper);
  if (!first) return true;
  return full.has(first.word) || core.some((c) => !c.proper && full.has(c.word));
}

/** Finite verbs as claims and headlines write them: "resigns", "resigned", "quits", "said". */
const VERB_WORDS = new Set('said says told tells quit quits won wins lost loses left leaves sold sells paid pays made makes took takes gave gives ran runs'.split(' '));
function looksLikeVerb(w: string): boolean {
  return VERB_WORDS.has(w) || (w.length > 4 && /[^s]ed$|[^su'’]s$/.test(w));
}
