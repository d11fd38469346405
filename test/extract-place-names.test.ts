import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';

// Invented people and places: "he" must not find a place, a team or a treaty named by capitalised words.
const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const quotes = (...paras: string[]) => extractStatements(article(paras.join('\n'))).filter((s) => s.kind !== 'statement');

describe('places and bodies are not "he" or "she"', () => {
  it('a place whose first word is a place word', () => {
    const s = quotes('Tom Pike spoke on Sunday.', 'The candidate also continued to refute a story about his claim that he had been offered a scholarship to West Harbour.', '“Those are the words recruiters use,” he said.');
    expect(s.find((x) => x.kind === 'direct')).toMatchObject({ speaker: 'Tom Pike', speakerMention: 'he' });
  });

  it('"the" before capitalised words with no first name', () => {
    const s = quotes('Tom Pike spoke on Sunday.', 'Years ago he owned the Harwich Gulls, a rugby side.', '“The match was boring,” he said.');
    expect(s[0]).toMatchObject({ speaker: 'Tom Pike' });
  });

  it('a person after "the" with a title is still a person', () => {
    const s = quotes('The Rev. Ann Marsh led the service.', '“We will rebuild,” she said.');
    expect(s[0]?.speaker).toBe('Ann Marsh');
  });
});

describe('a country that speaks is a body', () => {
  it('"he" after "China said" is the person before, not China', () => {
    const s = quotes('Erlan Vale, the envoy, flew in on Monday.', 'Vale said China would buy more grain.', 'China said the talks were over.', '“We will be back,” he said.');
    expect(s.find((x) => x.kind === 'direct')).toMatchObject({ speaker: 'Erlan Vale' });
  });

  it('a person whose surname is a place stays that person', () => {
    const s = quotes('Steve Jordan, a harbour pilot, spoke first.', 'Jordan said the channel was silting up.');
    expect(s[0]?.speaker).toBe('Steve Jordan');
  });
});
