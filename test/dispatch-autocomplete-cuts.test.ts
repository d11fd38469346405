import { describe, expect, it } from 'vitest';
import { commands } from '../commands/index.js';
import type { Corpus } from '../src/corpus/types.js';
import type { Invocation } from '../src/domain/command.js';
import type { Store } from '../src/store/types.js';
import { autocomplete, type BotServices } from '../src/dispatch/index.js';

/**
 * Autocomplete choices cut to Discord's 100 characters (QA 7, nit): a plain slice could end
 * between the two halves of an emoji (invalid text in the response) and cut a quote mid-word,
 * and the value of a picked quote is what gets searched.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// An emoji across characters 99 and 100 of each: after a long unbroken name, and inside a quote.
const speaker = `${'X'.repeat(99)}\u{1F3D7} Harbour Trust`;
const quote = `We ${'harbour '.repeat(12)}\u{1F3D7} boats will sail again next spring`;

const corpus = {
  suggestSpeakers: async () => [speaker],
  suggestQuotes: async () => [{ id: 's1', quote }],
} as unknown as Corpus;
const services: BotServices = { commands, corpus, store: {} as Store, now: () => new Date('2026-01-01T09:00:00Z'), timezone: 'UTC', digestAdmins: [] };
const inv: Invocation = { platform: 'discord', userId: 'U1', channelId: 'C1' };

describe('autocomplete choices cut to 100 characters', () => {
  it('never split an emoji, and cut names and quote values at a word', async () => {
    expect(quote.slice(0, 100)).toMatch(LONE_SURROGATE);
    expect(speaker.slice(0, 100)).toMatch(LONE_SURROGATE);
    for (const [command, option, typed] of [
      ['quote', 'speaker', 'harb'],
      ['quote', 'query', 'rebuild'],
    ] as const) {
      const choices = await autocomplete(services, inv, command, option, typed);
      expect(choices).toHaveLength(1);
      for (const c of choices) {
        expect(c.name.length).toBeLessThanOrEqual(100);
        expect(c.value.length).toBeLessThanOrEqual(100);
        expect(c.name).not.toMatch(LONE_SURROGATE);
        expect(c.value).not.toMatch(LONE_SURROGATE);
        const original = option === 'speaker' ? speaker : quote;
        expect(original.startsWith(c.value)).toBe(true);
        // A quote is cut where one of its words ends.
        if (option === 'query') expect(original[c.value.length]).toBe(' ');
      }
    }
  });
});

describe('the headings of a message with several claims', () => {
  it('cut a long claim at a word and never inside an emoji', async () => {
    const { checkClaims } = await import('../src/dispatch/index.js');
    const { fakeServices, MCMASTER } = await import('./stubs/slack-services.js');
    const { services } = fakeServices([MCMASTER]);
    const long = `McMaster said ${'the harbour '.repeat(8)}storyx${'\u{1F525}'.repeat(10)} was reported false by the Washington Post today.`;
    const reply = await checkClaims(services, { platform: 'slack', userId: 'U1', channelId: 'C1' }, `${long}\nThe intel was shared appropriately with Russia.\nMcMaster denied the story as reported.`);
    const headings = reply.sections.map((s) => s.heading ?? '');
    expect(headings.length).toBeGreaterThan(1);
    for (const h of headings) {
      expect(h).not.toMatch(LONE_SURROGATE);
      expect(h.length).toBeLessThanOrEqual(123);
    }
  });
});
