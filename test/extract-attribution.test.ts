import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';

const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const run = (...paras: string[]) => extractStatements(article(paras.join('\n')));

describe('attribution', () => {
  it('finds the speaker after the quote, before it, and inverted', () => {
    const [a] = run('"The roof leaks," Maria Lopez said.');
    const [b] = run('Maria Lopez said: "The roof leaks."');
    const [c] = run('"The roof leaks," said Maria Lopez.');
    for (const s of [a, b, c]) {
      expect(s).toMatchObject({ kind: 'direct', speaker: 'Maria Lopez', cue: 'said' });
      expect(s?.quote).toMatch(/^The roof leaks\.?$/);
    }
  });

  it('separates a title from the name', () => {
    const [s] = run('"We are ready," Fire Commissioner Ray Hollis said.');
    expect(s).toMatchObject({ speaker: 'Ray Hollis', speakerRole: 'Fire Commissioner', speakerMention: 'Fire Commissioner Ray Hollis' });
  });

  it('separates an apposition from the name', () => {
    const [s] = run('"We are ready," Ray Hollis, the fire commissioner who led the drill, said.');
    expect(s).toMatchObject({ speaker: 'Ray Hollis', speakerRole: 'fire commissioner', speakerMention: 'Ray Hollis, the fire commissioner who led the drill' });
  });

  it('a description before the name, set off by commas, with any role noun', () => {
    for (const role of ['mayor', 'harbourmaster', 'lighthouse keeper']) {
      const [s] = run(`"The tide is late," the ${role}, Tom Pike, said.`);
      expect(s, role).toMatchObject({ kind: 'direct', speaker: 'Tom Pike', speakerRole: role });
    }
    const [b] = run('"The tide is late," said the harbourmaster, Tom Pike.');
    expect(b).toMatchObject({ speaker: 'Tom Pike', speakerRole: 'harbourmaster' });
    const [c] = run('The harbourmaster, Tom Pike, said the tide was late.');
    expect(c).toMatchObject({ kind: 'indirect', speaker: 'Tom Pike', speakerRole: 'harbourmaster' });
  });

  it('keeps a coordinated description whole: "current and former officials"', () => {
    for (const text of [
      '"The dam held," current and former county engineers said.',
      'The dam held, current and former county engineers said.',
      'But current and former county engineers said the dam held.',
      'Current and former county engineers said the dam held.',
    ]) {
      expect(run(text)[0]?.speaker?.toLowerCase(), text).toBe('current and former county engineers');
    }
    expect(run('State and federal inspectors said the dam held.')[0]?.speaker).toBe('State and federal inspectors');
  });

  it('a title outside the role list before a first name and surname', () => {
    const [s] = run('"The tide is late," Harbourmaster Tom Pike said.');
    expect(s).toMatchObject({ speaker: 'Tom Pike', speakerRole: 'Harbourmaster' });
  });

  it('a description with a description in apposition', () => {
    const [s] = run('"The tide is late," the harbourmaster, a former sailor, said.');
    expect(s).toMatchObject({ speaker: 'the harbourmaster', speakerRole: 'former sailor' });
  });

  it('one role for one speaker: no article, no relative clause', () => {
    const [a] = run('"We acted properly," Ray Hollis, the fire commissioner who led the drill, said.');
    const [b] = run('"We acted properly," said Ray Hollis, a fire commissioner.');
    expect(a?.speakerRole).toBe('fire commissioner');
    expect(b?.speakerRole).toBe('fire commissioner');
  });

  it('keeps a party tag in parentheses out of the name', () => {
    const [s] = run('"Vote no," Rep. Carla Dunn (D-Ore.) said.');
    expect(s?.speaker).toBe('Carla Dunn');
    expect(s?.speakerRole).toContain('D-Ore.');
  });

  it('marks reported speech with quoted fragments as mixed', () => {
    const [s] = run('The coach said the team played "like strangers" all night.');
    expect(s).toMatchObject({ kind: 'mixed', speaker: 'The coach', quote: 'the team played "like strangers" all night' });
  });

  it('attributes a quote signed with a dash', () => {
    const [s] = run('"The best teacher I ever had." - Lena Park');
    expect(s).toMatchObject({ kind: 'direct', speaker: 'Lena Park' });
  });

  it('gives the words after "said in a statement:" to the speaker, even without quote marks', () => {
    const st = run('The union said in a statement:', 'Our members will not return until the contract is signed.');
    expect(st[1]).toMatchObject({ kind: 'direct', speaker: 'The union' });
  });

  it('gives a tweet set off after "tweeted:" to the one who tweeted, sentence by sentence', () => {
    const st = run('Governor Ana Ruiz tweeted:', 'The bridge opens Monday. Thank you all!', 'Traffic was light on Monday.');
    expect(st.slice(1).map((s) => [s.kind, s.speaker])).toEqual([
      ['direct', 'Ana Ruiz'],
      ['direct', 'Ana Ruiz'],
      ['statement', null],
    ]);
  });

  it('leaves the speaker unknown when the text never says who spoke', () => {
    const [s] = run('"Nobody knows what happens next."');
    expect(s).toMatchObject({ kind: 'direct', speaker: null });
  });

  it('treats a plain sentence as a statement', () => {
    const [s] = run('The bridge opened in May.');
    expect(s).toMatchObject({ kind: 'statement', quote: null, speaker: null, cue: null });
  });

  it('skips photo credits and short headings', () => {
    const st = run('The bridge opened in May. Photo/AP', 'The fallout', 'Traffic doubled within a week.');
    expect(st.map((s) => s.text)).toEqual(['The bridge opened in May.', 'Traffic doubled within a week.']);
  });

  it('skips a heading set in quote marks', () => {
    const st = run("The bridge opened in May.", "'Open for business'", 'Traffic doubled within a week.');
    expect(st.map((s) => s.paragraph)).toEqual([0, 2]);
  });

  it('gives offsets into the article text', () => {
    const text = 'First line.\n"Second," she said.';
    for (const s of extractStatements(article(text))) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe('attribution in news conventions', () => {
  it('reads a headline or transcript label before a colon as the speaker', () => {
    const [s] = run('Ortiz: The Bridge Will Open in May');
    expect(s).toMatchObject({ kind: 'indirect', speaker: 'Ortiz', cue: ':' });
  });

  it('a headline that quotes someone is the editor’s words: reported speech with the cue "headline" (QA 6b, B5)', () => {
    const st = run('Calder: "Bridge will never close"', '"We have no plans to close the bridge this year," Mayor Ruth Calder said.');
    expect(st[0]).toMatchObject({ kind: 'indirect', cue: 'headline', quote: 'Bridge will never close', paragraph: 0 });
    expect(st[1]).toMatchObject({ kind: 'direct', speaker: 'Ruth Calder', cue: 'said' });
    // The same words as the article's only line, or as a sentence, are not a headline.
    expect(run('"The bridge will never close," Calder said.')[0]).toMatchObject({ kind: 'direct', cue: 'said' });
  });

  it('ignores a dateline when looking for the subject', () => {
    const st = run('BOSTON, May 3 (Wire) - Mayor Dana Ortiz rallied supporters, saying: "We are not done yet."');
    expect(st[0]).toMatchObject({ kind: 'direct', speaker: 'Dana Ortiz' });
  });

  it('treats speech acts with a plain object as reported speech', () => {
    expect(run('The senator criticized the new budget rules.')[0]).toMatchObject({ kind: 'indirect', cue: 'criticized', speaker: 'The senator' });
    expect(run('The senator walked past the new budget office.')[0]?.kind).toBe('statement');
  });

  it('gives a coordinated verb the subject of the first one', () => {
    const [s] = run('Governor Ana Ruiz stayed calm and tweeted that the vote was "a formality."');
    expect(s).toMatchObject({ kind: 'mixed', cue: 'tweeted', speaker: 'Ana Ruiz' });
  });

  it('widens the speaker phrase back to the quote over its modifiers', () => {
    const [s] = run('"It will pass," the mayor\'s senior communications adviser Dan Cole said in a statement.');
    expect(s).toMatchObject({ kind: 'direct', speaker: 'Dan Cole', cue: 'said in a statement' });
  });

  it('does not take a place in a relative clause for the speaker', () => {
    const [s] = run('"We will win," said the New York businessman, who campaigned Monday in New Hampshire.');
    expect(s?.speaker).not.toBe('New Hampshire');
  });

  it('skips the hearer between the cue and a colon', () => {
    const [s] = run('Ortiz tells the crowd: "We will win this."');
    expect(s).toMatchObject({ kind: 'direct', speaker: 'Ortiz', quote: 'We will win this.' });
  });

  it('reads an affiliation as a role, not a name', () => {
    const [s] = run('"The ruling is narrow," said Paula Grant of the University of Kent.');
    expect(s).toMatchObject({ speaker: 'Paula Grant', speakerRole: 'of the University of Kent' });
  });
});

describe('transcripts', () => {
  it('reads a speaker label at the start of a quoted transcript line', () => {
    const st = run('"ORTIZ: We will open the bridge in May, and not a day later.', '"LEE: Can you promise that?"');
    expect(st.map((s) => s.speaker)).toEqual(['Ortiz', 'Lee']);
  });
});
