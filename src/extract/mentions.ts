/**
 * Entity mentions outside quotes: every proper name a sentence introduces, so that a later "he" or "the
 * newspaper" has something to refer to. Names inside quotes are the speaker's words and are skipped.
 */
import type { EntityTracker } from './coreference.js';
import { canonicalPersonName, firstNameGender, genderOf, HONORIFICS, isNameWord, isOrgNoun, isPersonNoun, looksLikeGroupPlural, parseMention, ROLE_WORDS, type Gender } from './names.js';
import { outletFromPhrase } from './outlets.js';
import { speechVerb } from './cues.js';
import { isCapWord, type Token } from './tokens.js';

/** Capitalised words that open sentences or name times and places rather than people. */
const NOT_NAMES = new Set(
  ('the a an in on at but and or so as if when while after before since for with from by this that these those there ' +
    'to of into over under about like among through across against around behind beyond without within upon via toward ' +
    'instead indeed moreover furthermore nonetheless nevertheless besides again finally later earlier unlike ' +
    'here it he she they we i you his her their our its my your what who why how where yet still now then also however ' +
    'meanwhile today yesterday last during despite although though because according officials some many most one two ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september ' +
    'october november december jan feb mar apr jun jul aug sep sept oct nov dec read watch click more related advertisement ' +
    'democrats republicans americans russians israelis europeans democratic republican american russian israeli ' +
    'is was are were does did do has have had will would can could should alongside outside inside each every another ' +
    'other such both either neither').split(' '),
);

const PLACES = new Set(
  ['united states', 'middle east', 'new york', 'los angeles', 'san francisco', 'north korea', 'south korea', 'saudi arabia', 'hong kong',
    'wall street', 'capitol hill', 'ground zero', 'air force', 'islamic state', 'white house', 'oval office', 'new hampshire',
    'north carolina', 'south carolina', 'new jersey', 'new mexico', 'west virginia', 'rhode island', 'puerto rico', 'great britain',
    'united kingdom', 'european union', 'united nations', 'soviet union', 'silicon valley', 'supreme court', 'secret service', 'las vegas',
    'san diego', 'st louis', 'new orleans', 'salt lake city', 'white house press', 'election day', 'labor day', 'fox news',
    'alabama', 'alaska', 'arizona', 'arkansas', 'california', 'colorado', 'connecticut', 'delaware', 'florida', 'georgia', 'hawaii', 'idaho',
    'illinois', 'indiana', 'iowa', 'kansas', 'kentucky', 'louisiana', 'maine', 'maryland', 'massachusetts', 'michigan', 'minnesota',
    'mississippi', 'missouri', 'montana', 'nebraska', 'nevada', 'new york city', 'north dakota', 'south dakota', 'ohio', 'oklahoma', 'oregon',
    'pennsylvania', 'tennessee', 'texas', 'utah', 'vermont', 'virginia', 'washington', 'wisconsin', 'wyoming', 'washington dc',
    'new york state', 'east room', 'rose garden', 'situation room', 'air force one', 'camp david', 'super bowl', 'times square',
    'central park', 'trump tower', 'middle eastern', 'latin america', 'south america', 'north america', 'east coast', 'west coast',
    'united states of america', 'district of columbia', 'el paso', 'des moines', 'palm beach', 'st. louis', 'san antonio', 'new england'],
);

/** First words of place names: "West Point", "New Jersey", "Fort Worth", "San Bernardino". */
const PLACE_FIRST = /^(West|East|North|South|New|Fort|Ft|Mount|Mt|Port|Lake|Saint|St|San|Santa|Los|Las|El|Great|Upper|Lower|Central|Northern|Southern|Eastern|Western)\.?$/;

/** Last words of place names: "Dominican Republic", "Orange County", "Van Cortlandt Park", "Washington Heights". */
const PLACE_LAST = /^(Republic|Kingdom|Emirates|Islands?|County|City|Valley|River|Mountains?|Street|Avenue|Square|Park|Bay|Beach|Coast|Sea|Ocean|Gulf|Canal|Peninsula|Province|Heights|Hills|Falls|Springs|Harbou?r|Airport|Stadium|Arena|Plaza|Boulevard|Road|Territory|Territories|Strait|Desert|Forest|Lake|Canyon|Village|Township|Borough)$/;

const TIME_NAMES = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|august|september|october|november|december|jan|feb|aug|sept|oct|nov|dec)$/;

/** Countries, cities and other capitalised words that are never a person's surname. */
const COMMON_CAPS = new Set(
  ('america russia israel china iran iraq syria turkey egypt mexico canada britain england france germany italy spain japan korea india ' +
    'pakistan afghanistan ukraine crimea cuba venezuela brazil saudi libya yemen jordan lebanon qatar europe asia africa moscow beijing ' +
    'london paris berlin tehran kabul baghdad damascus jerusalem brussels tokyo chicago boston atlanta denver dallas houston miami ' +
    'seattle detroit philadelphia baltimore cleveland phoenix orlando charlotte ferguson manhattan brooklyn harlem hollywood twitter ' +
    'facebook google apple amazon youtube instagram congress senate house isis isil nato obamacare medicare medicaid christmas easter ' +
    'thanksgiving muslims christians jews islam christianity god internet web').split(' '),
);

/**
 * The gender an honorific right before the name states ("Mr. Graham", "Mrs. Hillary Clinton"), or null: a
 * first name only suggests one ("Lindsey"), and an honorific elsewhere in the phrase is someone else's
 * ("Nick Merrill, a spokesman for Mrs. Clinton").
 */
export function statedGender(phrase: string, name: string): Gender {
  const first = name.split(/\s+/)[0];
  if (!first) return null;
  const words = phrase.split(/\s+/).map((w) => w.replace(/^[("'\u201c\u2018]+|[)"'\u201d\u2019,;:]+$/g, ''));
  for (let i = 0; i + 1 < words.length; i++) {
    const g = HONORIFICS.get(words[i]!.toLowerCase());
    if (g && words[i + 1] === first) return g;
  }
  return null;
}

/**
 * The gender the first name of a full name suggests ("Massachusetts Sen. Elizabeth Warren" → f: the
 * phrase's first capitalised word is a state, not a first name), or null; a lone word is no first name.
 */
export function nameGender(name: string): Gender {
  const words = name.split(/\s+/);
  return words.length >= 2 ? firstNameGender(words[0]!.replace(/\.$/, '')) : null;
}

/** A capitalised word that names a place, never a person's first name ("Wisconsin Trump" in a headline). */
export function isPlaceWord(word: string): boolean {
  const w = word.toLowerCase();
  return PLACES.has(w) || COMMON_CAPS.has(w);
}

const VERB_LIKE_AFTER = /^(said|says|told|tells|added|asked|wrote|argued|noted|has|had|have|is|was|will|would|could|did|does|also|then|later|never|still|just|went|made|took|gave|got|called|responded|replied|explained|agreed|admitted|acknowledged|insisted|declined|refused|defied|began|continued|appeared|seemed|spoke|met|won|lost|led|ran|voted|announced|pointed|tweeted|posted|denied|claimed|warned|urged|praised|criticized|attacked|accused|blamed|defended|launched|held|kept|knew|thought|believes|believed|wants|wanted|plans|planned|hopes|hoped)$/;

/** Whether the token after a name is a verb: the name is then the subject of the clause. */
function isVerbLike(next: Token | undefined): boolean {
  return next !== undefined && next.k === 'w' && (VERB_LIKE_AFTER.test(next.lo) || /^[a-z]+ed$/.test(next.t));
}

/**
 * Words opening a fronted clause ("Asked about Bose's warning, Calder shrugged", "After meeting Okoro,
 * Marsh …"): a name before the clause's comma is not the sentence's subject.
 */
const FRONTING = /^(asked|pressed|questioned|after|before|despite|unlike|like|while|when|whereas|although|though|as|since|following|amid|during|once|until|upon|if|unless|because|in|at|on|with|without|from|by|beside|besides|alongside|against|given|having|being)$/;

/** The token index of the comma closing a fronted clause, or -1 when the sentence opens with no such clause. */
function frontedClauseEnd(toks: readonly Token[]): number {
  const first = toks.findIndex((t) => t.k !== 'p');
  const w = toks[first];
  if (!w || w.k !== 'w' || !(FRONTING.test(w.lo) || /^\p{Lu}\p{Ll}+(ed|ing)$/u.test(w.t))) return -1;
  for (let k = first + 1; k < toks.length; k++) {
    if (toks[k]!.k === 'p' && toks[k]!.t === ',') return k;
    if (toks[k]!.k === 'p' && /^[.;:!?]$/.test(toks[k]!.t)) return -1;
  }
  return -1;
}

/** Whether the name at `from` opens the main clause: only an opener ("But", "And then") or a fronted clause before it. */
function opensMainClause(toks: readonly Token[], from: number, fronted: number): boolean {
  const start = fronted >= 0 ? fronted + 1 : 0;
  if (from < start) return false;
  const before = toks.slice(start, from).filter((t) => t.k !== 'p');
  return before.length <= 2 && before.every((t) => t.k === 'w' && NOT_NAMES.has(t.lo));
}

/** Words after "X's" that make it "X is" / "X has" ("Christie's been making the case"), not a possessive. */
const AFTER_CONTRACTION = /^(been|got|gotten|not|never|a|an|the|also|still|just|already|always|now|going|done|said|told|made|become|in|on|at|out|up|back|here|there|no|very|so|too|more|about|expected|likely|set|due|running|trying|looking)$/;

/** Whether the name ending at token `k` is a possessor ("Bose's warning"), not a contraction. */
function isPossessive(toks: readonly Token[], k: number): boolean {
  if (!/[’']s$/.test(toks[k]!.t)) return false;
  const next = toks[k + 1];
  return !(next?.k === 'w' && AFTER_CONTRACTION.test(next.lo));
}

/** Whether the words after a possessor (from `k`) are a person it has: "campaign manager", "wife", "lawyer, Jo Reed". */
function possessedPerson(toks: readonly Token[], k: number): boolean {
  for (let n = k; n < toks.length && n < k + 3; n++) {
    const t = toks[n]!;
    if (t.k !== 'w' || isCapWord(t)) return false;
    if (isPersonNoun(t.lo)) return toks[n + 1]?.k === 'p' && toks[n + 1]!.t === ',' && isCapWord(toks[n + 2]);
  }
  return false;
}

/** Words before a person noun that keep it from describing the name after it ("helped engineer Trump's win"). */
const NOT_BEFORE_TITLE = /^(to|will|would|can|could|should|may|might|must|did|does|do)$/;

/**
 * A lower-case role or person noun right before a name ("engineer Priyanka Bose", "chief engineer Ann
 * Vale", "Guardian reporter Tom Reed"): what the article calls the person, so that "the engineer" can
 * refer to them later. Returns the words ("former" included when it qualifies them), or null.
 */
function descriptionBefore(toks: readonly Token[], from: number): string[] | null {
  let k = from - 1;
  const words: string[] = [];
  while (k >= 0 && toks[k]!.k === 'w' && !isCapWord(toks[k]) && (ROLE_WORDS.has(toks[k]!.lo) || isPersonNoun(toks[k]!.lo))) {
    words.unshift(toks[k]!.lo);
    k--;
  }
  if (words.length === 0 || !isPersonNoun(words[words.length - 1]!) || words.length > 4) return null;
  const prev = toks[k];
  if (prev?.k === 'w' && (NOT_BEFORE_TITLE.test(prev.lo) || /[’']s$/.test(prev.t))) return null;
  return words;
}

/** Register the names of one sentence's tokens with the tracker (persons, organisations, outlets). */
export function registerNames(tracker: EntityTracker, text: string, toks: readonly Token[], sentence: number): void {
  const fronted = frontedClauseEnd(toks);
  let i = 0;
  while (i < toks.length) {
    const t = toks[i]!;
    if (!isCapWord(t) && !(t.k === 'w' && HONORIFICS.has(t.lo + '.'))) {
      i++;
      continue;
    }
    let j = i;
    // a name run ends before a day or month ("told the Gazette Tuesday")
    while (j < toks.length && toks[j]!.k === 'w' && (isCapWord(toks[j]) || (j > i && isNameWord(toks[j]!.t) && isCapWord(toks[j + 1]))) && !(j > i && TIME_NAMES.test(toks[j]!.lo))) {
      j++;
      if (/[’']s$/.test(toks[j - 1]!.t)) break;
    }
    // a title-case headline ("Mayor Jo Reed Says Harbour …"): a capitalised speech verb ends the name
    for (let k = i + 1; k < j; k++) {
      if (speechVerb(toks[k]!.lo) && /s$/.test(toks[k]!.lo) && !isNameWord(toks[k - 1]!.t.replace(/[’']s$/, '')) === false && toks[k]!.lo !== 'jones') {
        j = k;
        break;
      }
    }
    let words = toks.slice(i, j).map((x) => x.t.replace(/[’']s$/, ''));
    let from = i;
    // a sentence-initial opener is not part of the name, nor an inverted cue opening it ("Says Ruth Calder: …")
    while (words.length > 0 && (NOT_NAMES.has(words[0]!.toLowerCase().replace(/\.$/, '')) || (from === firstWordAt(toks) && words.length > 1 && /^(says|said|adds|added|writes|wrote|recalls|recalled|explains|explained|insists|insisted)$/i.test(words[0]!)))) {
      words = words.slice(1);
      from++;
    }
    i = Math.max(j, i + 1);
    if (words.length === 0) continue;
    // "Reed consultant Tom Pike", "Vale spokesman Joe Bloggs": a name modifying a role is not the subject
    const after = toks[j];
    if (after?.k === 'w' && !isCapWord(after) && (ROLE_WORDS.has(after.lo) || isPersonNoun(after.lo)) && isCapWord(toks[j + 1])) continue;
    // ("a German woman", "a Berlin woman": one capitalised word before a person noun modifies it; a person named
    // before stays in view, "Sanders supporters")
    if (words.length === 1 && after?.k === 'w' && !isCapWord(after) && isPersonNoun(after.lo) && !/[’']s$/.test(toks[j - 1]!.t) && !tracker.knownPerson(words[0]!)) continue;
    const phrase = words.join(' ');
    const pos = toks[from]!.start;
    // ("Procter & Gamble", "Ruth Calder & Bob Quill": the tokens drop a lone "&", the text keeps it) one firm,
    // or two people together — never a person called "Procter Gamble"
    const written = text.slice(pos, toks[j - 1]!.end).replace(/[’']s$/, '');
    if (written.includes('&') && /\s&\s/.test(written)) {
      const amp = parseMention(written);
      if (amp.kind === 'group') tracker.mentionName(written, 'group', null, pos, sentence, { plural: true });
      else if (amp.kind === 'org' && amp.name) tracker.mentionName(amp.name, 'org', null, pos, sentence, { head: amp.head });
      if (amp.kind === 'group' || amp.kind === 'org') continue;
    }
    const outlet = outletFromPhrase(phrase);
    if (outlet && (phrase.split(' ').length > 1 || /^[A-Z]{2,}$/.test(phrase) || /^(Reuters|Politico|Bloomberg|Buzzfeed|BuzzFeed|Axios|Politifact|PolitiFact|Breitbart|Newsweek)$/.test(phrase))) {
      tracker.mentionName(outlet, 'outlet', null, pos, sentence);
      continue;
    }
    const lower = phrase.toLowerCase();
    if (PLACES.has(lower)) {
      if (lower === 'white house') tracker.mentionName('the White House', 'org', null, pos, sentence, { head: 'house' });
      continue;
    }
    // one capitalised word opening a sentence is usually just capitalised ("Chastened by …", "Immigration is …")
    if (from === 0 && words.length === 1 && /(ed|ing|ly|tion|sion|ment|ness|ism)$/.test(words[0]!) && !tracker.knownPerson(words[0]!)) continue;
    // ("F.A.A.", "AT&T": an abbreviation or a firm's initials names a body, never "he" or "she")
    if (words.length === 1 && (/^(?:\p{Lu}\.){2,}$/u.test(words[0]!) || /&/.test(words[0]!))) continue;
    const m = parseMention(phrase);
    if (!m.name || /(^|\s)I$/.test(m.name)) continue;
    const nameWords = m.name.split(/\s+/);
    if (nameWords.some((w) => isOrgNoun(w.toLowerCase()))) {
      tracker.mentionName(m.name, 'org', null, pos, sentence, { head: nameWords[nameWords.length - 1]!.toLowerCase() });
      continue;
    }
    const hasTitle = m.role !== null && m.role.split(/\s+/).some((w) => ROLE_WORDS.has(w.toLowerCase())) || words.some((w) => HONORIFICS.has(w.toLowerCase()));
    const known = tracker.knownPerson(nameWords[nameWords.length - 1]!);
    // a lone capitalised word is a surname when it is the subject of a verb ("Okafor defied …"), not a place
    // ("Delegates questioned …" opens with a plural noun, not a surname)
    const lone = nameWords.length === 1 && words.length === 1 && !(from === 0 && /[^s]s$/.test(phrase)) && !(looksLikeGroupPlural(phrase) && known === null) && !PLACES.has(lower) && !COMMON_CAPS.has(lower) && !/^[A-Z]{2,}$/.test(phrase) && !/[’']s$/.test(toks[i - 1]?.t ?? '') && isVerbLike(toks[i]);
    const personLike = hasTitle || known !== null || lone || (nameWords.length >= 2 && nameWords.length <= 4 && !/^[A-Z]{2,}$/.test(nameWords[0]!)) || firstNameGender(nameWords[0]!) !== null;
    if (!personLike) continue;
    // ("Young voters", "Some Italians": a people or a group, whatever words come before it)
    if (!hasTitle && looksLikeGroupPlural(nameWords[nameWords.length - 1]!) && firstNameGender(nameWords[0]!) === null && known === null) continue;
    // "a scholarship to West Point", "he owned the New Jersey Generals": a place's first word, or "the" before a
    // run of capitalised words with no first name, names a place, a team or a body — never "he" or "she"
    const unnamed = !hasTitle && known === null && firstNameGender(nameWords[0]!) === null && nameWords.length >= 2;
    // (not registered at all: as an organisation "they" and "it" would find it where they found nobody before)
    if (unnamed && (PLACE_FIRST.test(nameWords[0]!) || PLACE_LAST.test(nameWords[nameWords.length - 1]!) || /^(the|its|their|his|her|our|my|your|a|an)$/.test(toks[from - 1]?.lo ?? ''))) continue;
    // ("the Kestrels", "the Hawks": one capitalised word after "the" names a group or a thing, never "he" or "she")
    if (!hasTitle && known === null && words.length === 1 && toks[from - 1]?.lo === 'the' && firstNameGender(nameWords[0]!) === null) continue;
    // a name in a fronted clause is not the sentence's subject, nor a possessor inside the sentence ("… at
    // Bose's warning"); a possessor opening the main clause is its topic ("Vale's quarrel with the board …")
    const opensClause = opensMainClause(toks, from, fronted);
    // ("Vale's press officer, Joe Bloggs, appeared …": the possessor of the person the sentence is about is
    // no topic, even opening the clause)
    const ofPerson = isPossessive(toks, j - 1) && possessedPerson(toks, j);
    const minor = from < fronted || (isPossessive(toks, j - 1) && (!opensClause || ofPerson));
    // (the words only, never the role: the speaker phrase gives a fuller one, "Republican presidential candidate")
    const before = minor ? null : descriptionBefore(toks, from);
    const stated = statedGender(words.join(' '), m.name);
    tracker.mentionName(canonicalPersonName(m.name), 'person', stated ?? nameGender(m.name) ?? genderOf(words), pos, sentence, { role: m.role, words: [...(before ?? []), ...m.words], minor, strongGender: stated !== null });
    // "Khizr and Ghazala Khan", "Jo and Tom Reed": the first name before "and" is a second person of that
    // surname (registered after the full name, so a tie over a bare "Khan" does not go to them)
    const first = toks[from - 2];
    if (nameWords.length >= 2 && toks[from - 1]?.lo === 'and' && first?.k === 'w' && /^\p{Lu}\p{Ll}+$/u.test(first.t) && !isCapWord(toks[from - 3]) && !NOT_NAMES.has(first.lo) && !COMMON_CAPS.has(first.lo) && (tracker.knownPerson(first.t)?.name.includes(' ') ?? false) === false) {
      tracker.mentionName(`${first.t} ${nameWords[nameWords.length - 1]!}`, 'person', firstNameGender(first.t), first.start, sentence, { minor });
    }
  }
  void text;
}

/** The index of a sentence's first word. */
function firstWordAt(toks: readonly Token[]): number {
  let i = 0;
  while (i < toks.length && toks[i]!.k !== 'w') i++;
  return i;
}
