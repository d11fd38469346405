import type { Command, CommandArgs, CommandContext, CommandDefinition } from '../src/domain/command.js';
import type { ReplyItem, Reply, ReplySection } from '../src/domain/reply.js';
import type { ArticleRef } from '../src/domain/article.js';
import { roleAfterName } from '../src/domain/statement.js';
import {
  PAGE_SIZE,
  commandHelp,
  nextPaging,
  prepareQuery,
  quoted,
  readOffset,
  toItem,
  uniq,
} from '../src/dispatch/kit.js';
import { claimWords, matchClaim } from '../src/corpus/claim-match.js';
import { STANCE_HEADINGS, claimStance, type ClaimStance } from '../src/corpus/claim-stance.js';
import type { SearchResult } from '../src/corpus/types.js';
import { findOutletMentions, outletFromPhrase } from '../src/extract/outlets.js';

export const definition: CommandDefinition = {
  name: 'sources',
  description: 'Which articles and outlets report a claim, with the matching statement from each',
  usage: '/sources <claim>',
  options: [
    {
      name: 'claim',
      description: 'The claim, in your own words',
      type: 'string',
      required: true,
      rest: true,
      autocomplete: 'quote',
      maxLength: 500,
    },
  ],
};

/** How many ranked statements each search contributes; the claim's sources are among the best of them. */
const CANDIDATES = 40;

interface ArticleSource {
  item: ReplyItem;
  article: ArticleRef;
  /** Whether the article's statement asserts the claim or disputes it (`claimStance`). */
  stance: ClaimStance;
}

/**
 * Candidates come from searching the whole claim and its distinctive core (the rarest words, in
 * the claim's order): a claim with extra detail ("… of the classified intel Trump gave the
 * Russians") must still find the reports of its core ("Israel was the source"). Which candidates
 * report the claim is decided on words by `matchClaim`, never by fuzzy score alone.
 */
/**
 * What a statement says, with who says it: "McMaster said it did not happen" is reported by
 * McMaster's "I was in the room, it didn't happen", whose words do not name him.
 */
function withSpeaker(r: SearchResult): string {
  return r.statement.speaker ? `${r.statement.speaker} said: ${r.statement.text}` : r.statement.text;
}

async function collect(ctx: CommandContext, claim: string): Promise<{ sources: ArticleSource[]; notices: string[] }> {
  const stats = ctx.corpus.wordStats ? await ctx.corpus.wordStats() : undefined;
  const words = claimWords(claim, stats);
  const page = await ctx.corpus.search(claim, { offset: 0, limit: CANDIDATES });
  const notices = page.query.notices;
  if (!words.length) return { sources: [], notices };
  const seen = new Map<string, { r: SearchResult; rank: number }>();
  const add = (results: readonly SearchResult[]) => {
    for (const r of results) if (!seen.has(r.statement.id)) seen.set(r.statement.id, { r, rank: seen.size });
  };
  add(page.results);
  // The rarest words are known only from corpus counts; without them the claim's search stands alone.
  if (stats) {
    const core = [...words].sort((a, b) => b.weight - a.weight).slice(0, 3);
    const searches = [
      core.length > 1 ? words.filter((w) => core.includes(w)).map((w) => w.word).join(' ') : '',
      ...core.slice(0, 2).map((w) => w.word),
    ].filter((t) => t && t !== claim);
    for (const text of searches) {
      // Typed filters (speaker:, outlet:) apply to every search.
      add((await ctx.corpus.search({ ...page.query, text, notices: [] }, { offset: 0, limit: CANDIDATES })).results);
    }
  }
  const predicate = words.find((w) => !w.proper);
  const matched = [...seen.values()]
    .map(({ r, rank }) => ({ r, rank, m: matchClaim(words, withSpeaker(r)) }))
    .filter((x) => x.m.reports)
    .map((x) => {
      // The stance is read in the statement's own words: the speaker's name is not in them.
      const inText = x.r.statement.speaker ? matchClaim(words, x.r.statement.text).matched : x.m.matched;
      return { ...x, stance: claimStance(claim, x.r.statement.text, inText.length ? inText : x.m.matched, x.r.statement.cue) };
    })
    // A statement disputes the claim only when it has what the claim says happened (its first word
    // that is not a name: "Israel was the *source*"): "The US had not received permission to
    // share the intel" negates something else, and must not speak for its article as a denial.
    .filter((x) => x.stance !== 'disputes' || !predicate || x.m.matched.includes(predicate.word));
  type Candidate = (typeof matched)[number];
  // Reports someone is on record for (a speaker, an outlet) first: /sources asks who reports the
  // claim. Then most of the claim, then search order.
  const order = (a: Candidate, b: Candidate) =>
    stanceOrder(a.stance) - stanceOrder(b.stance) || attributed(b.r) - attributed(a.r) || b.m.score - a.m.score || a.rank - b.rank;
  // Each article is shown by its first statement in that order, except that a denial with more
  // of the claim (in quarter steps) wins over the article's best assertion: "Trump did not reveal
  // the source" must not hide behind the same article's "Trump revealed classified information".
  const step = (x: Candidate) => Math.floor(x.m.score * 4 + 1e-9);
  const shows = new Map<string, Candidate>();
  for (const x of [...matched].sort(order)) {
    const cur = shows.get(x.r.article.id);
    if (!cur || (cur.stance === 'asserts' && x.stance === 'disputes' && step(x) > step(cur))) shows.set(x.r.article.id, x);
  }
  const chosen = new Set(shows.values());
  // The others still bring the articles that carry the same quote (their clusters).
  const relevant = [...[...chosen].sort(order), ...matched.filter((x) => !chosen.has(x)).sort(order)];

  const byArticle = new Map<string, ArticleSource>();
  for (const { r, m, stance } of relevant) {
    const item = toItem(r);
    if (!byArticle.has(r.article.id)) byArticle.set(r.article.id, { item, article: r.article, stance });
    if (r.corroboration.articles <= 1) continue;
    const members = await ctx.store.getCluster(r.statement.clusterId);
    const missing = members.filter((m) => !byArticle.has(m.articleId));
    if (!missing.length) continue;
    const statements = await ctx.store.getStatementsByIds(missing.map((m) => m.statementId));
    for (const s of statements) {
      if (byArticle.has(s.articleId)) continue;
      const article = await ctx.corpus.article(s.articleId);
      if (!article) continue;
      byArticle.set(s.articleId, {
        article,
        // Same words, but the other article may frame them differently ("… denied that …").
        stance: claimStance(claim, s.text, m.matched, s.cue),
        item: {
          ...item,
          statementId: s.id,
          kind: s.kind,
          quote: s.quote ?? s.text,
          // Same words, other article: the offsets of the match differ, so mark nothing rather than wrongly.
          highlights: (s.quote ?? s.text) === item.quote ? item.highlights : [],
          text: s.text,
          speaker: s.speaker,
          speakerRole: roleAfterName(s.speakerRole),
          outlet: s.outlet,
          cue: s.cue,
          article,
        },
      });
    }
  }
  const all = [...byArticle.values()];
  // Stable: search order within each group.
  return { sources: [...all.filter((a) => a.stance === 'asserts'), ...all.filter((a) => a.stance === 'disputes')], notices };
}

function stanceOrder(s: ClaimStance): number {
  return s === 'asserts' ? 0 : 1;
}

/**
 * Who reports it: the outlet the words were told to, else the speaker when the speaker is an
 * outlet ("the New York Times reported …"), else the article's publisher.
 */
function reportingOutlets(s: ArticleSource): string[] {
  if (s.item.outlet) return [s.item.outlet];
  if (s.item.speaker) {
    if (outletFromPhrase(s.item.speaker) === s.item.speaker) return [s.item.speaker];
    // "Multiple media outlets, including CNN, the Wall Street Journal and the New York Times"
    const named = findOutletMentions(s.item.speaker).map((m) => m.name);
    if (named.length) return named;
  }
  return s.article.outlet ? [s.article.outlet] : [];
}

function attributed(r: SearchResult): number {
  return r.statement.speaker || r.statement.outlet ? 1 : 0;
}

async function run(ctx: CommandContext, args: CommandArgs): Promise<Reply> {
  const q = prepareQuery(args.claim, 'claim');
  if (!q.text) return commandHelp(definition);
  const offset = readOffset(args);
  const { sources, notices: searchNotices } = await collect(ctx, q.text);
  const notices = uniq([...q.notices, ...searchNotices]);
  if (!sources.length) {
    return {
      title: `No sources for ${quoted(q.text)}`,
      text: 'No article in the corpus reports a matching statement.',
      notices,
      sections: [],
      visibility: 'private',
    };
  }
  const asserting = sources.filter((s) => s.stance === 'asserts');
  const disputing = sources.length - asserting.length;
  const outlets = uniq(asserting.flatMap(reportingOutlets));
  const pageItems = sources.slice(offset, offset + PAGE_SIZE);
  const n = sources.length;
  const a = asserting.length;
  const disputes = disputing ? `${disputing} dispute${disputing === 1 ? 's' : ''} or den${disputing === 1 ? 'ies' : 'y'} it` : '';
  const summary = a
    ? `${a} article${a === 1 ? '' : 's'} report${a === 1 ? 's' : ''} matching statements` +
      (disputes ? `; ${disputes}` : '') +
      (outlets.length ? `; outlets named: ${outlets.join(', ')}.` : '.')
    : `No article reports it; ${disputing} article${disputing === 1 ? '' : 's'} ${disputes.replace(/^\d+ /, '')}.`;
  return {
    title: `Sources for ${quoted(q.text)}`,
    text: offset ? `${summary} Articles ${offset + 1}–${offset + pageItems.length} of ${n}.` : summary,
    notices,
    sections: sectionsFor(pageItems, disputing > 0),
    paging: nextPaging('sources', { ...args, claim: q.text }, offset, pageItems.length, n),
    visibility: 'private',
  };
}

/** One section without a heading when every article asserts the claim; else one per stance. */
function sectionsFor(page: readonly ArticleSource[], split: boolean): ReplySection[] {
  if (!page.length) return [];
  if (!split) return [{ items: page.map((s) => s.item), articles: page.map((s) => s.article) }];
  return (['asserts', 'disputes'] as const)
    .map((stance) => page.filter((s) => s.stance === stance))
    .filter((group) => group.length > 0)
    .map((group) => ({
      heading: STANCE_HEADINGS[group[0]!.stance],
      items: group.map((s) => s.item),
      articles: group.map((s) => s.article),
    }));
}

export const sources: Command = { definition, run };
