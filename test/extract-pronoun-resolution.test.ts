import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';

// Every sentence here is invented: the shapes come from studying news text, never its words.
const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const run = (...paras: string[]) => extractStatements(article(paras.join('\n'))).filter((s) => s.kind !== 'statement');

describe('"…, he said" after reported words that name someone', () => {
  it('the person named in the reported words is what was spoken about, not the speaker', () => {
    const st = run('Councillor Ed Blake opened the new library on Friday.', '"He has done nothing for us," said Liam Ortiz, a bus driver. Frankly, Blake has never taken a bus, he said.');
    expect(st[1]).toMatchObject({ speaker: 'Liam Ortiz', speakerMention: 'he', quote: expect.stringContaining('Blake has never taken a bus') });
  });

  it('a capitalised word opening the reported words is no antecedent ("Only later, he said")', () => {
    const st = run('Arjun Mehta met the striking porters on Tuesday.', 'Only later, he said, did the managers call back.');
    expect(st[0]).toMatchObject({ speaker: 'Arjun Mehta', speakerMention: 'he' });
  });

  it('a firm in the reported words is not "she"', () => {
    const st = run('"The town will be watching," said Ruth Calder, the depot manager.', 'S&T Freight delivered the new cranes last week, she said, so the quay could reopen.');
    expect(st[1]).toMatchObject({ speaker: 'Ruth Calder', speakerMention: 'she' });
  });

  it('the speaker named before still counts when the reported words name them too', () => {
    const st = run('Priya Nair chaired the hearing on Thursday.', 'Ms. Nair found the evidence thin, she said afterwards.');
    expect(st[0]?.speaker).toBe('Priya Nair');
  });

  it('a pronoun before its reported words still resolves as before', () => {
    const st = run('Mayor Tom Vale toured the docks on Monday.', 'He said Ruth Calder had been right about the crane.');
    expect(st[0]).toMatchObject({ speaker: 'Tom Vale', speakerMention: 'He' });
  });

  it('with no one else to refer to, the paraphrase names its own speaker', () => {
    const st = run('The rivals clashed over school meals.', 'Okafor has drafted a free-lunch motion and will table it at the next council meeting, he said.');
    expect(st[0]).toMatchObject({ speaker: 'Okafor', speakerMention: 'he' });
  });
});

describe('what "he" and "she" cannot mean', () => {
  it('one capitalised word after "the" is a group or a thing, not a person', () => {
    const st = run('Ann Pike coaches the rowing club by the river.', 'Since June, the Kestrels have trained there every morning.', 'The water is filthy, she said.');
    expect(st[0]).toMatchObject({ speaker: 'Ann Pike', speakerMention: 'she' });
  });

  it('a place\'s state abbreviation is no person ("in Dunmore, Pa., Mr. Pike")', () => {
    const st = run('"This is reckless," Ms. Dunn declared on Monday.', 'A week earlier, at a fair in Dunmore, Pa., Mr. Pike sounded just as blunt, insisting that the council wanted higher rents. "Nobody could afford that," he said.');
    expect(st[1]).toMatchObject({ speaker: 'Pike', speakerMention: 'Mr. Pike' });
    expect(st[2]).toMatchObject({ speaker: 'Pike', speakerMention: 'he' });
    expect(run('At a depot in Newport, Ore., Kowalski, in a yellow vest, said the shipment was late.')[0]?.speaker).toBe('Kowalski');
    // (an apposition's place keeps its abbreviation: the person before it still speaks)
    expect(run('Maria Lopes, 47, of Salem, Ore., who runs a bakery, said the road works were ruinous.')[0]?.speaker).toBe('Maria Lopes');
  });

  it('capitalised words after "its", "his", "a" with no first name are a thing, not "she"', () => {
    const st = run('"The tool is new," said Anna Pike, a spokeswoman for the ferry line.', 'The line switched on its Tide Alert service for the first time. "People used it all night," she said.');
    expect(st[1]).toMatchObject({ speaker: 'Anna Pike', speakerMention: 'she' });
  });

  it('places, abbreviations and abstract nouns in the sentence before are not "he"', () => {
    const st = run(
      'Joe Marsh grew up in Leeds. "It was home," he said.',
      'Regulation is now the main worry for builders. "We must adapt," he said.',
      'The N.T.S.B. inspected the bridge last year. "It passed," he said.',
      'In his grandmother\'s Czech Republic, hockey rules every winter. "I skated daily," he said.',
    );
    expect(st.map((s) => s.speaker)).toEqual(['Joe Marsh', 'Joe Marsh', 'Joe Marsh', 'Joe Marsh']);
  });
});

describe('a description opening the sentence', () => {
  it('"The former ambassador toured … with Tom Vale. He said …": the description\'s person is the subject, not the name after it', () => {
    const st = run('"Nobody reads the treaties," said Joe Bloggs, the former ambassador, on Monday.', 'The former ambassador also toured the harbour with Mayor Tom Vale. He said the port would double in size.');
    expect(st[st.length - 1]).toMatchObject({ speaker: 'Joe Bloggs', speakerMention: 'He' });
  });
});

describe('a question and its answer', () => {
  it('the one asked answers, not the asker ("a reporter asked whether …. “…,” he said")', () => {
    const st = run(
      'Mayor Tom Vale was on the radio on Monday, and a reporter asked whether the new car park broke his promise on green space.',
      '"I promised parks, and parks we have," he said.',
    );
    expect(st[st.length - 1]).toMatchObject({ speaker: 'Tom Vale', speakerMention: 'he' });
  });

  it('"He replied" after "A reporter asked" is the one asked', () => {
    const st = run('Tom Vale opened the fair on Monday. A reporter asked whether the rain would spoil it.', 'He replied: "Rain never stopped a Harwich fair."');
    expect(st[st.length - 1]).toMatchObject({ speaker: 'Tom Vale', speakerMention: 'He' });
  });
});

describe('a people or a group is never "he" or "she"', () => {
  it('"Allies insist", "Young Mexicans said", "Some Italians said", "more Filipinos said" are groups', () => {
    const st = run(
      'Tom Vale spoke at the harbour. Allies insist the plan is sound. "It is," he said.',
      'Tom Vale spoke again. Young Mexicans said they felt ignored. "They were," he said.',
      'Tom Vale spoke once more. Some Italians said the tax was unfair. "It is," he said.',
    );
    const quotes = st.filter((s) => s.kind === 'direct');
    expect(quotes.map((s) => s.speaker)).toEqual(['Tom Vale', 'Tom Vale', 'Tom Vale']);
    expect(st.find((s) => s.speakerMention === 'Young Mexicans')?.speaker).toBe('Young Mexicans');
    expect(run('Last month more Filipinos said that the festival mattered. "Imagine it," he said.')[1]).toMatchObject({ speaker: null, speakerMention: 'he' });
  });

  it('surnames that end like plurals are still people', () => {
    const st = run('Senator Ann Sanders met Tom Evans on Monday.', '"We agree," Sanders said.', 'Evans said the talks went well.');
    expect(st.map((s) => s.speaker)).toEqual(['Ann Sanders', 'Tom Evans']);
  });
});

describe('gender from first names', () => {
  it('more first names are known ("Denis", "Wendy"), and "Nancy", "Angela" are women\'s names only', () => {
    expect(run('Nancy Vale met Denis Pike at the depot.', '"It went well," he said.')[0]?.speaker).toBe('Denis Pike');
    expect(run('Denis Pike wrote to Wendy Marsh at noon.', '"The boat is loaded," she wrote.')[0]?.speaker).toBe('Wendy Marsh');
    expect(run('Angela Reed met Troy Pike at the depot.', '"It went well," she said.')[0]?.speaker).toBe('Angela Reed');
  });
});

describe('people introduced by a description, or through someone they work for', () => {
  it('"A retired nurse was fined …. “…,” she wrote" is the nurse, not a name in her sentence', () => {
    const st = run('A retired nurse, meanwhile, was fined in May for blocking a lane used by a Danish driver.', '"I would do it again," she wrote.');
    expect(st[0]).toMatchObject({ speaker: 'A retired nurse', speakerMention: 'she' });
  });

  it('"Vale\'s press officer, Joe Bloggs, went on radio …. He also said …" is the officer, not Vale', () => {
    const st = run('Tom Vale lost the harbour vote on Tuesday.', "Vale's press officer, Joe Bloggs, went on local radio and set out how the vote could be rerun.", 'He also said that a rerun would cost the town very little.');
    expect(st[st.length - 1]).toMatchObject({ speaker: 'Joe Bloggs', speakerMention: 'He' });
  });
});

describe('a group acting as the subject', () => {
  it('"Harbour officials met …. They said …" and "The nurses walked out. They said …" are those groups', () => {
    const st = run('Harbour officials met the unions on Monday.', 'They said the strike would cost millions.', 'The nurses walked out at noon. They said the pay offer was an insult.');
    expect(st.map((s) => s.speaker)).toEqual(['Harbour officials', 'The nurses']);
  });

  it('a singular word opening a headline-like line is no group ("Candidate is …")', () => {
    const st = run('Candidate is expected to need the harbour vote.', '"We will win it," the candidate said.');
    expect(st[0]?.speaker).toBe('the candidate');
  });
});
