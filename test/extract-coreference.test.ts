import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';

const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const run = (...paras: string[]) => extractStatements(article(paras.join('\n'))).filter((s) => s.kind !== 'statement');

describe('coreference', () => {
  it('resolves "he said" to the earlier full name', () => {
    const st = run('Senator Paul Rivera visited the flooded town on Monday.', '"This should never happen again," he said.');
    expect(st[0]).toMatchObject({ speaker: 'Paul Rivera', speakerMention: 'he' });
  });

  it('resolves by gender', () => {
    const st = run('Ms. Jane Okafor met Mr. Tim Walsh at the depot.', '"The trains are late every day," she said.');
    expect(st[0]?.speaker).toBe('Jane Okafor');
  });

  it('resolves a description to the entity it describes', () => {
    const st = run('A senior police officer told the Gazette the patrols would double.', '"We cannot wait any longer," the officer said.');
    expect(st[1]).toMatchObject({ speaker: 'A senior police officer', speakerMention: 'the officer' });
  });

  it('matches a description by its modifiers', () => {
    const st = run(
      '"The files were moved," a city official familiar with the audit told the Herald.',
      '"Nothing was lost," a former state official said.',
      '"It was chaos," the city official said.',
    );
    expect(st[2]?.speaker).toBe('a city official familiar with the audit');
  });

  it('gives a bare surname the full name used before', () => {
    const st = run('Governor Ana Ruiz signed the bill.', '"It is a good day," Ruiz said.');
    expect(st[0]?.speaker).toBe('Ana Ruiz');
  });

  it('does not resolve a pronoun to someone the quote names in the third person', () => {
    const st = run('Mayor Tom Berry spoke at noon.', '"Tom Berry has failed this city," he said.');
    expect(st[0]?.speaker).toBeNull();
  });

  it('leaves a pronoun unresolved when nothing earlier agrees with it', () => {
    const st = run('"We will appeal," she said.');
    expect(st[0]).toMatchObject({ speaker: null, speakerMention: 'she' });
  });
});

describe('salience', () => {
  it('does not take a name modifying a role for the subject', () => {
    const st = run('Ortiz spokesman Dan Lee declined to give a date.', '"We will announce it soon," he said.');
    expect(st[0]?.speaker).toBe('Dan Lee');
  });

  it('follows a chain of pronoun subjects', () => {
    const st = run('Governor Ana Ruiz toured the plant.', 'She thanked the workers after her talk with Sara Kim.', '"This plant is the future," she said.');
    expect(st[0]?.speaker).toBe('Ana Ruiz');
  });

  it('never resolves "she" or "he" to a plural group: agreement in number, unknown beats wrong', () => {
    const a = run('Reviewers said the audit was thorough. The ledger ran to four volumes.', '"I stand by it," she said.');
    expect(a[0]).toMatchObject({ speaker: 'Reviewers' });
    expect(a[1]).toMatchObject({ speakerMention: 'she', speaker: null });
    const b = run('"We kept every record," Treasurer Helen Marsh told the council on Tuesday.', 'Critics said the figures were wrong. The hearing lasted an hour.', '"I reject that," she said.');
    expect(b[2]).toMatchObject({ speakerMention: 'she', speaker: 'Helen Marsh' });
  });

  it('"they" may refer to a plural group', () => {
    const st = run('Inspectors said the bridge was unsafe.', '"We closed it at once," they said.');
    expect(st[1]).toMatchObject({ speakerMention: 'they', speaker: 'Inspectors' });
  });
});

describe('pronoun salience and entity names', () => {
  const run2 = (...paras: string[]) => extractStatements({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text: paras.join('\n'), source: 't', contentHash: 'h' }).filter((s) => s.kind !== 'statement');

  it('a contracted pronoun subject ("She’s …") is the pronoun, not a name', () => {
    const st = run2('Mattie Thomas, 66, is a retired cook. She’s a supporter but concedes that most of her friends love the mayor.', '"They have a soft spot for her," she said.');
    expect(st.map((s) => s.speaker)).toEqual(['Mattie Thomas', 'Mattie Thomas']);
  });

  it('a convention or conference is an organisation, never "she"', () => {
    const st = run2('At the Harbour Party National Convention in July, Jo Reed strode across the stage.', '"Policies that help families should not be novelties," she said.');
    expect(st[0]?.speaker).toBe('Jo Reed');
  });

  it('a subject pronoun after an introductory phrase keeps its referent salient', () => {
    const st = run2('Christyn Gionfriddo is in debt. At 29, she lives in her old bedroom, walls covered with the same Dirty Dancing posters.', '"Who wants to live at home at 29?" she said.');
    expect(st[0]?.speaker).toBe('Christyn Gionfriddo');
  });
});

describe('a bare surname', () => {
  const run3 = (...paras: string[]) => extractStatements({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text: paras.join('\n'), source: 't', contentHash: 'h' }).filter((s) => s.kind !== 'statement');

  it('means the most-named person of that surname, not the last one named', () => {
    const st = run3('Tom Pike said he would run. Pike has led the harbour board for years.', 'Opponents attacked his wife, Jo Pike, and his father, Sam Pike.', '"They attacked my family," Pike said in July.', '"That was the day this became personal," he said.');
    expect(st.map((s) => s.speaker)).toEqual(['Tom Pike', 'Tom Pike', 'Tom Pike']);
  });
});
