import type { IFuseOptions } from 'fuse.js';
import type { IndexedStatement } from './types.js';

/**
 * The one definition of what "fuse.js-quality" means here: the keys, their weights and the
 * options. The plain fuse.js index (reference and benchmark baseline) and the fast index (which
 * re-implements fuse.js's score exactly on its candidates) both read it.
 *
 * Weights: the quoted words and the statement text highest, then the speaker (every alias), the
 * outlet, the article title. Threshold 0.33 (fuse.js's default is 0.6): one typo in five letters,
 * three in ten, six in nineteen — "mcmastr denid story" is 6 edits from "mcmaster denied the
 * story" (6/19 = 0.316) and still matches, while 0.4 lets short words match nearly anything.
 */
export const FUSE_THRESHOLD = 0.33;

export const FUSE_KEYS = [
  { name: 'quote', weight: 4 },
  { name: 'text', weight: 4 },
  { name: 'speakers', weight: 2 },
  { name: 'outlets', weight: 1.5 },
  { name: 'title', weight: 1 },
] as const;

/** What fuse.js sees of a statement: lowercased once, so searches can be case-sensitive (faster). */
export interface FuseDoc {
  quote: string | null;
  text: string;
  speakers: string[];
  outlets: string[];
  title: string;
}

export const FUSE_OPTIONS: IFuseOptions<FuseDoc> = {
  keys: FUSE_KEYS.map((k) => ({ name: k.name, weight: k.weight })),
  threshold: FUSE_THRESHOLD,
  ignoreLocation: true,
  isCaseSensitive: true,
  includeScore: true,
  shouldSort: true,
};

/**
 * Folds what users cannot type apart (curly apostrophes and quotes) and lowercases. Must keep the
 * length: highlight offsets found in the folded text are used on the original.
 */
export function foldForSearch(s: string): string {
  let lower = s.toLowerCase();
  if (lower.length !== s.length) {
    // A few characters lowercase to two ("İ"): keep those as they are.
    lower = s
      .split('')
      .map((c) => {
        const l = c.toLowerCase();
        return l.length === 1 ? l : c;
      })
      .join('');
  }
  return lower.replace(/[\u2018\u2019\u201B\u2032]/g, "'").replace(/[\u201C\u201D\u201E\u2033]/g, '"');
}

/** Distinct strings, first spelling kept, compared folded. */
export function distinctNames(names: ReadonlyArray<string | null | undefined>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of names) {
    if (!n) continue;
    const f = foldForSearch(n.trim());
    if (f === '' || seen.has(f)) continue;
    seen.add(f);
    out.push(f);
  }
  return out;
}

export function toFuseDoc(s: IndexedStatement): FuseDoc {
  return {
    quote: s.quote ? foldForSearch(s.quote) : null,
    text: foldForSearch(s.text),
    speakers: distinctNames([s.speaker, ...s.speakerAliases]),
    outlets: distinctNames([s.outlet, s.articleOutlet]),
    title: foldForSearch(s.articleTitle),
  };
}
