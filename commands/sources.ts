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
import { contentWords } from '../src/corpus/coverage.js';
import { STANCE_HEADINGS, claimStance, type ClaimStance } from '../src/corpus/claim-stance.js';
import { FIGURE_HEADING, compareFigures, figures } from '../src/corpus/claim-figures.js';
import type { SearchResult } from '../src/corpus/types.js';
import type { ClusterMember } from '../src/store/types.js';
import { findOutletMentions, outletFromPhrase } from '../src/extract/outlets.js';

/** "Critics say (that) …", "Officials claimed …": who a claim is attributed to, before what it states. */
const CLAIM_FRAME = /^\s*(?:[\p{L}.'’-]+\s+){1,4}?(?:says?|said|claims?|claimed|reports?|reported|tells?|told|insists?|insisted)\s+(?:that\s+)?/iu;

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
  /**
   * Whether the article's statement asserts the claim, disputes it or only mentions it
   * (`claimStance`), or gives another figure than the claim's (`differs`, `compareFigures`).
   */
  stance: Group;
  /** The statement's figures that differ from the claim's ("$40 million"). */
  figures?: string[];
}

/** A statement's place in the answer: its stance, or a different figure whatever its stance. */
type Group = ClaimStance | 'differs';

/** A statement that matches the claim, with `matchClaim`'s score (a cluster mate has its representative's). */
interface Entry extends ArticleSource {
  score: number;
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

async function collect(
  ctx: CommandContext,
  claim: string,
): Promise<{ sources: ArticleSource[]; notices: string[]; carriedBy?: ReadonlyMap<string, readonly string[]> }> {
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
  const claimFigures = figures(claim);
  // Who the claim says says it ("Critics say …") is not part of what it states: the stance is read
  // around the stated words only, or "Critics questioned whether …" would be read from "Critics"
  // on and its "whether" taken for part of the claim (a question counted as a report).
  const stated = claim.replace(CLAIM_FRAME, '');
  const statedWords = stated !== claim && contentWords(stated).length >= 2 ? claimWords(stated) : null;
  const matched = [...seen.values()]
    .map(({ r, rank }) => ({ r, rank, m: matchClaim(words, withSpeaker(r)) }))
    .filter((x) => x.m.reports)
    .map((x) => {
      // The stance is read in the statement's own words: the speaker's name is not in them.
      const inText = statedWords
        ? matchClaim(statedWords, x.r.statement.text).matched
        : x.r.statement.speaker
          ? matchClaim(words, x.r.statement.text).matched
          : x.m.matched;
      const stance = claimStance(statedWords ? stated : claim, x.r.statement.text, inText.length ? inText : x.m.matched, x.r.statement.cue);
      return { ...x, ...byFigures(claimFigures, x.r.statement.text, stance) };
    })
    .filter((x): x is typeof x & { stance: Group } => x.stance !== null)
    // A statement disputes the claim only when it has what the claim says happened (its first word
    // that is not a name: "Israel was the *source*"): "The US had not received permission to
    // share the intel" negates something else, and must not speak for its article as a denial.
    // The same holds for a statement that only raises it ("if …", "whether …").
    .filter((x) => x.stance === 'asserts' || !predicate || x.m.matched.includes(predicate.word));
  type Candidate = (typeof matched)[number];
  // Reports someone is on record for (a speaker, an outlet) first: /sources asks who reports the
  // claim. Then most of the claim, then search order.
  const order = (a: Candidate, b: Candidate) =>
    stanceOrder(a.stance) - stanceOrder(b.stance) || attributed(b.r) - attributed(a.r) || b.m.score - a.m.score || a.rank - b.rank;
  // Every matching statement, and then the statements of other articles that carry the same
  // quote (its cluster): same words, but the other article may frame them differently ("…
  // denied that …"), so each is read for its own stance.
  const entries: Entry[] = [];
  const listed = new Set<string>();
  const clusters = new Set<string>();
  // Syndicated copy (one text stored from several sites, QA 8, 26) is one report: a member's
  // copies are never listed next to it, and the sites are named as having carried it.
  const textOf = new Map<string, string>();
  const listedTexts = new Set<string>();
  const carriedBy = new Map<string, string[]>();
  const copyOfListed = (id: string): boolean => !listed.has(id) && listedTexts.has(textOf.get(id) ?? '');
  for (const x of [...matched].sort(order)) {
    if (copyOfListed(x.r.statement.id)) continue;
    const item = toItem(x.r);
    entries.push({ item, article: x.r.article, stance: x.stance, score: x.m.score, ...(x.figures ? { figures: x.figures } : {}) });
    listed.add(x.r.statement.id);
    // Every cluster is looked at, not only those counted as corroborated: a cluster whose members
    // name different speakers need not count as corroboration, and its members still report or
    // deny the claim.
    if (clusters.has(x.r.statement.clusterId)) continue;
    clusters.add(x.r.statement.clusterId);
    const members: ClusterMember[] = [];
    for (const mem of await ctx.store.getCluster(x.r.statement.clusterId)) {
      const group = [{ statementId: mem.statementId, articleId: mem.articleId, outlet: mem.outlet }, ...(mem.copies ?? [])];
      for (const a of group) {
        carriedBy.set(a.articleId, uniqOutlets(group.filter((b) => b.articleId !== a.articleId).flatMap((b) => (b.outlet ? [b.outlet] : []))));
        // Copies of one text, met again among the candidates once one of them is listed, are
        // that report again.
        if (group.length > 1) textOf.set(a.statementId, mem.statementId);
      }
      // The copy the search found stands for its text.
      if (group.some((a) => listed.has(a.statementId))) listedTexts.add(mem.statementId);
      else members.push(mem);
    }
    if (!members.length) continue;
    for (const s of await ctx.store.getStatementsByIds(members.map((mem) => mem.statementId))) {
      const article = await ctx.corpus.article(s.articleId);
      if (!article || listed.has(s.id)) continue;
      const { stance, figures: different } = byFigures(claimFigures, s.text, claimStance(claim, s.text, x.m.matched, s.cue));
      if (stance === null || (stance !== 'asserts' && predicate && !x.m.matched.includes(predicate.word))) continue;
      listed.add(s.id);
      if (textOf.has(s.id)) listedTexts.add(textOf.get(s.id)!);
      entries.push({
        article,
        stance,
        ...(different ? { figures: different } : {}),
        score: x.m.score,
        item: {
          ...item,
          statementId: s.id,
          kind: s.kind,
          quote: s.quote ?? s.text,
          // Same words, other article: the offsets of the match differ, so mark nothing rather than wrongly.
          highlights: (s.quote ?? s.text) === item.quote ? item.highlights : [],
          text: s.text,
          speaker: s.speaker,
          // The member's own naming, not the representative's ("named as …" would be wrong).
          speakerMention: s.speakerMention,
          speakerRole: roleAfterName(s.speakerRole),
          outlet: s.outlet,
          cue: s.cue,
          article,
        },
      });
    }
  }
  // Each article is shown by its first statement in that order, except that:
  // - a denial with more of the claim (in quarter steps of `matchClaim`'s score) wins over the
  //   article's best assertion: "Trump did not reveal the source" must not hide behind the same
  //   article's "Trump revealed classified information";
  // - when an assertion and a denial both carry the claim's whole core, the article shows both
  //   and counts under both (QA 6b, C7: "Rumours that X …" then "Okoro denied that X": the
  //   denial must not vanish behind the restated claim); with less of the claim they may be about
  //   something else ("he did not reveal the method"), and the first speaks for the article;
  // - a statement that only mentions the claim ("if …", "rumours that …") is shown only for an
  //   article that neither reports nor disputes it.
  const step = (x: Entry) => Math.floor(x.score * 4 + 1e-9);
  const best = new Map<string, Partial<Record<Group, Entry>>>();
  for (const x of entries) {
    const per = best.get(x.article.id) ?? {};
    per[x.stance] ??= x;
    best.set(x.article.id, per);
  }
  const chosen = new Set<Entry>();
  for (const per of best.values()) {
    const { asserts, disputes } = per;
    if (asserts && disputes) {
      const whole = step(asserts) === 4 && step(disputes) === 4;
      if (whole || step(asserts) >= step(disputes)) chosen.add(asserts);
      if (whole || step(disputes) > step(asserts)) chosen.add(disputes);
    } else {
      const one = asserts ?? disputes;
      if (one) chosen.add(one);
    }
    if (per.mentions && !asserts && !disputes) chosen.add(per.mentions);
    // Another figure is a conflict to show, next to whatever else the article says.
    if (per.differs) chosen.add(per.differs);
  }
  const sources = entries.filter((x) => chosen.has(x));
  // Stable: search order within each group.
  return { sources: GROUPS.flatMap((group) => sources.filter((a) => a.stance === group)), notices, carriedBy };
}

/** The groups in the order they are shown: reports, denials, other figures, then what only raises the claim. */
const GROUPS: readonly Group[] = ['asserts', 'disputes', 'differs', 'mentions'];

function stanceOrder(s: Group): number {
  return GROUPS.indexOf(s);
}

const HEADINGS: Readonly<Record<Group, string>> = { ...STANCE_HEADINGS, differs: FIGURE_HEADING };

/**
 * The claim's figures decide before the stance (QA 6b, C8): a statement with another amount,
 * percentage or date than the claim's ("$40 million" for "$4 million") is neither a report nor a
 * denial of it but a different figure, shown apart; a statement that carries the claim's words
 * but none of its figures does not report it (null), though it may still deny or question it
 * ("the bridge will not close" disputes "the bridge will close in April").
 */
function byFigures(claimFigures: ReturnType<typeof figures>, text: string, stance: ClaimStance): { stance: Group | null; figures?: string[] } {
  const check = compareFigures(claimFigures, text);
  if (check.status === 'different') return { stance: 'differs', figures: check.different };
  if (check.status === 'missing' && stance === 'asserts') return { stance: null };
  return { stance };
}

/**
 * Who reports it: the outlet the words were told to, else the speaker when the speaker is an
 * outlet ("the New York Times reported …"); and the article's publisher, which printed it (QA 8:
 * a paper running wire copy — "… told Reuters" — reports the claim too, and was left out).
 */
function reportingOutlets(s: ArticleSource): string[] {
  const publisher = s.article.outlet ? [s.article.outlet] : [];
  if (s.item.outlet) return [s.item.outlet, ...publisher];
  if (s.item.speaker) {
    if (outletFromPhrase(s.item.speaker) === s.item.speaker) return [s.item.speaker, ...publisher];
    // "Multiple media outlets, including CNN, the Wall Street Journal and the New York Times"
    const named = findOutletMentions(s.item.speaker).map((m) => m.name);
    if (named.length) return [...named, ...publisher];
  }
  return publisher;
}

/** How many sites that carried the same text the summary names before "and N more". */
const MAX_CARRIERS = 5;

function outletKey(n: string): string {
  return n.toLowerCase().replace(/^the\s+/, '').trim();
}

/** Outlets once each: "The Associated Press" and "Associated Press" are one. */
function uniqOutlets(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => !seen.has(outletKey(n)) && (seen.add(outletKey(n)), true));
}

function attributed(r: SearchResult): number {
  return r.statement.speaker || r.statement.outlet ? 1 : 0;
}

async function run(ctx: CommandContext, args: CommandArgs): Promise<Reply> {
  const q = prepareQuery(args.claim, 'claim');
  if (!q.text) return commandHelp(definition);
  const offset = readOffset(args);
  const { sources, notices: searchNotices, carriedBy } = await collect(ctx, q.text);
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
  const articlesWith = (stance: Group) => new Set(sources.filter((s) => s.stance === stance).map((s) => s.article.id));
  const asserting = articlesWith('asserts');
  const disputing = articlesWith('disputes');
  const mentioning = articlesWith('mentions');
  const differing = articlesWith('differs');
  const both = [...asserting].filter((id) => disputing.has(id)).length;
  const outlets = uniqOutlets(sources.filter((s) => s.stance === 'asserts').flatMap(reportingOutlets));
  const pageItems = sources.slice(offset, offset + PAGE_SIZE);
  const n = sources.length;
  const a = asserting.size;
  const d = disputing.size;
  const plural = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  const parts = [
    a ? plural(a, 'article reports matching statements', 'articles report matching statements') : 'No article reports it',
    d ? plural(d, a ? 'disputes or denies it' : 'article disputes or denies it', a ? 'dispute or deny it' : 'articles dispute or deny it') : '',
    // An article that reports the claim and quotes a denial of it counts in both, and says so.
    both ? `${plural(both, 'article is', 'articles are')} counted in both (a report and a denial in the same article)` : '',
    differing.size
      ? plural(differing.size, a || d ? 'gives' : 'article gives', a || d ? 'give' : 'articles give') +
        ` a different figure (${uniq(sources.flatMap((s) => s.figures ?? [])).slice(0, 3).join(', ')})`
      : '',
    mentioning.size
      ? plural(mentioning.size, a || d || differing.size ? 'mentions it without asserting it' : 'article mentions it without asserting it', a || d || differing.size ? 'mention it without asserting it' : 'articles mention it without asserting it')
      : '',
  ].filter(Boolean);
  // The sites that printed a reporting article's very text: not counted again, but named.
  const named = new Set(outlets.map(outletKey));
  const carriers = uniqOutlets(
    sources.filter((s) => s.stance === 'asserts').flatMap((s) => carriedBy?.get(s.article.id) ?? []),
  ).filter((o) => !named.has(outletKey(o)));
  const carried = carriers.length
    ? `; the same text was also carried by ${carriers.slice(0, MAX_CARRIERS).join(', ')}${carriers.length > MAX_CARRIERS ? ` and ${carriers.length - MAX_CARRIERS} more` : ''}`
    : '';
  const summary = parts.join('; ') + (outlets.length ? `; outlets named: ${outlets.join(', ')}` : '') + `${carried}.`;
  return {
    title: `Sources for ${quoted(q.text)}`,
    // An article can stand under two headings, so the pages count items, not articles.
    text: offset ? `${summary} Items ${offset + 1}–${offset + pageItems.length} of ${n}.` : summary,
    notices,
    sections: sectionsFor(pageItems, sources.some((s) => s.stance !== 'asserts')),
    paging: nextPaging('sources', { ...args, claim: q.text }, offset, pageItems.length, n),
    visibility: 'private',
  };
}

/** One section without a heading when every item asserts the claim; else one per stance. */
function sectionsFor(page: readonly ArticleSource[], split: boolean): ReplySection[] {
  if (!page.length) return [];
  if (!split) return [{ items: page.map((s) => s.item), articles: page.map((s) => s.article) }];
  return GROUPS
    .map((stance) => page.filter((s) => s.stance === stance))
    .filter((group) => group.length > 0)
    .map((group) => ({
      heading: HEADINGS[group[0]!.stance],
      items: group.map((s) => s.item),
      articles: group.map((s) => s.article),
    }));
}

export const sources: Command = { definition, run };
