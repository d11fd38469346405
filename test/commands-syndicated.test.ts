import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.js';
import { createCorpus } from '../src/corpus/index.js';
import { runCommand, type BotServices } from '../src/dispatch/index.js';
import { renderReply } from '../src/platforms/console/render.js';
import { openStore } from '../src/store/index.js';
import { seedArticles, testInvocation, type SeededServices } from './helpers/corpus.js';
import { createTestDatabase, testDatabaseSkipReason, testDatabaseUrl } from './setup/pg.js';

// QA 8, 26: one wire story printed word for word by three sites (same text) is one report, not
// three independent ones, but the answer named one paper and the others were invisible.
const page = (site: string, slug: string, extra = '') => `<!doctype html><html><head><meta charset="utf-8"><title>Glacier retreat speeds up</title>
<meta property="og:site_name" content="${site}"><link rel="canonical" href="https://${slug}.example/glacier"></head><body>
<article><h1>Glacier retreat speeds up</h1>
<p>NUUKVIK (Polar Wire) - The Sermeq Tarsuk glacier retreated 900 metres last summer, the fastest on record, scientists said on Monday.</p>
<p>"We are watching a glacier die in real time," glaciologist Aputsiaq Lindqvist-Olsen told Polar Wire.</p>
<p>The ice shelf lost a third of its area since 2010.</p>${extra}
</article></body></html>`;

const SITES = ['Lakeshore Gazette', 'Ridgeway Tribune', 'Quarry Hill Post'];

let wire: SeededServices;
let mixed: SeededServices;
beforeAll(async () => {
  wire = await seedArticles({
    'lakeshore.html': page('Lakeshore Gazette', 'lakeshore'),
    'ridgeway.html': page('Ridgeway Tribune', 'ridgeway'),
    'quarry.html': page('Quarry Hill Post', 'quarry'),
  });
  // The same quote also in an independent report of another outlet: that one does count.
  mixed = await seedArticles({
    'lakeshore.html': page('Lakeshore Gazette', 'lakeshore'),
    'ridgeway.html': page('Ridgeway Tribune', 'ridgeway'),
    'quarry.html': page('Quarry Hill Post', 'quarry'),
    'coastal.md':
      '---\ntitle: Ice loss\noutlet: Coastal Times\n---\n\nScientists flew over the ice sheet in August.\n\n' +
      '"We are watching a glacier die in real time," Aputsiaq Lindqvist-Olsen told the Coastal Times.\n',
  });
});
afterAll(async () => {
  await wire?.close();
  await mixed?.close();
});

const quote = async (s: SeededServices) => {
  const r = await runCommand(s.services, testInvocation(), 'quote', { query: 'watching a glacier die' });
  const items = r.sections.flatMap((x) => x.items);
  return { r, items };
};

describe('syndicated copies: one report that names every site that carried it', () => {
  it('/quote counts the copies once and says who else carried them', async () => {
    expect(await wire.store.countArticles()).toBe(3);
    const { r, items } = await quote(wire);
    expect(items).toHaveLength(1);
    const [item] = items;
    expect(item!.corroboration.articles).toBe(1);
    // Whichever copy is shown, the other two are named, and never the shown one itself.
    const shown = item!.article.outlet!;
    expect(SITES).toContain(shown);
    expect([...(item!.corroboration.carriedBy ?? [])].sort()).toEqual(SITES.filter((s) => s !== shown).sort());
    expect(item!.corroboration.outlets).not.toContain(SITES.find((s) => s !== shown));
    const text = renderReply(r);
    expect(text).toMatch(/also carried by (Lakeshore Gazette|Ridgeway Tribune|Quarry Hill Post), (Lakeshore Gazette|Ridgeway Tribune|Quarry Hill Post)/);
  });

  it('/sources counts one article and names the sites that printed the same text', async () => {
    const r = await runCommand(wire.services, testInvocation(), 'sources', { claim: 'the glacier retreated 900 metres' });
    expect(r.text).toMatch(/^1 article reports matching statements/);
    const items = r.sections.flatMap((x) => x.items);
    expect(items).toHaveLength(1);
    const shown = items[0]!.article.outlet!;
    const others = SITES.filter((s) => s !== shown);
    expect(r.text).toContain(`outlets named: ${shown}`);
    expect(r.text).toMatch(new RegExp(`the same text was also carried by (${others.join('|')}), (${others.join('|')})\\.$`));
  });

  it('a sentence without a quote or a speaker is shown and counted once too', async () => {
    const q = await runCommand(wire.services, testInvocation(), 'quote', { query: 'ice shelf lost a third of its area' });
    const items = q.sections.flatMap((x) => x.items);
    expect(items).toHaveLength(1);
    expect(items[0]!.kind).toBe('statement');
    expect(items[0]!.corroboration.articles).toBe(1);
    expect([items[0]!.article.outlet, ...(items[0]!.corroboration.carriedBy ?? [])].sort()).toEqual([...SITES].sort());

    const r = await runCommand(wire.services, testInvocation(), 'sources', { claim: 'the ice shelf lost a third of its area' });
    expect(r.text).toMatch(/^1 article reports matching statements/);
    expect(r.text).toMatch(/the same text was also carried by [^.]+, [^.]+\.$/);
    expect(r.sections.flatMap((x) => x.items)).toHaveLength(1);
  });

  it('an independent report still counts, and the copies are named next to it', async () => {
    const { items } = await quote(mixed);
    expect(items).toHaveLength(1);
    const c = items[0]!.corroboration;
    expect(c.articles).toBe(2);
    expect(c.outlets).toContain('Coastal Times');
    const shown = items[0]!.article.outlet!;
    // The copies of the wire text that are not the one counted (nor the one shown).
    const carried = c.carriedBy ?? [];
    expect(carried).toHaveLength(2);
    for (const o of carried) expect(SITES).toContain(o);
    expect(carried).not.toContain(shown);
    expect(carried.filter((o) => c.outlets.includes(o))).toEqual([]);

    const r = await runCommand(mixed.services, testInvocation(), 'sources', { claim: 'we are watching a glacier die in real time' });
    expect(r.text).toMatch(/^2 articles report matching statements/);
    expect(r.text).toContain('Coastal Times');
    expect(r.text).toMatch(/the same text was also carried by [^.]+, [^.]+\.$/);
    const outlets = r.sections.flatMap((x) => x.items).map((i) => i.article.outlet);
    expect(outlets).toContain('Coastal Times');
    expect(outlets.filter((o) => SITES.includes(o!))).toHaveLength(1);
  });
});

const url = testDatabaseUrl();
if (!url) console.log(`commands-syndicated (PostgreSQL): skipped: ${testDatabaseSkipReason()}`);

describe.skipIf(!url)('syndicated copies on PostgreSQL', () => {
  it('/quote and /sources name the sites that carried one report', async () => {
    const db = await createTestDatabase(url!);
    const dir = await mkdtemp(join(tmpdir(), 'factbot-syndicated-'));
    const store = await openStore({ databaseUrl: db.url });
    const corpus = await createCorpus({ store });
    try {
      await writeFile(join(dir, 'lakeshore.html'), page('Lakeshore Gazette', 'lakeshore'));
      await writeFile(join(dir, 'ridgeway.html'), page('Ridgeway Tribune', 'ridgeway'));
      await corpus.syncDataDir(dir);
      // A third site's copy arriving later joins the stored ones.
      await writeFile(join(dir, 'quarry.html'), page('Quarry Hill Post', 'quarry'));
      await corpus.syncDataDir(dir);
      const services: BotServices = { commands, corpus, store, now: () => new Date(), timezone: 'UTC', digestAdmins: [] };
      for (const query of ['watching a glacier die', 'ice shelf lost a third of its area']) {
        const items = (await runCommand(services, testInvocation(), 'quote', { query })).sections.flatMap((x) => x.items);
        expect(items).toHaveLength(1);
        expect(items[0]!.corroboration.articles).toBe(1);
        expect([items[0]!.article.outlet, ...(items[0]!.corroboration.carriedBy ?? [])].sort()).toEqual([...SITES].sort());
      }
      const r = await runCommand(services, testInvocation(), 'sources', { claim: 'the glacier retreated 900 metres' });
      expect(r.text).toMatch(/^1 article reports matching statements.*the same text was also carried by [^.]+, [^.]+\.$/);
    } finally {
      await corpus.close();
      await store.close();
      await db.drop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
