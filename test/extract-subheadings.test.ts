import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';
import type { Statement } from '../src/domain/statement.js';

const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const run = (...paras: string[]): Statement[] => extractStatements(article(paras.join('\n')));
const inParagraph = (all: Statement[], p: number): Statement[] => all.filter((s) => s.paragraph === p && s.kind !== 'statement');

const BEFORE = 'The harbour board met on Monday to discuss the bridge. "We will find the money," Mayor Ann Vale said.';
const AFTER = 'Ruth Calder, the county engineer, said the supports had been checked in May.';

describe('a subheading that quotes someone is the editor’s words, like the first-line headline', () => {
  it('"Calder: “…”" between paragraphs: reported speech with the cue "headline", never "Calder said"', () => {
    const [h] = inParagraph(run(BEFORE, 'Calder: “Bridge will never close”', AFTER), 1);
    expect(h).toMatchObject({ kind: 'indirect', cue: 'headline', speaker: 'Calder', quote: 'Bridge will never close' });
    const [g] = inParagraph(run(BEFORE, 'Calder on the bridge: ‘It will never close’', AFTER), 1);
    expect(g).toMatchObject({ kind: 'indirect', cue: 'headline', speaker: 'Calder', quote: 'It will never close' });
  });

  it('only a line between paragraphs, with no final punctuation, is a subheading', () => {
    expect(inParagraph(run(BEFORE, 'Calder: “Bridge will never close”', AFTER), 1)[0]?.kind).toBe('indirect');
    // (final punctuation, even inside the quote marks: a transcript line may look like this)
    expect(inParagraph(run(BEFORE, 'Calder: “The bridge will never close.”', AFTER), 1)[0]).toMatchObject({ kind: 'direct', speaker: 'Calder' });
    // (a headline with a verb keeps its cue, as the first line does)
    expect(inParagraph(run(BEFORE, '“Bridge will never close,” says Calder', AFTER), 1)[0]).toMatchObject({ kind: 'direct', cue: 'says' });
    // (a line that a hard-wrapped text broke mid-sentence: the next line goes on in lower case)
    expect(inParagraph(run(BEFORE, 'Calder: “Bridge will never close”', 'and the board agreed with her on Monday.'), 1)[0]).toMatchObject({ kind: 'direct' });
  });

  it('"‘…’: Calder defiant" names its speaker after the colon, not the speaker of the paragraph before', () => {
    const [h] = inParagraph(run(BEFORE, '‘We will not back down’: Calder defiant', AFTER), 1);
    expect(h).toMatchObject({ kind: 'indirect', cue: 'headline', speaker: 'Calder', quote: 'We will not back down' });
    // (title case: only the words the article names elsewhere are the name)
    const [t] = inParagraph(run(BEFORE, '‘We Will Not Back Down’: Calder Defiant Over Bridge', AFTER), 1);
    expect(t).toMatchObject({ cue: 'headline', speaker: 'Calder' });
    // (no name after the colon: unknown, not the mayor quoted just before)
    const [n] = inParagraph(run(BEFORE, '‘We will not back down’: residents count the cost', AFTER), 1);
    expect(n).toMatchObject({ kind: 'indirect', cue: 'headline', speaker: null });
  });

  it('a subheading gives no speaker to the quote-only paragraph after it', () => {
    const all = run(BEFORE, 'Calder: “Bridge will never close”', '“It has stood for a century and it will stand for another.”', AFTER);
    expect(inParagraph(all, 2)[0]).toMatchObject({ kind: 'direct', speaker: null });
  });

  it('the first-line headline gets its speaker after the colon too', () => {
    const [h] = inParagraph(run('‘We will not back down’: Calder defiant', AFTER), 0);
    expect(h).toMatchObject({ kind: 'indirect', cue: 'headline', speaker: 'Calder' });
  });
});
