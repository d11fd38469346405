import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '../src/domain/article.js';
import type { Statement } from '../src/domain/statement.js';
import { CorpusRuntime } from '../src/corpus/runtime.js';
import { createSearchIndex, parseQuery } from '../src/search/index.js';
import { memoryStore } from './helpers/memory-store.js';
import { lineStatements } from './helpers/line-statements.js';

// QA 8: wire copy republished. "Reported in 3 articles (…)" named the papers that printed the
// quote but not the agency it was told to, and a wire story with no publisher named nobody.
function article(id: string, text: string, outlet: string | null, published: string | null): Article {
  return { id, title: `Article ${id}`, outlet, url: `https://example.com/${id}`, published, author: null, text, source: `${id}.txt`, contentHash: `${id}:${text}` };
}

/** Stand-in extractor: `"quote," Name told Outlet.` / `"quote," Name said.` lines. */
function extract(a: Article): Statement[] {
  return lineStatements(a, (line) => {
    const m = /^"([^"]+)," ([A-Z]\w+) (?:told ([A-Z][\w ]+)|said)\.$/.exec(line)!;
    return { kind: 'direct', quote: m[1]!, speaker: m[2]!, speakerMention: m[2]!, speakerRole: null, outlet: m[3] ?? null, cue: m[3] ? 'told' : 'said' };
  });
}

const WIRE = article('w', '"We will stay out as long as Carrow Bay stays out," Stanchev told Reuters.', null, '2026-10-03T09:00:00Z');
const PAPER = article('m', '"We will stay out as long as Carrow Bay stays out," Stanchev told Reuters.', 'Carrow Bay Mercury', '2026-10-03T15:00:00Z');
const OTHER = article('s', '"We will stay out as long as Carrow Bay stays out," Stanchev said.', 'Wellsborough Star', '2026-10-04T08:00:00Z');
const SINGLE = article('g', '"People should have a bag packed by the door," Benavente told The Associated Press.', 'Lakeshore Gazette', null);

const open: CorpusRuntime[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) await c.close();
});

async function corpus(): Promise<CorpusRuntime> {
  const c = await CorpusRuntime.open({
    store: memoryStore(),
    createIndex: createSearchIndex,
    parseQuery,
    extract,
    load: async () => ({ articles: [], errors: [] }),
    loadDir: async () => ({ articles: [WIRE, PAPER, OTHER, SINGLE], errors: [] }),
  });
  open.push(c);
  await c.syncDataDir('data');
  return c;
}

describe('corroboration names the outlets the words were told to', () => {
  it('counts the papers and the agency: publisher first, then the outlet told', async () => {
    const c = await corpus();
    const top = (await c.search('stay out as long as Carrow Bay stays out', { limit: 3 })).results[0]!;
    expect(top.corroboration.articles).toBe(3);
    expect(top.corroboration.outlets).toEqual(['Reuters', 'Carrow Bay Mercury', 'Wellsborough Star']);
    // The first to publish is the first with a publication date and a publisher: the wire copy has none.
    expect(top.corroboration.firstOutlet).toBeNull();
  });

  it('names both the paper and the agency for a quote in one article, once each', async () => {
    const c = await corpus();
    const top = (await c.search('bag packed by the door', { limit: 3 })).results[0]!;
    expect(top.corroboration).toMatchObject({ articles: 1, outlets: ['Lakeshore Gazette', 'The Associated Press'], firstOutlet: 'Lakeshore Gazette' });
  });
});
