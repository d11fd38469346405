import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';
import { statedGender } from '../src/extract/mentions.js';

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

  it('shared by two people named as often as each other, stays the bare surname (QA6b B2): never one of them by guess', () => {
    const st = run3('Jo Reed runs the harbour. Tom Reed covers it for the Guardian.', 'Boats stayed in port on Tuesday.', '"Nobody is going out until the survey is done," Reed said.');
    expect(st[0]).toMatchObject({ speaker: 'Reed', speakerMention: 'Reed' });
  });

  it('is the one of them who spoke in the sentence before', () => {
    const st = run3('Tom Reed writes for the Guardian.', 'Boats stayed in port on Tuesday.', '"The harbour stays shut," said Jo Reed, the harbour master.', '"Nobody is going out until the survey is done," Reed added.');
    expect(st.map((s) => s.speaker)).toEqual(['Jo Reed', 'Jo Reed']);
  });

  it('"Tom and Rosa Reed" names two people: "Mr. Reed" is Tom Reed', () => {
    const st = run3('Tom and Rosa Reed run the shop on the quay.', '"We will stay open," Mr. Reed said.');
    expect(st[0]).toMatchObject({ speaker: 'Tom Reed' });
  });
});

describe('who "she" and "the engineer" are (QA6b C4)', () => {
  const run4 = (...paras: string[]) => extractStatements({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text: paras.join('\n'), source: 't', contentHash: 'h' }).filter((s) => s.kind !== 'statement');

  it('the subject acts: a name inside a fronted clause ("Asked about Vale’s warning, Pike …") is not what "she" refers to', () => {
    const st = run4('Mayor Ann Pike and engineer Rosa Vale walked the sea wall on Monday.', 'Vale said the wall was failing.', 'Asked about Vale’s warning, Pike smiled.', '"She is entitled to her view," she said.');
    expect(st[1]).toMatchObject({ speakerMention: 'she', speaker: 'Ann Pike' });
    const after = run4('Ann Pike and Rosa Vale met at the depot.', 'After meeting Vale on Monday, Pike went home early.', '"It was a long day," she said.');
    expect(after[0]).toMatchObject({ speakerMention: 'she', speaker: 'Ann Pike' });
    // but a possessor opening the sentence is its topic, and "Pike’s been" is no possessive
    const topic = run4('Tom Pike’s quarrel with the board was aimed at Dan Vale.', '"I have nothing against him," he said.');
    expect(topic[0]).toMatchObject({ speakerMention: 'he', speaker: 'Tom Pike' });
    const contraction = run4('Tom Pike and Dan Vale debated on Friday.', 'Pike’s been making the case for weeks that Vale is not ready.', '"You have never run anything," he said.');
    expect(contraction[0]).toMatchObject({ speakerMention: 'he', speaker: 'Tom Pike' });
  });

  it('"a former engineer" is not "the engineer"; "engineer Rosa Vale" is', () => {
    const st = run4(
      'Mayor Ann Pike and engineer Rosa Vale walked the sea wall on Monday.',
      'Pike, a former engineer herself, said she trusted the survey.',
      'Vale and Pike spoke again on Tuesday. "I still think she is wrong," the engineer said.',
    );
    expect(st[1]).toMatchObject({ speakerMention: 'the engineer', speaker: 'Rosa Vale' });
    // the role shown is the one of the person it is shown for (not Pike's "Mayor")
    expect(st[1]?.speakerRole).not.toBe('Mayor');
    // with no engineer in the article, the description stays as written
    const none = run4('Ann Pike, a former engineer, said the wall was sound.', '"It will hold," the engineer said.');
    expect(none[1]).toMatchObject({ speakerMention: 'the engineer', speaker: 'the engineer', speakerRole: null });
    // "the former engineer" may still be her
    const former = run4('Ann Pike, a former engineer, said the wall was sound.', '"It will hold," the former engineer said.');
    expect(former[1]).toMatchObject({ speaker: 'Ann Pike' });
  });

  it('a description that fits two people of the sentence names neither', () => {
    const st = run4('Rosa Vale, an engineer, said the wall was weak.', 'Ann Pike, an engineer, said it was sound.', 'Vale and Pike met again on Tuesday. "I still think she is wrong," the engineer said.');
    expect(st[2]).toMatchObject({ speakerMention: 'the engineer', speaker: 'the engineer' });
    // one of them alone in the sentence is meant
    const one = run4('Rosa Vale, an engineer, said the wall was weak.', 'Ann Pike, an engineer, said it was sound.', 'Vale walked the wall again on Tuesday. "I still think she is wrong," the engineer said.');
    expect(one[2]).toMatchObject({ speaker: 'Rosa Vale' });
  });

  it('"Mr." says the gender a first name only suggests; an honorific elsewhere in the phrase is someone else’s', () => {
    const st = run4('Senator Lindsey Moss spoke on Sunday.', 'Ann Pike was not there.', 'Mr. Moss said the plan had failed. "It is over," he said.');
    expect(st.map((s) => s.speaker)).toEqual(['Lindsey Moss', 'Lindsey Moss']);
    const spokesman = run4('Tom Reed, a spokesman for Mrs. Vale, said the shop would stay open.', '"We will announce it soon," he added.');
    expect(spokesman.map((s) => s.speaker)).toEqual(['Tom Reed', 'Tom Reed']);
  });

  it('reads the gender an honorific states only from the honorific before the name', () => {
    expect(statedGender('Mr. Moss', 'Moss')).toBe('m');
    expect(statedGender('Mrs. Ann Vale', 'Ann Vale')).toBe('f');
    expect(statedGender('Nick Reed, a spokesman for Mrs. Vale', 'Nick Reed')).toBeNull();
    expect(statedGender('Lindsey Moss', 'Lindsey Moss')).toBeNull();
  });

  it('a lone surname that is also a first name says nothing of gender ("Warren said … she said")', () => {
    const st = run4('Warren grilled the bank chief, John Stumpf, on Tuesday.', 'Senator Elizabeth Warren did not let go.', '"This just is not right," Warren said. "You squeezed your staff," she said.');
    expect(st.map((s) => s.speaker)).toEqual(['Elizabeth Warren', 'Elizabeth Warren']);
  });

  it('"Mrs. Vale" is the Vale of her gender', () => {
    const st = run4('Tom Vale and his wife, Ann Vale, run the shop.', '"We will stay open," Mrs. Vale said.', '"We always have," Mr. Vale said.');
    expect(st.map((s) => s.speaker)).toEqual(['Ann Vale', 'Tom Vale']);
  });
});
