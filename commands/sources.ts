import type { Command, CommandArgs, CommandContext, CommandDefinition } from '../src/domain/command.js';
import type { ReplyItem, Reply } from '../src/domain/reply.js';
import type { ArticleRef } from '../src/domain/article.js';
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
import { contentWords, coverage } from '../src/corpus/coverage.js';
import { outletFromPhrase } from '../src/extract/outlets.js';

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

/** How many ranked statements to consider; the claim's sources are among the best of them. */
const CANDIDATES = 40;
/**
 * A statement reports the claim when it has this share of the claim's content words: most of a
 * short claim, fewer of a long one (a long claim is rarely restated word for word).
 */
function minCoverage(claim: string): number {
  const n = new Set(contentWords(claim)).size;
  return n <= 3 ? 0.6 : n <= 6 ? 0.5 : 0.35;
}

interface ArticleSource {
  item: ReplyItem;
  article: ArticleRef;
}

/** Best statement per article, in rank order, expanding quote clusters to every article that has them. */
async function collect(ctx: CommandContext, claim: string): Promise<{ sources: ArticleSource[]; notices: string[] }> {
  const page = await ctx.corpus.search(claim, { offset: 0, limit: CANDIDATES });
  const best = page.results[0];
  if (!best) return { sources: [], notices: page.query.notices };
  // Search ranks; whether a statement reports the claim is decided on its words (see coverage.ts).
  const min = minCoverage(claim);
  const relevant = page.results.filter((r) => coverage(claim, r.statement.text) >= min);
  if (!relevant.length && coverage(claim, best.statement.text) > 0) relevant.push(best);

  const byArticle = new Map<string, ArticleSource>();
  for (const r of relevant) {
    const item = toItem(r);
    if (!byArticle.has(r.article.id)) byArticle.set(r.article.id, { item, article: r.article });
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
        item: {
          ...item,
          statementId: s.id,
          kind: s.kind,
          quote: s.quote ?? s.text,
          // Same words, other article: the offsets of the match differ, so mark nothing rather than wrongly.
          highlights: (s.quote ?? s.text) === item.quote ? item.highlights : [],
          text: s.text,
          speaker: s.speaker,
          speakerRole: s.speakerRole,
          outlet: s.outlet,
          cue: s.cue,
          article,
        },
      });
    }
  }
  return { sources: [...byArticle.values()], notices: page.query.notices };
}

/**
 * Who reports it: the outlet the words were told to, else the speaker when the speaker is an
 * outlet ("the New York Times reported …"), else the article's publisher.
 */
function reportingOutlet(s: ArticleSource): string | null {
  if (s.item.outlet) return s.item.outlet;
  if (s.item.speaker && outletFromPhrase(s.item.speaker) === s.item.speaker) return s.item.speaker;
  return s.article.outlet;
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
  const outlets = uniq(sources.map(reportingOutlet).filter((o): o is string => Boolean(o)));
  const pageItems = sources.slice(offset, offset + PAGE_SIZE);
  const n = sources.length;
  const summary =
    `${n} article${n === 1 ? '' : 's'} report${n === 1 ? 's' : ''} matching statements` +
    (outlets.length ? `; outlets named: ${outlets.join(', ')}.` : '.');
  return {
    title: `Sources for ${quoted(q.text)}`,
    text: offset ? `${summary} Articles ${offset + 1}–${offset + pageItems.length} of ${n}.` : summary,
    notices,
    sections: pageItems.length
      ? [{ items: pageItems.map((s) => s.item), articles: pageItems.map((s) => s.article) }]
      : [],
    paging: nextPaging('sources', { ...args, claim: q.text }, offset, pageItems.length, n),
    visibility: 'private',
  };
}

export const sources: Command = { definition, run };
