import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../src/dispatch/index.js';
import type { Invocation } from '../src/domain/command.js';
import type { Reply } from '../src/domain/reply.js';
import { openStore } from '../src/store/index.js';
import type { Store } from '../src/store/types.js';
import { createCorpus, type CorpusRuntime } from '../src/corpus/index.js';
import { ManualClock } from '../src/digest/clock.js';
import { startDigests, type DigestRuntime } from '../src/digest/index.js';
import { composeDigest, gatherCorrections, type CorrectedArticle, type DigestArticle, type DigestStatement } from '../src/digest/compose.js';
import { article, quote } from './store-suite.js';
import { renderReply as renderSlack } from '../src/platforms/slack/render.js';
import { renderReply as renderDiscord } from '../src/platforms/discord/render.js';
import { renderReply as renderConsole } from '../src/platforms/console/render.js';
import { MAX_BLOCKS, MAX_SECTION_TEXT } from '../src/platforms/slack/limits.js';
import { MAX_CONTENT, MAX_EMBEDS, MAX_EMBED_DESCRIPTION, MAX_EMBED_TOTAL } from '../src/platforms/discord/limits.js';
import { RecordingPoster, advanceTo, servicesFor } from './digest-fakes.js';
import { createTestDatabase, testDatabaseSkipReason, testDatabaseUrl } from './setup/pg.js';

/**
 * QA 9, findings 7 and 8, through the real store, corpus and data-folder sync on a manual clock:
 * a correction to an article a digest showed is reported by the next digest ("Corrected since the
 * last digest", with the quote as it now reads), once; and a file renamed, then corrected, is a
 * correction, not a new article.
 */

const root = mkdtempSync(join(tmpdir(), 'factbot-digest-corrections-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const running: DigestRuntime[] = [];
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
  for (const close of closers.splice(0).reverse()) await close();
});

const slackUser: Invocation = { platform: 'slack', userId: 'U1', channelId: 'C-corrections', teamId: 'T1' };
const section = (reply: Reply, heading: RegExp) => reply.sections.find((s) => heading.test(s.heading ?? ''));
const titles = (reply: Reply, heading: RegExp) => section(reply, heading)?.articles?.map((a) => a.title) ?? [];

const PIER = (when: string) => `Pier works delayed\n"The pier will be finished by ${when}," harbour master Anil Vaswani said on Monday.\nThe works started in May.\n`;
const BRIDGE = (weeks: string) => `Bridge to close\n"The bridge will close for ${weeks} weeks," engineer Ruth Calder said.\n`;
const SCHOOL = 'School to reopen\n"The school reopens on Monday," head teacher Bob Quill said.\n';

const PG_URL = testDatabaseUrl();
if (!PG_URL) console.warn(`digest-corrections: PostgreSQL run skipped: ${testDatabaseSkipReason()}`);

/** The embedded store in memory, or a fresh database on the test PostgreSQL server; both on the manual clock. */
/** The digest scheduler on the manual clock, posting to a recording Slack poster (stopped after each test). */
async function startRecorded(store: Store, corpus: CorpusRuntime, clock: ManualClock) {
  const services = servicesFor(store, corpus, clock, { timezone: 'UTC' });
  const poster = new RecordingPoster('slack', clock);
  const rt = await startDigests({
    services,
    posters: [poster],
    config: { timezone: 'UTC', digest: { schedules: [], postEmpty: false } },
    clock,
    resyncMs: 24 * 60 * 60_000,
  });
  running.push(rt);
  return { services, poster, rt };
}

async function openOn(engine: 'pglite' | 'postgres', clock: ManualClock) {
  if (engine === 'pglite') return openStore({ memory: true, now: () => clock.now() });
  const db = await createTestDatabase(PG_URL);
  closers.unshift(() => db.drop());
  return openStore({ databaseUrl: db.url, now: () => clock.now() });
}

describe.each([
  ['pglite', true],
  ['postgres', Boolean(PG_URL)],
] as const)('corrections in digests on %s (real store and data folder, manual clock)', (engine, available) => {
  it.skipIf(!available)('reports a corrected article once, with the quote as it now reads; a renamed then corrected file is a correction, not a new article', async () => {
    const dir = join(root, `data-${engine}`);
    const articles = join(dir, 'articles');
    mkdirSync(articles, { recursive: true });
    const write = (name: string, text: string) => writeFileSync(join(articles, name), text);

    const clock = new ManualClock('2026-03-16T07:00:00Z');
    const store = await openOn(engine, clock);
    const corpus = await createCorpus({ store });
    closers.push(async () => {
      await corpus.close();
      await store.close();
    });
    const { services, poster, rt } = await startRecorded(store, corpus, clock);
    expect((await runCommand(services, { ...slackUser, subcommand: 'subscribe' }, 'digest', { schedule: 'daily 09:00' })).isError).toBeFalsy();

    // Monday: two articles, digested at 09:00.
    clock.set('2026-03-16T07:30:00Z');
    write('pier.txt', PIER('spring'));
    write('bridge.txt', BRIDGE('three'));
    expect((await corpus.syncDataDir(dir)).added).toBe(2);
    await advanceTo(clock, [rt], '2026-03-16T10:00:00Z');
    expect(poster.posts).toHaveLength(1);
    expect(titles(poster.posts[0]!.reply, /New articles/).sort()).toEqual(['Bridge to close', 'Pier works delayed']);
    expect(section(poster.posts[0]!.reply, /Corrected/)).toBeUndefined();

    // Monday noon: the pier article is corrected, and a new one comes in.
    clock.set('2026-03-16T12:00:00Z');
    write('pier.txt', PIER('summer'));
    write('school.txt', SCHOOL);
    const noon = await corpus.syncDataDir(dir);
    expect(noon).toMatchObject({ added: 1, updated: 1 });

    // The preview already says so, to whoever asks.
    const preview = await runCommand(services, { ...slackUser, subcommand: 'preview' }, 'digest', {});
    expect(titles(preview, /Corrected since the last digest/)).toEqual(['Pier works delayed']);

    // Tuesday: the new article, and the correction with the quote as it now reads.
    await advanceTo(clock, [rt], '2026-03-17T10:00:00Z');
    expect(poster.posts).toHaveLength(2);
    const tuesday = poster.posts[1]!.reply;
    expect(tuesday.title).toBe('factbot digest: 1 new article, 1 corrected');
    expect(titles(tuesday, /New articles/)).toEqual(['School to reopen']);
    const corrected = section(tuesday, /Corrected since the last digest/)!;
    expect(corrected.articles!.map((a) => a.title)).toEqual(['Pier works delayed']);
    expect(corrected.articles![0]!.now).toEqual(['“The pier will be finished by summer” — Anil Vaswani']);
    // Every platform shows it.
    const slack = JSON.stringify(renderSlack(tuesday, { share: false, more: false, ephemeral: false }).blocks);
    expect(slack).toContain('Corrected since the last digest');
    expect(slack).toContain('The pier will be finished by summer');
    const discord = renderDiscord(tuesday);
    expect(discord.embeds.map((e) => e.description ?? '').join('\n')).toContain('The pier will be finished by summer');
    expect(renderConsole(tuesday)).toMatch(/now: “The pier will be finished by summer” — Anil Vaswani/);

    // Wednesday 09:00: nothing new, nothing corrected since Tuesday's digest: no post (the
    // correction is not reported twice). Then bridge.txt is renamed (unchanged), then corrected.
    await advanceTo(clock, [rt], '2026-03-18T10:00:00Z');
    expect(poster.posts).toHaveLength(2);
    clock.set('2026-03-18T12:00:00Z');
    renameSync(join(articles, 'bridge.txt'), join(articles, '2026-bridge.txt'));
    expect(await corpus.syncDataDir(dir)).toMatchObject({ added: 0, updated: 0, removed: 0 });
    clock.set('2026-03-18T13:00:00Z');
    write('2026-bridge.txt', BRIDGE('four'));
    expect(await corpus.syncDataDir(dir)).toMatchObject({ added: 0, updated: 1 });

    // Thursday: no new article (the bridge is not one), one correction.
    await advanceTo(clock, [rt], '2026-03-19T10:00:00Z');
    expect(poster.posts).toHaveLength(3);
    const thursday = poster.posts[2]!.reply;
    expect(thursday.title).toBe('factbot digest: 1 corrected article');
    expect(section(thursday, /New articles/)).toBeUndefined();
    expect(titles(thursday, /Corrected since the last digest/)).toEqual(['Bridge to close']);
    expect(section(thursday, /Corrected/)!.articles![0]!.now).toEqual(['“The bridge will close for four weeks” — Ruth Calder']);
    // The search answers with the correction only.
    expect((await store.listArticles()).map((a) => a.title).sort()).toEqual(['Bridge to close', 'Pier works delayed', 'School to reopen']);
  }, 60_000);
});

describe('corrections and coverage', () => {
  it('a channel subscribed after an article was stored is not told of its correction (no digest showed it)', async () => {
    const dir = join(root, 'late');
    const articles = join(dir, 'articles');
    mkdirSync(articles, { recursive: true });
    const clock = new ManualClock('2026-03-16T07:00:00Z');
    const store = await openStore({ memory: true, now: () => clock.now() });
    const corpus = await createCorpus({ store });
    closers.push(async () => {
      await corpus.close();
      await store.close();
    });
    writeFileSync(join(articles, 'pier.txt'), PIER('spring'));
    await corpus.syncDataDir(dir);
    clock.set('2026-03-16T08:00:00Z');
    const { services, poster, rt } = await startRecorded(store, corpus, clock);
    await runCommand(services, { ...slackUser, channelId: 'C-late', subcommand: 'subscribe' }, 'digest', { schedule: 'daily 09:00' });
    clock.set('2026-03-16T08:30:00Z');
    writeFileSync(join(articles, 'school.txt'), SCHOOL);
    await corpus.syncDataDir(dir);
    await advanceTo(clock, [rt], '2026-03-16T10:00:00Z');
    expect(poster.posts).toHaveLength(1);
    clock.set('2026-03-16T12:00:00Z');
    writeFileSync(join(articles, 'pier.txt'), PIER('summer'));
    await corpus.syncDataDir(dir);
    await advanceTo(clock, [rt], '2026-03-17T10:00:00Z');
    expect(poster.posts).toHaveLength(1);
  }, 60_000);
});

describe('corrections of syndicated copies (real store)', () => {
  it('a wire story corrected on every site that printed it is one correction, naming the other sites', async () => {
    let now = new Date('2026-03-16T08:00:00Z');
    const store = await openStore({ memory: true, now: () => now });
    closers.push(() => store.close());
    const wire = 'Harbour fees rise. "Fees will rise by ten percent," port chief Ann Vale said.';
    const sites = ['Polar Wire', 'Fjord Herald', 'Lakeshore Gazette'];
    for (const [i, outlet] of sites.entries()) {
      await store.upsertArticle(article(`w${i}`, { text: wire, outlet, title: 'Harbour fees rise', contentHash: `w${i}-1` }), [
        quote('Fees will rise by ten percent', 'Ann Vale'),
      ]);
    }
    await store.upsertArticle(article('other', { text: 'Ferry late. "We are sorry," Bob Quill said.', outlet: 'Polar Wire', contentHash: 'o-1' }), [
      quote('We are sorry', 'Bob Quill'),
    ]);
    const covered = new Date('2026-03-16T08:00:00Z');
    const claimed = new Date('2026-03-16T09:00:00Z');
    now = new Date('2026-03-16T12:00:00Z');
    const fixed = wire.replace('ten', 'twelve');
    for (const [i, outlet] of sites.entries()) {
      await store.upsertArticle(article(`w${i}`, { text: fixed, outlet, title: 'Harbour fees rise', contentHash: `w${i}-2` }), [
        quote('Fees will rise by twelve percent', 'Ann Vale'),
      ]);
    }
    const found = await gatherCorrections(store, { coveredFrom: null, coveredUntil: covered, changedAfter: claimed });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ title: 'Harbour fees rise', changedAt: now.toISOString() });
    expect([found[0]!.outlet, ...(found[0]!.carriedBy ?? [])].sort()).toEqual([...sites].sort());
    expect(found[0]!.statements.map((s) => s.quote)).toEqual(['Fees will rise by twelve percent']);
    // Nothing changed after a later claim; nothing is covered before the articles came in.
    expect(await gatherCorrections(store, { coveredFrom: null, coveredUntil: covered, changedAfter: now })).toEqual([]);
    expect(await gatherCorrections(store, { coveredFrom: null, coveredUntil: new Date('2026-03-16T07:00:00Z'), changedAfter: claimed })).toEqual([]);
  }, 30_000);
});

describe('a digest with many corrections keeps within each platform’s limits', () => {
  const ref = (i: number) => ({
    id: `a${i}`,
    title: `A rather long headline for article number ${i} about the harbour and the ferry ${'x'.repeat(150)}`,
    outlet: `The Outlet Number ${i} Gazette`,
    url: `https://news.test/${i}/${'p'.repeat(200)}`,
    published: '2026-03-16',
  });
  const statement = (i: number, j: number): DigestStatement => ({
    id: `a${i}:${j}`,
    clusterId: `a${i}:${j}`,
    kind: 'direct',
    quote: `Quote ${j} of article ${i} says something rather long and notable about the harbour ${'q'.repeat(300)}`,
    text: `"Quote ${j}…," Someone said.`,
    speaker: `Speaker ${j}`,
    speakerRole: null,
    outlet: null,
    cue: 'said',
    article: ref(i),
    corroboration: { articles: j === 0 ? 2 : 1, outlets: j === 0 ? ['A', 'B'] : ['A'], firstOutlet: null },
  });
  const articles: DigestArticle[] = Array.from({ length: 30 }, (_, i) => ({ ...ref(i), ingestedAt: '2026-03-16T08:00:00Z' }));
  const corrected: CorrectedArticle[] = Array.from({ length: 40 }, (_, i) => ({
    ...ref(100 + i),
    changedAt: '2026-03-16T12:00:00Z',
    statements: Array.from({ length: 4 }, (_, j) => ({ kind: 'direct' as const, quote: `Corrected quote ${j} ${'c'.repeat(600)}`, text: 'x', speaker: 'Ann Vale' })),
  }));
  const composed = composeDigest(
    {
      since: new Date('2026-03-15T09:00:00Z'),
      articles,
      corrected,
      statements: articles.flatMap((_, i) => [0, 1, 2].map((j) => statement(i, j))),
      speakerCounts: new Map(),
      timezone: 'UTC',
    },
    { postEmpty: false },
  );
  const reply = composed.reply!;

  it('lists at most five corrected articles with two changed quotes each, and says how many more', () => {
    const sec = reply.sections.find((s) => s.heading === 'Corrected since the last digest')!;
    expect(sec.articles).toHaveLength(5);
    expect(sec.articles![0]!.now).toHaveLength(3);
    expect(sec.articles![0]!.now![2]).toBe('…and 2 more changed sentences');
    expect(sec.lines).toEqual(['…and 35 more corrected articles.']);
    expect(composed.corrected).toBe(5);
    // One notable quote fewer, so the corrections' embed keeps Discord at ten.
    expect(composed.quotes + composed.corroborated).toBe(8);
  });

  it('Discord: ten embeds at most, within the sizes, no quote dropped for the corrections', () => {
    const m = renderDiscord(reply);
    expect(m.embeds.length).toBeLessThanOrEqual(MAX_EMBEDS);
    expect(m.content.length).toBeLessThanOrEqual(MAX_CONTENT);
    expect(m.content).not.toMatch(/not shown/);
    const total = m.embeds.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0) + (e.fields ?? []).reduce((k, f) => k + f.name.length + f.value.length, 0), 0);
    expect(total).toBeLessThanOrEqual(MAX_EMBED_TOTAL);
    for (const e of m.embeds) expect((e.description ?? '').length).toBeLessThanOrEqual(MAX_EMBED_DESCRIPTION);
    expect(m.embeds.some((e) => e.title === 'Corrected since the last digest')).toBe(true);
  });

  it('Slack: fifty blocks at most, each section within its limit, the corrections shown', () => {
    const m = renderSlack(reply, { share: false, more: false, ephemeral: false });
    expect(m.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    for (const b of m.blocks) if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    expect(JSON.stringify(m.blocks)).toContain('Corrected since the last digest');
    expect(JSON.stringify(m.blocks)).toContain('_now:_');
  });
});
