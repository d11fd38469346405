import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../src/dispatch/index.js';
import { seedArticles, testInvocation, type SeededServices } from './helpers/corpus.js';

/** "Calder and Quill said …" is one speaker to the extractor: a group whose members are known people. */
let seeded: SeededServices;
beforeAll(async () => {
  seeded = await seedArticles({
    'harbour.txt':
      'Harbour news\n\n"The lens is safe in the vault," said Ruth Calder, the harbour master.\n\n' +
      '"I saw the emails myself," said Bob Quill, a council member.\n\n' +
      'Calder and Quill said the ferries would resume on Monday.\n\n' +
      'Calder and Tom Vane said the bridge toll was unfair.\n',
    'port.txt': 'Port news\n\nSmith and Jones said the toll would double in spring.\n',
  });
});
afterAll(() => seeded?.close());

const items = async (name: string) => {
  const r = await runCommand(seeded.services, testInvocation(), 'speaker', { name });
  return { r, items: r.sections.flatMap((s) => s.items) };
};

describe('/speaker and group speakers', () => {
  it("a member's listing includes the group's statements, shown under the group, and says they are joint", async () => {
    for (const name of ['Ruth Calder', 'Bob Quill']) {
      const { r, items: found } = await items(name);
      expect(r.title).toBe(`What ${name} said`);
      expect(found.map((i) => i.speaker)).toEqual(expect.arrayContaining([name, 'Calder and Quill']));
      expect(found.find((i) => i.speaker === 'Calder and Quill')!.quote).toMatch(/ferries would resume/);
      expect(r.text).toMatch(/joint statements: .*Calder and Quill/);
      // Only their own statements and their groups': not the other member's own words.
      expect(found.map((i) => i.speaker).every((s) => s === name || s === 'Calder and Quill' || s === 'Calder and Tom Vane')).toBe(true);
    }
  });

  it('a group naming someone never quoted alone is still the known member’s', async () => {
    const { r, items: found } = await items('Ruth Calder');
    expect(found.find((i) => i.speaker === 'Calder and Tom Vane')?.quote).toMatch(/toll was unfair/);
    expect(r.text).toMatch(/joint statements: .*Calder and Tom Vane/);
    expect((await items('Bob Quill')).items.map((i) => i.speaker)).not.toContain('Calder and Tom Vane');
    // And that someone can be asked for by name: their joint words are all the corpus has of them.
    const vane = await items('Tom Vane');
    expect(vane.r.title).toBe('What Tom Vane said');
    expect(vane.items.map((i) => i.speaker)).toEqual(['Calder and Tom Vane']);
    expect(vane.r.text).toMatch(/joint statements: Calder and Tom Vane/);
    // Their surname alone is them too (nobody else is called Vane): never "What Vane said".
    expect((await items('Vane')).r.title).toBe('What Tom Vane said');
  });

  it('a surname means the person, never a group ending in it', async () => {
    expect((await items('Quill')).r.title).toBe('What Bob Quill said');
  });

  it('a group of names nobody else is known by lists under the group only', async () => {
    const { r } = await items('Ruth Calder');
    expect(r.text).not.toMatch(/Smith and Jones/);
    expect((await items('Smith and Jones')).items.map((i) => i.speaker)).toEqual(['Smith and Jones']);
  });
});
