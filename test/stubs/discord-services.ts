import type { ArticleRef } from '../../src/domain/article.js';
import type { Command, CommandArgs, CommandContext } from '../../src/domain/command.js';
import type { Range, Reply, ReplyItem } from '../../src/domain/reply.js';
import type { Corpus } from '../../src/corpus/types.js';
import type { Store } from '../../src/store/types.js';
import type { BotServices } from '../../src/dispatch/index.js';

/**
 * Small fake commands and corpus for the Discord tests: deterministic answers with known quotes,
 * speakers and articles (one article carries markdown and mass mentions), paging by two, a slow
 * command for deferral, a permission-gated command with subcommands.
 */
export const ARTICLES: Record<string, ArticleRef> = {
  wapo: { id: 'wapo', title: 'McMaster disputes report on intelligence', outlet: 'The Washington Post', url: 'https://news.example/wapo/mcmaster', published: '2017-05-15T20:00:00Z' },
  evil: { id: 'evil', title: 'Leak *exclusive* @everyone', outlet: 'Buzzfeed', url: 'https://news.example/bf/leak', published: '2017-05-16' },
  ap: { id: 'ap', title: 'Officials react', outlet: 'AP', url: 'https://news.example/ap/react', published: '2017-05-16' },
};

function item(id: string, quote: string, speaker: string | null, role: string | null, outlet: string | null, article: ArticleRef, articles = 1): ReplyItem {
  return {
    statementId: id,
    kind: 'direct',
    quote,
    highlights: [],
    text: quote,
    speaker,
    speakerRole: role,
    outlet,
    cue: outlet ? 'told' : 'said',
    article,
    corroboration: { articles, outlets: [article.outlet ?? 'unknown'], firstOutlet: article.outlet },
  };
}

export const ITEMS: ReplyItem[] = [
  item('s1', 'The story that came out tonight as reported is false', 'H.R. McMaster', 'National Security Adviser', 'The Washington Post', ARTICLES.wapo!, 3),
  item('s2', 'I have great intel @everyone <@123456789012345678> <@&223456789012345678> **not bold** [click](https://evil.example) ||spoiler||', 'Donald Trump', null, 'Buzzfeed', ARTICLES.evil!),
  item('s3', 'At no time were intelligence sources or methods discussed', 'H.R. McMaster', 'National Security Adviser', null, ARTICLES.ap!, 2),
  item('s4', 'The intel was shared appropriately', 'Sean Spicer', 'Press Secretary', 'AP', ARTICLES.ap!),
  item('s5', 'We never discussed intel sources', 'Rex Tillerson', 'Secretary of State', null, ARTICLES.ap!),
];

function highlight(quote: string, words: string[]): Range[] {
  const out: Range[] = [];
  const lower = quote.toLowerCase();
  for (const w of words) {
    if (!w) continue;
    let i = lower.indexOf(w);
    while (i >= 0) {
      out.push([i, i + w.length]);
      i = lower.indexOf(w, i + w.length);
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
}

export const PAGE = 2;

function search(query: string, offset: number, command: string, args: CommandArgs): Reply {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const hits = ITEMS.filter((i) => words.some((w) => i.quote.toLowerCase().includes(w))).map((i) => ({ ...i, highlights: highlight(i.quote, words) }));
  const page = hits.slice(offset, offset + PAGE);
  const next = offset + page.length;
  const clean: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(args)) if (v !== undefined && k !== 'offset') clean[k] = v;
  return {
    title: `Quotes matching “${query}”`,
    text: `Results ${offset + 1}–${next} of ${hits.length}`,
    notices: [],
    sections: page.length ? [{ items: page }] : [],
    ...(next < hits.length ? { paging: { command, args: clean, offset: next, pageSize: PAGE, total: hits.length } } : {}),
    visibility: 'private',
  };
}

const quote: Command = {
  definition: {
    name: 'quote',
    description: 'Find quotes',
    usage: '/quote <query>',
    options: [
      { name: 'query', description: 'Words from the quote', type: 'string', required: true, rest: true, autocomplete: 'quote' },
      { name: 'speaker', description: 'Only this speaker', type: 'string', autocomplete: 'speaker' },
    ],
  },
  async run(_ctx: CommandContext, args: CommandArgs) {
    return search(String(args.query ?? ''), Number(args.offset ?? 0), 'quote', args);
  },
};

const whosaid: Command = {
  definition: {
    name: 'whosaid',
    description: 'Who said it',
    usage: '/whosaid <words>',
    options: [{ name: 'words', description: 'The words', type: 'string', required: true, rest: true, autocomplete: 'quote' }],
  },
  async run(_ctx, args) {
    const r = search(String(args.words ?? ''), Number(args.offset ?? 0), 'whosaid', args);
    return { ...r, title: `Who said “${String(args.words)}”` };
  },
};

/** Every `sources` call, so tests can see which claim a message produced. */
export const sourcesCalls: string[] = [];

const sources: Command = {
  definition: {
    name: 'sources',
    description: 'Which articles report a claim',
    usage: '/sources <claim>',
    options: [{ name: 'claim', description: 'The claim', type: 'string', required: true, rest: true }],
  },
  async run(_ctx, args) {
    const claim = String(args.claim ?? '');
    sourcesCalls.push(claim);
    const r = search(claim, Number(args.offset ?? 0), 'sources', args);
    return { ...r, title: `Sources for “${claim}”`, sections: r.sections.map((s) => ({ ...s, articles: s.items.map((i) => i.article) })) };
  },
};

const slow: Command = {
  definition: { name: 'slow', description: 'Takes its time', usage: '/slow', options: [{ name: 'query', description: 'q', type: 'string', rest: true }] },
  async run(_ctx, args) {
    await new Promise((r) => setTimeout(r, 400));
    return { ...search(String(args.query ?? 'intel'), 0, 'slow', args), title: 'Slow answer' };
  },
};

const boom: Command = {
  definition: { name: 'boom', description: 'Always fails', usage: '/boom', options: [] },
  async run() {
    throw new Error('kaboom');
  },
};

const digest: Command = {
  definition: {
    name: 'digest',
    description: 'Scheduled digests',
    usage: '/digest subscribe|list',
    requires: 'manageChannels',
    options: [],
    subcommands: [
      { name: 'subscribe', description: 'Subscribe this channel', options: [{ name: 'schedule', description: 'When', type: 'string', required: true }, { name: 'timezone', description: 'IANA zone', type: 'string', autocomplete: 'timezone' }] },
      { name: 'list', description: 'This channel’s digests', options: [] },
    ],
  },
  async run(ctx, args) {
    return {
      title: `digest ${ctx.invocation.subcommand} in ${ctx.invocation.channelId}`,
      text: `schedule=${String(args.schedule)} manage=${String(ctx.invocation.canManageChannel)} post=${String(ctx.invocation.mayPostHere)}`,
      notices: [],
      sections: [],
      visibility: 'public',
    };
  },
};

const factbot: Command = {
  definition: {
    name: 'factbot',
    description: 'Help',
    usage: '/factbot help',
    options: [],
    subcommands: [{ name: 'help', description: 'List the commands', options: [] }],
  },
  async run() {
    return { title: 'factbot help', text: 'Ask me about quotes.', notices: [], sections: [{ heading: 'Commands', items: [], lines: ['/quote <query>'] }], visibility: 'private' };
  },
};

export const fakeCommands: readonly Command[] = [quote, whosaid, sources, slow, boom, digest, factbot];

/** 40 speaker names, one far over Discord's 100 characters. */
export const SPEAKERS = [
  'H.R. McMaster',
  'Mark McMahon',
  `Maria ${'Longname '.repeat(15)}McAllister`,
  ...Array.from({ length: 37 }, (_, i) => `Mc Speaker ${i + 1}`),
];

const corpus = {
  async suggestSpeakers(partial: string, limit: number) {
    const p = partial.toLowerCase();
    return SPEAKERS.filter((s) => s.toLowerCase().includes(p)).slice(0, limit + 10);
  },
  async suggestQuotes(partial: string, limit: number) {
    const p = partial.toLowerCase();
    return ITEMS.filter((i) => i.quote.toLowerCase().includes(p)).slice(0, limit).map((i) => ({ id: i.statementId, quote: i.quote }));
  },
} as unknown as Corpus;

/** Only the buttons' states reach the store here; kept as the database would keep them, without expiry. */
function statesOnlyStore(): Store {
  const states = new Map<string, string>();
  const store: Pick<Store, 'saveInteractionState' | 'loadInteractionState'> = {
    async saveInteractionState(key, state) {
      states.set(key, JSON.stringify(state));
    },
    async loadInteractionState(key) {
      const json = states.get(key);
      return json === undefined ? undefined : (JSON.parse(json) as unknown);
    },
  };
  return store as Store;
}

export function fakeServices(): BotServices {
  return { commands: fakeCommands, corpus, store: statesOnlyStore(), now: () => new Date('2026-01-01T09:00:00Z'), timezone: 'UTC', digestAdmins: [] };
}
