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
import { askedAfterQuote, findAttributions, nominalAfterQuote, scanLeftNP, speakerOfQuoteBefore, subjectAtStart, subjectBefore, type Attribution } from './attribution.js';
import { speechVerb } from './cues.js';
import { EntityTracker } from './coreference.js';
import { registerNames } from './mentions.js';
import { findOutletMentions, outletFromPhrase, withOwnOutlet } from './outlets.js';
import { attributionAfter, bylineAfter, captionTail, clauseOf, clauseText, continuationQuotes, firstWordIndex, innerText, isRealQuote, joinQuotes, laterClause, normQuote, phrase, pickClauseAttribution, reportedClauseStart, secondPassage, writerAddition } from './passages.js';
import { findQuoteSpans, startsWithQuote, wordCount, type QuoteSpan } from './quote-spans.js';
import { splitSentences } from './sentences.js';
import { clauseSubject, noteStatementOutlet, resolveSpeaker, type Resolved } from './speakers.js';
import { isCapWord, noWordsBetween, onlyPunctFrom, tokenize, type Token } from './tokens.js';
import { findInterview, isQaLabel, qaTurn } from './interview.js';
import { isPersonNoun, looksLikeGroupPlural, looksLikePersonNoun, parseMention } from './names.js';

export { splitSentences } from './sentences.js';
export { findQuoteSpans } from './quote-spans.js';


interface Carry {
  resolved: Resolved;
  cue: string | null;
  outlet: string | null;
  paragraph: number;
  sentence: number;
}


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

/**
 * Cues that are speech acts even with a plain object: "criticized the deal", "called for a vote"; and
 * assertive acts whose object is what the speaker asserted ("predicted a Labour win", "announced his
 * resignation", "acknowledged difficulties", "conceded the race") — unlike "denied the report", whose
 * object is what the speaker rejects, so that reporting it as their words would invert them.
 */
const SPEECH_ACTS = new Set(['criticize', 'criticise', 'praise', 'propose', 'call', 'cite', 'reject', 'echo', 'defend', 'accuse', 'urge', 'demand', 'dismiss', 'blast', 'slam', 'mock', 'describe', 'blame', 'question', 'mention', 'announce', 'acknowledge', 'confirm', 'predict', 'promise', 'pledge', 'vow', 'tout', 'recall', 'reiterate', 'admit', 'concede', 'forecast']);

/** Words that open the writer's own clause after a comma. */
const WRITER_CLAUSE = /^(even|although|while|whereas|because|since|after|before|when|but|despite|as|yet|so|according)$/;

/** Verbs whose object is the hearer: "warned voters that …", "told Smith that …". */
const HEARER_VERBS = new Set(['tell', 'warn', 'assure', 'remind', 'inform', 'promise', 'urge', 'ask', 'advise', 'caution', 'reassure', 'convince', 'persuade', 'notify', 'write', 'email', 'text', 'answer']);

/** Cues of written words whose text may follow as a paragraph of its own. */
const WRITTEN = new Set(['tweet', 'write', 'post']);
const FIRST_PERSON = /(^|[^\p{L}])(I|I['’]m|I['’]ve|I['’]d|I['’]ll|my|My|me|we|We|our|Our|us)(?![\p{L}])/u;

const TRANSCRIPT_LABEL = /^\s*([A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+)?):\s/;
/** A paragraph that is a transcript turn: a capitalised label of one or two words ("CALDER:", "MAYOR REED:"), then the words. */
const TRANSCRIPT_TURN = /^\s*[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+)?:\s+\S/;
const TRANSCRIPT_TURNS = /^[ \t]*[A-Z][A-Z.'-]+(?:[ \t]+[A-Z][A-Z.'-]+)?:[ \t]+\S/gm;
const DATELINE = /^[A-Z][A-Z.'\- ]{2,}(?:,\s*[A-Z][\w.]*(?:\s+\d{1,2})?)?\s*(?:\([^)]{1,20}\))?\s+(?:-|--)\s+/;

/**
 * A wire story's sign-off: "(Reporting by …; Editing by …)", "X contributed to this report.",
 * "Copyright 2026 The Associated Press. All rights reserved." Staff credits, not statements: left in,
 * they came up as unattributed results (QA 8 E7).
 */
const SIGN_OFF =
  /^\s*\(\s*(?:additional\s+)?(?:reporting|writing|editing)\s+by\b|^\s*additional\s+reporting\s+by\b|^\s*(?:reporting|writing)\s+by\s[^.;]{1,80};\s*(?:editing|writing|additional)\b|^\s*(?:editing|compiled|translated)\s+by\s+\p{Lu}|\bcontributed(?:\s+reporting)?\s+to\s+this\s+(?:report|story|article)\b|^\s*(?:copyright\s*(?:©|\(c\))?\s*(?:\d{4}|©)|©\s*\d{4}|\(c\)\s*\d{4})|\ball\s+rights\s+reserved\b/iu;

const CREDIT_ALONE = /^\(?(?:AP |AFP |Reuters )?(?:Photo|Picture|Image|Photograph)s?\s*(?:[/:]|by)\s*[^.]*\)?$/i;

export function extractStatements(article: Article): Statement[] {
  const out = withOwnOutlet(article.outlet, () => extractArticle(article));
  return article.author ? withAuthorVoice(article, article.author, out) : out;
}

/** "I", "me", "my" outside quote marks: the writer speaking for themselves. */
const WRITER_I = /(?:^|[^\p{L}’'])(?:I(?:[’'](?:m|ve|d|ll))?|me|my|myself)(?=[^\p{L}’']|$)/u;
const QUOTED = /“[^”]*”|"[^"]*"/g;

/**
 * An article written in the first person by a known author (an op-ed, a column, a reporter's own
 * account): its "I" is the author. Reported speech whose speaker is that unresolved "I" ("For six years
 * I told anyone who would listen that …") is the author's. Two first-person sentences outside quote marks
 * are needed (one "I" may be a quote whose marks were lost), and an interview's "I" is the interviewee's.
 */
function withAuthorVoice(article: Article, author: string, out: Statement[]): Statement[] {
  const unresolved = out.filter((s) => s.speaker === null && s.kind !== 'statement' && /^(I|me)$/i.test(s.speakerMention ?? ''));
  if (unresolved.length === 0 || findInterview(article.title, article.text)) return out;
  const own = out.filter((s) => WRITER_I.test(s.text.replace(QUOTED, ' '))).length;
  if (own < 2) return out;
  const m = parseMention(author.replace(/^by\s+/i, ''));
  if (m.kind !== 'person' || !m.name) return out;
  // ("Cllr Benedikt Auersperg": a title abbreviated without vowels is no part of the name; the name the
  // article itself uses for the author, if it names them, is the canonical one)
  let name = m.name.split(/\s+/).filter((w, i, ws) => !(i === 0 && ws.length > 2 && /^[\p{Lu}][^aeiouy\s]{0,4}\.?$/iu.test(w))).join(' ');
  const named = out.find((s) => s.speaker && s.speaker !== name && (name.endsWith(` ${s.speaker}`) || s.speaker.endsWith(` ${name}`)));
  if (named?.speaker) name = named.speaker;
  for (const s of unresolved) s.speaker = name;
  return out;
}

function extractArticle(article: Article): Statement[] {
  const text = article.text;
  const out: Statement[] = [];
  const tracker = new EntityTracker();
  // the publisher's own short name ("the Post has learned") resolves to the publisher
  const namedOutlets: string[] = article.outlet ? [outletFromPhrase(article.outlet) ?? article.outlet] : [];
  const entityOutlet = new Map<number, { outlet: string; paragraph: number }>();
  const quoteSpeakers = new Map<string, Resolved>();
  let last: Carry | null = null;
  let openQuote: Resolved | null = null;
  let colonIntro: Resolved | null = null;
  let writtenIntro: Resolved | null = null;
  let sentenceNo = 0;
  let chain: Statement[] = [];
  let chainOpen = false;
  let paraStart = 0;
  let paragraph = -1;
  const paraSpans = new Map<number, QuoteSpan[]>();
  // the article's first line and the subheadings that quote someone: the editor's words (see asHeadlines)
  const headlines = new Set<number>();
  const firstLine = firstLineHeadline(text);
  // how often each word occurs in the article, counted on first need (a headline's speaker is named again)
  let wordCounts: Map<string, number> | null = null;
  const articleWords = (): ReadonlyMap<string, number> => {
    if (!wordCounts) {
      wordCounts = new Map();
      for (const w of text.split(/[^\p{L}\p{N}'’-]+/u)) {
        if (!w) continue;
        wordCounts.set(w, (wordCounts.get(w) ?? 0) + 1);
        // ("Ruth Calder’s office" names Calder too)
        const bare = w.replace(/['’]s$/, '');
        if (bare !== w) wordCounts.set(bare, (wordCounts.get(bare) ?? 0) + 1);
      }
    }
    return wordCounts;
  };
  let prevLine: string | null = null;
  // how many paragraphs of the article are transcript turns, counted on first need
  let turns: number | undefined;
  // an interview printed as "Q: …" / "A: …" (interview.ts): the answers are the interviewee's
  const interview = findInterview(article.title, text);
  while (paraStart <= text.length) {
    let paraEnd = text.indexOf('\n', paraStart);
    if (paraEnd < 0) paraEnd = text.length;
    paragraph++;
    const raw = text.slice(paraStart, paraEnd);
    const pStart = paraStart;
    paraStart = paraEnd + 1;
    if (!raw.trim()) continue;
    const lineBefore = prevLine;
    prevLine = raw;
    tracker.paragraph = paragraph;
    const spans = findQuoteSpans(text, pStart, paraEnd);
    paraSpans.set(paragraph, spans);
    const continuing: Resolved | null = openQuote;
    openQuote = null;
    // a quotation running over several paragraphs has one speaker, named wherever in it the text names one
    const inChain = chainOpen && startsWithQuote(spans, text, pStart);
    if (!inChain) chain = [];
    chainOpen = false;
    // a paragraph in the first person with no quote marks, right after "X tweeted …" / "X wrote …"
    // closed the paragraph before, is the text X wrote
    const intro: Resolved | null = colonIntro ?? (writtenIntro && spans.length === 0 && raw.length <= 320 && FIRST_PERSON.test(raw) && !/:\s*$/.test(raw) && findAttributions(tokenize(text, pStart, paraEnd, spans)).length === 0 ? writtenIntro : null);
    colonIntro = null;
    writtenIntro = null;
    if (spans.length === 0 && (isHeadingOrCaption(raw) || SIGN_OFF.test(raw))) continue;
    // a heading in quote marks ("'Unknown source'"): a short quoted phrase that is the whole paragraph
    if (spans.length === 1 && /^\s*$/.test(text.slice(pStart, spans[0]!.open)) && /^\s*$/.test(text.slice(spans[0]!.close, paraEnd)) && isHeadingOrCaption(text.slice(spans[0]!.innerStart, spans[0]!.innerEnd)) && wordCount(text, spans[0]!.innerStart, spans[0]!.innerEnd) <= 5) continue;
    for (const o of findOutletMentions(raw)) if (!namedOutlets.includes(o.name)) namedOutlets.push(o.name);
    let sentences = splitSentences(text, pStart, paraEnd, spans);
    // a transcript turn ("CALDER: Well, I think … . We all need …") is one speaker's words to its end: one passage
    // (only in a transcript: another turn in the article; "LONDON: The minister said … . She added …" is a dateline)
    const qa = interview ? qaTurn(raw) : null;
    if (spans.length === 0 && sentences.length > 1 && (qa !== null || (TRANSCRIPT_TURN.test(raw) && (turns ??= (text.match(TRANSCRIPT_TURNS) ?? []).length) >= 2))) sentences = [{ start: sentences[0]!.start, end: sentences[sentences.length - 1]!.end }];
    // a subheading is no sentence of the story: it takes no speaker from the paragraph before and gives none
    // to the next
    const subheading = sentences.length === 1 && isSubheading(text, pStart, paraEnd, spans, lineBefore);
    if (subheading || (firstLine && paragraph === 0)) headlines.add(paragraph);
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
      const attrs = findAttributions(toks);
      // a sentence whose subject is "he"/"she" ("He nodded", "At 29, she lives …") continues its referent as the subject
      let pronounAt = -1;
      for (let k = 0; k < toks.length && k < 40; k++) if (toks[k]!.k === 'w' && (toks[k]!.lo === 'he' || toks[k]!.lo === 'she')) { pronounAt = k; break; }
      const subj = pronounAt < 0 ? null : pronounAt === firstWord0(toks) ? { from: pronounAt, to: pronounAt } : subjectAtStart(toks, toks.length);
      const w0 = subj && subj.from === subj.to ? toks[subj.from] : undefined;
      if (w0?.k === 'w' && /^(he|she)$/.test(w0.lo)) {
        const e = tracker.resolvePronoun(w0.lo, w0.start, sno, true);
        if (e) tracker.markMention(e, w0.start, sno);
      } else if (pronounAt < 0 || pronounAt > 3) {
        // so does a description of someone named before ("The former ambassador also discussed …. He stated …"):
        // the person it describes is the sentence's subject, not a name later in it
        const f = firstWord0(toks);
        const plural = /s$/.test(toks[f]?.lo ?? '') || (toks[f + 1]?.k === 'w' && /s$/.test(toks[f + 1]!.lo));
        if ((/^(the|a|an)$/.test(toks[f]?.lo ?? '') && toks[f + 1]?.k === 'w' && !isCapWord(toks[f + 1])) || plural) {
          const d = subjectAtStart(toks, toks.length);
          const written = d && d.from === f && d.to - d.from <= 5 ? text.slice(toks[d.from]!.start, toks[d.to]!.end) : '';
          const m = written ? parseMention(written) : null;
          // (not the subject of a reporting verb: the attribution registers it, as a speaker or as one who asked)
          const verb = d ? toks[d.to + 1] : undefined;
          const person = m !== null && m.kind === 'description' && !m.plural && m.head !== null && looksLikePersonNoun(m.head) && !(verb?.k === 'w' && speechVerb(verb.lo)) && !attrs.some((a) => a.speaker?.from === f);
          if (person && m.definite) {
            const e = tracker.resolveDescription(m, toks[f]!.start, sno);
            if (e && e.kind === 'person') tracker.markMention(e, toks[f]!.start, sno);
          } else if (person && isPersonNoun(m.head!) && /^(a|an)$/.test(toks[f]!.lo)) {
            // ("A retired nurse was fined after she had blocked the lane …. “…,” she wrote": someone the article
            // introduces by description is who "she" means next, not a name in her sentence)
            tracker.mentionName(written, 'description', m.gender, toks[f]!.start, sno, { words: m.words, head: m.head });
          } else if (m !== null && m.plural && m.kind === 'group' && m.head !== null && written.toLowerCase().split(/\s+/).includes(m.head.replace(/y$/, 'ie') + 's') && (isPersonNoun(m.head) || looksLikeGroupPlural(written.split(/\s+/).pop()!)) && !(verb?.k === 'w' && speechVerb(verb.lo)) && !attrs.some((a) => a.speaker?.from === f)) {
            // "Harbour officials met the unions on Monday. They said …", "The porters walked out. They …": a group
            // acting as the subject is who "they" means next
            const e = m.definite ? tracker.resolveDescription(m, toks[f]!.start, sno) : null;
            if (e) tracker.markMention(e, toks[f]!.start, sno);
            else tracker.mentionName(written, 'group', null, toks[f]!.start, sno, { plural: true, words: m.words, head: m.head });
          }
        }
      }
      registerNames(tracker, text, toks, sno);
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
      let answered = false;
      let askedWho: Resolved | null = null;
      let included: number[] = [];
      let clauseRange: { from: number; to: number; gap?: { from: number; to: number } } | null = null;
      let kind: StatementKind = 'statement';
      let quoteText: string | null = null;
      const firstWord = toks.findIndex((t) => t.k !== 'p');
      const leading = real.length > 0 && real[0] === firstWord;
      if (leading) {
        const q0 = real[0]!;
        // the attribution right after the quote: `"…," he said` / `"…," said X`
        chosen = attributionAfter(toks, q0, attrs) ?? bylineAfter(toks, q0) ?? accordingAfter(toks, q0, attrs);
        // a headline "‘We will not back down’: Calder defiant" names its speaker after the colon
        if (!chosen && headlines.has(paragraph)) {
          const who = headlineSpeakerAfter(text, toks, q0, pStart, paraEnd, articleWords);
          if (who) resolvedIntro = resolveSpeaker(text, toks, { cue: ':', cueIndex: q0 + 1, cueEnd: q0 + 1, speaker: who, form: 'subject', outletPhrase: null, strong: true }, tracker, sno, namedOutlets);
        }
        // `"Never," came the reply.`: an answer by someone not named is not the words of the one speaking
        // before (usually the one answered): no speaker, and nothing carries on from it
        if (!chosen) {
          let k = q0 + 1;
          while (toks[k]?.k === 'p' && /^[,-]$|^--$/.test(toks[k]!.t)) k++;
          const reply = nominalAfterQuote(toks, k);
          if (reply && !reply.speaker) {
            resolvedIntro = { speaker: null, mention: null, role: null, entity: null, outlet: null, cue: reply.cue };
            answered = true;
          }
          // `"Will it close?" Ruth Calder was asked.`: the question is nobody named's; Calder answers next
          const asked = reply ? null : askedAfterQuote(toks, k);
          if (asked) {
            resolvedIntro = { speaker: null, mention: null, role: null, entity: null, outlet: null, cue: 'asked' };
            answered = true;
            askedWho = resolveSpeaker(text, toks, { cue: 'asked', cueIndex: asked.to + 1, cueEnd: asked.to + 2, speaker: asked, form: 'subject', outletPhrase: null, strong: true }, tracker, sno, namedOutlets);
          }
        }
        // a transcript line inside quotes: "HOST: But, Mayor, …"
        const label = chosen ? null : TRANSCRIPT_LABEL.exec(innerText(text, toks[q0]!.quote!));
        if (label) resolvedIntro = transcriptSpeaker(label[1]!, tracker, toks[q0]!.start, sno);
        const after = toks[q0! + 1];
        const utterance = !after || after.k === 'p' || after.k === 'q' || chosen !== null || /[,.?!-]\s*$/.test(innerText(text, toks[q0!]!.quote!));
        if (utterance) {
          kind = 'direct';
          included = [q0, ...continuationQuotes(toks, real, chosen)];
          quoteText = joinQuotes(text, toks, included);
        }
      } else if (real.length > 0) {
        // `X said: "…"` / `X told the Post, "…"`: an introduced quote running to the sentence end
        for (const a of attrs) {
          if (!a.speaker && a.form !== 'participle') continue;
          // "Okoro claimed Calder had said “…”", "Bose said Calder told her: “…”": speech inside someone
          // else's report is no direct quote of the inner speaker (see nestedIn)
          if (nestedIn(toks, a, attrs)) continue;
          const end = Math.max(a.cueEnd, a.outletPhrase?.to ?? -1, a.form === 'inverted' ? a.speaker?.to ?? -1 : -1);
          let k = end + 1;
          // the hearer: "told them: …", "tells the crowd: …", "telling reporters, …"
          let h = k;
          // (or a time or place: "saying during the debate last week, …")
          const reach = toks[k]?.k === 'w' && /^(during|at|in|on|after|before|last|outside)$/.test(toks[k]!.lo) ? 8 : 4;
          while (h < k + reach && toks[h]?.k === 'w' && !speechVerb(toks[h]!.lo)) h++;
          if (h > k && toks[h]?.k === 'p' && /^[:,]$/.test(toks[h]!.t) && toks[h + 1]?.k === 'q' && (toks[h]!.t === ':' || reach === 8 || /^(me|him|her|them|us|you|the|of|about|to|reporters|journalists|supporters|lawmakers|listeners|viewers|voters|audiences?|crowds?)$/.test(toks[k]!.lo))) k = h;
          while (toks[k] && toks[k]!.k === 'p' && /^[,:]$/.test(toks[k]!.t)) k++;
          // ("said that “…”": the quote is still the whole of what is reported)
          // (not a later cue's: "said A, arguing that “B”" keeps A as a passage of its own)
          // (and only a quote closing the sentence: "said that “A,” and that “B”" is one reported passage)
          if (toks[k]?.lo === 'that' && toks[k + 1]?.k === 'q' && k === end + 1 && noWordsBetween(toks, k + 2, toks.length) && !attrs.some((b) => b !== a && b.cueIndex < a.cueIndex && b.form !== 'according')) k++;
          // the quote ends the sentence, or is a complete utterance ("says, "Don't you do it," until …")
          const complete = toks[k]?.k === 'q' && /[,.?!]\s*$/.test(innerText(text, toks[k]!.quote!));
          if (toks[k]?.k === 'q' && real.includes(k) && (complete || noWordsBetween(toks, k + 1, toks.length))) {
            chosen = a;
            kind = 'direct';
            quoteText = joinQuotes(text, toks, real.filter((i) => i >= k && noWordsBetween(toks, k + 1, i)));
            break;
          }
        }
      }
      if (kind === 'statement' && real.length > 0) {
        // `… a new campaign message: "It's about me."` — a quote set off by a colon at the sentence end
        const last = real[real.length - 1]!;
        const before = toks[last - 1];
        // a name right before the colon speaks ("… doesn't surprise pollster Dana Shaw: "…"", "Economists agree -
        // Tom Pike: "…"", also when the sentence has a cue of its own before the name), else the subject
        const nameStart = before?.k === 'p' && before.t === ':' && isCapWord(toks[last - 2]) ? scanLeftNP(toks, last - 2) : -1;
        const named = nameStart > 0 && toks.slice(nameStart, last - 1).filter((t) => isCapWord(t)).length >= 2 && !attrs.some((a) => a.cueIndex > nameStart);
        if (before?.k === 'p' && before.t === ':' && onlyPunctFrom(toks, last + 1) && (attrs.length === 0 || (named && isDashOrStart(toks[nameStart - 1])))) {
          kind = 'direct';
          quoteText = joinQuotes(text, toks, [last]);
          const subj: Attribution = { cue: ':', cueIndex: last - 1, cueEnd: last - 1, speaker: null, form: 'participle', outletPhrase: null, strong: true };
          resolvedIntro = named
            ? resolveSpeaker(text, toks, { ...subj, speaker: { from: nameStart, to: last - 2 }, form: 'subject' }, tracker, sno, namedOutlets)
            : clauseSubject(text, toks, subj, tracker, sno, namedOutlets);
          if (resolvedIntro && !resolvedIntro.speaker) resolvedIntro = null;
          // "For Calder, the answer is simple: “…”": the view framed is Calder's, and so are the words (not the
          // speaker of the sentence before)
          const f = firstWord0(toks);
          if (!resolvedIntro && toks[f]?.lo === 'for' && isCapWord(toks[f + 1])) {
            let e = f + 1;
            while (isCapWord(toks[e + 1])) e++;
            if (toks[e + 1]?.k === 'p' && toks[e + 1]!.t === ',') {
              const who = resolveSpeaker(text, toks, { ...subj, speaker: { from: f + 1, to: e }, form: 'subject' }, tracker, sno, namedOutlets);
              if (who.speaker) resolvedIntro = who;
            }
          }
        }
      }
      let objectSpeaker: Attribution | null = null;
      if (kind === 'statement') {
        // an attribution whose cue has only an object ("denied the story outright") reports nothing: the
        // sentence may still report speech with a later cue ("… and said it was false")
        let pool: readonly Attribution[] = attrs;
        for (;;) {
          chosen = pickClauseAttribution(pool, toks);
          if (!chosen) break;
          const clause = clauseOf(toks, chosen);
          clauseRange = clause;
          if (!clause) {
            chosen = null;
            break;
          }
          kind = qIdx.some((i) => i >= clause.from && i <= clause.to) ? 'mixed' : 'indirect';
          quoteText = clauseText(text, toks, clause);
          const lemma = speechVerb(toks[chosen.cueIndex]!.lo)?.lemma ?? '';
          const after = kind === 'indirect' && clause.from > chosen.cueEnd && (chosen.form === 'subject' || chosen.form === 'participle');
          const clauseStart = after ? reportedClauseStart(toks, clause.from, clause.to, HEARER_VERBS.has(lemma), lemma === 'warn' || lemma === 'caution') : clause.from;
          const objectOnly = after && clauseStart < 0 && !SPEECH_ACTS.has(lemma);
          // the object of a speech act ends at a comma that opens the writer's own clause ("called for the
          // resignation of the mayor, even though …", "predicted a Labour win, which …")
          if (after && clauseStart < 0 && !objectOnly && !clause.gap) {
            for (let k = clause.from + 2; k < clause.to; k++) {
              if (toks[k]!.k === 'p' && toks[k]!.t === ',' && toks[k + 1]?.k === 'w' && WRITER_CLAUSE.test(toks[k + 1]!.lo)) {
                quoteText = clauseText(text, toks, { from: clause.from, to: k - 1 });
                break;
              }
            }
          }
          // the reported words start at the clause, after a time phrase or the hearer ("told voters that …")
          if (after && clauseStart > clause.from && clauseStart <= clause.to && !clause.gap) quoteText = clauseText(text, toks, { from: clauseStart, to: clause.to });
          // so do words with quoted fragments ("wrote on X on Monday that the closures were "cruel"")
          if (kind === 'mixed' && clause.from > chosen.cueEnd && (chosen.form === 'subject' || chosen.form === 'participle') && !clause.gap) {
            const firstQuote = qIdx.find((i) => i >= clause.from && i <= clause.to)!;
            let start = reportedClauseStart(toks, clause.from, clause.to, HEARER_VERBS.has(lemma), lemma === 'warn' || lemma === 'caution', false);
            while (start > clause.from && start < firstQuote && toks[start]!.k === 'p') start++;
            // (not a relative clause on the hearer, "told a woman who …"; a quote opening the clause keeps its marks,
            // and one that is the whole rest of the sentence stays as it was: those words are the fragment)
            if (start > clause.from && start < firstQuote && !/^(who|whom|which)$/.test(toks[start]!.lo)) quoteText = clauseText(text, toks, { from: start, to: clause.to });
            else if (start === firstQuote && !onlyPunctFrom(toks, firstQuote + 1)) quoteText = text.slice(toks[start]!.start, toks[clause.to]!.end).replace(/[\s,:]+$/, '');
          }
          // a weak cue ("cited", "questioned") reports speech with a clause or as a speech act on its object
          const weakObject = !chosen.strong && kind === 'indirect' && !/^(that|how|whether|why|what|if|who|when)\b/i.test(quoteText) && !SPEECH_ACTS.has(lemma);
          if (!objectOnly && !weakObject) break;
          const rejected = chosen;
          kind = 'statement';
          chosen = null;
          quoteText = null;
          clauseRange = null;
          if (!objectOnly) break;
          objectSpeaker ??= rejected.speaker || rejected.form === 'participle' ? rejected : null;
          pool = pool.filter((a) => a !== rejected);
        }
      }
      // the writer's framing after the reported words (", a claim the firm denies", ", despite a report that
      // …") and, in a caption's relative clause, the circumstance after it (", at the town hall in May") are
      // not what was said
      if (chosen && clauseRange && quoteText && (kind === 'indirect' || kind === 'mixed')) {
        const relative = chosen.form === 'subject' && chosen.relativeEnd === undefined && toks[chosen.cueIndex - 1]?.lo === 'who';
        let cut = writerAddition(toks, clauseRange.from, clauseRange.to);
        if (cut < 0 && relative) cut = captionTail(toks, clauseRange.from, clauseRange.to);
        const at = cut >= 0 ? text.indexOf(quoteText, sent.start) : -1;
        if (at >= 0 && at < toks[cut]!.start && toks[cut]!.start < at + quoteText.length) {
          quoteText = text.slice(at, toks[cut]!.start).replace(/[\s,:]+$/, '');
          if (kind === 'mixed' && !qIdx.some((i) => toks[i]!.start < toks[cut]!.start && toks[i]!.start >= at)) kind = 'indirect';
        }
      }
      // a colon-introduced paragraph with no quote marks: the words of the speaker who introduced them
      if (kind === 'statement' && intro && spans.length === 0) {
        kind = 'direct';
        quoteText = stmt.text;
      }
      let resolved: Resolved | null = resolvedIntro;
      // ("CALDER: …": a transcript label in capitals is the person of that surname, not the word "CALDER")
      const label = chosen?.cue === ':' && chosen.speaker ? text.slice(toks[chosen.speaker.from]!.start, toks[chosen.speaker.to]!.end) : '';
      // (an acronym or an outlet is no surname: "AP:", "UN:")
      if (chosen?.speaker && isQaLabel(label)) {
        // ("Q: …" / "A: …" name no one: an answer is the interviewee's when the article says who that is)
        const who = qa === 'answer' ? interview?.interviewee : null;
        resolved = who ? transcriptSpeaker(who, tracker, toks[chosen.speaker.from]!.start, sno) : { speaker: null, mention: null, role: null, entity: null, outlet: null, cue: ':' };
      } else if (chosen?.speaker && /^[A-Z][A-Z.'\s-]+$/.test(label) && label.split(/\s+/).every((w) => w.length >= 4) && !outletFromPhrase(label, namedOutlets)) {
        resolved = transcriptSpeaker(label, tracker, toks[chosen.speaker.from]!.start, sno);
      } else if (chosen?.speaker) {
        // (a name in the words reported before "…, he said" is what he spoke about, not who he is: "Vale is
        // no conservative, he said" is someone named before the sentence)
        const before = kind !== 'direct' && clauseRange !== null && clauseRange.from < chosen.speaker.from && toks[chosen.speaker.from - 1]?.t === ',';
        resolved = resolveSpeaker(text, toks, chosen, tracker, sno, namedOutlets, kind === 'direct' ? quoteText ?? '' : '', before ? toks[clauseRange!.from]!.start : -1);
        if (chosen.form === 'according' && resolved.outlet === null && !resolved.speaker) resolved = null;
      } else if (chosen?.form === 'participle') {
        // "…, Pike said, adding, "…"": the participle continues the attribution it follows, not the sentence's subject
        const p = chosen;
        const host = attrs.find((a) => a !== p && a.speaker && a.form !== 'according' && a.form !== 'participle' && toks[p.cueIndex - 1]?.t === ',' && Math.max(a.cueEnd, a.speaker.to, a.outletPhrase?.to ?? -1) + 2 === p.cueIndex);
        resolved = host ? resolveSpeaker(text, toks, host, tracker, sno, namedOutlets, kind === 'direct' ? quoteText ?? '' : '') : clauseSubject(text, toks, chosen, tracker, sno, namedOutlets, kind === 'direct' ? quoteText ?? '' : '');
      }
      let contextual = false;
      if (kind === 'direct' && !chosen && !resolved && !subheading) {
        // quote-only sentence: the speaker of the quote it continues, the sentence before, the paragraph before
        const qKey = normQuote(quoteText ?? '');
        contextual = !prevInPara && !(si === 0 && intro && !continuing);
        // ("“…” That was the verdict of Ruth Calder." / "“…” So says Ruth Calder.": the next sentence names the speaker)
        const next = sentences[si + 1];
        const nextToks = next ? tokenize(text, next.start, next.end, spans.filter((q) => q.open >= next.start && q.open < next.end)) : [];
        const named = speakerOfQuoteBefore(nextToks);
        if (named) {
          resolved = { ...resolveSpeaker(text, nextToks, named, tracker, sno, namedOutlets, quoteText ?? ''), cue: named.cue };
          contextual = false;
        } else if (si === 0 && continuing) resolved = continuing;
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
        // "told reporters", "told a crowd": the hearer is named and is no outlet
        const toldOther = chosen !== null && !outlet && speechVerb(toks[chosen.cueIndex]!.lo)?.lemma === 'tell';
        if (!outlet) {
          const acc = attrs.find((a) => a.form === 'according' && a.outletPhrase);
          if (acc?.outletPhrase) outlet = outletFromPhrase(phrase(text, toks, acc.outletPhrase), namedOutlets);
          // "Okoro told reporters, according to the AP": the AP reported the words, Okoro did not tell them to
          // the AP. The outlet field is "told to or reported by", and "told" beside an outlet reads as the
          // hearer (the replies write "told Associated Press"), so the cue is the one the outlet stands
          // behind: "according to"
          if (outlet && toldOther) stmt.cue = 'according to';
        }
        if (!outlet && resolved?.outlet) outlet = resolved.outlet;
        // (an outlet the speaker talked to before is not the hearer of words told to reporters, a crowd or
        // investigators; a host or co-host may be the outlet's, "told co-host Joe Scarborough")
        if (!outlet && resolved?.entity && !(toldOther && genericHearer(toks, chosen!))) {
          const o = entityOutlet.get(resolved.entity.id);
          if (o && paragraph - o.paragraph <= 1) outlet = o.outlet;
        }
        stmt.outlet = outlet;
        // the outlet a person was talking to carries to their next quote; one that only reported or obtained
        // their words ("In remarks first reported by Politico, …", "a letter seen by the BBC") does not
        const byOutlet = chosen?.outletPhrase ? toks[chosen.outletPhrase.from - 1]?.lo === 'by' || (toks[chosen.outletPhrase.from - 1]?.lo === 'the' && toks[chosen.outletPhrase.from - 2]?.lo === 'by') : false;
        if (resolved?.entity && outlet && chosen && !byOutlet) entityOutlet.set(resolved.entity.id, { outlet, paragraph });
        if (answered) {
          // (the conversation has moved to someone unknown: no earlier speaker carries past the answer; after a
          // question put to someone, they answer next)
          prevInPara = askedWho?.speaker ? { resolved: { ...askedWho, cue: null }, cue: null, paragraph, sentence: sno, outlet: null } : null;
          last = prevInPara;
        }
        if (resolved && (resolved.speaker || resolved.mention) && !subheading) {
          const carry: Carry = { resolved, cue: stmt.cue, paragraph, sentence: sno, outlet };
          prevInPara = carry;
          if (resolved.speaker) last = carry;
          if (kind === 'direct' && quoteText) quoteSpeakers.set(normQuote(quoteText), resolved);
        }
      } else {
        prevInPara = null;
        // "Bystrom agreed." / "Jones disagreed on Tuesday.": a cue closing the sentence reports no words, but names who speaks next
        if (!objectSpeaker && !chosen && real.length === 0) {
          objectSpeaker = attrs.find((a) => a.speaker && a.form === 'subject' && a.strong && a.speaker.from <= firstWordIndex(toks) + 1 && a.speaker.to < a.cueIndex && toks.slice(a.cueEnd + 1).every((t) => t.k === 'p' || /^(on|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|again|too|later|earlier|quickly|immediately)$/.test(t.lo))) ?? mannerOfSpeaking(toks);
        }
        // "McMaster denied the story outright." reports no words, but McMaster is the one speaking next
        if (objectSpeaker && !chosen) {
          const who = objectSpeaker.form === 'participle' ? clauseSubject(text, toks, objectSpeaker, tracker, sno, namedOutlets) : resolveSpeaker(text, toks, objectSpeaker, tracker, sno, namedOutlets);
          if (who?.speaker) {
            who.cue = null;
            prevInPara = { resolved: who, cue: null, paragraph, sentence: sno, outlet: null };
            last = prevInPara;
          }
        }
        noteStatementOutlet(text, toks, tracker, entityOutlet, namedOutlets, paragraph);
      }
      // the chain of a multi-paragraph quotation: statements attributed only by context wait for its speaker
      const lastQ = qs[qs.length - 1];
      const opensChain = si === sentences.length - 1 && lastQ !== undefined && !lastQ.closed;
      if (stmt.kind === 'direct') {
        if (chosen?.speaker && stmt.speaker && si === 0 && inChain && chain.length > 0) {
          for (const c of chain) {
            c.speaker = stmt.speaker;
            c.speakerMention = stmt.speakerMention;
            c.speakerRole = stmt.speakerRole;
            c.cue = stmt.cue;
            c.outlet = c.outlet ?? stmt.outlet;
          }
          chain = [];
        } else if (contextual && ((si === 0 && inChain) || opensChain)) chain.push(stmt);
      }
      if (opensChain) chainOpen = true;
      // a quote still open at the paragraph's end continues in the next one
      if (lastQ && !lastQ.closed && si === sentences.length - 1) openQuote = resolved ?? (stmt.kind === 'direct' ? null : null);
      if (si === sentences.length - 1 && stmt.kind !== 'statement' && chosen && resolved?.speaker && WRITTEN.has(speechVerb(toks[chosen.cueIndex]!.lo)?.lemma ?? '')) writtenIntro = resolved;
      if (si === sentences.length - 1 && /:\s*$/.test(text.slice(sent.start, sEnd))) {
        // "He said in a statement:" — the next paragraph holds the words
        const a = chosen?.speaker ? chosen : [...attrs].reverse().find((x) => x.speaker && x.form !== 'according') ?? null;
        if (a && a === chosen && resolved) colonIntro = resolved;
        else if (a) colonIntro = { ...resolveSpeaker(text, toks, a, tracker, sno, namedOutlets), cue: a.cue };
        else if (/\b(following|a|an|this|his|her|their|its)\s+(?:[\w-]+\s+)?(statement|tweet|message|letter|post|note|e-?mail|remarks)\b[^:]*:\s*$/i.test(text.slice(sent.start, sEnd))) {
          // "Mayor Reed released the following statement:" — the subject's words follow
          const colon: Attribution = { cue: ':', cueIndex: toks.length - 1, cueEnd: toks.length - 1, speaker: null, form: 'participle', outletPhrase: null, strong: true };
          const who = clauseSubject(text, toks, colon, tracker, sno, namedOutlets);
          if (who?.speaker) colonIntro = { ...who, cue: null };
        }
      }
      // a second quote the sentence introduces with a cue of its own (`"A," X said, adding, "B."`) is its own passage
      const second = kind === 'direct' && chosen && included.length > 0 ? secondPassage(text, toks, real, included, attrs, chosen) : null;
      if (second) {
        const a = second.attribution;
        const who = a.form === 'participle' || !a.speaker ? resolved : resolveSpeaker(text, toks, a, tracker, sno, namedOutlets, innerText(text, toks[second.quote]!.quote!));
        let cut = second.from - 1;
        while (cut > 0 && toks[cut]!.k === 'p') cut--;
        stmt.end = toks[cut]!.end;
        stmt.text = text.slice(stmt.start, stmt.end);
        const end = onlyPunctFrom(toks, second.quote + 1) ? sEnd : toks[second.quote]!.end;
        const start = toks[second.from]!.start;
        const outlet2 = a.outletPhrase ? outletFromPhrase(phrase(text, toks, a.outletPhrase), namedOutlets) : who === resolved ? stmt.outlet : null;
        out.push(stmt, {
          text: text.slice(start, end),
          kind: 'direct',
          quote: joinQuotes(text, toks, [second.quote]),
          speaker: who?.speaker ?? null,
          speakerMention: who?.mention ?? null,
          speakerRole: who?.role ?? null,
          outlet: outlet2,
          cue: a.cue,
          start,
          end,
          paragraph,
        });
        continue;
      }
      // a later reported clause with a cue of its own ("…, adding that B", "… and warned that B") is its own passage
      const later = stmt.kind !== 'statement' && chosen ? laterClause(toks, chosen, attrs, (lemma) => SPEECH_ACTS.has(lemma)) : null;
      if (later && (stmt.kind === 'direct' ? included.every((i) => i < later.from) : clauseRange !== null)) {
        const a = later.attribution;
        const who = a.form === 'participle' || a.speaker === null || a.speaker.from < (chosen?.cueIndex ?? 0) ? resolved : resolveSpeaker(text, toks, a, tracker, sno, namedOutlets);
        let cut = later.from - 1;
        while (cut > 0 && (toks[cut]!.k === 'p' || /^(and|but|while)$/.test(toks[cut]!.lo))) cut--;
        if (stmt.kind !== 'direct' && clauseRange) {
          // the first passage reports what stands before the later cue, or before its own speaker
          // ("A, Stanchev said, adding that B": the parenthetical attribution is a gap in the clause, and A ends before it)
          const before = clauseRange.gap && clauseRange.gap.from <= cut ? clauseRange.gap.from - 1 : cut;
          let r: { from: number; to: number } | null = clauseRange.from <= before ? { from: clauseRange.from, to: Math.min(clauseRange.to, before) } : null;
          if ((!r || r.to - r.from < 1) && chosen?.speaker && chosen.speaker.from > 1) r = { from: firstWordIndex(toks), to: chosen.speaker.from - 1 };
          while (r && r.to > r.from && toks[r.to]!.k === 'p') r.to--;
          if (r && r.to > r.from) stmt.quote = text.slice(toks[r.from]!.start, toks[r.to]!.end).replace(/^[\s,:"']+|[\s,:]+$/g, '');
        }
        stmt.end = toks[cut]!.end;
        stmt.text = text.slice(stmt.start, stmt.end);
        const start = toks[later.from]!.start;
        const clauseText = text.slice(toks[later.clause.from]!.start, toks[later.clause.to]!.end).replace(/^[\s,:"']+|[\s,:]+$/g, '');
        out.push(stmt, {
          text: text.slice(start, sEnd),
          kind: qIdx.some((i) => i >= later.clause.from && i <= later.clause.to) ? 'mixed' : 'indirect',
          quote: clauseText,
          speaker: who?.speaker ?? null,
          speakerMention: who?.mention ?? null,
          speakerRole: who?.role ?? null,
          outlet: a.outletPhrase ? outletFromPhrase(phrase(text, toks, a.outletPhrase), namedOutlets) : who === resolved ? stmt.outlet : null,
          cue: a.cue,
          start,
          end: sEnd,
          paragraph,
        });
        continue;
      }
      out.push(stmt);
    }
  }
  return asHeadlines(withFragments(text, out, paraSpans), headlines);
}

/**
 * Quoted fragments of reported speech as quotes of their own: in `Trump tweeted he had the "absolute
 * right" to reveal it` only "absolute right" is Trump's verbatim wording, the rest is the reporter's. A
 * user looking up the words verbatim ("who said absolute right?") must find them as that speaker's
 * quote, so each fragment follows its mixed statement as a `direct` statement with the same sentence,
 * speaker, outlet and cue. Titles and names in quote marks ("The Art of the Deal", "Ralph Nader") are
 * not fragments of anyone's words.
 */
/**
 * Whether attribution `a` opens the reported clause of an earlier attribution by someone else: "Okoro
 * claimed Calder had said “…”". The quote is then Calder's words only as Okoro reports (or alleges)
 * them; as a direct quote it would show "Calder said “…”" as fact. It stays in the outer speaker's
 * mixed statement instead, like a fragment of nested speech.
 */
function nestedIn(toks: readonly Token[], a: Attribution, attrs: readonly Attribution[]): boolean {
  if (a.form !== 'subject' || !a.speaker) return false;
  // (a pronoun is taken to be the outer speaker: "Trump said he responded: “…”"; and only verbs that
  // quote someone: not "goes", "calling")
  const inner = toks[a.speaker.from]!;
  if (a.speaker.from === a.speaker.to && /^(he|she|they|i|we)$/.test(inner.lo)) return false;
  if (!QUOTING_VERB.test(toks[a.cueIndex]!.lo)) return false;
  return attrs.some((b) => {
    if (b === a || b.form !== 'subject' || !b.speaker || b.cueEnd >= a.speaker!.from || b.speaker.to >= a.speaker!.from) return false;
    // only a hearer or "that" between the outer cue and the inner subject ("concludes with footage of
    // Trump saying" is a picture of Trump speaking, not a report of it)
    const between = toks.slice(Math.max(b.cueEnd, b.outletPhrase?.to ?? -1) + 1, a.speaker!.from);
    return between.length <= 3 && between.every((t) => t.k === 'w' && !/^(of|with|in|on|at|for|from|by|about|to|as)$/.test(t.lo));
  });
}

/**
 * `"…," according to a court filing by the prosecutor.`: a source named after the quote by "according to"
 * is its speaker, as "said X" would be; before, the quote took the speaker of the sentence before. An
 * outlet alone ("…," according to CNN) is left to the context rules: the outlet reports someone's words,
 * and who spoke them is the context's speaker (or the outlet's own text).
 */
function accordingAfter(toks: readonly Token[], qi: number, attrs: readonly Attribution[]): Attribution | null {
  let k = qi + 1;
  while (toks[k]?.k === 'p' && /^[,-]$|^--$/.test(toks[k]!.t)) k++;
  const a = attrs.find((x) => x.form === 'according' && x.cueIndex === k && x.speaker);
  if (!a || (a.outletPhrase && a.outletPhrase.from <= a.speaker!.to)) return null;
  return a;
}

/** Hearers who are no outlet's: "told reporters", "told a crowd", "told FBI agents", "told him". */
const GENERIC_HEARER = /^(reporters|journalists|press|crowds?|audiences?|supporters|voters|lawmakers|legislators|senators|members|delegates|donors|students|residents|police|officers|investigators|agents|prosecutors|jurors|judges?|court|committee|congress|parliament|council|fbi|officials|colleagues|staff|employees|workers|followers|listeners|viewers|readers|him|her|them|us|me|you|everyone|anyone|people)$/;

/** Whether the hearer after a "tell" cue is a generic audience, not someone who may speak for an outlet. */
function genericHearer(toks: readonly Token[], a: Attribution): boolean {
  for (let k = a.cueEnd + 1; k < toks.length && k <= a.cueEnd + 4; k++) {
    const t = toks[k]!;
    if (t.k !== 'w') return false;
    if (GENERIC_HEARER.test(t.lo)) return true;
    if (!/^(the|a|an|some|several|many|two|three|local|federal|fbi|state|gathered|assembled)$/.test(t.lo)) return false;
  }
  return false;
}

/** Adjectives for how someone spoke or the stance they spoke from: "Calder was blunt." */
const SPEAKING_MANNER = new Set('blunt blunter adamant defiant emphatic unequivocal unapologetic unrepentant scathing dismissive succinct candid frank forthright categorical philosophical terse curt upbeat optimistic pessimistic cautious skeptical sceptical unimpressed unmoved undeterred defensive effusive gracious conciliatory combative measured guarded diplomatic sarcastic incredulous indignant insistent resolute unbowed apologetic contrite circumspect noncommittal non-committal evasive'.split(' '));
const MANNER_VERBS = new Set(['was', 'is', 'were', 'are', 'remained', 'remains', 'sounded', 'sounds', 'seemed', 'seems']);

/**
 * "Calder was blunt." / "The mayor was more cautious about the timetable.": a sentence that only says how its
 * subject spoke names who speaks the quote after it, as "Calder agreed." does (before, that quote had no
 * speaker at all). The sentence must be the subject, a form of "be" (or "sounded", "remained"), the
 * adjective and at most a short phrase after it; an adjective that is not one of speaking, or a longer
 * sentence, changes nothing.
 */
function mannerOfSpeaking(toks: readonly Token[]): Attribution | null {
  // (a sentence of that shape is short: most sentences are answered without a pass over their words)
  if (toks.length > 32 || !toks.some((t) => SPEAKING_MANNER.has(t.lo))) return null;
  const verb = toks.findIndex((t) => t.k === 'w' && MANNER_VERBS.has(t.lo));
  if (verb < 1) return null;
  let k = verb + 1;
  if (toks[k - 1]?.lo === 'has' || toks[k]?.lo === 'been') k++;
  while (toks[k]?.k === 'w' && /^(more|less|very|equally|even|far|characteristically|typically|somewhat|rather|just|as|most|again|also|particularly|notably|similarly|clearly|decidedly)$/.test(toks[k]!.lo)) k++;
  if (toks[k]?.k !== 'w' || !SPEAKING_MANNER.has(toks[k]!.lo)) return null;
  const rest = toks.slice(k + 1).filter((t) => t.k !== 'p');
  if (rest.length > 6 || toks.slice(k + 1).some((t) => t.k === 'q') || (rest.length > 0 && !/^(about|on|in|when|with|at|over|toward|towards|than|as|regarding)$/.test(rest[0]!.lo))) return null;
  const speaker = subjectBefore(toks, verb - 1);
  if (!speaker || speaker.from !== firstWord0(toks)) return null;
  return { cue: toks[k]!.t, cueIndex: verb, cueEnd: k, speaker, form: 'subject', outletPhrase: null, strong: true };
}

/** The speaker of a transcript label ("HOST", "CALDER", "MAYOR REED"): the person of that surname the article names, else the label in title case. */
function transcriptSpeaker(label: string, tracker: EntityTracker, at: number, sno: number): Resolved {
  if (!/^[A-Z.'\s-]+$/.test(label)) {
    const e = tracker.knownPerson(label.split(/\s+/).pop()!) ?? tracker.mentionName(label, 'person', null, at, sno, { speaker: true });
    return { speaker: e.name, mention: label, role: e.role, entity: e, outlet: null, cue: ':' };
  }
  const name = label.charAt(0) + label.slice(1).toLowerCase().replace(/(\s|-)(\p{L})/gu, (_, sp: string, c: string) => sp + c.toUpperCase());
  const e = tracker.knownPerson(name.split(/\s+/).pop()!) ?? tracker.mentionName(name, 'person', null, at, sno, { speaker: true });
  return { speaker: e.name, mention: label, role: e.role, entity: e, outlet: null, cue: ':' };
}

/** A dash or a sentence boundary before a label ("Economists agree - Tom Pike: …"). */
function isDashOrStart(t: { k: string; t: string } | undefined): boolean {
  return t === undefined || (t.k === 'p' && /^(-|--|\u2013|\u2014|\u2015|:)$/.test(t.t));
}

function firstWord0(toks: readonly { k: string }[]): number {
  let i = 0;
  while (i < toks.length && toks[i]!.k === 'p') i++;
  return i;
}

const MINOR_WORDS = /^(of|the|a|an|and|in|on|for|to|at|by|with|or|from)$/;

/** A title, slogan or name in quote marks ("Peace Through Strength.", "The Art of the Deal"): short, its main words capitalised. */
function titleLike(words: readonly string[], inner: string): boolean {
  if (words.length > 6 || /[?!]$/.test(inner) || (words.length < 2 && /[.]$/.test(inner))) return false;
  const main = words.filter((w, i) => i === 0 || !MINOR_WORDS.test(w.toLowerCase()));
  return main.filter((w) => /^[\p{Lu}\d]/u.test(w)).length >= Math.ceil(main.length * 0.6);
}

/** Cues whose reported words are what the speaker rejects, not what they said. */
const DENIALS = new Set(['deny', 'reject', 'dismiss', 'rebut', 'dispute', 'refute', 'retract']);
const SUBJECT_PRONOUNS = /^(he|she|they|i|we)(['’](d|s|ll|ve|re|m))?$/;
const isCap = (w: string): boolean => /^\p{Lu}/u.test(w);
/** Verbs that introduce someone's words verbatim ("told her “…”", "of saying “…”", "never claimed “…”"). */
const QUOTING_VERB = /^(say|says|said|saying|tell|tells|told|telling|claim|claims|claimed|claiming|declare|declares|declared|declaring|insist|insists|insisted|insisting|write|writes|wrote|writing|tweet|tweets|tweeted|tweeting|add|adds|added|adding|utter|utters|uttered|uttering|quote|quoted|quoting|promise|promised|promising|warn|warned|warning|ask|asked|asking|exclaim|exclaimed|shout|shouted|shouting)$/;

/**
 * Whether a quoted fragment at `open` inside the mixed statement `s` is words someone else said, or
 * words the speaker is said not to have said — so that making it the speaker's direct quote would put
 * words in the wrong mouth:
 * - the cue is a denial ("Calder denied ever saying “…”", "rejected claims that she had “…”");
 * - a speech verb inside the reported clause introduces the fragment and is negated ("Calder did not
 *   say “…”, her office said"), a gerund ("accused Calder of saying “…”"), or has a subject of its own
 *   that is not a pronoun ("Bose said Calder had told her “…”": Calder's words as Bose reports them).
 * A fact-checker must never see those words as the outer speaker's verbatim quote; with no field for
 * "as reported by", they stay in the mixed statement only, unattributed as a quote. ("He said the
 * report, which he called “fake”, …" keeps its fragment: the pronoun is taken to be the speaker.)
 */
function notTheSpeakersWords(text: string, s: Statement, open: number): boolean {
  const cue = s.cue?.split(/\s+/)[0] ?? '';
  // the reported clause starts where its first words stand in the sentence (after the cue and the speaker)
  const head = (s.quote ?? '').slice(0, 24);
  const at = head ? text.indexOf(head, s.start) : -1;
  // (a clause not found as written: no guess from the words around the outer cue)
  const words = at >= 0 && at <= open ? text.slice(at, open).split(/[^\p{L}'’-]+/u).filter(Boolean) : [];
  // ("dismissed the claim as “absurd”": the word the speaker chose for what they reject is theirs)
  if (DENIALS.has(speechVerb(cue)?.lemma ?? '')) return !words.some((w) => w.toLowerCase() === 'as');
  const own = (s.speakerMention ?? '').split(/\s+/).pop()?.toLowerCase();
  // the speech verb that introduces the fragment: right before it, or past a short hearer ("told her")
  for (let k = words.length - 1; k >= 0 && k >= words.length - 4; k--) {
    const lo = words[k]!.toLowerCase();
    // (verbs that introduce words, not "described as", "calling it", "state", "going to")
    if (!QUOTING_VERB.test(lo)) continue;
    // ("say", "claim" as base forms only after "did not", "never", "to": "the state", "a claim" are nouns)
    if (!/(s|ed|ing|told|said|wrote)$/.test(lo) && !/^(did|does|do|not|never|to|ever|would|will|could|can)$|n['’]t$/i.test(words[k - 1] ?? '')) continue;
    // "accused Calder of saying", "denied ever saying", "was quoted as saying"; not ", adding, “…”" (the speaker's)
    if (/ing$/.test(lo)) {
      const before = words[k - 1] ?? '';
      if (/^(of|ever|as|about|without|from|after|before|for|denied|denies|deny|denying|never|not)$/i.test(before) || (isCap(before) && k > 1)) return true;
      continue;
    }
    // (the statement's own cue in a parenthetical, "the two nations, Xi said, now have “…”")
    if (lo === cue.toLowerCase() && words[k - 1]?.toLowerCase() === own) continue;
    let j = k - 1;
    while (j >= 0 && /^(has|have|had|did|does|do|was|is|will|would|could|can|may|might|should|must|also|then|once|later|earlier|never|not|ever)$|n['’]t$|^\p{Ll}+ly$/iu.test(words[j]!)) {
      if (/^(not|never)$|n['’]t$/i.test(words[j]!)) return true;
      j--;
    }
    const subject = j >= 0 ? words[j]!.toLowerCase() : '';
    // ("… and said, “…”", "… but added, “…”": a second verb of the same speaker)
    if (/^(and|but|then)$/.test(subject)) continue;
    return subject !== '' && !SUBJECT_PRONOUNS.test(subject);
  }
  return false;
}

/** Whether the article's first line is a headline: more text after it, no sentence end, at most 20 words. */
function firstLineHeadline(text: string): boolean {
  const firstEnd = text.indexOf('\n');
  if (firstEnd < 0) return false;
  const first = text.slice(0, firstEnd).trim();
  return first !== '' && !/[.!?]$/.test(first) && first.split(/\s+/).length <= 20;
}

/** Closing marks that may follow a sentence's final punctuation. */
const CLOSERS = `["'\u201d\u2019\u00bb)\\]]*`;
const SUBHEADING_END = new RegExp(`[.!?;,:\u2026]${CLOSERS}\\s*$`);
const SENTENCE_END = new RegExp(`[.!?]${CLOSERS}\\s*$`);

/**
 * A subheading that quotes someone: a line of its own inside the article ("Calder: “Bridge will never
 * close”", "‘We will not back down’: Calder defiant"), as the ingesters keep Markdown and HTML headings
 * and plain-text lines. It must quote, have at most 20 words and no final punctuation — not even inside
 * the quote marks, where a paragraph "Calder: “It will close.”" may be a transcript line —, follow a
 * complete sentence or a heading, and come before a paragraph that opens a new sentence (a line that a
 * hard-wrapped text broke mid-sentence continues in lower case).
 */
function isSubheading(text: string, pStart: number, paraEnd: number, spans: readonly QuoteSpan[], before: string | null): boolean {
  if (spans.length === 0 || before === null) return false;
  const line = text.slice(pStart, paraEnd).trim();
  if (SUBHEADING_END.test(line) || line.split(/\s+/).length > 20) return false;
  if (!SENTENCE_END.test(before.trim()) && !isHeadingOrCaption(before)) return false;
  let next = paraEnd + 1;
  while (next < text.length && /\s/.test(text[next]!)) next++;
  return next < text.length && /[\p{Lu}\p{N}"'\u201c\u2018\u00ab]/u.test(text[next]!);
}

/**
 * The speaker a headline names after its quote and a colon: "‘We will not back down’: Calder defiant" →
 * Calder. Only capitalised words the article names again elsewhere, so the title-case adjectives of a
 * headline ("Calder Defiant") are not taken for a name, and sentence-case words ("residents count the
 * cost") are no name at all.
 */
function headlineSpeakerAfter(text: string, toks: readonly Token[], q0: number, lineStart: number, lineEnd: number, words: () => ReadonlyMap<string, number>): { from: number; to: number } | null {
  if (toks[q0 + 1]?.k !== 'p' || toks[q0 + 1]!.t !== ':') return null;
  const from = q0 + 2;
  let to = from - 1;
  // (counted once per article, so that many such lines cost no pass over the whole text each)
  const inLine = (w: string): number => text.slice(lineStart, lineEnd).split(/[^\p{L}\p{N}'’-]+/u).filter((x) => x === w).length;
  const elsewhere = (w: string): boolean => (words().get(w) ?? 0) > inLine(w);
  while (to + 1 < toks.length && to + 1 - from < 4 && isCapWord(toks[to + 1]) && elsewhere(toks[to + 1]!.t)) to++;
  if (to < from || /^(the|a|an|why|how|what|when|where|who|this|that|it|i|we|he|she|they)$/.test(toks[from]!.lo)) return null;
  return { from, to };
}

/**
 * A headline that quotes someone ("Calder: “Bridge will never close”", the article's first line or a
 * subheading, see isSubheading) gives the editor's condensed words, not the speaker's verbatim ones:
 * reported speech with the cue "headline", so no answer says "Calder said “Bridge will never close”"
 * and no body quote is corroborated by it.
 */
function asHeadlines(statements: Statement[], headlines: ReadonlySet<number>): Statement[] {
  if (headlines.size === 0) return statements;
  return statements.map((s) =>
    headlines.has(s.paragraph) && s.kind === 'direct' && (s.cue === null || s.cue === ':') ? { ...s, kind: 'indirect', cue: 'headline' } : s,
  );
}

function withFragments(text: string, statements: Statement[], paraSpans: ReadonlyMap<number, QuoteSpan[]>): Statement[] {
  if (!statements.some((s) => s.kind === 'mixed')) return statements;
  const out: Statement[] = [];
  for (const s of statements) {
    out.push(s);
    if (s.kind !== 'mixed' || !s.quote || !s.speaker) continue;
    const reported = normQuote(s.quote);
    for (const q of paraSpans.get(s.paragraph) ?? []) {
      if (q.open < s.start || q.close > s.end) continue;
      const inner = text.slice(q.innerStart, q.innerEnd).trim().replace(/[,;:\s]+$/, '');
      const words = inner.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
      const key = normQuote(inner);
      if (words.length === 0 || !key || key === reported || !` ${reported} `.includes(` ${key} `)) continue;
      if (titleLike(words, inner)) continue;
      // "refused to use the words “Islamic terrorism”": words mentioned, not said
      if (/\b(words?|term|phrase|label|slogan|name|hashtag|expression|nickname)\s*[,:]?\s*$/i.test(text.slice(Math.max(s.start, q.open - 24), q.open))) continue;
      if (notTheSpeakersWords(text, s, q.open)) continue;
      out.push({ ...s, kind: 'direct', quote: inner });
    }
  }
  return out;
}
