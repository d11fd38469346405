import type { IndexedStatement } from '../search/types.js';
import { RELEVANCE_BAND, type RankedResult } from '../search/index.js';
import { contentWords, coverage } from './coverage.js';

/**
 * Which member shows a quote cluster: among the members as relevant as the best one, an
 * attributed one. The same words often appear twice — once with "McMaster said", once repeated
 * alone further down — and "who said it didn't happen" must show the sentence that names him.
 */
export function preferAttributed(
  ranked: RankedResult[],
  get: (id: string) => IndexedStatement | undefined,
): RankedResult[] {
  for (const r of ranked) {
    if (r.statement.speaker && describesSomeone(r.statement.speaker) && r.members.length > 1) {
      // "Northmere's mayor" in one article, "Adaeze Okonkwo-Hale" in another: show the name (QA 8).
      const band = Math.floor(r.hit.score / RELEVANCE_BAND);
      for (const m of r.members) {
        if (Math.floor(m.score / RELEVANCE_BAND) > band + 1) break;
        const doc = get(m.id);
        if (doc?.speaker && !describesSomeone(doc.speaker)) {
          r.hit = m;
          r.statement = doc;
          break;
        }
      }
      continue;
    }
    if (r.statement.speaker || r.members.length < 2) continue;
    const band = Math.floor(r.hit.score / RELEVANCE_BAND);
    for (const m of r.members) {
      if (Math.floor(m.score / RELEVANCE_BAND) > band + 1) break;
      const doc = get(m.id);
      if (doc?.speaker) {
        r.hit = m;
        r.statement = doc;
        break;
      }
    }
  }
  return ranked;
}

const NAME_PARTICLES = new Set(['de', 'da', 'del', 'della', 'der', 'den', 'di', 'du', 'la', 'le', 'van', 'von', 'bin', 'ibn', 'al', 'el', 'ben', 'dos', 'das', 'y', 'e', 'ter', 'te', 'zu', 'af', 'av']);

/** A description ("Northmere's mayor", "a union official", "the ministry"), not a name ("Jo van der Berg"). */
export function describesSomeone(speaker: string): boolean {
  const words = speaker.split(/\s+/).filter(Boolean);
  return words.some((w) => /^\p{Ll}/u.test(w) && !NAME_PARTICLES.has(w)) || /'s$/.test(words[0] ?? '');
}

/**
 * An article that repeats a quote (a pull quote, a recap paragraph) shows it once: the first,
 * best-ranked occurrence stands for the others. So does one sentence: reported speech with quoted
 * fragments is a statement and each fragment another ('he had the "absolute right" to reveal
 * what he did' and “absolute right”), and a list showed the same sentence twice or three times;
 * the first shown has the sentence in context, so the others add nothing.
 */
export function dropRepeats(ranked: RankedResult[], get?: (id: string) => IndexedStatement | undefined): RankedResult[] {
  const seen = new Set<string>();
  // A pull quote or a heading that repeats part of an attributed quote of the same article is
  // no second result, and never an "unattributed" one ahead of it (QA 8: "We inherited a contract
  // … this city." alone, under the mayor's two-sentence quote).
  const attributed = new Map<string, string[]>();
  for (const r of ranked) {
    if (!r.statement.speaker) continue;
    const words = ` ${wordsOf(r.statement.quote ?? r.statement.text)} `;
    // The quote stands for its whole cluster: each article it is in has it.
    const articles = new Set([r.statement.articleId]);
    if (get) for (const m of r.members) articles.add(get(m.id)?.articleId ?? r.statement.articleId);
    for (const a of articles) attributed.set(a, [...(attributed.get(a) ?? []), words]);
  }
  const echoes = (r: RankedResult): boolean => {
    if (r.statement.speaker) return false;
    const words = wordsOf(r.statement.quote ?? r.statement.text);
    if (words.split(' ').length < 4) return false;
    return (attributed.get(r.statement.articleId) ?? []).some((a) => a.includes(` ${words} `));
  };
  return ranked.filter((r) => {
    if (echoes(r)) return false;
    const words = (r.statement.quote ?? r.statement.text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const key = `${r.statement.articleId}\u0000${words}`;
    const sentence = `${r.statement.articleId}\u0001${r.statement.text}`;
    if (seen.has(key) || seen.has(sentence)) return false;
    seen.add(key);
    seen.add(sentence);
    return true;
  });
}

function wordsOf(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * Fuzzy scores favour short fields: "graet intel" scores "shared intelligence" (a prefix of one
 * word) above "I get great intel" (both words, one misspelt). People mean the statement that has
 * their words, so results are ordered first by how many of the query's words they contain (typos
 * allowed, counted over the statement, its speaker's names and outlet), in steps of a quarter;
 * within a step the search ranking stands.
 */
export function byWordCoverage(ranked: RankedResult[], queryText: string, opts: { dropUncovered?: boolean } = {}): RankedResult[] {
  if (!contentWords(queryText).length || ranked.length < 2) return ranked;
  const scored = ranked.map((r, i) => {
    const share = coverage(queryText, ownFields(r.statement));
    return { r, i, c: Math.floor(share * 4 + 1e-9), any: share > 0 };
  });
  // fuse.js also matches the article title: "absolute right" in a headline brings every
  // statement of that article, none with the words. When some statement has them itself, the
  // ones that have none of them (even misspelt) are noise for a quote lookup (a step of 0 can
  // still have one of many words: it stays).
  const kept = opts.dropUncovered && scored.some((x) => x.c > 0) ? scored.filter((x) => x.any) : scored;
  return kept.sort((a, b) => b.c - a.c || a.i - b.i).map((x) => x.r);
}

function ownFields(s: IndexedStatement): string {
  return [s.text, s.quote ?? '', s.speaker ?? '', ...s.speakerAliases, s.outlet ?? ''].join(' ');
}

