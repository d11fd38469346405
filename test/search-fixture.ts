import type { IndexedStatement } from '../src/search/types.js';

const ARTICLE_A = { articleId: 'a1', articleTitle: 'Trump revealed intelligence to Russian officials', articleOutlet: 'The Guardian' };
const ARTICLE_B = { articleId: 'a2', articleTitle: 'What did Trump tell the Russians?', articleOutlet: 'NZ Herald' };
const ARTICLE_C = { articleId: 'a3', articleTitle: 'Trump shared classified information', articleOutlet: 'The Independent' };

const MCMASTER = { speaker: 'H.R. McMaster', speakerAliases: ['HR McMaster', 'McMaster'] };
const TRUMP = { speaker: 'Donald Trump', speakerAliases: ['Trump', 'President Trump'] };

let n = 0;
function st(
  article: typeof ARTICLE_A,
  fields: Partial<IndexedStatement> & { text: string },
): IndexedStatement {
  n++;
  const id = `${article.articleId}:${n}`;
  return {
    id,
    clusterId: id,
    kind: 'statement',
    quote: null,
    speaker: null,
    speakerAliases: [],
    outlet: null,
    ...article,
    ...fields,
  };
}

/** A small corpus shaped like the seed articles: a denial quoted in two articles (one cluster). */
export function seedLikeStatements(): IndexedStatement[] {
  n = 0;
  return [
    st(ARTICLE_A, {
      text: 'Yesterday, McMaster denied the story outright.',
      kind: 'indirect',
      quote: 'denied the story outright',
      ...MCMASTER,
    }),
    st(ARTICLE_A, {
      text: '"The story that came out tonight, as reported, is false. I was in the room, it didn\'t happen."',
      kind: 'direct',
      quote: "The story that came out tonight, as reported, is false. I was in the room, it didn't happen.",
      ...MCMASTER,
      clusterId: 'cluster-room',
    }),
    st(ARTICLE_C, {
      text: '"The story that came out tonight, as reported, is false. I was in the room, it didn\'t happen," McMaster said.',
      kind: 'direct',
      quote: "The story that came out tonight, as reported, is false. I was in the room, it didn't happen.",
      ...MCMASTER,
      clusterId: 'cluster-room',
    }),
    st(ARTICLE_A, {
      text: 'An excerpt from the official transcript of the meeting reveals Trump said: "I get great intel. I have people brief me on great intel every day."',
      kind: 'direct',
      quote: 'I get great intel. I have people brief me on great intel every day.',
      ...TRUMP,
    }),
    st(ARTICLE_A, {
      text: 'According to AP, Trump boasted about his access to classified intelligence during the meeting with Lavrov.',
      kind: 'indirect',
      quote: 'Trump boasted about his access to classified intelligence during the meeting with Lavrov',
      speaker: null,
      outlet: 'AP',
    }),
    st(ARTICLE_A, {
      text: '"There is a special understanding of security cooperation between our countries," an Israeli intelligence officer told Buzzfeed.',
      kind: 'direct',
      quote: 'There is a special understanding of security cooperation between our countries,',
      speaker: 'Israeli intelligence officer',
      speakerAliases: ['the officer'],
      outlet: 'BuzzFeed',
    }),
    st(ARTICLE_B, {
      text: 'Multiple media outlets are now reporting Israel was the source of the information.',
    }),
    st(ARTICLE_B, {
      text: 'National Security Adviser H.R. McMaster said the President engaged in "routine sharing of information" and nothing more.',
      kind: 'mixed',
      quote: 'routine sharing of information',
      ...MCMASTER,
    }),
    st(ARTICLE_B, {
      text: 'Israel has full confidence in our intelligence-sharing relationship with the United States, Dermer said.',
      kind: 'indirect',
      quote: 'Israel has full confidence in our intelligence-sharing relationship with the United States',
      speaker: 'Ron Dermer',
      speakerAliases: ['Dermer'],
    }),
    st(ARTICLE_C, {
      text: 'The director was leading the charge on a bureau investigation into connections between the Trump campaign and Russia.',
    }),
    st(ARTICLE_C, {
      text: '"This is code-word information," a US official familiar with the matter told the Post.',
      kind: 'direct',
      quote: 'This is code-word information,',
      speaker: 'US official',
      outlet: 'The Washington Post',
    }),
  ];
}
