import { describe, expect, it } from 'vitest';
import { rankResults } from '../src/search/index.js';
import type { IndexedStatement, SearchHit } from '../src/search/types.js';

function statement(id: string, kind: IndexedStatement['kind'], clusterId = id, quote = 'the quay stays shut'): IndexedStatement {
  return {
    id,
    articleId: id.split(':')[0]!,
    clusterId,
    kind,
    quote: kind === 'statement' ? null : quote,
    text: 't',
    speaker: null,
    speakerAliases: [],
    outlet: null,
    articleTitle: 'x',
    articleOutlet: null,
  };
}

const hit = (id: string, score: number): SearchHit => ({ id, score, highlights: [] });

describe('rankResults', () => {
  const statements = new Map<string, IndexedStatement>(
    [
      statement('a:1', 'indirect'),
      statement('b:1', 'direct'),
      statement('c:1', 'direct', 'big'),
      statement('d:1', 'indirect', 'big'),
      statement('e:1', 'statement'),
      statement('f:1', 'direct', 'big'),
    ].map((s) => [s.id, s]),
  );
  const sizes = new Map([['big', 3]]);
  const ctx = { statement: (id: string) => statements.get(id), clusterSize: (c: string) => sizes.get(c) ?? 1 };

  it('a quoted fragment of a word or two comes after whole quotes and reported clauses, when relevance does not decide (QA 5)', () => {
    const more = new Map(statements);
    more.set('g:1', statement('g:1', 'direct', 'g:1', 'agonising'));
    const c = { ...ctx, statement: (id: string) => more.get(id) };
    const ranked = rankResults([hit('g:1', 0.3), hit('a:1', 0.3), hit('b:1', 0.3), hit('e:1', 0.3)], c);
    expect(ranked.map((r) => r.hit.id)).toEqual(['b:1', 'a:1', 'g:1', 'e:1']);
    // Relevance still comes first.
    expect(rankResults([hit('g:1', 0.1), hit('b:1', 0.3)], c).map((r) => r.hit.id)).toEqual(['g:1', 'b:1']);
  });

  it('puts relevance first', () => {
    const ranked = rankResults([hit('b:1', 0.5), hit('a:1', 0.1)], ctx);
    expect(ranked.map((r) => r.hit.id)).toEqual(['a:1', 'b:1']);
  });

  it('puts direct quotes before reported speech when equally relevant, then bigger clusters', () => {
    const ranked = rankResults([hit('e:1', 0.301), hit('a:1', 0.3), hit('b:1', 0.305), hit('c:1', 0.309)], ctx);
    expect(ranked.map((r) => r.hit.id)).toEqual(['c:1', 'b:1', 'a:1', 'e:1']);
    expect(ranked[0]!.clusterSize).toBe(3);
    expect(ranked[1]!.clusterSize).toBe(1);
  });

  it('groups a quote cluster into one result, shown by its best member', () => {
    const ranked = rankResults([hit('d:1', 0.2), hit('a:1', 0.25), hit('f:1', 0.201), hit('c:1', 0.6)], ctx);
    expect(ranked.map((r) => r.hit.id)).toEqual(['f:1', 'a:1']);
    expect(ranked[0]!.members.map((m) => m.id)).toEqual(['d:1', 'f:1', 'c:1']);
    expect(ranked[0]!.clusterSize).toBe(3);
  });

  it('drops hits whose statement is unknown', () => {
    expect(rankResults([hit('zz:1', 0.1)], ctx)).toEqual([]);
  });
});
