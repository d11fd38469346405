import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../src/dispatch/index.js';
import { seedArticles, seedServices, testInvocation, type SeededServices } from './helpers/corpus.js';

/** Two people said nearly the same words: /whosaid names the best match and the close alternative. */
let seeded: SeededServices;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'factbot-whosaid-'));
  await writeFile(
    join(dir, 'moore.txt'),
    'The senate debate ran late into the night.\n"We will not retreat from this fight," Senator Alice Moore said after the vote.\n',
  );
  await writeFile(
    join(dir, 'lane.txt'),
    'Governors met in Denver on Tuesday.\n"We will never retreat from this fight," Governor Robert Lane told reporters.\n',
  );
  seeded = await seedServices({ dir });
});
afterAll(async () => {
  await seeded?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('/whosaid with two close matches', () => {
  it('names the best match and lists the other speaker as an alternative', async () => {
    const r = await runCommand(seeded.services, testInvocation(), 'whosaid', { words: 'we will not retreat from this fight' });
    expect(r.title).toMatch(/Alice Moore said/);
    expect(r.text).toMatch(/Close matches also from: .*Robert Lane/);
    expect(r.sections.map((s) => s.heading)).toEqual(['Best match', 'Alternatives']);
    expect(r.sections[1]!.items[0]!.speaker).toMatch(/Robert Lane/);
  });

  it('is not ambiguous when the words fit one speaker only', async () => {
    const r = await runCommand(seeded.services, testInvocation(), 'whosaid', { words: 'never retreat' });
    expect(r.title).toMatch(/Robert Lane said/);
  });
});

describe('/whosaid never puts the asker’s words in someone’s mouth (QA 5, B2)', () => {
  it('says "closest match" when the best match is a name or a near miss, not the words asked about', async () => {
    // "lane safe" finds Governor Robert Lane through his name; nobody said "lane safe".
    const r = await runCommand(seeded.services, testInvocation(), 'whosaid', { words: 'lane safe' });
    expect(r.sections[0]!.items.length).toBe(1);
    expect(r.title).not.toMatch(/said “lane safe”/);
    expect(r.title).toMatch(/^Closest match for “lane safe”/);
    expect(r.text).toMatch(/No statement in the corpus has those words/);
  });

  it('still says who said it when the quote has the words, typos included', async () => {
    const r = await runCommand(seeded.services, testInvocation(), 'whosaid', { words: 'we will nevr retreat' });
    expect(r.title).toMatch(/^Robert Lane said/);
    expect(r.text).not.toMatch(/No statement/);
  });
});

describe('/whosaid heads reported speech with its verb (QA 5b, R1/R2)', () => {
  let denial: SeededServices;
  let ddir: string;
  beforeAll(async () => {
    ddir = await mkdtemp(join(tmpdir(), 'factbot-whosaid-denial-'));
    await writeFile(
      join(ddir, 'harbour.txt'),
      'Harbour closure row\n\nHarbour officials denied that the closure was linked to the marina development.\n"The marina plan is dead," a planner told the Porthaven Gazette.\n',
    );
    denial = await seedServices({ dir: ddir });
  });
  afterAll(async () => {
    await denial?.close();
    await rm(ddir, { recursive: true, force: true });
  });

  it('a denial is not headed "X said"', async () => {
    const r = await runCommand(denial.services, testInvocation(), 'whosaid', { words: 'the closure was linked to the marina development' });
    expect(r.title).not.toMatch(/ said /);
    expect(r.title).toMatch(/\(denied\): the closure was linked to the marina development/);
  });

  it('words found only in the attribution (the outlet) are no quote of the speaker', async () => {
    const r = await runCommand(denial.services, testInvocation(), 'whosaid', { words: 'porthaven gazette' });
    expect(r.title).toMatch(/^Closest match for “porthaven gazette”/);
  });
});

describe('/whosaid quotes the speaker, never the asker, and minds negation', () => {
  let neg: SeededServices;
  beforeAll(async () => {
    neg = await seedArticles({
      'pier.txt': 'Pier fire questions\n\n"The report that came out today is wrong. I was on the pier, the fire didn\'t start there," harbour master Ellen Voss said.\n',
    });
  });
  afterAll(() => neg?.close());

  it('does not head a denial as the claim it denies', async () => {
    const r = await runCommand(neg.services, testInvocation(), 'whosaid', { words: 'the fire started there' });
    expect(r.title).not.toMatch(/said/);
    expect(r.title).toMatch(/^Closest match for “the fire started there”: Ellen Voss/);
    expect(r.text).toMatch(/^Not what was said: .*Ellen Voss.* negate yours: “I was on the pier, the fire didn't start there”/);
  });

  it('heads an agreeing match with the speaker’s verbatim sentence, not the asker’s paraphrase', async () => {
    const r = await runCommand(neg.services, testInvocation(), 'whosaid', { words: 'the fire did not start there' });
    expect(r.title).toBe('Ellen Voss said “I was on the pier, the fire didn\'t start there”');
    expect(r.text).not.toMatch(/Not what was said/);
  });

  it('quotes the words as spoken when the asker made a typo', async () => {
    const r = await runCommand(seeded.services, testInvocation(), 'whosaid', { words: 'we will nevr retreat' });
    expect(r.title).toBe('Robert Lane said “We will never retreat from this fight”');
  });

  it('a claim negated where the words are not is not what was said either', async () => {
    const r = await runCommand(neg.services, testInvocation(), 'whosaid', { words: 'the report that came out today is not wrong' });
    expect(r.title).toMatch(/^Closest match/);
    expect(r.text).toMatch(/are not negated as yours are: “The report that came out today is wrong\.”/);
  });
});

describe('/whosaid with words the user put in quote marks', () => {
  it('quotes them once in the headline', async () => {
    const r = await runCommand(seeded.services, testInvocation(), 'whosaid', { words: '"lane safe"' });
    expect(r.title).toMatch(/^Closest match for “lane safe”/);
  });
});
