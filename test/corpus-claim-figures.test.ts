import { describe, expect, it } from 'vitest';
import { compareFigures, figures } from '../src/corpus/claim-figures.js';

const check = (claim: string, text: string) => compareFigures(figures(claim), text);

describe('claim figures: amounts, percentages and dates are matched as values (QA 6b, C8)', () => {
  it.each([
    ['the repair will cost $7 million', 'The repair would cost $7m, she said.'],
    ['the repair will cost $7 million', 'It will cost seven million dollars.'],
    ['the repair will cost $7 million', 'The bill: $7,000,000.'],
    ['the repair will cost $7m', 'The repair will cost $7 million.'],
    ['turnout fell to 40%', 'Turnout fell to 40 per cent.'],
    ['turnout fell to 40 percent', 'Turnout fell to forty percent.'],
    ['the ferry stops in June', 'The ferry stops on June 3, 2026.'],
    ['the ferry stops on 3 June', 'The ferry stops on June 3rd.'],
    ['three officials resigned', 'Three officials resigned after eighteen months.'],
    ['2 killed in the blast', 'Two people were killed in the blast.'],
  ])('same: %s ← %s', (claim, text) => {
    expect(check(claim, text).status).toBe('same');
  });

  it.each([
    ['the repair will cost $7 million', 'The repair will cost $70 million.', '$70 million'],
    ['the repair will cost $70 million', 'The repair will cost $7m.', '$7m'],
    ['the repair will cost $7 million', 'The repair will cost £7 million.', '£7 million'],
    ['turnout fell to 40%', 'Turnout fell to 4%.', '4%'],
    ['the ferry stops in June', 'The ferry stops in July.', 'July'],
    ['the ferry stops on 3 June', 'The ferry stops on 13 June.', '13 June'],
    ['the ferry stopped in 2025', 'The ferry stopped in 2024.', '2024'],
    ['three officials resigned', 'Four officials resigned.', 'Four'],
  ])('different: %s ← %s', (claim, text, figure) => {
    expect(check(claim, text)).toEqual({ status: 'different', different: [figure] });
  });

  it('a statement without the figure does not state it; a claim without figures is not checked', () => {
    expect(check('the repair will cost $7 million', 'The repair will be expensive.').status).toBe('missing');
    expect(check('the ferry stops on 3 June', 'The ferry stops in June.').status).toBe('missing');
    // A bare number of something else is no other amount.
    expect(check('the repair will cost $7 million', 'The repair will take eighteen months.').status).toBe('missing');
    expect(check('the ferry stops', 'The ferry stops in June.').status).toBe('none');
  });

  it('reads words that look like months or numbers as words', () => {
    expect(figures('The pier may collapse; protesters march on the hall; one of the engineers left.')).toEqual([]);
    expect(figures('The vote is in May.')).toEqual([expect.objectContaining({ kind: 'date', month: 5 })]);
  });
});
