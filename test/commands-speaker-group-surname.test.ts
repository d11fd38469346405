import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../src/dispatch/index.js';
import { seedArticles, testInvocation, type SeededServices } from './helpers/corpus.js';

// "/speaker Vane" where Bob Vane is only ever named in a group ("Ruth Calder and Bob Vane said …",
// migration 012 lists the group's statements under each member) got "Did you mean" instead of
// an answer.
let seeded: SeededServices;
beforeAll(async () => {
  seeded = await seedArticles({
    'harbour.txt':
      'Harbour news\n\n"The lens is safe in the vault," said Ruth Calder, the harbour master.\n\n' +
      'Ruth Calder and Bob Vane said the bridge toll was unfair.\n',
    'council.txt':
      'Council news\n\n"I saw the emails myself," said Nina Holt, a council member.\n\n' +
      '"We will appeal," said Jo Reed, the union secretary.\n\n' +
      'Nina Holt and Ann Marsh said the budget would pass.\n\n' +
      'Jo Reed and Tom Marsh said the strike would go on.\n\n' +
      'Nina Holt and Pat Reed said the vote was fair.\n',
  });
});
afterAll(() => seeded?.close());

const speaker = async (args: Record<string, string>) => {
  const r = await runCommand(seeded.services, testInvocation(), 'speaker', args);
  return { r, items: r.sections.flatMap((s) => s.items) };
};

describe('/speaker with the surname of someone named only in a group', () => {
  it('answers with their joint statements', async () => {
    const { r, items } = await speaker({ name: 'Vane' });
    expect(r.isError).toBeFalsy();
    expect(r.title).toBe('What Bob Vane said');
    expect(items.map((i) => i.speaker)).toEqual(['Ruth Calder and Bob Vane']);
    expect(items[0]!.quote).toMatch(/toll was unfair/);
    expect(r.text).toMatch(/joint statements: Ruth Calder and Bob Vane/);
  });

  it('in free text too, with words to look for', async () => {
    const { r, items } = await speaker({ query: 'vane bridge toll' });
    expect(r.title).toBe('What Bob Vane said about “bridge toll”');
    expect(items).toHaveLength(1);
  });

  it('a surname two people named only in groups share asks which one', async () => {
    const { r, items } = await speaker({ name: 'Marsh' });
    expect(r.title).toBe('Several people named “Marsh”');
    expect(items).toEqual([]);
    const lines = r.sections.flatMap((s) => s.lines ?? []);
    expect(lines.some((l) => l.startsWith('Ann Marsh') && l.includes('/speaker "Ann Marsh"'))).toBe(true);
    expect(lines.some((l) => l.startsWith('Tom Marsh') && l.includes('/speaker "Tom Marsh"'))).toBe(true);
    // And each of them by full name is answered.
    expect((await speaker({ name: 'Ann Marsh' })).r.title).toBe('What Ann Marsh said');
  });

  it('someone quoted alone and someone named only in a group share a surname: which one', async () => {
    const { r } = await speaker({ name: 'Reed' });
    expect(r.title).toBe('Several people named “Reed”');
    const lines = r.sections.flatMap((s) => s.lines ?? []).join('\n');
    expect(lines).toContain('Jo Reed');
    expect(lines).toContain('Pat Reed');
  });

  it('a member quoted alone is still found by surname as before, and a typo is not resolved through a group', async () => {
    expect((await speaker({ name: 'Calder' })).r.title).toBe('What Ruth Calder said');
    expect((await speaker({ name: 'Vanne' })).r.title).not.toMatch(/^What .* said$/);
  });
});
