/**
 * Names and roles: what a speaker noun phrase says about who spoke.
 *
 * "National Security Adviser H.R. McMaster" → name "H.R. McMaster", role "National Security Adviser";
 * "HR McMaster, the national security adviser who participated in the meeting" → name "HR McMaster",
 * role "the national security adviser who participated in the meeting"; "an Israeli intelligence officer"
 * → a description (no name) with head noun "officer".
 */
import { outletFromPhrase } from './outlets.js';

export type Gender = 'm' | 'f' | null;
export type MentionKind = 'person' | 'org' | 'group' | 'pronoun' | 'description';

export interface ParsedMention {
  /** The phrase as written. */
  mention: string;
  /** A proper name in the phrase ("H.R. McMaster"), without honorifics. */
  name: string | null;
  role: string | null;
  kind: MentionKind;
  gender: Gender;
  plural: boolean;
  /** Head noun of a description ("officer" in "an Israeli intelligence officer"), lower case. */
  head: string | null;
  /** Lower-case content words of a description, for matching "the US official" to "a US official familiar with…". */
  words: string[];
  /** Whether the phrase is definite ("the officer"): it refers back, where an indefinite one introduces. */
  definite: boolean;
}

export const HONORIFICS = new Map<string, Gender>([
  ['mr', 'm'], ['mr.', 'm'], ['mrs', 'f'], ['mrs.', 'f'], ['ms', 'f'], ['ms.', 'f'], ['miss', 'f'], ['dr', null], ['dr.', null],
  ['sir', 'm'], ['dame', 'f'], ['lord', 'm'], ['lady', 'f'],
]);

/** Words of titles and roles, lower case: never part of a name. */
export const ROLE_WORDS = new Set(
  (
    'president vice secretary adviser advisor senator sen sen. rep rep. representative congressman congresswoman gov gov. governor ' +
    'lt lt. gov. mayor director chairman chairwoman chair minister prime foreign ambassador spokesman spokeswoman spokesperson ' +
    'press national security attorney general chief justice judge speaker leader majority minority deputy assistant ' +
    'commissioner officer agent detective sheriff gen gen. col col. sgt sgt. capt capt. professor prof prof. rev rev. former ' +
    'state homeland defense treasury commerce labor energy campaign manager ceo executive candidate nominee republican ' +
    'democratic democrat gop presidential senior top white house senate pope king queen prince princess emperor ' +
    'sheikh ayatollah chancellor premier envoy counsel lawyer attorney official officials analyst strategist pollster ' +
    'economist professor researcher fellow editor reporter columnist correspondent anchor host commentator founder ' +
    'owner cofounder co-founder partner member members staff staffer aide aides adviser advisers spokesmen consultant ' +
    'pastor bishop cardinal rabbi imam activist organizer organiser coach captain commander admiral general marshal ' +
    'trooper constable inspector superintendent police chief clerk auditor comptroller treasurer whip delegate ' +
    'mp mep minister ministers nominee running mate first lady u.s. us american democratic-leaning republican-leaning ' +
    'independent conservative liberal progressive then-candidate then-president acting interim incoming outgoing ' +
    'assistant associate managing general sec sec. atty atty. supt supt. insp insp. det det. cmdr cmdr. adm adm. maj maj. ' +
    'councillor councilor councilman councilwoman councilmember alderman alderwoman assemblyman assemblywoman assemblymember lawmaker ' +
    'legislator selectman supervisor trustee regent provost chancellor superintendent ' +
    'hon hon. del del. delegate sgt. cpl pvt special counselor counsellor director-general secretary-general undersecretary'
  ).split(/\s+/),
);

/** Nouns that name people by what they do: heads of descriptions ("the officer", "a spokesman"). */
const PERSON_NOUNS = new Set(
  (
    'officer official spokesman spokeswoman spokesperson adviser advisor aide source person man woman lawyer attorney ' +
    'analyst expert strategist pollster economist professor researcher diplomat ambassador minister senator congressman ' +
    'congresswoman governor mayor president director chairman chairwoman secretary leader candidate nominee judge ' +
    'justice agent detective sheriff spokesperson critic supporter voter resident witness activist executive manager ' +
    'editor reporter columnist correspondent commentator host founder owner member staffer consultant insider ' +
    'negotiator general commander soldier veteran doctor physician nurse student teacher worker employee neighbor ' +
    'friend relative father mother son daughter wife husband brother sister businessman businesswoman billionaire ' +
    'lawmaker legislator politician representative delegate operative donor fundraiser organizer volunteer protester ' +
    'demonstrator victim survivor officer official insider observer historian scientist engineer chief administrator ' +
    'investigator prosecutor defendant plaintiff counsel whistleblower questioner caller viewer reader listener ' +
    'republican democrat conservative liberal independent niece nephew aunt uncle cousin grandson granddaughter ' +
    'grandmother grandfather widow widower mom dad spouse fiance fiancee girlfriend boyfriend colleague neighbour ' +
    'classmate roommate coworker co-worker teammate boss employer landlord tenant pastor priest rabbi imam bishop ' +
    'coach player fan attendee delegate narrator announcer moderator anchor host interviewer panelist'
  ).split(/\s+/),
);

/** Nouns that name organisations or groups acting as one ("the campaign said", "the White House said"). */
const ORG_NOUNS = new Set(
  (
    'campaign committee department ministry agency administration government house office council commission ' +
    'company firm group organization organisation association institute foundation center centre party union ' +
    'court embassy bureau service army military police network newspaper paper daily magazine channel outlet ' +
    'broadcaster website board team coalition alliance movement fund bank university college school hospital ' +
    'corporation corp inc pentagon kremlin state senate congress parliament cabinet secretariat authority ' +
    'station tribunal panel caucus convention conference summit forum festival league club society church mosque ' +
    'synagogue cathedral hotel airport stadium arena museum library academy media'
  ).split(/\s+/),
);

const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'another', 'one', 'some', 'many', 'several', 'two', 'three', 'four', 'five', 'few', 'most', 'other', 'both', 'all', 'each', 'every', 'his', 'her', 'their', 'its', 'our', 'no', 'multiple', 'numerous', 'any']);
const DEFINITE = new Set(['the', 'this', 'that', 'these', 'those', 'his', 'her', 'their', 'its', 'our']);

export const PRONOUNS = new Map<string, { gender: Gender; plural: boolean; person: boolean }>([
  ['he', { gender: 'm', plural: false, person: true }],
  ['she', { gender: 'f', plural: false, person: true }],
  ['they', { gender: null, plural: true, person: false }],
  ['it', { gender: null, plural: false, person: false }],
  ['we', { gender: null, plural: true, person: true }],
  ['i', { gender: null, plural: false, person: true }],
  ['you', { gender: null, plural: false, person: true }],
]);

const MALE_NAMES = new Set(
  (
    'aaron adam alan albert alex alexander andrew anthony antonio arthur ben benjamin bernie bill billy bob bobby brad brian ' +
    'bruce bryan carl carlos charles charlie chris christopher chuck cory craig dan daniel dave david dennis derek dick ' +
    'don donald doug douglas ed eddie edward elijah eric frank fred gary george gerald glenn gordon greg gregory harry ' +
    'henry howard ian jack jacob jake james jared jason jeb jeff jeffrey jerry jesse jim jimmy joe joel john johnny jon ' +
    'jonathan jose joseph josh joshua juan justin keith ken kenneth kevin kurt larry lawrence lee leon louis luke marco ' +
    'mark martin matt matthew michael mike mitch mitt nathan newt nick nicholas oliver orrin pat patrick paul ' +
    'peter phil philip ralph randy ray raymond reince rex richard rick rob robert rod roger ron ronald rudy russell ryan ' +
    'sam samuel scott sean sergei sergey seth stephen steve steven ted terry thomas tim timothy todd tom tony travis ' +
    'vladimir walter wayne william willie benjamin barack bashar recep xi hassan ali mohammed muhammad ahmed omar ' +
    'emmanuel francois jean pierre boris vince jeh kerr dante tim al mick marc marcus chad ' +
    'kyle tyler brandon corey andy dean dale neil roy stanley victor warren wesley zach jay hank herbert hugh ' +
    'denis troy brendan conor connor liam noah ethan logan mason lucas owen caleb nathaniel isaac gabriel elias ' +
    'hugo felix max maxwell leonard lenny marvin melvin norman oscar otto percy quentin reginald reggie rodney ' +
    'roland ross rudolph rupert stuart stewart simon spencer stefan stephan theodore tobias trevor tristan vincent ' +
    'wade wallace wilbur winston wolfgang xavier zachary abe abraham ahmad alberto alejandro alfonso alfred ' +
    'alistair allen alvin ambrose amir andre andres angelo archie armando arnold arturo axel barney barry bart ' +
    'basil bernard bert bjorn blake boyd bradley brent brett brock bruno burt byron calvin carlton cecil cedric ' +
    'cesar clarence claude clay clayton clifford clint clyde colin conrad curtis cyrus damian damon ' +
    'darrell darren darryl declan demetrius denny derrick desmond devin dexter diego dominic donnie dustin dwight ' +
    'earl edgar edwin eli elliot elliott elmer emil enrique ernest ernie ernesto erik ervin evan everett ' +
    'ezra fabian fernando floyd fredrick frederick gabe garrett gavin gene geoffrey gerard gilbert ' +
    'giovanni giuseppe glen hal hamid hans harold harvey hector herman homer horace ibrahim igor ivan ' +
    'jamal jeremy jeremiah jerome joaquin joey johan jorge josef julian julius karl khalid kirk klaus lamar lance ' +
    'lars leroy lester lewis lloyd lonnie lorenzo luis luther lyle malcolm manuel marcel mario ' +
    'mateo maurice miguel milton mitchell mohammad morris moses murray neal ned nelson nigel noel ' +
    'oswald pablo pedro perry preston rafael ramon randall raul reid reuben ricardo richie ricky roberto rocco ' +
    'rodrigo ronnie rory rufus salvador sammy saul sebastian sergio shane shaun shawn sheldon ' +
    'sherman sid stan sylvester terrence thad thaddeus theo toby tommy trent ulysses vernon vito walt wendell wes ' +
    'wilfred wyatt yusuf zack kareem hakeem rand'
  ).split(/\s+/),
);
const FEMALE_NAMES = new Set(
  (
    'abigail alice alicia amanda amy ann anna anne barbara betsy betty beverly brenda carly carol caroline catherine ' +
    'chelsea christine cindy claire dana deborah debbie diane donna dorothy elaine elizabeth ellen emily emma erin ' +
    'eva evelyn frances gina gloria grace hannah heather helen hillary huma ivanka jan jane janet janice jennifer jessica ' +
    'jill joan joanne joni judith judy julia julie karen kate katherine kathleen kathy kayleigh kellyanne kelly kim ' +
    'kirsten laura lauren linda lisa liz loretta lori lucy lynn margaret maria marie marilyn martha mary megan melania ' +
    'melissa michelle monica nancy nicole nikki olivia pamela patricia patty paula rachel rebecca rosa rose ruth ' +
    'sally samantha sandra sara sarah sharon shirley stephanie susan suzanne tammy teresa theresa tiffany tulsi ' +
    'valerie victoria virginia wendy angela marine gennifer paula juanita kathleen debbie gwen condoleezza madeleine ' +
    'sheila maxine elise mia ileana cathy dianne barbara amy heidi tammy lindsey hope omarosa sarah ' +
    'alexandra alexis alison allison alyssa amber andrea angie anita annette ashley audrey beatrice becky belinda ' +
    'bernadette beth bethany bianca bonnie brianna bridget brittany brooke camille candace cara carla carmen ' +
    'carolyn carrie cassandra cecilia celeste charlene charlotte cheryl chloe christina christy clara claudia ' +
    'colleen connie courtney crystal cynthia daisy danielle daphne darlene delia denise diana dolores doris ' +
    'edith eileen elena eleanor elisa ella eloise elsa emilia erica erika esther ethel eugenia fatima faye felicia ' +
    'fiona francesca gabriela gabrielle gail geraldine gillian giselle gladys glenda greta gretchen ' +
    'harriet hazel holly ida ilhan ines irene isabel isabella jacqueline jade jana janelle jasmine ' +
    'jeanne jeanette jenna jenny jessie jocelyn josephine joyce justine kamala kara karina katie katrina ' +
    'kay kayla kelsey kendra kristen kristin kristina kristy lana latoya laurie leah leila lena lila lillian lily ' +
    'lois lorraine louise luisa lydia mabel mae maggie mallory mandy marcia margo marian marianne marina ' +
    'marisa marjorie marla marsha maureen maya meghan melanie melinda meredith michele mildred mindy ' +
    'miranda miriam molly mona monique nadia naomi natalie natasha nell nina nora norma olga paige pam patti ' +
    'pauline peggy penelope phyllis polly priscilla rachael ramona raquel regina renee rhonda rita ' +
    'roberta robyn rochelle roxanne ruby sabrina sadie selena serena shannon shari sheryl ' +
    'sherry silvia sofia sonia sonya sophia sophie stacey stacy stella susanna sylvia tamara tanya tara tasha ' +
    'tess tina toni tracy trisha ursula vanessa vera veronica vicki vicky viola violet vivian wanda whitney wilma ' +
    'yolanda yvonne zoe'
  ).split(/\s+/),
);

export function firstNameGender(word: string): Gender {
  const w = word.toLowerCase();
  if (FEMALE_NAMES.has(w) && !MALE_NAMES.has(w)) return 'f';
  if (MALE_NAMES.has(w) && !FEMALE_NAMES.has(w)) return 'm';
  return null;
}

const GENDERED_ROLES = new Map<string, Gender>([
  ['spokesman', 'm'], ['spokeswoman', 'f'], ['congressman', 'm'], ['congresswoman', 'f'], ['chairman', 'm'],
  ['chairwoman', 'f'], ['businessman', 'm'], ['businesswoman', 'f'], ['man', 'm'], ['woman', 'f'], ['father', 'm'],
  ['mother', 'f'], ['son', 'm'], ['daughter', 'f'], ['wife', 'f'], ['husband', 'm'], ['brother', 'm'], ['sister', 'f'],
  ['king', 'm'], ['queen', 'f'], ['prince', 'm'], ['princess', 'f'], ['lady', 'f'], ['sir', 'm'], ['grandmother', 'f'], ['grandfather', 'm'],
]);

const isCap = (w: string): boolean => /^[\p{Lu}\d]/u.test(w);
const clean = (w: string): string => w.replace(/^[("'\u201c\u2018]+|[)"'\u201d\u2019,;:]+$/g, '');
const lowerNoDot = (w: string): string => w.toLowerCase().replace(/\.$/, '');

/** Whether a word can belong to a person's or organisation's name. */
export function isNameWord(w: string): boolean {
  if (/^\d/.test(w)) return false;
  if (!isCap(w)) return /^(de|da|van|von|der|den|la|le|bin|al|el|ibn|du|dos|del|st\.?)$/.test(w) || /^(al|el)-\p{Lu}/u.test(w);
  return true;
}

/** The gender a name or phrase signals, from honorifics, first names or gendered role nouns. */
export function genderOf(words: readonly string[]): Gender {
  for (const w of words) {
    const h = HONORIFICS.get(w.toLowerCase());
    if (h) return h;
  }
  for (const w of words) {
    const g = GENDERED_ROLES.get(w.toLowerCase());
    if (g) return g;
  }
  for (const w of words) {
    if (!isCap(w) || ROLE_WORDS.has(w.toLowerCase())) continue;
    return firstNameGender(w.replace(/\.$/, ''));
  }
  return null;
}

/** Split a phrase at top-level commas (appositions) and dashes. */
function segments(phrase: string): string[] {
  return phrase
    .split(/\s*,\s*|\s+(?:--|-|\u2014|\u2013)\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * A capitalised occupation noun used as a title before a name: a known person noun, or a long word shaped
 * like one ("Harbourmaster", "Volcanologist", "Ferryman"), never a known first name ("Christopher").
 */
function occupationTitle(w: string): boolean {
  const lw = w.toLowerCase();
  if (!/^\p{Lu}\p{Ll}+$/u.test(w) || firstNameGender(lw) !== null) return false;
  return isPersonNoun(lw) || (lw.length >= 7 && /(?:ist|er|or|man|woman)$/.test(lw));
}

/** Separate a run of words into a leading role ("National Security Adviser") and a trailing name ("H.R. McMaster"). */
function splitRoleName(words: string[]): { role: string[]; name: string[]; honorific: string | null } {
  let i = words.length;
  while (i > 0) {
    const w = words[i - 1]!;
    const lw = lowerNoDot(w);
    if (!isNameWord(w) || ROLE_WORDS.has(lw) || ROLE_WORDS.has(w.toLowerCase()) || HONORIFICS.has(w.toLowerCase())) break;
    if (/[’']s$/.test(w) && i < words.length) break; // "the Gazette's Tom Pike": the possessor is not the name
    i--;
  }
  let name = words.slice(i);
  let role = words.slice(0, i);
  // a title not in the list before a first name and surname: "Harbourmaster Tom Pike", "Councillor Jo Reed"
  const firstAt = name.findIndex((w, k) => k > 0 && k <= 2 && name.length - k >= 2 && firstNameGender(w.replace(/\.$/, '')) !== null);
  if (firstAt > 0 && name.slice(0, firstAt).every((w) => firstNameGender(w.replace(/\.$/, '')) === null && !/^\p{Lu}\.?$/u.test(w) && !/^(\p{Lu}\.){2,}$/u.test(w))) {
    role = [...role, ...name.slice(0, firstAt)];
    name = name.slice(firstAt);
  } else if (role.length === 0 && name.length >= 3 && occupationTitle(name[0]!) && !/^\p{Lu}\.?$/u.test(name[1]!) && name.slice(1).every((w) => /^\p{Lu}[\p{Ll}’'-]+$/u.test(w) && !ORG_NOUNS.has(lowerNoDot(w)) && !/^(brothers|bros|sons|partners|associates|with|for|of|and|the|to|in|on|at|by|from|after|over)$/.test(w.toLowerCase()))) {
    // "Harbourmaster Catriona Vaswani", "Volcanologist Tomasz Wierzbicki": an occupation noun glued to a
    // full name whose first name the list does not know
    role = [name[0]!];
    name = name.slice(1);
  }
  let honorific: string | null = null;
  if (role.length > 0 && HONORIFICS.has(role[role.length - 1]!.toLowerCase())) {
    honorific = role[role.length - 1]!;
    role = role.slice(0, -1);
  }
  // a lone capitalised role word after a name-like run is no name: "the Senate Majority Leader"
  if (name.length > 0 && name.every((w) => ORG_NOUNS.has(lowerNoDot(w)))) {
    role = words;
    name = [];
  }
  return { role, name, honorific };
}

/**
 * A role as one speaker keeps it across articles: "the national security adviser who participated in
 * the meeting" → "national security adviser" (no article, no relative clause); a relative clause alone
 * is no role.
 */
export function cleanRole(part: string): string {
  if (/^(who|which|whose|that|where|when)\b/i.test(part)) return '';
  // ("Ann Lee, an inspector, in testimony on Monday": a circumstance set off by commas is no role)
  if (/^(in|on|during|via|through|after|before|speaking|when)\s/i.test(part) && !/^in\s+charge\b/i.test(part)) return '';
  // An age ("Jo Park, 42, a fisherman") says how old, not what role: "Jo Park (42)" read oddly.
  part = part.replace(/^(?:aged\s+)?\d{1,3}(?:\s+years?\s+old)?(?:\s*,\s*|\s*$)/i, '');
  // ("a former engineer herself": the reflexive stresses, it is no part of the role)
  return part.replace(/^(the|a|an)\s+/i, '').replace(/\s+(who|whom|which|whose|that)\s.*$/i, '').replace(/\s+(herself|himself|themselves|itself)$/i, '').trim();
}

/**
 * "The Guardian's Tom Reed", "the Post's Chris Cillizza": a possessor right before the name is who the
 * person works for, not a role written "The Guardian's"; an outlet is named as the outlet list knows
 * it ("The Guardian", "The Washington Post"). Other possessors stay as written.
 */
function possessorRole(role: string): string {
  const m = /^(?:the\s+)?(.+?)['’]s$/i.exec(role);
  if (!m) return role;
  return outletFromPhrase(role.replace(/['’]s$/, '')) ?? outletFromPhrase(m[1]!) ?? role;
}

function looksLikeOrg(words: readonly string[]): boolean {
  return words.some((w) => ORG_NOUNS.has(lowerNoDot(w)));
}

/** Parse a speaker noun phrase as written. */
/**
 * Parsed mentions by phrase. The same names recur sentence after sentence (every "Reed said", every
 * "Mr. Pike"), and parsing one is a dozen regexes and splits: parseMention is pure (its tables never
 * change), so each phrase is parsed once. Bounded: cleared when full, so a long-running bot does not grow.
 */
const MENTION_CACHE = new Map<string, ParsedMention>();
const MENTION_CACHE_MAX = 20_000;

export function parseMention(phrase: string): ParsedMention {
  const hit = MENTION_CACHE.get(phrase);
  // a copy, words included: callers may spread or change what they get without touching the cached one
  if (hit) return { ...hit, words: hit.words.slice() };
  const m = parseMentionUncached(phrase);
  if (MENTION_CACHE.size >= MENTION_CACHE_MAX) MENTION_CACHE.clear();
  MENTION_CACHE.set(phrase, { ...m, words: m.words.slice() });
  return m;
}

function parseMentionUncached(phrase: string): ParsedMention {
  const mention = phrase.trim().replace(/[,;:]+$/, '');
  // a parenthetical ("(D-Wis.)", "(R-Utah)") qualifies the name: it is role, not name
  // (a phrase cut before its closing parenthesis, "said engineer Олена Коваленко (Olena Kovalenko", is read closed)
  const paren = /\s*\(([^)]*)\)/.exec(mention) ?? /\s*\(([^)]+)$/.exec(mention);
  if (paren) {
    const inner = parseMention(mention.replace(paren[0], ''));
    // "Олена Коваленко (Olena Kovalenko)": a name in another script with its Latin transliteration is that
    // person, named as the article goes on to name them, and the transliteration is no role
    if (inner.kind === 'person' && inner.name && /[^\p{Script=Latin}\s.'’-]/u.test(inner.name) && /^\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3}$/u.test(paren[1]!) && /^[\p{Script=Latin}\s'’-]+$/u.test(paren[1]!)) {
      const latin = paren[1]!;
      return { ...inner, mention, name: latin, head: latin.split(/\s+/).pop()!.toLowerCase(), words: [...inner.words, ...latin.toLowerCase().split(/\s+/)] };
    }
    return { ...inner, mention, role: [inner.role, paren[1]].filter(Boolean).join(', ') || null };
  }
  // "She’s a supporter but concedes …": a contracted pronoun is the pronoun
  const lower = mention.length <= 8 ? mention.toLowerCase().replace(/^(he|she|they|we|it)[’'](s|d|ll|re|ve)$/, '$1') : mention.toLowerCase();
  const pron = PRONOUNS.get(lower);
  if (pron) {
    return { mention, name: null, role: null, kind: 'pronoun', gender: pron.gender, plural: pron.plural, head: lower, words: [lower], definite: true };
  }
  // "Someone with knowledge of …", "Nobody at the council": an indefinite pronoun opening the sentence is no name
  const indefinite = /^(Someone|Somebody|Anyone|Anybody|Everyone|Everybody|Nobody)(?=\s)/.exec(mention);
  if (indefinite) return { ...parseMention(indefinite[1]!.toLowerCase() + mention.slice(indefinite[1]!.length)), mention };
  // "Critics", "Officials", "Analysts" opening a sentence: a plural noun, capitalised, is a group, not a name
  if (/^\p{Lu}\p{Ll}+s$/u.test(mention) && !/ss$/.test(lower) && isPersonNoun(lower) && !PERSON_NOUNS.has(lower)) {
    return { mention, name: null, role: null, kind: 'group', gender: null, plural: true, head: lower.replace(/(ie)s$/, 'y').replace(/([^s])s$/, '$1'), words: [lower], definite: false };
  }
  // "Stephen Vladeck of the University of Texas", "Mr. Morgan of the Sierra Club": the affiliation is a role
  const affil = /^((?:[\p{Lu}][\p{L}.'’-]*\s+){0,3}[\p{Lu}][\p{L}.'’-]*)\s+(of|at|from|with)\s+(.+)$/u.exec(mention);
  if (affil && !affil[1]!.includes(',')) {
    const head = affil[1]!.split(/\s+/);
    const last = head[head.length - 1]!;
    const allRoles = head.every((w) => ROLE_WORDS.has(lowerNoDot(w)) || ROLE_WORDS.has(w.toLowerCase()));
    if (!allRoles && !ROLE_WORDS.has(lowerNoDot(last)) && !ORG_NOUNS.has(lowerNoDot(last)) && (head.length >= 2 || HONORIFICS.has(head[0]!.toLowerCase()) === false)) {
      const inner = parseMention(affil[1]!);
      if (inner.kind === 'person' && inner.name) {
        return { ...inner, mention, role: [inner.role, `${affil[2]} ${affil[3]}`].filter(Boolean).join(', ') };
      }
    }
  }
  // "Multiple media outlets, including CNN and the Times": a group described by examples, not one of them
  const listed = /\b(including|such as|like|among them)\s/i.test(mention) ? /^([^,]+?)(?:,|\s+(?:--|-|\u2014|\u2013))\s*(including|such as|like|among them)\s/i.exec(mention) : null;
  if (listed) {
    const head = parseMention(listed[1]!);
    if (!head.name) return { ...head, mention };
  }
  // "Ruth Calder & Bob Quill" is two people, as "and" would be; "Procter & Gamble", "Marks & Spencer",
  // "Johnson & Johnson" are one firm (an ampersand between names that are not both a person's)
  const amp = mention.includes('&') ? ampersandName(mention.split(/\s*,\s*/)[0]!) : null;
  if (amp) {
    const role = mention.includes(',') ? cleanRole(mention.slice(mention.indexOf(',') + 1)) || null : null;
    if (amp === 'pair') return { mention, name: null, role: null, kind: 'group', gender: null, plural: true, head: null, words: mention.toLowerCase().split(/\s+/), definite: true };
    return { mention, name: amp, role, kind: 'org', gender: null, plural: false, head: amp.split(/\s+/).pop()!.toLowerCase(), words: amp.toLowerCase().split(/\s+/), definite: true };
  }
  // "Ruth Calder and Bob Quill", "Tom and Rosa Reed": two people speaking together are a group, as written
  // (before: "Bob Quill" with the role "Ruth Calder and")
  const pair = mention.includes(' and ') && /^((?:\p{Lu}[\p{L}.'’-]*\s+){0,3}\p{Lu}[\p{L}.'’-]*)\s+and\s+((?:\p{Lu}[\p{L}.'’-]*\s+){0,3}\p{Lu}[\p{L}.'’-]*)$/u.exec(mention.split(/\s*,\s*/)[0]!);
  // (each side names someone: "Chairman and CEO Jo Reed" is one person with two titles)
  if (pair && !mention.includes(',') && [pair[1]!, pair[2]!].every((side) => side.split(/\s+/).some((w) => !ROLE_WORDS.has(lowerNoDot(w)) && !HONORIFICS.has(w.toLowerCase()) && !HONORIFICS.has(lowerNoDot(w))))) {
    return { mention, name: null, role: null, kind: 'group', gender: null, plural: true, head: null, words: mention.toLowerCase().split(/\s+/), definite: true };
  }
  const segs = segments(mention);
  // find the segment that is a proper name; the rest is role/apposition
  // a segment that is only a name wins over a name at the end of a description ("… to the United Nations, Ron Avni")
  let best: { role: string[]; name: string[]; honorific: string | null; index: number } | null = null;
  let bestPure = false;
  segs.forEach((seg, index) => {
    // a relative clause ("…, who campaigned in New Hampshire") names places, not the speaker
    if (index > 0 && /^(who|which|whose|that|where|when)\b/i.test(seg)) return;
    const ws = seg.split(/\s+/).map(clean).filter(Boolean);
    if (ws.length === 0) return;
    // "the mayor's senior adviser Dan Cole": a description may end in the name it describes
    const lastTwo = ws.slice(-2);
    const endsInName = ws.length >= 3 && lastTwo.every(isCap) && !ROLE_WORDS.has(lowerNoDot(lastTwo[0]!)) && (ROLE_WORDS.has(lowerNoDot(ws[ws.length - 3]!)) || PERSON_NOUNS.has(lowerNoDot(ws[ws.length - 3]!)));
    // "a visibly angry Ruth Calder", "the embattled Tom Pike": the writer's adjectives before a full name (its
    // first word a known first name) describe the person, they are no description of someone else
    const known = (w: string): boolean => FEMALE_NAMES.has(w.toLowerCase()) || MALE_NAMES.has(w.toLowerCase());
    const adjectivesThenName = ws.length >= 4 && lastTwo.every(isCap) && known(lastTwo[0]!) && !isCap(ws[ws.length - 3]!) && ws.slice(1, -2).every((w) => !isCap(w) && !ROLE_WORDS.has(lowerNoDot(w)) && !PERSON_NOUNS.has(lowerNoDot(w)) && !/^(of|for|to|with|at|in|from|by|and|or|on)$/i.test(w));
    if (adjectivesThenName) {
      best ??= { role: [], name: lastTwo, honorific: null, index };
      return;
    }
    if (DETERMINERS.has(ws[0]!.toLowerCase()) && !ws.slice(1).every(isCap) && !endsInName) return;
    // "an aide to Mayor Ruth Calder", "a spokeswoman for Calder": the name is the object of a preposition
    // after the person noun that heads the phrase; the representative speaks, not the person named
    if (representative(ws)) return;
    // "… in Chappaqua, N.Y.", "…, Calif.": a state's abbreviation set off by a comma names a place, not a person
    if (index > 0 && ws.length === 1 && /^(?:\p{Lu}\.){2,}$|^\p{Lu}\p{Ll}{1,4}\.$/u.test(ws[0]!)) return;
    const split = splitRoleName(ws.filter((w) => !DETERMINERS.has(w.toLowerCase()) || isCap(w)));
    if (split.name.length === 0) return;
    const pure = split.role.every((w) => isCap(w)) && !looksLikeOrg(split.name);
    if (!best || (pure && !bestPure && index > 0)) {
      best = { ...split, index };
      bestPure = pure;
    }
  });
  const allWords = mention.split(/\s+/).map(clean).filter(Boolean);
  const gender = genderOf(allWords);
  if (best !== null) {
    const b: { role: string[]; name: string[]; honorific: string | null; index: number } = best;
    const nameWords = b.name;
    const org = looksLikeOrg(nameWords) || (nameWords.length === 1 && b.role.length === 0 && !b.honorific && segs.length === 1 && /^[\p{Lu}]{2,}$/u.test(nameWords[0]!));
    // ("Britain's Marlow Bank": the possessor of a body's name says whose it is, no role)
    const lead = org && b.role.length === 1 && /^\p{Lu}\p{L}*['’]s$/u.test(b.role[0]!) && !outletFromPhrase(b.role[0]!.replace(/['’]s$/, '')) ? '' : possessorRole(b.role.join(' '));
    const roleParts = [lead, ...segs.filter((_, i) => i !== b.index).map(cleanRole)].filter(Boolean);
    const role = roleParts.length > 0 ? roleParts.join(', ') : null;
    const plural = !org && false;
    return {
      mention,
      name: nameWords.join(' '),
      role,
      kind: org ? 'org' : 'person',
      gender: org ? null : gender,
      plural,
      head: nameWords[nameWords.length - 1]!.toLowerCase(),
      words: allWords.map((w) => w.toLowerCase()),
      definite: true,
    };
  }
  // a description: "an Israeli intelligence officer", "officials", "the campaign"
  const first = segs[0] ?? mention;
  const ws = first.split(/\s+/).map(clean).filter(Boolean);
  const det = ws.length > 0 && DETERMINERS.has(ws[0]!.toLowerCase()) ? ws[0]!.toLowerCase() : null;
  // the head is the last noun before a post-modifier ("official familiar with the matter" → official)
  let headIdx = ws.length - 1;
  const post = ws.findIndex((w, i) => i > 0 && (/^(of|for|at|from|with|in|on|who|which|that|close|familiar|involved|knowledgeable|briefed|based|speaking)$/i.test(w) || (/^to$/i.test(w) && PERSON_NOUNS.has(lowerNoDot(ws[i - 1]!))) || (/^\p{Ll}+(ing|ed)$/u.test(w) && !DETERMINERS.has(ws[i - 1]!.toLowerCase()))));
  if (post > 0) headIdx = post - 1;
  const head = (ws[headIdx] ?? '').toLowerCase().replace(/[’']s$/, '');
  const singularHead = head.replace(/(ie)s$/, 'y').replace(/([^s])s$/, '$1');
  const plural = head !== singularHead || /^(people|police|staff|members)$/.test(head) || /^(some|many|several|two|three|four|five|few|most|multiple|numerous|both|all|these|those)$/.test(det ?? '');
  const kind: MentionKind = ORG_NOUNS.has(singularHead) ? 'org' : plural ? 'group' : 'description';
  return {
    mention,
    name: null,
    role: null,
    kind,
    gender: genderOf(ws),
    plural,
    head: singularHead || null,
    words: ws.map((w) => w.toLowerCase()),
    definite: det !== null && DEFINITE.has(det),
  };
}

/**
 * A phrase headed by a person noun before a preposition whose object is a name: "a spokesman for
 * Calder", "an aide to Mayor Ruth Calder", "a lawyer for Ruth Calder", "a source close to Marsh",
 * "a person familiar with Calder's thinking". The name is who they speak for, not who speaks.
 * (Not a capitalised title inside a name: "Secretary of State Rex Tillerson".)
 */
function representative(ws: readonly string[]): boolean {
  for (let i = 1; i + 1 < ws.length; i++) {
    const w = lowerNoDot(ws[i]!);
    if (!/^(for|to|of|with|at|in)$/.test(w) || !isCap(ws[i + 1]!)) continue;
    const before = ws[i - 1]!;
    const b = lowerNoDot(before);
    // a capitalised singular is a title ("Secretary of State"); a plural opening the sentence is not ("Officials at Google")
    if (isCap(before) && (i - 1 > 0 || !/[^s]s$/.test(b))) continue;
    if (PERSON_NOUNS.has(b) || PERSON_NOUNS.has(b.replace(/(ie)s$/, 'y').replace(/([^s])s$/, '$1')) || /^(close|closest|near|familiar|loyal)$/.test(b)) return true;
  }
  // an anonymous source's formula, whatever its object: "Federal officials familiar with the server taken
  // from Mrs. Clinton's house in Chappaqua" (the names in the object are not the speaker)
  for (let i = 1; i + 1 < ws.length; i++) {
    const w = lowerNoDot(ws[i]!);
    const formula = (/^(familiar|close|closest|briefed|involved|knowledgeable)$/.test(w) && /^(with|to|on|in|about)$/.test(lowerNoDot(ws[i + 1]!))) || (w === 'with' && /^knowledge$/.test(lowerNoDot(ws[i + 1]!))) || (w === 'with' && lowerNoDot(ws[i + 2] ?? '') === 'knowledge');
    if (formula && isPersonNoun(lowerNoDot(ws[i - 1]!))) return true;
  }
  return false;
}

/** Whether a word is a noun that names a person by role ("officer", "spokesman"). */
export function isPersonNoun(word: string): boolean {
  const w = word.toLowerCase();
  return PERSON_NOUNS.has(w) || PERSON_NOUNS.has(w.replace(/(ie)s$/, 'y').replace(/([^s])s$/, '$1'));
}

/** A known person noun, or a word shaped like one ("harbourmaster", "campaigner", "lobbyist"). */
export function looksLikePersonNoun(word: string): boolean {
  return isPersonNoun(word) || /(er|or|ist|ian|man|woman|person)$/.test(word);
}

/**
 * A name joined by "&": 'pair' when both sides name a person ("Ruth Calder & Bob Quill", "Tom & Rosa Reed",
 * "Mr. Peck & Ms. Vale"), else the firm's name as written ("Procter & Gamble", "Marks & Spencer", "Johnson &
 * Johnson"), or null when the phrase is not capitalised words around one "&" ("a Procter & Gamble spokesman",
 * "AT&T" with no spaces, which is read as one word anyway).
 */
function ampersandName(segment: string): 'pair' | string | null {
  const m = /^(?:the\s+)?((?:\p{Lu}[\p{L}.'’-]*\s+){0,3}\p{Lu}[\p{L}.'’-]*)\s+&\s+((?:\p{Lu}[\p{L}.'’-]*\s+){0,3}[\p{Lu}][\p{L}.'’-]*)$/iu.exec(segment.trim());
  if (!m || !/^\p{Lu}/u.test(m[1]!)) return null;
  const sides = [m[1]!.split(/\s+/), m[2]!.split(/\s+/)];
  if (sides.some((ws) => ws.some((w) => ORG_NOUNS.has(lowerNoDot(w))))) return `${m[1]} & ${m[2]}`;
  const known = (w: string): boolean => FEMALE_NAMES.has(w.toLowerCase()) || MALE_NAMES.has(w.toLowerCase()) || /^(\p{Lu}\.)+$/u.test(w);
  const person = (words: readonly string[], alone: boolean): boolean => {
    let ws = words;
    while (ws.length > 1 && (ROLE_WORDS.has(lowerNoDot(ws[0]!)) || ROLE_WORDS.has(ws[0]!.toLowerCase()))) ws = ws.slice(1);
    if (ws.length === 2 && HONORIFICS.has(ws[0]!.toLowerCase())) return true;
    // ("Tom & Rosa Reed": a first name alone before the full name)
    if (ws.length === 1) return alone && known(ws[0]!);
    return ws.length <= 3 && known(ws[0]!) && !ws.some((w) => ROLE_WORDS.has(lowerNoDot(w)));
  };
  if (person(sides[0]!, person(sides[1]!, false)) && person(sides[1]!, false)) return 'pair';
  return `${m[1]} & ${m[2]}`;
}

export function isOrgNoun(word: string): boolean {
  return ORG_NOUNS.has(word.toLowerCase());
}

export function isDeterminer(word: string): boolean {
  return DETERMINERS.has(word.toLowerCase());
}

/** Last word of a name, for matching "McMaster" to "H.R. McMaster". */
export function surname(name: string): string {
  const ws = name.split(/\s+/).filter((w) => !/^(jr\.?|sr\.?|ii|iii|iv)$/i.test(w));
  return (ws[ws.length - 1] ?? name).replace(/[’']s$/, '').replace(/[.,]$/, '');
}

/** Capitalised abbreviations that are not a person's initials. */
const NOT_INITIALS = new Set(['US', 'UK', 'EU', 'UN', 'GOP', 'FBI', 'CIA', 'NSA', 'DNC', 'RNC', 'NYPD', 'LAPD', 'CEO', 'CFO', 'COO', 'NBA', 'NFL', 'MLB', 'NHL', 'ISIS', 'ISIL', 'NATO', 'IRS', 'DOJ', 'DHS', 'EPA', 'FDA', 'NASA', 'TV', 'AP', 'ABC', 'CBS', 'NBC', 'CNN', 'BBC', 'NPR', 'MP', 'MEP', 'PM', 'VP', 'AG', 'DA', 'GM', 'HQ', 'ID', 'IT', 'PR', 'USA']);

/**
 * The canonical form of a person's name: honorifics dropped, initials written one way ("HR McMaster" and
 * "H. R. McMaster" are "H.R. McMaster"), so that one person has one name across articles.
 */
export function canonicalPersonName(name: string): string {
  let n = name.trim().replace(/^(Mr|Mrs|Ms|Dr|Miss)\.?\s+/, '');
  // spaced initials: "H. R. McMaster" → "H.R. McMaster"
  n = n.replace(/\b((?:\p{Lu}\.\s){1,2}\p{Lu}\.)(?=\s\p{Lu})/gu, (m) => m.replace(/\s/g, ''));
  const words = n.split(/\s+/);
  if (words.length >= 2 && /^\p{Lu}{2,3}$/u.test(words[0]!) && !NOT_INITIALS.has(words[0]!) && /^\p{Lu}\p{Ll}/u.test(words[1]!)) {
    words[0] = words[0]!.split('').join('.') + '.';
  }
  return words.join(' ');
}

/** A capitalised word that may be a plural common noun opening a sentence ("Delegates", "Protesters"). */
/**
 * A capitalised plural that names a people or a group ("Latinos", "Americans", "African-Americans", "Allies",
 * "Germans", "Democrats"), never one person: by its ending, which surnames rarely have ("Evans" and "Sanders"
 * are not matched).
 */
export function looksLikeGroupPlural(word: string): boolean {
  return /^\p{Lu}[\p{L}-]*(?:icans|ians|inos|inas|anis|llies)$/u.test(word) || GROUP_PLURALS.has(word.toLowerCase());
}

const GROUP_PLURALS = new Set('europeans koreans germans britons turks kurds arabs jews muslims christians hindus sikhs democrats liberals conservatives progressives evangelicals catholics protestants mormons palestinians israelis iraqis afghans pakistanis saudis yemenis somalis sudanese chinese japanese vietnamese lebanese'.split(' '));

export function looksLikePluralNoun(word: string): boolean {
  return /^\p{Lu}\p{Ll}+(ers|ors|ists|ians|ants|ents|ates|ials|ives|ees)$/u.test(word);
}

