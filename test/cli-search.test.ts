import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnv, runWithInput, killLeftovers, startInteractive, tempDataDir } from './helpers/spawn.js';

afterAll(() => killLeftovers());

/**
 * `factbot search` is a contract other tools rely on: JSON arrays of ranked statements with
 * `score` and `article`, and a streaming --stdin mode answering one line per query.
 */
let data: Awaited<ReturnType<typeof tempDataDir>>;
beforeAll(async () => {
  data = await tempDataDir();
});
afterAll(() => data?.remove());

const CLI = ['--import', 'tsx', 'src/cli/main.ts', 'search'];

interface JsonResult {
  id: string;
  text: string;
  kind: string;
  quote: string | null;
  speaker: string | null;
  speakerMention: string | null;
  outlet: string | null;
  cue: string | null;
  start: number;
  end: number;
  paragraph: number;
  score: number;
  article: { id: string; title: string; outlet: string | null; url: string | null };
}

describe('factbot search "QUERY" --json', () => {
  it('prints the ranked results as a JSON array of statements with score and article', async () => {
    // --data names the folder (DATA_DIR points elsewhere, at nothing).
    const r = await runWithInput('node', [...CLI, 'great intel', '--json', '--data', data.dir], childEnv(`${data.dir}/absent`), '');
    expect(r.code).toBe(0);
    const results = JSON.parse(r.stdout) as JsonResult[];
    expect(Array.isArray(results)).toBe(true);
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(10);
    const top = results[0]!;
    expect(top.speaker).toMatch(/Trump/);
    expect(top.quote).toMatch(/great intel/);
    for (const x of results) {
      expect(Object.keys(x)).toEqual(
        expect.arrayContaining(['text', 'kind', 'quote', 'speaker', 'speakerMention', 'outlet', 'cue', 'start', 'end', 'paragraph', 'score', 'article']),
      );
      expect(x.score).toBeGreaterThanOrEqual(0);
      expect(x.score).toBeLessThanOrEqual(1);
      expect(x.end).toBeGreaterThan(x.start);
      expect(Object.keys(x.article).sort()).toEqual(['id', 'outlet', 'title', 'url']);
      expect(['direct', 'indirect', 'mixed', 'statement']).toContain(x.kind);
    }
    const scores = results.map((x) => x.score);
    // Ranked, not sorted by score alone (kind and corroboration break near-ties), but never wildly out of order.
    expect(scores[0]).toBeLessThanOrEqual(Math.min(...scores) + 0.05);
  });

  it('says an unknown outlet: is not in the corpus instead of a bare "No matches" (QA)', async () => {
    const r = await runWithInput('node', [...CLI, 'outlet:nonsense intel'], childEnv(data.dir), '');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^note: No outlet called “nonsense” in the corpus\./m);
  });

  it.each([['search', 'great intel'], ['console']])('factbot %s with DATA_DIR pointing at a file exits 2, as npm start does (QA)', async (...args) => {
    const tmp = await mkdtemp(join(tmpdir(), 'factbot-cli-datadir-'));
    const file = join(tmp, 'not-a-folder.txt');
    await writeFile(file, 'a file, not a folder');
    const r = await runWithInput('node', ['--import', 'tsx', 'src/cli/main.ts', ...args], childEnv(file), '');
    await rm(tmp, { recursive: true, force: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`DATA_DIR .*not-a-folder\\.txt must be a folder, not a file`));
  });

  it('without a query it explains and fails', async () => {
    const r = await runWithInput('node', CLI, childEnv(data.dir), '');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/give a query/);
  });
});

describe('factbot search --stdin --json', () => {
  it('answers each line with one JSON line as soon as it is read (--limit applies)', async () => {
    const p = startInteractive('node', [...CLI, '--stdin', '--json', '--limit', '3'], childEnv(data.dir));
    // Each answer arrives before the next query is written: the output is streamed, not batched.
    p.child.stdin.write("it didn't happen\n");
    const first = JSON.parse(await p.nextLine()) as JsonResult[];
    expect(first[0]?.speaker).toMatch(/McMaster/);
    expect(first.length).toBeLessThanOrEqual(3);
    p.child.stdin.write('\n');
    expect(JSON.parse(await p.nextLine())).toEqual([]);
    p.child.stdin.write('Israel was the source\n');
    const third = JSON.parse(await p.nextLine()) as JsonResult[];
    expect(third.some((x) => /Israel/.test(x.text))).toBe(true);
    p.child.stdin.write('zzqx wvvk\n');
    expect(JSON.parse(await p.nextLine())).toEqual([]);
    p.child.stdin.write('intel kind:nonsense\n');
    expect(Array.isArray(JSON.parse(await p.nextLine()))).toBe(true);
    p.child.stdin.end('<script>(.*)+[ 🔥\n');
    expect(Array.isArray(JSON.parse(await p.nextLine()))).toBe(true);
    const done = await p.done;
    expect(done.code).toBe(0);
    // Notes go to stderr, with the line they are about; stdout held only the JSON lines above.
    expect(done.stderr).toMatch(/note \(line 5\): Unknown kind “nonsense”/);
  });
});
