/**
 * Attribution inside one sentence: the reporting cue and the noun phrase of its speaker.
 *
 * Forms handled: "X said (that) …", "…, X said", "…," said X, the role.", "X told the Post: …",
 * "according to X, …", "…, according to X", "X went on to say …", "…, saying …" (the clause's subject
 * speaks), passive forms are not attributions ("was told"), nouns are not verbs ("the report said" is
 * fine, "his report" is not a cue), and belief verbs never attribute words.
 */
import { requiredParticles, speechVerb } from './cues.js';
import { FOREIGN_ACCORDING, FOREIGN_DETERMINERS, FOREIGN_PARTICIPLES, FOREIGN_PRONOUNS, FOREIGN_VERBS } from './foreign-cues.js';
import { isDeterminer, isOrgNoun, isPersonNoun, looksLikePersonNoun, ROLE_WORDS, HONORIFICS, PRONOUNS } from './names.js';
import { OUTLET_NOUNS, outletFromPhrase } from './outlets.js';
import { isPlaceWord } from './mentions.js';
import { isCapWord, noWordsBetween, onlyPunctFrom, type Token } from './tokens.js';

export interface Attribution {
  /** The cue as written, with a particle or "to" where it has one ("according to", "pointed out"). */
  cue: string;
  /** Token index of the cue's verb (or of "according"). */
  cueIndex: number;
  /** Last token index of the cue phrase. */
  cueEnd: number;
  /** Speaker phrase token range [from, to] inclusive, or null when no speaker phrase was found. */
  speaker: { from: number; to: number } | null;
  /** Where the speaker stands relative to the cue. */
  form: 'subject' | 'inverted' | 'according' | 'participle';
  /** An outlet the words were told to or reported by ("told the Post", "in an interview with CNN"). */
  outletPhrase: { from: number; to: number } | null;
  /** The cue is strong: a speech verb proper, not a weak one like "described". */
  strong: boolean;
  /** In a relative clause ("Okafor, who said …, said …"): the comma that closes it, where the main verb's passage starts. */
  relativeEnd?: number;
  /** The speaker phrase is a possessor (`"…," was Quill's reply`): its "'s" is no part of the name. */
  possessor?: boolean;
  /** A pronoun of another language ("dit-il", "sagte er"): as written, and the English one it agrees as. */
  pronoun?: { written: string; as: string };
}

const AUX = new Set(["didn't", "doesn't", "don't", "wasn't", "isn't", "won't", "can't", "hasn't", "haven't", "hadn't", "wouldn't", "couldn't", "shouldn't", 'however', 'meanwhile', 'has', 'have', 'had', 'did', 'does', 'do', 'will', 'would', 'could', 'can', 'may', 'might', 'should', 'must', 'not', "n't", 'also', 'then', 'later', 'previously', 'again', 'repeatedly', 'recently', 'once', 'earlier', 'first', 'reportedly', 'allegedly', 'publicly', 'privately', 'never', 'even', 'still', 'just', 'already', 'often', 'always', 'frequently', 'further', 'finally', 'simply', 'quickly', 'only', 'ultimately', 'subsequently', 'initially', 'immediately', 'separately', 'similarly', 'specifically', 'explicitly', 'directly', 'openly', 'flatly', 'angrily', 'bluntly', 'today', 'yesterday', 'tonight', 'currently', 'now', 'herself', 'himself', 'themselves', 'itself']);
const BE = new Set(['is', 'was', 'are', 'were', 'be', 'been', 'being', "'s", 'am']);
const DAYS = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|night|morning|afternoon|evening|week|weekend|month|year)$/;
/** Words that end a noun phrase when scanning leftwards from a verb. */
const STOP = new Set(
  ('that which who whom whose and or but nor because as when while if after before since although though where so than ' +
    'to of in on at for with from by about into over under against during without within between through like unlike ' +
    'is was are were be been being has have had do does did will would could can may might should must not ' +
    'what how why there here it\'s also said says say told tells').split(' '),
);
const NUMBER = /^(\d+|one|two|three|four|five|six|seven|eight|nine|ten)$/;
const NP_PREPS = new Set(['of', 'for', 'at', 'from', 'with', 'in', 'on']);
/** Prepositions whose object is never the subject of the next verb. */
const PP_ONLY = new Set(['through', 'into', 'across', 'over', 'under', 'to', 'by', 'about', 'against', 'around', 'behind', 'near', 'along', 'toward', 'towards', 'onto', 'past', 'beyond', 'inside', 'outside', 'throughout', 'during', 'after', 'before', 'since', 'despite', 'amid', 'among', 'between', 'without', 'within', 'upon', 'via']);
/** Post-modifiers that can follow a head noun inside a speaker phrase ("an official familiar with …"). */
const POSTMOD_ADJ = new Set(['familiar', 'close', 'involved', 'knowledgeable', 'briefed', 'based', 'speaking', 'working', 'responsible', 'present']);
const OBJECT_PRONOUNS = new Set(['me', 'him', 'her', 'them', 'us', 'you', 'reporters', 'journalists', 'supporters', 'voters', 'viewers', 'listeners', 'readers', 'lawmakers', 'senators']);
const MAX_NP = 14;

const isWord = (t: Token | undefined): t is Token => t !== undefined && t.k === 'w';
const isComma = (t: Token | undefined): boolean => t !== undefined && t.k === 'p' && t.t === ',';
const isDash = (t: Token | undefined): boolean => t !== undefined && t.k === 'p' && /^(-|--|\u2013|\u2014)$/.test(t.t);
const isQuote = (t: Token | undefined): boolean => t !== undefined && t.k === 'q';

/** Whether a lower-case word may sit inside a noun phrase before its head (adjective or noun). */
/** Words before "to say" that make it an intention, a refusal or a judgement, not speech. */
const INTENT_ONLY = /^(declined|declines|decline|declining|refused|refuses|refuse|refusing|wouldn't|won't|reluctant|unwilling|unable|hesitant|afraid|failed|fail|hard|difficult|fair|safe|suffice|needless|want|wants|wanted|wanting|like|likes|liked|hope|hopes|hoped|plan|plans|planned|expect|expects|expected|try|tries|tried|trying|going|gonna|have|has|had|need|needs|needed|ought|is|was|be|been|able|chance|time|nothing|anything|something|much|more|less|enough|too|so|order|wish|wishes|wished|intend|intends|intended|meant|dare|dared|begin|began|started|start|ready|prepared|eager|cannot|can't|couldn't|wouldn't|shouldn't|didn't|doesn't|don't|not|never|yet)$/;

/**
 * "It is false to say …", "it would be wrong to say", "it is important to note", "it's safe to say": a
 * judgement on saying it, with "it" as a dummy subject — nobody says the words. ("He was wrong to say
 * …" and "the panel is right to note …" still report the subject's words.) `k` is the word before "to".
 */
function expletiveJudgement(toks: readonly Token[], k: number): boolean {
  const adj = toks[k];
  if (!isWord(adj) || isCapWord(adj) && k > 0) return false;
  let j = k - 1;
  if (isWord(toks[j]) && /^(so|very|too|simply|just|quite|equally|also|not|hardly|more|less)$/.test(toks[j]!.lo)) j--;
  let be = false;
  while (isWord(toks[j]) && (BE.has(toks[j]!.lo) || /^(would|could|might|may|will|should|must|also|not|never)$/.test(toks[j]!.lo))) {
    be ||= BE.has(toks[j]!.lo);
    j--;
  }
  const subj = toks[j];
  // ("it's safe to say": the contraction is subject and verb in one token)
  if (isWord(subj) && /^(it's|it’s|that's|that’s)$/.test(subj.lo)) return true;
  return be && isWord(subj) && /^(it|this|that)$/.test(subj.lo);
}

const IRREGULAR_PAST = new Set('went made took gave got came saw knew kept held won ran met paid sent spent built felt brought bought fought sought taught caught found became began broke chose drove fell grew hid rose sat sold stood struck swore threw understood seemed appeared'.split(' '));

function npWord(t: Token): boolean {
  const lo = t.lo;
  if (STOP.has(lo) || AUX.has(lo) || BE.has(lo)) return false;
  if (speechVerb(lo) && !isPersonNoun(lo)) return false;
  // "Trump went on the attack": an irregular past tense ends the noun phrase before it
  if (IRREGULAR_PAST.has(lo)) return false;
  if (/ly$/.test(lo) && !/^(daily|early|family|ally|italy|july|only)$/.test(lo)) return false;
  if (/(ed|ing)$/.test(lo) && !/^(former|senior|united|red|unnamed|named|retired|elected|appointed|leading|ruling|governing|sitting|acting|incoming|outgoing|ranking|high-ranking|top-ranking|longtime|speed|managing|founding|presiding|visiting|retiring|reigning|consulting|supervising)$/.test(lo) && !isPersonNoun(lo)) return false;
  return true;
}

/**
 * "to" after a person noun or "close": "an aide to X", "an adviser to X", "a source close to X" — the phrase
 * names someone who speaks for X (or near X), and X is only the object of "to".
 */
function representedBy(prep: Token, before: Token | undefined, after: Token | undefined): boolean {
  // ("experts to determine": "to" before a verb is an infinitive, not a preposition)
  if (!isWord(after) || !(isCapWord(after) || isDeterminer(after.lo))) return false;
  return prep.lo === 'to' && isWord(before) && (POSTMOD_ADJ.has(before.lo) || /^(closest|near|loyal)$/.test(before.lo) || (isPersonNoun(before.lo) && !isCapWord(before)));
}

/** Nouns of a written text someone sends: "a tweet from Calder", "a statement from the board". */
const DOC_NOUNS = /^(statement|tweet|post|letter|email|e-mail|message|memo|note|release|text|video|posting)$/;

/** Adjectives of the anonymous source's formula: "a person familiar with …", "officials briefed on …". */
const SOURCE_ADJ = /^(familiar|close|closest|briefed|knowledgeable|involved)$/;
/** Prepositions that open the object of such a formula. */
const SOURCE_PREP = /^(with|to|on|in|about)$/;

/**
 * The start of an anonymous source's phrase that ends at `end` with the object of its formula: "A person
 * familiar with the planning for Thursday's meeting", "people with direct knowledge of the mayor's
 * thinking". The object may hold anything a noun phrase holds (determiners, possessives, -ing nouns,
 * prepositions); a verb, a relative word or punctuation in it means it is no such phrase. -1 if none.
 */
function sourceFormulaStart(toks: readonly Token[], end: number): number {
  for (let m = end - 1; m >= 1 && end - m <= 12; m--) {
    const t = toks[m];
    if (!isWord(t) || AUX.has(t.lo) || BE.has(t.lo) || /^(that|which|who|whom|whose|and|but|or|as|when|while|if|because)$/.test(t.lo)) return -1;
    let person = -1;
    if (SOURCE_ADJ.test(t.lo) && isWord(toks[m + 1]) && SOURCE_PREP.test(toks[m + 1]!.lo)) person = m - 1;
    else if (t.lo === 'knowledge' && toks[m + 1]?.lo === 'of') {
      let w = m - 1;
      if (isWord(toks[w]) && /^(direct|first-hand|firsthand|intimate|detailed|personal|some|deep|inside)$/.test(toks[w]!.lo)) w--;
      if (toks[w]?.lo === 'with') person = w - 1;
    }
    if (person < 0) continue;
    const head = toks[person];
    if (!isWord(head) || !(isPersonNoun(head.lo) || /^(someone|somebody|anyone|one|those|others)$/.test(head.lo))) return -1;
    return scanLeftNPInner(toks, person);
  }
  return -1;
}

/**
 * Scan a noun phrase leftwards ending at token `end`; returns its first token index or -1. A phrase that
 * is the object of a preposition ("… for Thursday's meeting") is no subject: when an anonymous source's
 * formula governs it, the whole source phrase is returned ("A person familiar with the planning for
 * Thursday's meeting (says)").
 */
export function scanLeftNP(toks: readonly Token[], end: number): number {
  const s = scanLeftNPInner(toks, end);
  const head = toks[end];
  // ("Calder's thinking (said)": an -ing noun after a possessive heads a phrase only inside a source's formula)
  const possessedIng = isWord(head) && head.lo.endsWith('ing') && !isCapWord(head) && /[’']s$/.test(toks[end - 1]?.t ?? '') && !npWord(head);
  const object = s > 0 && isWord(toks[s - 1]) && (NP_PREPS.has(toks[s - 1]!.lo) || PP_ONLY.has(toks[s - 1]!.lo));
  if ((s >= 0 && !object && !possessedIng) || s > end) return s;
  const f = sourceFormulaStart(toks, end);
  if (f >= 0) return f;
  return possessedIng && s >= end - 2 ? -1 : s;
}

function scanLeftNPInner(toks: readonly Token[], end: number): number {
  let j = end;
  const head = toks[j];
  if (!isWord(head)) return -1;
  if (PRONOUNS.has(head.lo) && !isCapWord(head) || (PRONOUNS.has(head.lo) && (j === 0 || !isWord(toks[j - 1])))) {
    return PRONOUNS.has(head.lo) ? j : -1;
  }
  if (PRONOUNS.has(head.lo)) return j;
  // a share of those polled: "(About) four in 10 (said)"
  if (NUMBER.test(head.lo) && toks[j - 1]?.lo === 'in' && isWord(toks[j - 2]) && NUMBER.test(toks[j - 2]!.lo)) {
    let s = j - 2;
    if (isWord(toks[s - 1]) && /^(about|nearly|almost|roughly|around|some|only|just|over|fewer|more|less)$/.test(toks[s - 1]!.lo)) s--;
    return s;
  }
  // (cleared past a representative's preposition: "a spokesman for Calder" reads on as a description)
  let capHead = isCapWord(head);
  // a speech noun heading the phrase: "a new Washington Post report (claims)", "his statement (said)"
  const prevOfHead = toks[j - 1];
  const speechNoun = speechVerb(head.lo)?.lemma === head.lo && (isCapWord(prevOfHead) || (isWord(prevOfHead) && (isDeterminer(prevOfHead.lo) || /[’']s$/.test(prevOfHead.t))));
  // an -ing noun after a possessive heads the phrase: "a person familiar with Calder's thinking (said)", "the
  // mayor's reasoning" (a participle is never possessed; scanLeftNP keeps it only inside a source's formula)
  const possessed = !capHead && isWord(prevOfHead) && /[’']s$/.test(prevOfHead.t) && /\p{Ll}ing$/u.test(head.t) && !STOP.has(head.lo) && !AUX.has(head.lo);
  if (!capHead && !npWord(head) && !speechNoun && !possessed) return -1;
  let first = j;
  j--;
  let n = 1;
  while (j >= 0 && n < MAX_NP) {
    const t = toks[j]!;
    if (t.k === 'q' && isCapWord(toks[j - 1]) && isCapWord(toks[j + 1]) && t.t.split(/\s+/).length <= 2) {
      // a nickname inside a name: Marcia "Cia" Price
      j--;
      n++;
      continue;
    }
    if (!isWord(t)) break;
    if (isDeterminer(t.lo) && !isCapWord(t) || (isDeterminer(t.lo) && (t.lo === 'the' || t.lo === 'a' || t.lo === 'an'))) {
      first = j;
      // "Protesters marching through the streets chanted": the phrase is the object of a preposition;
      // the subject is the noun before the participle, or unknown
      const p = toks[j - 1];
      if (isWord(p) && PP_ONLY.has(p.lo) && !representedBy(p, toks[j - 2], t)) {
        const part = toks[j - 2];
        if (isWord(part) && /(ing|ed)$/.test(part.lo) && j - 3 >= 0) {
          const s = scanLeftNP(toks, j - 3);
          if (s >= 0) return s;
        }
        return -1;
      }
      // "the head of the agency": a preposition before the determiner joins a longer phrase
      const prep = toks[j - 1];
      const before = toks[j - 2];
      if (isWord(prep) && (NP_PREPS.has(prep.lo) || representedBy(prep, before, toks[j])) && isWord(before) && !isDeterminer(before.lo) && (isPersonNoun(before.lo) || isOrgNoun(before.lo) || ROLE_WORDS.has(before.lo) || POSTMOD_ADJ.has(before.lo) || isCapWord(before) || (npWord(before) && !/s$/.test(before.lo)))) {
        j -= 2;
        n += 2;
        first = j;
        continue;
      }
      return first;
    }
    if (isCapWord(t)) {
      // a capitalised word at the start of the sentence may be an opener ("But officials said")
      if (j === 0 && /^(but|and|so|yet|now|then|still|meanwhile|however|also|in|on|at|as|when|while|after|before|today|yesterday|last|this|that|if|although|though|unless|because|since|once|whereas|until|whenever|whether|or|nor|thus|hence|indeed|instead|perhaps|maybe|besides|despite|during|amid|under|without|with|from|by|for|like|unlike|following)$/.test(t.lo)) break;
      first = j;
      j--;
      n++;
      continue;
    }
    // "Jo Marsh of the Centre for Coastal Studies": of/for inside a proper name
    if (capHead && /^(of|for)$/.test(t.lo) && isCapWord(toks[j + 1]) && (isCapWord(toks[j - 1]) && !FUNCTION_CAPS.test(toks[j - 1]!.lo))) {
      j--;
      n++;
      continue;
    }
    // "A harbour source speaking to the Gazette said": the name is the object of a participle's preposition
    if (capHead && /^(to|with|for|from|at|on)$/.test(t.lo) && isWord(toks[j - 1]) && /^(speaking|talking|writing|according|reporting|responding)$/.test(toks[j - 1]!.lo) && j - 2 >= 0) {
      const s = scanLeftNP(toks, j - 2);
      if (s >= 0 && !isCapWord(toks[j - 2]) && isPersonNoun(toks[j - 2]!.lo)) return s;
    }
    // "a spokesman for Calder", "an aide to Mayor Ruth Calder", "a source close to Marsh": the name is the
    // object of the representative's preposition; the speaker is the representative, never the person named
    if (capHead && /^(of|for|to|with|at)$/.test(t.lo) && (representedBy(t, toks[j - 1], toks[j + 1]) || (t.lo !== 'to' && isWord(toks[j - 1]) && isPersonNoun(toks[j - 1]!.lo)))) {
      capHead = false;
      j--;
      n++;
      continue;
    }
    if (capHead && !ROLE_WORDS.has(t.lo) && !isPersonNoun(t.lo) && !HONORIFICS.has(t.lo)) {
      // ", union leader Grigor Stanchev said": one noun modifying the role word before the name, set off by a
      // comma or the sentence's start, is part of the role (not "the strike leader" of a longer clause)
      const role = toks[j + 1];
      const b = toks[j - 1];
      const boundary = b === undefined || isComma(b) || (b.k === 'w' && /^(and|but)$/.test(b.lo));
      if (!isCapWord(t) && npWord(t) && !/s$/.test(t.lo) && isWord(role) && !isCapWord(role) && j + 1 < end && (isPersonNoun(role.lo) || ROLE_WORDS.has(role.lo)) && boundary) first = j;
      // (", glaciologist Aputsiaq Lindqvist-Olsen told …": a word shaped like an occupation right before the name)
      else if (!isCapWord(t) && npWord(t) && isCapWord(role) && boundary && t.lo.length >= 6 && /(?:ist|or|ian|man|woman|er)$/.test(t.lo) && !/^(however|whatever|whenever|wherever|never|later|rather|together|further|moreover|either|neither|other|another|after|over|under|sooner|earlier|whether|instead|longer|former|latter|meanwhile|minor|major|superior|inferior|senior|junior|prior|another|whoever)$/.test(t.lo)) first = j;
      break;
    }
    // "current and former US officials", "the state and federal investigators": two modifiers joined before
    // the rest of the phrase, after a boundary (sentence start, comma, quote, "but", a determiner)
    if ((t.lo === 'and' || t.lo === 'or') && end - first >= 1 && isWord(toks[j - 1])) {
      const w = toks[j - 1]!;
      const b = toks[j - 2];
      const modifier = isCapWord(w) ? !PRONOUNS.has(w.lo) && !FUNCTION_CAPS.test(w.lo) && /(an|ic|ish|ese|al)$/.test(w.lo) : npWord(w) && !/s$/.test(w.lo) && !isPersonNoun(w.lo);
      const boundary = b === undefined || !isWord(b) || isDeterminer(b.lo) || /^(but|and|so|yet|while|as)$/.test(b.lo);
      if (modifier && boundary) return isWord(b) && isDeterminer(b.lo) ? j - 2 : j - 1;
      // "White House and Pentagon spokesmen", "FBI and CIA officials": two names of institutions before a plural
      // person noun (the left name may have several words)
      const headTok = toks[end]!;
      if (isCapWord(w) && !PRONOUNS.has(w.lo) && !FUNCTION_CAPS.test(w.lo) && !isCapWord(headTok) && /(s|men|people)$/.test(headTok.lo) && (isPersonNoun(headTok.lo) || looksLikePersonNoun(headTok.lo.replace(/s$/, '')) || /men$/.test(headTok.lo)) && toks.slice(j + 1, end).every((x) => isCapWord(x))) {
        let l = j - 1;
        while (l > 0 && isCapWord(toks[l - 1]) && !FUNCTION_CAPS.test(toks[l - 1]!.lo) && j - l < 4) l--;
        if (l === 0 || !isWord(toks[l - 1]) || isDeterminer(toks[l - 1]!.lo) || /^(but|and|so|yet|while|as)$/.test(toks[l - 1]!.lo)) return isWord(toks[l - 1]) && isDeterminer(toks[l - 1]!.lo) ? l - 1 : l;
      }
    }
    // "Current and former US officials": two modifiers joined at the start of the sentence
    if (t.lo === 'and' && j === 1 && isCapWord(toks[0]) && !PRONOUNS.has(toks[0]!.lo) && !FUNCTION_CAPS.test(toks[0]!.lo)) return 0;
    // "the independent senator and presidential candidate": two roles joined under one determiner
    if (t.lo === 'and' && !capHead && n >= 2) {
      let k = j - 1;
      while (k >= 0 && isWord(toks[k]) && !isDeterminer(toks[k]!.lo) && (npWord(toks[k]!) || isCapWord(toks[k])) && j - k < 6) k--;
      if (k >= 0 && isWord(toks[k]) && /^(the|a|an)$/.test(toks[k]!.lo) && k < j - 1 && isPersonNoun(toks[j - 1]!.lo)) return k;
      break;
    }
    // "a person with (direct) knowledge of Calder's plans", "officials with knowledge of the talks": the anonymous
    // source's formula; the possessor or the thing known is only the object of "of"
    if (!capHead && t.lo === 'of' && isWord(toks[j - 1]) && toks[j - 1]!.lo === 'knowledge') {
      let w = j - 2;
      if (isWord(toks[w]) && /^(direct|first-hand|firsthand|intimate|detailed|personal|some|deep|inside)$/.test(toks[w]!.lo)) w--;
      const who = toks[w - 1];
      if (isWord(toks[w]) && toks[w]!.lo === 'with' && isWord(who) && (isPersonNoun(who.lo) || /^(someone|somebody|anyone|one|those|others)$/.test(who.lo))) {
        j = w - 1;
        n += 3;
        first = j;
        j--;
        continue;
      }
    }
    if (!capHead && (NP_PREPS.has(t.lo) || representedBy(t, toks[j - 1], toks[j + 1])) && isWord(toks[j - 1]) && (isPersonNoun(toks[j - 1]!.lo) || POSTMOD_ADJ.has(toks[j - 1]!.lo))) {
      j--;
      n++;
      continue;
    }
    if (POSTMOD_ADJ.has(t.lo)) {
      j--;
      n++;
      continue;
    }
    if (!npWord(t)) break;
    first = j;
    j--;
    n++;
  }
  return first;
}

/** Scan a noun phrase rightwards from `from` (inverted "said X, the role"), up to a quote or the end. */
const CIRCUMSTANCE_PREP = /^(in|on|during|via|through|after|before|over|to)$/;
const CIRCUMSTANCE_OBJ = /^(a|an|his|her|their|its|this|that|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|today|yesterday|twitter|facebook|instagram|television|tv|radio)$/;
const SUBORDINATE = /^(when|as|while|because|if|after|before|during|adding|noting|saying|referring|speaking|according|explaining|arguing|pointing|insisting|citing|since|although|though|until)$/;

function scanRightNP(toks: readonly Token[], from: number): number {
  const t0 = toks[from];
  if (!isWord(t0)) return -1;
  if (PRONOUNS.has(t0.lo)) return from;
  let j = from;
  let last = from;
  let sawComma = false;
  let depth = 0;
  while (j < toks.length) {
    const t = toks[j]!;
    // "the authors of the “Harbour Renewal Plan”", "author of “Salt and Silt”": a title inside the phrase
    if (t.k === 'q' && j > from && isWord(toks[j - 1]) && /^(the|of|titled|called)$/.test(toks[j - 1]!.lo) && t.t.split(/\s+/).length <= 8) {
      last = j;
      j++;
      continue;
    }
    if (t.k === 'q') break;
    // "…, giving an example": a participle after a comma is no part of the speaker phrase
    if (t.k === 'w' && j > from + 1 && (isComma(toks[j - 1]) || (toks[j - 1]!.k === 'q' && /,\s*[\u201d"\u2019']*\s*$/.test(toks[j - 1]!.t))) && /^\p{Ll}+ing$/u.test(t.t) && !/^(leading|ranking|acting|outgoing|incoming|sitting|governing|founding|managing|presiding|visiting|retiring|during|including|regarding|concerning|following|according|notwithstanding|pending)$/.test(t.lo)) break;
    if (t.k === 'p' && t.t === '(') depth++;
    if (t.k === 'p' && t.t === ')') {
      depth--;
      // (the parenthetical closes with the phrase: "engineer Олена Коваленко (Olena Kovalenko)")
      if (depth === 0 && toks.slice(last + 1, j).every((x) => x.k === 'p' && x.t === '.')) last = j;
    }
    if (t.k === 'p' && t.t !== ',' && t.t !== '--' && t.t !== '\u2014' && t.t !== '(' && t.t !== ')' && !(depth > 0 && t.t === '.')) break;
    // "said Dan Ortiz when asked about …": a subordinate clause is not part of the name
    if (t.k === 'w' && j > from && !sawComma && SUBORDINATE.test(t.lo)) break;
    // (", before translating: “…”", ", after adding, “…”": what the speaker did next, not their description)
    if (t.k === 'w' && sawComma && isComma(toks[j - 1]) && /^(before|after|while|then)$/.test(t.lo) && isWord(toks[j + 1]) && /^\p{Ll}+ing$/u.test(toks[j + 1]!.t)) break;
    // "said Tom Pike in a statement", "said Ann Lee on Tuesday": a circumstance after the name is not part of it
    if (t.k === 'w' && j > from && !sawComma && CIRCUMSTANCE_PREP.test(t.lo) && isCapWord(toks[j - 1]) && isWord(toks[j + 1]) && CIRCUMSTANCE_OBJ.test(toks[j + 1]!.lo)) break;
    if (t.k === 'p' && t.t === ',') sawComma = true;
    if (t.k === 'w') last = j;
    j++;
  }
  return last;
}

/**
 * Nouns naming an utterance, for the inverted nominal attributions after a quote ("came the reply from
 * X", "was the verdict of X", "was X's response"). Only nouns of something said or written: "was the
 * result of X", "came the news from X" name no speaker.
 */
const UTTERANCE_NOUNS = /^(reply|response|answer|retort|rejoinder|riposte|comeback|rebuttal|verdict|reaction|assessment|comment|remark|remarks|message|warning|advice|explanation|excuse|defen[cs]e|argument|admission|complaint|plea|pledge|promise|prediction|boast|quip|refrain|judg(e)?ment|conclusion|diagnosis|summary|summation|description|view|take|word|words|statement|testimony|instruction|instructions|order|orders|question|cry|shout|chant|rallying|motto)$/;
/**
 * Nouns of an answer: `"Never," came the reply` is said by whoever was answering — not, as the context
 * rule would have it, by the one speaking before, who is usually the one being answered. With no named
 * source the speaker is unknown (never a guess).
 */
const REPLY_NOUNS = /^(reply|response|answer|retort|rejoinder|riposte|comeback|rebuttal)$/;
/** An answer by nobody named: the cue, no speaker phrase (`index.ts` then carries no speaker to it). */
const unnamed = (cue: string, i: number, n: number): Attribution => ({ cue, cueIndex: i, cueEnd: n, speaker: null, form: 'inverted', outletPhrase: null, strong: true });

/** Places a reply comes from that are no speaker: "came the reply from the back of the room". */
const PLACE_HEADS = /^(floor|back|front|rear|side|sidelines|corner|room|hall|chamber|stage|podium|gallery|benches|bench|window|door|street|streets|distance|direction|top|bottom|inside|outside|other)$/;
/** Verbs of "was how X put it": the speaker's own wording, summed up. */
const PUT_IT = /^(put|puts|described|describes|summed|sums|phrased|phrases|characterized|characterised|framed|explained|explains|saw|sees|expressed)$/;

/**
 * An inverted attribution by a noun of speech after a quote, which no verb rule sees: `"Nonsense,"
 * came the reply from Bob Quill`, `"…," came a terse response from the council`, `"…," was the
 * verdict of Ann Lee, the inspector`, `"…," was Quill's reply`, `"…," is how one trader put it`. `i`
 * is the verb right after the quote (and its comma). Without it the quote took the speaker before
 * it — usually the very person being answered. Only a named source counts: "came the reply" alone
 * (the one asked, or someone else) is left to the context rules as before, and a place ("from the
 * floor") names nobody. Returns the attribution with the speaker phrase, or null.
 */
export function nominalAfterQuote(toks: readonly Token[], i: number): Attribution | null {
  const v = toks[i];
  if (!isWord(v) || isCapWord(v)) return null;
  const came = /^(came|comes|come)$/.test(v.lo);
  if (!came && !/^(was|is|were|are|remains|remained)$/.test(v.lo)) return null;
  let k = i + 1;
  if (came && isWord(toks[k]) && toks[k]!.lo === 'back') k++;
  // "was how Bob Quill put it"
  if (!came && isWord(toks[k]) && toks[k]!.lo === 'how') {
    let e = k + 1;
    while (e < toks.length && e - k <= 8 && isWord(toks[e]) && !PUT_IT.test(toks[e]!.lo)) e++;
    if (!isWord(toks[e]) || e === k + 1 || e - k > 8) return null;
    const from = k + 1;
    const to = e - 1;
    // (the phrase must be the subject of "put": "was how the plan was put" has none)
    if (scanLeftNP(toks, to) !== from || !plausibleSpeaker(toks, from, to) || !isWord(toks[e + 1]) || !/^(it|things|the|that|this|matters)$/.test(toks[e + 1]!.lo)) return null;
    return { cue: `${toks[e]!.t} it`, cueIndex: i, cueEnd: e, speaker: { from, to }, form: 'inverted', outletPhrase: null, strong: true };
  }
  // a possessor: "was Bob Quill's reply", "came the mayor's response"
  for (let p = k; p < toks.length && p - k < 6 && isWord(toks[p]); p++) {
    if (!/[’']s$/.test(toks[p]!.t)) continue;
    let n = p + 1;
    while (isWord(toks[n]) && !UTTERANCE_NOUNS.test(toks[n]!.lo) && n - p <= 3 && !isCapWord(toks[n]) && !STOP.has(toks[n]!.lo)) n++;
    if (!isWord(toks[n]) || !UTTERANCE_NOUNS.test(toks[n]!.lo)) return null;
    const owner = scanLeftNP(toks, p);
    if (owner !== k || !plausibleSpeaker(toks, k, p)) return null;
    return { cue: toks[n]!.t, cueIndex: i, cueEnd: n, speaker: { from: k, to: p }, form: 'inverted', outletPhrase: null, strong: true, possessor: true };
  }
  // "came the (swift) reply from X", "was the verdict of X"
  if (!isWord(toks[k]) || !/^(the|a|an|his|her|their|its|one|another)$/.test(toks[k]!.lo)) return null;
  let n = k + 1;
  while (isWord(toks[n]) && !UTTERANCE_NOUNS.test(toks[n]!.lo) && n - k <= 3 && !isCapWord(toks[n]) && !STOP.has(toks[n]!.lo)) n++;
  if (!isWord(toks[n]) || !UTTERANCE_NOUNS.test(toks[n]!.lo)) return null;
  // "was his reply": the pronoun is the possessor, resolved as "he" would be
  if (/^(his|her|their)$/.test(toks[k]!.lo)) return { cue: toks[n]!.t, cueIndex: i, cueEnd: n, speaker: { from: k, to: k }, form: 'inverted', outletPhrase: null, strong: true, possessor: true };
  if (toks[k]!.lo === 'its') return null;
  let f = n + 1;
  if (isComma(toks[f])) f++;
  if (!isWord(toks[f]) || !/^(from|of|by)$/.test(toks[f]!.lo)) return REPLY_NOUNS.test(toks[n]!.lo) ? unnamed(toks[n]!.t, i, n) : null;
  const from = f + 1;
  const nx = toks[from];
  const to = scanRightNP(toks, from);
  if (!isWord(nx) || to < from || STOP.has(nx.lo) || OBJECT_PRONOUNS.has(nx.lo) || PRONOUNS.has(nx.lo)) return null;
  const headEnd = Math.min(to, npHeadEnd(toks, from, to));
  let head = headEnd;
  for (let h = from + 1; h <= headEnd; h++) if (NP_PREPS.has(toks[h]!.lo)) { head = h - 1; break; }
  if (PLACE_HEADS.test(toks[head]!.lo)) return REPLY_NOUNS.test(toks[n]!.lo) ? unnamed(toks[n]!.t, i, n) : null;
  const okStart = isCapWord(nx) || isDeterminer(nx.lo) || isPersonNoun(nx.lo);
  if (!okStart || !plausibleSpeaker(toks, from, headEnd)) return null;
  return { cue: toks[n]!.t, cueIndex: i, cueEnd: f, speaker: { from, to }, form: 'inverted', outletPhrase: null, strong: true };
}

/**
 * An attribution in another language right after a quote (see foreign-cues.ts): `"…", a déclaré Jean
 * Dupont`, `"…", sagte Jutta Müller`, `"…", dijo el alcalde`, `"…", dit-il`, `"…", a-t-elle ajouté`, `"…",
 * sagte er`, `"…", selon le ministère`. The speaker is the name or description after the verb, or the
 * pronoun (resolved as the English one would be); `i` is the token right after the quote and its comma.
 */
function foreignAfterQuote(toks: readonly Token[], i: number): Attribution | null {
  const t = toks[i];
  if (!isWord(t)) return null;
  const lo = t.lo;
  let cueEnd = i;
  let pronoun: string | null = null;
  // "dit-il", "explique-t-elle", "a-t-il (déclaré)": the pronoun is glued to the verb
  const glued = /^(.+?)(?:-t)?-(il|elle|ils|elles)$/u.exec(lo);
  const verb = glued ? glued[1]! : lo;
  if (glued) pronoun = glued[2]!;
  const according = FOREIGN_ACCORDING.test(verb);
  if (!according && !FOREIGN_VERBS.has(verb)) {
    const participles = FOREIGN_PARTICIPLES.get(verb);
    if (!participles || !isWord(toks[i + 1]) || !participles.has(toks[i + 1]!.lo)) return null;
    cueEnd = i + 1;
  }
  const cue = toks.slice(i, cueEnd + 1).map((x) => x.t).join(' ');
  const base = { cue, cueIndex: i, cueEnd, outletPhrase: null, strong: true } as const;
  if (pronoun) return { ...base, speaker: { from: i, to: i }, form: 'inverted', pronoun: { written: pronoun, as: FOREIGN_PRONOUNS.get(pronoun)! } };
  const from = cueEnd + 1;
  const nx = toks[from];
  if (!isWord(nx)) return null;
  // "sagte er", "sagte sie"
  const own = FOREIGN_PRONOUNS.get(nx.lo);
  if (own && !according && (nx.lo === 'er' || nx.lo === 'sie')) return { ...base, speaker: { from, to: from }, form: 'inverted', pronoun: { written: nx.t, as: own } };
  if (!isCapWord(nx) && !FOREIGN_DETERMINERS.test(nx.lo)) return null;
  const to = scanRightNP(toks, from);
  if (to < from) return null;
  return { ...base, speaker: { from, to }, form: according ? 'according' : 'inverted' };
}

/**
 * A sentence right after a quote-only sentence that names its speaker: "That was the verdict of Ruth
 * Calder.", "This is how one trader put it.", "That was Quill's reply.", "So says Ruth Calder, the
 * engineer." Returns the attribution in this sentence's tokens, or null. (The quote before it would
 * otherwise take the speaker of the sentence before it.)
 */
export function speakerOfQuoteBefore(toks: readonly Token[]): Attribution | null {
  let i = 0;
  while (toks[i]?.k === 'p') i++;
  const first = toks[i];
  if (!isWord(first)) return null;
  if (/^(that|this)$/.test(first.lo)) {
    const a = nominalAfterQuote(toks, i + 1);
    // (the phrase must end the sentence: "That was the view of most traders until the vote" is a story)
    return a?.speaker && onlyPunctFrom(toks, Math.max(a.speaker.to, a.cueEnd) + 1) ? a : null;
  }
  if (first.lo === 'so' && isWord(toks[i + 1]) && /^(says|said)$/.test(toks[i + 1]!.lo)) {
    const from = i + 2;
    const to = scanRightNP(toks, from);
    if (to < from || !isCapWord(toks[from]) && !isDeterminer(toks[from]!.lo) || !onlyPunctFrom(toks, to + 1)) return null;
    return { cue: toks[i + 1]!.t, cueIndex: i + 1, cueEnd: i + 1, speaker: { from, to }, form: 'inverted', outletPhrase: null, strong: true };
  }
  return null;
}

/**
 * `"Will the bridge close?" Ruth Calder was asked.`: the quote is a question put to the subject by someone
 * not named — not the subject's words, nor those of the speaker before — and the subject answers next.
 * Returns the subject phrase (right after the quote and its comma), or null. `k` is the token after them.
 */
export function askedAfterQuote(toks: readonly Token[], k: number): { from: number; to: number } | null {
  for (let b = k + 1; b < toks.length && b - k <= 8; b++) {
    const t = toks[b];
    if (!isWord(t)) return null;
    if (!BE.has(t.lo) || !isWord(toks[b + 1]) || !/^(asked|pressed|questioned|challenged|quizzed)$/.test(toks[b + 1]!.lo)) continue;
    const sp = subjectBefore(toks, b - 1);
    return sp && sp.from === k ? sp : null;
  }
  return null;
}

/** The index before the auxiliaries and forms of "be" that end at `j` ("has been (quoted)", "is (reported)"). */
function beforeAuxiliaries(toks: readonly Token[], j: number): number {
  while (isWord(toks[j]) && (BE.has(toks[j]!.lo) || AUX.has(toks[j]!.lo) || (/ly$/.test(toks[j]!.lo) && !isCapWord(toks[j])))) j--;
  return j;
}

/** Whether a quote follows token `k` past a comma or a colon. */
const quoteAfter = (toks: readonly Token[], k: number): boolean => isQuote(toks[k + 1]) || (toks[k + 1]?.k === 'p' && /^[,:]$/.test(toks[k + 1]!.t) && isQuote(toks[k + 2]));

/**
 * A phrase that hands the next quote to someone without a speech verb: "In Calder's (own) words, “…”", "In
 * the words of Ruth Calder, the engineer: “…”", "As Calder put it, “…”" (put, described, summed up). Only
 * with the quote right after it: "As Calder put it, the bridge is finished" is left as it was. `i` is the
 * phrase's first word ("in", "as").
 */
function quotedIntroAt(toks: readonly Token[], i: number): Attribution | null {
  const t = toks[i]!;
  // (asked of every token: two string comparisons first)
  if (t.lo !== 'in' && t.lo !== 'as') return null;
  if (t.k !== 'w') return null;
  // (only opening the sentence, or after "But"/"And": "promised it because, in her words, “…”" is the
  // promise's mixed statement, and "as he puts it, “…” is that …" a fragment of the sentence's own cue)
  let s = i - 1;
  if (isWord(toks[s]) && /^(but|and|yet|so)$/.test(toks[s]!.lo)) s--;
  for (let k = 0; k <= s; k++) if (toks[k]!.k !== 'p') return null;
  const base = { outletPhrase: null, strong: true } as const;
  if (t.lo === 'in' && toks[i + 1]?.lo === 'the' && toks[i + 2]?.lo === 'words' && toks[i + 3]?.lo === 'of') {
    const from = i + 4;
    let to = from;
    while (to + 1 < toks.length && !isQuote(toks[to + 1]) && !(toks[to + 1]!.k === 'p' && toks[to + 1]!.t === ':') && !(isComma(toks[to + 1]) && isQuote(toks[to + 2]))) to++;
    if (!isWord(toks[from]) || to - from > 12 || !quoteAfter(toks, to) || !plausibleSpeaker(toks, from, npHeadEnd(toks, from, to))) return null;
    return { ...base, cue: 'in the words of', cueIndex: i, cueEnd: i + 3, speaker: { from, to }, form: 'inverted' };
  }
  if (t.lo === 'in') {
    // "In Calder's words", "In his own words"
    let w = i + 1;
    while (w < toks.length && w - i <= 5 && isWord(toks[w]) && toks[w]!.lo !== 'words') w++;
    if (toks[w]?.lo !== 'words' || !quoteAfter(toks, w)) return null;
    const end = toks[w - 1]?.lo === 'own' ? w - 2 : w - 1;
    const owner = toks[end];
    if (end < i + 1 || !isWord(owner) || !(/[’']s$/.test(owner.t) || /^(his|her|their)$/.test(owner.lo))) return null;
    if (scanLeftNP(toks, end) !== i + 1 && !/^(his|her|their)$/.test(owner.lo)) return null;
    return { ...base, cue: 'in the words of', cueIndex: i, cueEnd: w, speaker: { from: i + 1, to: end }, form: 'inverted', possessor: true };
  }
  // "As Calder put it, “…”"
  let e = i + 1;
  while (e < toks.length && e - i <= 8 && isWord(toks[e]) && !PUT_IT.test(toks[e]!.lo)) e++;
  if (!isWord(toks[e]) || e === i + 1 || toks[e + 1]?.lo !== 'it') return null;
  let last = e + 1;
  if (toks[last + 1]?.lo === 'up' || toks[last + 1]?.lo === 'best') last++;
  if (!quoteAfter(toks, last) || scanLeftNP(toks, e - 1) !== i + 1 || !plausibleSpeaker(toks, i + 1, e - 1)) return null;
  return { ...base, cue: `${toks[e]!.t} it`, cueIndex: e, cueEnd: last, speaker: { from: i + 1, to: e - 1 }, form: 'subject' };
}

/** Whether the verb at `i` is negated by "not", "n't" or "never" among its auxiliaries. */
function negated(toks: readonly Token[], i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - 4; k--) {
    const t = toks[k]!;
    if (t.k !== 'w') return false;
    if (/^(not|never|n't)$/.test(t.lo) || /n[’']t$/.test(t.lo)) return true;
    if (!AUX.has(t.lo) && !BE.has(t.lo) && !/ly$/.test(t.lo)) return false;
  }
  return false;
}

/** Skip adverbs, auxiliaries and "on Tuesday" leftwards from `j`; returns the next index to look at. */
function skipAdverbials(toks: readonly Token[], j: number): number {
  while (j >= 0) {
    const t = toks[j];
    if (!isWord(t)) break;
    // "Vale and Okafor both stressed", "the officials all said": a floating quantifier after the subject
    // ("have long said": "long" in lower case only — "Ann Long said" is a name)
    if (AUX.has(t.lo) || t.t === 'long' || (/^(both|all|each)$/.test(t.lo) && isWord(toks[j - 1]) && !AUX.has(toks[j - 1]!.lo))) {
      j--;
      continue;
    }
    if (/ly$/.test(t.lo) && !isCapWord(t) && !/^(ally|daily|family)$/.test(t.lo)) {
      j--;
      continue;
    }
    if (DAYS.test(t.lo)) {
      j--;
      const p = toks[j];
      if (isWord(p) && /^(on|last|this|late|early|that|one)$/.test(p.lo)) j--;
      const p2 = toks[j];
      if (isWord(p2) && /^(on|late|early)$/.test(p2.lo)) j--;
      continue;
    }
    break;
  }
  return j;
}

const ANON_PARTICIPLE = /^(named|identified|quoted|cited|mentioned|used|disclosed|revealed|published)$/;

/**
 * The last token of a phrase setting the terms of anonymity that starts at `k` ("not to be (publicly) named",
 * "on (the) condition of anonymity", "on condition that she not be identified", "to remain anonymous",
 * "anonymously", "off the record", "on background"), or -1.
 */
function anonymityEnd(toks: readonly Token[], k: number): number {
  const lo = (n: number): string => (isWord(toks[n]) ? toks[n]!.lo : '');
  const byName = (e: number): number => (lo(e + 1) === 'by' && lo(e + 2) === 'name' ? e + 2 : e);
  if (lo(k) === 'not' && lo(k + 1) === 'to' && lo(k + 2) === 'be') {
    const e = /ly$/.test(lo(k + 3)) ? k + 4 : k + 3;
    return ANON_PARTICIPLE.test(lo(e)) ? byName(e) : -1;
  }
  if (lo(k) === 'to' && lo(k + 1) === 'remain' && /^(anonymous|unnamed|unidentified)$/.test(lo(k + 2))) return k + 2;
  if (lo(k) === 'anonymously') return k;
  if (lo(k) === 'off' && lo(k + 1) === 'the' && lo(k + 2) === 'record') return k + 2;
  if (lo(k) === 'on' && lo(k + 1) === 'background') return k + 1;
  if (/^(on|under)$/.test(lo(k))) {
    let e = k + 1;
    if (lo(e) === 'the') e++;
    if (!/^conditions?$/.test(lo(e))) return -1;
    if (lo(e + 1) === 'of' && /^(anonymity|anonymousness)$/.test(lo(e + 2))) return e + 2;
    if (lo(e + 1) === 'that') {
      for (let n = e + 2; n <= e + 8 && isWord(toks[n]); n++) if (ANON_PARTICIPLE.test(lo(n)) || /^(anonymous|unnamed)$/.test(lo(n))) return byName(n);
    }
  }
  return -1;
}

/** Capitalised function words at a sentence start are never a speaker's head word. */
const FUNCTION_CAPS = /^(i|it|this|that|there|here|the|a|an|when|where|what|why|how|if|as|but|and|or|so|yet|then|now|on|in|at|to|of|for|with|from|by|after|before|while|since|because|although|though|some|many|most|all|each|every|no|one|his|her|their|its|our|my|your|these|those|such|other|another|both|either|neither|still|also|however|meanwhile|today|instead|indeed|moreover|furthermore|nonetheless|nevertheless|besides|again|finally|later|earlier|thus|hence|meantime|sometimes|often|perhaps|maybe|alongside|amid|despite|during|following|without|within|including|regarding|throughout|upon|unlike|like|against|among)$/;

/** A phrase is a plausible speaker when its last word names a person, group, organisation or outlet. */
function plausibleSpeaker(toks: readonly Token[], from: number, to: number): boolean {
  let head = toks[to];
  // "Trump's", "the official's": a possessor before a noun is not the speaker phrase's end
  if (!isWord(head)) return false;
  if (PRONOUNS.has(head.lo)) return head.lo !== 'you' && head.lo !== 'i' || true;
  // a capitalised participle opening the sentence ("Having …") is no name ("Reed", "Ted", "Jared" are)
  if (isCapWord(head)) return !FUNCTION_CAPS.test(head.lo.replace(/[’']s$/, '')) && !(from === to && (/ing$/.test(head.lo) || (/ed$/.test(head.lo) && (head.lo.length >= 6 || /^(asked|pressed|faced|forced|called|noted|added|based|named|aged|urged|vowed)$/.test(head.lo)))) && from === 0);
  // description heads: "officials", "the officer", "a source familiar with…" (head before post-modifier)
  for (let k = from; k <= to; k++) {
    const t = toks[k];
    if (isWord(t) && (NP_PREPS.has(t.lo) || POSTMOD_ADJ.has(t.lo)) && k > from) {
      head = toks[k - 1]!;
      break;
    }
  }
  // "Tom Pike in a statement": the name before a post-modifier heads the phrase
  if (isCapWord(head) && head !== toks[to]) return !FUNCTION_CAPS.test(head.lo.replace(/[’']s$/, ''));
  const lo = head.lo.replace(/[’']s$/, '');
  if (NUMBER.test(lo) && to - from >= 2 && toks[to - 1]?.lo === 'in') return true;
  // with a determiner any noun can speak ("the coach", "a moderator"), except times and abstractions
  if (isWord(toks[from]) && (isDeterminer(toks[from]!.lo) || /[’']s$/.test(toks[from]!.t)) && from < to && !/^(time|day|week|month|year|night|morning|evening|moment|way|thing|fact|point|idea|problem|question|issue|number|rest|end|case|part|lot|kind|sort)$/.test(lo)) return true;
  return isPersonNoun(lo) || isOrgNoun(lo) || OUTLET_NOUNS.has(lo) || /^(percent|majority|minority|half|third|quarter|most|many|some|others|few|respondents|nation|country|ally|partner|regime|city|county|province|people|police|officials|sources|critics|experts|analysts|aides|authorities|investigators|republicans|democrats|voters|polls?|survey|report|study|statement|document|memo|letter|records|data|filing|complaint|lawsuit|transcript|excerpt|analysis|article|story|book|ad|advertisement|website|post|tweet|email|ruling|decision|order|opinion|verdict|indictment|resolution|bill|platform|video|spot|commercial|release|message|sign|banner|headline|caption|note|petition|motion|brief|judgment|editorial|column|investigation|review|audit|memoir|speech|remarks|testimony|campaign|site|page|account|chart|graphic|slogan|line|song|lyrics|text|script|narrator)$/.test(lo) || (/s$/.test(lo) && lo.length > 4) || /^\p{Ll}{2,}(?:wo)?men$/u.test(lo);
}

/** The outlet phrase after a cue: "told the Post", "told Buzzfeed", "in an interview with CNN". */
function outletAfter(toks: readonly Token[], from: number): { from: number; to: number } | null {
  let j = from;
  if (isWord(toks[j]) && /^(the)$/.test(toks[j]!.lo)) j++;
  let k = j;
  while (k < toks.length && isCapWord(toks[k]) && k - j < 5) k++;
  for (let e = k - 1; e >= j; e--) {
    const phrase = toks.slice(j, e + 1).map((t) => t.t).join(' ');
    if (outletFromPhrase(phrase)) return { from: j, to: e };
    // a newspaper not in the list is recognised by its shape with its article: "the Test Times"
    if (j > from && outletFromPhrase(`${toks[from]!.t} ${phrase}`)) return { from, to: e };
  }
  return null;
}

/** Find an outlet phrase governed by "to/with/on/in/told" anywhere outside quotes. */
function governedOutlet(toks: readonly Token[]): { from: number; to: number } | null {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (!isWord(t) || !/^(told|tells|telling|tell|to|with|on|in|by)$/.test(t.lo)) continue;
    // ("…, according to Reuters" is an attribution of its own, not the cue's hearer)
    if (t.lo === 'to' && toks[i - 1]?.lo === 'according') continue;
    let j = i + 1;
    if (isWord(toks[j]) && /^(a|an)$/.test(toks[j].lo)) continue;
    const o = outletAfter(toks, j);
    if (o) {
      // "in the New York Times" is an outlet only where words are reported, not "in the Post's archive"
      return o;
    }
  }
  return null;
}

const SEGMENT_OPENERS = /^(in|on|at|after|before|during|when|while|as|if|because|although|though|since|speaking|asked|meanwhile|but|and|however|still|yet|later|earlier|last|this|that)$/;

/**
 * The subject phrase ending at token `j` (the token before the verb): a noun phrase, a name with a
 * parenthetical ("Rep. Gwen Moore (D-Wis.)"), or a name followed by appositions ("Scott Pruitt, the
 * attorney general of Oklahoma, one of the states suing the EPA,").
 */
/** Prepositions of a fronted time or place phrase ("On Sunday,", "At Harbour Hall,", "In Leeds,"). */
const FRONTED_PREPOSITION = /^(on|at|in|after|before|during|since|until|by|from|with|for|of|to|into|near|outside|inside|across|under|over|among|amid|following|throughout|around|via|toward|towards)$/;

/**
 * Whether the words of a segment before its name (from `from` to `s`) are a preposition opening the
 * sentence, after at most a conjunction: "On Sunday", "But in Leeds" — not "derided by Ann Vale".
 */
function frontedPlace(toks: readonly Token[], from: number, s: number): boolean {
  if (from !== firstWordOf(toks)) return false;
  let k = from;
  if (s - k > 1 && /^(but|and|yet|so|then)$/.test(toks[k]!.lo)) k++;
  if (toks[k]!.k !== 'w' || !FRONTED_PREPOSITION.test(toks[k]!.lo)) return false;
  // ("In District Court in Harwich": the whole segment is the prepositional phrase, no verb in it)
  for (let i = k + 1; i < s; i++) if (toks[i]!.k !== 'w' || (!isCapWord(toks[i]) && !FRONTED_PREPOSITION.test(toks[i]!.lo) && !isDeterminer(toks[i]!.lo))) return false;
  return true;
}

/** "Va.", "Tex.", "N.Y.": a state's abbreviation alone in a segment (the tokens may keep its dot apart). */
function stateAbbreviation(toks: readonly Token[], from: number, to: number): boolean {
  const w = toks[from];
  if (w?.k !== 'w') return false;
  if (from === to) return STATE_ABBREVIATIONS.has(w.t.replace(/\.$/, '')) && w.t.endsWith('.');
  return to === from + 1 && toks[to]?.t === '.' && STATE_ABBREVIATIONS.has(w.t);
}

/** The states' abbreviations of news style (not "Del.", a delegate's title). */
const STATE_ABBREVIATIONS = new Set('Ala Ariz Ark Calif Colo Conn Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev N.H N.J N.M N.Y N.C N.D Okla Ore Pa R.I S.C S.D Tenn Tex Vt Va Wash W.Va Wis Wyo D.C'.split(' '));

function firstWordOf(toks: readonly Token[]): number {
  let i = 0;
  while (i < toks.length && toks[i]!.k !== 'w') i++;
  return i;
}

export function subjectBefore(toks: readonly Token[], j: number): { from: number; to: number } | null {
  const t = toks[j];
  if (!t) return null;
  if (isDash(t)) {
    // "Tom Pike — a teacher from Harwich — says": an apposition between dashes, like one between commas
    let k = j - 1;
    while (k > 0 && j - k <= 20 && !isDash(toks[k]) && toks[k]!.k !== 'q') k--;
    if (k > 0 && isDash(toks[k]) && k < j - 1 && isWord(toks[k - 1])) {
      const head = subjectBefore(toks, k - 1);
      // "John Dickey, the chief executive of Ora Media -- the company that …, told": the name before the
      // description's comma opens the subject
      const named = head && isComma(toks[head.from - 1]) && !isCapWord(toks[head.from]) ? subjectBefore(toks, head.from - 1) : null;
      if (named && named.to === head!.from - 2 && isCapWord(toks[named.to])) return { from: named.from, to: j - 1 };
      if (head && head.to === k - 1) return { from: head.from, to: j - 1 };
    }
    return null;
  }
  if (isComma(t)) {
    // segments between commas, right to left, up to a boundary
    const segs: Array<{ from: number; to: number }> = [];
    let end = j - 1;
    while (end >= 0 && segs.length < 5) {
      let k = end;
      // a segment may hold a short title in quotes: "wearing "Vote Reed" pins"
      while (k >= 0 && (toks[k]!.k === 'w' || (toks[k]!.k === 'p' && /^[.()-]$/.test(toks[k]!.t)) || (toks[k]!.k === 'q' && k < end && isWord(toks[k - 1]) && toks[k]!.t.split(/\s+/).length <= 4))) k--;
      if (k === end) break;
      segs.push({ from: k + 1, to: end });
      if (k < 0 || !isComma(toks[k])) break;
      end = k - 1;
    }
    // ("Calder, during a meeting in Columbus, Ohio, said": a state or country after a place and its comma
    // belongs to the place, and is no name in apposition)
    const s0 = segs[0];
    const s1 = segs[1];
    if (s0 && s1 && s0.from === s0.to && isCapWord(toks[s0.from]) && isPlaceWord(toks[s0.from]!.lo) && isCapWord(toks[s1.to]) && s1.to > s1.from && toks.slice(Math.max(s1.from, s1.to - 4), s1.to).some((x) => /^(in|at|near|from|of|outside)$/.test(x.lo))) segs.splice(0, 2, { from: s1.from, to: s0.to });
    // the leftmost segment that is a name (or pronoun) heads the phrase; the rest are appositions
    let best: { from: number; to: number } | null = null;
    let toEnd = j - 1;
    // segments right before the verb that were adverbials ("…, speaking on condition of anonymity, said")
    let skipped = 0;
    for (let n = 0; n < segs.length; n++) {
      const seg = segs[n]!;
      const first = toks[seg.from]!;
      // "Multiple media outlets, including CNN and the Times,": the phrase before "including" is the head
      // ("an intelligence source, who was not authorized to speak, told": a relative clause after the head, too)
      if (first.k === 'w' && /^(including|such|like|especially|notably|among|who|whose)$/.test(first.lo)) {
        const head = segs[n + 1];
        if (head) {
          const s = scanLeftNP(toks, head.to);
          if (s === head.from && plausibleSpeaker(toks, s, head.to)) return { from: s, to: toEnd };
        }
        continue;
      }
      // ("The Washington Post, citing three officials, reported": a participle phrase is no apposition of the subject)
      const participle = first.k === 'w' && n === 0 && /^\p{Ll}+ing$/u.test(first.t) && !/^(including|leading|ranking|acting|outgoing|incoming|sitting|governing|founding|managing|presiding|visiting|retiring|ruling|during|according)$/.test(first.lo);
      // ("But state Rep. Jo Marsh, a member of …, said": a conjunction opening the sentence leaves its subject)
      // (the name right after it, at most a lower-case title word between: "But state Rep. Jo Marsh")
      const conjunction = n === segs.length - 1 && n > 0 && seg.to > seg.from && /^(but|and|yet)$/.test(first.lo) && isCapWord(toks[seg.to]) && seg.from === firstWordOf(toks) && scanLeftNP(toks, seg.to) - seg.from <= 2 && (isCapWord(toks[seg.from + 1]) || ROLE_WORDS.has(toks[seg.from + 1]!.lo));
      if (first.k === 'w' && (SEGMENT_OPENERS.test(first.lo) || participle) && !isCapWord(toks[seg.from + 1]) && !conjunction) {
        // "Jo Reed, at a later press briefing, said": an adverbial between subject and verb
        if (n === 0 || toEnd < seg.to) {
          toEnd = seg.from - 2;
          if (n === skipped) skipped++;
          continue;
        }
        break;
      }
      // ("In Dunmore, Pa., Jo Marsh said", "At a rally in Harwich, Tex., Mr. Pike was blunt": a state's
      // abbreviation set off by commas ends a place; the subject is not to the left of it)
      const place = segs[n + 1];
      const further = segs[n + 2];
      if (n > 0 && place && stateAbbreviation(toks, seg.from, seg.to) && /^(in|at|near|outside|inside)$/.test(toks[place.from]!.lo) && (!further || !isCapWord(toks[further.to]))) {
        segs.length = n;
        break;
      }
      let e = seg.to;
      if (toks[e]!.k === 'p' && toks[e]!.t === ')') {
        while (e > seg.from && !(toks[e]!.k === 'p' && toks[e]!.t === '(')) e--;
        e--;
      }
      while (e > seg.from && toks[e]!.k === 'p') e--;
      const s = e >= seg.from ? scanLeftNP(toks, e) : -1;
      // ("On Sunday, Ann Vale, the mayor, said", "At Harbour Hall, where …, Jo Reed, its president, said": a name
      // after a preposition opening the sentence is where or when, not who)
      if (n > 0 && n === segs.length - 1 && s > seg.from && frontedPlace(toks, seg.from, s)) continue;
      if (s >= seg.from && (isCapWord(toks[e]) || PRONOUNS.has(toks[e]!.lo) && s === e)) best = { from: s, to: toEnd };
    }
    if (best && best.to > best.from) {
      // "Pike's niece, state Del. Jo Marsh, shouted": a description before the name opens the subject
      const lead = segs[segs.length - 1]!;
      if (lead.from < best.from) {
        const s = scanLeftNP(toks, lead.to);
        if (s === lead.from && plausibleSpeaker(toks, s, lead.to)) return { from: lead.from, to: best.to };
      }
      return best;
    }
    const last = segs[0];
    // "the harbourmaster, a former sailor, said": a description with a description in apposition
    const lead = segs[segs.length - 1];
    if (last && lead && segs.length === 2 && isWord(toks[lead.from]) && /^(the|a|an)$/.test(toks[lead.from]!.lo) && isWord(toks[last.from]) && /^(the|a|an)$/.test(toks[last.from]!.lo)) {
      const s0 = scanLeftNP(toks, lead.to);
      const s1 = scanLeftNP(toks, last.to);
      if (s0 === lead.from && s1 === last.from && plausibleSpeaker(toks, s0, lead.to)) return { from: lead.from, to: last.to };
    }
    if (last) {
      const s = scanLeftNP(toks, last.to);
      if (s === last.from && plausibleSpeaker(toks, s, last.to)) return { from: s, to: last.to };
    }
    // "The official, speaking on condition of anonymity, said": a description opening the sentence, then the adverbial
    const kept = segs[skipped];
    if (skipped > 0 && kept && skipped === segs.length - 1) {
      const s = scanLeftNP(toks, kept.to);
      if (s === kept.from && plausibleSpeaker(toks, s, kept.to)) return { from: s, to: kept.to };
    }
    return null;
  }
  if (t.k === 'p' && t.t === ')') {
    // "Rep. Gwen Moore (D-Wis.) said": the parenthetical belongs to the name before it
    let k = j;
    while (k >= 0 && !(toks[k]!.k === 'p' && toks[k]!.t === '(')) k--;
    const s = k > 0 ? scanLeftNP(toks, k - 1) : -1;
    return s >= 0 && plausibleSpeaker(toks, s, k - 1) ? { from: s, to: j } : null;
  }
  if (isWord(t)) {
    const s = scanLeftNP(toks, j);
    if (s < 0 || !plausibleSpeaker(toks, s, j)) return null;
    // "Ruth Calder and Bob Quill (said)": two names joined after a boundary (the sentence's start, a quote, a
    // comma) speak together ("told Reuters and Quill said" is no pair: "told" stands before it)
    if (isCapWord(toks[s]) && toks[s - 1]?.lo === 'and' && isCapWord(toks[s - 2]) && !FUNCTION_CAPS.test(toks[s - 2]!.lo)) {
      let k = s - 2;
      while (k > 0 && isCapWord(toks[k - 1]) && s - k < 5) k--;
      const b = toks[k - 1];
      // (not the last two of a list: "voters in Alabama, Georgia and Virginia said")
      const list = isComma(b) && isCapWord(toks[k - 2]);
      if ((b === undefined || b.k !== 'w') && !list && !FUNCTION_CAPS.test(toks[k]!.lo)) return { from: k, to: j };
    }
    return { from: s, to: j };
  }
  return null;
}

const TIME_END = /^(later|earlier|ago|before|after|afterward|afterwards|week|weekend|month|year|day|night|morning|afternoon|evening|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|time|meanwhile|however|instead|still|too|also|now|then|\d+)$/;
const INTRO_WORDS = /^(alongside|outside|inside|beyond|amid|here|there|with|as|when|while|after|before|in|on|at|during|following|despite|although|though|if|because|since|speaking|asked|meanwhile|earlier|later|last|yesterday|today|still|now|then|however|unlike|like|by|for|from|amid|under|over|once|given|according)$/;

/**
 * The subject of the sentence's main clause, before token `limit`: what a participle ("…, saying") or a
 * colon ("… his message: \"…\"") attributes words to. An introductory phrase up to the first comma is skipped.
 */
export function subjectAtStart(toks: readonly Token[], limit: number): { from: number; to: number } | null {
  let i = 0;
  while (toks[i]?.k === 'p') i++;
  // an introductory phrase ("With …,", "Chastened by …,"): the subject follows a comma
  let firstComma = -1;
  for (let k = i + 1; k < limit && k < i + 8; k++) {
    if (isComma(toks[k])) {
      firstComma = k;
      break;
    }
  }
  const introByTime = firstComma > i && firstComma - i <= 4 && TIME_END.test(toks[firstComma - 1]?.lo ?? '');
  if (isWord(toks[i]) && (introByTime || INTRO_WORDS.test(toks[i]!.lo) || /^\p{Lu}\p{Ll}+(ed|ing)$/u.test(toks[i]!.t) && !isCapWord(toks[i + 1]))) {
    // the comma after which a noun phrase is followed by its verb, not by another comma ("…in Salem, New Hampshire, Trump went")
    let found = -1;
    for (let k = i + 1; k < limit; k++) {
      if (!isComma(toks[k])) continue;
      const nx = toks[k + 1];
      if (!(isCapWord(nx) || isWord(nx) && (isDeterminer(nx.lo) || PRONOUNS.has(nx.lo)))) continue;
      // ("at a rally in Harwich, Tex., Mr. Pike was …": the state's abbreviation belongs to the place)
      if (stateAbbreviation(toks, k + 1, k + 1) || (stateAbbreviation(toks, k + 1, k + 2) && isComma(toks[k + 3]))) continue;
      let e = k + 1;
      while (e < limit && isWord(toks[e]) && (isCapWord(toks[e]) || e === k + 1)) e++;
      if (isComma(toks[e]) && !(isWord(toks[e + 1]) && isDeterminer(toks[e + 1]!.lo))) continue;
      found = k;
      break;
    }
    if (found < 0) return null;
    i = found + 1;
  }
  if (isWord(toks[i]) && /^(but|and|so|yet|still)$/.test(toks[i]!.lo)) i++;
  if (isWord(toks[i]) && /^(then|now|later|also)$/.test(toks[i]!.lo) && isCapWord(toks[i + 1])) i++;
  const first = toks[i];
  if (!isWord(first)) return null;
  if (PRONOUNS.has(first.lo)) return first.lo === 'i' || first.lo === 'you' ? null : { from: i, to: i };
  let j = i;
  let last = -1;
  while (j < limit) {
    const t = toks[j];
    if (!isWord(t)) break;
    // ("A spokeswoman for the House Armed Services Committee": of/for and a determiner after them stay in the phrase)
    const ofFor = (t.lo === 'of' || (t.lo === 'for' && isPersonNoun(toks[j - 1]?.lo ?? ''))) && last >= 0;
    const detAfterOf = isDeterminer(t.lo) && /^(of|for)$/.test(toks[j - 1]?.lo ?? '') && j - 1 > i;
    if (isCapWord(t) || isDeterminer(t.lo) && j === i || (npWord(t) && !/s$/.test(toks[j - 1]?.lo ?? '') ) || (t.lo === 'and' && isCapWord(toks[j + 1]) && isCapWord(toks[j - 1])) || ofFor || detAfterOf) {
      if (t.lo !== 'of' && t.lo !== 'and' && t.lo !== 'for' && !detAfterOf) last = j;
      j++;
      continue;
    }
    break;
  }
  if (last < i) return null;
  if (!plausibleSpeaker(toks, i, last)) return null;
  // "Rep. Tom Pike (D-Harwich) reacted": the parenthetical belongs to the name
  if (toks[last + 1]?.k === 'p' && toks[last + 1]!.t === '(' && isCapWord(toks[last])) {
    let c = last + 2;
    while (c < limit && c - last < 8 && !(toks[c]!.k === 'p' && toks[c]!.t === ')')) c++;
    if (toks[c]?.k === 'p' && toks[c]!.t === ')' && isWord(toks[c + 1])) return { from: i, to: c };
  }
  // "Pike, a former party chairman, poked at …", "Jo Reed, vice chairwoman for the harbour board, emailed …":
  // the apposition belongs to the subject
  if (isComma(toks[last + 1]) && isCapWord(toks[last])) {
    let close = -1;
    for (let k = last + 2; k < limit && k < last + 16; k++) {
      if (isComma(toks[k])) {
        close = k;
        break;
      }
    }
    const det = toks[last + 2];
    const roleStart = isWord(det) && (isDeterminer(det.lo) || ROLE_WORDS.has(det.lo) || /[’']s$/.test(det.t));
    if (close > last + 2 && roleStart && toks.slice(last + 2, close).every((t) => t.k === 'w') && isWord(toks[close + 1]) && !isCapWord(toks[close + 1])) return { from: i, to: close - 1 };
  }
  return { from: i, to: last };
}

/**
 * All attributions in the sentence's tokens, in order. The caller picks the one that governs each quote.
 */
/** Words of quantity that stand for a group of people: "Many say …", "most of them said …", "47% say …". */
const QUANTIFIER = /^(many|some|most|several|few|others|all|both|none|half|majorities|majority|minority|two-thirds|one-third|three-quarters)$/;

/**
 * A subject that is a quantity of people (a poll's or a crowd's): "Many say", "Some have suggested", "most of
 * them said", "Several of the skippers said", "About 47% say", "26 percent of Democrats say", "All but two
 * said". `end` is the last word before the verb; `found` the subject found otherwise (kept when it is no part
 * of such a phrase).
 */
function quantified(toks: readonly Token[], end: number, found: { from: number; to: number } | null): { from: number; to: number } | null {
  const clauseStart = (k: number): boolean => k < 0 || !isWord(toks[k]) || /^(and|but|yet|so|while|as|because|although|though|when|that)$/.test(toks[k]!.lo);
  // "Several of the skippers", "most of them", "majorities in all five towns"
  const from = found ? found.from : end;
  const of = toks[from - 1];
  // ("many of whom say": a relative pronoun speaks for its antecedent, which this phrase does not name)
  if (isWord(toks[end]) && /^(whom|which)$/.test(toks[end]!.lo)) return found;
  if (isWord(of) && (of.lo === 'of' || of.lo === 'in') && isWord(toks[from - 2])) {
    let q = from - 2;
    if (toks[q]!.lo === 'two' && toks[q - 1]?.lo === 'but' && toks[q - 2]?.lo === 'all') q -= 2;
    if (QUANTIFIER.test(toks[q]!.lo) || /^\d[\d.,]*%?$/.test(toks[q]!.t) || toks[q]!.lo === 'percent') {
      while (q > 0 && isWord(toks[q - 1]) && (/^\d[\d.,]*%?$/.test(toks[q - 1]!.t) || /^(about|nearly|almost|roughly|around|only|just|over|more|than|fewer|less)$/.test(toks[q - 1]!.lo)) && !(toks[q]!.lo === 'percent' && false)) q--;
      const target = found ?? (PRONOUNS.has(toks[end]!.lo) || isWord(toks[end]) ? { from: end, to: end } : null);
      if (target && clauseStart(q - 1)) return { from: q, to: target.to };
    }
  }
  if (found) return found;
  // a quantity alone: "Many say", "Some have suggested", "About 47% say", "All but two said"
  let q = end;
  if (!isWord(toks[q])) return null;
  if (/^(two|three|four|five|one)$/.test(toks[q]!.lo) && toks[q - 1]?.lo === 'but' && toks[q - 2]?.lo === 'all') q -= 2;
  else if (toks[q]!.lo === 'percent' && isWord(toks[q - 1]) && /^\d/.test(toks[q - 1]!.t)) q--;
  // ("All told, …" is an idiom; a floating "both"/"all" follows its subject: "The two firms — … — both said")
  else if (!QUANTIFIER.test(toks[q]!.lo) && !/^\d[\d.,]*%$/.test(toks[q]!.t) || /^(both|all)$/.test(toks[q]!.lo)) return null;
  // ("Some protest leaders said": a base form that is as often a noun heads a longer subject)
  if (isWord(toks[end + 1]) && NOUN_CUES.test(toks[end + 1]!.lo)) return null;
  while (q > 0 && isWord(toks[q - 1]) && /^(about|nearly|almost|roughly|around|only|just|over|fewer|less)$/.test(toks[q - 1]!.lo)) q--;
  return clauseStart(q - 1) && (q === 0 || !isWord(toks[q - 1]) || toks[q - 1]!.lo !== 'the') ? { from: q, to: end } : null;
}

/** Speech verbs that report a clause ("who said he …", "who notes that …"): a relative clause with one is words of its own. */
const CLAUSE_CUES = new Set(['say', 'tell', 'add', 'argue', 'claim', 'insist', 'warn', 'note', 'explain', 'acknowledge', 'admit', 'contend', 'suggest', 'maintain', 'assert', 'stress', 'emphasize', 'emphasise', 'concede', 'complain', 'agree', 'write', 'tweet', 'estimate', 'predict', 'caution', 'allege', 'declare', 'believe']);

/** Speech verbs whose base form is as often a noun ("a campaign promise", "the ferry report"). */
const NOUN_CUES = /^(report|promise|claim|call|charge|answer|reply|comment|remark|rant|quote|post|tweet|pledge|vow|question|note|demand|joke|boast|protest|estimate|forecast|echo|plea|reason|signal|hint|counter|retort)$/;

/** Nouns that take a plural verb without "-s": "the police say", "the staff say". */
const PLURAL_NOUNS = /^(people|police|staff|public|media|crew|team|clergy|faculty|jury|family|men|women|children|folks|majority|minority|government|press|audience|crowd|electorate)$/;

/** Whether the base form at `i` closes a noun compound: a singular lower-case noun before it, with its determiner or possessor. */
function nounCompound(toks: readonly Token[], i: number): boolean {
  const prev = toks[i - 1];
  if (!isWord(prev) || isCapWord(prev) || /s$/.test(prev.lo) || PLURAL_NOUNS.test(prev.lo) || PRONOUNS.has(prev.lo) || !npWord(prev) || isDeterminer(prev.lo)) return false;
  for (let k = i - 2; k >= 0 && i - k <= 4; k--) {
    const t = toks[k];
    if (!isWord(t)) return false;
    if (isDeterminer(t.lo) || /[’']s$/.test(t.t) && !contractedSubject(t, /^s$/)) return !/^(that|this|some|all|both|many|several|few|most|other|each)$/.test(t.lo);
    if (!npWord(t) && !/^\d/.test(t.t)) return false;
  }
  return false;
}

/** The sending verb of a document that ends at `j` ("released a statement (on Wednesday)", "issued a letter", "put out a statement"), or -1. */
function sentDocumentBefore(toks: readonly Token[], j: number): number {
  if (isWord(toks[j]) && DAYS.test(toks[j]!.lo)) j -= toks[j - 1]?.lo === 'on' ? 2 : 1;
  if (!isWord(toks[j]) || !DOC_NOUNS.test(toks[j]!.lo)) return -1;
  for (let k = j - 1; k >= 0 && j - k <= 4; k--) {
    const t = toks[k];
    if (!isWord(t)) return -1;
    if (/^(released|issued|posted|published|sent|tweeted|wrote|signed|put|circulated|distributed)$/.test(t.lo)) return k;
    if (!isDeterminer(t.lo) && !npWord(t) && t.lo !== 'out') return -1;
  }
  return -1;
}

/** Nouns of a stance someone expresses in words: "expressed concern that …". */
const STANCE_NOUNS = /^(concern|concerns|confidence|hope|hopes|doubt|doubts|fear|fears|frustration|skepticism|scepticism|surprise|regret|optimism|disappointment|outrage|dismay|alarm|worry|worries|belief|certainty|satisfaction|anger|sympathy|support|opposition|reservations|confusion|disbelief|relief|gratitude|pride|unease|anxiety)$/;

/** The index of a stance noun after "expressed" with a "that" clause after it ("expressed deep concern that"), or -1. */
function stanceNounAt(toks: readonly Token[], from: number): number {
  for (let k = from; k < toks.length && k - from <= 3; k++) {
    const t = toks[k];
    if (!isWord(t)) return -1;
    if (STANCE_NOUNS.test(t.lo)) return toks[k + 1]?.lo === 'that' && isWord(toks[k + 2]) ? k : -1;
    if (!isDeterminer(t.lo) && !/^(his|her|their|its|deep|grave|serious|some|particular|strong|great|growing|renewed|cautious|real|little|no)$/.test(t.lo) && !/ly$/.test(t.lo)) return -1;
  }
  return -1;
}

/** A personal pronoun and a contracted auxiliary in one token ("he’s", "they've", "she’d"), the auxiliary matching `aux`. */
function contractedSubject(t: Token | undefined, aux: RegExp): boolean {
  // (asked for every possessive before a cue: most words have no apostrophe at all)
  if (!isWord(t) || t.lo.length > 7 || (!t.lo.includes("'") && !t.lo.includes('’'))) return false;
  const m = /^(he|she|they|we|i|you)['’](\p{L}+)$/u.exec(t.lo);
  return m !== null && aux.test(m[2]!);
}

/** Quoted words that are a name or title: at most six words, their main words capitalised ("Ports First"). */
function nameLike(quoted: string): boolean {
  const words = quoted.replace(/^[\s"'“”‘’«»]+|[\s"'“”‘’«»,.]+$/g, '').split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 6 || /[!?]/.test(quoted)) return false;
  const main = words.filter((w, k) => k === 0 || !/^(of|the|a|an|and|in|on|for|to|at|by|with|or|from)$/i.test(w));
  return main.every((w) => /^[\p{Lu}\d]/u.test(w));
}

/**
 * "called Calder “unhinged”", "called the mayor's plan a “rush to judgment”", "calling Clinton, his rival, an
 * ISIS “co-founder”": "call" with an object and then quoted words names someone or something in the speaker's
 * own words. Only words (no verb of the sentence's own, no clause) and commas may stand between.
 */
function namedThenQuote(toks: readonly Token[], from: number): boolean {
  if (!isWord(toks[from])) return false;
  for (let k = from + 1; k < toks.length && k - from <= 14; k++) {
    const t = toks[k]!;
    if (t.k === 'q') return true;
    if (isComma(t)) continue;
    if (!isWord(t) || STOP.has(t.lo) && !/^(of|to|in|on|for|from|with|and|by|that)$/.test(t.lo) || AUX.has(t.lo) && !/^(also|then|once|again|repeatedly|publicly|privately|recently|earlier|later)$/.test(t.lo) || BE.has(t.lo) || speechVerb(t.lo)) return false;
  }
  return false;
}

export function findAttributions(toks: readonly Token[]): Attribution[] {
  const out: Attribution[] = [];
  const relatives: Attribution[] = [];
  const words = toks.filter((t) => t.k === 'w');
  const titleCase = words.length >= 4 && words.filter((t) => isCapWord(t)).length >= words.length * 0.7;
  // headline or transcript label: "Reed: Ferries won't run on Sunday", "HOST: But, Mayor …"
  const colon = toks.findIndex((t) => t.k === 'p' && t.t === ':');
  // ("LONDON: The minister said …" is a dateline: a place is no label)
  if (colon > 0 && colon <= 3 && toks.slice(0, colon).every((t) => isCapWord(t)) && toks.length - colon > 3 && !isPlaceWord(toks.slice(0, colon).map((t) => t.lo).join(' ')) && !toks.slice(0, colon).some((t) => /^(update|note|editor|photo|watch|read|related|video|source|sources|correction|clarification|byline|contact|here|this|the|and|but|breaking|exclusive|live|opinion|analysis|update)$/.test(t.lo))) {
    out.push({ cue: ':', cueIndex: colon, cueEnd: colon, speaker: { from: 0, to: colon - 1 }, form: 'subject', outletPhrase: null, strong: true });
  }
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (!isWord(t)) continue;
    // `"…," per a statement from the county`: "per" right after a quote is "according to" (elsewhere it is
    // a rate or a rule: "$5 per person", "per the bylaws")
    const per = t.lo === 'per' && (isQuote(toks[i - 1]) || (isComma(toks[i - 1]) && isQuote(toks[i - 2]))) && noWordsBetween(toks, 0, isQuote(toks[i - 1]) ? i - 1 : i - 2);
    if ((t.lo === 'according' && isWord(toks[i + 1]) && toks[i + 1]!.lo === 'to') || per) {
      const from = per ? i + 1 : i + 2;
      const to = withApposition(toks, from, scanRightNPShort(toks, from));
      if (to >= from) {
        // "according to a memo obtained by the Post": the memo speaks, the Post is the outlet
        const doc = documentSplit(toks, from, to);
        const outlet = doc ? doc.outlet : outletFromPhrase(toks.slice(from, to + 1).map((x) => x.t).join(' ')) ? { from, to } : null;
        out.push({ cue: per ? 'per' : 'according to', cueIndex: i, cueEnd: from - 1, speaker: doc ? doc.speaker : { from, to }, form: 'according', outletPhrase: outlet, strong: true });
      }
      continue;
    }
    // "In Calder's words, “…”", "In the words of Ruth Calder: “…”", "As Calder put it, “…”"
    const intro = quotedIntroAt(toks, i);
    if (intro) {
      out.push(intro);
      i = Math.max(intro.cueEnd, intro.speaker!.to);
      continue;
    }
    // "Documents seen by the BBC show the ministry knew": "show" reports words only with a document an
    // outlet obtained as its subject ("polls show", "the data showed" stay the writer's statements)
    if (/^(show|shows|showed)$/.test(t.lo)) {
      const d = documentBefore(toks, skipAdverbials(toks, i - 1));
      if (d && !negated(toks, i)) out.push({ cue: t.t, cueIndex: i, cueEnd: i, speaker: d.speaker, form: 'subject', outletPhrase: d.outlet, strong: true });
      continue;
    }
    // `"…," came the reply from Bob Quill`: a noun of speech after the quote names the speaker
    if ((isQuote(toks[i - 1]) || ((isComma(toks[i - 1]) || isDash(toks[i - 1])) && isQuote(toks[i - 2])))) {
      const nominal = nominalAfterQuote(toks, i) ?? foreignAfterQuote(toks, i);
      if (nominal) {
        if (nominal.speaker) out.push(nominal);
        // (the noun is no verb of its own: "came the swift reply" has no subject "came the swift")
        i = Math.max(nominal.cueEnd, nominal.speaker?.to ?? -1);
        continue;
      }
    }
    const v = speechVerb(t.lo);
    if (!v) continue;
    // a capitalised verb mid-sentence is a name ("Tell", "Said"), except in a title-case headline
    if (isCapWord(t) && i > 0 && !isQuote(toks[i - 1]) && !titleCase) continue;
    const prev = toks[i - 1];
    const next = toks[i + 1];
    // a noun before the verb it heads: "the Post report claims", "his tweet says"
    if (t.lo === v.lemma && isWord(next) && /(s|ed)$/.test(next.lo) && speechVerb(next.lo)) continue;
    // a plural noun coordinated with another: "with speeches and promises to …", "threats and warnings"
    if (/s$/.test(t.lo) && isWord(prev) && /^(and|or)$/.test(prev.lo) && isWord(toks[i - 2]) && /[^s]s$/.test(toks[i - 2]!.lo) && !isCapWord(toks[i - 2]) && !speechVerb(toks[i - 2]!.lo) && !AUX.has(toks[i - 2]!.lo) && !BE.has(toks[i - 2]!.lo)) continue;
    // nouns: "the report", "his claim", "a call"
    // a noun compound: "the ferry report", "his campaign promise", "the 95 minute rant" — a base form after a
    // singular noun that follows its determiner is a noun too (a verb there would need "-s": "the plan works")
    if (t.lo === v.lemma && NOUN_CUES.test(t.lo) && nounCompound(toks, i)) continue;
    // ("she’s told that …" is a passive)
    if (t.lo === 'told' && contractedSubject(prev, /^s$/)) continue;
    // ("he’s said" is a pronoun and "has", no possessive)
    if (isWord(prev) && (isDeterminer(prev.lo) || (/[’']s$/.test(prev.t) && !contractedSubject(prev, /^s$/))) && !/^(that|one|all|both|some|many|several|two|three|few|most|other|each|this|these|those)$/.test(prev.lo)) continue;
    // "Calder was quoted as saying …", `"…," Calder is quoted as saying.`: words the subject is on record with
    // (the one passive that attributes them to its subject)
    if (t.lo === 'quoted' && toks[i + 1]?.lo === 'as' && isWord(toks[i + 2]) && /^(saying|telling|writing|stating|declaring|remarking|adding)$/.test(toks[i + 2]!.lo) && !negated(toks, i)) {
      const sp = subjectBefore(toks, beforeAuxiliaries(toks, i - 1));
      if (sp) out.push({ cue: `${t.t} as ${toks[i + 2]!.t}`, cueIndex: i, cueEnd: i + 2, speaker: sp, form: 'subject', outletPhrase: null, strong: true });
      i += 2;
      continue;
    }
    // "Calder is reported to have said that …", "was alleged to have told aides …": the subject's words, at second hand
    if (/^(said|told|written|claimed|warned|boasted|remarked|declared|promised)$/.test(t.lo) && prev?.lo === 'have' && toks[i - 2]?.lo === 'to' && isWord(toks[i - 3]) && /^(reported|alleged|said|understood|known|rumou?red)$/.test(toks[i - 3]!.lo) && isWord(toks[i - 4]) && BE.has(toks[i - 4]!.lo) && !negated(toks, i - 3)) {
      const sp = subjectBefore(toks, beforeAuxiliaries(toks, i - 4));
      if (sp) out.push({ cue: toks.slice(i - 3, i + 1).map((x) => x.t).join(' '), cueIndex: i, cueEnd: i, speaker: sp, form: 'subject', outletPhrase: null, strong: true });
      continue;
    }
    // passive: "was told", "is said to"
    if (isWord(prev) && BE.has(prev.lo) && /(ed|told|said|written|spoken)$/.test(t.lo) && t.lo !== 'added') continue;
    // negated: "has not confirmed", "did not say", "never said" report no words
    if (negated(toks, i)) continue;
    // "who asked not to be named", "speaking on condition of anonymity": the terms of anonymity are no words of
    // the source's; the cue still reports a clause or a quote that follows them ("said on condition of anonymity that …")
    const anon = anonymityEnd(toks, i + 1);
    if (anon >= 0) {
      const nx = toks[anon + 1];
      const opens = (x: Token | undefined): boolean => isQuote(x) || (isWord(x) && x.lo === 'that') || (x?.k === 'p' && x.t === ':');
      if (!opens(nx) && !(isComma(nx) && opens(toks[anon + 2]))) continue;
    }
    // "a group called “Ports First” met …", "an app called 'Harbour Watch'": naming a thing, not words said
    // ("The group, called “Ports First,” met …", "Quill, called “the Ferryman” by locals, said …")
    if (t.lo === 'called' && next !== undefined && isQuote(next) && nameLike(next.t) && ((isWord(prev) && !isCapWord(prev) && isWord(toks[i - 2]) && isDeterminer(toks[i - 2]!.lo) && !PRONOUNS.has(prev.lo) && !onlyPunctFrom(toks, i + 2)) || (isComma(prev) && (isComma(toks[i + 2]) || toks[i + 2]?.lo === 'by' || /,\s*["'”’»]+$/.test(next.t))))) continue;
    const isIng = /ing$/.test(t.lo);
    let cue = t.t;
    let cueEnd = i;
    const particles = requiredParticles(v.lemma);
    // "expressed (deep) concern that …": the stance noun and its clause are what was said
    const stance = v.lemma === 'express' ? stanceNounAt(toks, i + 1) : -1;
    if (stance >= 0) {
      cue = toks.slice(i, stance + 1).map((x) => x.t).join(' ');
      cueEnd = stance;
    } else if (particles !== undefined) {
      if ((isWord(next) && particles.includes(next.lo)) || (v.lemma === 'call' && namedThenQuote(toks, i + 1))) {
        if (isWord(next) && /^(out|for|on|to|as|back)$/.test(next.lo)) {
          cue = `${t.t} ${next.t}`;
          cueEnd = i + 1;
        }
      } else if (!isQuote(next) && !(next?.k === 'p' && /^[:,]$/.test(next.t) && isQuote(toks[i + 2])) && !(next?.k === 'p' && next.t === ':') && !isQuote(prev) && !(isComma(prev) && isQuote(toks[i - 2]))) {
        // `"…," the article read.`: the subject stands between the quote and the verb
        const sp = subjectBefore(toks, skipAdverbials(toks, i - 1));
        let k = sp ? sp.from - 1 : -1;
        // ("“…,” a tweet from Calder read": the document the name wrote stands between the quote and the name)
        if (sp && toks[k]?.lo === 'from' && isWord(toks[k - 1]) && DOC_NOUNS.test(toks[k - 1]!.lo) && isWord(toks[k - 2]) && isDeterminer(toks[k - 2]!.lo)) k -= 3;
        const afterQuote = sp && (isQuote(toks[k]) || (isComma(toks[k]) && isQuote(toks[k - 1])));
        // "Stated Stone:" — an inverted cue opening a sentence that introduces the next words
        const introInverted = i === 0 && toks.slice(i + 1, i + 8).some((x) => x.k === 'p' && x.t === ':');
        // a bare base form ("state", "call") after a noun is more often a noun itself, unless it closes the sentence
        const closes = onlyPunctFrom(toks, i + 1);
        if (!afterQuote && !introInverted || (t.lo === v.lemma && !closes)) continue;
      }
    }
    // "state Sen. Jason Holsman", "press secretary": a bare base form before a title or name modifies it
    if (particles !== undefined && t.lo === v.lemma && (isCapWord(next) || (isWord(next) && ROLE_WORDS.has(next.lo)))) continue;
    if (isWord(next) && next.lo === 'in' && isWord(toks[i + 2]) && /^(a|an)$/.test(toks[i + 2]!.lo) && isWord(toks[i + 3]) && /^(statement|interview|tweet|post|letter|email|speech|op-ed|column|memo|note)$/.test(toks[i + 3]!.lo)) {
      cue = `${t.t} in ${toks[i + 2]!.t} ${toks[i + 3]!.t}`;
      // the phrase is part of the cue, not of the words it reports ("said in a statement: …")
      cueEnd = i + 3;
    }
    // infinitive: "went on to say" keeps the subject of "went"; other infinitives ("declined to say") are no cue
    let subjEnd = i - 1;
    // "he’s said", "they’ve told", "she’d warned": a pronoun and its auxiliary in one token are the subject
    // ("it’s said" is a passive; "he’s told" may be one too: only "have"/"had" there)
    let contracted = -1;
    if (isWord(prev) && prev.lo === 'to') {
      const a = toks[i - 2];
      const b = toks[i - 3];
      if (isWord(a) && a.lo === 'on' && isWord(b) && /^(went|goes|go|going)$/.test(b.lo)) {
        cue = `${b.t} on to ${t.t}`;
        subjEnd = i - 4;
      } else if (isWord(a) && /^(continued|continues|proceeded|used|appeared|seemed)$/.test(a.lo)) {
        cue = `${a.t} to ${t.t}`;
        subjEnd = i - 3;
      } else if (expletiveJudgement(toks, i - 2)) {
        continue;
      } else if (!isIng && t.lo === v.lemma && /^(say|tell|argue|insist|warn|claim|announce|declare|explain|ask|urge|suggest|predict|promise|tweet|write|acknowledge|admit|complain|note|call)$/.test(v.lemma) && (v.lemma !== 'call' || (isWord(next) && /^(for|on)$/.test(next.lo))) && isWord(a) && !INTENT_ONLY.test(a.lo) && !negated(toks, i - 1) && next !== undefined && (next.k !== 'p' || /^[,:]$/.test(next.t))) {
        // a purpose or likelihood infinitive reports speech ("stood up at the event to say he was leaning …",
        // "more likely to say they preferred …", "was prompted to say, "…""), spoken by the subject of the
        // verb it depends on, else by the sentence's subject; an intention or a refusal does not ("declined to
        // say", "wants to say", "hard to say")
        let k = i - 3;
        while (k >= 0 && isWord(toks[k]) && (AUX.has(toks[k]!.lo) || BE.has(toks[k]!.lo) || /^(more|most|less|so|as|very|slightly|much|far|likely|also)$/.test(toks[k]!.lo) || (/ly$/.test(toks[k]!.lo) && !isCapWord(toks[k])))) k--;
        const own = k < i - 3 && k >= 0 ? subjectBefore(toks, k) : null;
        if (own && own.from < own.to && /^(that|so|and|but)$/.test(toks[own.from]!.lo)) own.from++;
        out.push({ cue: `to ${cue}`, cueIndex: i, cueEnd, speaker: own, form: own ? 'subject' : 'participle', outletPhrase: null, strong: !v.weak });
        continue;
      } else continue;
    }
    // participle: ", saying …" / ", adding …": the subject of the main clause speaks
    if (isIng) {
      // ("footage of Trump saying during the debate last week, “…”": a time or place may stand before the quote)
      const timeThenQuote = (): boolean => {
        let k = i + 1;
        while (k < toks.length && k - i <= 8 && isWord(toks[k]) && !speechVerb(toks[k]!.lo) && !/^(that|he|she|they|we|it|i)$/.test(toks[k]!.lo)) k++;
        return k > i + 1 && /^(during|at|in|on|after|before|last|this|outside|from|to)$/.test(toks[i + 1]!.lo) && isComma(toks[k]) && isQuote(toks[k + 1]);
      };
      // "The town released a statement (Wednesday) saying …": the document's words are its sender's
      const sentBy = sentDocumentBefore(toks, i - 1);
      if (sentBy >= 0) {
        // (the sender is the subject of "released", not whatever opens the sentence: "Shortly after …, McConnell issued")
        const sender = subjectBefore(toks, skipAdverbials(toks, sentBy - 1));
        out.push({ cue, cueIndex: i, cueEnd, speaker: sender, form: sender ? 'subject' : 'participle', outletPhrase: null, strong: !v.weak });
        continue;
      }
      const introducesQuote = isQuote(next) || (next?.k === 'p' && /^[,:]$/.test(next.t) && isQuote(toks[i + 2])) || (isWord(next) && OBJECT_PRONOUNS.has(next.lo) && toks[i + 2]?.k === 'p' && isQuote(toks[i + 3])) || timeThenQuote();
      if (introducesQuote && isWord(prev) && !isComma(prev) && !/^(and|while|before|after|by|when|without|then|also)$/.test(prev.lo)) {
        // "footage of Jo Reed asking, "…"": the phrase before the participle speaks
        const sp = subjectBefore(toks, i - 1);
        if (sp) {
          out.push({ cue, cueIndex: i, cueEnd, speaker: sp, form: 'subject', outletPhrase: null, strong: !v.weak });
          continue;
        }
      }
      if (isComma(prev) || isDash(prev) || (isWord(prev) && /^(and|while|before|after|by|when|without|then|also)$/.test(prev.lo))) {
        out.push({ cue, cueIndex: i, cueEnd, speaker: null, form: 'participle', outletPhrase: null, strong: !v.weak });
        continue;
      }
      // progressive: "are (now) reporting"; "He’s (now) predicting": the subject with its auxiliary
      const aux = skipAdverbials(toks, i - 1);
      if (!(isWord(toks[aux]) && BE.has(toks[aux]!.lo))) {
        if (!contractedSubject(toks[aux], /^(s|re|m)$/)) continue;
        contracted = aux;
      }
      subjEnd = aux - 1;
    }
    let outletPhrase: { from: number; to: number } | null = null;
    if (/^(told|tells|tell|telling)$/.test(t.lo)) outletPhrase = outletAfter(toks, i + 1);
    const before = skipAdverbials(toks, subjEnd);
    if (contracted < 0 && !isIng && /(ed|said|told|written|wrote)$/.test(t.lo) && contractedSubject(toks[before], t.lo === 'told' ? /^(ve|d)$/ : /^(s|ve|d)$/)) contracted = before;
    if (contracted >= 0) {
      const c = toks[contracted]!;
      const stem = c.t.replace(/['’]\p{L}+$/u, '');
      const as = stem.toLowerCase();
      out.push({ cue, cueIndex: i, cueEnd, speaker: { from: contracted, to: contracted }, form: 'subject', outletPhrase: outletPhrase ?? shift(governedOutlet(toks.slice(cueEnd + 1, cueEnd + 13)), cueEnd + 1), strong: !v.weak, pronoun: { written: stem, as } });
      continue;
    }
    // coordinated verbs: "X has remained defiant and tweeted …", "X offered a job, then says …" — X is the subject of both
    const coordinated = (isWord(toks[before]) && /^(and|but)$/.test(toks[before]!.lo) && !isCapWord(toks[before - 1])) || (isComma(toks[before]) && isWord(toks[before + 1]) && toks[before + 1]!.lo === 'then');
    // a relative clause: "Tom Pike, who said he would …" — the name before "who" speaks
    let relative = isWord(toks[before]) && toks[before]!.lo === 'who' && isComma(toks[before - 1]) ? subjectBefore(toks, before - 1) : null;
    // (`"…," said one former skipper, who said …`: the inverted speaker phrase the relative clause hangs on)
    if (!relative && isWord(toks[before]) && toks[before]!.lo === 'who') {
      const host = out.find((a) => a.form === 'inverted' && a.speaker && (a.speaker.to === before - 1 || (a.speaker.to === before - 2 && isComma(toks[before - 1]))));
      if (host) relative = { ...host.speaker! };
    }
    // "A draft reviewed by Reuters says …", "The memo, obtained by the Post, said …": the document speaks
    const doc = relative || coordinated ? null : documentBefore(toks, before);
    const speaker = quantified(toks, before, relative ?? (coordinated ? subjectAtStart(toks, before) : doc?.speaker ?? subjectBefore(toks, before)));
    // inverted: `"…," said X` / `…, said X.` (only where no subject stands before the verb)
    const invertedPlace = isQuote(prev) || (isComma(prev) && isQuote(toks[i - 2])) || i === 0 || (isComma(prev) && !speaker);
    if (invertedPlace && !isIng) {
      const from = i + 1;
      const nx = toks[from];
      let to = scanRightNP(toks, from);
      // `"…," said Nina Dale, a fisher, who said the ferry …`: a relative clause with a cue of its own reports
      // words of its own (the relative's attribution and its passage), and is no part of the speaker phrase
      for (let k = from + 1; k <= to; k++) {
        if (toks[k]!.lo !== 'who' && toks[k]!.lo !== 'and') continue;
        let v = k + 1;
        while (isWord(toks[v]) && (AUX.has(toks[v]!.lo) || toks[v]!.t === 'long' || /^\p{Ll}+ly$/u.test(toks[v]!.t))) v++;
        const sv = isWord(toks[v]) ? speechVerb(toks[v]!.lo) : null;
        // (only a verb that reports a clause, and no object after it: "who advised the campaign", "who has
        // predicted every election" describe the person, as PolNeAR's speaker spans keep them)
        if (!sv || !CLAUSE_CUES.has(sv.lemma) || /ing$/.test(toks[v]!.lo) || (!/^(say|add|argue|claim|insist|warn|contend|maintain|assert|complain|agree|allege|declare|believe|caution)$/.test(sv.lemma) && isWord(toks[v + 1]) && isDeterminer(toks[v + 1]!.lo) && toks[v + 1]!.lo !== 'that')) continue;
        if (toks[k]!.lo === 'and' && !toks.slice(from, k).some((x) => x.lo === 'who')) continue;
        to = k - 1;
        while (to > from && (toks[to]!.k === 'p' || /^(and|but)$/.test(toks[to]!.lo))) to--;
        break;
      }
      if (to >= from && isWord(nx) && !STOP.has(nx.lo) && !AUX.has(nx.lo) && !DAYS.test(nx.lo) && !OBJECT_PRONOUNS.has(nx.lo) && nx.lo !== 'it') {
        const headEnd = Math.min(to, npHeadEnd(toks, from, to));
        const hasCap = toks.slice(from, headEnd + 1).some((x) => isCapWord(x));
        const okStart = isCapWord(nx) || isDeterminer(nx.lo) || PRONOUNS.has(nx.lo) || isPersonNoun(nx.lo) || hasCap;
        // `"…," said one, a retired teacher.` / `"…," added another.`: one of the people just described speaks —
        // someone, but not the speaker before (speakers.ts keeps the apposition, or no name at all)
        const oneOf = /^(one|another)$/.test(nx.lo) && headEnd === from && isQuote(toks[i - 1]) || (/^(one|another)$/.test(nx.lo) && headEnd === from && isComma(prev) && isQuote(toks[i - 2]));
        if ((okStart && plausibleSpeaker(toks, from, headEnd)) || oneOf) {
          // ("…, says a memo obtained by the Post."): the document speaks, the outlet reports
          const d = documentSplit(toks, from, to);
          out.push({ cue, cueIndex: i, cueEnd, speaker: d ? d.speaker : { from, to }, form: 'inverted', outletPhrase: outletPhrase ?? d?.outlet ?? shift(governedOutlet(toks.slice(cueEnd + 1, cueEnd + 13)), cueEnd + 1), strong: !v.weak });
          continue;
        }
      }
    }
    if (!speaker) continue;
    const govOutlet = outletPhrase ?? doc?.outlet ?? (() => {
      const g = governedOutlet(toks.slice(cueEnd + 1, cueEnd + 13));
      if (g) return shift(g, cueEnd + 1);
      // "Speaking to the BBC, Ortiz said …", "In an interview with the Gazette, Ortiz said …"
      const introFrom = Math.max(0, speaker.from - 12);
      const before = toks.slice(introFrom, speaker.from);
      if (before.some((t) => t.k === 'w' && /^(speaking|talking|interview|told)$/.test(t.lo))) {
        const b = governedOutlet(before);
        if (b) return shift(b, introFrom);
      }
      // "In a letter obtained by CNN, Ortiz wrote …": the outlet that obtained the words reports them (only
      // an introduction closed by the outlet, not "citing a report published by the Times, Ortiz said")
      if (isComma(toks[speaker.from - 1])) {
        for (let k = speaker.from - 3; k >= introFrom; k--) {
          const p = obtainedPrep(toks, k);
          const o = p >= 0 ? outletAfter(toks, p + 1) : null;
          if (o && o.to === speaker.from - 2) return o;
        }
      }
      return null;
    })();
    const attribution: Attribution = { cue, cueIndex: i, cueEnd, speaker, form: 'subject', outletPhrase: govOutlet, strong: !v.weak };
    if (relative) relatives.push(attribution);
    out.push(attribution);
  }
  // "Okafor, who said he votes Liberal, said …": the relative clause ends where the main verb's subject phrase does
  for (const r of relatives) {
    const main = out.find((b) => b !== r && b.form === 'subject' && b.speaker && b.speaker.from <= r.speaker!.from && b.speaker.to >= r.cueIndex && isComma(toks[b.speaker.to + 1]));
    if (main) r.relativeEnd = main.speaker!.to + 1;
  }
  return out;
}

function shift(r: { from: number; to: number } | null, by: number): { from: number; to: number } | null {
  return r ? { from: r.from + by, to: r.to + by } : null;
}

/** The end of the head part of a right-scanned phrase (before its apposition). */
function npHeadEnd(toks: readonly Token[], from: number, to: number): number {
  for (let k = from; k <= to; k++) if (toks[k]!.k === 'p' || toks[k]!.k === 'q') return k - 1;
  return to;
}

/**
 * "According to Ann Vale, the harbourmaster, the wall …" / "According to the harbourmaster, Ann
 * Vale, the wall …": an apposition set off by commas belongs to the speaker phrase (the role, or
 * the name), not to what was said. Only a short segment closed by a second comma that is a role
 * (a determiner and a person or role noun last) or a name (capitalised words after a description),
 * so "According to Ann Vale, the wall, built in 1900, is failing" keeps "the wall" as content.
 */
function withApposition(toks: readonly Token[], from: number, to: number): number {
  if (to < from || !isComma(toks[to + 1])) return to;
  const start = to + 2;
  let end = start;
  while (end < toks.length && toks[end]!.k === 'w' && end - start < 6) end++;
  if (end === start || !isComma(toks[end])) return to;
  const seg = toks.slice(start, end);
  const isRole = isDeterminer(seg[0]!.lo) && seg.length >= 2 && seg.slice(1).every((w) => !isCapWord(w) || ROLE_WORDS.has(w.lo)) && isRoleNoun(seg[seg.length - 1]!.lo);
  const firstIsDescription = isDeterminer(toks[from]!.lo) && isRoleNoun(toks[to]!.lo);
  const isName = firstIsDescription && seg.length <= 3 && seg.every((w) => isCapWord(w));
  // "According to Smith, the tower, which was built in 1900, is failing": a segment followed by a relative
  // clause on a thing, or (opening the sentence, where the words follow) by anything that cannot open a
  // clause ("the tower, built in 1900, …"), is the subject of the words; the role shape ("-er") fits "tower"
  const nx = toks[end + 1];
  if (isWord(nx) && /^(which|that|where)$/.test(nx.lo)) return to;
  const opening = toks.slice(0, Math.max(0, from - 2)).every((t) => t.k !== 'w');
  const opensClause = !isWord(nx) || isCapWord(nx) || isDeterminer(nx.lo) || PRONOUNS.has(nx.lo) || /^(there|here)$/.test(nx.lo) || /^\d/.test(nx.t);
  if ((isRole || isName) && opening && !opensClause) return to;
  // "According to a memo, obtained by the Post, the agency …": the participle and its outlet
  const p = obtainedPrep(toks, start);
  const obtained = p >= 0 && outletAfter(toks, p + 1)?.to === end - 1;
  return isRole || isName || obtained ? end - 1 : to;
}

/**
 * Participles by which a document reaches a newsroom: "a memo obtained by the Post", "documents seen
 * by the BBC", "an email shared with CNN", "a draft provided to Reuters", "made available to". The
 * outlet after them reports the document's words; it did not write them.
 */
const OBTAINED = /^(seen|obtained|reviewed|viewed|examined|read|acquired|inspected|published|released|shared|provided|leaked|sent|given|shown|passed|supplied|forwarded|handed|made|reported|broadcast|aired)$/;
/** An adverb before or after such a participle: "exclusively obtained by", "seen first by", "made available to". */
const OBTAINED_MOD = /^(first|exclusively|independently|jointly|separately|also|later|earlier|partially|available)$/;

/**
 * If the word at `k` opens "obtained by" / "shared with" / "leaked to" (an adverb may stand between),
 * the index of the preposition, else -1. "made" only as "made available to".
 */
function obtainedPrep(toks: readonly Token[], k: number): number {
  const t = toks[k];
  if (!isWord(t) || !OBTAINED.test(t.lo)) return -1;
  let p = k + 1;
  if (isWord(toks[p]) && OBTAINED_MOD.test(toks[p]!.lo)) p++;
  if (t.lo === 'made' && toks[p - 1]?.lo !== 'available') return -1;
  return isWord(toks[p]) && /^(by|with|to)$/.test(toks[p]!.lo) ? p : -1;
}

/**
 * The last token of the document phrase before an obtaining participle at `k`: past an adverb before
 * it ("exclusively obtained") and the comma that sets it off ("the memo, obtained by …"), or -1.
 */
function documentEnd(toks: readonly Token[], k: number, from: number): number {
  let e = k - 1;
  if (isWord(toks[e]) && (OBTAINED_MOD.test(toks[e]!.lo) || /ly$/.test(toks[e]!.lo)) && e > from) e--;
  if (isComma(toks[e])) e--;
  return e >= from && isWord(toks[e]) ? e : -1;
}

/**
 * A source phrase that is a document an outlet obtained ("a council report seen by the Gazette",
 * "a copy obtained by the Associated Press"): the document is the speaker, the outlet (recognised by
 * outlets.ts, and ending the phrase) the outlet. "A report seen by thousands of people" names no
 * outlet and stays one phrase.
 */
function documentSplit(toks: readonly Token[], from: number, to: number): { speaker: { from: number; to: number }; outlet: { from: number; to: number } } | null {
  for (let k = from + 1; k < to; k++) {
    const p = obtainedPrep(toks, k);
    if (p < 0) continue;
    const o = outletAfter(toks, p + 1);
    if (!o || o.to !== to) continue;
    const e = documentEnd(toks, k, from);
    return e >= 0 ? { speaker: { from, to: e }, outlet: o } : null;
  }
  return null;
}

/**
 * The subject before a verb at `j` when it is such a document: "A draft reviewed by Reuters (says)",
 * "Documents seen by the BBC (show)", "The memo, obtained by the Post, (said)". Before, the outlet
 * alone was taken for the speaker, or nothing was found ("seen" is no -ed participle).
 */
function documentBefore(toks: readonly Token[], j: number): { speaker: { from: number; to: number }; outlet: { from: number; to: number } } | null {
  const setOff = isComma(toks[j]);
  const e = setOff ? j - 1 : j;
  if (!isWord(toks[e])) return null;
  for (let p = e - 1; p >= 1 && e - p <= 6; p--) {
    if (!isWord(toks[p])) return null;
    if (!/^(by|with|to)$/.test(toks[p]!.lo)) continue;
    const o = outletAfter(toks, p + 1);
    if (!o || o.to !== e) return null;
    let k = p - 1;
    if (isWord(toks[k]) && OBTAINED_MOD.test(toks[k]!.lo) && obtainedPrep(toks, k - 1) === p) k--;
    if (obtainedPrep(toks, k) !== p) return null;
    // a set-off participle needs its opening comma: "The memo, obtained by the Post, said"
    if (setOff && !isComma(toks[k - 1]) && !(isComma(toks[k - 2]) && isWord(toks[k - 1]) && /ly$|^(first|exclusively)$/.test(toks[k - 1]!.lo))) return null;
    const d = documentEnd(toks, k, 0);
    const s = d >= 0 ? subjectBefore(toks, d) : null;
    return s ? { speaker: s, outlet: o } : null;
  }
  return null;
}

/** A noun for a person by what they do: known ones, and the shapes of the rest ("harbourmaster"). */
function isRoleNoun(w: string): boolean {
  return looksLikePersonNoun(w) || ROLE_WORDS.has(w) || /(?:ee|ess)$/.test(w);
}

/** A short phrase after "according to": up to a comma or the end. */
function scanRightNPShort(toks: readonly Token[], from: number): number {
  let j = from;
  let last = -1;
  while (j < toks.length && toks[j]!.k === 'w' && j - from < 14) {
    last = j;
    j++;
  }
  return last;
}
