import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedServices, type SeededServices } from './helpers/corpus.js';
import { childEnv, runWithInput, tempDataDir } from './helpers/spawn.js';

const STORY = `---
title: Senator questions the briefing
outlet: Reuters
url: https://example.com/senator-briefing
published: 2017-05-17
---
Senator Jane Holloway criticised the administration on Wednesday.
"Nobody in that room had the right to hand over an ally's secrets," Holloway told Reuters.
`;

describe('Corpus.ingest on the real store and index', () => {
  let seeded: SeededServices;
  let dir: string;
  beforeAll(async () => {
    seeded = await seedServices();
    dir = await mkdtemp(join(tmpdir(), 'factbot-ingest-'));
    await writeFile(join(dir, 'senator.md'), STORY);
    await writeFile(join(dir, 'broken.json'), '{ not json');
  });
  afterAll(async () => {
    await seeded?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores new articles, reports bad ones, and the index answers at once', async () => {
    const report = await seeded.corpus.ingest([dir]);
    expect(report.added).toBe(1);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]!.source).toMatch(/broken\.json/);
    const page = await seeded.corpus.search('hand over an ally secrets', { limit: 3 });
    const top = page.results[0]!;
    expect(top.statement.speaker).toMatch(/Holloway/);
    expect(top.statement.outlet).toBe('Reuters');
    expect(top.article).toMatchObject({ title: 'Senator questions the briefing', outlet: 'Reuters', url: 'https://example.com/senator-briefing' });
    expect(await seeded.corpus.resolveSpeaker('holloway')).toMatch(/Holloway/);
    const again = await seeded.corpus.ingest([join(dir, 'senator.md')]);
    expect(again).toMatchObject({ added: 0, unchanged: 1, errors: [] });
    expect((await seeded.corpus.stats()).articles).toBe(4);
  });
});

describe('Corpus.ingest of a web page', () => {
  let seeded: SeededServices;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    seeded = await seedServices({ dir: null });
    server = createServer((req, res) => {
      if (req.url === '/news/briefing') {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(`<!doctype html><html><head><title>Briefing row deepens</title>
          <meta property="og:site_name" content="Example News"></head><body><article>
          <h1>Briefing row deepens</h1>
          <p>The committee met on Thursday to discuss the disclosure and its consequences for allies.</p>
          <p>"We were never told what was shared with the Russians," Senator Mark Ellison told reporters after the hearing.</p>
          <p>The White House declined to comment on the hearing or on the senator's remarks.</p>
          </article></body></html>`);
      } else {
        res.statusCode = 404;
        res.end('not found');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await seeded?.close();
    await new Promise((r) => server?.close(r));
  });

  it('fetches, extracts and indexes a URL; a missing page is a reported error', async () => {
    const report = await seeded.corpus.ingest([`${base}/news/briefing`, `${base}/gone`]);
    expect(report.added).toBe(1);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]!.source).toContain('/gone');
    const page = await seeded.corpus.search('never told what was shared', { limit: 3 });
    expect(page.results[0]?.statement.speaker).toMatch(/Ellison/);
    expect(page.results[0]?.article.url).toBe(`${base}/news/briefing`);
  });
});

describe('factbot ingest (CLI)', () => {
  let data: Awaited<ReturnType<typeof tempDataDir>>;
  beforeAll(async () => {
    data = await tempDataDir();
  });
  afterAll(() => data?.remove());

  it('adds files to the store, names what failed, exits 1; search then finds the new article', async () => {
    const file = join(data.dir, 'incoming-senator.md');
    await writeFile(file, STORY);
    const r = await runWithInput('node', ['--import', 'tsx', 'src/cli/main.ts', 'ingest', file, join(data.dir, 'missing.txt')], childEnv(data.dir), '');
    expect(r.stdout).toMatch(/Ingested 1 article: 1 added, 0 updated, 0 unchanged; \d+ statements stored\./);
    expect(r.stderr).toMatch(/missing\.txt: /);
    expect(r.code).toBe(1);
    const s = await runWithInput('node', ['--import', 'tsx', 'src/cli/main.ts', 'search', 'right to hand over secrets', '--json'], childEnv(data.dir), '');
    expect(s.code).toBe(0);
    const results = JSON.parse(s.stdout) as Array<{ speaker: string | null; article: { title: string } }>;
    expect(results[0]).toMatchObject({ article: { title: 'Senator questions the briefing' } });
    expect(results[0]!.speaker).toMatch(/Holloway/);
  });
});
