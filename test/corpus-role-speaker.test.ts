import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '../src/domain/article.js';
import type { Statement } from '../src/domain/statement.js';
import { CorpusRuntime } from '../src/corpus/runtime.js';
import { createSearchIndex, parseQuery } from '../src/search/index.js';
import { memoryStore } from './helpers/memory-store.js';
import { lineStatements } from './helpers/line-statements.js';

// QA 8: one article names the mayor ("Adaeze Okonkwo-Hale", role "Northmere's mayor"), another
// only describes her ("Northmere's mayor said …"). The same words were shown as a conflict,
// "also attributed to Northmere's mayor", and not counted.
function article(id: string, text: string, outlet: string | null): Article {
  return { id, title: `Article ${id}`, outlet, url: `https://example.com/${id}`, published: null, author: null, text, source: `${id}.txt`, contentHash: `${id}:${text}` };
}

/** Stand-in extractor: `"quote," said SPEAKER[ | ROLE].` lines. */
function extract(a: Article): Statement[] {
  return lineStatements(a, (line) => {
    const m = /^"([^"]+)," said ([^|.]+?)(?: \| ([^.]+))?\.$/.exec(line)!;
    return { kind: 'direct', quote: m[1]!, speaker: m[2]!, speakerMention: m[2]!, speakerRole: m[3] ?? null, outlet: null, cue: 'said' };
  });
}

const QUOTE = 'We inherited a contract that would have bankrupted this city';
const NAMED = article('n', `"${QUOTE}," said Adaeze Okonkwo-Hale | Northmere's mayor.`, 'Northmere Evening Post');
const DESCRIBED = article('d', `"${QUOTE}," said Northmere's mayor.`, 'Castlegate Chronicle');
const SOMEONE_ELSE = article('e', `"${QUOTE}," said Fergus Trelawney | opposition leader.`, 'Northmere Gazette');

const open: CorpusRuntime[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) await c.close();
});

async function corpus(articles: Article[]): Promise<CorpusRuntime> {
  const c = await CorpusRuntime.open({
    store: memoryStore(),
    createIndex: createSearchIndex,
    parseQuery,
    extract,
    load: async () => ({ articles: [], errors: [] }),
    loadDir: async () => ({ articles, errors: [] }),
  });
  open.push(c);
  await c.syncDataDir('data');
  return c;
}

describe('a speaker described by their role corroborates the named speaker', () => {
  it('shows the quote under the name, not the description', async () => {
    const c = await corpus([DESCRIBED, NAMED]);
    const results = (await c.search('inherited a contract bankrupted', { limit: 5 })).results;
    expect(results.map((r) => r.statement.speaker)).toEqual(['Adaeze Okonkwo-Hale']);
  });

  it('counts the article that describes her, from either side, and flags no conflict', async () => {
    const c = await corpus([NAMED, DESCRIBED]);
    const results = (await c.search('inherited a contract bankrupted', { limit: 5 })).results;
    for (const r of results) {
      expect(r.corroboration.articles).toBe(2);
      expect(r.corroboration.otherSpeakers).toBeUndefined();
    }
  });

  it('still flags someone else with another role', async () => {
    const c = await corpus([NAMED, DESCRIBED, SOMEONE_ELSE]);
    const results = (await c.search('inherited a contract bankrupted', { limit: 5 })).results;
    // One result for the quote, shown under the mayor's name rather than her description.
    expect(results).toHaveLength(1);
    const top = results[0]!;
    expect(top.statement.speaker).toBe('Adaeze Okonkwo-Hale');
    expect(top.corroboration.articles).toBe(2);
    expect(top.corroboration.otherSpeakers).toEqual([{ speaker: 'Fergus Trelawney', articles: 1, outlets: ['Northmere Gazette'] }]);
  });
});
