import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';

const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const run = (...paras: string[]) => extractStatements(article(paras.join('\n'))).filter((s) => s.kind !== 'statement');

describe('a fronted time or place before the subject and its apposition', () => {
  it('"On Sunday, X, the role, said" names X, not Sunday; "she" then is X', () => {
    const st = run('On Sunday, Ruth Calder, the harbour board chair, called on the council to act.', '"We cannot wait for another storm," she said.');
    expect(st[0]).toMatchObject({ speaker: 'Ruth Calder', speakerMention: 'Ruth Calder, the harbour board chair' });
    expect(st[1]).toMatchObject({ speaker: 'Ruth Calder', speakerMention: 'she' });
  });

  it('"At Place, where …, X, its role, warned" names X', () => {
    const st = run('At the Tarn ferry yard, where a new hull takes two years to build, Tom Pike, its foreman, warned that orders were drying up.', '"We are living on old contracts," he said.');
    expect(st[0]?.speaker).toBe('Tom Pike');
    expect(st[1]).toMatchObject({ speaker: 'Tom Pike', speakerMention: 'he' });
  });

  it('"In March, Mrs. X, the treasurer, proposed" names X', () => {
    const [a] = run('In March, Mrs. Vale, the council treasurer, proposed a toll on the old bridge.');
    expect(a?.speaker).toBe('Vale');
  });

  it('a name after "by" inside the subject segment still speaks ("mocked by X, the secretary, who argued")', () => {
    const [a] = run('The toll was mocked at once by Anna Okafor, the cyclists\' club secretary in Harwich, who argued that it would empty the high street.');
    expect(a?.speaker).toBe('Anna Okafor');
  });
});

describe('a conjunction opening the sentence before a titled name', () => {
  it('"But state Sen. X, a veteran of …, pointed out" names X, not the apposition', () => {
    const st = run('But state Sen. Irene Dobbs, a veteran of the transport panel, pointed out that the last toll had failed.', '"Drivers simply went round it," she said.');
    expect(st[0]).toMatchObject({ speaker: 'Irene Dobbs' });
    expect(st[1]).toMatchObject({ speaker: 'Irene Dobbs', speakerMention: 'she' });
  });

  it('a lone sentence adverb stays out of the name ("However, X, the lawyer, said")', () => {
    const [a] = run('However, Ola Brennan, the ferry company\'s lawyer, said in a letter that the timetable was lawful.');
    expect(a?.speaker).toBe('Ola Brennan');
  });
});
