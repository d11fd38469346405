import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../src/dispatch/index.js';
import { seedServices, testInvocation, type SeededServices } from './helpers/corpus.js';

// QA 8: a paper running wire copy ("… told Reuters") reports the claim too. The header named
// the agency and left out the papers that printed it.
let seeded: SeededServices;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'factbot-sources-wire-'));
  const line = '"We will stay out as long as Carrow Bay stays out," union secretary Goran Stavridis told Reuters.';
  const files: Record<string, string> = {
    'wire.md': `---\ntitle: Dock strike spreads\n---\n\nDock workers joined the strike on Thursday.\n\n${line}\n`,
    'mercury.md': `---\ntitle: Strike widens\noutlet: Carrow Bay Mercury\n---\n\nThe strike widened on Thursday.\n\n${line}\n`,
    'weather.md': '---\ntitle: Weather\noutlet: Tidewater Record\n---\n\nRain fell across the north on Tuesday. Ferries resumed service.\n',
  };
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  seeded = await seedServices({ dir });
});
afterAll(async () => {
  await seeded?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('/sources names the outlets that printed a claim as well as the one it was told to', () => {
  it('lists the agency and the paper', async () => {
    const r = await runCommand(seeded.services, testInvocation(), 'sources', { claim: 'we will stay out as long as Carrow Bay stays out' });
    expect(r.text).toMatch(/^2 articles report matching statements/);
    expect(r.text).toContain('outlets named: Reuters, Carrow Bay Mercury.');
  });
});
