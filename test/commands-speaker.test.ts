import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../src/dispatch/index.js';
import { seedArticles, testInvocation, type SeededServices } from './helpers/corpus.js';

/** Two people share a surname: /speaker must not list or label them as one (QA 6b, B2). */
let seeded: SeededServices;
beforeAll(async () => {
  seeded = await seedArticles({
    'jo.txt': 'Harbour news\n\n"The lens is safe in the vault," said Jo Reed, the harbour master.\n',
    'tom.txt': 'Press news\n\n"I saw the emails myself," said Tom Reed, a Guardian reporter.\n',
  });
});
afterAll(() => seeded?.close());

describe('/speaker with a surname two people share', () => {
  it('asks which one, naming both, instead of mixing their quotes under one role', async () => {
    const r = await runCommand(seeded.services, testInvocation(), 'speaker', { name: 'Reed' });
    expect(r.title).toBe('Several people named “Reed”');
    const lines = r.sections.flatMap((s) => s.lines ?? []);
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^Jo Reed \(1 statement\): \/speaker "Jo Reed"/), expect.stringMatching(/^Tom Reed \(1 statement\)/)]));
    expect(r.sections.flatMap((s) => s.items)).toEqual([]);
  });

  it('a full name gets that person only, with their own role', async () => {
    const r = await runCommand(seeded.services, testInvocation(), 'speaker', { name: 'Jo Reed' });
    expect(r.title).toBe('What Jo Reed said');
    expect(r.text).toMatch(/^Jo Reed, harbour master\./);
    expect(r.sections.flatMap((s) => s.items).map((i) => i.speaker)).toEqual(['Jo Reed']);
  });
});
