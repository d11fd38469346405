/**
 * Folding of speaker names so the same person is one speaker across articles:
 * "H.R. McMaster" = "HR McMaster" = "H. R. McMaster" (key "hr mcmaster"), "Donald J. Trump" =
 * "Donald Trump" (a middle initial is dropped). A bare surname ("McMaster") is resolved by the
 * store against the speakers it knows, and only when exactly one of them has that surname.
 */

const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sir', 'dame', 'rev']);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

export interface NameKey {
  /** The folded full name ("hr mcmaster"). */
  key: string;
  /**
   * The last name ("mcmaster"), suffixes skipped; '' when the name does not look like a person's
   * name (a description such as "former US officials" or "a senior official"): descriptions match
   * only in full, never by their last word.
   */
  surname: string;
  tokens: number;
}

const PARTICLES = new Set(['de', 'da', 'di', 'du', 'del', 'della', 'der', 'van', 'von', 'bin', 'al', 'el', 'la', 'le', 'ibn']);

/** Every word capitalised (name particles and initials aside): "H.R. McMaster", not "former US officials". */
function looksPersonal(raw: readonly string[]): boolean {
  return raw.length > 0 && raw.every((t) => /^\p{Lu}/u.test(t) || PARTICLES.has(t.toLowerCase()));
}

export function speakerNameKey(name: string): NameKey | null {
  const raw = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´]/g, "'")
    .split(/[\s,]+/)
    .filter(Boolean);
  const tokens: Array<{ text: string; initials: boolean }> = [];
  for (const t of raw) {
    // "H.R." or "H." or a lone capital: initials; dots separate them but are not part of the key.
    const initials = /^(\p{L}\.)+\p{L}?\.?$/u.test(t) || /^\p{Lu}$/u.test(t);
    const text = t.toLowerCase().replace(/[.'\-\u2010\u2011]/g, '').replace(/[^\p{L}\p{N}]/gu, '');
    if (!text) continue;
    tokens.push({ text, initials });
  }
  while (tokens.length > 1 && HONORIFICS.has(tokens[0]!.text)) tokens.shift();
  if (!tokens.length) return null;
  // Initials in a row at the start are one token ("H. R." → "hr"); later ones are middle initials.
  const merged: string[] = [];
  let i = 0;
  if (tokens[0]!.initials && tokens.length > 1) {
    let lead = '';
    while (i < tokens.length - 1 && tokens[i]!.initials) lead += tokens[i++]!.text;
    merged.push(lead);
  }
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    const isLast = i === tokens.length - 1;
    if (t.initials && merged.length > 0 && !isLast) continue;
    merged.push(t.text);
  }
  let s = merged.length - 1;
  while (s > 0 && SUFFIXES.has(merged[s]!)) s--;
  return { key: merged.join(' '), surname: looksPersonal(raw) ? merged[s]! : '', tokens: merged.length };
}

const NOT_A_NAME = /^(he|she|they|it|we|i|you|him|her|them|his|hers|their|this|that|who)$/i;

/**
 * Whether a mention as written ("McMaster", "HR McMaster") is a name form of `canonical`, worth
 * keeping as an alias: capitalised words, each of them part of the canonical name.
 */
export function isAliasOf(mention: string, canonical: string): boolean {
  const m = mention.trim();
  if (!m || m.length > 80 || NOT_A_NAME.test(m) || /^the\s/i.test(m)) return false;
  if (!/^\p{Lu}/u.test(m)) return false;
  const mk = speakerNameKey(m);
  const ck = speakerNameKey(canonical);
  if (!mk || !ck) return false;
  if (mk.key === ck.key) return true;
  if (!ck.surname) return false;
  const parts = new Set(ck.key.split(' '));
  return mk.key.split(' ').every((p) => parts.has(p)) && mk.key.split(' ').includes(ck.surname);
}

/**
 * Common nouns that name a kind of person, not a person: as a speaker ("Officials said …",
 * "critics say") they describe whoever spoke in that article. The shape rules in
 * `isGenericSpeaker` catch most others; this list covers irregular plurals and singulars.
 */
const GENERIC_NOUNS = new Set([
  'officials', 'official', 'critics', 'analysts', 'sources', 'source', 'experts', 'aides', 'people', 'residents',
  'witnesses', 'authorities', 'police', 'investigators', 'prosecutors', 'lawmakers', 'legislators', 'observers',
  'diplomats', 'protesters', 'protestors', 'activists', 'supporters', 'opponents', 'voters', 'workers', 'officers',
  'soldiers', 'researchers', 'scientists', 'economists', 'doctors', 'lawyers', 'attorneys', 'advisers', 'advisors',
  'insiders', 'staffers', 'organizers', 'organisers', 'members', 'leaders', 'executives', 'spokesman', 'spokeswoman',
  'spokesperson', 'spokespeople', 'agencies', 'ministers', 'negotiators', 'reporters', 'journalists', 'others',
  'many', 'some', 'several', 'both', 'all', 'everyone', 'someone', 'nobody', 'neighbours', 'neighbors', 'parents',
  'students', 'teachers', 'families', 'victims', 'survivors', 'fans', 'users', 'customers', 'employees', 'participants',
]);

/** Words that open a description without naming anyone ("Senior officials", "Two people …"). */
const GENERIC_OPENERS = new Set([
  'a', 'an', 'the', 'some', 'many', 'several', 'other', 'most', 'few', 'two', 'three', 'four', 'five', 'dozens',
  'senior', 'former', 'current', 'top', 'local', 'federal', 'state', 'government', 'administration', 'military',
  'intelligence', 'security', 'police', 'one', 'another', 'both', 'all', 'various', 'unnamed', 'anonymous',
]);

/** Plural endings of common nouns for people that surnames rarely have (not -ers, -ies: Sanders, Davies). */
const COMMON_PLURAL = /(ials|ists|ysts|ics|ants|ents|ees|ians)$/;

/**
 * Whether a speaker is a generic description rather than someone's name: one lower-case word
 * ("officials"), a plural or generic common noun capitalised only because it opens the sentence
 * ("Officials said …"), or a description with no capitalised name part ("a former intelligence
 * official", "Senior officials"). Such a speaker is not an identity: it is never merged across
 * articles, nor into a longer description ("former US officials"). Decided by shape, with the
 * article text as evidence (the same word in lower case elsewhere marks a common noun); the word
 * list only backs the shape up. Descriptions with a name part ("former US officials", "an Israeli
 * intelligence officer", "the White House") are not generic: they match in full, as before.
 */
export function isGenericSpeaker(name: string, evidence: { mentions?: readonly (string | null)[]; text?: string } = {}): boolean {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return false;
  const lowerInText = (w: string): boolean =>
    !!evidence.text && new RegExp(`(^|[^\\p{L}])${w.replace(/[^\p{L}]/gu, '')}([^\\p{L}]|$)`, 'u').test(evidence.text);
  const isLower = (w: string): boolean => !/\p{Lu}/u.test(w);
  // Any capitalised word after the first is a name part ("former US officials").
  if (words.slice(1).some((w) => !isLower(w))) return false;
  const first = words[0]!;
  const firstLower = first.toLowerCase();
  if (isLower(first)) return true;
  // The first word is capitalised: the sentence start, or a name ("Trump aides", "McMaster")?
  if (words.length > 1) return GENERIC_OPENERS.has(firstLower) || GENERIC_NOUNS.has(firstLower) || lowerInText(firstLower);
  if ((evidence.mentions ?? []).some((m) => m !== null && m.trim() === firstLower)) return true;
  if (GENERIC_NOUNS.has(firstLower)) return true;
  // A capitalised single word: only a plural-shaped one can be a common noun here.
  if (!/[^s]s$/.test(firstLower) || first.length < 4) return false;
  return COMMON_PLURAL.test(firstLower) || lowerInText(firstLower);
}

/**
 * The people a group speaker names ("Ruth Calder and Bob Quill", "Calder and Quill", "Calder, Quill
 * & Vale"): its parts when the name is two or more names joined by "and", "&" or commas, each
 * capitalised like a person's name (at most four words) and none of them generic; null otherwise.
 * Returns their folded keys, distinct ("Johnson & Johnson" is not two people). Whether each part
 * is a known person is for the store to say (a part names no one it knows: "Procter & Gamble").
 */
export function groupPartKeys(name: string): NameKey[] | null {
  if (!/\s(?:and|&)\s|,/.test(name)) return null;
  const parts = name
    .split(/\s*,\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return null;
  const keys: NameKey[] = [];
  for (const p of parts) {
    const words = p.split(/\s+/);
    if (words.length > 4 || !looksPersonal(words) || isGenericSpeaker(p)) return null;
    const k = speakerNameKey(p);
    // "Martin Luther King, Jr." is one man.
    if (!k || !k.surname || SUFFIXES.has(k.key) || keys.some((x) => x.key === k.key)) return null;
    keys.push(k);
  }
  return keys;
}
