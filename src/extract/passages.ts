/**
 * Quoted passages and reported clauses inside one sentence: which quotations are someone's words (not
 * scare quotes or titles), which pieces of an interrupted quote belong together, which attribution
 * governs a sentence of reported speech, and which words it reports.
 */
import type { Attribution } from './attribution.js';
import { wordCount, type QuoteSpan } from './quote-spans.js';
import { speechVerb } from './cues.js';
import { isCapWord, onlyPunctFrom, type Token } from './tokens.js';

export function normQuote(q: string): string {
  return q.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export function innerText(text: string, q: QuoteSpan): string {
  return text.slice(q.innerStart, q.innerEnd);
}

export function joinQuotes(text: string, toks: readonly Token[], idx: readonly number[]): string {
  return idx
    .map((i) => innerText(text, toks[i]!.quote!).trim().replace(/[,\s]+$/, ''))
    .filter(Boolean)
    .join(' ');
}

export function phrase(text: string, toks: readonly Token[], r: { from: number; to: number }): string {
  return text.slice(toks[r.from]!.start, toks[r.to]!.end);
}

/** A quotation that is someone's words, not a scare quote, a title or a nickname. */
export function isRealQuote(text: string, toks: readonly Token[], i: number, attrs: readonly Attribution[]): boolean {
  const q = toks[i]!.quote!;
  const inner = innerText(text, q);
  const words = wordCount(text, q.innerStart, q.innerEnd);
  if (words === 0) return false;
  const prev = toks[i - 1];
  const next = toks[i + 1];
  const sentenceLike = /[.?!,]\s*$/.test(inner) || words >= 6;
  // right after a cue or a colon, or opening the sentence: an utterance
  if (!prev || prev.k === 'p' && /^[:,(-]$|^--$/.test(prev.t)) {
    if (sentenceLike || !next || next.k === 'p') return true;
  }
  if (prev && attrs.some((a) => a.cueIndex === i - 1 || a.cueEnd === i - 1 || a.outletPhrase?.to === i - 1)) return true;
  // a title or nickname: capitalised words, short (“Salt and Silt”, “Sleepy Harbour”)
  const caps = inner.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w)).length;
  if (words <= 6 && caps >= Math.ceil(words * 0.6) && !/[.?!,]$/.test(inner)) return false;
  return words >= 4 || sentenceLike;
}

/**
 * Quotes after the attribution that continue the first: `"A," he said, "B."` — but not a quote that a
 * further clause introduces (`"A," he said, adding later, "B."`), which is its own passage.
 */
export function continuationQuotes(toks: readonly Token[], real: readonly number[], a: Attribution | null): number[] {
  if (!a) return [];
  const out: number[] = [];
  let end = Math.max(a.cueEnd, a.speaker?.to ?? -1, a.outletPhrase?.to ?? -1);
  for (const i of real) {
    if (i <= end) continue;
    // only time words may stand between: `"A," Reed told the Gazette on Wednesday, "but B."`
    const between = toks.slice(end + 1, i).filter((t) => t.k === 'w');
    // (a hearer's name may stand there too: "Reed told Harbour Radio on Wednesday, "…"")
    if (between.length > 5 || between.some((t) => !isCapWord(t) && !/^(on|in|at|last|this|that|late|early|later|earlier|then|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|night|morning|afternoon|evening|week|month|year|again)$/.test(t.lo))) break;
    out.push(i);
    end = i;
  }
  return out;
}

/** `"…" - Jane Doe`: a quote signed with a dash and a name, as in testimonials and epigraphs. */
export function bylineAfter(toks: readonly Token[], qi: number): Attribution | null {
  const dash = toks[qi + 1];
  if (!dash || dash.k !== 'p' || !/^(-|--|\u2014|\u2013|\u2015)$/.test(dash.t)) return null;
  const from = qi + 2;
  let to = from;
  while (to < toks.length && toks[to]!.k === 'w' && (isCapWord(toks[to]) || toks[to]!.t.length <= 3)) to++;
  if (to === from || !isCapWord(toks[from])) return null;
  // the name must end the sentence, or a short role after a comma ("- Ruth Calder, county engineer")
  let end = to;
  if (toks[to]?.k === 'p' && toks[to]!.t === ',') {
    let r = to + 1;
    while (r < toks.length && toks[r]!.k === 'w' && r - to <= 8) r++;
    if (r > to + 1 && r - to <= 8) end = r;
  }
  if (!onlyPunctFrom(toks, end)) return null;
  return { cue: '-', cueIndex: qi + 1, cueEnd: qi + 1, speaker: { from, to: end - 1 }, form: 'subject', outletPhrase: null, strong: true };
}

/** Whether attribution `a` follows the quote token at `qi` directly (after a comma or dash). */
export function adjacentAfter(toks: readonly Token[], qi: number, a: Attribution): boolean {
  let k = qi + 1;
  while (toks[k] && toks[k]!.k === 'p' && /^[,-]$|^--$/.test(toks[k]!.t)) k++;
  if (a.form === 'inverted') return a.cueIndex === k;
  if (a.form === 'subject' && a.speaker) return a.speaker.from === k;
  return false;
}

/**
 * The attribution right after a quote, with its speaker phrase widened back to the quote when only
 * modifiers stand between (`"…," Trump's senior communications adviser Jason Miller said`).
 */
export function attributionAfter(toks: readonly Token[], qi: number, attrs: readonly Attribution[]): Attribution | null {
  const exact = attrs.find((a) => a.speaker && adjacentAfter(toks, qi, a));
  if (exact) return exact;
  let k = qi + 1;
  while (toks[k] && toks[k]!.k === 'p' && /^[,-]$|^--$/.test(toks[k]!.t)) k++;
  for (const a of attrs) {
    if (a.form !== 'subject' || !a.speaker || a.speaker.from <= k || a.speaker.from - k > 5) continue;
    let ok = true;
    for (let j = k; j < a.speaker.from; j++) {
      const t = toks[j]!;
      if (t.k !== 'w' || /^(and|but|or|that|which|who|when|as|while|because|if|so|then|is|was|are|were|has|have|had)$/.test(t.lo)) ok = false;
    }
    if (ok) return { ...a, speaker: { from: k, to: a.speaker.to } };
  }
  return null;
}

const DAY_OR_ADVERB = /^(on|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|last|week|night|morning|afternoon|evening|earlier|later|recently|privately|publicly)$/;

/** The attribution that governs a sentence of reported speech. */
export function pickClauseAttribution(attrs: readonly Attribution[], toks: readonly Token[]): Attribution | null {
  void toks;
  const verbs = attrs.filter((a) => a.form !== 'according' && a.form !== 'participle' && a.speaker);
  // "According to AP, Trump boasted …": the source governs the reported clause, unless the sentence
  // closes with its own attribution ("According to the Post, …, officials said")
  const lead = attrs.find((a) => a.form === 'according' && a.cueIndex === firstWordIndex(toks));
  if (lead) {
    const closing = verbs.find((a) => a.speaker!.from > Math.max(lead.speaker!.to, lead.outletPhrase?.to ?? -1) && toks.slice(a.cueEnd + 1, a.cueEnd + 8).every((t) => t.k === 'p' || DAY_OR_ADVERB.test(t.lo)) && a.cueEnd + 8 >= toks.length);
    return closing ?? lead;
  }
  // "Reed promised to clean up the harbour, Pike said.": an attribution closing the sentence governs the words before it
  const closing = verbs.find((a) => a.form === 'subject' && a.speaker!.from > 2 && toks[a.speaker!.from - 1]?.k === 'p' && toks[a.speaker!.from - 1]!.t === ',' && a.cueEnd + 8 >= toks.length && toks.slice(a.cueEnd + 1).every((t) => t.k === 'p' || DAY_OR_ADVERB.test(t.lo)));
  if (closing && verbs.some((a) => a !== closing && a.cueIndex < closing.speaker!.from)) return closing;
  if (verbs.length > 0) return verbs.find((a) => a.strong) ?? verbs[0] ?? null;
  return attrs.find((a) => a.form === 'according') ?? attrs.find((a) => a.form === 'participle') ?? null;
}

const PAREN_TIME = /^(on|in|at|last|this|late|early|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|week|weekend|month|year|night|morning|afternoon|evening|earlier|later|recently|again|also)$/;

/** The reported clause of an attribution: after "X said (that)", or before ", X said". */
export function clauseOf(toks: readonly Token[], a: Attribution): { from: number; to: number; gap?: { from: number; to: number } } | null {
  const lastTok = lastWordOrQuote(toks);
  if (a.form === 'according') {
    // (the source phrase ends with its outlet: "according to a memo obtained by the Post")
    const spEnd = Math.max(a.speaker!.to, a.outletPhrase?.to ?? -1);
    // "According to X, …" reports what follows; "…, according to X" what precedes
    if (a.cueIndex === firstWordIndex(toks) && spEnd < lastTok - 1) {
      let k = spEnd + 1;
      while (toks[k] && toks[k]!.k === 'p') k++;
      return k <= lastTok ? { from: k, to: lastTok } : null;
    }
    const end = a.cueIndex - 1;
    return end >= 0 ? trimRange(toks, 0, end) : null;
  }
  if (a.form === 'inverted') {
    return a.cueIndex > 0 ? trimRange(toks, 0, a.cueIndex - 1) : null;
  }
  const start = a.form === 'participle' ? a.cueIndex : a.speaker!.from;
  let k = Math.max(a.cueEnd, a.outletPhrase?.to ?? -1) + 1;
  // "told reporters", "told him": the hearer is not part of the clause
  // ("told Reuters the walls were …": an outlet already was the hearer)
  if (!(a.outletPhrase && a.outletPhrase.to === k - 1) && toks[k]?.k === 'w' && /^(me|him|her|them|us|you|reporters|journalists|supporters|lawmakers|the)$/i.test(toks[k]!.lo) && /^(told|tells|tell|telling|assured|reminded|warned|urged|informed)$/i.test(toks[a.cueIndex]!.lo)) {
    if (toks[k]!.lo === 'the') k++;
    k++;
  }
  // "told anyone who would listen that …", "told everyone willing to hear that …": the hearer with its
  // relative clause is not part of what was said; the words start after the "that" it ends at
  if (/^(told|tells|tell|telling|assured|reminded|warned|informed)$/i.test(toks[a.cueIndex]!.lo) && toks[k]?.k === 'w' && /^(anyone|anybody|everyone|everybody|someone|somebody|those|people|whoever)$/.test(toks[k]!.lo) && toks[k + 1]?.k === 'w' && /^(who|willing|prepared|ready|that)$/.test(toks[k + 1]!.lo)) {
    for (let j = k + 2; j <= k + 10 && j < toks.length - 1; j++) {
      const w = toks[j]!;
      if (w.k !== 'w') break;
      if (w.lo === 'that' && j > k + 2) {
        k = j;
        break;
      }
    }
  }
  // "said it at public meetings that …", "has said it publicly that …": an "it" that only anticipates the
  // "that" clause after a circumstance is no object of the cue
  if (toks[k]?.k === 'w' && toks[k]!.lo === 'it' && toks[k + 1]?.k === 'w' && /^(at|in|on|to|during|before|again|often|repeatedly|publicly|openly|loudly|many|more|time|over|for)$/.test(toks[k + 1]!.lo) && /^(said|says|say|saying|told|tells|tell|telling|wrote|writes|write|argued|argues|claimed|claims)$/.test(toks[a.cueIndex]!.lo)) {
    const that = toks.findIndex((x, i) => i > k + 1 && i <= k + 9 && x.k === 'w' && x.lo === 'that');
    // (not a relative clause on the circumstance: "said it in a way that made people laugh")
    const subj = toks[that + 1];
    if (that > 0 && toks.slice(k + 1, that).every((x) => x.k === 'w' && !/^(way|manner|tone|voice|fashion|style)$/.test(x.lo)) && subj?.k === 'w' && (isCapWord(subj) || /^(the|a|an|he|she|they|we|i|you|it|this|these|those|his|her|their|our|my|its|there|no|every|all|some)$/.test(subj.lo))) k = that;
  }
  // a parenthetical attribution inside the clause: "If it is small, the campaign said, it may wait"
  // ("Reed won the harbour vote, the Gazette declared on Thursday, two days after …": a time may stand before the second comma)
  let kc = k;
  while (kc - k < 4 && toks[kc]?.k === 'w' && PAREN_TIME.test(toks[kc]!.lo)) kc++;
  if (kc > k && toks[kc]?.k === 'p' && toks[kc]!.t === ',' && toks[start - 1]?.k === 'p' && toks[start - 1]!.t === ',' && start - firstWordIndex(toks) >= 4) k = kc;
  const paren = a.form === 'subject' && start > 1 && toks[start - 1]?.k === 'p' && toks[start - 1]!.t === ',' && toks[k]?.k === 'p' && toks[k]!.t === ',';
  while (toks[k] && (toks[k]!.k === 'p' || toks[k]!.lo === 'that' && toks[k + 1]?.k !== 'p' && !relativeThat(toks[k + 1]))) k++;
  // ("The port will close, the board said on Monday, a blow to the town": a noun phrase after the parenthetical
  // attribution is the writer's apposition, and the words are only the clause before it)
  if (paren && toks[k]?.k === 'w' && /^(a|an)$/.test(toks[k]!.lo) && clauseStartAt(toks, k, lastTok, false, false, false) < 0) {
    const before = trimRange(toks, firstWordIndex(toks), start - 1);
    if (before) return before;
  }
  if (paren && k <= lastTok && lastTok - k >= 1) {
    const before = trimRange(toks, firstWordIndex(toks), start - 1);
    if (before) return { from: before.from, to: lastTok, gap: { from: start, to: k - 1 } };
  }
  if (a.relativeEnd !== undefined && a.relativeEnd - 1 > k) return { from: k, to: a.relativeEnd - 1 };
  // "The ferry will run, Pike said on Monday in Harwich.": only circumstance after the cue, the clause stands before
  const tailOnly = a.form === 'subject' && start > 1 && toks[start - 1]?.k === 'p' && toks[start - 1]!.t === ',' && toks[k]?.k === 'w' && (PAREN_TIME.test(toks[k]!.lo) || /^(during|after|before|to|with|from|via|through|while|when|as)$/.test(toks[k]!.lo)) && reportedClauseStart(toks, k, lastTok) < 0;
  if (tailOnly) {
    const before = trimRange(toks, firstWordIndex(toks), start - 1);
    if (before) return before;
  }
  // ("Asked if he was bullied, Quill said no.": the answer is the words, not the question before it)
  if (k === lastTok && toks[k]!.k === 'w' && /^(yes|no|so)$/.test(toks[k]!.lo) && a.form === 'subject') return { from: k, to: k };
  // (a quote alone is a clause: "said that “…”")
  if (k <= lastTok && (lastTok - k >= 1 || toks[k]!.k === 'q')) return { from: k, to: subordinateEnd(toks, start, k, lastTok) };
  // nothing after the cue: the clause stands before the speaker — when the speaker is set off from it,
  // not joined by a conjunction ("Police found that A, but the firm denied it": A is the police's finding)
  // (", he and Jo Reed said" is one subject of two: only a conjunction after a comma opens a clause of its own)
  if (start > 0 && !(toks[start - 1]?.k === 'w' && /^(but|and|or|yet|while|although|though|whereas)$/.test(toks[start - 1]!.lo) && toks[start - 2]?.k === 'p' && toks[start - 2]!.t === ',')) return trimRange(toks, 0, start - 1);
  return null;
}

/** Words that open a subordinate clause before the main one: "While Calder has said …, she …". */
const SUBORDINATOR = /^(while|although|though|if|when|whenever|because|since|after|before|once|unless|whereas|until)$/;

/**
 * The last token of words reported inside a fronted subordinate clause: in "While Calder has said she will
 * fight, the board must decide …" Calder said only "she will fight"; the main clause after the comma is the
 * writer's. `start` is the speaker's first token, `from` the first reported token; `to` when the speaker
 * does not open such a clause or no main clause (a subject and its verb) follows a comma.
 */
function subordinateEnd(toks: readonly Token[], start: number, from: number, to: number): number {
  let s = start - 1;
  if (toks[s]?.lo === 'though' && toks[s - 1]?.lo === 'even') s--;
  if (s !== firstWordIndex(toks) || !SUBORDINATOR.test(toks[start - 1]?.lo ?? '')) return to;
  for (let c = from + 1; c < to; c++) {
    const t = toks[c]!;
    if (t.k !== 'p' || t.t !== ',') continue;
    const next = toks[c + 1];
    if (next?.k === 'w' && !COMPLEMENTIZER.test(next.lo) && !/^(and|or|but|then)$/.test(next.lo) && clauseStartAt(toks, c + 1, to, false, false, false) === c + 1) return c - 1;
  }
  return to;
}

/** Nouns by which a writer sums up a reported claim in apposition: ", a claim the firm denies". */
const SUMMARY_NOUNS = /^(claim|charge|allegation|accusation|assertion|contention|suggestion|view|position|figure|estimate|number|account|version|characterization|description|statement|argument|prediction|promise|pledge|remark|comment)$/;

/**
 * The comma where the writer's own addition to a reported clause begins, or -1: ", a claim the firm
 * denies", ", an allegation disputed by …", ", despite a report that …", ", in spite of …",
 * ", notwithstanding …". These are the reporter's framing of the words, not the words, and taken as
 * part of them they turn the speaker's claim into its denial ("said A, despite a report that B").
 */
export function writerAddition(toks: readonly Token[], from: number, to: number): number {
  for (let k = from + 2; k < to; k++) {
    const t = toks[k]!;
    if (t.k !== 'p' || t.t !== ',') continue;
    const a = toks[k + 1];
    const b = toks[k + 2];
    if (a?.k !== 'w') continue;
    if (/^(despite|notwithstanding)$/.test(a.lo) || (a.lo === 'in' && b?.lo === 'spite')) return k;
    if (/^(a|an)$/.test(a.lo) && b?.k === 'w' && SUMMARY_NOUNS.test(b.lo)) return k;
  }
  return -1;
}

/**
 * In a relative clause that has no main verb after it — a photo caption, "Mayor Ruth Calder, who said
 * the board had done nothing wrong, at the town hall in May." — the comma before the trailing
 * circumstance (a preposition phrase running to the end with no verb), or -1.
 */
export function captionTail(toks: readonly Token[], from: number, to: number): number {
  for (let k = to - 1; k > from + 1; k--) {
    const t = toks[k]!;
    if (t.k !== 'p' || t.t !== ',') continue;
    const a = toks[k + 1];
    if (a?.k !== 'w' || !/^(at|in|on|during|outside|inside|near|after|before|with|beside|alongside)$/.test(a.lo)) return -1;
    // (a caption names a place or a time: "at the town hall in May"; "sparingly, in emergencies" is still the words)
    if (!toks.slice(k + 2, to + 1).some((w) => w.k === 'w' && (isCapWord(w) || /^(\d{4}|today|yesterday|week|month|year|morning|afternoon|evening|night)$/.test(w.lo)))) return -1;
    for (let j = k + 2; j <= to; j++) {
      const w = toks[j]!;
      if (w.k === 'q' || (w.k === 'w' && !isCapWord(w) && (FINITE.test(w.lo) || /n[’']t$/.test(w.lo) || /^\p{Ll}+ed$/u.test(w.t) || speechLike(w.lo)))) return -1;
    }
    return k;
  }
  return -1;
}

export function firstWordIndex(toks: readonly Token[]): number {
  let i = 0;
  while (i < toks.length && toks[i]!.k === 'p') i++;
  return i;
}

function lastWordOrQuote(toks: readonly Token[]): number {
  let i = toks.length - 1;
  while (i >= 0 && toks[i]!.k === 'p') i--;
  return i;
}

function trimRange(toks: readonly Token[], from: number, to: number): { from: number; to: number } | null {
  while (from <= to && toks[from]!.k === 'p') from++;
  while (to >= from && toks[to]!.k === 'p') to--;
  return to - from >= 1 ? { from, to } : null;
}

/**
 * A further quote in a sentence whose first quote is already attributed, introduced by a cue of its own:
 * `"A," Trump said, adding later, "B."` or `"A," Blige sings before asking her, "B?"`. Returns the quote
 * token, the attribution introducing it and the token where that passage starts.
 */
export function secondPassage(text: string, toks: readonly Token[], real: readonly number[], included: readonly number[], attrs: readonly Attribution[], first: Attribution): { quote: number; attribution: Attribution; from: number } | null {
  const after = Math.max(included[included.length - 1]!, first.cueEnd, first.speaker?.to ?? -1, first.outletPhrase?.to ?? -1);
  for (const qx of real) {
    if (qx <= after) continue;
    if (!/[,.?!-]\s*$/.test(innerText(text, toks[qx]!.quote!)) && !onlyPunctFrom(toks, qx + 1)) continue;
    for (const a of attrs) {
      if (a === first || a.cueIndex <= after || a.cueIndex >= qx) continue;
      if (a.form !== 'participle' && !a.speaker) continue;
      // only a hearer (at most three words) and a comma or colon between the cue and the quote
      const between = toks.slice(Math.max(a.cueEnd, a.outletPhrase?.to ?? -1, a.form === 'inverted' ? a.speaker?.to ?? -1 : -1) + 1, qx);
      if (between.filter((t) => t.k === 'w').length > 3 || between.some((t) => t.k === 'q')) continue;
      const from = a.form === 'subject' && a.speaker ? Math.min(a.speaker.from, a.cueIndex) : a.cueIndex;
      if (from <= after) continue;
      return { quote: qx, attribution: a, from };
    }
    // `"A," said X, before translating: "B."`: what the speaker went on to do, then their words
    const colon = toks[qx - 1];
    if (colon?.k === 'p' && colon.t === ':') {
      for (let c = qx - 2; c > after + 1 && c >= qx - 4; c--) {
        const w = toks[c]!;
        if (w.k !== 'w') break;
        const lead = toks[c - 1];
        if (/^\p{Ll}+ing$/u.test(w.t) && lead?.k === 'w' && /^(before|after|then)$/.test(lead.lo) && toks[c - 2]?.k === 'p' && toks[c - 2]!.t === ',') {
          return { quote: qx, attribution: { cue: w.t, cueIndex: c, cueEnd: c, speaker: null, form: 'participle', outletPhrase: null, strong: true }, from: c - 1 };
        }
      }
    }
  }
  return null;
}

/**
 * A later reported clause with its own cue after the sentence's first attribution: a participle
 * ("…, adding that B"), a coordinated verb ("… and warned that B") or a new clause with its own subject
 * ("…, and officials said B"). Returns its attribution, the token where its passage starts, and its clause.
 */
export function laterClause(toks: readonly Token[], first: Attribution, attrs: readonly Attribution[], speechAct: (lemma: string) => boolean = () => true): { attribution: Attribution; from: number; clause: { from: number; to: number } } | null {
  // "According to AP, Trump boasted …": the verbs inside a reported clause are what is reported
  if (first.form === 'according') return null;
  const firstEnd = Math.max(first.cueEnd, first.speaker?.to ?? -1, first.outletPhrase?.to ?? -1);
  for (const a of attrs) {
    if (a === first || a.cueIndex <= firstEnd + 1 || a.form === 'according' || a.form === 'inverted') continue;
    const prev = toks[a.cueIndex - 1];
    const joins = (t: Token | undefined): boolean => t !== undefined && ((t.k === 'p' && t.t === ',') || (t.k === 'w' && /^(and|but|while)$/.test(t.lo)));
    let from = -1;
    if (a.form === 'participle') {
      if (joins(prev)) from = a.cueIndex;
    } else if (a.speaker) {
      if (a.speaker.from > firstEnd && joins(toks[a.speaker.from - 1])) from = a.speaker.from;
      else if (a.speaker.to < firstEnd && prev?.k === 'w' && /^(and|but)$/.test(prev.lo)) from = a.cueIndex;
      // "Okafor, who said A, said B": the main verb after the relative clause
      else if (first.relativeEnd !== undefined && a.speaker.to === first.relativeEnd - 1) from = a.cueIndex;
      // `"…," said Nina Dale, a fisher, who said B`: the relative clause after an inverted speaker
      else if (first.form === 'inverted' && a.speaker.from === first.speaker?.from && toks[a.cueIndex - 1]?.lo === 'who' && a.cueIndex - 1 > first.speaker.to) from = a.cueIndex - 1;
    }
    if (from < 0) continue;
    const clause = clauseOf(toks, a);
    if (!clause || clause.from <= a.cueEnd || clause.to - clause.from < 2) continue;
    // a weak cue with only an object ("…, repeating a complaint she made") reports no words, unless a speech act
    const v = speechVerb(toks[a.cueIndex]!.lo);
    if (!a.strong && v && !speechAct(v.lemma) && reportedClauseStart(toks, clause.from, clause.to) < 0) continue;
    return { attribution: a, from, clause };
  }
  return null;
}

/** The words of a clause range, leaving out a parenthetical attribution inside it. */
export function clauseText(text: string, toks: readonly Token[], c: { from: number; to: number; gap?: { from: number; to: number } }): string {
  const piece = (from: number, to: number): string => (to >= from ? text.slice(toks[from]!.start, toks[to]!.end) : '');
  const parts = c.gap ? [piece(c.from, c.gap.from - 1), piece(c.gap.to + 1, c.to)] : [piece(c.from, c.to)];
  return parts.map((p) => p.replace(/^[\s,:"']+|[\s,:]+$/g, '')).filter(Boolean).join(' ');
}

/** Past or present forms that read as a verb after "and" ("… and said", "… and added", "… and warns"). */
function speechLike(lo: string): boolean {
  return speechVerb(lo) !== null;
}

const COMPLEMENTIZER = /^(that|how|whether|why|what|if|who|whom|when|where|which|whoever|whatever)$/;
const SUBJECT_PRONOUN = /^(i|he|she|we|they|there|(i|he|she|we|they|it|there|that|you)[’'](s|d|ll|re|ve|m))$/;
const FINITE = /^(is|was|are|were|am|has|have|had|will|would|could|can|may|might|should|must|shall|do|does|did|cannot|[’']s|made|took|gave|got|went|came|saw|knew|thought|told|said|left|kept|held|won|lost|ran|met|paid|sent|spent|built|meant|felt|brought|bought|fought|sought|taught|caught|found|became|began|broke|chose|drove|fell|grew|hid|led|let|put|rose|sat|set|shot|shut|sold|spoke|stood|stole|struck|swore|threw|understood|wrote)$/;
/** Present-tense verbs after a plural or named subject ("officials say", "voters want"). */
const PRESENT = /^(say|want|need|know|think|believe|expect|plan|hope|remain|seem|appear|mean|intend|support|oppose|agree|feel|see|like|prefer|favor|favour|trust|worry|fear|face|lack|deserve|get|go|come|make|take|give|keep|continue|stand|look|run|win|lose)$/;
const PREPOSITIONS = /^(about|of|on|for|against|to|with|at|over|into|from|by|in|after|before|during|amid|across|through|toward|towards|upon|under|behind|around|without|within|despite|between|among|like)$/;
/** Words of time and circumstance that may stand between a cue and its clause ("said Tuesday (that) …"). */
const CIRCUMSTANCE = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|week|weekend|month|year|morning|afternoon|evening|night|statement|interview|letter|email|speech|tweet|post|video|message|briefing|conference|call|hearing|rally|event|quarter|season|spring|summer|fall|autumn|winter|earlier|later|recently|again|also|publicly|privately|repeatedly|previously|once|then|now)$/;
/** Lengths of time after "for": "said for weeks", "for a year". */
const PERIOD = /^(weeks|months|years|days|decades|hours|year|month|week|decade|while|time|ages|now)$/;
/** Modifiers of a time noun: "last week", "this month", "late Tuesday". */
const TIME_MODIFIER = /^(last|this|next|late|early|that|each|every)$/;
/** Nouns ending in -ing: "denied wrongdoing" has no verb of its own. */
const ING_NOUNS = /^(wrongdoing|anything|something|nothing|everything|funding|meeting|building|hearing|briefing|spending|ruling|shooting|bombing|training|warning|wedding|evening|morning|setting|thing|king|spring|string|ring|being|bidding|reporting|polling|leaking|timing|offering|ceiling|feeling|finding|landing|opening|rating|standing|understanding|wording|writing|saying|dealing|killing|crossing|housing|trading|voting|uprising|ending|beginning|ongoing|following|upcoming|sweeping|striking|surprising|stunning|shocking|alarming|growing|rising|leading|ruling|outgoing|incoming|sitting|acting|governing|longstanding|troubling|disturbing|damning|damaging|misleading|outstanding|interesting|amazing|lasting|bring)$/;

/** Nouns that take a "that" clause of their own: "denied the report that …" does not report "…" as the speaker's words. */
const CONTENT_NOUNS = /^(reports?|claims?|story|stories|allegations?|accusations?|charges?|rumou?rs?|ideas?|notion|suggestions?|assertions?|arguments?|news|fact|evidence|possibility|belief|view|sense|impression|message|suspicion|speculation|theory|conclusion|finding|findings|notions?|premise|characterization|account|accounts|reporting|article|piece|assessment|insinuation|implication|contention|statement|statements|comment|comments|remarks?|warning|warnings|promise|pledge|assurance|assurances)$/;
/** Prepositions of circumstance (time, place, channel) that may stand between a cue and a distant "that". */
const CIRCUMSTANCE_PREP = /^(on|in|at|during|after|before|since|through|via|over|outside|inside|from|to|with|for|earlier|later|last|this|late|early|twice|again|repeatedly|however|also|privately|publicly)$/;

/**
 * After a relative clause opening at `from` ("that used to be considered a tackle now draws"): the index of
 * the main clause's verb, a finite auxiliary or present-tense verb after the relative clause's own verb, or -1.
 */
function mainVerbAfterRelative(toks: readonly Token[], from: number, to: number): number {
  let own = -1;
  for (let k = from; k <= to && k - from <= 14; k++) {
    const t = toks[k]!;
    if (t.k !== 'w') return -1;
    const verb = FINITE.test(t.lo) || /n[’']t$/.test(t.lo) || /^\p{Ll}+(ed|s)$/u.test(t.t) && !/(ss|us|is)$/.test(t.lo) || PRESENT.test(t.lo);
    if (own < 0) {
      if (verb) own = k;
      continue;
    }
    if (k > own + 1 && (/^(is|was|are|were|has|have|had|will|would|could|can|may|might|should|must|does|did|do)$/.test(t.lo) || /n[’']t$/.test(t.lo) || (/^\p{Ll}+s$/u.test(t.t) && !/(ss|us|is)$/.test(t.lo) && !/s$/.test(toks[k - 1]!.lo) && /^\p{Ll}+$/u.test(toks[k - 1]!.t) && /ly$|^(now|still|also|already|never|always|only)$/.test(toks[k - 1]!.lo)))) return k;
  }
  return -1;
}

/** "the crowd that gathered", "the staff that has": "that" followed by a verb is a relative pronoun. */
function relativeThat(nx: Token | undefined): boolean {
  return nx?.k === 'w' && (FINITE.test(nx.lo) || /n[’']t$/.test(nx.lo) || /^\p{Ll}+ed$/u.test(nx.t) || /^(would|should|could|can|will|may|might|must)$/.test(nx.lo));
}

/**
 * A "that" clause a few words after the cue, past the hearer or a circumstance: "told a crowd in Harwich
 * on Tuesday that …", "explained through a spokesman that …", "wrote the local paper, The Dale Courier, that
 * …", "said on Twitter, as it happens, that …". Not past a noun that takes a clause of its own ("denied
 * the report that …" reports no words of the speaker), not after a topic ("boasted about the man that he
 * …": a relative clause), and not when "that" is a relative pronoun ("told the crowd that gathered").
 */
function distantThat(toks: readonly Token[], i: number, to: number, hearerVerb: boolean): number {
  const first = toks[i]!;
  const hearer = hearerVerb && first.k === 'w' && (isCapWord(first) || /^(the|a|an|his|her|their|its|our|me|him|her|us|them|you|reporters|supporters|voters|members|delegates|donors|lawmakers|students|friends|attendees|listeners|viewers|readers|audiences?|crowds?|colleagues)$/.test(first.lo));
  if (!hearer && !CIRCUMSTANCE_PREP.test(first.lo) && !(first.k === 'p')) return -1;
  for (let k = i + 1; k <= to && k - i <= 14; k++) {
    const t = toks[k]!;
    if (t.k === 'q') return -1;
    if (t.k === 'p') {
      if (/^[,\u2014\u2013-]$|^--$/.test(t.t)) continue;
      return -1;
    }
    if (t.lo === 'that') {
      const nx = toks[k + 1];
      if (!nx || k + 1 > to || nx.k !== 'w') return -1;
      return relativeThat(nx) ? -1 : k + 1;
    }
    if (CONTENT_NOUNS.test(t.lo) || COMPLEMENTIZER.test(t.lo) || FINITE.test(t.lo) || speechLike(t.lo) || /^(and|or|but|about|of|who|which|he|she|they|we|i|it)$/.test(t.lo)) return -1;
  }
  return -1;
}

/**
 * Whether the words a cue reports are a clause (reported speech) rather than the verb's object:
 * "denied the story outright" and "boasted about the intelligence he had" report nothing, "said the
 * claim was false", "said (that) …", "tweeted he had …", "urged voters to …", "proposed eliminating …"
 * do. A clause opens with a complementizer, a colon, quoted words, an infinitive or gerund, or a
 * subject followed by its own verb.
 */
export function reportedClauseStart(toks: readonly Token[], from: number, to: number, hearerVerb = false, warning = false, quotesOpen = true): number {
  const start = clauseStartAt(toks, from, to, hearerVerb, warning, quotesOpen);
  return start >= 0 ? start : fronted(toks, from, to) ? from : -1;
}

/** Words that open an adverbial clause or phrase fronted in the reported words ("despite …, she plans …"). */
const FRONTED_OPENER = /^(despite|if|unless|although|though|while|because|when|whenever|once|given|even|regardless|absent|barring|until)$/;

/**
 * A reported clause that opens with a fronted adverbial set off by a comma: "says despite all that, Obama
 * wasn't influenced", "said if turnout is high, he would win", "says, win or lose on Tuesday, he's staying".
 * The adverbial is part of the words (PolNeAR's spans keep it), and what follows its comma must be a clause
 * by itself: a subject and its verb.
 */
function fronted(toks: readonly Token[], from: number, to: number): boolean {
  const first = toks[from];
  if (first?.k !== 'w') return false;
  const setOff = toks[from - 1]?.k === 'p' && toks[from - 1]!.t === ',';
  if (!setOff && !FRONTED_OPENER.test(first.lo)) return false;
  // (after a comma only an aside that opens like one: not a preposition, a conjunction or a participle —
  // "responded, with ads …", "remark, inserted in …", "cited, and another …")
  if (setOff && !FRONTED_OPENER.test(first.lo) && (PREPOSITIONS.test(first.lo) || /^(and|or|but|nor|so|as|which|who|whose|where|the|a|an|his|her|their|its)$/.test(first.lo) || /^\p{Ll}+(ed|ing)$/u.test(first.t))) return false;
  for (let k = from + 1; k <= to && k - from <= 14; k++) {
    const t = toks[k]!;
    if (t.k === 'q') return false;
    if (t.k === 'p') {
      if (t.t !== ',') return false;
      const next = toks[k + 1];
      // (the part after the comma is a clause of its own: a subject and its verb, no "that", no second comma list)
      // (an aside of names is an apposition: "report, Ari Vale, said …")
      if (setOff && toks.slice(from, k).every((x) => isCapWord(x))) return false;
      return k - from >= 1 && next?.k === 'w' && !COMPLEMENTIZER.test(next.lo) && !FINITE.test(next.lo) && !speechLike(next.lo) && !/^\p{Ll}+(ed|ing)$/u.test(next.t) && clauseStartAt(toks, k + 1, to, false, false, false) === k + 1;
    }
    // (an aside set off without a subordinator is short and verbless: "win or lose in the primary")
    if (!setOff || FRONTED_OPENER.test(first.lo)) continue;
    if (FINITE.test(t.lo) || /n[’']t$/.test(t.lo)) return false;
  }
  return false;
}

function clauseStartAt(toks: readonly Token[], from: number, to: number, hearerVerb: boolean, warning: boolean, quotesOpen: boolean): number {
  // "said no", "said yes", "said so": an answer of one word is what was said
  if (from === to && toks[from]?.k === 'w' && /^(yes|no|so)$/.test(toks[from]!.lo)) return from;
  const prev = toks[from - 1];
  if (prev && ((prev.k === 'p' && prev.t === ':') || (prev.k === 'w' && COMPLEMENTIZER.test(prev.lo)))) return from;
  // (quoted words make the whole a clause, unless the caller only wants where the clause starts before them)
  if (quotesOpen) for (let k = from; k <= to; k++) if (toks[k]!.k === 'q') return from;
  let i = from;
  // "on Tuesday", "in a statement", "last week", "Monday night": circumstance before the clause
  for (let guard = 0; guard < 4 && i <= to; guard++) {
    const t = toks[i]!;
    if (t.k === 'p') {
      i++;
      continue;
    }
    if (CIRCUMSTANCE.test(t.lo)) {
      i++;
      continue;
    }
    // ("each year of education yields …": a time noun with "of" after it heads the clause's subject)
    if (TIME_MODIFIER.test(t.lo) && toks[i + 1]?.k === 'w' && CIRCUMSTANCE.test(toks[i + 1]!.lo) && toks[i + 2]?.lo !== 'of') {
      i += 2;
      continue;
    }
    if (/^\p{Ll}+ly$/u.test(t.t) && !/^(only|early|daily|family|ally|likely)$/.test(t.lo)) {
      i++;
      continue;
    }
    // "said after the convention he …", "says in Ohio that …": a time or place, then the clause
    if (/^(on|in|at|during|after|before|since|following|outside|inside|with|to|as|without|under)$/.test(t.lo)) {
      let j = i + 1;
      while (j <= to && j - i <= 9 && toks[j]!.k !== 'q' && !(toks[j]!.k === 'w' && (COMPLEMENTIZER.test(toks[j]!.lo) || SUBJECT_PRONOUN.test(toks[j]!.lo)))) j++;
      if (j <= to && j - i <= 9 && toks[j]!.k === 'w' && (!/^(with|to|as|without|under)$/.test(t.lo) || toks[j]!.lo === 'that') && toks.slice(i + 1, j).every((x) => x.k === 'w' || x.t === ',')) return toks[j]!.lo === 'that' ? j + 1 : j;
    }
    // "said for weeks (that) he's …", "has said for months …"
    if (t.lo === 'for' && toks[i + 1]?.k === 'w' && PERIOD.test(toks[i + 1]!.lo)) {
      i += 2;
      continue;
    }
    if (t.lo === 'for' && toks[i + 1]?.k === 'w' && /^(a|the|several|many|some|two|three|four|five)$/.test(toks[i + 1]!.lo) && toks[i + 2]?.k === 'w' && PERIOD.test(toks[i + 2]!.lo)) {
      i += 3;
      continue;
    }
    if (/^(on|in|at|during|after|before|late|early)$/.test(t.lo)) {
      let j = i + 1;
      while (j <= to && j - i <= 3 && toks[j]!.k === 'w' && !CIRCUMSTANCE.test(toks[j]!.lo)) j++;
      if (j <= to && toks[j]!.k === 'w' && CIRCUMSTANCE.test(toks[j]!.lo)) {
        i = j + 1;
        continue;
      }
    }
    break;
  }
  const first = toks[i];
  if (!first || i > to || first.k !== 'w') return -1;
  // "told the crowd that gathered …": a relative clause on the hearer, not a clause of the cue
  // ("said that was a mistake": "that" is the clause's subject)
  if (first.lo === 'that' && relativeThat(toks[i + 1])) return toks[i - 1]?.k === 'w' && !speechLike(toks[i - 1]!.lo) ? -1 : i;
  if (COMPLEMENTIZER.test(first.lo) || SUBJECT_PRONOUN.test(first.lo)) return first.lo === 'that' && i < to ? i + 1 : i;
  const distant = distantThat(toks, i, to, hearerVerb);
  if (distant >= 0) return distant;
  // an infinitive or a gerund with its object: "vowed to repeal …", "proposed eliminating the tax"
  if (first.lo === 'to' && toks[i + 1]?.k === 'w' && !isCapWord(toks[i + 1]) && !/^(the|a|an|his|her|their|its|our|my|your|this|that|these|those)$/.test(toks[i + 1]!.lo)) return i;
  // (not a participle after a comma: "told the crowd, repeating a complaint" is the writer's clause, with a cue of its own)
  if (/^\p{Ll}+ing$/u.test(first.t) && !ING_NOUNS.test(first.lo) && i < to && toks[i + 1]!.k === 'w' && !(toks[i - 1]?.k === 'p' && toks[i - 1]!.t === ',')) return i;
  if (first.lo === 'not' && toks[i + 1]?.lo === 'to') return i;
  // a hearer, then the clause: "told himself that …", "warned voters that …"
  // ("said her family asked …": "her" before a noun is a possessive, not the hearer)
  const possessive = first.lo === 'her' && toks[i + 1]?.k === 'w' && !COMPLEMENTIZER.test(toks[i + 1]!.lo) && !SUBJECT_PRONOUN.test(toks[i + 1]!.lo) && toks[i + 1]!.lo !== 'to';
  if ((/^(me|him|her|us|them|you|myself|himself|herself|ourselves|themselves|reporters|supporters|voters)$/.test(first.lo) && !possessive) || hearerVerb) {
    for (let k = i + 1; k <= to && k - i <= 8; k++) {
      const t = toks[k]!;
      if (t.k !== 'w') break;
      // "told Reuters the walls were unsafe and that repairs …": a verb before "that" means the clause has begun,
      // and "and that" coordinates a second clause with it
      if (t.lo === 'that' && /^(and|or)$/.test(toks[k - 1]!.lo) && toks.slice(i, k).some((x) => x.k === 'w' && (FINITE.test(x.lo) || /n[’']t$/.test(x.lo)))) {
        // ("warned voters the walls were unsafe and that …": the hearer is no part of it)
        if (/^(me|him|us|them|you|reporters|supporters|voters)$/.test(first.lo)) return i + 1;
        break;
      }
      // "told The Star-Ledger of Newark last week she would …": the hearer, a time, then the clause
      if (k - i > 1 && SUBJECT_PRONOUN.test(t.lo) && (CIRCUMSTANCE.test(toks[k - 1]!.lo) || isCapWord(toks[k - 1]))) return k;
      if (t.lo === 'that' && relativeThat(toks[k + 1])) return -1;
      if (t.lo === 'that' || (COMPLEMENTIZER.test(t.lo) && t.lo !== 'which')) return t.lo === 'that' ? k + 1 : k;
      if (k > i && t.lo === 'to' && toks[k + 1]?.k === 'w') return i;
      // "tells voters she's with them": the hearer, then a clause with its own subject
      if (SUBJECT_PRONOUN.test(t.lo) && (/^(me|him|her|us|them|you|reporters|supporters|voters)$/.test(toks[k - 1]!.lo) || (/^\p{Ll}{3,}s$/u.test(toks[k - 1]!.t) && !/^(was|has|this|thus|his|its|yes|less|unless|across|perhaps|always|sometimes|afterwards|towards|besides)$/.test(toks[k - 1]!.lo)))) return k;
    }
  }
  const npStart = i;
  // a quantity opening the subject: "about 20 people have …"
  if (/^(about|nearly|almost|roughly|around|over|some|more|fewer|less|at)$/.test(first.lo) && /^(\d[\d,.%]*|than|least|one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?|half)$/.test(toks[i + 1]?.lo ?? '')) i += 1;
  else if (PREPOSITIONS.test(first.lo)) {
    // "spoke about how the consulate had been taken over", "asked about whether …": an indirect question is reported
    const wh = toks[i + 1];
    if (/^(about|on|of|over)$/.test(first.lo) && wh?.k === 'w' && /^(how|why|whether|what|who|when|where)$/.test(wh.lo) && i + 2 <= to) return i + 1;
    // "warned of the global implications …", "warned against …": a warning names what it warns of
    if (warning && /^(of|against|about)$/.test(first.lo) && i + 1 <= to) return i + 1;
    return -1;
  }
  // a subject noun phrase, then a finite verb (or "… to" + verb: "urged Republicans to join") before the
  // phrase is cut off by a relative clause ("the intelligence he had")
  for (let k = i; k <= to && k - i <= 16; k++) {
    const t = toks[k]!;
    // "Israel, a major US ally, was …", "the program, run by the agency, has …": an insertion
    if (t.k === 'p' && t.t === ',' && toks[k - 1]?.k === 'w') {
      let c = k + 1;
      while (c <= to && c - k <= 12 && !(toks[c]!.k === 'p')) c++;
      if (c <= to && toks[c]!.t === ',' && c > k + 1) {
        k = c;
        continue;
      }
    }
    if (t.k !== 'w') return -1;
    if (k === i) {
      if (first.lo === 'it' || first.lo === 'you') {
        let n = toks[k + 1];
        if (n?.k === 'w' && /^\p{Ll}+ly$/u.test(n.t)) n = toks[k + 2];
        return n?.k === 'w' && (FINITE.test(n.lo) || /n[’']t$/.test(n.lo) || /^\p{Ll}+(s|ed)$/u.test(n.t)) ? i : -1;
      }
      continue;
    }
    // "denied the rumour and said …": a second verb of the cue's own subject, not the object's verb
    if (/^(and|or)$/.test(toks[k - 1]!.lo) && (FINITE.test(t.lo) || /^\p{Ll}+(ed|s)$/u.test(t.t) && !isCapWord(t) && speechLike(t.lo))) return -1;
    if (FINITE.test(t.lo) || /n[’']t$/.test(t.lo) || /^\p{Ll}+ed$/u.test(t.t)) return npStart;
    if (t.lo === 'to' && toks[k + 1]?.k === 'w' && !isCapWord(toks[k + 1]) && !/^(the|a|an|his|her|their|its|our|my|your|this|that|these|those)$/.test(toks[k + 1]!.lo)) return npStart;
    // (prepositions and "and" may join a longer subject: "the credibility of the council was", "Reed and her aides have")
    // a relative clause inside the subject ("a hit that used to be a tackle now draws …", "one candidate he
    // likes is …") needs the main verb after it; "the intelligence he had" has none and reports nothing
    if (/^(he|she|they|we|it|that|which|who)$/.test(t.lo) && toks[k - 1]!.k === 'w' && !isCapWord(toks[k - 1]) && !PREPOSITIONS.test(toks[k - 1]!.lo) && !/^(and|or|but|the|a|an)$/.test(toks[k - 1]!.lo)) {
      const main = mainVerbAfterRelative(toks, k + 1, to);
      if (main >= 0) return npStart;
      return -1;
    }
    if (/^(he|she|they|we|i|you|it|that|which|who|whom|whose|what|but)$/.test(t.lo)) return -1;
    const before = toks[k - 1]!;
    // a present-tense verb after a name or a plural head ("Reed hopes", "officials say"), or after a
    // singular noun ("the plan works"), not a plural noun after its modifier
    if (PRESENT.test(t.lo) && /s$/.test(before.lo) && !PREPOSITIONS.test(before.lo)) return npStart;
    // an adverb that stands only before a verb, after a plural head: "officers still scrutinize", "prices now stand"
    if (k > i && /^(still|also|now|already|never|often|always|rarely|seldom|usually|sometimes|really|actually)$/.test(t.lo) && /^\p{Ll}{3,}s$/u.test(before.t) && !/(ss|us|is)$/.test(before.lo) && !PREPOSITIONS.test(before.lo) && toks[k + 1]?.k === 'w' && /^\p{Ll}+$/u.test(toks[k + 1]!.t) && !isDeterminerLike(toks[k + 1]!.lo)) return npStart;
    if (/^\p{Ll}+s$/u.test(t.t) && !/(ss|us|is)$/.test(t.lo) && !/s$/.test(before.lo) && !/^(the|a|an|this|that|his|her|its|their|our|my|your|of|for|on|in|at|with|from|by|about|to|between|among|more|most|some|many|few|several|all|both|two|three|four|five|new|top|senior|former|u\.s|us|american|federal|state|local|white|black)$/.test(before.lo) && (isCapWord(before) || k > i + 1 || !/^(the|a|an)$/.test(first.lo))) return npStart;
  }
  return -1;
}

function isDeterminerLike(lo: string): boolean {
  return /^(the|a|an|this|that|these|those|his|her|their|its|our|my|your|some|any|no|every|each|more|less|than|as|in|on|at|of|for|to|with|from|by|and|or|but)$/.test(lo);
}

/** Whether the words a cue reports are a clause: see reportedClauseStart. */
export function reportsClause(toks: readonly Token[], from: number, to: number, hearerVerb = false): boolean {
  return reportedClauseStart(toks, from, to, hearerVerb) >= 0;
}
