/**
 * Coreference within one article: which earlier entity "he", "she", "they", "it", "the officer" or "the
 * newspaper" refers to. Candidates must agree in gender and number; among them the most recent wins, with
 * the subject of a sentence (its first mention) preferred to a later mention in the same sentence, and
 * the last speaker preferred by pronouns that introduce quotes. When nothing agrees the answer is null:
 * we never guess.
 */
import { speechVerb } from './cues.js';
import { isPlaceWord } from './mentions.js';
import { OUTLET_NOUNS } from './outlets.js';
import { firstNameGender, looksLikePersonNoun, ROLE_WORDS, surname, type Gender, type ParsedMention } from './names.js';

export type EntityKind = 'person' | 'org' | 'outlet' | 'group' | 'description';

export interface Entity {
  id: number;
  /** Canonical name: the fullest name seen ("H.R. McMaster"), or the description that introduced it. */
  name: string;
  kind: EntityKind;
  gender: Gender;
  plural: boolean;
  role: string | null;
  /** Lower-case words of descriptions and roles ("israeli", "intelligence", "officer"). */
  words: Set<string>;
  /** Head nouns it was described by ("officer", "official", "ambassador"). */
  heads: Set<string>;
  /** The gender was stated by an honorific ("Mr. Graham"), not guessed from a first name. */
  genderSure?: boolean;
  /** The gender was guessed from a lone word ("Warren"), which may be a surname, not a first name. */
  genderGuessed?: boolean;
  /** A bare surname several people of the article share, none of them clearly meant ("Reed"). */
  ambiguous?: boolean;
  /**
   * Words it was described by only after "former" ("Calder, a former engineer herself"): what the person
   * was, not is, so "the engineer" does not refer to them ("the former engineer" still does).
   */
  former: Set<string>;
}

interface MentionEvent {
  entity: Entity;
  pos: number;
  sentence: number;
  /** The entity spoke in this sentence. */
  speaker: boolean;
  paragraph: number;
  /**
   * Not the subject: a possessor ("Bose's warning") or a name inside a fronted clause ("Asked about
   * Bose's warning, Calder shrugged"). A later pronoun prefers the sentence's other mentions.
   */
  minor?: boolean;
  /** Asked a question ("a reporter asked if …"): the one who answers next is someone else. */
  asker?: boolean;
}

const GENERIC_ORG_HEADS = new Set(['campaign', 'committee', 'department', 'ministry', 'agency', 'administration', 'government', 'office', 'council', 'commission', 'company', 'firm', 'group', 'organization', 'organisation', 'party', 'court', 'embassy', 'bureau', 'network', 'board', 'team', 'union']);

export class EntityTracker {
  private entities: Entity[] = [];
  private events: MentionEvent[] = [];
  /** Persons by surname: several when the article names several (Jo and Tom Reed, Ann and Joe Vale). */
  private bySurname = new Map<string, Entity[]>();
  /** How often each entity was named: a bare surname means the most-named person of that surname. */
  private named = new Map<number, number>();
  /** The sentence each entity last spoke in. */
  private lastSpoke = new Map<number, number>();
  /** The paragraph being read: pronouns do not reach back more than two paragraphs. */
  paragraph = 0;

  /** Record a proper name or description at `pos`; returns the entity it refers to (new or known). */
  mentionName(name: string, kind: EntityKind, gender: Gender, pos: number, sentence: number, opts: { role?: string | null; speaker?: boolean; words?: string[]; head?: string | null; plural?: boolean; minor?: boolean; strongGender?: boolean; asker?: boolean } = {}): Entity {
    let e: Entity | undefined;
    // a possessive is not part of the name ("Donald Trump’s campaign")
    if (kind === 'person' && name.endsWith('s') && /[’']s$/.test(name)) name = name.slice(0, -2);
    if (kind === 'person') {
      const key = surname(name).toLowerCase();
      const same = this.bySurname.get(key) ?? [];
      const words = name.split(/\s+/);
      const full = same.filter((x) => !x.ambiguous && x.name.split(/\s+/).length > 1);
      if (words.length === 1) {
        e = this.bareSurname(name, same, full, gender, sentence);
      } else {
        // a different first name is a different person (Tom and Jo Reed); a bare surname seen before the
        // full name is that person's, unless it was left ambiguous between several
        e = full.find((x) => sameFirst(words[0]!, x.name.split(/\s+/)[0]!)) ?? same.find((x) => !x.ambiguous && x.name.split(/\s+/).length === 1);
      }
      if (!e) {
        e = { id: this.entities.length, name, kind, gender, plural: false, role: null, words: new Set(), heads: new Set(), former: new Set(), genderGuessed: words.length === 1 && gender !== null && !opts.strongGender };
        this.entities.push(e);
        same.push(e);
        this.bySurname.set(key, same);
      } else if (!e.ambiguous && name.length > e.name.length && words.length >= e.name.split(/\s+/).length) {
        e.name = name;
      }
      this.named.set(e.id, (this.named.get(e.id) ?? 0) + 1);
    } else {
      const key = name.toLowerCase().replace(/^the /, '');
      e = this.entities.find((x) => x.kind === kind && x.name.toLowerCase().replace(/^the /, '') === key);
      if (!e) {
        e = { id: this.entities.length, name, kind, gender, plural: opts.plural ?? kind === 'group', role: null, words: new Set(), heads: new Set(), former: new Set() };
        this.entities.push(e);
      }
    }
    // a first name only suggests a gender ("Lindsey Graham"); "Mr." or "Mrs." says it, and wins. Not
    // through a bare surname several people share: "Mr. Khan" may have been taken for the wrong Khan.
    const shared = kind === 'person' && name.split(/\s+/).length === 1 && (this.bySurname.get(surname(e.name).toLowerCase())?.filter((x) => !x.ambiguous).length ?? 0) > 1;
    // A lone word's gender is a guess twice over ("Warren said": a surname that is also a man's name), so a
    // full name's first name replaces it ("Elizabeth Warren").
    const lone = kind === 'person' && name.split(/\s+/).length === 1;
    if (gender && opts.strongGender && !e.genderSure && !shared) {
      e.gender = gender;
      e.genderSure = true;
      e.genderGuessed = false;
    } else if (gender && !shared && (!e.gender || (e.genderGuessed && !lone && !e.genderSure))) {
      e.gender = gender;
      e.genderGuessed = lone;
    }
    if (opts.role && !e.role) e.role = opts.role;
    if (opts.head) e.heads.add(opts.head);
    addDescriptionWords(e, opts.words ?? []);
    addDescriptionWords(e, (opts.role ?? '').toLowerCase().split(/\s+/));
    this.events.push({ entity: e, pos, sentence, speaker: opts.speaker ?? false, paragraph: this.paragraph, minor: opts.minor ?? false, asker: opts.asker ?? false });
    if (opts.speaker) this.lastSpoke.set(e.id, sentence);
    return e;
  }

  /** Mark an entity as the speaker of a sentence (salient for following pronouns). */
  markSpeaker(e: Entity, pos: number, sentence: number): void {
    this.events.push({ entity: e, pos, sentence, speaker: true, paragraph: this.paragraph });
    this.lastSpoke.set(e.id, sentence);
  }

  /** Record a resolved mention ("He nodded …" → the entity "He" is): it keeps the entity salient. */
  markMention(e: Entity, pos: number, sentence: number, asker = false): void {
    this.events.push({ entity: e, pos, sentence, speaker: false, paragraph: this.paragraph, asker });
  }

  /** Learn gender from a resolved pronoun. */
  learnGender(e: Entity, g: Gender): void {
    if (g && !e.gender && e.kind === 'person') e.gender = g;
  }

  /** A person already known by this surname (for a bare "McMaster"). */
  knownPerson(word: string): Entity | null {
    return this.mostNamed(this.bySurname.get(word.toLowerCase()) ?? []) ?? null;
  }

  /**
   * The person a bare surname ("Reed said", "Mrs. Clinton") means. One person of that surname: them. Several:
   * those of another stated gender drop out ("Mrs. Clinton" is not Bill); then the one named most often
   * (the story's subject: "Vale said" in a story about Tom Vale that also names Joe and Ann Vale), or the
   * one who spoke in this or the previous sentence ("Jo Reed, the harbour master, said … Reed added"). Otherwise the surname stays a speaker of its own, "Reed":
   * two people are never merged into one, and a guess would put one person's words in another's mouth.
   */
  private bareSurname(name: string, same: Entity[], full: readonly Entity[], gender: Gender, sentence: number): Entity | undefined {
    if (full.length === 0) return same.find((x) => x.ambiguous) ?? same[0];
    if (full.length === 1) return full[0];
    const agreeing = gender ? full.filter((x) => x.gender === gender) : [];
    const pool = agreeing.length > 0 ? agreeing : gender ? full.filter((x) => !x.gender || x.gender === gender) : full;
    if (pool.length === 1) return pool[0];
    const count = (x: Entity): number => this.named.get(x.id) ?? 0;
    // a run the name scan took for a name ("Understated Perez", "Donor Adelson" in a headline) is no second
    // person: ambiguity needs two names that both look like first name and surname, else the most named
    const distinct = pool.filter((x) => looksLikeFullName(x.name));
    if (distinct.length === 1) return distinct[0];
    if (distinct.length === 0) return this.mostNamed(pool);
    // "Ms. Khan" among Khans of unknown gender: which one is not known, however often each was named
    if (gender && agreeing.length === 0) return this.ambiguousSurname(name, same);
    const ranked = [...pool].sort((a, b) => count(b) - count(a));
    if (ranked.length > 0 && count(ranked[0]!) > count(ranked[1]!)) return ranked[0];
    // the one who spoke in this or the previous sentence ("Jo Reed said … Reed added")
    // (not for "Ms. Khan" when that one's gender is unknown: "her son, Humayun Khan. … Ms. Khan wrote")
    const recent = pool.filter((x) => sentence - (this.lastSpoke.get(x.id) ?? -99) <= 1 && (!gender || x.gender === gender));
    if (recent.length === 1) return recent[0];
    return this.ambiguousSurname(name, same);
  }

  /** The surname as a speaker of its own ("Reed"), standing for whichever of several people it means. */
  private ambiguousSurname(name: string, same: Entity[]): Entity {
    const bare = same.find((x) => x.ambiguous);
    if (bare) return bare;
    const e: Entity = { id: this.entities.length, name, kind: 'person', gender: null, plural: false, role: null, words: new Set(), heads: new Set(), former: new Set(), ambiguous: true };
    this.entities.push(e);
    same.push(e);
    return e;
  }

  private mostNamed(list: readonly Entity[]): Entity | undefined {
    let best: Entity | undefined;
    for (const e of list) if (!best || (this.named.get(e.id) ?? 0) > (this.named.get(best.id) ?? 0)) best = e;
    return best;
  }

  /**
   * The entity a pronoun at `pos` refers to. `quoteCue`: the pronoun is the subject of a reporting verb,
   * where the last speaker is the likeliest referent.
   */
  resolvePronoun(pronoun: string, pos: number, sentence: number, quoteCue: boolean, quoted = '', reportedFrom = -1): Entity | null {
    const p = pronoun.toLowerCase();
    // a speaker does not name himself in the third person: "Trump spent…," he said is not Trump
    const quotedWords = new Set(quoted.split(/[^\p{L}]+/u).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w.toLowerCase()));
    const fits = (e: Entity): boolean => {
      if (quotedWords.size > 0 && e.kind === 'person' && quotedWords.has(surname(e.name).toLowerCase())) return false;
      return agrees(e);
    };
    const agrees = (e: Entity): boolean => {
      // a description is a person only when its head names one ("the officer", not "the statement")
      const human = e.kind === 'person' || (e.kind === 'description' && [...e.heads].some(looksLikePersonNoun));
      if (p === 'he') return human && e.gender !== 'f' && !e.plural;
      if (p === 'she') return human && e.gender !== 'm' && !e.plural;
      if (p === 'they') return e.plural || e.kind === 'group' || e.kind === 'org' || (human && e.kind === 'description' && e.gender === null);
      if (p === 'it') return e.kind === 'org' || e.kind === 'outlet';
      if (p === 'we') return e.kind === 'group' || e.kind === 'org';
      return false;
    };
    // `reportedFrom`: the words reported before the pronoun ("Vale is no friend of the harbour, he said") name what was
    // spoken about; the speaker is named before them
    // (when no one else agrees, the paraphrase names its own speaker: "Ms. Okafor was shocked, she said")
    return (reportedFrom >= 0 ? this.search(pos, sentence, fits, quoteCue, 4, 2, false, reportedFrom) : null) ?? this.search(pos, sentence, fits, quoteCue);
  }

  /** The entity a definite description ("the officer", "the newspaper", "the US official") refers to. */
  resolveDescription(m: ParsedMention, pos: number, sentence: number): Entity | null {
    const head = m.head;
    if (!head) return null;
    const modifiers = m.words.filter((w) => w !== head && !/^(the|this|that|these|those|his|her|their|its)$/.test(w) && w !== head + 's');
    if (OUTLET_NOUNS.has(head)) {
      const outlet = this.search(pos, sentence, (e) => e.kind === 'outlet', false, 6);
      if (outlet) return outlet;
    }
    const fits = (e: Entity): boolean => {
      if (e.kind === 'outlet') return false;
      const has = e.heads.has(head) || e.words.has(head) || (e.role ?? '').toLowerCase().split(/\s+/).includes(head);
      if (!has) return false;
      // "the union" is not the "union leader": a head that names no person matches a person only as a head
      if (e.kind === 'person' && !e.heads.has(head) && !looksLikePersonNoun(head) && !ROLE_WORDS.has(head)) return false;
      // "the engineer" is not someone who was "a former engineer"; "the former engineer" may be
      if (e.former.has(head) && !e.heads.has(head) && !m.words.some((w) => PAST.test(w))) return false;
      if (m.plural !== e.plural && e.kind !== 'org') return false;
      return modifiers.every((w) => e.words.has(w) || e.name.toLowerCase().includes(w));
    };
    const hit = this.search(pos, sentence, fits, false, 30, undefined, true);
    if (hit) return hit;
    if (GENERIC_ORG_HEADS.has(head)) return this.search(pos, sentence, (e) => e.kind === 'org' && e.name.toLowerCase().includes(head), false, 30);
    return null;
  }

  /** Most salient fitting entity mentioned before `pos`, looking back at most `maxSentences`. */
  private search(pos: number, sentence: number, fits: (e: Entity) => boolean, preferSpeaker: boolean, maxSentences = 4, maxParagraphs = maxSentences <= 4 ? 2 : 1000, unique = false, skipFrom = -1): Entity | null {
    // walk back sentence by sentence; in the current sentence, the nearest mention before the pronoun;
    // in earlier ones, the first mention (the subject) unless the last speaker fits.
    let best: Entity | null = null;
    let fallback: Entity | null = null;
    let i = this.events.length - 1;
    while (i >= 0 && this.events[i]!.pos >= pos) i--;
    if (i < 0) return null;
    let s = this.events[i]!.sentence;
    while (i >= 0) {
      const sent = this.events[i]!.sentence;
      if (sentence - sent > maxSentences || this.paragraph - this.events[i]!.paragraph > maxParagraphs) break;
      const group: MentionEvent[] = [];
      while (i >= 0 && this.events[i]!.sentence === sent) {
        if (this.events[i]!.pos < pos && !(skipFrom >= 0 && this.events[i]!.pos >= skipFrom)) group.push(this.events[i]!);
        i--;
      }
      group.reverse();
      const fitting = group.filter((g) => fits(g.entity));
      if (fitting.length > 0) {
        if (preferSpeaker) {
          const sp = fitting.find((g) => g.speaker);
          if (sp) return sp.entity;
        }
        // the subject: the first mention that is not a possessor or inside a fronted clause ("Asked about
        // Bose's warning, Calder shrugged" → Calder), else the first mention
        // (only one who asked a question here: kept, but someone in the sentences before wins — the one asked)
        if (fitting.every((g) => g.asker)) {
          fallback ??= fitting[0]!.entity;
          s = sent;
          continue;
        }
        best = (fitting.find((g) => !g.minor && !g.asker) ?? fitting.find((g) => !g.asker) ?? fitting[0]!).entity;
        // a description two people of the sentence fit ("Bose and Calder spoke. … the engineer said", both
        // engineers) names neither: unknown rather than the first one
        if (unique && new Set(fitting.filter((g) => !g.minor).map((g) => g.entity.id)).size > 1) return null;
        return best;
      }
      s = sent;
    }
    void s;
    return best ?? fallback;
  }
}

/**
 * Whether a name has the shape of a first name (or initials) and a surname: "Tom Reed", "H.R. McMaster",
 * not a headline's run ("Understated Perez", "Impeach AG Lynch", "Chuck Grassley Compares Trump").
 */
function looksLikeFullName(name: string): boolean {
  let words = name.split(/\s+/);
  // a title the name scan kept ("Actor Clint Howard") is not part of it
  while (words.length > 2 && (ROLE_WORDS.has(words[0]!.toLowerCase()) || looksLikePersonNoun(words[0]!.toLowerCase()))) words = words.slice(1);
  if (words.length < 2 || words.length > 3) return false;
  const first = words[0]!;
  if (firstNameGender(first.replace(/\.$/, '')) !== null) return true;
  const lower = first.toLowerCase();
  if (ROLE_WORDS.has(lower) || looksLikePersonNoun(lower) || /(ed|ing|ly)$/.test(lower)) return false;
  // a headline's verb or preposition ("Calls Trump", "On Trump", "Response To Trump")
  if (words.slice(0, -1).some((w) => HEADLINE_WORDS.has(w.toLowerCase()) || speechVerb(w.toLowerCase()) !== null || isPlaceWord(w))) return false;
  return words.slice(0, -1).every((w) => /^\p{Lu}\p{Ll}+$/u.test(w) || /^(\p{Lu}\.)+$/u.test(w));
}

/** Capitalised words of a title-case headline that are never part of a person's name. */
const HEADLINE_WORDS = new Set('on to at in of for from by with about against over after before as and or but the a an is are was were be has have vs versus into amid new young old first last not'.split(' '));

/** Words that make what follows a past description: "a former engineer" is no engineer now. */
const PAST = /^(former|ex|onetime|one-time|erstwhile)$/;

/**
 * Add the words of a description or role to an entity. Words after "former" (up to the end of their
 * apposition) are kept apart in `former`, unless the entity is also described by them without it.
 */
function addDescriptionWords(e: Entity, words: readonly string[]): void {
  let past = false;
  for (const raw of words) {
    const w = raw.toLowerCase().replace(/^[("'\u201c\u2018]+|[)"'\u201d\u2019,;:]+$/g, '');
    if (!w) continue;
    if (PAST.test(w)) past = true;
    else if (past) {
      if (!e.words.has(w) || e.former.has(w)) e.former.add(w);
    } else e.former.delete(w);
    e.words.add(w);
    // an apposition ends the scope of "former": "a former engineer, now mayor"
    if (/[,;]$/.test(raw)) past = false;
  }
}

function sameFirst(a: string, b: string): boolean {
  const x = a.replace(/\./g, '').toLowerCase();
  const y = b.replace(/\./g, '').toLowerCase();
  if (x === y) return true;
  // titles and initials may precede: "President Donald Trump" vs "Donald Trump", "HR" vs "H.R."
  return x.startsWith(y[0] ?? '') && (x.length <= 2 || y.length <= 2) || x === 'president' || y === 'president';
}
