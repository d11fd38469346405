import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../src/dispatch/index.js';
import type { Invocation } from '../src/domain/command.js';
import type { Reply, ReplyItem } from '../src/domain/reply.js';
import { ManualClock } from '../src/digest/clock.js';
import { startDigests, type DigestRuntime } from '../src/digest/index.js';
import { renderReply as renderConsole } from '../src/platforms/console/render.js';
import { renderReply as renderSlack } from '../src/platforms/slack/render.js';
import { renderReply as renderDiscord } from '../src/platforms/discord/render.js';
import { seedServices, type SeededServices } from './helpers/corpus.js';
import { RecordingPoster, advanceTo } from './digest-fakes.js';

/**
 * Digests follow the store's decision on syndicated copies (docs/store.md): one wire story
 * printed word for word by several sites is one report. It is listed once among the new articles
 * with the other sites named, its quotes name the sites that carried them and never count the
 * copies as independent outlets, and a copy arriving after the report was covered is not a new
 * article again. Real in-memory store and corpus, scheduler on a manual clock, all three renderers.
 */

const WIRE_QUOTE = 'We are watching a glacier die in real time';
const OWN_QUOTE = 'The meltwater is carving tunnels under the ice sheet faster than our models predicted';
const page = (site: string, slug: string) => `<!doctype html><html><head><meta charset="utf-8"><title>Glacier retreat speeds up</title>
<meta property="og:site_name" content="${site}"><link rel="canonical" href="https://${slug}.example/glacier"></head><body>
<article><h1>Glacier retreat speeds up</h1>
<p>NUUKVIK (Polar Wire) - The Sermeq Tarsuk glacier retreated 900 metres last summer, the fastest on record, scientists said on Monday.</p>
<p>"${WIRE_QUOTE}," glaciologist Aputsiaq Lindqvist-Olsen told Polar Wire.</p>
<p>"${OWN_QUOTE}," hydrologist Mette Qaavigaq told Polar Wire.</p>
<p>The ice shelf lost a third of its area since 2010.</p>
</article></body></html>`;
const SITES = ['Lakeshore Gazette', 'Ridgeway Tribune', 'Quarry Hill Post'];

const clock = new ManualClock('2026-03-16T07:00:00Z');
const slackUser: Invocation = { platform: 'slack', userId: 'U1', channelId: 'C-wire', teamId: 'T1' };
let dir: string;
let seeded: SeededServices;
let rt: DigestRuntime;
const poster = new RecordingPoster('slack', clock);

async function ingest(files: Record<string, string>): Promise<void> {
  const paths: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const p = join(dir, name);
    await writeFile(p, text);
    paths.push(p);
  }
  const report = await seeded.corpus.ingest(paths);
  expect(report.errors).toEqual([]);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'factbot-digest-wire-'));
  seeded = await seedServices({ dir: null, now: () => clock.now(), timezone: 'UTC' });
  rt = await startDigests({
    services: seeded.services,
    posters: [poster],
    config: { timezone: 'UTC', digest: { schedules: [], postEmpty: false } },
    clock,
    resyncMs: 24 * 60 * 60_000,
  });
  const sub = await runCommand(seeded.services, { ...slackUser, subcommand: 'subscribe' }, 'digest', { schedule: 'daily 09:00' });
  expect(sub.isError).toBeFalsy();
});
afterAll(async () => {
  await rt?.stop();
  await seeded?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const newArticles = (r: Reply) => r.sections.find((s) => s.heading === 'New articles');
const items = (r: Reply, heading: RegExp): ReplyItem[] => r.sections.find((s) => heading.test(s.heading ?? ''))?.items ?? [];
const byQuote = (r: Reply, q: string) => r.sections.flatMap((s) => s.items).filter((i) => i.quote.includes(q));

describe('digests and syndicated copies', () => {
  let first: Reply;

  it('lists one wire story once with the other sites named, and does not count the copies as outlets', async () => {
    clock.set('2026-03-16T07:30:00Z');
    await ingest({
      'lakeshore.html': page('Lakeshore Gazette', 'lakeshore'),
      'ridgeway.html': page('Ridgeway Tribune', 'ridgeway'),
      'quarry.html': page('Quarry Hill Post', 'quarry'),
      // An independent report of the same words: that one does corroborate them.
      'coastal.md':
        '---\ntitle: Ice loss\noutlet: Coastal Times\nurl: https://coastal.example/ice\n---\n\nScientists flew over the ice sheet in August.\n\n' +
        `"${WIRE_QUOTE}," Aputsiaq Lindqvist-Olsen told the Coastal Times.\n`,
    });
    // /digest preview (the command's own read of the corpus) lists the story once too.
    const preview = await runCommand(seeded.services, { ...slackUser, subcommand: 'preview' }, 'digest', {});
    expect(newArticles(preview)!.articles!.map((a) => a.title).sort()).toEqual(['Glacier retreat speeds up', 'Ice loss']);
    expect(newArticles(preview)!.articles!.find((a) => a.title === 'Glacier retreat speeds up')!.carriedBy).toHaveLength(2);

    await advanceTo(clock, [rt], '2026-03-16T10:00:00Z');
    expect(poster.posts).toHaveLength(1);
    first = poster.posts[0]!.reply;

    // Four stored articles, two reports.
    expect(first.title).toBe('factbot digest: 2 new articles');
    const listed = newArticles(first)!.articles!;
    expect(listed.map((a) => a.title).sort()).toEqual(['Glacier retreat speeds up', 'Ice loss']);
    const wire = listed.find((a) => a.title === 'Glacier retreat speeds up')!;
    expect(SITES).toContain(wire.outlet);
    expect([...(wire.carriedBy ?? [])].sort()).toEqual(SITES.filter((s) => s !== wire.outlet).sort());
    expect(listed.find((a) => a.title === 'Ice loss')!.carriedBy).toBeUndefined();

    // The shared quote: two independent reports (the wire text and Coastal Times), the copies named apart.
    const corroborated = items(first, /several outlets/);
    const shared = corroborated.find((i) => i.quote === WIRE_QUOTE)!;
    expect(shared).toBeDefined();
    expect(shared.corroboration.articles).toBe(2);
    const shown = shared.article.outlet!;
    const others = SITES.filter((s) => s !== shown);
    expect(SITES).toContain(shown);
    expect(shared.corroboration.outlets).toContain('Coastal Times');
    for (const o of others) expect(shared.corroboration.outlets).not.toContain(o);
    expect([...(shared.corroboration.carriedBy ?? [])].sort()).toEqual(others.sort());

    // The wire story's own quote: one report, whichever site printed it, with the carriers named;
    // told to Polar Wire and printed by a paper is two outlets but one report, not corroboration.
    const own = byQuote(first, OWN_QUOTE);
    expect(own).toHaveLength(1);
    expect(own[0]!.corroboration.articles).toBe(1);
    expect(items(first, /several outlets/).map((i) => i.quote)).not.toContain(OWN_QUOTE);
    expect(own[0]!.article.id).toBe(wire.id);
    expect([...(own[0]!.corroboration.carriedBy ?? [])].sort()).toEqual(SITES.filter((s) => s !== wire.outlet).sort());
    // Each quote once, from the listed copy of the wire story.
    expect(byQuote(first, WIRE_QUOTE)).toHaveLength(1);
  });

  it('renders the carriers in the article list and under the quotes on the console, Slack and Discord', () => {
    const wire = newArticles(first)!.articles!.find((a) => a.title === 'Glacier retreat speeds up')!;
    const [a, b] = [...wire.carriedBy!];
    const consoleText = renderConsole(first);
    expect(consoleText).toMatch(new RegExp(`• “Glacier retreat speeds up” — ${wire.outlet}.*\\(also carried by ${a}, ${b}\\)`));
    expect(consoleText.match(/Glacier retreat speeds up/g)!.length).toBeGreaterThanOrEqual(1);
    expect(consoleText).toMatch(/Reported in 2 articles[^\n]*also carried by/);

    const slack = JSON.stringify(renderSlack(first, { share: false, more: false, ephemeral: false }).blocks);
    expect(slack).toContain(`Glacier retreat speeds up>`);
    expect(slack).toMatch(new RegExp(`Glacier retreat speeds up>[^"]*· also carried by ${a}, ${b}`));
    expect(slack).toMatch(/reported in 2 articles[^"]*also carried by/);

    const discord = renderDiscord(first);
    const list = discord.embeds.find((e) => e.title === 'New articles')!;
    expect(list.description).toMatch(new RegExp(`Glacier retreat speeds up\\]\\([^)]*\\) — ${wire.outlet}[^\\n]*· also carried by ${a}, ${b}`));
    expect(list.description!.match(/Glacier retreat speeds up/g)).toHaveLength(1);
    const footers = discord.embeds.map((e) => e.footer?.text ?? '').join('\n');
    expect(footers).toMatch(/also carried by/);
  });

  it('a later copy of a story already covered is no new article: the new site is named, its quotes are not repeated', async () => {
    clock.set('2026-03-17T07:30:00Z');
    await ingest({
      'fjord.html': page('Fjord Herald', 'fjord'),
      'budget.md':
        '---\ntitle: Council passes budget\noutlet: Coastal Times\nurl: https://coastal.example/budget\n---\n\n' +
        '"This budget keeps every library open through the winter," Mayor Tova Brenning said.\n',
    });
    await advanceTo(clock, [rt], '2026-03-17T10:00:00Z');
    expect(poster.posts).toHaveLength(2);
    const second = poster.posts[1]!.reply;
    expect(second.title).toBe('factbot digest: 1 new article');
    const section = newArticles(second)!;
    expect(section.articles!.map((a) => a.title)).toEqual(['Council passes budget']);
    expect(section.lines).toEqual(['Fjord Herald also carried “Glacier retreat speeds up” (a copy of an article stored earlier, not listed again).']);
    expect(byQuote(second, OWN_QUOTE)).toEqual([]);
    expect(byQuote(second, WIRE_QUOTE)).toEqual([]);
    expect(renderConsole(second)).toContain('Fjord Herald also carried “Glacier retreat speeds up”');
  });
});
