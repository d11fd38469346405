import type { StatementKind } from '../domain/statement.js';
import type { IndexedStatement, SearchHit, SearchIndex, SearchOptions, SearchQuery } from './types.js';
import { FUSE_THRESHOLD, distinctNames, foldForSearch } from './fuse-options.js';
import { bitapScore, bitapScoreBytes, bitapScoresTextQuote, compileBitap, countTokens, fieldFactor, isBlank, normForTokens, type BitapPattern } from './bitap.js';
import { ByteTexts, CaseTexts, Column, GrowableU32, IdIndex, SparseStrings, StringColumn, type TextColumn } from './columns.js';
import { TrigramPostings } from './trigrams.js';
import { highlightRanges } from './highlight.js';
import { parseQuery, queryPattern } from './query.js';
import { normalizeName, selectNames, selectOutlets } from './names.js';
import { phrasesPresent } from './filters.js';
import { SpeakerDirectory, distinctQuotes, type SpeakerEntry } from './suggest.js';
import { QuoteSuggester, type QuoteSource } from './suggest-quotes.js';
import { W_OUTLETS, W_QUOTE, W_SPEAKERS, W_TEXT, W_TITLE } from './weights.js';
import { rankTopDocs, updateDocStats, type DocStats } from './top-docs.js';
import { MyersBatch } from './myers-simd.js';

/*
 * The fast index. fuse.js scores every statement on every query; this index scores only a few
 * hundred candidates, with fuse.js's exact score (bitap.ts), so results agree with plain fuse.js
 * wherever the candidates contain fuse.js's top results (measured as recall@10 in `npm run bench`).
 *
 *  1. Text candidates: an inverted index from character trigrams of the lowercased statement text
 *     (and quote) to statement numbers. A query counts, per statement, how many of its distinct
 *     trigrams the statement has (c). The q-gram lemma turns c into a lower bound on the errors of
 *     any fuse.js match (each edit destroys at most 3 trigrams: errors ≥ (D − c) / 3), hence a lower
 *     bound on the statement's fuse.js score. The statements with the most trigrams are kept.
 *  2. Metadata candidates: speaker names, outlets and titles live in small dictionaries scored
 *     exactly per query; statements of a matching speaker or outlet join the candidates.
 *  3. Candidates are scored exactly in order of their lower bound; once `limit` results are in
 *     hand and the next bound cannot beat the worst of them, the search stops.
 * Filters are checked while collecting candidates. Statements are numbered in insertion order, as
 * fuse.js's records are, so ties break the same way.
 */


/** How many trigram-count candidates to consider, and how many to score exactly at most. */
export interface FastSearchTuning {
  /** The last stage's candidates (with `tightLastStage`: every one looked at, see top-docs.ts). */
  textCandidates: number;
  /**
   * Scoring budgets of the bound-ordered loop (the exhaustive mode's last stage, a speaker's or
   * phrase's earlier ones): when `maxExact` statements are scored and the `limit`-th result is
   * still weaker than `weakScore` (or there are fewer than `limit`), scoring goes on up to
   * `maxExactWeak`. The tight last stage has no budget beyond its candidates.
   */
  maxExact: number;
  weakScore: number;
  maxExactWeak: number;
  /** At most this many statements from one matching speaker or outlet… */
  perEntity: number;
  /** …and from all of them (best names first). */
  maxPooled: number;
  /** A rarest trigram list longer than this is not read: statements are scanned in order. */
  maxFirstList: number;
  /** A speaker or article filter leaving at most this many statements scores them all. */
  filteredExact: number;
  /** At most this many trigram lists (the shortest) per query… */
  maxLists: number;
  /** …at least this many, and beyond them only while the postings read stay within the budget. */
  minLists: number;
  minPostings: number;
  postingsFraction: number;
  /**
   * Earlier stages (fractions of the statement count, at least `minStagePostings` postings): the
   * rarest lists are read first and more only while the top ten is not proven (top-docs.ts).
   */
  stages: number[];
  minStagePostings: number;
  /** Per earlier stage: at most this many statements ranked, and scored exactly. */
  stageCandidates: number;
  stageExact: number;
  /**
   * The last stage takes the `textCandidates` statements sharing most trigrams and scores them
   * with one Myers pass over text and quote, best bound first (top-docs.ts); off, it bounds every
   * statement read by its trigrams alone (the exhaustive mode: slow, proven).
   */
  tightLastStage: boolean;
  /**
   * Score every article title and add statements whose title alone matches. Off by default:
   * titles weigh least, and a statement found only through its article's title is rarely the
   * answer; on in the exhaustive mode tests use.
   */
  scanTitles: boolean;
  /**
   * …but on anyway while the index has at most this many titles: scoring a few thousand costs a
   * millisecond or so, and a small corpus then gets fuse.js's results to the last title match
   * (at 1M statements, ~50 000 titles, it would cost tens).
   */
  titleScanMax: number;
}

export const DEFAULT_TUNING: FastSearchTuning = {
  // The last stage's 6 000 candidates (statements sharing most trigrams) are each scored by one
  // Myers pass unless their trigram bound rules them out. At 1M, recall@10 against the exhaustive
  // mode on the 210 benchmark queries: 0.934 with postings up to 1.5 × the statements read, 0.937
  // with 1 ×, 0.93 with 0.75 ×, 0.894 with 0.5 ×; 4 000 candidates 0.90, 8 000 0.945.
  textCandidates: 6000,
  maxExact: 6000,
  weakScore: 0.3,
  maxExactWeak: 6000,
  perEntity: 1000,
  maxPooled: 5000,
  maxFirstList: Number.MAX_SAFE_INTEGER,
  filteredExact: 5000,
  maxLists: 48,
  minLists: 4,
  minPostings: 60_000,
  postingsFraction: 1,
  stages: [0.02, 0.15],
  minStagePostings: 20_000,
  stageCandidates: 3000,
  stageExact: 600,
  tightLastStage: true,
  scanTitles: false,
  titleScanMax: 2000,
};

/** Considers every statement: exactly plain fuse.js's results (tests use it as the reference). */
export const EXHAUSTIVE_TUNING: FastSearchTuning = {
  textCandidates: Number.MAX_SAFE_INTEGER,
  maxExact: Number.MAX_SAFE_INTEGER,
  weakScore: 0,
  maxExactWeak: Number.MAX_SAFE_INTEGER,
  perEntity: Number.MAX_SAFE_INTEGER,
  maxPooled: Number.MAX_SAFE_INTEGER,
  maxFirstList: Number.MAX_SAFE_INTEGER,
  filteredExact: 0,
  maxLists: 127,
  minLists: 127,
  minPostings: Number.MAX_SAFE_INTEGER,
  postingsFraction: 1,
  stages: [],
  minStagePostings: 0,
  stageCandidates: 0,
  stageExact: 0,
  tightLastStage: false,
  scanTitles: true,
  titleScanMax: Number.MAX_SAFE_INTEGER,
};

const KINDS: readonly StatementKind[] = ['direct', 'indirect', 'mixed', 'statement'];

interface Entity {
  speaker: string | null;
  aliases: string[];
  /** Ids in `names` of the folded distinct names fuse.js sees (speaker first). */
  nameIds: number[];
  normalized: string[];
  docs: GrowableU32;
}

interface ArticleRec {
  id: string;
  title: string;
  outlet: number;
  titleId: number;
}

/** Distinct folded strings with their token counts and per-string character histograms. */
class Dict {
  strings: string[] = [];
  ids = new Map<string, number>();
  tokens: number[] = [];
  /** 64 buckets per string: an upper bound on the characters a pattern can match (filter). */
  hist = new Uint8Array(64 * 64);
  docs: GrowableU32[] = [];
  intern(s: string): number {
    let id = this.ids.get(s);
    if (id !== undefined) return id;
    id = this.strings.length;
    this.strings.push(s);
    this.ids.set(s, id);
    this.tokens.push(countTokens(s));
    this.docs.push(new GrowableU32(2));
    if (this.hist.length < (id + 1) * 64) {
      const next = new Uint8Array(this.hist.length * 2);
      next.set(this.hist);
      this.hist = next;
    }
    for (let i = 0; i < s.length; i++) {
      const b = id * 64 + (s.charCodeAt(i) & 63);
      if (this.hist[b]! < 255) this.hist[b]!++;
    }
    return id;
  }
  get size(): number {
    return this.strings.length;
  }
}

/** State of one query: lazily computed dictionary scores. */
export interface QueryState {
  pat: BitapPattern;
  nameScore: Float64Array;
  outletScore: Float64Array;
  titleScore: Float64Array;
  entityFactor: Float64Array;
  /** Lower bounds of title scores from character counts (-1: not computed). */
  titleBound: Float64Array | null;
  patternHist?: Uint8Array;
  patternBuckets?: number[];
}

/** Lowercased sigmas: the one lowercasing that depends on the letters around (final ς). */
const SIGMA = /[\u03c2\u03c3]/;

export class FastIndex implements SearchIndex {
  tuning: FastSearchTuning;
  // Statement columns, by statement number.
  n = 0;
  liveCount = 0;
  ids = new StringColumn();
  idToDoc = new IdIndex(this.ids);
  live: Column<Uint8Array> = new Column(new Uint8Array(1024), (k) => new Uint8Array(k));
  kind: Column<Uint8Array> = new Column(new Uint8Array(1024), (k) => new Uint8Array(k));
  /** The lowercased (folded) texts fuse.js would see, as bytes. */
  folded = new ByteTexts();
  /** The texts as given: their differences from `folded` (StringColumn when loaded from an older file). */
  texts: TextColumn = new CaseTexts(this.folded);
  clusters = new StringColumn();
  quoteStart: Column<Int32Array> = new Column(new Int32Array(1024), (k) => new Int32Array(k));
  quoteLen: Column<Uint32Array> = new Column(new Uint32Array(1024), (k) => new Uint32Array(k));
  separateQuotes = new SparseStrings();
  /**
   * The quotes kept apart from their text, folded, as bytes (derived: rebuilt from
   * `separateQuotes` on load). Scoring them as strings meant decoding and folding each one per
   * query; `quoteLen` holds their lengths as it does for quotes within the text.
   */
  foldedQuotes = new ByteTexts();
  textTok: Column<Uint16Array> = new Column(new Uint16Array(1024), (k) => new Uint16Array(k));
  quoteTok: Column<Uint16Array> = new Column(new Uint16Array(1024), (k) => new Uint16Array(k));
  article: Column<Int32Array> = new Column(new Int32Array(1024), (k) => new Int32Array(k));
  entity: Column<Int32Array> = new Column(new Int32Array(1024), (k) => new Int32Array(k));
  outlet: Column<Int32Array> = new Column(new Int32Array(1024), (k) => new Int32Array(k));
  // Interned metadata.
  entities: Entity[] = [];
  entityIds = new Map<string, number>();
  articles: ArticleRec[] = [];
  articleIds = new Map<string, number>();
  /** Raw outlet strings; `outletFold[i]` is its id in `outlets` (-1 when blank). */
  outletRaw: string[] = [];
  outletRawIds = new Map<string, number>();
  outletFold: number[] = [];
  names = new Dict();
  outlets = new Dict();
  titles = new Dict();
  postings = new TrigramPostings();
  private speakerCache: SpeakerDirectory | null = null;
  /** Autocomplete: scratch arrays, and recent answers by what was typed (see suggestQuotes). */
  private quoteSuggester = new QuoteSuggester();
  private suggestArrays: { titleScore: Float64Array; entityFactor: Float64Array } | null = null;
  private quoteMemo: { stamp: string; answers: Map<string, Array<{ id: string; quote: string }>> } = { stamp: '', answers: new Map() };
  /** Add-path caches: the last article interned, and each speaker's latest entity. */
  private lastArticle = -1;
  private recentEntity = new Map<string | null, number>();
  private speakerCounts = new Map<string, number>();
  private counts = new Uint8Array(1024);
  private touched = new Uint32Array(1024);
  private flags = new Uint8Array(1024);
  private docStats: DocStats | null = null;


  constructor(tuning: FastSearchTuning = DEFAULT_TUNING) {
    this.tuning = tuning;
  }

  get size(): number {
    return this.liveCount;
  }

  add(docs: readonly IndexedStatement[]): void {
    if (docs.length >= BULK) this.reserve(docs);
    // A statement already present is replaced: its old number becomes a tombstone.
    for (const d of docs) this.addOne(d);
  }

  /** Room for a big batch in one allocation per array (see ByteTexts.reserve). */
  private reserve(docs: readonly IndexedStatement[]): void {
    let text = 0;
    let quotes = 0;
    for (const d of docs) {
      text += d.text.length;
      if (d.quote !== null) quotes += d.quote.length + 1;
    }
    const n = this.n + docs.length;
    for (const c of [this.live, this.kind, this.quoteStart, this.quoteLen, this.textTok, this.quoteTok, this.article, this.entity, this.outlet]) {
      c.ensure(n);
    }
    this.folded.start.ensure(n);
    this.folded.len.ensure(n);
    this.folded.reserve(text);
    this.postings.reserve(docs.length, text + quotes);
  }

  /**
   * Everything added so far in the compact on-disk layout (one counting sort of the trigram
   * postings). Optional: the first search or save does it anyway; a bulk build calls it so its
   * time is counted where it belongs.
   */
  compact(): void {
    this.postings.compact();
  }

  private addOne(d: IndexedStatement): void {
    if (this.idToDoc.get(d.id) !== undefined) this.remove([d.id]);
    const doc = this.n++;
    if (doc >= this.live.data.length) {
      for (const c of [this.live, this.kind, this.quoteStart, this.quoteLen, this.textTok, this.quoteTok, this.article, this.entity, this.outlet]) {
        c.ensure(this.n);
      }
    }
    this.ids.push(d.id);
    this.idToDoc.set(d.id, doc);
    this.live.data[doc] = 1;
    this.liveCount++;
    this.kind.data[doc] = Math.max(0, KINDS.indexOf(d.kind));
    this.clusters.push(d.clusterId === d.id ? '' : d.clusterId);
    const foldedText = foldForSearch(d.text);
    this.folded.set(doc, foldedText);
    this.texts.push(d.text, foldedText);
    // Folding keeps length and whitespace, so token counts need no folded copy.
    this.textTok.data[doc] = isBlank(d.text) ? 0 : Math.min(65535, countTokens(d.text));
    let trigramSource = foldedText;
    if (d.quote === null) {
      this.quoteStart.data[doc] = -1;
    } else {
      const at = d.text.indexOf(d.quote);
      if (at >= 0) {
        this.quoteStart.data[doc] = at;
        this.quoteLen.data[doc] = d.quote.length;
      } else {
        this.quoteStart.data[doc] = -2;
        this.quoteLen.data[doc] = d.quote.length;
        this.separateQuotes.set(doc, d.quote);
        const foldedQuote = foldForSearch(d.quote);
        this.foldedQuotes.set(doc, foldedQuote);
        trigramSource += '\n' + foldedQuote;
      }
      this.quoteTok.data[doc] = isBlank(d.quote) ? 0 : Math.min(65535, countTokens(d.quote));
    }
    this.postings.addDoc(doc, trigramSource);
    // Article: statements arrive article by article, so the last one is usually it.
    const outletId = this.internOutlet(d.outlet);
    const articleOutlet = this.internOutlet(d.articleOutlet);
    let a = this.lastArticle;
    const la = a >= 0 ? this.articles[a] : undefined;
    if (!la || la.id !== d.articleId || la.title !== d.articleTitle || la.outlet !== articleOutlet) {
      const aKey = articleKey(d.articleId, d.articleTitle, d.articleOutlet);
      let found = this.articleIds.get(aKey);
      if (found === undefined) {
        found = this.articles.length;
        this.articles.push({
          id: d.articleId,
          title: d.articleTitle,
          outlet: articleOutlet,
          titleId: this.titles.intern(foldForSearch(d.articleTitle)),
        });
        this.articleIds.set(aKey, found);
      }
      a = this.lastArticle = found;
    }
    this.article.data[doc] = a;
    this.outlet.data[doc] = outletId;
    const f1 = outletId >= 0 ? this.outletFold[outletId]! : -1;
    const f2 = articleOutlet >= 0 ? this.outletFold[articleOutlet]! : -1;
    if (f1 >= 0) this.outlets.docs[f1]!.push(doc);
    if (f2 >= 0 && f2 !== f1) this.outlets.docs[f2]!.push(doc);
    this.titles.docs[this.articles[a]!.titleId]!.push(doc);
    // Speaker entity.
    if (d.speaker === null && d.speakerAliases.length === 0) {
      this.entity.data[doc] = -1;
    } else {
      const e = this.entityOf(d.speaker, d.speakerAliases);
      this.entities[e]!.docs.push(doc);
      this.entity.data[doc] = e;
      if (d.speaker) this.bumpSpeaker(d.speaker, 1);
    }
  }

  /** The entity of a speaker and aliases, interned; the speaker's latest entity is checked first. */
  private entityOf(speaker: string | null, aliases: readonly string[]): number {
    const recent = this.recentEntity.get(speaker);
    if (recent !== undefined && sameStrings(this.entities[recent]!.aliases, aliases)) return recent;
    const eKey = entityKey(speaker, aliases);
    let e = this.entityIds.get(eKey);
    if (e === undefined) {
      e = this.entities.length;
      const names = distinctNames([speaker, ...aliases]);
      this.entities.push({
        speaker,
        aliases: [...aliases],
        nameIds: names.map((n) => this.names.intern(n)),
        normalized: [speaker, ...aliases].filter((x): x is string => !!x).map(normalizeName),
        docs: new GrowableU32(4),
      });
      this.entityIds.set(eKey, e);
      this.speakerCache = null;
    }
    this.recentEntity.set(speaker, e);
    return e;
  }

  /**
   * After loading columns from disk: the id map, per-speaker/outlet/title statement lists and
   * speaker counts, all derived from the columns.
   */
  rebuildDerived(): void {
    const live = this.live.data;
    this.idToDoc = this.ids.idIndex((doc) => live[doc] === 1);
    this.speakerCounts = new Map();
    this.speakerCache = null;
    for (const e of this.entities) e.docs = new GrowableU32(4);
    for (let i = 0; i < this.outlets.size; i++) this.outlets.docs[i] = new GrowableU32(2);
    for (let i = 0; i < this.titles.size; i++) this.titles.docs[i] = new GrowableU32(2);
    this.foldedQuotes = new ByteTexts();
    // Sized once (UTF-8 bytes bound the Latin-1 ones): growing by doubling left up to half unused.
    let bytesTotal = 0;
    this.separateQuotes.forEachUtf8((_, bytes) => (bytesTotal += bytes.length));
    this.foldedQuotes.reserve(bytesTotal);
    this.foldedQuotes.start.ensure(this.n);
    this.foldedQuotes.len.ensure(this.n);
    this.separateQuotes.forEachUtf8((doc, bytes) => {
      const quote = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
      this.foldedQuotes.set(doc, foldForSearch(quote));
      this.quoteLen.data[doc] = quote.length;
    });
    this.liveCount = 0;
    for (let doc = 0; doc < this.n; doc++) {
      if (!this.live.data[doc]) continue;
      this.liveCount++;
      const e = this.entity.data[doc]!;
      if (e >= 0) {
        this.entities[e]!.docs.push(doc);
        const sp = this.entities[e]!.speaker;
        if (sp) this.speakerCounts.set(sp, (this.speakerCounts.get(sp) ?? 0) + 1);
      }
      const a = this.articles[this.article.data[doc]!]!;
      this.titles.docs[a.titleId]!.push(doc);
      const o1 = this.outlet.data[doc]!;
      const f1 = o1 >= 0 ? this.outletFold[o1]! : -1;
      const f2 = a.outlet >= 0 ? this.outletFold[a.outlet]! : -1;
      if (f1 >= 0) this.outlets.docs[f1]!.push(doc);
      if (f2 >= 0 && f2 !== f1) this.outlets.docs[f2]!.push(doc);
    }
  }

  /** Interns an article and a speaker entity as `add` would (used when loading). */
  restoreArticle(id: string, title: string, outlet: string | null): void {
    const o = this.internOutlet(outlet);
    this.articleIds.set(articleKey(id, title, outlet), this.articles.length);
    this.articles.push({ id, title, outlet: o, titleId: this.titles.intern(foldForSearch(title)) });
  }

  restoreEntity(speaker: string | null, aliases: string[]): void {
    this.entityIds.set(entityKey(speaker, aliases), this.entities.length);
    this.entities.push({
      speaker,
      aliases,
      nameIds: distinctNames([speaker, ...aliases]).map((nm) => this.names.intern(nm)),
      normalized: [speaker, ...aliases].filter((x): x is string => !!x).map(normalizeName),
      docs: new GrowableU32(4),
    });
  }

  restoreOutlet(raw: string): void {
    this.internOutlet(raw);
  }

  private internOutlet(raw: string | null): number {
    if (raw === null) return -1;
    let id = this.outletRawIds.get(raw);
    if (id === undefined) {
      id = this.outletRaw.length;
      this.outletRaw.push(raw);
      this.outletRawIds.set(raw, id);
      const f = foldForSearch(raw.trim());
      this.outletFold.push(f === '' ? -1 : this.outlets.intern(f));
    }
    return id;
  }

  private bumpSpeaker(name: string, by: number): void {
    this.speakerCounts.set(name, (this.speakerCounts.get(name) ?? 0) + by);
    this.speakerCache = null;
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) {
      const doc = this.idToDoc.get(id);
      if (doc === undefined) continue;
      this.idToDoc.delete(id);
      this.live.data[doc] = 0;
      this.liveCount--;
      const e = this.entity.data[doc]!;
      if (e >= 0 && this.entities[e]!.speaker) this.bumpSpeaker(this.entities[e]!.speaker!, -1);
      this.texts.clear(doc);
      this.separateQuotes.delete(doc);
    }
  }

  get(id: string): IndexedStatement | undefined {
    const doc = this.idToDoc.get(id);
    return doc === undefined ? undefined : this.statementAt(doc);
  }

  statementAt(doc: number): IndexedStatement {
    const id = this.ids.get(doc);
    const a = this.articles[this.article.data[doc]!]!;
    const e = this.entity.data[doc]!;
    const ent = e >= 0 ? this.entities[e]! : null;
    const o = this.outlet.data[doc]!;
    const cluster = this.clusters.get(doc);
    return {
      id,
      articleId: a.id,
      clusterId: cluster === '' ? id : cluster,
      kind: KINDS[this.kind.data[doc]!]!,
      quote: this.quoteOf(doc),
      text: this.texts.get(doc),
      speaker: ent ? ent.speaker : null,
      speakerAliases: ent ? [...ent.aliases] : [],
      outlet: o >= 0 ? this.outletRaw[o]! : null,
      articleTitle: a.title,
      articleOutlet: a.outlet >= 0 ? this.outletRaw[a.outlet]! : null,
    };
  }

  private quoteOf(doc: number): string | null {
    const qs = this.quoteStart.data[doc]!;
    if (qs === -1) return null;
    if (qs === -2) return this.separateQuotes.get(doc) ?? null;
    return this.texts.get(doc).slice(qs, qs + this.quoteLen.data[doc]!);
  }

  // ---------------------------------------------------------------- filters

  private filterPredicate(q: SearchQuery): ((doc: number) => boolean) | null {
    const f = q.filters;
    if (!f.speaker && !f.outlet && !f.kind && !f.articleId) return null;
    const ents = f.speaker ? this.speakerEntities(f.speaker) : null;
    const outs = f.outlet ? this.chosenOutlets(f.outlet) : null;
    return this.predicateOf(f.kind, ents, outs, f.articleId);
  }

  /** Raw outlets (1 = chosen) an `outlet:` filter selects. */
  private chosenOutlets(outlet: string): Uint8Array {
    const normalized = this.outletRaw.map(normalizeName);
    const distinct = [...new Set(normalized)];
    const chosen = new Set(selectOutlets(distinct, outlet).map((i) => distinct[i]!));
    const outs = new Uint8Array(this.outletRaw.length);
    normalized.forEach((nm, i) => {
      if (chosen.has(nm)) outs[i] = 1;
    });
    return outs;
  }

  /** Entities (1 = chosen) whose names a `speaker:` filter selects. */
  private speakerEntities(speaker: string): Uint8Array {
    {
      const all: string[] = [];
      const owners: number[][] = [];
      const seen = new Map<string, number>();
      this.entities.forEach((e, i) => {
        for (const nm of e.normalized) {
          let k = seen.get(nm);
          if (k === undefined) {
            k = all.length;
            seen.set(nm, k);
            all.push(nm);
            owners.push([]);
          }
          owners[k]!.push(i);
        }
      });
      const ents = new Uint8Array(this.entities.length);
      for (const k of selectNames(all, speaker)) for (const i of owners[k]!) ents[i] = 1;
      return ents;
    }
  }

  /**
   * The statements a `speaker:`, `articleId:` or `outlet:` filter allows (a superset: the full
   * predicate is applied too), when they are at most `max`
   * (null otherwise, or without such a filter): few enough to score every one exactly.
   */
  private fewFiltered(q: SearchQuery, max: number): number[] | null {
    const f = q.filters;
    const out: number[] = [];
    if (f.speaker) {
      const ents = this.speakerEntities(f.speaker);
      let total = 0;
      for (let e = 0; e < ents.length; e++) if (ents[e]) total += this.entities[e]!.docs.length;
      if (total > max) return null;
      for (let e = 0; e < ents.length; e++) if (ents[e]) for (const d of this.entities[e]!.docs.view()) out.push(d);
    } else if (f.articleId) {
      for (let a = 0; a < this.articles.length; a++) {
        const art = this.articles[a]!;
        if (art.id !== f.articleId) continue;
        for (const d of this.titles.docs[art.titleId]!.view()) if (this.article.data[d] === a) out.push(d);
        if (out.length > max) return null;
      }
    } else if (f.outlet) {
      // Every statement of a chosen outlet is in that outlet's list (its own or its article's).
      const outs = this.chosenOutlets(f.outlet);
      const folded = new Set<number>();
      for (let o = 0; o < outs.length; o++) if (outs[o] && this.outletFold[o]! >= 0) folded.add(this.outletFold[o]!);
      let total = 0;
      for (const fo of folded) total += this.outlets.docs[fo]!.length;
      if (total > max) return null;
      for (const fo of folded) for (const d of this.outlets.docs[fo]!.view()) out.push(d);
      return [...new Set(out)].sort((x, y) => x - y);
    } else return null;
    return out.sort((x, y) => x - y);
  }

  private predicateOf(
    kindCode: SearchQuery['filters']['kind'],
    ents: Uint8Array | null,
    outs: Uint8Array | null,
    articleId: string | undefined,
  ): ((doc: number) => boolean) | null {
    const kinds = this.kind.data;
    const entity = this.entity.data;
    const outlet = this.outlet.data;
    const article = this.article.data;
    // Called for every statement a query touches (hundreds of thousands at 1M): table lookups only.
    const kindOk = new Uint8Array(KINDS.length);
    KINDS.forEach((k, i) => (kindOk[i] = !kindCode || (kindCode === 'quote' ? i === 0 || i === 2 : k === kindCode) ? 1 : 0));
    // Per article, once per query: whether its outlet is chosen, whether it is the article asked
    // for (a statement's article record is an object: reading it per statement cost a cache miss).
    const artOutlet = outs ? Uint8Array.from(this.articles, (a) => (a.outlet >= 0 && outs[a.outlet] ? 1 : 0)) : null;
    const artChosen = articleId ? Uint8Array.from(this.articles, (a) => (a.id === articleId ? 1 : 0)) : null;
    return (doc) => {
      if (!kindOk[kinds[doc]!]) return false;
      if (ents) {
        const e = entity[doc]!;
        if (e < 0 || !ents[e]) return false;
      }
      if (outs) {
        const o = outlet[doc]!;
        if (!((o >= 0 && outs[o]) || artOutlet![article[doc]!])) return false;
      }
      if (artChosen && !artChosen[article[doc]!]) return false;
      return true;
    };
  }

  // ---------------------------------------------------------------- search

  search(query: SearchQuery, opts: SearchOptions, tuning: FastSearchTuning = this.tuning): SearchHit[] {
    const limit = Math.max(0, Math.floor(opts.limit));
    if (limit === 0) return [];
    const display = queryPattern(query);
    const pattern = foldForSearch(display);
    const allowed = this.filterPredicate(query);
    const live = this.live.data;
    const hit = (doc: number, score: number): SearchHit => ({
      id: this.ids.get(doc),
      score,
      highlights: highlightRanges(this.quoteOf(doc) ?? this.texts.get(doc), display, query.phrases),
    });
    if (pattern.trim() === '') {
      if (!allowed) return [];
      const hits: SearchHit[] = [];
      for (let doc = this.n - 1; doc >= 0 && hits.length < limit; doc--) {
        if (live[doc] && allowed(doc)) hits.push(hit(doc, 0));
      }
      return hits;
    }
    // A speaker or article filter that leaves few statements: every one scored exactly, so
    // statements matching only through their article's title are found there too (fuse.js's
    // results on the filtered set, whatever the tuning).
    const few = this.fewFiltered(query, tuning.filteredExact);
    if (few) {
      const st = this.queryState(pattern);
      const top: Array<[number, number]> = [];
      const kept = few.filter((d) => live[d] && (!allowed || allowed(d)));
      const scores = this.exactScores(st, kept);
      for (let i = 0; i < kept.length; i++) {
        const d = kept[i]!;
        const s = scores[i]!;
        if (s === 2) continue;
        if (query.phrases.length > 0 && !phrasesPresent(query.phrases, this.folded.get(d), this.foldedQuoteOf(d))) continue;
        insertTop(top, d, s, limit);
      }
      this.lastEvaluated = few.length;
      this.lastStage = 'filtered:proven';
      return top.map(([doc, score]) => hit(doc, score));
    }
    const results = this.topDocs(pattern, query.phrases, allowed, limit, tuning, opts.prove);
    return results.map(([doc, score]) => hit(doc, score));
  }

  private queryState(pattern: string): QueryState {
    const pat = compileBitap(pattern, FUSE_THRESHOLD);
    return {
      pat,
      nameScore: this.scoreDict(this.names, pat, pattern),
      outletScore: this.scoreDict(this.outlets, pat, pattern),
      titleScore: new Float64Array(this.titles.size).fill(-1),
      entityFactor: new Float64Array(this.entities.length).fill(-1),
      titleBound: null,
    };
  }

  /** The best `limit` statements as [number, fuse.js score], best first (top-docs.ts). */
  topDocs(
    pattern: string,
    phrases: readonly string[],
    allowed: ((doc: number) => boolean) | null,
    limit: number,
    tuning: FastSearchTuning,
    prove = limit,
  ): Array<[number, number]> {
    const st = this.queryState(pattern);
    const n = this.n;
    if (this.counts.length < n) this.counts = new Uint8Array(Math.max(n, this.counts.length * 2));
    if (this.flags.length < n) this.flags = new Uint8Array(Math.max(n, this.flags.length * 2));
    if (!this.docStats || this.docStats.upTo < n) this.docStats = updateDocStats(this, this.docStats);
    const marks = { counts: this.counts, flags: this.flags, touched: this.touched };
    const r = rankTopDocs(this, st, pattern, phrases, allowed, limit, tuning, marks, this.docStats, prove);
    this.touched = marks.touched;
    this.lastEvaluated = r.evaluated;
    this.lastStage = r.stage;
    return r.top;
  }

  lastEvaluated = 0;
  /** How the last search ended (benchmarks and tests look at it). */
  lastStage = '';

  foldedQuoteOf(doc: number): string | null {
    if (this.quoteStart.data[doc] === -2) return this.foldedQuotes.get(doc);
    const q = this.quoteOf(doc);
    return q === null ? null : foldForSearch(q);
  }

  private scoreDict(dict: Dict, pat: BitapPattern, pattern: string): Float64Array {
    const out = new Float64Array(dict.size).fill(1);
    const m = pattern.length;
    if (m === 0) return out;
    let kMax = 0;
    while ((kMax + 1) / m <= FUSE_THRESHOLD) kMax++;
    const chunked = m > 32;
    const pc = new Uint8Array(64);
    const buckets: number[] = [];
    for (let i = 0; i < m; i++) {
      const b = pattern.charCodeAt(i) & 63;
      if (pc[b] === 0) buckets.push(b);
      pc[b]!++;
    }
    const need = m - kMax;
    const hist = dict.hist;
    for (let id = 0; id < dict.size; id++) {
      if (!chunked) {
        let can = 0;
        const base = id * 64;
        for (const b of buckets) can += Math.min(pc[b]!, hist[base + b]!);
        if (can < need) continue;
      }
      out[id] = bitapScore(pat, dict.strings[id]!);
    }
    return out;
  }

  entityFactorOf(st: QueryState, e: number): number {
    let f = st.entityFactor[e]!;
    if (f >= 0) return f;
    f = 1;
    for (const nid of this.entities[e]!.nameIds) {
      const s = st.nameScore[nid]!;
      if (s < 1) f *= fieldFactor(s, W_SPEAKERS, normForTokens(this.names.tokens[nid]!));
    }
    st.entityFactor[e] = f;
    return f;
  }

  titleScoreOf(st: QueryState, titleId: number): number {
    let s = st.titleScore[titleId]!;
    if (s < 0) {
      const t = this.titles.strings[titleId]!;
      s = isBlank(t) ? 1 : bitapScore(st.pat, t);
      st.titleScore[titleId] = s;
    }
    return s;
  }

  /** The speaker and outlet factors of a statement (the title's is added by the callers). */
  private speakerOutletFactor(st: QueryState, doc: number): number {
    const e = this.entity.data[doc]!;
    let f = e >= 0 ? this.entityFactorOf(st, e) : 1;
    const a = this.articles[this.article.data[doc]!]!;
    const o1 = this.outlet.data[doc]!;
    const f1 = o1 >= 0 ? this.outletFold[o1]! : -1;
    const f2 = a.outlet >= 0 ? this.outletFold[a.outlet]! : -1;
    if (f1 >= 0 && st.outletScore[f1]! < 1) f *= fieldFactor(st.outletScore[f1]!, W_OUTLETS, normForTokens(this.outlets.tokens[f1]!));
    if (f2 >= 0 && f2 !== f1 && st.outletScore[f2]! < 1) f *= fieldFactor(st.outletScore[f2]!, W_OUTLETS, normForTokens(this.outlets.tokens[f2]!));
    return f;
  }

  /** Speaker, outlet and title factors: exact (memoized per query). */
  metaFactor(st: QueryState, doc: number): number {
    let f = this.speakerOutletFactor(st, doc);
    const a = this.articles[this.article.data[doc]!]!;
    const s = this.titleScoreOf(st, a.titleId);
    if (s < 1) f *= fieldFactor(s, W_TITLE, normForTokens(this.titles.tokens[a.titleId]!));
    return f;
  }

  /**
   * A lower bound of the metadata factor without scoring titles: a title not yet scored counts
   * at its character-count bound (titleLowerBound), or at `titleFactor` when given (the same
   * for every statement: candidates are then ordered by their text, not by a title bound).
   */
  metaBound(st: QueryState, doc: number, pattern: string, k: number, titleFactor?: number): number {
    let f = this.speakerOutletFactor(st, doc);
    if (titleFactor !== undefined) return f * titleFactor;
    const a = this.articles[this.article.data[doc]!]!;
    const t = a.titleId;
    let ts = st.titleScore[t]!;
    if (ts < 0) ts = this.titleLowerBound(st, t, pattern, k);
    if (ts < 1) f *= fieldFactor(ts, W_TITLE, normForTokens(this.titles.tokens[t]!));
    return f;
  }

  /**
   * A lower bound of a title's fuse.js score: 0 when it is the pattern, else at least as many
   * errors as pattern characters the title lacks (character histogram), 1 when that is over `k`.
   */
  titleLowerBound(st: QueryState, t: number, pattern: string, k: number): number {
    let tb = st.titleBound;
    if (!tb) tb = st.titleBound = new Float64Array(this.titles.size).fill(-1);
    let v = tb[t]!;
    if (v >= 0) return v;
    const m = pattern.length;
    if (this.titles.strings[t] === pattern) v = 0;
    else if (m > 32) v = 0.001;
    else {
      let pc = st.patternHist;
      let buckets = st.patternBuckets;
      if (!pc || !buckets) {
        pc = st.patternHist = new Uint8Array(64);
        buckets = st.patternBuckets = [];
        for (let i = 0; i < m; i++) {
          const b = pattern.charCodeAt(i) & 63;
          if (pc[b] === 0) buckets.push(b);
          pc[b]!++;
        }
      }
      const hist = this.titles.hist;
      const base = t * 64;
      let can = 0;
      for (const b of buckets) can += Math.min(pc[b]!, hist[base + b]!);
      const e = m - can;
      v = e > k ? 1 : Math.max(0.001, e / m);
    }
    tb[t] = v;
    return v;
  }

  /**
   * The exact score when it can be ≤ `worst`, else 2. Caps Bitap's error levels: with the quote a
   * part of the text, a text match with L errors means a quote match with at least L, so
   * quote(L) × text(L) × metadata bounds the score from below.
   */
  exactScoreBelow(st: QueryState, doc: number, worst: number, m: number): number {
    if (m > 32 || this.quoteStart.data[doc] === -2) return this.exactScore(st, doc);
    const meta = this.metaFactor(st, doc);
    const tt = this.textTok.data[doc]!;
    const qt = this.quoteTok.data[doc]!;
    const nt = tt > 0 ? normForTokens(tt) : 0;
    const nq = qt > 0 ? normForTokens(qt) : 0;
    // The best a text match with L errors can do: (L/m)^(text exponent + quote exponent) × meta.
    const exponent = (tt > 0 ? W_TEXT * nt : 0) + (qt > 0 ? W_QUOTE * nq : 0);
    let cap = -1;
    if (exponent > 0 && Math.pow(0.001, exponent) * meta <= worst * (1 + 1e-9)) {
      const sMax = Math.pow((worst * (1 + 1e-9)) / meta, 1 / exponent);
      cap = Math.min(m - 1, Math.max(0, Math.floor(sMax * m + 1e-9)));
    }
    // Not even an exact text match would bring it under `worst`; without one it scores `meta`.
    if (cap < 0) return 2;
    if (tt > 0 && cap === 0 && !this.folded.includes(doc, st.pat.pattern)) {
      // Only an exact occurrence would do, and there is none (a byte search, no Myers pass).
      return meta <= worst ? this.exactScore(st, doc) : 2;
    }
    if (tt > 0) {
      const s = this.textScore(st, doc, cap);
      // No text match within the cap: the quote (part of the text) cannot match better; only
      // metadata could still carry it.
      if (s >= 1) return meta <= worst ? this.exactScore(st, doc) : 2;
    }
    return this.exactScore(st, doc);
  }

  /**
   * The text's and the quote's fuse.js scores in one pass (`out[0]`, `out[1]`), for a quote that
   * is a part of a text kept as bytes; false otherwise.
   */
  textQuoteScores(st: QueryState, doc: number, out: Float64Array): boolean {
    const qs = this.quoteStart.data[doc]!;
    const start = this.folded.start.data[doc]!;
    if (qs < 0 || start === ByteTexts.WIDE || this.textTok.data[doc] === 0) return false;
    bitapScoresTextQuote(st.pat, this.folded.bufOf(start), this.folded.posOf(start), this.folded.len.data[doc]!, qs, this.quoteLen.data[doc]!, out);
    return true;
  }

  /**
   * textQuoteScores for `count` statements at once through the SIMD Myers batch (same scores):
   * `handled[i]` says whether statement `docs[i]` was scored here (its text and quote scores in
   * `outText[i]`, `outQuote[i]`); the rest (texts beyond Latin-1, quotes kept apart, no text) are
   * the caller's to score one by one. False when the batch engine is unavailable or switched off.
   */
  textQuoteScoresBatch(st: QueryState, docs: ArrayLike<number>, count: number, outText: Float64Array, outQuote: Float64Array, handled: Uint8Array): boolean {
    const mb = this.myersBatch;
    if (!mb || count > MyersBatch.MAX_JOBS >> 1) return false;
    mb.clear();
    const quoteStart = this.quoteStart.data;
    const fstart = this.folded.start.data;
    const flen = this.folded.len.data;
    const textTok = this.textTok.data;
    const quoteTok = this.quoteTok.data;
    const quoteLen = this.quoteLen.data;
    const jobs = this.batchJobs.length >= 2 * count ? this.batchJobs : (this.batchJobs = new Int32Array(4 * count));
    for (let i = 0; i < count; i++) {
      handled[i] = 0;
      const d = docs[i]!;
      const start = fstart[d]!;
      const qs = quoteStart[d]!;
      if (start === ByteTexts.WIDE || textTok[d] === 0 || qs === -2 || (qs < 0 && quoteTok[d]! > 0)) continue;
      const len = flen[d]!;
      if (!mb.fits(len)) continue;
      jobs[2 * i] = mb.addText(this.folded.bufOf(start), this.folded.posOf(start), len);
      handled[i] = 1;
    }
    // Quotes after all the texts: lanes of a group run as long as its longest job, so texts go
    // with texts and the shorter quotes with quotes.
    for (let i = 0; i < count; i++) {
      if (!handled[i]) continue;
      const d = docs[i]!;
      const qs = quoteStart[d]!;
      jobs[2 * i + 1] = qs >= 0 ? mb.addPart(jobs[2 * i]!, qs, Math.max(0, Math.min(quoteLen[d]!, flen[d]! - qs))) : -1;
    }
    const chunks = st.pat.chunks;
    if (chunks.length === 0) {
      for (let i = 0; i < count; i++) {
        outText[i] = 1;
        outQuote[i] = 1;
      }
      return true;
    }
    for (let i = 0; i < count; i++) {
      outText[i] = 0;
      outQuote[i] = 0;
    }
    // Matched flags per statement: bit 0 the text, bit 1 the quote (fuse.js: any chunk matching).
    const matched = this.batchMatched.length >= count ? this.batchMatched : (this.batchMatched = new Uint8Array(2 * count));
    matched.fill(0, 0, count);
    for (const chunk of chunks) {
      const m = chunk.length;
      let k = 0;
      while (k + 1 < m && (k + 1) / m <= st.pat.threshold) k++;
      mb.run(chunk.ascii, m);
      for (let i = 0; i < count; i++) {
        if (!handled[i]) continue;
        const bt = mb.best(jobs[2 * i]!);
        const s = bt > k ? 1 : Math.max(0.001, bt / m);
        if (s < 1) matched[i]! |= 1;
        outText[i]! += s;
        const qj = jobs[2 * i + 1]!;
        const bq = qj >= 0 ? mb.best(qj) : m;
        const q = bq > k ? 1 : Math.max(0.001, bq / m);
        if (q < 1) matched[i]! |= 2;
        outQuote[i]! += q;
      }
    }
    const n = chunks.length;
    const pattern = st.pat.pattern;
    const pl = pattern.length;
    for (let i = 0; i < count; i++) {
      if (!handled[i]) continue;
      const d = docs[i]!;
      const start = fstart[d]!;
      const buf = this.folded.bufOf(start);
      const pos = this.folded.posOf(start);
      const len = flen[d]!;
      outText[i] = len === pl && bytesEqualAt(pattern, buf, pos) ? 0 : matched[i]! & 1 ? outText[i]! / n : 1;
      const qs = quoteStart[d]!;
      if (qs < 0) outQuote[i] = 1;
      else {
        const ql = Math.max(0, Math.min(quoteLen[d]!, len - qs));
        outQuote[i] = ql === pl && bytesEqualAt(pattern, buf, pos + qs) ? 0 : matched[i]! & 2 ? outQuote[i]! / n : 1;
      }
    }
    return true;
  }

  /** exactScore of each statement, their Myers passes in SIMD batches where they can be. */
  exactScores(st: QueryState, docs: readonly number[]): Float64Array {
    const out = new Float64Array(docs.length);
    const B = MyersBatch.MAX_JOBS >> 2;
    const t = new Float64Array(B);
    const q = new Float64Array(B);
    const handled = new Uint8Array(B);
    for (let from = 0; from < docs.length; from += B) {
      const part = docs.slice(from, from + B);
      const batched = st.pat.pattern.length >= 3 && this.textQuoteScoresBatch(st, part, part.length, t, q, handled);
      for (let i = 0; i < part.length; i++) {
        out[from + i] = batched && handled[i] ? this.exactScore(st, part[i]!, t[i], q[i]) : this.exactScore(st, part[i]!);
      }
    }
    return out;
  }

  /** The SIMD Myers engine (null where WebAssembly SIMD is missing, or switched off for tests). */
  myersBatch: MyersBatch | null = sharedMyersBatch();
  private batchJobs = new Int32Array(0);
  private batchMatched = new Uint8Array(0);

  /** fuse.js's score of the statement's folded text, from its bytes when it has them. */
  textScore(st: QueryState, doc: number, maxErrors?: number): number {
    const start = this.folded.start.data[doc]!;
    if (start === ByteTexts.WIDE) return bitapScore(st.pat, this.folded.get(doc), maxErrors);
    return bitapScoreBytes(st.pat, this.folded.bufOf(start), this.folded.posOf(start), this.folded.len.data[doc]!, maxErrors);
  }

  private quoteScore(st: QueryState, doc: number): number {
    const qs = this.quoteStart.data[doc]!;
    const start = this.folded.start.data[doc]!;
    if (qs >= 0 && start !== ByteTexts.WIDE) return bitapScoreBytes(st.pat, this.folded.bufOf(start), this.folded.posOf(start) + qs, this.quoteLen.data[doc]!);
    if (qs >= 0) {
      // A text beyond Latin-1 (a dash, a Greek or Turkish name): its folded string holds the quote
      // folded as fuse.js folds it alone, except where lowercasing looks at the context: the
      // Greek final sigma. (Rebuilding and folding the quote cost several strings per statement.)
      const quote = this.folded.get(doc).slice(qs, qs + this.quoteLen.data[doc]!);
      if (!SIGMA.test(quote)) return bitapScore(st.pat, quote);
    }
    if (qs === -2) {
      const q = this.foldedQuotes.start.data[doc]!;
      if (q !== ByteTexts.WIDE) return bitapScoreBytes(st.pat, this.foldedQuotes.bufOf(q), this.foldedQuotes.posOf(q), this.foldedQuotes.len.data[doc]!);
    }
    return bitapScore(st.pat, this.foldedQuoteOf(doc)!);
  }

  /**
   * fuse.js's score for this statement, multiplied in fuse.js's key order; 2 when nothing matches.
   * `knownTextScore`, `knownQuoteScore`: the fields' scores, when the caller has them already
   * (top-docs' last stage); 2 also when the score is sure to be above `cutoff` (no title can
   * bring it lower than `bestTitleFactor` does).
   */
  exactScore(st: QueryState, doc: number, knownTextScore?: number, knownQuoteScore?: number, cutoff = Infinity, bestTitleFactor = 1): number {
    let total = 1;
    let matched = false;
    const qt = this.quoteTok.data[doc]!;
    const tt = this.textTok.data[doc]!;
    const sText = tt > 0 ? (knownTextScore ?? this.textScore(st, doc)) : 1;
    // A quote that is part of the text cannot match where the text does not.
    const sQuote = qt > 0 && (sText < 1 || this.quoteStart.data[doc]! < 0 || tt === 0) ? (knownQuoteScore ?? this.quoteScore(st, doc)) : 1;
    if (sQuote < 1) {
      total *= fieldFactor(sQuote, W_QUOTE, normForTokens(qt));
      matched = true;
    }
    if (sText < 1) {
      total *= fieldFactor(sText, W_TEXT, normForTokens(tt));
      matched = true;
    }
    const e = this.entity.data[doc]!;
    if (e >= 0) {
      for (const nid of this.entities[e]!.nameIds) {
        const s = st.nameScore[nid]!;
        if (s < 1) {
          total *= fieldFactor(s, W_SPEAKERS, normForTokens(this.names.tokens[nid]!));
          matched = true;
        }
      }
    }
    const a = this.articles[this.article.data[doc]!]!;
    const o1 = this.outlet.data[doc]!;
    const f1 = o1 >= 0 ? this.outletFold[o1]! : -1;
    const f2 = a.outlet >= 0 ? this.outletFold[a.outlet]! : -1;
    if (f1 >= 0 && st.outletScore[f1]! < 1) {
      total *= fieldFactor(st.outletScore[f1]!, W_OUTLETS, normForTokens(this.outlets.tokens[f1]!));
      matched = true;
    }
    if (f2 >= 0 && f2 !== f1 && st.outletScore[f2]! < 1) {
      total *= fieldFactor(st.outletScore[f2]!, W_OUTLETS, normForTokens(this.outlets.tokens[f2]!));
      matched = true;
    }
    // Not even the best title anywhere would bring it to `cutoff`: no need to score its title.
    if ((matched ? total : 1) * bestTitleFactor > cutoff) return 2;
    const s = this.titleScoreOf(st, a.titleId);
    if (s < 1) {
      total *= fieldFactor(s, W_TITLE, normForTokens(this.titles.tokens[a.titleId]!));
      matched = true;
    }
    return matched ? total : 2;
  }

  // ---------------------------------------------------------------- autocomplete

  suggestSpeakers(partial: string, limit: number): string[] {
    if (!this.speakerCache) {
      // Rebuilt after any change to the speakers or their counts (entityOf, bumpSpeaker), so kept
      // lean: the entity's own name list unless the speaker has several entities (alias sets).
      const byName = new Map<string, SpeakerEntry>();
      for (const e of this.entities) {
        if (!e.speaker) continue;
        const had = byName.get(e.speaker);
        // normalized[0] is the speaker's own name, normalized when the entity was made.
        if (!had) {
          const count = this.speakerCounts.get(e.speaker) ?? 0;
          byName.set(e.speaker, { name: e.speaker, names: e.normalized, normalizedName: e.normalized[0], count });
        } else had.names = [...new Set([...had.names, ...e.normalized])];
      }
      this.speakerCache = new SpeakerDirectory(byName.values());
    }
    return this.speakerCache.suggest(partial, limit);
  }

  outletNames(): string[] {
    return [...this.outletRaw];
  }

  suggestQuotes(partial: string, limit: number): Array<{ id: string; quote: string }> {
    // Emoji and markup typed or pasted are ignored as in any query (parseQuery); no filters here.
    const pattern = foldForSearch(queryPattern(parseQuery(partial)));
    // A keystroke repeated (backspace, several users on one story) is answered from memory. Any add
    // or remove changes n or the live count (n only grows), so the stamp invalidates every answer.
    const stamp = `${this.n}/${this.liveCount}`;
    if (this.quoteMemo.stamp !== stamp) this.quoteMemo = { stamp, answers: new Map() };
    const key = `${limit}\u0001${pattern}`;
    const memo = this.quoteMemo.answers;
    const known = memo.get(key);
    if (known) {
      memo.delete(key);
      memo.set(key, known);
      return known.map((x) => ({ ...x }));
    }
    // Twice the limit, so that repeats of one quote can be dropped (suggest-quotes.ts: a fixed,
    // small amount of work instead of the full search).
    const top = this.quoteSuggester.top(this.quoteSource(pattern), pattern, 2 * Math.max(0, Math.floor(limit)));
    const found = top.map(([doc]) => {
      const id = this.ids.get(doc);
      const cluster = this.clusters.get(doc);
      return { id, quote: this.quoteOf(doc) ?? this.texts.get(doc), clusterId: cluster === '' ? id : cluster };
    });
    const answer = distinctQuotes(found, limit).map(({ id, quote }) => ({ id, quote }));
    memo.set(key, answer);
    if (memo.size > QUOTE_MEMO) memo.delete(memo.keys().next().value!);
    return answer.map((x) => ({ ...x }));
  }

  /**
   * queryState for suggestions, its per-title and per-entity memo arrays reused: a fresh 51 000-title
   * array per keystroke is 400 KB of external memory, and enough of it makes V8 collect the whole
   * heap (see ByteTexts.reserve), a pause in the middle of someone typing.
   */
  private suggestState(pattern: string): QueryState {
    const pat = compileBitap(pattern, FUSE_THRESHOLD);
    let memo = this.suggestArrays;
    if (!memo || memo.titleScore.length !== this.titles.size || memo.entityFactor.length !== this.entities.length) {
      memo = this.suggestArrays = { titleScore: new Float64Array(this.titles.size), entityFactor: new Float64Array(this.entities.length) };
    }
    return {
      pat,
      nameScore: this.scoreDict(this.names, pat, pattern),
      outletScore: this.scoreDict(this.outlets, pat, pattern),
      titleScore: memo.titleScore.fill(-1),
      entityFactor: memo.entityFactor.fill(-1),
      titleBound: null,
    };
  }

  /** This index as quote suggestions see it, for one (folded) pattern. */
  private quoteSource(pattern: string): QuoteSource {
    const quoteStart = this.quoteStart.data;
    let st: QueryState | null = null;
    return {
      n: this.n,
      postings: this.postings,
      live: this.live.data,
      kind: this.kind.data,
      quoteKinds: QUOTE_KINDS,
      textTok: this.textTok.data,
      quoteTok: this.quoteTok.data,
      contains: (d, p) => this.folded.includes(d, p) || (quoteStart[d] === -2 && this.foldedQuotes.includes(d, p)),
      score: (d) => {
        st ??= this.suggestState(pattern);
        // Suggestions are quotes whose words match (a quote within the text cannot match where the
        // text does not): a look-alike failing there is dropped before the whole score, a third of
        // the cost (the title, speakers and outlets).
        if (quoteStart[d] !== -2 && this.textScore(st, d) >= 1) return 2;
        return this.exactScore(st, d);
      },
    };
  }
}

/** Quote suggestions remembered per index (a few KB each). */
const QUOTE_MEMO = 256;
/** Kind codes (KINDS) quote suggestions offer: direct and mixed, as the kind:quote filter. */
const QUOTE_KINDS = Uint8Array.from(KINDS, (k) => (k === 'direct' || k === 'mixed' ? 1 : 0));

/** Batches from this size on reserve their memory up front (FastIndex.reserve). */
const BULK = 10_000;

/** Interning keys (\u0001 separates, \u0002 stands for null: neither occurs in news text). */
function articleKey(id: string, title: string, outlet: string | null): string {
  return `${id}\u0001${title}\u0001${outlet ?? '\u0002'}`;
}

function entityKey(speaker: string | null, aliases: readonly string[]): string {
  return `${speaker ?? '\u0002'}\u0001${aliases.length}\u0001${aliases.join('\u0001')}`;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function insertTop(top: Array<[number, number]>, doc: number, score: number, limit: number): void {
  let i = top.length;
  while (i > 0 && (top[i - 1]![1] > score || (top[i - 1]![1] === score && top[i - 1]![0] > doc))) i--;
  if (i >= limit) return;
  top.splice(i, 0, [doc, score]);
  if (top.length > limit) top.pop();
}

let myersSingleton: MyersBatch | null | undefined;
/** One engine per process: its memory is scratch space, used by one search at a time. */
function sharedMyersBatch(): MyersBatch | null {
  if (myersSingleton === undefined) myersSingleton = MyersBatch.create();
  return myersSingleton;
}

function bytesEqualAt(s: string, buf: Uint8Array, start: number): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== buf[start + i]) return false;
  return true;
}
