import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkClaims, runCommand } from '../src/dispatch/index.js';
import type { Reply, ReplyItem } from '../src/domain/reply.js';
import { claimWords, matchClaim } from '../src/corpus/claim-match.js';
import { seedArticles, seedServices, testInvocation, type SeededServices } from './helpers/corpus.js';

const items = (r: Reply): ReplyItem[] => r.sections.flatMap((s) => s.items);

describe('matchClaim: a headline whose subject fills the core (QA 8)', () => {
  const headline = claimWords('Harbour board chief resigns over dredging contract');
  it('needs the verb or what follows it, not just the subject\'s words', () => {
    expect(matchClaim(headline, "Oskar Nyberg-Adeyemi, the harbour trust's chief executive said: work would start in the spring").reports).toBe(false);
    expect(
      matchClaim(headline, 'The chairman of the Kestrel Harbour Board, Tobias Wrenfield, resigned on Tuesday after councillors questioned how a £12 million dredging contract was awarded.').reports,
    ).toBe(true);
  });
  it('leaves claims whose core reaches past the verb as they were', () => {
    const claim = claimWords('Israel was the source of the classified intel Trump gave the Russians');
    expect(matchClaim(claim, 'The New York Times reported Israel was the source of the information.').reports).toBe(true);
  });
});

describe('matchClaim (words decide whether a statement reports a claim)', () => {
  const claim = claimWords('Lisbon was the venue of the secret summit');
  it('accepts a restatement of the core in other words around it', () => {
    expect(matchClaim(claim, 'Officials confirmed that Lisbon was the venue chosen for the talks.').reports).toBe(true);
  });
  it('rejects a statement sharing only loose or reordered words', () => {
    // "venues" is an inflection, but Lisbon comes after it: another relation, not the claim.
    expect(matchClaim(claim, 'No venues were discussed, and nobody flew to Lisbon.').reports).toBe(false);
    // A prefix ("secretary" for "secret") alone is never a report.
    expect(matchClaim(claim, 'The secretary attended a summit.').reports).toBe(false);
  });
  it('needs more than one word of a longer claim', () => {
    expect(matchClaim(claim, 'Lisbon is lovely in spring.').reports).toBe(false);
  });

  it('names alone never make a report: what happened must be there too (QA 5, B1)', () => {
    const stats = { statements: 200, counts: new Map([['greta', 3], ['lind', 3], ['ferry', 6], ['strike', 5], ['warn', 4], ['oslo', 5], ['bergen', 5]]) };
    const said = 'We cannot run the ferries without more crew, said Greta Lind, the operator.';
    // "resigned" is in no statement: nobody reports that she resigned.
    expect(matchClaim(claimWords('Greta Lind resigned', stats), said).reports).toBe(false);
    expect(matchClaim(claimWords('Greta Lind resigned over the ferry strike', stats), 'Greta Lind spoke about the ferry strike.').reports).toBe(false);
    // Three names in order, but not the warning.
    expect(matchClaim(claimWords('Oslo warned Greta Lind about Bergen', stats), 'Oslo hosted Greta Lind before her trip to Bergen.').reports).toBe(false);
    // A verb in the past tense that nothing in the corpus has is what the claim says happened.
    expect(matchClaim(claimWords('the ferry crews apologised to Bergen', stats), 'The ferry crews sailed to Bergen.').reports).toBe(false);
    // The same claims, stated.
    expect(matchClaim(claimWords('Oslo warned Greta Lind about Bergen', stats), 'Oslo warned Greta Lind about the situation in Bergen.').reports).toBe(true);
    expect(matchClaim(claimWords('Greta Lind resigned over the ferry strike', stats), 'Greta Lind resigned on Friday over the ferry strike.').reports).toBe(true);
  });
});

/**
 * A small corpus of our own: two outlets report the core of a claim, a denial shares its loose
 * words, an analyst's aside shares many of its extra words, and a common name is everywhere.
 */
let seeded: SeededServices;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'factbot-sources-'));
  const files: Record<string, string> = {
    'herald.txt':
      'Port Authority in crisis\n\nThe Daily Herald reported that Norway was the supplier of the turbines, according to two officials.\n\nMayor Smith opened the port on Monday.\n',
    'courier.txt':
      'Turbine row\n\nSeveral papers, including the Courier and the Gazette, are now reporting Norway was the supplier of the parts.\n\nMayor Smith visited the harbour.\n',
    'denial.txt':
      'Minister speaks\n\n"At no time were any suppliers of turbine parts discussed," Minister Ann Vale said.\n\nMayor Smith said the port was busy.\n',
    // Every word of the claim, in order, inside a denial: shown apart, never counted as a report.
    'ministry.txt':
      'Ministry statement\n\nThe energy ministry denied that Norway was the supplier of the turbines.\n\nMayor Smith thanked the crews.\n',
    // Unrelated statements, so word rarity means something in a corpus this small.
    'weather.txt':
      'Weather\n\nRain fell across the north on Tuesday. Farmers welcomed the rain. Rivers rose slowly. Schools stayed open. Trains ran late in the evening. The forecast calls for sun. Ferries resumed service. Roads were cleared by noon.\n',
    'aside.txt':
      'Analysis\n\nThe secret parts Mayor Smith gave the Danes could end up anywhere, and Norway may worry.\n\nMayor Smith spoke twice. Mayor Smith left early.\n',
  };
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  seeded = await seedServices({ dir });
});
afterAll(async () => {
  await seeded?.close();
  await rm(dir, { recursive: true, force: true });
});

const sources = (claim: string) => runCommand(seeded.services, testInvocation(), 'sources', { claim });

describe('/sources counts only statements that state the claim', () => {
  it('finds both reports of the core, and shows the denial apart without counting it', async () => {
    const r = await sources('Norway was the supplier');
    expect(r.text).toMatch(/^2 articles report matching statements; 1 disputes or denies it/);
    const [reporting, disputing] = r.sections;
    expect(reporting!.heading).toBe('Reporting it');
    expect(reporting!.items.map((i) => i.text)).toEqual([
      expect.stringMatching(/Norway was the supplier/),
      expect.stringMatching(/Norway was the supplier/),
    ]);
    expect(reporting!.items.map((i) => i.text).join(' ')).not.toMatch(/denied|At no time/);
    expect(disputing!.heading).toBe('Disputing or denying it');
    expect(disputing!.items.map((i) => i.text)).toEqual([expect.stringMatching(/ministry denied that Norway/)]);
    // The outlets that report it are named; the ministry's article is not among the reports.
    expect(r.text).toContain('The Daily Herald');
  });

  it('turns the groups round for a claim that is itself a denial', async () => {
    const r = await sources('Norway was not the supplier');
    expect(r.text).toMatch(/^1 article reports matching statements; 2 dispute or deny it/);
    expect(r.sections[0]!.items.map((i) => i.text)).toEqual([expect.stringMatching(/ministry denied/)]);
    expect(r.sections[1]!.items).toHaveLength(2);
  });

  it('check this: a claim only denied in the corpus is not counted as reported', async () => {
    const r = await checkClaims(
      seeded.services,
      testInvocation(),
      'Officials say Norway was not the supplier of the turbines. Mayor Smith was arrested in Oslo yesterday.',
    );
    expect(r.text).toMatch(/^1 of 2 claims are reported/);
  });

  it('keeps the reports first when the claim carries extra words', async () => {
    const r = await sources('Norway was the supplier of the secret parts Mayor Smith gave the Danes');
    const found = items(r);
    expect(r.text).toMatch(/^[23] articles report/);
    expect(found[0]!.text).toMatch(/Norway was the supplier/);
    expect(found[1]!.text).toMatch(/Norway was the supplier/);
    expect(found.map((i) => i.text).join(' ')).not.toMatch(/At no time/);
  });

  it('says no article reports a claim that only shares a common word', async () => {
    const r = await sources('Mayor Smith was arrested in Oslo');
    expect(items(r)).toHaveLength(0);
    expect(r.title).toMatch(/No sources/);
  });
});

describe('/sources on the seed corpus (QA F30)', () => {
  let seeds: SeededServices;
  beforeAll(async () => {
    seeds = await seedServices();
  });
  afterAll(() => seeds?.close());
  const run = (claim: string) => runCommand(seeds.services, testInvocation(), 'sources', { claim });

  it.each(['Israel was the source of the classified intel Trump gave the Russians', 'Israel was the source of the intel'])(
    '%s → the NYT and CNN/WSJ/NYT reports first, nothing else counted',
    async (claim) => {
      const r = await run(claim);
      const found = items(r);
      expect(found).toHaveLength(2);
      for (const i of found) expect(i.text).toMatch(/Israel.*was the source/);
      expect(found.map((i) => i.text).join(' ')).not.toMatch(/At no time/);
      expect(r.text).toMatch(/^2 articles report/);
      for (const outlet of ['CNN', 'The Wall Street Journal', 'The New York Times']) expect(r.text).toContain(outlet);
    },
  );

  it('shows an article by its denial when the denial has more of the claim than its assertions', async () => {
    // 002 says "Trump did not reveal the source …" and also that he "had the absolute right to
    // reveal what he did": the denial is the article's answer to this claim.
    const r = await run('Trump revealed the source');
    const disputing = r.sections.find((s) => s.heading === 'Disputing or denying it');
    expect(disputing?.items.map((i) => i.text)).toContainEqual(expect.stringMatching(/did not reveal the source/));
    expect(r.text).toMatch(/1 disputes or denies it/);
  });

  it('Find sources / check this on a message with a label and two claims (QA F30)', async () => {
    const r = await checkClaims(
      seeds.services,
      testInvocation(),
      "Breaking: Israel was the source of the classified intel Trump gave the Russians. McMaster says it didn't happen.",
    );
    const [israel, mcmaster] = r.sections;
    expect(israel!.items.length).toBeGreaterThanOrEqual(2);
    for (const i of israel!.items) expect(i.text).toMatch(/Israel.*was the source/);
    expect(mcmaster!.items[0]!.speaker).toMatch(/McMaster/);
  });

  it('a negation about something else is no denial of the claim (QA 5b, R4)', async () => {
    const r = await run('Israel was the source of the intel Trump shared with Russia');
    // "The US had not received permission … to share the intel with Russia" does not deny that
    // Israel was the source.
    expect(r.sections.map((s) => s.heading ?? '').join(' ')).not.toMatch(/Disput|deny/i);
    expect(r.text).not.toMatch(/disput/i);
    expect(items(r)[0]!.text).toMatch(/Israel.*was the source/);
    // Both articles that report it count: the New York Times's "intelligence sharer, was the
    // source" is matched on "source", not only on a loose "intelligence … sharer".
    expect(r.text).toMatch(/^2 articles report/);
  });

  it('chat around a claim ("Guys,", "FYI", "@everyone") does not hide its reports (QA 5b, R3)', async () => {
    for (const claim of ['Guys, Israel was the source of the intel', 'FYI Israel was the source of the intel', '@everyone Israel was the source of the intel', 'Wow Israel was the source of the intel']) {
      const r = await run(claim);
      expect({ claim, found: items(r).length }).toEqual({ claim, found: 2 });
    }
  });

  it('a claim naming who said it is reported by that speaker’s statement, "did not" for "didn\'t" (QA 5, B7)', async () => {
    const r = await run('McMaster said it did not happen');
    expect(r.text).toMatch(/^1 article reports/);
    expect(items(r)[0]!.speaker).toMatch(/McMaster/);
    expect(items(r)[0]!.text).toMatch(/didn't happen/);
    // Someone else's name is not reported by McMaster's words.
    expect(items(await run('Lavrov said it did not happen'))).toHaveLength(0);
  });
});

/**
 * QA 6b, C6: strong assertions built on a negative idiom are reports. Invented articles, one
 * statement about the claim each, and unrelated ones so word rarity means something.
 */
describe('/sources judges a negation by what it negates (QA 6b, C6)', () => {
  let s: SeededServices;
  beforeAll(async () => {
    s = await seedArticles({
      'doubt.txt': 'Yard inquiry\n\nSenator Mara Holt said there was no doubt the shipyard bribed the auditor.\n',
      'deny.txt': 'Yard row\n\nSenator Mara Holt said the unions cannot deny that the shipyard bribed the auditor.\n',
      'hidden.txt': 'Yard file\n\nSenator Mara Holt said the shipyard had never hidden that it bribed the auditor.\n',
      'trailing.txt': 'Yard claims\n\nSenator Mara Holt said the shipyard bribed the auditor, a claim the shipyard denies.\n',
      'denial.txt': 'Yard answers\n\nThe shipyard denied that it bribed the auditor.\n',
      'weather.txt':
        'Weather\n\nRain fell across the north on Tuesday. Farmers welcomed the rain. Rivers rose slowly. Schools stayed open. Trains ran late in the evening. Ferries resumed service.\n',
    });
  });
  afterAll(() => s?.close());

  it('counts "no doubt", "cannot deny", "never hidden" and a third party’s trailing denial as reports', async () => {
    const r = await runCommand(s.services, testInvocation(), 'sources', { claim: 'the shipyard bribed the auditor' });
    expect(r.text).toMatch(/^4 articles report matching statements; 1 disputes or denies it/);
    const disputing = r.sections.find((x) => x.heading === 'Disputing or denying it');
    expect(disputing?.items.map((i) => i.text)).toEqual([expect.stringMatching(/^The shipyard denied/)]);
  });
});

/**
 * QA 6b, C7: an article that restates a claim and quotes a denial shows the denial; questions,
 * conditions, non-denials, retractions and "wrongly said" are not reports of the claim as fact.
 */
describe('/sources keeps denials next to restated claims, and does not count mere mentions (QA 6b, C7)', () => {
  let s: SeededServices;
  beforeAll(async () => {
    s = await seedArticles({
      // The writer restates the rumour, then a named official denies it.
      'rumour.txt':
        'Lens row\n\nRumours that the lighthouse keeper stole the lens have circulated for weeks.\n\nHarbourmaster Ivo Brandt denied that the lighthouse keeper stole the lens.\n',
      // A report and a denial, both of the whole claim: the article counts under both.
      'both.txt':
        'Lens theft\n\nThe Bay Gazette reported that the lighthouse keeper stole the lens.\n\nA lawyer for the keeper denied that the lighthouse keeper stole the lens.\n',
      'if.txt': 'Lens charges\n\nIf the lighthouse keeper stole the lens, he must be charged, Mayor Ada Quist said.\n',
      'whether.txt': 'Lens questions\n\nCritics questioned whether the lighthouse keeper stole the lens.\n',
      'nodeny.txt': 'Lens silence\n\nMayor Ada Quist did not deny that the lighthouse keeper stole the lens.\n',
      'retract.txt': 'Lens apology\n\nMayor Ada Quist retracted her claim that the lighthouse keeper stole the lens.\n',
      'wrongly.txt': 'Lens error\n\nMayor Ada Quist wrongly said that the lighthouse keeper stole the lens.\n',
      'weather.txt':
        'Weather\n\nRain fell across the north on Tuesday. Farmers welcomed the rain. Rivers rose slowly. Schools stayed open. Trains ran late in the evening. Ferries resumed service.\n',
    });
  });
  afterAll(() => s?.close());

  const all = async (claim: string) => {
    const r = await runCommand(s.services, testInvocation(), 'sources', { claim });
    const texts: Record<string, string[]> = {};
    let page = r;
    for (let offset = 5; ; offset += 5) {
      for (const sec of page.sections) (texts[sec.heading ?? ''] ??= []).push(...sec.items.map((i) => i.text));
      if (!page.paging) break;
      page = await runCommand(s.services, testInvocation(), 'sources', { claim, offset: String(offset) });
    }
    return { r, texts };
  };

  it('shows every side and says how an article with a report and a denial counts', async () => {
    const { r, texts } = await all('the lighthouse keeper stole the lens');
    expect(r.text).toMatch(
      /^1 article reports matching statements; 4 dispute or deny it; 1 article is counted in both \(a report and a denial in the same article\); 3 mention it without asserting it/,
    );
    expect(texts['Reporting it']).toEqual([expect.stringMatching(/Gazette reported/)]);
    // The denial does not vanish behind the restated rumour, nor behind the report.
    expect(texts['Disputing or denying it']).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Brandt denied/),
        expect.stringMatching(/lawyer for the keeper denied/),
        expect.stringMatching(/retracted her claim/),
        expect.stringMatching(/wrongly said/),
      ]),
    );
    expect(texts['Mentioning it without asserting it']).toEqual(
      expect.arrayContaining([expect.stringMatching(/^If the/), expect.stringMatching(/questioned whether/), expect.stringMatching(/did not deny/)]),
    );
    expect(texts['Reporting it']!.join(' ')).not.toMatch(/Rumours|If the|whether|did not deny|retracted|wrongly/);
  });

  it('check this: a claim only questioned is not counted as reported', async () => {
    // The critics only asked whether: their claim is not reported (a question is not a report).
    const r = await checkClaims(s.services, testInvocation(), 'Critics say the lighthouse keeper stole the lens. Farmers welcomed the rain on Tuesday.');
    expect(r.text).toMatch(/^1 of 2 claims are reported/);
    expect(r.sections[0]!.lines?.join(' ')).toMatch(/No article in the corpus reports this/);
    // Without the attribution the Gazette reports it: the report is shown, not the questions.
    const plain = await checkClaims(s.services, testInvocation(), 'The lighthouse keeper stole the lens. Farmers welcomed the rain on Tuesday.');
    expect(plain.text).toMatch(/^2 of 2 claims are reported/);
    const lens = plain.sections[0]!.items.map((i) => i.text).join(' ');
    expect(lens).toMatch(/Gazette reported/);
    expect(lens).not.toMatch(/If the|questioned whether|did not deny/);
  });
});

/** QA 6b, C8: a claim's figures must match: "$70 million" does not report "$7 million". */
describe('/sources matches the claim’s figures (QA 6b, C8)', () => {
  let s: SeededServices;
  beforeAll(async () => {
    s = await seedArticles({
      'seven.txt': 'Roof costs\n\nCurator Lena Voss said the museum roof repair will cost $7 million.\n',
      'sevenm.txt': 'Roof budget\n\nThe museum roof repair will cost $7m, the city treasurer said.\n',
      'words.txt': 'Roof bill\n\nThe museum roof repair will cost seven million dollars, according to the council.\n',
      'seventy.txt': 'Roof estimate\n\nThe Valley Courier reported that the museum roof repair will cost $70 million.\n',
      'june.txt': 'Ferry news\n\nThe island ferry will stop running in June, operator Pia Lund said.\n',
      'july.txt': 'Ferry timetable\n\nThe island ferry will stop running in July, the harbour office said.\n',
      'weather.txt':
        'Weather\n\nRain fell across the north on Tuesday. Farmers welcomed the rain. Rivers rose slowly. Schools stayed open. Trains ran late in the evening. Ferries resumed service.\n',
    });
  });
  afterAll(() => s?.close());
  const run = (claim: string) => runCommand(s.services, testInvocation(), 'sources', { claim });
  const heading = (r: Reply, h: string) => r.sections.find((x) => x.heading === h)?.items.map((i) => i.text) ?? [];

  it('counts "$7m" and "seven million dollars" for "$7 million", and shows "$70 million" as a different figure', async () => {
    const r = await run('the museum roof repair will cost $7 million');
    expect(r.text).toMatch(/^3 articles report matching statements; 1 gives a different figure \(\$70 million\)/);
    expect(heading(r, 'Reporting it').join(' ')).not.toMatch(/\$70/);
    expect(heading(r, 'Giving a different figure')).toEqual([expect.stringMatching(/\$70 million/)]);
  });

  it('the other way round', async () => {
    const r = await run('the museum roof repair will cost $70 million');
    expect(r.text).toMatch(/^1 article reports matching statements; 3 give a different figure/);
    expect(heading(r, 'Reporting it')).toEqual([expect.stringMatching(/\$70 million/)]);
  });

  it('a date is a figure too', async () => {
    const r = await run('the island ferry will stop running in June');
    expect(r.text).toMatch(/^1 article reports matching statements; 1 gives a different figure \(July\)/);
  });
});
