import type { ArticleRef } from '../domain/article.js';
import type { Corroboration, Reply, ReplyItem, ReplySection } from '../domain/reply.js';
import { roleAfterName, type StatementKind } from '../domain/statement.js';
import type { Corpus } from '../corpus/types.js';
import type { Store, StoredArticleInfo } from '../store/types.js';
import { formatInZone } from './schedule.js';

/**
 * What a digest says: the articles that entered the corpus since the channel's previous digest,
 * the most notable of their quotes, and the quotes several outlets corroborate. `composeDigest`
 * is pure (plain data in, a Reply out); `gatherDigest` reads that data from the corpus and store.
 */

export interface DigestArticle extends ArticleRef {
  /** ISO time the article entered the store: digests cover ingest time, not publication. */
  ingestedAt: string;
  /**
   * Publishers of the other stored copies of this article's text (one wire story printed word
   * for word by several sites): listed once, with these named. Absent when none.
   */
  carriedBy?: readonly string[];
}

/** A new copy of a text stored before the period: not a new report, but the new sites are named. */
export interface RecarriedArticle {
  title: string;
  /** Publishers of the copies that came in during the period. */
  carriedBy: readonly string[];
}

/**
 * An article a previous digest of the channel covered whose text (or title) changed since that
 * digest read the corpus: a correction the channel has not been told of.
 */
export interface CorrectedArticle extends ArticleRef {
  /** ISO time of the latest correction. */
  changedAt: string;
  /** The statements the corrections brought in, in article order (quotes first when cut). */
  statements: ReadonlyArray<Pick<DigestStatement, 'kind' | 'quote' | 'text' | 'speaker'>>;
  /** Other sites whose copy of the same text was corrected the same way (syndicated copy: listed once). */
  carriedBy?: readonly string[];
}

/** One statement of a new article, with what ranking needs. */
export interface DigestStatement {
  id: string;
  clusterId: string;
  kind: StatementKind;
  quote: string | null;
  text: string;
  speaker: string | null;
  /** As the article named the speaker at these words ("he", "the officer"): shown with the context. */
  speakerMention?: string | null;
  speakerRole: string | null;
  outlet: string | null;
  cue: string | null;
  article: ArticleRef;
  corroboration: Corroboration;
}

export interface DigestInput {
  /** Start of the period (exclusive); null when the digest covers the whole corpus. */
  since: Date | null;
  /**
   * True when `since` is where the channel's last digest ended (the newest article it covered):
   * an empty note then says "since the last digest", not a time that reads like the bot's last run.
   */
  sinceLastDigest?: boolean;
  /** One per new text: a syndicated copy is one report (`carriedBy` names the other sites). */
  articles: DigestArticle[];
  /** New copies of texts stored before the period (not new reports). */
  recarried?: RecarriedArticle[];
  /** True when there were more new articles than were fetched. */
  moreArticles?: boolean;
  /** Articles covered by the channel's earlier digests and corrected since the last one, latest first. */
  corrected?: CorrectedArticle[];
  statements: DigestStatement[];
  /** How many statements each canonical speaker has in the whole corpus. */
  speakerCounts: ReadonlyMap<string, number>;
  timezone: string;
}

export interface ComposeOptions {
  /** Post a short note when nothing is new (DIGEST_POST_EMPTY). */
  postEmpty: boolean;
  maxArticles?: number;
  maxQuotes?: number;
  maxCorroborated?: number;
  maxCorrected?: number;
  /** Title prefix, e.g. "Preview: " */
  titlePrefix?: string;
}

export interface ComposedDigest {
  /** null: nothing to post. */
  reply: Reply | null;
  empty: boolean;
  articles: number;
  quotes: number;
  corroborated: number;
  /** Corrected articles listed. */
  corrected: number;
}

/**
 * One embed for the articles plus nine quotes is exactly Discord's ten embeds a message; a
 * digest with corrections lists them in one more embed and shows one notable quote fewer.
 */
export const DIGEST_LIMITS = { articles: 10, quotes: 5, corroborated: 4, corrected: 5 } as const;
/** Changed statements shown under a corrected article. */
const CHANGED_PER_ARTICLE = 2;

/** Quotes shorter than this ("yes", "fake") say too little out of context to be notable. */
const MIN_QUOTE_CHARS = 12;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function toItem(s: DigestStatement): ReplyItem {
  return {
    statementId: s.id,
    kind: s.kind,
    quote: s.quote ?? s.text,
    highlights: [],
    text: s.text,
    speaker: s.speaker,
    speakerMention: s.speakerMention ?? null,
    speakerRole: roleAfterName(s.speakerRole),
    outlet: s.outlet,
    cue: s.cue,
    article: s.article,
    corroboration: s.corroboration,
  };
}

/** One representative per quote cluster: the one from the earliest-published new article. */
function onePerCluster(statements: readonly DigestStatement[]): DigestStatement[] {
  const best = new Map<string, DigestStatement>();
  for (const s of statements) {
    const prev = best.get(s.clusterId);
    if (!prev || publishedKey(s.article) < publishedKey(prev.article) || (publishedKey(s.article) === publishedKey(prev.article) && s.id < prev.id)) {
      best.set(s.clusterId, s);
    }
  }
  return [...best.values()];
}

function publishedKey(a: ArticleRef): string {
  return a.published ?? '9999';
}

const kindRank = (k: StatementKind) => (k === 'direct' ? 0 : k === 'mixed' ? 1 : 2);

/**
 * Notable: corroborated by the most articles first, then from the speakers the corpus quotes most
 * (a new quote from a central figure matters more), then direct quotes before mixed ones.
 */
export function rankNotableQuotes(
  statements: readonly DigestStatement[],
  speakerCounts: ReadonlyMap<string, number>,
): DigestStatement[] {
  const candidates = statements.filter(
    (s) => (s.kind === 'direct' || s.kind === 'mixed') && s.quote !== null && s.quote.trim().length >= MIN_QUOTE_CHARS,
  );
  const count = (s: DigestStatement) => (s.speaker ? (speakerCounts.get(s.speaker) ?? 0) : -1);
  return onePerCluster(candidates).sort(
    (a, b) =>
      b.corroboration.articles - a.corroboration.articles ||
      count(b) - count(a) ||
      kindRank(a.kind) - kindRank(b.kind) ||
      a.id.localeCompare(b.id),
  );
}

/**
 * Quotes reported by at least two distinct outlets in two or more reports (texts), the most widely
 * reported first. One article names two outlets when a paper prints words told to another ("told
 * Polar Wire"), and syndicated copies are one report: neither is corroboration.
 */
export function rankCorroborated(
  statements: readonly DigestStatement[],
  speakerCounts: ReadonlyMap<string, number>,
): DigestStatement[] {
  const count = (s: DigestStatement) => (s.speaker ? (speakerCounts.get(s.speaker) ?? 0) : -1);
  const corroborated = (s: DigestStatement) => s.quote !== null && s.corroboration.articles >= 2 && s.corroboration.outlets.length >= 2;
  return onePerCluster(statements.filter(corroborated)).sort(
    (a, b) =>
      b.corroboration.outlets.length - a.corroboration.outlets.length ||
      b.corroboration.articles - a.corroboration.articles ||
      count(b) - count(a) ||
      a.id.localeCompare(b.id),
  );
}

export function composeDigest(input: DigestInput, opts: ComposeOptions): ComposedDigest {
  const maxArticles = opts.maxArticles ?? DIGEST_LIMITS.articles;
  const maxQuotes = opts.maxQuotes ?? DIGEST_LIMITS.quotes;
  const maxCorroborated = opts.maxCorroborated ?? DIGEST_LIMITS.corroborated;
  const maxCorrected = opts.maxCorrected ?? DIGEST_LIMITS.corrected;
  const prefix = opts.titlePrefix ?? '';
  const sinceText = input.since ? `since ${formatInZone(input.since, input.timezone)}` : 'in the corpus';
  const corrected = input.corrected ?? [];

  if (input.articles.length === 0 && corrected.length === 0) {
    if (!opts.postEmpty) return { reply: null, empty: true, articles: 0, quotes: 0, corroborated: 0, corrected: 0 };
    return {
      reply: {
        title: `${prefix}factbot digest: nothing new`,
        text:
          input.sinceLastDigest && input.since
            ? `No new articles since the last digest (the newest it covered came in ${formatInZone(input.since, input.timezone)}).`
            : `No new articles ${sinceText}.`,
        notices: [],
        sections: [],
        visibility: 'public',
      },
      empty: true,
      articles: 0,
      quotes: 0,
      corroborated: 0,
      corrected: 0,
    };
  }
  const correctedSection = corrected.length ? correctionsSection(corrected, maxCorrected) : null;
  if (input.articles.length === 0) {
    return {
      reply: {
        title: `${prefix}factbot digest: ${plural(corrected.length, 'corrected article')}`,
        text: 'Nothing new came into the corpus, but articles an earlier digest listed were corrected since the last digest.',
        notices: [],
        sections: [correctedSection!],
        visibility: 'public',
      },
      empty: false,
      articles: 0,
      quotes: 0,
      corroborated: 0,
      corrected: Math.min(corrected.length, maxCorrected),
    };
  }

  const articles = [...input.articles].sort(
    (a, b) => (b.published ?? '').localeCompare(a.published ?? '') || a.title.localeCompare(b.title),
  );
  const corroborated = rankCorroborated(input.statements, input.speakerCounts).slice(0, maxCorroborated);
  const shownClusters = new Set(corroborated.map((s) => s.clusterId));
  const notable = rankNotableQuotes(input.statements, input.speakerCounts)
    .filter((s) => !shownClusters.has(s.clusterId))
    .slice(0, correctedSection ? Math.max(0, maxQuotes - 1) : maxQuotes);

  const sections: ReplySection[] = [];
  const more = articles.length - maxArticles;
  const articleSection: ReplySection = {
    heading: 'New articles',
    items: [],
    articles: articles.slice(0, maxArticles).map(({ id, title, outlet, url, published, carriedBy }) => ({
      id,
      title,
      outlet,
      url,
      published,
      ...(carriedBy?.length ? { carriedBy } : {}),
    })),
  };
  const lines: string[] = [];
  if (input.moreArticles) lines.push(`…and more: over ${FETCH_LIMIT} new articles in this period.`);
  else if (more > 0) lines.push(`…and ${plural(more, 'more article')}.`);
  lines.push(...recarriedLines(input.recarried ?? []));
  if (lines.length) articleSection.lines = lines;
  sections.push(articleSection);
  if (correctedSection) sections.push(correctedSection);
  if (notable.length) sections.push({ heading: 'Notable new quotes', items: notable.map(toItem) });
  if (corroborated.length) {
    sections.push({ heading: 'Corroborated by several outlets', items: corroborated.map(toItem) });
  }

  const n = input.articles.length;
  const correctedTitle = corrected.length ? `, ${corrected.length} corrected` : '';
  return {
    reply: {
      title: `${prefix}factbot digest: ${input.moreArticles ? `${n}+` : n} new ${n === 1 && !input.moreArticles ? 'article' : 'articles'}${correctedTitle}`,
      text: `What came into the corpus ${sinceText}.`,
      notices: [],
      sections,
      visibility: 'public',
    },
    empty: false,
    articles: n,
    quotes: notable.length,
    corroborated: corroborated.length,
    corrected: Math.min(corrected.length, maxCorrected),
  };
}

/** How a changed statement now reads: the quote and who said it, or the sentence. */
function nowReads(s: CorrectedArticle['statements'][number]): string {
  if (s.quote && s.kind !== 'statement') return `“${s.quote}”${s.speaker ? ` — ${s.speaker}` : ''}`;
  return s.text;
}

/** "Corrected since the last digest": each article with how its changed statements now read. */
function correctionsSection(corrected: readonly CorrectedArticle[], max: number): ReplySection {
  const shown = corrected.slice(0, max);
  const section: ReplySection = {
    heading: 'Corrected since the last digest',
    items: [],
    articles: shown.map(({ id, title, outlet, url, published, statements, carriedBy }) => {
      // Quotes first: what a fact-checker re-checks; then the other changed sentences.
      const ordered = [...statements].sort((a, b) => Number(!a.quote || a.kind === 'statement') - Number(!b.quote || b.kind === 'statement'));
      const now = ordered.slice(0, CHANGED_PER_ARTICLE).map(nowReads);
      if (ordered.length > CHANGED_PER_ARTICLE) now.push(`…and ${plural(ordered.length - CHANGED_PER_ARTICLE, 'more changed sentence')}`);
      return { id, title, outlet, url, published, ...(carriedBy?.length ? { carriedBy } : {}), ...(now.length ? { now } : {}) };
    }),
  };
  if (corrected.length > max) section.lines = [`…and ${plural(corrected.length - max, 'more corrected article')}.`];
  return section;
}

/** Copies of earlier reports, at most a few named: "Ridgeway Tribune also carried “…” (stored earlier)". */
function recarriedLines(recarried: readonly RecarriedArticle[], max = 3): string[] {
  const out = recarried.slice(0, max).map((r) => {
    const who = r.carriedBy.length ? r.carriedBy.join(', ') : 'Another site';
    return `${who} also carried “${r.title}” (a copy of an article stored earlier, not listed again).`;
  });
  if (recarried.length > max) out.push(`…and ${plural(recarried.length - max, 'more copy', 'more copies')} of articles stored earlier.`);
  return out;
}

/**
 * Where a subscription's first digest starts: its creation, inclusive. Digests select articles
 * ingested strictly after a floor; an article stamped in the same millisecond as the subscription
 * belongs to the first digest rather than to none.
 */
export function firstDigestFloor(sub: { createdAt: string }): Date | null {
  const created = Date.parse(sub.createdAt);
  return Number.isNaN(created) ? null : new Date(created - 1);
}

/** The most articles one digest reads; more still count, as "more than N". */
export const FETCH_LIMIT = 500;
/** Statements are read for at most this many of the new articles (the newest). */
const STATEMENT_ARTICLES = 100;

export interface GatheredDigest {
  input: DigestInput;
  /** The newest ingest time covered, to start the next digest from; null when nothing was new. */
  coveredUntil: Date | null;
}

/** The reads a digest makes (the scheduler shares the corpus-wide ones between channels). */
export interface GatherDeps {
  corpus: Pick<Corpus, 'articlesSince' | 'speakers' | 'corroboration'>;
  store: Pick<Store, 'clusterSizes' | 'getStatements' | 'textCopies'>;
}

/** Adds an outlet once: "The Polar Wire" and "Polar Wire" are one (as the corpus does). */
function addOutlet(list: string[], outlet: string | null | undefined): void {
  if (!outlet) return;
  const key = (o: string) => o.toLowerCase().replace(/^the\s+/, '').trim();
  if (!list.some((o) => key(o) === key(outlet))) list.push(outlet);
}

const toDigestArticle = (a: StoredArticleInfo): DigestArticle => ({
  id: a.id,
  title: a.title,
  outlet: a.outlet,
  url: a.url,
  published: a.published,
  ingestedAt: a.ingestedAt,
});

/**
 * The new articles as reports: a text stored several times (syndicated copy) is one report, the
 * copy with a URL first, then the earliest stored, with the other sites' names; a new copy of a
 * text stored before `since` is no new report (its statements were covered then), only named.
 * The same decision as answers' corroboration (docs/store.md, syndicated copies).
 */
function asReports(
  fresh: readonly StoredArticleInfo[],
  copies: ReadonlyMap<string, readonly StoredArticleInfo[]>,
  sinceMs: number,
): { articles: DigestArticle[]; recarried: RecarriedArticle[]; withCopies: Set<string> } {
  const articles: DigestArticle[] = [];
  const recarried: RecarriedArticle[] = [];
  const withCopies = new Set<string>();
  const grouped = new Set<string>();
  for (const a of fresh) {
    if (grouped.has(a.id)) continue;
    const group = [a, ...(copies.get(a.id) ?? []).filter((c) => c.id !== a.id)];
    for (const g of group) grouped.add(g.id);
    if (group.length === 1) {
      articles.push(toDigestArticle(a));
      continue;
    }
    const inPeriod = group.filter((g) => Date.parse(g.ingestedAt) > sinceMs);
    if (inPeriod.length < group.length) {
      const names: string[] = [];
      for (const g of inPeriod) addOutlet(names, g.outlet);
      recarried.push({ title: a.title, carriedBy: names });
      continue;
    }
    const [shown] = [...inPeriod].sort(
      (x, y) =>
        Number(x.url === null) - Number(y.url === null) ||
        Date.parse(x.ingestedAt) - Date.parse(y.ingestedAt) ||
        x.id.localeCompare(y.id),
    ) as [StoredArticleInfo];
    const names: string[] = [];
    addOutlet(names, shown.outlet);
    for (const g of group) if (g.id !== shown.id) addOutlet(names, g.outlet);
    const carriedBy = shown.outlet ? names.slice(1) : names;
    withCopies.add(shown.id);
    articles.push({ ...toDigestArticle(shown), ...(carriedBy.length ? { carriedBy } : {}) });
  }
  return { articles, recarried, withCopies };
}

/** Reads what `composeDigest` needs: articles ingested strictly after `since`, and their statements. */
export async function gatherDigest(
  deps: GatherDeps,
  since: Date | null,
  timezone: string,
): Promise<GatheredDigest> {
  const listed = await deps.corpus.articlesSince(since, FETCH_LIMIT);
  const sinceMs = since?.getTime() ?? -Infinity;
  // Strictly after: the previous digest covered up to and including its newest article.
  const fresh = listed
    .filter((a) => Date.parse(a.ingestedAt) > sinceMs)
    .sort((a, b) => Date.parse(b.ingestedAt) - Date.parse(a.ingestedAt));
  const coveredUntil = fresh.length ? new Date(Math.max(...fresh.map((a) => Date.parse(a.ingestedAt)))) : null;
  const copies = fresh.length && deps.store.textCopies ? await deps.store.textCopies(fresh.map((a) => a.id)) : new Map<string, StoredArticleInfo[]>();
  const { articles, recarried, withCopies } = asReports(fresh, copies, sinceMs);

  const statements: DigestStatement[] = [];
  let speakerCounts = new Map<string, number>();
  if (articles.length) {
    const [sizes, speakers] = await Promise.all([deps.store.clusterSizes(), deps.corpus.speakers()]);
    speakerCounts = new Map(speakers.map((s) => [s.name, s.statements]));
    const corroborations = new Map<string, Corroboration>();
    for (const a of articles.slice(0, STATEMENT_ARTICLES)) {
      const ref: ArticleRef = { id: a.id, title: a.title, outlet: a.outlet, url: a.url, published: a.published };
      for (const s of await deps.store.getStatements(a.id)) {
        if (s.kind === 'statement' || s.quote === null) continue;
        let corroboration: Corroboration;
        if ((sizes.get(s.clusterId) ?? 1) > 1 || withCopies.has(a.id)) {
          // Per speaker too: the same words given to someone else are not this speaker's support.
          // Per article when it has copies: who "also carried" it depends on the copy shown.
          const key = `${s.clusterId}\u0000${s.speaker ?? ''}${withCopies.has(a.id) ? `\u0000${a.id}` : ''}`;
          const cached = corroborations.get(key);
          corroboration = cached ?? (await deps.corpus.corroboration(s));
          corroborations.set(key, corroboration);
        } else {
          const outlet = a.outlet ?? s.outlet;
          corroboration = { articles: 1, outlets: outlet ? [outlet] : [], firstOutlet: outlet };
        }
        statements.push({
          id: s.id,
          clusterId: s.clusterId,
          kind: s.kind,
          quote: s.quote,
          text: s.text,
          speaker: s.speaker,
          speakerMention: s.speakerMention,
          speakerRole: s.speakerRole,
          outlet: s.outlet,
          cue: s.cue,
          article: ref,
          corroboration,
        });
      }
    }
  }
  return {
    input: {
      since,
      articles,
      ...(recarried.length ? { recarried } : {}),
      moreArticles: listed.length >= FETCH_LIMIT,
      statements,
      speakerCounts,
      timezone,
    },
    coveredUntil,
  };
}

/** Which corrections a digest reports: to articles its channel's digests covered, made since the last one. */
export interface CorrectionWindow {
  /** The articles the channel's digests covered: ingested after this (exclusive; null: all)… */
  coveredFrom: Date | null;
  /** …and up to this (inclusive): the newest article of the last posted digest. */
  coveredUntil: Date;
  /** Corrections after this: when the last posted digest read the corpus (its claim). */
  changedAfter: Date;
}

/**
 * The window of a channel's next digest, from its last posted digest (null: none yet, so no
 * article was shown to it and nothing can be corrected for it). The claim is taken just before the
 * digest reads the corpus, so a correction after it was not in that digest; the slot stands in
 * for a store that does not say when it claimed (fakes).
 */
export function correctionWindow(
  sub: { createdAt: string },
  lastPosted: { coveredUntil: Date; slot: Date; claimedAt?: string } | null,
): CorrectionWindow | null {
  if (!lastPosted) return null;
  const claimed = lastPosted.claimedAt ? Date.parse(lastPosted.claimedAt) : Number.NaN;
  return {
    coveredFrom: firstDigestFloor(sub),
    coveredUntil: new Date(lastPosted.coveredUntil),
    changedAfter: Number.isNaN(claimed) ? new Date(lastPosted.slot) : new Date(claimed),
  };
}

/** Reads the corrected articles of a window, latest correction first, with their changed statements. */
export async function gatherCorrections(
  store: Pick<Store, 'listArticles' | 'changedStatements' | 'textCopies'>,
  window: CorrectionWindow | null,
): Promise<CorrectedArticle[]> {
  if (!window) return [];
  const listed = await store.listArticles({
    changedSince: window.changedAfter,
    ...(window.coveredFrom ? { since: window.coveredFrom } : {}),
    limit: FETCH_LIMIT,
  });
  const until = window.coveredUntil.getTime();
  const covered = listed
    .filter((a) => a.textChangedAt && Date.parse(a.ingestedAt) <= until)
    .sort((a, b) => Date.parse(b.textChangedAt!) - Date.parse(a.textChangedAt!) || a.title.localeCompare(b.title));
  if (!covered.length) return [];
  // A wire story corrected on every site that printed it is one correction (as it is one report).
  const ids = new Set(covered.map((a) => a.id));
  const copies = store.textCopies ? await store.textCopies([...ids]) : new Map<string, StoredArticleInfo[]>();
  const grouped = new Set<string>();
  const shown: Array<{ a: StoredArticleInfo; carriedBy: string[] }> = [];
  for (const a of covered) {
    if (grouped.has(a.id)) continue;
    grouped.add(a.id);
    const names: string[] = [];
    addOutlet(names, a.outlet);
    for (const c of copies.get(a.id) ?? []) {
      if (!ids.has(c.id) || grouped.has(c.id)) continue;
      grouped.add(c.id);
      addOutlet(names, c.outlet);
    }
    shown.push({ a, carriedBy: a.outlet ? names.slice(1) : names });
  }
  const changed = store.changedStatements
    ? await store.changedStatements(shown.map((x) => x.a.id), window.changedAfter)
    : new Map<string, never[]>();
  return shown.map(({ a, carriedBy }) => ({
    id: a.id,
    title: a.title,
    outlet: a.outlet,
    url: a.url,
    published: a.published,
    changedAt: a.textChangedAt!,
    statements: (changed.get(a.id) ?? []).map((s) => ({ kind: s.kind, quote: s.quote, text: s.text, speaker: s.speaker })),
    ...(carriedBy.length ? { carriedBy } : {}),
  }));
}
