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
