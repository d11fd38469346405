import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runCommand, type BotServices } from '../src/dispatch/index.js';
import type { Invocation } from '../src/domain/command.js';
import type { Reply } from '../src/domain/reply.js';
import { openStore } from '../src/store/index.js';
import type { Store } from '../src/store/types.js';
import { createCorpus, type CorpusRuntime } from '../src/corpus/index.js';
import { commands } from '../commands/index.js';
import { ManualClock } from '../src/digest/clock.js';
import { startDigests, type DigestRuntime } from '../src/digest/index.js';
import { seedServices } from './helpers/corpus.js';
import { createTestDatabase, testDatabaseSkipReason, testDatabaseUrl } from './setup/pg.js';
import { RecordingPoster, advanceTo } from './digest-fakes.js';

/**
 * Digests on the real store: the corpus growing between slots (embedded PGlite), and two
 * schedulers sharing one PostgreSQL database posting each slot once, then a restart that missed
 * slots posting exactly one catch-up.
 */

const dir = mkdtempSync(join(tmpdir(), 'factbot-digest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeArticle(name: string, meta: { title: string; outlet: string; url: string; published: string }, paragraphs: string[]): string {
  const file = join(dir, `${name}.md`);
  const front = Object.entries(meta)
    .map(([k, v]) => `${k}: "${v}"`)
    .join('\n');
  writeFileSync(file, `---\n${front}\n---\n\n${paragraphs.join('\n\n')}\n`);
  return file;
}

const FALSE_STORY = 'The story that came out tonight as reported is false';
const article1 = () =>
  writeArticle(
    'ap-mcmaster',
    { title: 'McMaster denies report on Lavrov meeting', outlet: 'AP', url: 'https://apnews.test/mcmaster', published: '2017-05-15' },
    [
      `National Security Adviser H.R. McMaster spoke to reporters outside the White House on Monday evening.`,
      `"${FALSE_STORY}," McMaster said.`,
    ],
  );
const article2 = () =>
  writeArticle(
    'reuters-mcmaster',
    { title: 'White House pushes back on classified information report', outlet: 'Reuters', url: 'https://reuters.test/pushback', published: '2017-05-16' },
    [
      `The White House pushed back on Tuesday against reports about the meeting with Russian officials.`,
      `"${FALSE_STORY}," McMaster told reporters on Monday.`,
      `"The president wanted to share information that was wholly appropriate," Dina Powell said.`,
    ],
  );
const article3 = () =>
  writeArticle(
    'bbc-israel',
    { title: 'Israel said to be source of intelligence', outlet: 'BBC', url: 'https://bbc.test/israel', published: '2017-05-17' },
    [`"We have full confidence in our intelligence-sharing relationship with the United States," Ron Dermer said.`],
  );

const slackUser: Invocation = { platform: 'slack', userId: 'U1', channelId: 'C-digest-store', teamId: 'T1' };
const articleTitles = (reply: Reply) => reply.sections.find((s) => s.heading === 'New articles')?.articles?.map((a) => a.title) ?? [];
const allQuotes = (reply: Reply) => reply.sections.flatMap((s) => s.items.map((i) => i.quote));

const running: DigestRuntime[] = [];
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
  for (const close of closers.splice(0).reverse()) await close();
});

describe('digests on the embedded store', () => {
  it('each digest covers exactly what the corpus gained since the previous one', async () => {
    const clock = new ManualClock('2026-03-16T07:00:00Z');
    const seeded = await seedServices({ dir: null, now: () => clock.now(), timezone: 'UTC' });
    closers.push(() => seeded.close());
    const poster = new RecordingPoster('slack', clock);
    const rt = await startDigests({
      services: seeded.services,
      posters: [poster],
      config: { timezone: 'UTC', digest: { schedules: [], postEmpty: false } },
      clock,
      resyncMs: 24 * 60 * 60_000,
    });
    running.push(rt);
    const sub = await runCommand(seeded.services, { ...slackUser, subcommand: 'subscribe' }, 'digest', { schedule: 'daily 09:00' });
    expect(sub.isError).toBeFalsy();

    clock.set('2026-03-16T07:30:00Z'); // the store stamps ingest times with this clock too
    const first = await seeded.corpus.ingest([article1()]);
    expect(first.errors).toEqual([]);
    await advanceTo(clock, [rt], '2026-03-16T10:00:00Z');
    expect(poster.posts).toHaveLength(1);
    expect(articleTitles(poster.posts[0]!.reply)).toEqual(['McMaster denies report on Lavrov meeting']);
    expect(allQuotes(poster.posts[0]!.reply)).toContain(FALSE_STORY);

    // The corpus grows between two slots: the next digest has only the new articles, and the
    // quote the new Reuters article shares with AP is corroborated by two outlets.
    const more = await seeded.corpus.ingest([article2(), article3()]);
    expect(more.errors).toEqual([]);
    await advanceTo(clock, [rt], '2026-03-17T10:00:00Z');
    expect(poster.posts).toHaveLength(2);
    const second = poster.posts[1]!.reply;
    expect(articleTitles(second).sort()).toEqual(['Israel said to be source of intelligence', 'White House pushes back on classified information report']);
    const corroborated = second.sections.find((s) => /several outlets/.test(s.heading ?? ''));
    expect(corroborated?.items.map((i) => i.quote)).toContain(FALSE_STORY);
    expect(corroborated?.items.find((i) => i.quote === FALSE_STORY)?.corroboration.outlets.sort()).toEqual(['AP', 'Reuters']);

    // Nothing new: no post, and /digest list says so.
    await advanceTo(clock, [rt], '2026-03-18T10:00:00Z');
    expect(poster.posts).toHaveLength(2);
    const list = await runCommand(seeded.services, { ...slackUser, subcommand: 'list' }, 'digest', {});
    expect(list.sections[0]!.lines![0]).toMatch(/last: nothing new for Wed, 18 Mar 2026, 09:00/);
  });
});

describe('digests across a restart of the embedded store on disk', () => {
  it('resumes the subscription from data/ and posts one catch-up for the slots missed while stopped', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'factbot-digest-data-'));
    closers.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const clock = new ManualClock('2026-03-16T07:00:00Z');
    const config = { timezone: 'UTC', digest: { schedules: [], postEmpty: false } };
    const open = async () => {
      const store = await openStore({ dataDir, now: () => clock.now() });
      const corpus = await createCorpus({ store });
      const services: BotServices = { commands, corpus, store, now: () => clock.now(), timezone: 'UTC', digestAdmins: [] };
      const close = async () => {
        await corpus.close();
        await store.close();
      };
      return { store, corpus, services, close };
    };

    const first = await open();
    const poster = new RecordingPoster('slack', clock);
    let rt = await startDigests({ services: first.services, posters: [poster], config, clock, resyncMs: 24 * 60 * 60_000 });
    await runCommand(first.services, { ...slackUser, subcommand: 'subscribe' }, 'digest', { schedule: 'daily 09:00' });
    clock.set('2026-03-16T08:00:00Z');
    await first.corpus.ingest([article1()]);
    await advanceTo(clock, [rt], '2026-03-16T10:00:00Z');
    expect(poster.posts).toHaveLength(1);
    await rt.stop();
    await first.close();

    // Stopped over three slots; then the process starts again on the same data folder.
    clock.set('2026-03-19T11:00:00Z');
    const second = await open();
    closers.push(second.close);
    await second.corpus.ingest([article2()]);
    rt = await startDigests({ services: second.services, posters: [poster], config, clock, resyncMs: 24 * 60 * 60_000 });
    running.push(rt);
    await advanceTo(clock, [rt], '2026-03-19T11:00:00Z');
    expect(poster.posts).toHaveLength(2);
    expect(articleTitles(poster.posts[1]!.reply)).toEqual(['White House pushes back on classified information report']);
    const subs = await second.store.listSubscriptions();
    expect(subs).toHaveLength(1);
    expect(new Date((await second.store.lastDigestRun(subs[0]!.id))!.slot).toISOString()).toBe('2026-03-19T09:00:00.000Z');
  });
});

const PG_URL = testDatabaseUrl();
if (!PG_URL) console.warn(`digest-store: skipping the two-process PostgreSQL digest test: ${testDatabaseSkipReason()}`);

/** A database of our own on the test server, so other test files' subscriptions stay out of view. */
async function freshDatabase(): Promise<string> {
  const db = await createTestDatabase(PG_URL);
  closers.unshift(() => db.drop());
  return db.url;
}

interface Process {
  store: Store;
  corpus: CorpusRuntime;
  services: BotServices;
}

/** One "bot process": its own connection pool, corpus and index over the shared database. */
async function botProcess(databaseUrl: string, clock: ManualClock): Promise<Process> {
  const store = await openStore({ databaseUrl });
  const corpus = await createCorpus({ store });
  closers.push(async () => {
    await corpus.close();
    await store.close();
  });
  const services: BotServices = { commands, corpus, store, now: () => clock.now(), timezone: 'UTC', digestAdmins: [] };
  return { store, corpus, services };
}

describe.skipIf(!PG_URL)('digests on one PostgreSQL database shared by two bot processes', () => {
  it('posts each slot once, and a restart after missed slots posts exactly one catch-up', async () => {
    const url = await freshDatabase();
    const clock = new ManualClock('2026-03-16T07:00:00Z');
    const a = await botProcess(url, clock);
    const b = await botProcess(url, clock);
    const posterA = new RecordingPoster('slack', clock);
    const posterB = new RecordingPoster('slack', clock);
    const config = { timezone: 'UTC', digest: { schedules: [], postEmpty: true } };
    const rtA = await startDigests({ services: a.services, posters: [posterA], config, clock, resyncMs: 24 * 60 * 60_000 });
    const rtB = await startDigests({ services: b.services, posters: [posterB], config, clock, resyncMs: 24 * 60 * 60_000 });
    running.push(rtA, rtB);

    const sub = await runCommand(a.services, { ...slackUser, subcommand: 'subscribe' }, 'digest', { schedule: 'daily 09:00' });
    expect(sub.isError).toBeFalsy();
    await a.corpus.ingest([article1()]);
    await advanceTo(clock, [rtA, rtB], '2026-03-19T10:00:00Z');

    const posts = [...posterA.posts, ...posterB.posts].map((p) => p.at.toISOString()).sort();
    expect(posts).toEqual(['2026-03-16T09:00:00.000Z', '2026-03-17T09:00:00.000Z', '2026-03-18T09:00:00.000Z', '2026-03-19T09:00:00.000Z']);
    // Both processes tried every slot; the database gave each slot to one of them.
    const outcomes = [...rtA.outcomes, ...rtB.outcomes];
    expect(outcomes.filter((o) => o.status === 'claimed-elsewhere')).toHaveLength(4);

    // Both processes go down; three slots pass; the corpus grows meanwhile.
    await rtA.stop();
    await rtB.stop();
    await b.corpus.ingest([article2(), article3()]);
    clock.set('2026-03-22T12:00:00Z');
    const posterC = new RecordingPoster('slack', clock);
    const posterD = new RecordingPoster('slack', clock);
    // Two processes restart at once: still one catch-up between them.
    const rtC = await startDigests({ services: a.services, posters: [posterC], config, clock, resyncMs: 24 * 60 * 60_000 });
    const rtD = await startDigests({ services: b.services, posters: [posterD], config, clock, resyncMs: 24 * 60 * 60_000 });
    running.push(rtC, rtD);
    await advanceTo(clock, [rtC, rtD], '2026-03-22T12:00:00Z');
    const catchUps = [...posterC.posts, ...posterD.posts];
    expect(catchUps).toHaveLength(1);
    expect(articleTitles(catchUps[0]!.reply).sort()).toEqual([
      'Israel said to be source of intelligence',
      'White House pushes back on classified information report',
    ]);
    const subId = (await a.store.listSubscriptions({ platform: 'slack', channelId: slackUser.channelId }))[0]!.id;
    const last = await b.store.lastDigestRun(subId);
    expect(new Date(last!.slot).toISOString()).toBe('2026-03-22T09:00:00.000Z');
    expect(last?.status).toBe('posted');
  });
});
