import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../src/domain/article.js';
import type { StatementKind } from '../src/domain/statement.js';
import type { IndexedStatement } from '../src/search/types.js';

/**
 * A synthetic news corpus that grows like a real one: statements of 20–40 words from a Zipf
 * vocabulary (real function words at the head, tens of thousands of made-up content words in
 * the tail), thousands of speakers (with aliases: "H.R. McMaster", "McMaster") and outlets, and
 * the attribution shapes news uses ("…," X said. / X told Y that … / According to Y, …). The same
 * seed always gives the same corpus.
 */

/**
 * Bumped whenever the generator's output changes, so every cache made from the corpus (the
 * statements, the saved index, the exhaustive reference, the filled store) is made again: they
 * live under `bench/.cache/corpus-v<N>/`. v2: a direct quote is stored as the extractor stores it,
 * the words inside the quote marks (`"A," X said.` → `A`); v1 kept the final stop the text turns
 * into a comma (`A.`), so no direct quote was a substring of its text and every one was indexed
 * and scored apart from it (a second Myers pass per quote statement, and memory the extractor's
 * output never needs).
 */
export const CORPUS_VERSION = 2;

/** Where this corpus version's caches live. */
export function benchCacheDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '.cache', `corpus-v${CORPUS_VERSION}`);
}

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FUNCTION_WORDS =
  'the of and to a in that is was for on it with as he said by at from his an be have has but not are they this which were been had who their she her would will its or more after about one than also there when them we into all can over new i our you what could people out if up no only some other'.split(
    ' ',
  );
const NEWS_WORDS =
  'president government officials minister security intelligence meeting report story information police court election party state week year country war deal talks statement campaign investigation military source sources leaders allies russia israel china trade economy market vote law house senate adviser spokesman company city public health crisis attack plan policy official classified denied confirmed warned claimed revealed described disclosed briefing ambassador foreign national white room tonight happen false outright routine sharing'.split(
    ' ',
  );
const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z', 'br', 'cr', 'dr', 'fl', 'gr', 'pl', 'pr', 'st', 'tr', 'sh', 'ch', 'th', 'sp', 'cl'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou', 'ee'];
const CODAS = ['', '', 'n', 'r', 's', 't', 'l', 'm', 'nd', 'st', 'rk', 'ng', 'ck', 'x'];
const SUFFIXES = ['', '', '', 'ed', 'ing', 'tion', 's', 'er', 'ly', 'ment', 'ity', 'al'];

function makeWord(r: () => number, syllables: number): string {
  let w = '';
  for (let s = 0; s < syllables; s++) w += pick(r, ONSETS) + pick(r, VOWELS) + (s === syllables - 1 ? pick(r, CODAS) : '');
  return w + pick(r, SUFFIXES);
}

function pick<T>(r: () => number, a: readonly T[]): T {
  return a[Math.floor(r() * a.length)]!;
}

function capitalize(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** Draws ranks 0..n-1 with probability ∝ 1 / (rank + 1)^s. */
class Zipf {
  private cdf: Float64Array;
  constructor(n: number, s: number) {
    this.cdf = new Float64Array(n);
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc += 1 / Math.pow(i + 1, s);
      this.cdf[i] = acc;
    }
    for (let i = 0; i < n; i++) this.cdf[i]! /= acc;
  }
  draw(r: () => number): number {
    const x = r();
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export interface Speaker {
  name: string;
  aliases: string[];
  role: string;
}

export interface CorpusSpec {
  size: number;
  seed?: number;
  vocabulary?: number;
  speakers?: number;
  outlets?: number;
  statementsPerArticle?: number;
}

export interface SyntheticCorpus {
  statements: IndexedStatement[];
  speakers: Speaker[];
  outlets: string[];
  vocabulary: string[];
}

const ROLES = ['National Security Adviser', 'spokesman', 'Senator', 'minister', 'ambassador', 'CEO', 'police chief', 'official', 'professor', 'mayor'];

export function buildWorld(seed: number, vocabularySize: number, speakerCount: number, outletCount: number) {
  const r = rng(seed);
  const vocab = new Set<string>([...FUNCTION_WORDS, ...NEWS_WORDS]);
  while (vocab.size < vocabularySize) vocab.add(makeWord(r, 1 + Math.floor(r() * 3)));
  const vocabulary = [...vocab];
  const firstNames = Array.from({ length: 400 }, () => capitalize(makeWord(r, 2).slice(0, 7)));
  const lastNames = Array.from({ length: 2500 }, () => capitalize(makeWord(r, 2 + Math.floor(r() * 2))));
  const speakers: Speaker[] = [];
  const seen = new Set<string>();
  while (speakers.length < speakerCount) {
    const first = pick(r, firstNames);
    const last = pick(r, lastNames);
    const initials = r() < 0.15;
    const name = initials ? `${first[0]}.${pick(r, firstNames)[0]}. ${last}` : `${first} ${last}`;
    if (seen.has(name)) continue;
    seen.add(name);
    const aliases = initials ? [name.replace(/\./g, '').replace(/^(\w)(\w) /, '$1$2 '), last] : [last];
    speakers.push({ name, aliases, role: pick(r, ROLES) });
  }
  const outletShapes = [
    (w: string) => `The ${w} Times`,
    (w: string) => `${w} Post`,
    (w: string) => `${w} Herald`,
    (w: string) => `The ${w} Journal`,
    (w: string) => `${w} News`,
    (w: string) => `${w} Daily`,
    (w: string) => `${w.toUpperCase().slice(0, 3)}`,
  ];
  const outletSet = new Set<string>(['AP', 'Reuters', 'BuzzFeed', 'The Washington Post', 'The New York Times', 'CNN']);
  while (outletSet.size < outletCount) outletSet.add(pick(r, outletShapes)(capitalize(makeWord(r, 2))));
  return { vocabulary, speakers, outlets: [...outletSet] };
}

/** A generator of statements, deterministic for a seed; also yields whole articles for ingest. */
export function* generateArticles(spec: CorpusSpec): Generator<{ article: Omit<Article, 'contentHash' | 'source'>; statements: IndexedStatement[] }> {
  const seed = spec.seed ?? 42;
  const world = buildWorld(seed, spec.vocabulary ?? 40_000, spec.speakers ?? 3_000, spec.outlets ?? 1_200);
  const r = rng(seed + 1);
  const words = new Zipf(world.vocabulary.length, 1.05);
  const speakerZipf = new Zipf(world.speakers.length, 0.9);
  const outletZipf = new Zipf(world.outlets.length, 0.9);
  const perArticle = spec.statementsPerArticle ?? 20;
  const clusterPool: Array<{ quote: string; clusterId: string }> = [];
  const phrase = (n: number): string => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(world.vocabulary[words.draw(r)]!);
    return out.join(' ');
  };
  let made = 0;
  let articleNo = 0;
  while (made < spec.size) {
    const articleId = `art${articleNo++}`;
    const outlet = world.outlets[outletZipf.draw(r)]!;
    const title = capitalize(phrase(6 + Math.floor(r() * 6)));
    const statements: IndexedStatement[] = [];
    const lines: string[] = [];
    const count = Math.min(perArticle - 5 + Math.floor(r() * 10), spec.size - made);
    for (let i = 0; i < count; i++) {
      const sp = world.speakers[speakerZipf.draw(r)]!;
      const told = r() < 0.3 ? world.outlets[outletZipf.draw(r)]! : null;
      const len = 20 + Math.floor(r() * 21);
      const shape = r();
      let kind: StatementKind;
      let quote: string | null;
      let text: string;
      let speaker: Speaker | null = sp;
      let clusterId = `${articleId}:${i}`;
      const mention = r() < 0.5 ? sp.name : sp.aliases[sp.aliases.length - 1]!;
      if (shape < 0.35) {
        kind = 'direct';
        // Corroboration: some quotes recur in other articles.
        if (clusterPool.length > 0 && r() < 0.08) {
          const c = clusterPool[Math.floor(r() * clusterPool.length)]!;
          quote = c.quote;
          clusterId = c.clusterId;
        } else {
          quote = capitalize(phrase(len - 3));
          if (r() < 0.3) clusterPool.push({ quote, clusterId });
          if (clusterPool.length > 5000) clusterPool.shift();
        }
        text = told ? `"${quote}," ${mention} told ${told}.` : `"${quote}," ${mention} said.`;
      } else if (shape < 0.6) {
        kind = 'indirect';
        quote = phrase(len - 4);
        text = told ? `${mention} told ${told} that ${quote}.` : `${sp.role} ${mention} said ${quote}.`;
      } else if (shape < 0.7) {
        kind = 'mixed';
        const a = phrase(Math.floor(len / 2));
        quote = phrase(len - Math.floor(len / 2) - 3);
        text = `${mention} said ${a} "${quote}" and nothing more.`;
      } else if (shape < 0.78) {
        kind = 'indirect';
        quote = phrase(len - 3);
        text = `According to ${told ?? outlet}, ${quote}.`;
        speaker = null;
      } else {
        kind = 'statement';
        quote = null;
        text = capitalize(phrase(len)) + '.';
        speaker = null;
      }
      lines.push(text);
      statements.push({
        id: `${articleId}:${i}`,
        articleId,
        clusterId,
        kind,
        quote,
        text,
        speaker: speaker?.name ?? null,
        speakerAliases: speaker ? speaker.aliases : [],
        outlet: kind === 'statement' ? null : told ?? (speaker ? null : outlet),
        articleTitle: title,
        articleOutlet: outlet,
      });
    }
    made += statements.length;
    yield {
      article: {
        id: articleId,
        title,
        outlet,
        url: `https://news.example/${articleId}`,
        published: new Date(Date.UTC(2017, 0, 1) + articleNo * 600_000).toISOString(),
        author: null,
        text: lines.join('\n'),
      },
      statements,
    };
  }
}

export function generateCorpus(spec: CorpusSpec): SyntheticCorpus {
  const seed = spec.seed ?? 42;
  const world = buildWorld(seed, spec.vocabulary ?? 40_000, spec.speakers ?? 3_000, spec.outlets ?? 1_200);
  const statements: IndexedStatement[] = [];
  for (const a of generateArticles(spec)) for (const s of a.statements) statements.push(s);
  return { statements, speakers: world.speakers, outlets: world.outlets, vocabulary: world.vocabulary };
}

export interface BenchQuery {
  text: string;
  category: 'exact' | 'typo' | 'long' | 'speaker' | 'phrase' | 'filter';
}

function typo(r: () => number, w: string): string {
  if (w.length < 4) return w;
  const i = 1 + Math.floor(r() * (w.length - 2));
  const op = r();
  if (op < 0.3) return w.slice(0, i) + w.slice(i + 1);
  if (op < 0.6) return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
  if (op < 0.8) return w.slice(0, i) + 'aeiou'[Math.floor(r() * 5)] + w.slice(i + 1);
  return w.slice(0, i) + 'aeiou'[Math.floor(r() * 5)] + w.slice(i);
}

/** A fixed set of queries drawn from the corpus: exact words, typos, longer runs, names, phrases, filters. */
export function makeQueries(corpus: SyntheticCorpus, count = 210, seed = 7): BenchQuery[] {
  const r = rng(seed);
  const st = corpus.statements;
  const words = (s: IndexedStatement) => (s.quote ?? s.text).replace(/[".,]/g, '').split(' ').filter((w) => w.length > 0);
  // People search for content words: every run has a word of 5+ letters, and starts and ends
  // with a word of 3+ (no "a is the").
  const run = (n: number): string => {
    for (;;) {
      const w = words(st[Math.floor(r() * st.length)]!);
      if (w.length < n) continue;
      const at = Math.floor(r() * (w.length - n + 1));
      const ws = w.slice(at, at + n);
      if (!ws.some((x) => x.length >= 5) || ws[0]!.length < 3 || ws[ws.length - 1]!.length < 3) continue;
      return ws.join(' ').toLowerCase();
    }
  };
  const out: BenchQuery[] = [];
  const per = Math.ceil(count / 6);
  for (let i = 0; i < per; i++) out.push({ text: run(1 + Math.floor(r() * 3)), category: 'exact' });
  for (let i = 0; i < per; i++) {
    const ws = run(2 + Math.floor(r() * 3)).split(' ');
    const k = 1 + Math.floor(r() * 2);
    for (let t = 0; t < k; t++) {
      const j = Math.floor(r() * ws.length);
      ws[j] = typo(r, ws[j]!);
    }
    out.push({ text: ws.join(' '), category: 'typo' });
  }
  for (let i = 0; i < per; i++) out.push({ text: run(4 + Math.floor(r() * 2)), category: 'long' });
  for (let i = 0; i < per; i++) {
    const sp = st[Math.floor(r() * st.length)]!;
    const name = sp.speaker ?? corpus.speakers[Math.floor(r() * corpus.speakers.length)]!.name;
    const last = name.split(' ').pop()!;
    const v = r();
    out.push({ text: v < 0.4 ? name : v < 0.7 ? last.toLowerCase() : typo(r, last.toLowerCase()), category: 'speaker' });
  }
  for (let i = 0; i < per; i++) out.push({ text: `"${run(2 + Math.floor(r() * 2))}"`, category: 'phrase' });
  for (let i = 0; i < per; i++) {
    const v = r();
    const s = st[Math.floor(r() * st.length)]!;
    if (v < 0.4 && s.speaker) out.push({ text: `${run(2)} speaker:"${s.speaker}"`, category: 'filter' });
    else if (v < 0.7) out.push({ text: `${run(2)} kind:quote`, category: 'filter' });
    else out.push({ text: `${run(2)} outlet:"${s.articleOutlet}"`, category: 'filter' });
  }
  return out.slice(0, count);
}
