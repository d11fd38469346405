import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** End to end: `factbot extract --json` over the shipped seed articles in data/articles/. */
const root = resolve(import.meta.dirname, '..');
const seedDir = join(root, 'data', 'articles');
const seeds = readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort().map((f) => join(seedDir, f));

interface Line {
  file: string;
  error?: string;
  article?: { id: string; title: string };
  statements: Array<{ text: string; kind: string; quote: string | null; speaker: string | null; speakerMention: string | null; speakerRole: string | null; outlet: string | null; cue: string | null; start: number; end: number; paragraph: number }>;
}

let tmp: string;
let lines: Line[];
let status: number | null;
let stderr: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'factbot-cli-extract-'));
  const empty = join(tmp, 'empty.txt');
  writeFileSync(empty, '');
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'extract', ...seeds, empty, '--json'], { cwd: root, encoding: 'utf8' });
  status = run.status;
  stderr = run.stderr;
  lines = run.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Line);
}, 60_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const find = (n: number, words: string) => lines[n]!.statements.find((s) => (s.quote ?? '').includes(words));

describe('factbot extract --json on the seed articles', () => {
  it('prints one line per input file, in order, and a failure line for a file that cannot load', () => {
    expect(lines).toHaveLength(seeds.length + 1);
    lines.slice(0, seeds.length).forEach((l, i) => expect(l.file).toBe(seeds[i]));
    expect(lines[seeds.length]).toMatchObject({ statements: [] });
    expect(lines[seeds.length]!.error).toBeTruthy();
    expect(stderr).toContain('empty.txt');
    expect(status).toBe(1);
  });

  it('resolves McMaster\'s "he said" to H.R. McMaster', () => {
    const s = find(0, "I was in the room, it didn't happen");
    expect(s).toMatchObject({ kind: 'direct', speaker: 'H.R. McMaster', speakerMention: 'he', cue: 'said' });
  });

  it('gives a quote-only paragraph to the speaker of the paragraph before', () => {
    expect(find(0, 'In the context of that discussion')).toMatchObject({ kind: 'direct', speaker: 'H.R. McMaster' });
  });

  it('attributes the quote told to Buzzfeed to the officer, with outlet BuzzFeed', () => {
    const s = find(0, 'There is a special understanding of security cooperation');
    expect(s).toMatchObject({ kind: 'direct', outlet: 'BuzzFeed', speaker: 'an Israeli intelligence officer' });
    expect(find(1, 'There is a special understanding of security co-operation')).toMatchObject({ outlet: 'BuzzFeed', speakerMention: 'the officer', speaker: 'An Israeli intelligence officer' });
  });

  it('separates the role from the name and canonicalises "the Post"', () => {
    expect(find(2, 'reviewed common threats')).toMatchObject({ speaker: 'H.R. McMaster', speakerMention: 'HR McMaster, the national security adviser who participated in the meeting', speakerRole: 'national security adviser' });
    expect(find(2, 'This is code-word information')).toMatchObject({ outlet: 'The Washington Post', speaker: 'a US official familiar with the matter' });
    expect(find(2, 'If that partner learned')).toMatchObject({ outlet: 'The Washington Post', speaker: 'a US official familiar with the matter', speakerMention: 'the US official' });
  });

  it('leaves unknown the speaker the text never names', () => {
    expect(find(1, 'Regrettably, the time President Trump spent')).toMatchObject({ kind: 'direct', speaker: null });
  });

  it('does not make statements of photo credits or section headings', () => {
    const texts = lines[1]!.statements.map((s) => s.text);
    expect(texts.some((t) => /Photo\/AP/.test(t))).toBe(false);
    expect(texts).not.toContain('The fallout');
    expect(texts).not.toContain('Defiant Trump');
  });

  it('gives offsets and paragraph numbers into the text as loaded', async () => {
    const { loadPath } = await import('../src/ingest/index.js');
    const { articles } = await loadPath(seeds[2]!);
    const text = articles[0]!.text;
    for (const s of lines[2]!.statements) {
      expect(text.slice(s.start, s.end)).toBe(s.text);
      expect(text.split('\n')[s.paragraph]).toContain(s.text);
    }
  });
});

describe('factbot extract on inputs holding several articles', () => {
  it('prints one line per article of a JSON Lines file, and a readable listing without --json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'factbot-cli-extract-jsonl-'));
    try {
      const file = join(dir, 'two.jsonl');
      writeFileSync(file, [
        JSON.stringify({ text: '"The roof leaks," Maria Lopez said.', title: 'One' }),
        JSON.stringify({ text: 'The mayor said the bridge will open in May.', title: 'Two' }),
      ].join('\n'));
      const json = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'extract', file, '--json'], { cwd: root, encoding: 'utf8' });
      const out = json.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Line);
      expect(out.map((l) => [l.file, l.article?.title, l.statements[0]?.speaker])).toEqual([
        [file, 'One', 'Maria Lopez'],
        [file, 'Two', 'The mayor'],
      ]);
      const text = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'extract', file], { cwd: root, encoding: 'utf8' });
      expect(text.status).toBe(0);
      expect(text.stdout).toContain('Maria Lopez');
      expect(text.stdout).toContain('"The roof leaks"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
