import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';

// Invented articles for QA 8's extraction findings (fictional people, places and outlets).
const article = (outlet: string | null, ...paras: string[]): Article => ({
  id: 'q8', title: 'Harbour news', outlet, url: null, published: null, author: null, text: paras.join('\n'), source: 'q8', contentHash: 'h',
});

describe('"X said, adding that …" (QA 8)', () => {
  it('reports both the clause before the attribution and the added one, with the whole role', () => {
    const s = extractStatements(article('Reuters', 'WELLSBOROUGH (Reuters) - Dock workers extended their strike on Monday, union leader Grigor Stanchev said, adding that talks had failed.'));
    expect(s.map((x) => [x.speaker, x.quote, x.speakerRole])).toEqual([
      ['Grigor Stanchev', 'Dock workers extended their strike on Monday', 'union leader'],
      ['Grigor Stanchev', 'talks had failed', 'union leader'],
    ]);
  });

  it('keeps the role whole when the name opens the sentence or follows "and"', () => {
    const s = extractStatements(article(null, 'Union leader Ines Mbatha said the channel was clear.', 'The ferry sailed at noon, and union leader Ines Mbatha said the channel was clear.'));
    expect(s.map((x) => x.speakerRole)).toEqual(['Union leader', 'union leader']);
  });
});

describe("the article's own outlet and its short forms (QA 8 E3, E8)", () => {
  it('"told the Star" in the Wellsborough Star is the Wellsborough Star', () => {
    const s = extractStatements(article('Wellsborough Star', 'Grigor Stanchev leads the dockers.', '"We will not move," he told the Star on Friday.'));
    expect(s.find((x) => x.quote === 'We will not move')?.outlet).toBe('Wellsborough Star');
  });

  it('an outlet the list does not know is one when it is the article\'s own', () => {
    const s = extractStatements(article('Meridian Wire', 'Grigor Stanchev leads the dockers.', 'The talks have failed, Stanchev told Meridian Wire.'));
    expect(s.find((x) => x.quote === 'The talks have failed')).toMatchObject({ speaker: 'Grigor Stanchev', outlet: 'Meridian Wire' });
    const own = extractStatements(article('Tidewater Record', 'Grigor Stanchev leads the dockers.', 'The talks have failed, Stanchev told Tidewater Record.'));
    expect(own.find((x) => x.quote === 'The talks have failed')?.outlet).toBe('Tidewater Record');
    // (another article's "Tidewater Record", without its "the", is no outlet the extractor knows)
    expect(extractStatements(article('Reuters', 'Grigor Stanchev leads the dockers.', 'The talks have failed, Stanchev told Tidewater Record.')).find((x) => x.quote === 'The talks have failed')?.outlet ?? null).toBeNull();
  });

  it('the outlet named in the sentence wins over the one the speaker talked to before', () => {
    const paras = ['"We will stay out as long as Carrow Bay stays out," Grigor Stanchev, regional secretary of the dockers, told Reuters.', 'Speaking to the Mercury later, Mr Stanchev said: "The automation plan is a jobs massacre."'];
    expect(extractStatements(article('Carrow Bay Mercury', ...paras)).find((x) => x.quote?.startsWith('The automation plan'))?.outlet).toBe('Carrow Bay Mercury');
    // (a newspaper not the article's own is still a newspaper by its name: "the Mercury")
    expect(extractStatements(article('Reuters', ...paras)).find((x) => x.quote?.startsWith('The automation plan'))?.outlet).toBe('The Mercury');
  });
});

describe('a title glued to a name (QA 8 E10)', () => {
  it('an occupation noun before a full name is the role, the name the speaker', () => {
    const s = extractStatements(article(null, 'Harbourmaster Catriona Vaswani said the pier was stronger than ever.', 'Volcanologist Tomasz Wierzbicki of the island institute said the crater was quiet.', 'Vaswani later said the divers had worked all winter.'));
    expect(s.map((x) => x.speaker)).toEqual(['Catriona Vaswani', 'Tomasz Wierzbicki', 'Catriona Vaswani']);
    expect(s[0]!.speakerRole).toBe('Harbourmaster');
    expect(s[1]!.speakerRole).toContain('Volcanologist');
  });

  it('leaves first names and firms alone', () => {
    const s = extractStatements(article(null, 'Christopher Robin Milne said the pier was stronger than ever.', 'Pellinger Brothers Fund said the pier was sold.'));
    expect(s.map((x) => x.speaker)).toEqual(['Christopher Robin Milne', 'Pellinger Brothers Fund']);
  });
});

describe('op-eds: the author is "I" (QA 8 E2)', () => {
  const OPED = [
    'For six years I told anyone who would listen that the Marrow bypass would ruin the valley.',
    'I was wrong. The bypass has given the town its air back.',
    'When the road opened, my neighbour, Gerda Lindqvist, stopped me in the street. "You owe us an apology," she said.',
  ];
  const oped = (author: string | null): Article => ({ ...article('Marrow Herald', ...OPED), author });

  it('"told anyone who would listen that X" reports X, not the hearer', () => {
    const s = extractStatements(oped(null)).find((x) => x.cue === 'told');
    expect(s?.quote).toBe('the Marrow bypass would ruin the valley');
  });

  it("gives the writer's reported words to the known author", () => {
    const s = extractStatements(oped('Cllr Benedikt Aurlanger'));
    expect(s.find((x) => x.cue === 'told')?.speaker).toBe('Benedikt Aurlanger');
    // (quoted people keep their words)
    expect(s.find((x) => x.quote === 'You owe us an apology')?.speaker).toBe('Gerda Lindqvist');
    // (without an author, "I" stays unresolved)
    expect(extractStatements(oped(null)).find((x) => x.cue === 'told')?.speaker ?? null).toBeNull();
  });

  it('"I said it at public meetings that X" reports X, the author\'s', () => {
    const s = extractStatements({ ...article('Marrow Herald', 'I said it at public meetings that the bypass would ruin the valley.', 'I was wrong.', 'Ann Reed said it in a way that made people laugh.'), author: 'Benedikt Aurlanger' });
    expect(s.filter((x) => x.kind !== 'statement').map((x) => [x.speaker, x.quote])).toEqual([['Benedikt Aurlanger', 'the bypass would ruin the valley']]);
  });

  it('leaves a single "I" in a news story alone', () => {
    // (one first-person sentence outside quote marks may be a quote whose marks were lost)
    const s = extractStatements({ ...article('Marrow Herald', 'The farmer Hamish Kell spoke at the meeting.', 'I told anyone who would listen that the bypass would ruin the valley.', 'The bypass opened in May.'), author: 'Ann Reed' });
    expect(s.find((x) => x.cue === 'told')?.speaker ?? null).toBeNull();
  });
});

describe('roles (QA 8 E5)', () => {
  it('"managing director" before a name in apposition is the role', () => {
    const s = extractStatements(article(null, "The ferry company's managing director, Beatrix Fallon-Moore, said the route would close."));
    expect(s[0]).toMatchObject({ speaker: 'Beatrix Fallon-Moore', speakerRole: expect.stringContaining('managing director') });
  });

  it('a circumstance after the role is no part of it', () => {
    const s = extractStatements(article(null, 'The pier is unsafe, said Ottilie Brandvold, an inspector, in testimony on Monday.'));
    expect(s[0]).toMatchObject({ speaker: 'Ottilie Brandvold', speakerRole: 'inspector' });
  });
});

describe('a second quote after what the speaker did next (QA 8 E6)', () => {
  it('keeps the original and the translation apart, both the speaker\'s', () => {
    const s = extractStatements(article(null, '„Das Wasser gehört uns allen", said Jürgen Weißmüller-Öztürk, mayor of Ybbs, before translating: "The water belongs to all of us."'));
    expect(s.map((x) => [x.quote, x.speaker, x.speakerRole])).toEqual([
      ['Das Wasser gehört uns allen', 'Jürgen Weißmüller-Öztürk', 'mayor of Ybbs'],
      ['The water belongs to all of us.', 'Jürgen Weißmüller-Öztürk', 'mayor of Ybbs'],
    ]);
  });
});

describe('a name with its transliteration (QA 8 E5)', () => {
  it('after the quote, parenthesis closed, is one person under the Latin name', () => {
    const s = extractStatements(article(null, '"Ни одна капля не будет потеряна," said Ukrainian engineer Олена Коваленко (Olena Kovalenko).', '"Not one drop will be lost," said Rep. Ann Velde (D-Ore.).'));
    expect(s.map((x) => [x.speaker, x.speakerRole])).toEqual([['Olena Kovalenko', 'Ukrainian engineer'], ['Ann Velde', 'Rep., D-Ore.']]);
    expect(s[0]!.speakerMention).toBe('Ukrainian engineer Олена Коваленко (Olena Kovalenko)');
  });

  it('is one person under the Latin name the article goes on to use, and the transliteration is no role', () => {
    const s = extractStatements(article(null, 'Ukrainian engineer Олена Коваленко (Olena Kovalenko) said the dam would hold.', 'Kovalenko said the water was rising.'));
    expect(s.map((x) => [x.speaker, x.speakerRole])).toEqual([
      ['Olena Kovalenko', 'Ukrainian engineer'],
      ['Olena Kovalenko', 'Ukrainian engineer'],
    ]);
  });
});

describe('stations and wires by their names (QA 8 E3, E8)', () => {
  it('a station named in the sentence is the outlet, not the one the speaker told before', () => {
    const s = extractStatements(article('Reuters', '"We will stay out," Grigor Stanchev told Reuters.', 'Speaking to Harbour Radio later, Mr Stanchev said: "The plan is a jobs massacre."', '"It is over," Stanchev told Skerry FM.'));
    expect(s.map((x) => x.outlet)).toEqual(['Reuters', 'Harbour Radio', 'Skerry FM']);
  });

  it('"told Polar Wire" names a wire service, and the occupation before the name is the role', () => {
    const s = extractStatements(article('Lakeshore Gazette', 'The glacier retreated 900 metres, glaciologist Aputsiaq Lindqvist-Olsen told Polar Wire.'));
    expect(s[0]).toMatchObject({ speaker: 'Aputsiaq Lindqvist-Olsen', speakerRole: 'glaciologist', outlet: 'Polar Wire', quote: 'The glacier retreated 900 metres' });
  });
});

describe('a possessor before a body\'s name (QA 8 E5)', () => {
  it('is no role of the body; a paper before a reporter\'s name still is', () => {
    const s = extractStatements(article(null, "Britain's Marlow Bank said rates would rise.", "The Gazette's Tom Pike said rates would fall."));
    expect(s.map((x) => [x.speaker, x.speakerRole])).toEqual([['Marlow Bank', null], ['Tom Pike', 'The Gazette']]);
  });
});
