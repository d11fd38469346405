import { commands } from '../../commands/index.js';
import type { ArticleRef } from '../../src/domain/article.js';
import type { StatementKind, StoredStatement } from '../../src/domain/statement.js';
import type { Corpus, SearchPage, SearchResult } from '../../src/corpus/types.js';
import type { BotServices } from '../../src/dispatch/index.js';
import type { Store } from '../../src/store/types.js';

/**
 * BotServices for the Slack adapter tests: the real commands and dispatcher over a small fake
 * corpus whose search returns the fixture statements containing any query word (so the adapter
 * is tested on real Replies without a database). `delayMs` makes every search slow.
 */

export interface FixtureStatement {
  quote: string;
  text?: string;
  kind?: StatementKind;
  speaker: string | null;
  speakerRole?: string | null;
  outlet?: string | null;
  cue?: string | null;
  article: ArticleRef;
  corroboration?: number;
}

export const POST_ARTICLE: ArticleRef = {
  id: 'wapo-1',
  title: 'Trump revealed highly classified information to Russian foreign minister and ambassador',
  outlet: 'The Washington Post',
  url: 'https://www.washingtonpost.com/world/national-security/trump-revealed-classified-information',
  published: '2017-05-15',
};

export const MCMASTER: FixtureStatement = {
  quote: 'The story that came out tonight as reported is false',
  text: '“The story that came out tonight as reported is false,” McMaster said.',
  kind: 'direct',
  speaker: 'H.R. McMaster',
  speakerRole: 'National Security Adviser',
  outlet: null,
  cue: 'said',
  article: POST_ARTICLE,
  corroboration: 3,
};

/** Article text that tries every trick: mentions, broadcasts, links, markup. */
export const INJECTION: FixtureStatement = {
  quote: 'Attention <!channel> and <!here|here>: ping <@U12345> & <https://evil.example|click here> @here @everyone',
  kind: 'direct',
  speaker: '<@U99999> Mallory',
  speakerRole: '<!subteam^S123>',
  outlet: '<!everyone>',
  cue: 'told',
  article: { id: 'evil-1', title: '<!here> Breaking & <b>bold</b>', outlet: 'Evil <Gazette>', url: 'javascript:alert(1)', published: null },
};

export function manyStatements(n: number, word = 'budget'): FixtureStatement[] {
  return Array.from({ length: n }, (_, i) => ({
    quote: `The ${word} line number ${i + 1} ${'is long and winding '.repeat(180)}`.trim(),
    kind: 'direct' as const,
    speaker: `Speaker ${i + 1}`,
    speakerRole: 'Treasurer',
    outlet: 'The Ledger',
    cue: 'told',
    article: { id: `ledger-${i + 1}`, title: `Ledger story ${i + 1}`, outlet: 'The Ledger', url: `https://ledger.example/${i + 1}`, published: '2020-01-01' },
    corroboration: 1,
  }));
}

function stored(f: FixtureStatement, i: number): StoredStatement {
  return {
    id: `${f.article.id}:${i}`,
    articleId: f.article.id,
    ordinal: i,
    clusterId: `${f.article.id}:${i}`,
    ingestedAt: '2020-01-01T00:00:00Z',
    text: f.text ?? f.quote,
    kind: f.kind ?? 'direct',
    quote: f.quote,
    speaker: f.speaker,
    speakerMention: f.speaker,
    speakerRole: f.speakerRole ?? null,
    outlet: f.outlet ?? null,
    cue: f.cue ?? null,
    start: 0,
    end: (f.text ?? f.quote).length,
    paragraph: 0,
  };
}

function highlights(text: string, words: string[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const lower = text.toLowerCase();
  for (const w of words) {
    const at = lower.indexOf(w);
    if (at >= 0) out.push([at, at + w.length]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

export class FakeCorpus {
  statements: FixtureStatement[];
  delayMs = 0;
  readonly queries: string[] = [];

  constructor(statements: FixtureStatement[]) {
    this.statements = statements;
  }

  async search(query: unknown, opts: { offset?: number; limit: number }): Promise<SearchPage> {
    const text = typeof query === 'string' ? query : String((query as { text?: string }).text ?? '');
    this.queries.push(text);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    const words = text.toLowerCase().split(/\W+/).filter((w) => w.length > 2);
    const matching = this.statements
      .map((f, i) => ({ f, i }))
      .filter(({ f }) => words.some((w) => `${f.quote} ${f.speaker ?? ''}`.toLowerCase().includes(w)));
    const offset = opts.offset ?? 0;
    const results: SearchResult[] = matching.slice(offset, offset + opts.limit).map(({ f, i }) => ({
      statement: stored(f, i),
      article: f.article,
      score: 0.1,
      highlights: highlights(f.quote, words),
      corroboration: {
        articles: f.corroboration ?? 1,
        outlets: [f.article.outlet ?? 'Unknown'],
        firstOutlet: f.article.outlet,
      },
    }));
    return { query: { text, phrases: [], filters: {}, notices: [] }, results, total: matching.length, offset };
  }

  async resolveSpeaker(name: string): Promise<string | null> {
    return this.statements.find((f) => f.speaker?.toLowerCase().includes(name.toLowerCase()))?.speaker ?? null;
  }

  async suggestSpeakers(partial: string): Promise<string[]> {
    return this.statements.map((f) => f.speaker).filter((s): s is string => !!s && s.toLowerCase().includes(partial.toLowerCase()));
  }

  async article(id: string): Promise<ArticleRef | null> {
    return this.statements.find((f) => f.article.id === id)?.article ?? null;
  }
}

export function fakeServices(
  statements: FixtureStatement[],
  claimEvent: Store['claimEvent'] = memoryClaims(),
): { services: BotServices; corpus: FakeCorpus } {
  const corpus = new FakeCorpus(statements);
  const services: BotServices = {
    commands,
    corpus: corpus as unknown as Corpus,
    // Only `sources` reaches the store, for the other articles of a quote cluster (none here),
    // and event de-duplication claims its event ids there.
    store: { getCluster: async () => [], getStatementsByIds: async () => [], claimEvent } as unknown as Store,
    now: () => new Date('2026-01-01T12:00:00Z'),
    timezone: 'UTC',
    digestAdmins: [],
  };
  return { services, corpus };
}

/** Event claims as one process's store would keep them (no expiry: tests are shorter). */
export function memoryClaims(): Store['claimEvent'] {
  const claimed = new Set<string>();
  return async (key) => {
    if (claimed.has(key)) return false;
    claimed.add(key);
    return true;
  };
}
