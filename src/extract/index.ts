/**
 * factbot extraction: Article → Statement[] (synchronous, pure, fast).
 *
 * Paragraph by paragraph: quote spans → sentences (never split inside a quote) → tokens with quotes folded
 * → attributions (cue + speaker phrase) → kind, quoted words, speaker resolved through coreference,
 * outlet. Context carries across sentences and paragraphs: a quote-only sentence or paragraph belongs to
 * the speaker before it; a quote left open continues in the next paragraph; a paragraph introduced with
 * "said in a statement:" is that speaker's words.
 */
import type { Article } from '../domain/article.js';
import type { Statement, StatementKind } from '../domain/statement.js';
import { findAttributions, scanLeftNP, subjectAtStart, type Attribution } from './attribution.js';
import { speechVerb } from './cues.js';
import { EntityTracker, type Entity } from './coreference.js';
import { HONORIFICS, isOrgNoun, parseMention, ROLE_WORDS, type ParsedMention } from './names.js';
import { findOutletMentions, outletFromPhrase } from './outlets.js';
import { findQuoteSpans, wordCount, type QuoteSpan } from './quote-spans.js';
import { splitSentences } from './sentences.js';
import { isCapWord, tokenize, type Token } from './tokens.js';
import { registerNames } from './mentions.js';

export { splitSentences } from './sentences.js';
export { findQuoteSpans } from './quote-spans.js';

interface Resolved {
  speaker: string | null;
  mention: string | null;
  role: string | null;
  entity: Entity | null;
  /** The speaker is itself an outlet ("the Post reported"). */
  outlet: string | null;
  /** The cue that attributed the words first, for quotes that continue them. */
  cue?: string | null;
}

interface Carry {
  resolved: Resolved;
  cue: string | null;
  outlet: string | null;
  paragraph: number;
  sentence: number;
}

/** Nouns of reports and documents: "a new Washington Post report claims" is the Post speaking. */
const REPORT_NOUNS = /^(report|reports|article|story|editorial|analysis|investigation|poll|survey|piece|op-ed|column|account|reporting|coverage|review|exclusive)$/;

/** A paragraph that is a caption, credit or short heading: no sentence punctuation, a few words. */
function isHeadingOrCaption(p: string): boolean {
  const t = p.trim();
  if (/^(photo|picture|image|video|credit|source|file photo)s?\s*[/:]/i.test(t)) return true;
  if (/[.!?:"')]$/.test(t)) return false;
  // "Ortiz: The Bridge Will Open" is a headline that attributes words, not a section heading
  if (/^\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,2}:\s+\S+(?:\s+\S+){2,}/u.test(t)) return false;
  // a heading has no sentence inside it
  return t.split(/\s+/).length <= 8 && !/[.!?]\s/.test(t);
}

/** Trailing photo credit glued to a sentence: "… with Russia. Photo/AP". */
const CREDIT = /\s+(?:\(?(?:AP |AFP |Reuters )?(?:Photo|Picture|Image|Photograph)s?\s*(?:[/:]|by)\s*[^.]*?\)?)$/i;

/** Weak cues that are speech acts even with a plain object: "criticized the deal", "called for a vote". */
const SPEECH_ACTS = new Set(['criticize', 'criticise', 'praise', 'propose', 'call', 'cite', 'reject', 'echo', 'defend', 'accuse', 'urge', 'demand', 'dismiss', 'blast', 'slam', 'mock', 'describe', 'blame', 'question', 'mention']);

const TRANSCRIPT_LABEL = /^\s*([A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+)?):\s/;
const DATELINE = /^[A-Z][A-Z.'\- ]{2,}(?:,\s*[A-Z][\w.]*(?:\s+\d{1,2})?)?\s*(?:\([^)]{1,20}\))?\s+(?:-|--)\s+/;

const CREDIT_ALONE = /^\(?(?:AP |AFP |Reuters )?(?:Photo|Picture|Image|Photograph)s?\s*(?:[/:]|by)\s*[^.]*\)?$/i;

export function extractStatements(article: Article): Statement[] {
  const text = article.text;
  const out: Statement[] = [];
  const tracker = new EntityTracker();
  const namedOutlets: string[] = [];
  const entityOutlet = new Map<number, { outlet: string; paragraph: number }>();
  const quoteSpeakers = new Map<string, Resolved>();
  let last: Carry | null = null;
  let openQuote: Resolved | null = null;
  let colonIntro: Resolved | null = null;
  let sentenceNo = 0;
  let paraStart = 0;
  let paragraph = -1;
  while (paraStart <= text.length) {
    let paraEnd = text.indexOf('\n', paraStart);
    if (paraEnd < 0) paraEnd = text.length;
    paragraph++;
    const raw = text.slice(paraStart, paraEnd);
    const pStart = paraStart;
    paraStart = paraEnd + 1;
    if (!raw.trim()) continue;
    tracker.paragraph = paragraph;
    const spans = findQuoteSpans(text, pStart, paraEnd);
    const continuing: Resolved | null = openQuote;
    openQuote = null;
    const intro: Resolved | null = colonIntro;
    colonIntro = null;
    if (spans.length === 0 && isHeadingOrCaption(raw)) continue;
    for (const o of findOutletMentions(raw)) if (!namedOutlets.includes(o.name)) namedOutlets.push(o.name);
    const sentences = splitSentences(text, pStart, paraEnd, spans);
    let prevInPara: Carry | null = null;
    for (let si = 0; si < sentences.length; si++) {
      const sent = sentences[si]!;
      let sEnd = sent.end;
      const credit = CREDIT.exec(text.slice(sent.start, sEnd));
      if (credit && credit.index > 0) sEnd = sent.start + credit.index;
      if (CREDIT_ALONE.test(text.slice(sent.start, sEnd))) continue;
      const qs = spans.filter((q) => q.open >= sent.start && q.open < sEnd);
      // a dateline opening the paragraph ("WASHINGTON, Dec. 8 (UPI) - ") is no part of the sentence's grammar
      const dateline = si === 0 ? DATELINE.exec(text.slice(sent.start, sEnd)) : null;
      const toks = tokenize(text, sent.start + (dateline ? dateline[0].length : 0), sEnd, qs);
      const sno = sentenceNo++;
      registerNames(tracker, text, toks, sno);
      const attrs = findAttributions(toks);
      const stmt: Statement = {
        text: text.slice(sent.start, sEnd),
        kind: 'statement',
        quote: null,
        speaker: null,
        speakerMention: null,
        speakerRole: null,
        outlet: null,
        cue: null,
        start: sent.start,
        end: sEnd,
        paragraph,
      };
      const qIdx = toks.map((t, i) => (t.k === 'q' ? i : -1)).filter((i) => i >= 0);
      const real = qIdx.filter((i) => isRealQuote(text, toks, i, attrs));
      let chosen: Attribution | null = null;
      let resolvedIntro: Resolved | null = null;
      let kind: StatementKind = 'statement';
      let quoteText: string | null = null;
      const firstWord = toks.findIndex((t) => t.k !== 'p');
      const leading = real.length > 0 && real[0] === firstWord;
      if (leading) {
        const q0 = real[0]!;
        // the attribution right after the quote: `"…," he said` / `"…," said X`
        chosen = attrs.find((a) => a.speaker && adjacentAfter(toks, q0, a)) ?? bylineAfter(toks, q0);
        // a transcript line inside quotes: "WALLACE: But, Governor, …"
        const label = chosen ? null : TRANSCRIPT_LABEL.exec(innerText(text, toks[q0]!.quote!));
        if (label) {
          const name = label[1]!.charAt(0) + label[1]!.slice(1).toLowerCase().replace(/(\s|-)(\p{L})/gu, (_, sp: string, c: string) => sp + c.toUpperCase());
          const e = tracker.knownPerson(name.split(/\s+/).pop()!) ?? tracker.mentionName(name, 'person', null, toks[q0]!.start, sno, { speaker: true });
          resolvedIntro = { speaker: e.name, mention: label[1]!, role: e.role, entity: e, outlet: null, cue: ':' };
        }
        const after = toks[q0! + 1];
        const utterance = !after || after.k === 'p' || after.k === 'q' || chosen !== null || /[,.?!-]\s*$/.test(innerText(text, toks[q0!]!.quote!));
        if (utterance) {
          kind = 'direct';
          quoteText = joinQuotes(text, toks, [q0, ...continuationQuotes(toks, real, chosen)]);
        }
      } else if (real.length > 0) {
        // `X said: "…"` / `X told the Post, "…"`: an introduced quote running to the sentence end
        for (const a of attrs) {
          if (!a.speaker && a.form !== 'participle') continue;
          const end = Math.max(a.cueEnd, a.outletPhrase?.to ?? -1, a.form === 'inverted' ? a.speaker?.to ?? -1 : -1);
          let k = end + 1;
          // the hearer: "told them: …", "tells the crowd: …", "telling reporters, …"
          let h = k;
          while (h < k + 4 && toks[h]?.k === 'w' && !speechVerb(toks[h]!.lo)) h++;
          if (h > k && toks[h]?.k === 'p' && /^[:,]$/.test(toks[h]!.t) && toks[h + 1]?.k === 'q' && (toks[h]!.t === ':' || /^(me|him|her|them|us|you|the|reporters|journalists|supporters|lawmakers|listeners|viewers|voters|audiences?|crowds?)$/.test(toks[k]!.lo))) k = h;
          while (toks[k] && toks[k]!.k === 'p' && /^[,:]$/.test(toks[k]!.t)) k++;
          // the quote ends the sentence, or is a complete utterance ("says, "Don't you do it," until …")
          const complete = toks[k]?.k === 'q' && /[,.?!]\s*$/.test(innerText(text, toks[k]!.quote!));
          if (toks[k]?.k === 'q' && real.includes(k) && (complete || toks.slice(k + 1).every((t) => t.k !== 'w'))) {
            chosen = a;
            kind = 'direct';
            quoteText = joinQuotes(text, toks, real.filter((i) => i >= k && toks.slice(k + 1, i).every((t) => t.k !== 'w')));
            break;
          }
        }
      }
      if (kind === 'statement' && real.length > 0) {
        // `… a new campaign message: "It's about me."` — a quote set off by a colon at the sentence end
        const last = real[real.length - 1]!;
        const before = toks[last - 1];
        if (before?.k === 'p' && before.t === ':' && toks.slice(last + 1).every((t) => t.k === 'p') && attrs.length === 0) {
          kind = 'direct';
          quoteText = joinQuotes(text, toks, [last]);
          const subj: Attribution = { cue: ':', cueIndex: last - 1, cueEnd: last - 1, speaker: null, form: 'participle', outletPhrase: null, strong: true };
          // a name right before the colon speaks ("… doesn't surprise pollster Dana Shaw: "…""), else the subject
          const nameStart = isCapWord(toks[last - 2]) ? scanLeftNP(toks, last - 2) : -1;
          const named = nameStart > 0 && toks.slice(nameStart, last - 1).filter((t) => isCapWord(t)).length >= 2;
          resolvedIntro = named
            ? resolveSpeaker(text, toks, { ...subj, speaker: { from: nameStart, to: last - 2 }, form: 'subject' }, tracker, sno, namedOutlets)
            : clauseSubject(text, toks, subj, tracker, sno, namedOutlets);
          if (resolvedIntro && !resolvedIntro.speaker) resolvedIntro = null;
        }
      }
      if (kind === 'statement') {
        chosen = pickClauseAttribution(attrs, toks);
        if (chosen) {
          const clause = clauseOf(toks, chosen);
          if (clause) {
            kind = qIdx.some((i) => i >= clause.from && i <= clause.to) ? 'mixed' : 'indirect';
            quoteText = text.slice(toks[clause.from]!.start, toks[clause.to]!.end).replace(/^[\s,:"']+|[\s,:]+$/g, '');
            // a weak cue ("cited", "questioned") reports speech with a clause or as a speech act on its object
            const lemma = speechVerb(toks[chosen.cueIndex]!.lo)?.lemma ?? '';
            if (!chosen.strong && kind === 'indirect' && !/^(that|how|whether|why|what|if|who|when)\b/i.test(quoteText) && !SPEECH_ACTS.has(lemma)) {
              kind = 'statement';
              chosen = null;
              quoteText = null;
            }
          } else chosen = null;
        }
      }
      // a colon-introduced paragraph with no quote marks: the words of the speaker who introduced them
      if (kind === 'statement' && intro && spans.length === 0) {
        kind = 'direct';
        quoteText = stmt.text;
      }
      let resolved: Resolved | null = resolvedIntro;
      if (chosen?.speaker) {
        resolved = resolveSpeaker(text, toks, chosen, tracker, sno, namedOutlets, kind === 'direct' ? quoteText ?? '' : '');
        if (chosen.form === 'according' && resolved.outlet === null && !resolved.speaker) resolved = null;
      } else if (chosen?.form === 'participle') {
        resolved = clauseSubject(text, toks, chosen, tracker, sno, namedOutlets);
      }
      if (kind === 'direct' && !chosen && !resolved) {
        // quote-only sentence: the speaker of the quote it continues, the sentence before, the paragraph before
        const qKey = normQuote(quoteText ?? '');
        if (si === 0 && continuing) resolved = continuing;
        else if (si === 0 && intro) resolved = intro;
        else if (prevInPara) resolved = prevInPara.resolved;
        else if (si === 0 && last && last.paragraph === paragraph - 1 && last.resolved.speaker) resolved = last.resolved;
        else if (quoteSpeakers.has(qKey)) resolved = quoteSpeakers.get(qKey)!;
        if (!resolved) {
          // lookahead: the quote continues and the attribution comes in the next paragraph or sentence
          resolved = null;
        }
      }
      const sameParaSpeaker = prevInPara ?? (last && last.paragraph === paragraph ? last : null);
      if (kind === 'statement' && !chosen && real.length > 0 && sameParaSpeaker?.resolved.speaker) {
        // `The president "revealed more … than we have shared with our allies."` right after an attributed
        // sentence: the quoted words are still that speaker's
        const long = real.filter((i) => wordCount(text, toks[i]!.quote!.innerStart, toks[i]!.quote!.innerEnd) >= 6);
        if (long.length > 0) {
          kind = 'mixed';
          quoteText = joinQuotes(text, toks, long);
          resolved = sameParaSpeaker.resolved;
        }
      }
      if (kind === 'mixed' && !chosen && resolved === null) kind = 'statement';
      if (kind !== 'statement') {
        stmt.kind = kind;
        stmt.quote = quoteText;
        stmt.cue = chosen ? chosen.cue : resolved?.cue ?? null;
        if (resolved && stmt.cue && !resolved.cue) resolved.cue = stmt.cue;
        if (resolved) {
          stmt.speaker = resolved.speaker;
          stmt.speakerMention = resolved.mention;
          stmt.speakerRole = resolved.role;
        }
        let outlet: string | null = null;
        if (chosen?.outletPhrase) outlet = outletFromPhrase(phrase(text, toks, chosen.outletPhrase), namedOutlets);
        if (!outlet) {
          const acc = attrs.find((a) => a.form === 'according' && a.outletPhrase);
          if (acc?.outletPhrase) outlet = outletFromPhrase(phrase(text, toks, acc.outletPhrase), namedOutlets);
        }
        if (!outlet && resolved?.outlet) outlet = resolved.outlet;
        if (!outlet && resolved?.entity) {
          const o = entityOutlet.get(resolved.entity.id);
          if (o && paragraph - o.paragraph <= 1) outlet = o.outlet;
        }
        stmt.outlet = outlet;
        if (resolved?.entity && outlet && chosen) entityOutlet.set(resolved.entity.id, { outlet, paragraph });
        if (resolved && (resolved.speaker || resolved.mention)) {
          const carry: Carry = { resolved, cue: stmt.cue, paragraph, sentence: sno, outlet };
          prevInPara = carry;
          if (resolved.speaker) last = carry;
          if (kind === 'direct' && quoteText) quoteSpeakers.set(normQuote(quoteText), resolved);
        }
      } else {
        prevInPara = null;
        noteStatementOutlet(text, toks, tracker, entityOutlet, namedOutlets, paragraph);
      }
      // a quote still open at the paragraph's end continues in the next one
      const lastQ = qs[qs.length - 1];
      if (lastQ && !lastQ.closed && si === sentences.length - 1) openQuote = resolved ?? (stmt.kind === 'direct' ? null : null);
      if (si === sentences.length - 1 && /:\s*$/.test(text.slice(sent.start, sEnd))) {
        // "He said in a statement:" — the next paragraph holds the words
        const a = chosen?.speaker ? chosen : [...attrs].reverse().find((x) => x.speaker && x.form !== 'according') ?? null;
        if (a && a === chosen && resolved) colonIntro = resolved;
        else if (a) colonIntro = resolveSpeaker(text, toks, a, tracker, sno, namedOutlets);
      }
      out.push(stmt);
    }
  }
  return out;
}

function normQuote(q: string): string {
  return q.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function innerText(text: string, q: QuoteSpan): string {
  return text.slice(q.innerStart, q.innerEnd);
}

function joinQuotes(text: string, toks: readonly Token[], idx: readonly number[]): string {
  return idx
    .map((i) => innerText(text, toks[i]!.quote!).trim().replace(/[,\s]+$/, ''))
    .filter(Boolean)
    .join(' ');
}

function phrase(text: string, toks: readonly Token[], r: { from: number; to: number }): string {
  return text.slice(toks[r.from]!.start, toks[r.to]!.end);
}

/** A quotation that is someone's words, not a scare quote, a title or a nickname. */
function isRealQuote(text: string, toks: readonly Token[], i: number, attrs: readonly Attribution[]): boolean {
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
  // a title or nickname: capitalised words, short (“The Art of the Deal”, “Crooked Hillary”)
  const caps = inner.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w)).length;
  if (words <= 6 && caps >= Math.ceil(words * 0.6) && !/[.?!,]$/.test(inner)) return false;
  return words >= 4 || sentenceLike;
}

/**
 * Quotes after the attribution that continue the first: `"A," he said, "B."` — but not a quote that a
 * further clause introduces (`"A," he said, adding later, "B."`), which is its own passage.
 */
function continuationQuotes(toks: readonly Token[], real: readonly number[], a: Attribution | null): number[] {
  if (!a) return [];
  const out: number[] = [];
  let end = Math.max(a.cueEnd, a.speaker?.to ?? -1, a.outletPhrase?.to ?? -1);
  for (const i of real) {
    if (i <= end) continue;
    // only time words may stand between: `"A," Schiff told CNN on Wednesday, "but B."`
    const between = toks.slice(end + 1, i).filter((t) => t.k === 'w');
    if (between.length > 4 || between.some((t) => !/^(on|in|at|last|this|that|late|early|later|earlier|then|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|night|morning|afternoon|evening|week|month|year|again)$/.test(t.lo))) break;
    out.push(i);
    end = i;
  }
  return out;
}

/** `"…" - Jane Doe`: a quote signed with a dash and a name, as in testimonials and epigraphs. */
function bylineAfter(toks: readonly Token[], qi: number): Attribution | null {
  const dash = toks[qi + 1];
  if (!dash || dash.k !== 'p' || !/^(-|--|\u2014|\u2013)$/.test(dash.t)) return null;
  const from = qi + 2;
  let to = from;
  while (to < toks.length && toks[to]!.k === 'w' && (isCapWord(toks[to]) || toks[to]!.t.length <= 3)) to++;
  if (to === from || !isCapWord(toks[from])) return null;
  // the name must end the sentence
  if (toks.slice(to).some((t) => t.k !== 'p')) return null;
  return { cue: '-', cueIndex: qi + 1, cueEnd: qi + 1, speaker: { from, to: to - 1 }, form: 'subject', outletPhrase: null, strong: true };
}

/** Whether attribution `a` follows the quote token at `qi` directly (after a comma or dash). */
function adjacentAfter(toks: readonly Token[], qi: number, a: Attribution): boolean {
  let k = qi + 1;
  while (toks[k] && toks[k]!.k === 'p' && /^[,-]$|^--$/.test(toks[k]!.t)) k++;
  if (a.form === 'inverted') return a.cueIndex === k;
  if (a.form === 'subject' && a.speaker) return a.speaker.from === k;
  return false;
}

const DAY_OR_ADVERB = /^(on|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|last|week|night|morning|afternoon|evening|earlier|later|recently|privately|publicly)$/;

/** The attribution that governs a sentence of reported speech. */
function pickClauseAttribution(attrs: readonly Attribution[], toks: readonly Token[]): Attribution | null {
  void toks;
  const verbs = attrs.filter((a) => a.form !== 'according' && a.form !== 'participle' && a.speaker);
  // "According to AP, Trump boasted …": the source governs the reported clause, unless the sentence
  // closes with its own attribution ("According to the Post, …, officials said")
  const lead = attrs.find((a) => a.form === 'according' && a.cueIndex === firstWordIndex(toks));
  if (lead) {
    const closing = verbs.find((a) => a.speaker!.from > lead.speaker!.to && toks.slice(a.cueEnd + 1).every((t) => t.k === 'p' || DAY_OR_ADVERB.test(t.lo)));
    return closing ?? lead;
  }
  if (verbs.length > 0) return verbs.find((a) => a.strong) ?? verbs[0] ?? null;
  return attrs.find((a) => a.form === 'according') ?? attrs.find((a) => a.form === 'participle') ?? null;
}

/** The reported clause of an attribution: after "X said (that)", or before ", X said". */
function clauseOf(toks: readonly Token[], a: Attribution): { from: number; to: number } | null {
  const lastTok = lastWordOrQuote(toks);
  if (a.form === 'according') {
    const sp = a.speaker!;
    // "According to X, …" reports what follows; "…, according to X" what precedes
    if (a.cueIndex === firstWordIndex(toks) && sp.to < lastTok - 1) {
      let k = sp.to + 1;
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
  if (toks[k]?.k === 'w' && /^(me|him|her|them|us|you|reporters|journalists|supporters|lawmakers|the)$/i.test(toks[k]!.lo) && /^(told|tells|tell|telling|assured|reminded|warned|urged|informed)$/i.test(toks[a.cueIndex]!.lo)) {
    if (toks[k]!.lo === 'the') k++;
    k++;
  }
  while (toks[k] && (toks[k]!.k === 'p' || toks[k]!.lo === 'that' && toks[k + 1]?.k !== 'p')) k++;
  if (k <= lastTok && lastTok - k >= 1) return { from: k, to: lastTok };
  // nothing after the cue: the clause stands before the speaker
  if (start > 0) return trimRange(toks, 0, start - 1);
  return null;
}

function firstWordIndex(toks: readonly Token[]): number {
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

/** The subject at the start of a sentence, for ", saying …" attributions. */
function clauseSubject(text: string, toks: readonly Token[], a: Attribution, tracker: EntityTracker, sno: number, outlets: readonly string[]): Resolved | null {
  const r = subjectAtStart(toks, a.cueIndex);
  if (!r) return null;
  const fake: Attribution = { ...a, speaker: r, form: 'subject' };
  return resolveSpeaker(text, toks, fake, tracker, sno, outlets);
}

/** Resolve the speaker phrase of an attribution to a canonical speaker. */
function resolveSpeaker(text: string, toks: readonly Token[], a: Attribution, tracker: EntityTracker, sno: number, outlets: readonly string[], quoted = ''): Resolved {
  const r = a.speaker!;
  const mentionText = phrase(text, toks, r);
  const pos = toks[r.from]!.start;
  const m: ParsedMention = parseMention(mentionText);
  const direct = outletFromPhrase(mentionText.replace(/^(the|a|an)\s+/i, ''), outlets);
  const exactOutlet = direct && (outletFromPhrase(mentionText.split(',')[0]!, outlets) === direct) && (m.kind !== 'person' || m.name === null || outletFromPhrase(m.name, outlets) === direct) && (mentionText.split(/\s+/).length <= 4 || REPORT_NOUNS.test(m.head ?? ''));
  if (exactOutlet && (m.kind !== 'description' || REPORT_NOUNS.test(m.head ?? '') || m.head === 'post' || m.head === 'times' || m.head === 'journal' || true)) {
    const e = tracker.mentionName(direct, 'outlet', null, pos, sno, { speaker: true });
    return { speaker: direct, mention: mentionText, role: null, entity: e, outlet: direct };
  }
  if (m.kind === 'pronoun') {
    const lo = m.mention.toLowerCase();
    if (lo === 'i' || lo === 'you') return { speaker: null, mention: mentionText, role: null, entity: null, outlet: null };
    const e = tracker.resolvePronoun(lo, pos, sno, true, quoted);
    if (e) {
      tracker.learnGender(e, m.gender);
      tracker.markSpeaker(e, pos, sno);
      return { speaker: e.name, mention: mentionText, role: e.role, entity: e, outlet: e.kind === 'outlet' ? e.name : null };
    }
    return { speaker: null, mention: mentionText, role: null, entity: null, outlet: null };
  }
  if (m.name && (m.kind === 'person' || m.kind === 'org')) {
    const name = m.name.replace(/^(Mr|Mrs|Ms|Dr|Miss)\.?\s+/, '');
    const e = tracker.mentionName(name, m.kind === 'person' ? 'person' : 'org', m.gender, pos, sno, { role: m.role, speaker: true, words: m.words, head: m.head });
    return { speaker: e.name, mention: mentionText, role: m.role ?? e.role, entity: e, outlet: null };
  }
  if (m.definite) {
    const e = tracker.resolveDescription(m, pos, sno);
    if (e) {
      tracker.markSpeaker(e, pos, sno);
      return { speaker: e.name, mention: mentionText, role: e.role, entity: e, outlet: e.kind === 'outlet' ? e.name : null };
    }
  }
  // an indefinite description or a group: it is its own speaker, as written
  const first = mentionText.split(/\s*,\s*/)[0] ?? mentionText;
  const kind = m.kind === 'group' ? 'group' : m.kind === 'org' ? 'org' : 'description';
  const e = tracker.mentionName(first, kind, m.gender, pos, sno, { speaker: true, words: m.words, head: m.head, plural: m.plural });
  const role = mentionText.includes(',') ? mentionText.slice(first.length).replace(/^\s*,\s*/, '') || null : null;
  return { speaker: first, mention: mentionText, role, entity: e, outlet: null };
}

/** "Dermer issued a statement to the New York Times": remember the outlet for the person's next quote. */
function noteStatementOutlet(text: string, toks: readonly Token[], tracker: EntityTracker, map: Map<number, { outlet: string; paragraph: number }>, outlets: readonly string[], paragraph: number): void {
  for (let i = 0; i + 2 < toks.length; i++) {
    if (toks[i]!.k !== 'w' || !/^(statement|interview|remarks|comments|email|letter)$/.test(toks[i]!.lo)) continue;
    const prep = toks[i + 1]!;
    if (prep.k !== 'w' || !/^(to|with)$/.test(prep.lo)) continue;
    let j = i + 2;
    if (toks[j]?.lo === 'the') j++;
    let k = j;
    while (k < toks.length && isCapWord(toks[k])) k++;
    if (k === j) continue;
    const o = outletFromPhrase(text.slice(toks[j]!.start, toks[k - 1]!.end), outlets);
    if (!o) continue;
    // the person named last before the phrase
    for (let s = i - 1; s >= 0; s--) {
      if (!isCapWord(toks[s])) continue;
      const e = tracker.knownPerson(toks[s]!.t.replace(/[’']s$/, ''));
      if (e) {
        map.set(e.id, { outlet: o, paragraph });
        return;
      }
    }
  }
}

export { HONORIFICS, ROLE_WORDS, isOrgNoun };
