/**
 * From a speaker phrase to a speaker: canonical name, mention as written, role, and the entity it refers
 * to — through the names, outlets and coreference modules.
 */
import { subjectAtStart, type Attribution } from './attribution.js';
import type { Entity, EntityTracker } from './coreference.js';
import { isPlaceWord, nameGender, statedGender } from './mentions.js';
import { canonicalPersonName, cleanRole, firstNameGender, looksLikeGroupPlural, looksLikePluralNoun, parseMention, type ParsedMention } from './names.js';
import { outletFromPhrase } from './outlets.js';
import { phrase } from './passages.js';
import { isCapWord, type Token } from './tokens.js';

/** Nouns of reports and documents: "a new Washington Post report claims" is the Post speaking. */
const REPORT_NOUNS = /^(report|reports|article|story|editorial|analysis|investigation|poll|survey|piece|op-ed|column|account|reporting|coverage|review|exclusive)$/;

/** Nouns in -ing or -ed that head a description of a document or event, never a participle clause. */
const ING_NOUNS = /^(filing|filings|briefing|briefings|ruling|rulings|hearing|hearings|meeting|meetings|finding|findings|recording|recordings|reading|readings|posting|listing|warning|warnings|statement|wording|ranking|spending|funding|polling|reporting|building|offering|bombing|shooting|killing|proceeding|proceedings|writing|writings|teaching|teachings|opening|saying|sayings|hundred|seed|creed|speed|need|deed|greed|bed|shred|thread|breed)$/;

export interface Resolved {
  speaker: string | null;
  mention: string | null;
  role: string | null;
  entity: Entity | null;
  /** The speaker is itself an outlet ("the Post reported"). */
  outlet: string | null;
  /** The cue that attributed the words first, for quotes that continue them. */
  cue?: string | null;
}

/** The subject at the start of a sentence, for ", saying …" attributions. */
export function clauseSubject(text: string, toks: readonly Token[], a: Attribution, tracker: EntityTracker, sno: number, outlets: readonly string[], quoted = ''): Resolved | null {
  const r = subjectAtStart(toks, a.cueIndex);
  if (!r) return null;
  const fake: Attribution = { ...a, speaker: r, form: 'subject' };
  return resolveSpeaker(text, toks, fake, tracker, sno, outlets, quoted);
}

/** Resolve the speaker phrase of an attribution to a canonical speaker. */
export function resolveSpeaker(text: string, toks: readonly Token[], a: Attribution, tracker: EntityTracker, sno: number, outlets: readonly string[], quoted = '', reportedFrom = -1): Resolved {
  const r = a.speaker!;
  // one who asks a question is not the one who answers it: "… when a reporter asked if he would resign.
  // “You know, …,” he said" is the one asked, so the asker is no speaker a later pronoun prefers (and is taken
  // only when no one else agrees)
  const speaker = !/^ask/i.test(a.cue);
  // ("was Quill's reply": the possessor speaks, without its "'s")
  const mentionText = a.pronoun ? a.pronoun.written : a.possessor ? phrase(text, toks, r).replace(/[’']s$/, '') : phrase(text, toks, r);
  const pos = toks[r.from]!.start;
  // ("was his reply": a possessive pronoun is the pronoun)
  const possessivePronoun = a.possessor ? ({ his: 'he', her: 'she', their: 'they' } as Record<string, string>)[mentionText.toLowerCase()] : undefined;
  // (`said one, a retired teacher`: the apposition describes the speaker; `said another` names nobody)
  const oneOf = /^(one|another)(?:\s*,\s*(.+))?$/i.exec(mentionText);
  if (oneOf) {
    if (!oneOf[2] || !/^(a|an)\s/i.test(oneOf[2])) return { speaker: null, mention: mentionText, role: null, entity: null, outlet: null };
    const desc = oneOf[2];
    const e = tracker.mentionName(desc, 'description', null, pos, sno, { speaker, asker: !speaker });
    return { speaker: desc, mention: mentionText, role: null, entity: e, outlet: null };
  }
  // ("Some of the women", "Most of the candidates", "Two-thirds of Democratic insiders": a share of a group is a
  // description as a whole, never a name "Some" with the role "of the women")
  if (/^(?:(?:about|nearly|almost|roughly|around|only|just|over|more than|fewer than|less than)\s+)?(?:many|some|most|several|few|all|both|none|half|majorities|two-thirds|one-third|three-quarters|\d[\d.,]*%?(?:\s+percent)?)\s+(?:of|in)\s/i.test(mentionText)) {
    const e = tracker.mentionName(mentionText, 'description', null, pos, sno, { speaker, asker: !speaker, plural: true });
    return { speaker: mentionText, mention: mentionText, role: null, entity: e, outlet: null };
  }
  let m: ParsedMention = parseMention(a.pronoun?.as ?? possessivePronoun ?? mentionText);
  // "Delegates questioned …": a capitalised plural opening the sentence, unknown as a name, is a group
  if (r.from === r.to && r.from === firstWord(toks) && looksLikePluralNoun(mentionText) && !tracker.knownPerson(mentionText)) {
    m = { ...m, name: null, kind: 'group', plural: true, gender: null, head: mentionText.toLowerCase().replace(/s$/, ''), definite: false };
  }
  // "more farmers said", "Allies say", "Some Italians said": a people or a group, never "he"
  const groupWord = m.kind === 'person' && m.name ? m.name.split(/\s+/).pop()! : '';
  if (groupWord && looksLikeGroupPlural(groupWord) && !tracker.knownPerson(groupWord) && !statedGender(mentionText, m.name!) && (m.name!.split(/\s+/).length === 1 || firstNameGender(m.name!.split(/\s+/)[0]!) === null)) {
    m = { ...m, name: null, kind: 'group', plural: true, gender: null, head: groupWord.toLowerCase(), definite: false };
  }
  // ("the Leeds Gazette": a newspaper not in the list is known by its shape, with its article)
  const direct = outletFromPhrase(mentionText.replace(/^(the|a|an)\s+/i, ''), outlets) ?? (/^the\s/i.test(mentionText) ? outletFromPhrase(mentionText.split(',')[0]!, outlets) : null);
  const exactOutlet = direct && (outletFromPhrase(mentionText.split(',')[0]!, outlets) === direct) && (m.kind !== 'person' || m.name === null || outletFromPhrase(m.name, outlets) === direct) && (mentionText.split(/\s+/).length <= 4 || REPORT_NOUNS.test(m.head ?? ''));
  if (exactOutlet && (m.kind !== 'description' || REPORT_NOUNS.test(m.head ?? '') || m.head === 'post' || m.head === 'times' || m.head === 'journal' || true)) {
    const e = tracker.mentionName(direct, 'outlet', null, pos, sno, { speaker, asker: !speaker });
    return { speaker: direct, mention: mentionText, role: null, entity: e, outlet: direct };
  }
  if (m.kind === 'pronoun') {
    const lo = m.head ?? m.mention.toLowerCase();
    if (lo === 'i' || lo === 'you') return { speaker: null, mention: mentionText, role: null, entity: null, outlet: null };
    const e = tracker.resolvePronoun(lo, pos, sno, true, quoted, reportedFrom);
    if (e) {
      tracker.learnGender(e, m.gender);
      if (speaker) tracker.markSpeaker(e, pos, sno);
      else tracker.markMention(e, pos, sno, true);
      return { speaker: e.name, mention: mentionText, role: e.role, entity: e, outlet: e.kind === 'outlet' ? e.name : null };
    }
    return { speaker: null, mention: mentionText, role: null, entity: null, outlet: null };
  }
  // "China said", "Ohio's governor …": a country, state or city that speaks is a body, never "he" or "she";
  // "Italians said", "Allies say": a plural is a group
  if (m.name && m.kind === 'person' && !/\s/.test(m.name) && m.role === null && !statedGender(mentionText, m.name)) {
    // (a known person of that surname stays that person: "Steve Israel", "Jim Jordan", "Jeremy Paris")
    if (isPlaceWord(m.name.toLowerCase()) && !tracker.knownPerson(m.name)) m = { ...m, kind: 'org' };
    else if (/^\p{Lu}[\p{L}-]*[^s]s$/u.test(m.name) && !tracker.knownPerson(m.name) && looksLikePluralNoun(m.name)) m = { ...m, kind: 'group', plural: true, name: null, head: m.name.toLowerCase() };
  }
  if (m.name && (m.kind === 'person' || m.kind === 'org')) {
    const name = m.kind === 'person' ? canonicalPersonName(m.name) : m.name;
    const stated = m.kind === 'person' ? statedGender(mentionText, m.name) : null;
    const gender = stated ?? (m.kind === 'person' ? nameGender(m.name) ?? m.gender : m.gender);
    const e = tracker.mentionName(name, m.kind === 'person' ? 'person' : 'org', gender, pos, sno, { role: m.role, speaker, asker: !speaker, words: m.words, head: m.head, strongGender: stated !== null });
    return { speaker: e.name, mention: mentionText, role: m.role ?? e.role, entity: e, outlet: null };
  }
  if (m.definite) {
    const e = tracker.resolveDescription(m, pos, sno);
    if (e) {
      if (speaker) tracker.markSpeaker(e, pos, sno);
      else tracker.markMention(e, pos, sno, true);
      return { speaker: e.name, mention: mentionText, role: e.role, entity: e, outlet: e.kind === 'outlet' ? e.name : null };
    }
  }
  // an indefinite description or a group: it is its own speaker, as written
  // the description up to its first apposition, and before a participle clause ("Protesters marching through …")
  const listed = /(?:,|\s(?:--|-|\u2014|\u2013))\s*(including|such as|like|among them)\s/i.test(mentionText);
  const seg = (listed ? mentionText : mentionText.split(/\s*,\s*|\s+(?:--|-|\u2014|\u2013)\s+/)[0] ?? mentionText).replace(/[\u201c\u201d"]/g, '');
  const participle = listed ? null : /^(\S+(?:\s+\S+){0,4}?)\s+\p{Ll}+(?:ing|ed)\b/u.exec(seg);
  // (Not after a possessive: "a person familiar with Calder's thinking" is a noun, not a clause.)
  // (Nor a noun in -ing or -ed: "a court filing by the prosecutor", "a Pentagon briefing", "a sealed ruling".)
  // (nor the source's own formula: "officials briefed on the talks", "people involved in the planning")
  const nounIng = participle ? ING_NOUNS.test(/(\p{Ll}+)$/u.exec(participle[0])![1]!) || /\s(briefed|involved)$/.test(participle[0]) : false;
  const first = participle && !nounIng && !/\b(the|a|an)$/i.test(participle[1]!) && !/['’]s$/i.test(participle[1]!) ? participle[1]! : seg;
  const kind = m.kind === 'group' ? 'group' : m.kind === 'org' ? 'org' : 'description';
  const e = tracker.mentionName(first, kind, m.gender, pos, sno, { speaker, asker: !speaker, words: m.words, head: m.head, plural: m.plural });
  const role = mentionText.length > first.length ? cleanRole(mentionText.slice(first.length).replace(/^\s*,?\s*/, '')) || null : null;
  return { speaker: first, mention: mentionText, role, entity: e, outlet: null };
}

/** "Dermer issued a statement to the New York Times": remember the outlet for the person's next quote. */
export function noteStatementOutlet(text: string, toks: readonly Token[], tracker: EntityTracker, map: Map<number, { outlet: string; paragraph: number }>, outlets: readonly string[], paragraph: number): void {
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

function firstWord(toks: readonly Token[]): number {
  let i = 0;
  while (i < toks.length && toks[i]!.k !== 'w') i++;
  return i;
}

