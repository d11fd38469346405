import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  autocomplete,
  checkClaims,
  runCommand,
  stripMarkup,
  MAX_CHOICES,
  MAX_CHOICE_CHARS,
  type BotServices,
} from '../src/dispatch/index.js';
import type { Command } from '../src/domain/command.js';
import { commands } from '../commands/index.js';
import { seedServices, testInvocation, type SeededServices } from './helpers/corpus.js';

let seeded: SeededServices;
beforeAll(async () => {
  seeded = await seedServices();
});
afterAll(() => seeded?.close());

const inv = testInvocation();

describe('the command set', () => {
  it('has one definition per name, rest options last-resort and at most one per command', () => {
    const names = commands.map((c) => c.definition.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['quote', 'whosaid', 'sources', 'speaker', 'digest', 'factbot']));
    for (const c of commands) {
      const sets = [c.definition.options, ...(c.definition.subcommands ?? []).map((s) => s.options)];
      for (const opts of sets) {
        expect(opts.filter((o) => o.rest).length).toBeLessThanOrEqual(1);
        // Discord: required options come before optional ones; names are lower case.
        const firstOptional = opts.findIndex((o) => !o.required);
        if (firstOptional >= 0) expect(opts.slice(firstOptional).some((o) => o.required)).toBe(false);
        for (const o of opts) expect(o.name).toMatch(/^[a-z][a-z0-9_-]{0,31}$/);
      }
      expect(c.definition.description.length).toBeLessThanOrEqual(100);
    }
  });
});

describe('runCommand', () => {
  it('never throws: a failing command becomes an error reply', async () => {
    const boom: Command = {
      definition: { name: 'boom', description: 'fails', usage: '/boom', options: [] },
      run: async () => {
        throw new Error('database on fire');
      },
    };
    const services: BotServices = { ...seeded.services, commands: [...seeded.services.commands, boom] };
    const r = await runCommand(services, inv, 'boom', {});
    expect(r.isError).toBe(true);
    expect(r.title).toMatch(/went wrong/);
    expect(JSON.stringify(r)).not.toMatch(/database on fire/);
  });

  it('an unknown command lists the real ones', async () => {
    const r = await runCommand(seeded.services, inv, 'frobnicate', {});
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/\/quote/);
  });

  it('help, /factbot and /factbot help answer the same help text', async () => {
    const a = await runCommand(seeded.services, inv, 'help', {});
    const b = await runCommand(seeded.services, inv, 'factbot', {});
    const c = await runCommand(seeded.services, { ...inv, subcommand: 'help' }, 'factbot', {});
    expect(a.title).toMatch(/factbot/);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    const lines = a.sections.flatMap((s) => s.lines ?? []).join('\n');
    for (const name of ['/quote', '/whosaid', '/sources', '/speaker', '/digest']) expect(lines).toContain(name);
  });

  it('help for one command shows its usage', async () => {
    const r = await runCommand(seeded.services, { ...inv, subcommand: 'help' }, 'factbot', { command: 'sources' });
    expect(r.sections.flatMap((s) => s.lines ?? []).join('\n')).toMatch(/Usage: \/sources/);
  });

  it('coerces and checks argument types from platforms', async () => {
    const r = await runCommand(seeded.services, inv, 'quote', { query: 42 as unknown as string });
    expect(r.isError).toBeFalsy();
    const bad = await runCommand(seeded.services, { ...inv, subcommand: 'unsubscribe' }, 'digest', { id: 'seven' });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/whole number/);
  });

  it('a command with subcommands asks for one', async () => {
    const r = await runCommand(seeded.services, inv, 'digest', {});
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/subscribe/);
  });
});

describe('checkClaims ("check this", Find sources)', () => {
  it('looks the message up as a claim, without its chat markup', async () => {
    const r = await checkClaims(seeded.services, inv, '<@U123> *Israel* was the source :eyes: <https://x.example/a|link>');
    expect(r.title).toMatch(/Sources for “Israel was the source link”|Sources for “Israel was the source/);
    expect(r.sections[0]?.items.length).toBeGreaterThan(0);
  });

  it('looks up each claim of a longer message on its own', async () => {
    const r = await checkClaims(
      seeded.services,
      inv,
      'Apparently Trump shared details about a laptop bomb threat on planes. Israel was the source of the information! Penguins invaded Canberra.',
    );
    expect(r.title).toBe('Sources for 3 claims in the message');
    expect(r.sections.map((s) => s.heading)).toEqual([
      '“Apparently Trump shared details about a laptop bomb threat on planes.”',
      '“Israel was the source of the information!”',
      '“Penguins invaded Canberra.”',
    ]);
    expect(r.sections[0]!.items[0]!.text).toMatch(/laptop/);
    expect(r.sections[1]!.items.some((i) => /Israel/.test(i.text))).toBe(true);
    expect(r.sections[2]!.items).toEqual([]);
    expect(r.sections[2]!.lines).toEqual(['No article in the corpus reports this.']);
    expect(r.text).toBe('2 of 3 claims are reported in the corpus.');
  });

  it('says so for a message without text', async () => {
    const r = await checkClaims(seeded.services, inv, '<@U123> :thumbsup:');
    expect(r.isError).toBe(true);
  });

  it('stripMarkup keeps the words', () => {
    expect(stripMarkup('<@U1> hello <#C1|general> ~world~ https://a.b/c')).toBe('hello world');
  });
});

describe('autocomplete', () => {
  it('suggests speakers for speaker options, within platform limits', async () => {
    const c = await autocomplete(seeded.services, inv, 'speaker', 'name', 'mcm');
    expect(c.length).toBeGreaterThan(0);
    expect(c[0]!.name).toMatch(/McMaster/);
    const all = await autocomplete(seeded.services, inv, 'quote', 'speaker', '');
    expect(all.length).toBeGreaterThan(0);
    expect(all.length).toBeLessThanOrEqual(MAX_CHOICES);
  });

  it('suggests quotes as the user types, cut to 100 characters', async () => {
    const c = await autocomplete(seeded.services, inv, 'whosaid', 'words', 'great int');
    expect(c.length).toBeGreaterThan(0);
    for (const x of c) {
      expect(x.name.length).toBeLessThanOrEqual(MAX_CHOICE_CHARS);
      expect(x.value.length).toBeLessThanOrEqual(MAX_CHOICE_CHARS);
    }
    expect(c.some((x) => /great intel/i.test(x.name))).toBe(true);
  });

  it('offers one choice per quote, however many articles repeat it (QA F22)', async () => {
    const c = await autocomplete(seeded.services, inv, 'quote', 'query', 'great int');
    const words = c.map((x) => x.name.toLowerCase().replace(/[^a-z]+/g, ' ').trim());
    expect(new Set(words).size).toBe(words.length);
    expect(words.filter((w) => w.startsWith('i get great intel'))).toHaveLength(1);
  });

  it.each([
    ['tru', /Trump/],
    ['mc', /McMaster/],
    ['H.R.', /McMaster/],
    ['mcmastr', /McMaster/],
  ])('suggests only names like "%s", never unrelated ones (QA F22)', async (typed, want) => {
    const c = await autocomplete(seeded.services, inv, 'speaker', 'name', typed);
    expect(c.length).toBeGreaterThan(0);
    for (const x of c) expect(x.name).toMatch(want);
  });

  it('says how to write a speaker name with spaces when only its first part was taken (QA F19)', async () => {
    const r = await runCommand(seeded.services, inv, 'quote', { query: 'McMaster sharing', speaker: 'H.R.' });
    expect(r.title).toMatch(/No speaker called “H\.R\.”/);
    expect(r.text).toMatch(/speaker:"H\.R\. McMaster"/);
    expect(r.text).not.toMatch(/CNN/);
  });

  it('/quote with a speaker and no words lists what that person said, not the help', async () => {
    const r = await runCommand(seeded.services, inv, 'quote', { query: '', speaker: 'mcmaster' });
    expect(r.title).toBe('Quotes by H.R. McMaster');
    const items = r.sections.flatMap((s) => s.items);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item.speaker).toBe('H.R. McMaster');
    // Nothing at all is still the help.
    expect((await runCommand(seeded.services, inv, 'quote', { query: '' })).title).toMatch(/^\/quote/);
  });

  it('an unknown /speaker name with no close names points to /quote with words from the quote, not /speaker', async () => {
    const r = await runCommand(seeded.services, inv, 'speaker', { name: 'Zzyqxw' });
    expect(r.title).toMatch(/No speaker called “Zzyqxw”/);
    expect(r.text).toMatch(/Try \/quote with words from the quote/);
    expect(r.text).not.toMatch(/\/speaker/);
  });

  it('an unknown outlet: filter is named like an unknown speaker, with close outlet names (QA)', async () => {
    const r = await runCommand(seeded.services, inv, 'quote', { query: 'outlet:foobarnews Israel' });
    expect(r.title).toBe('No outlet called “foobarnews” in the corpus');
    expect(r.isError).toBe(true);
    expect(r.notices.join(' ')).not.toMatch(/No outlet called/);
    const typo = await runCommand(seeded.services, inv, 'quote', { query: 'outlet:"New Yrk Tims" Israel' });
    expect(typo.title).toMatch(/No outlet called “New Yrk Tims”/);
    expect(typo.text).toMatch(/Did you mean: The New York Times\?/);
    // A known outlet with no statement matching the words is still a plain "no quotes".
    const known = await runCommand(seeded.services, inv, 'quote', { query: 'outlet:"New York Times" zzqx wvvk' });
    expect(known.title).toMatch(/^No quotes matching/);
    // Other commands and the CLI get the same words as a notice.
    const page = await seeded.corpus.search('outlet:nonsense intel', { limit: 5 });
    expect(page.results).toEqual([]);
    expect(page.query.notices).toContain('No outlet called “nonsense” in the corpus.');
  });

  it('answers nothing (never throws) for unknown commands or options', async () => {
    expect(await autocomplete(seeded.services, inv, 'nope', 'x', 'y')).toEqual([]);
    expect(await autocomplete(seeded.services, inv, 'quote', 'nope', 'y')).toEqual([]);
    const broken: BotServices = {
      ...seeded.services,
      corpus: {
        ...seeded.services.corpus,
        suggestSpeakers: () => Promise.reject(new Error('down')),
      } as BotServices['corpus'],
    };
    expect(await autocomplete(broken, inv, 'speaker', 'name', 'mc')).toEqual([]);
  });
});
