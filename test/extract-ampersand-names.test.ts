import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';
import { parseMention } from '../src/extract/names.js';

const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const run = (...paras: string[]) => extractStatements(article(paras.join('\n'))).filter((s) => s.kind !== 'statement');

describe('"&" in speaker names', () => {
  it('two people joined by "&" speak together, as with "and"', () => {
    const [a] = run('Ruth Calder & Bob Quill said the bridge would close in May.');
    expect(a).toMatchObject({ speaker: 'Ruth Calder & Bob Quill', speakerRole: null, quote: 'the bridge would close in May' });
    const [b] = run('"We will fight this," Ruth Calder & Bob Quill said in a joint statement.');
    expect(b).toMatchObject({ kind: 'direct', speaker: 'Ruth Calder & Bob Quill' });
    const [c] = run('"We agree," said Mayor Ruth Calder & Councillor Bob Quill.');
    expect(c?.speaker).toBe('Mayor Ruth Calder & Councillor Bob Quill');
    expect(run('Tom & Rosa Reed said the farm was sold.')[0]?.speaker).toBe('Tom & Rosa Reed');
  });

  it('a pair is plural: "they" refers to both', () => {
    const st = run('Ruth Calder & Bob Quill said the bridge would close. They added that the ferry would keep running.');
    expect(st[1]).toMatchObject({ speaker: 'Ruth Calder & Bob Quill', speakerMention: 'They' });
  });

  it('"&" between names that are not both a person\'s is one organisation', () => {
    expect(run('Procter & Gamble said its quarterly profits rose.')[0]).toMatchObject({ speaker: 'Procter & Gamble', speakerRole: null });
    expect(run('"Sales are up," said Johnson & Johnson.')[0]?.speaker).toBe('Johnson & Johnson');
    expect(run('Marks & Spencer said food sales fell.')[0]?.speaker).toBe('Marks & Spencer');
    expect(run('AT&T said the outage was fixed overnight.')[0]?.speaker).toBe('AT&T');
    expect(run('"No comment," said Marks & Spencer, the retailer.')[0]).toMatchObject({ speaker: 'Marks & Spencer', speakerRole: 'the retailer' });
    expect(parseMention('Barnes & Noble Inc.')).toMatchObject({ kind: 'org', name: 'Barnes & Noble Inc.' });
  });

  it('a firm joined by "&" is "it", never a person "he" could mean', () => {
    const st = run('Procter & Gamble said profits rose. It added that the plant would stay open.', '"We are pleased," he said.');
    expect(st[1]).toMatchObject({ speaker: 'Procter & Gamble', speakerMention: 'It' });
    expect(st[2]).toMatchObject({ speaker: null, speakerMention: 'he' });
  });

  it('a firm\'s name inside a description stays the description', () => {
    expect(run('A Procter & Gamble spokesman said the plant would stay open.')[0]?.speaker).toBe('A Procter & Gamble spokesman');
  });
});
