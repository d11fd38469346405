import type { SpeakerInfo } from '../store/types.js';

/**
 * Resolving what a user typed to a canonical speaker: exact names and aliases first, then a
 * surname, then a small typo allowance. Deliberately stricter than search: `/speaker Obama` must
 * say "no such speaker" rather than answer with someone else's words.
 */

/**
 * Letters NFKD does not take apart, spelled as people without the key type them ("Weissmuller",
 * "Odegard", "Lodz"). QA 8: before, they were dropped, so "Weißmüller" keyed as "weimuller".
 */
const FOLD: Record<string, string> = {
  ß: 'ss', ẞ: 'ss', ø: 'o', Ø: 'o', đ: 'd', Đ: 'd', ł: 'l', Ł: 'l', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', þ: 'th', Þ: 'th', ð: 'd', Ð: 'd', ı: 'i',
};

/**
 * "H.R. McMaster" and "hr mcmaster" compare equal; so do "Jürgen Weißmüller-Öztürk" and "jurgen
 * weissmuller ozturk". Letters of every script count (a name written only in Cyrillic or Greek
 * had an empty key and could never be asked for, QA 8); a hyphen separates the parts of a
 * double-barrelled name, so either part is a surname of its own.
 */
export function nameKey(name: string): string {
  return name
    .replace(/[ßẞøØđĐłŁæÆœŒþÞðÐı]/g, (c) => FOLD[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s$/u, '')
    .replace(/['’.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The parts of a double-barrelled surname ("Okonkwo-Hale" → okonkwo, hale): each names the person. */
function surnameParts(raw: string): string[] {
  const last = raw.trim().split(/\s+/).pop() ?? '';
  return last.includes('-') ? last.split('-').map(nameKey).filter(Boolean) : [];
}

/** Damerau–Levenshtein (optimal string alignment), stopping early past `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  // Three rolling rows (the transposition looks two rows back), reused across calls: word
  // coverage compares every word of every candidate statement, and fresh arrays per call were
  // most of its cost.
  if (rows[0]!.length < n + 1) for (let k = 0; k < 3; k++) rows[k] = new Int32Array(2 * (n + 1));
  let back2 = rows[0]!;
  let back1 = rows[1]!;
  let cur = rows[2]!;
  for (let j = 0; j <= n; j++) back1[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    cur[0] = i;
    let rowMin = Infinity;
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(back1[j]! + 1, cur[j - 1]! + 1, back1[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && aPrev === bj) v = Math.min(v, back2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const spare = back2;
    back2 = back1;
    back1 = cur;
    cur = spare;
  }
  return back1[n]!;
}

const rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

const TITLES = new Set([
  'president', 'vice', 'mr', 'mrs', 'ms', 'dr', 'sir', 'senator', 'sen', 'rep', 'governor', 'gov', 'minister',
  'prime', 'secretary', 'general', 'gen', 'adviser', 'advisor', 'ambassador', 'director', 'chief', 'judge',
  'national', 'security', 'foreign', 'state', 'the', 'former', 'lt', 'col', 'officer', 'official',
]);

function allowedTypos(key: string): number {
  return key.length >= 8 ? 2 : key.length >= 4 ? 1 : 0;
}

function surname(key: string): string {
  const parts = key.split(' ');
  return parts[parts.length - 1] ?? key;
}

/**
 * The people a bare surname could mean: every speaker with a longer name ending in it ("Reed" →
 * Jo Reed, Tom Reed), most quoted first. Empty when `typed` is not a single word.
 */
export function namesakes(typed: string, speakers: readonly SpeakerInfo[]): SpeakerInfo[] {
  const key = nameKey(typed);
  if (!key || key.includes(' ')) return [];
  return [
    ...speakers.filter((s) => {
      // A group ("Jo Reed and Tom Reed") is not one of the people named Reed.
      if (s.members) return false;
      const k = nameKey(s.name);
      return k !== key && k.includes(' ') && surname(k) === key;
    }),
    // People named only inside groups ("Ruth Calder and Bob Reed said …") are Reeds too.
    ...groupOnlyPeople(speakers).filter((p) => surname(nameKey(p.name)) === key),
  ].sort((a, b) => b.statements - a.statements || a.name.localeCompare(b.name));
}

/**
 * People named by their full name only inside group speakers the store knows the members of
 * ("Bob Vane" in "Ruth Calder and Bob Vane", never quoted alone), as the group writes the name,
 * with the statements of those groups; never someone quoted under that name (or an alias) alone.
 */
export function groupOnlyPeople(speakers: readonly SpeakerInfo[]): SpeakerInfo[] {
  const known = new Set(speakers.filter((s) => !s.members).flatMap((s) => [s.name, ...s.aliases].map(nameKey)));
  const found = new Map<string, SpeakerInfo>();
  for (const g of speakers) {
    if (!g.members) continue;
    for (const part of groupNameParts(g.name)) {
      const k = nameKey(part);
      if (!k.includes(' ') || known.has(k)) continue;
      const cur = found.get(k);
      if (cur) cur.statements += g.statements;
      else found.set(k, { name: part, aliases: [], statements: g.statements });
    }
  }
  return [...found.values()].sort((a, b) => b.statements - a.statements || a.name.localeCompare(b.name));
}

/** The names a group speaker joins ("Calder, Quill and Tom Vane" → Calder, Quill, Tom Vane). */
export function groupNameParts(name: string): string[] {
  return name.split(/\s*,\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+/).map((p) => p.trim()).filter(Boolean);
}

/**
 * Whether `speaker` is a group ("Calder and Tom Vane", one the store knows members of) that
 * `name` is part of: a member, or a part of its name ("Tom Vane", never quoted alone).
 */
export function isGroupOf(speaker: SpeakerInfo, name: string): boolean {
  if (!speaker.members) return false;
  const key = nameKey(name);
  return speaker.members.some((m) => nameKey(m) === key) || groupNameParts(speaker.name).some((p) => nameKey(p) === key);
}

/** Canonical name for `typed`, or null. Ties go to the speaker with more statements. */
export function resolveSpeakerName(typed: string, speakers: readonly SpeakerInfo[]): string | null {
  const key = nameKey(typed);
  if (!key) return null;
  const byCount = [...speakers].sort((a, b) => b.statements - a.statements);
  // Long aliases are descriptions ("HR McMaster, the adviser who attended the meeting"), not names.
  const forms = (s: SpeakerInfo) =>
    [s.name, ...s.aliases].map(nameKey).filter((f) => f && f.split(' ').length <= 4);

  for (const s of byCount) if (forms(s).includes(key)) return s.name;
  // Spaces and initials: "hr mcmaster" vs "h r mcmaster".
  const squash = key.replace(/ /g, '');
  for (const s of byCount) if (forms(s).some((f) => f.replace(/ /g, '') === squash)) return s.name;
  // Beyond the exact forms, a group speaker ("Calder and Quill") is never what a name means: its
  // last word is one member's surname, not the group's.
  const people = byCount.filter((s) => !s.members);
  // A surname alone ("mcmaster"), or "President Trump" ending in a known surname.
  for (const s of people) if (forms(s).some((f) => surname(f) === key)) return s.name;
  for (const s of people) if ([s.name, ...s.aliases].some((n) => surnameParts(n).includes(key))) return s.name;
  // A surname known only from a group ("Vane" of "Ruth Calder and Bob Vane said …", Bob Vane never
  // quoted alone): that person, by the name the group writes. When several share it, the first;
  // /speaker asks which one is meant (namesakes).
  if (!key.includes(' ')) {
    const member = groupOnlyPeople(byCount).find((p) => surname(nameKey(p.name)) === key);
    if (member) return member.name;
  }
  // "President Donald Trump": the surname matches and every other word is in the name or a title.
  const typedWords = key.split(' ');
  const lastTyped = typedWords[typedWords.length - 1]!;
  if (typedWords.length > 1 && lastTyped.length >= 3) {
    for (const s of people) {
      const fs = forms(s);
      if (!fs.some((f) => surname(f) === lastTyped)) continue;
      const known = new Set(fs.flatMap((f) => f.split(' ')));
      if (typedWords.slice(0, -1).every((w) => known.has(w) || TITLES.has(w))) return s.name;
    }
  }
  // The name without its last part: "Lucia Benavente" for Lucía Benavente Ortúzar (Spanish and
  // Portuguese names carry two surnames, and people use the first).
  if (typedWords.length > 1) {
    for (const s of people) {
      if (forms(s).some((f) => f.startsWith(`${key} `))) return s.name;
    }
    // Someone named only in a group ("Tom Vane" in "Calder and Tom Vane", never quoted alone):
    // the name as the group writes it, whose statements are theirs jointly.
    for (const s of byCount) {
      const part = s.members ? groupNameParts(s.name).find((p) => nameKey(p) === key) : undefined;
      if (part) return part;
    }
  }
  // Typos: against full names and surnames.
  const max = allowedTypos(key);
  if (max === 0) return null;
  let best: { name: string; d: number } | null = null;
  for (const s of people) {
    for (const f of forms(s)) {
      const d = Math.min(editDistance(key, f, max), editDistance(key, surname(f), max));
      if (d <= max && (!best || d < best.d)) best = { name: s.name, d };
    }
  }
  return best?.name ?? null;
}

/** Known names close to `typed`, best first: for autocomplete and "did you mean". */
export function closeSpeakerNames(typed: string, speakers: readonly SpeakerInfo[], limit: number): string[] {
  const key = nameKey(typed);
  const byCount = [...speakers].sort((a, b) => b.statements - a.statements || a.name.localeCompare(b.name));
  if (!key) return byCount.slice(0, limit).map((s) => s.name);
  const scored: Array<{ name: string; score: number; count: number }> = [];
  for (const s of byCount) {
    let score = Infinity;
    for (const f of [s.name, ...s.aliases].map(nameKey)) {
      if (!f) continue;
      if (f.startsWith(key) || f.split(' ').some((w) => w.startsWith(key))) score = Math.min(score, 0);
      else if (f.includes(key)) score = Math.min(score, 1);
      else {
        // Typos allowed in proportion to what was typed: "tru" is no typo of "CNN" (3 edits of 3
        // letters), "mcmastr" is one of "mcmaster". Short input must match a prefix.
        const max = key.length <= 3 ? 0 : key.length <= 5 ? 1 : key.length <= 8 ? 2 : 3;
        const d = Math.min(editDistance(key, f, max), editDistance(key, surname(f), max));
        if (max > 0 && d <= max) score = Math.min(score, 1 + d);
        // Word by word: "Dermor Rin" is still close to "Ron Dermer".
        const fw = f.split(' ');
        for (const w of key.split(' ')) {
          if (w.length < 4) continue;
          const wmax = w.length <= 5 ? 1 : 2;
          const wd = Math.min(...fw.map((x) => (x.startsWith(w) ? 0 : editDistance(w, x, wmax))));
          if (wd <= wmax) score = Math.min(score, 3 + wd);
        }
      }
    }
    if (score < Infinity) scored.push({ name: s.name, score, count: s.statements });
  }
  scored.sort((a, b) => a.score - b.score || b.count - a.count);
  return scored.slice(0, limit).map((s) => s.name);
}
