import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import type { Article } from '../src/domain/article.js';
import type { Statement } from '../src/domain/statement.js';

const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const run = (...paras: string[]): Statement[] => extractStatements(article(paras.join('\n')));
/** The statement of the second paragraph, after an English quote by someone else. */
const second = (para: string): Statement | undefined => run('"We will rebuild the pier," said Mayor Tom Pike.', para).find((s) => s.paragraph === 1 && s.kind !== 'statement');

describe('attribution in other languages after the quote (QA 6 B4)', () => {
  it('the inverted cue and the name: never the English speaker before', () => {
    const cases: Array<[string, string, string]> = [
      ['"Ceci n\'est pas une pipe," a déclaré Jeanne Moreau.', 'Jeanne Moreau', 'a déclaré'],
      ['"Das stimmt nicht," sagte Jutta Krämer.', 'Jutta Krämer', 'sagte'],
      ['"No es verdad," dijo Lucía Fernández.', 'Lucía Fernández', 'dijo'],
      ['"Non è vero," ha detto Marco Ferri.', 'Marco Ferri', 'ha detto'],
      ['"Não é verdade", disse Rui Costa.', 'Rui Costa', 'disse'],
      ['"Dat klopt niet," zei Pieter Bakker.', 'Pieter Bakker', 'zei'],
    ];
    for (const [para, speaker, cue] of cases) expect(second(para), para).toMatchObject({ kind: 'direct', speaker, cue });
  });

  it('French guillemets set off with spaces are quote marks', () => {
    expect(second('« Ce n\'est pas vrai », a affirmé Paul Girard.')).toMatchObject({ kind: 'direct', quote: 'Ce n\'est pas vrai', speaker: 'Paul Girard' });
  });

  it('a description after the verb is the speaker as written, with an apposition as its role', () => {
    expect(second('"Es falso," dijo el alcalde.')).toMatchObject({ speaker: 'el alcalde' });
    expect(second('"Es falso," según el ministerio.')).toMatchObject({ speaker: 'el ministerio', cue: 'según' });
    expect(second('"Das stimmt nicht," sagte Jutta Krämer, die Bürgermeisterin.')).toMatchObject({ speaker: 'Jutta Krämer', speakerRole: 'die Bürgermeisterin' });
  });

  it('a pronoun glued to the verb or after it agrees as the English one would, or stays unknown', () => {
    const fr = run('Le maire Paul Girard a parlé lundi. « Ce n\'est pas vrai », a-t-il déclaré.', '« Nous reconstruirons », dit-elle.');
    expect(fr.find((s) => s.quote === 'Ce n\'est pas vrai')).toMatchObject({ speaker: 'Paul Girard', speakerMention: 'il', cue: 'a-t-il déclaré' });
    // (no woman named: "elle" is nobody, not the mayor)
    expect(fr.find((s) => s.quote === 'Nous reconstruirons')).toMatchObject({ speaker: null, speakerMention: 'elle' });
    const de = run('Bürgermeister Jutta Krämer sprach am Montag.', '"Das ist falsch," sagte sie.');
    expect(de.find((s) => s.quote === 'Das ist falsch')).toMatchObject({ speakerMention: 'sie', cue: 'sagte' });
  });
});
