import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';
import { findInterview } from '../src/extract/interview.js';

// An invented Q&A interview (QA 8, E1): "Q:" and "A:" are labels, not people.
const article = (title: string, ...paras: string[]): Article => ({
  id: 'i', title, outlet: 'Fjordside Gazette', url: null, published: null, author: null, text: paras.join('\n'), source: 'i', contentHash: 'h',
});
const INTRO = 'The conservationist Sunniva Brekke has spent a decade restoring the Lysa river. She spoke to Kasimir Thorsen about floods and the dam.';
const TURNS = [
  'Q: Why did you start?',
  'A: Because nobody else would. The river is our museum, and we were letting it rot.',
  'Q: Will the dam come down?',
  'A: Not for five years. The council has promised a study, and I believe them.',
];
const speakers = (a: Article) => extractStatements(a).map((s) => s.speaker);

describe('Q&A interviews', () => {
  it('never makes speakers called "Q" or "A"', () => {
    const got = speakers(article('Floods, salmon and a dam', INTRO, ...TURNS));
    expect(got).not.toContain('Q');
    expect(got).not.toContain('A');
  });

  it('gives the answers, whole, to the interviewee the title names', () => {
    const s = extractStatements(article("Sunniva Brekke: 'The river is our museum'", INTRO, ...TURNS));
    const answers = s.filter((x) => x.speaker === 'Sunniva Brekke');
    expect(answers.map((x) => x.quote ?? x.text)).toEqual([
      expect.stringContaining('The river is our museum, and we were letting it rot'),
      expect.stringContaining('The council has promised a study, and I believe them'),
    ]);
    // The questions are nobody's to quote.
    expect(s.find((x) => x.text.includes('Why did you start'))?.speaker ?? null).toBeNull();
  });

  it('gives them to the one person labelled by name in the transcript', () => {
    const s = extractStatements(article('Floods, salmon and a dam', INTRO, ...TURNS, 'Sunniva Brekke: I will keep going until the salmon come back.'));
    expect(s.filter((x) => x.speaker === 'Sunniva Brekke').length).toBe(3);
  });

  it('leaves the answers unattributed when the article does not say whose they are', () => {
    const s = extractStatements(article('Floods, salmon and a dam', INTRO, ...TURNS));
    expect(s.find((x) => x.text.includes('Not for five years'))?.speaker ?? null).toBeNull();
  });

  it('is only an interview with both labels; a lone "A:" is still no speaker', () => {
    expect(findInterview('t', 'A: Because nobody else would.')).toBeNull();
    expect(speakers(article('t', 'Intro line about the river and the dam.', 'A: Because nobody else would, and the river needed someone.'))).not.toContain('A');
  });

  it('an explainer printed as Q&A gives its answers to nobody', () => {
    const s = extractStatements(article('Supreme Court: what the ruling means for renters', 'The court ruled on Tuesday on the eviction rules.', 'Q: What did the court decide?', 'A: It struck down the rules. Landlords must give ninety days of notice.'));
    expect(s.map((x) => x.speaker)).not.toContain('Supreme Court');
    expect(s.find((x) => x.text.includes('struck down'))?.speaker ?? null).toBeNull();
  });

  it('does not take a section label for the interviewee', () => {
    expect(findInterview("Editor's Note: an interview", 'Q: Why?\nA: Because.')).toEqual({ interviewee: null });
  });
});
