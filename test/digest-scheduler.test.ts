import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../src/dispatch/index.js';
import type { Invocation } from '../src/domain/command.js';
import type { Reply } from '../src/domain/reply.js';
import { PostError } from '../src/platforms/types.js';
import { ManualClock } from '../src/digest/clock.js';
import { startDigests, type DigestRuntime } from '../src/digest/index.js';
import { FakeDigestStore, RecordingPoster, advanceTo, servicesFor } from './digest-fakes.js';

/**
 * The scheduler on a manual clock, with an in-memory store: slots, catch-up, retries, DST and
 * live subscription changes. The same guarantees on real databases are in digest-store.test.ts.
 */

const slackAdmin: Invocation = { platform: 'slack', userId: 'U1', channelId: 'C-news', teamId: 'T1' };

const running: DigestRuntime[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});

function setup(start = '2026-03-16T07:00:00Z', opts: { postEmpty?: boolean } = {}) {
  const clock = new ManualClock(start);
  const store = new FakeDigestStore();
  const services = servicesFor(store.asStore(), store.asCorpus(), clock);
  const slack = new RecordingPoster('slack', clock);
  const discord = new RecordingPoster('discord', clock);
  const start_ = async () => {
    const rt = await startDigests({
      services,
      posters: [slack, discord],
      config: { timezone: 'Europe/Berlin', digest: { schedules: [], postEmpty: opts.postEmpty ?? false } },
      clock,
      resyncMs: 6 * 60 * 60_000,
      retry: { attempts: 4, baseMs: 1_000, maxMs: 8_000 },
    });
    running.push(rt);
    return rt;
  };
  const digest = (sub: string, args: Record<string, string | number> = {}, inv: Invocation = slackAdmin): Promise<Reply> =>
    runCommand(services, { ...inv, subcommand: sub }, 'digest', args);
  return { clock, store, services, slack, discord, start: start_, digest };
}

const titles = (posts: Array<{ reply: Reply }>) => posts.map((p) => p.reply.title);
const articleIds = (reply: Reply) => reply.sections.find((s) => s.heading === 'New articles')?.articles?.map((a) => a.id) ?? [];

describe('digest scheduler', () => {
  it('posts a subscription created through /digest at its slot, once, and records it', async () => {
    const t = setup();
    const rt = await t.start();
    const sub = await t.digest('subscribe', { schedule: 'daily 09:00' });
    expect(sub.isError).toBeFalsy();
    expect(sub.title).toBe('Digest subscribed');
    t.store.addArticle({ id: 'a1', title: 'McMaster denies report', outlet: 'AP' }, [
      { quote: 'The story that came out tonight as reported is false', speaker: 'H.R. McMaster' },
    ]);

    await advanceTo(t.clock, [rt], '2026-03-16T07:59:59Z');
    expect(t.slack.posts).toHaveLength(0);
    await advanceTo(t.clock, [rt], '2026-03-16T08:00:00Z'); // 09:00 in Berlin (CET)
    expect(t.slack.posts).toHaveLength(1);
    const [post] = t.slack.posts;
    expect(post!.channelId).toBe('C-news');
    expect(post!.at.toISOString()).toBe('2026-03-16T08:00:00.000Z');
    expect(articleIds(post!.reply)).toEqual(['a1']);
    expect(post!.reply.sections.some((s) => s.items.some((i) => i.speaker === 'H.R. McMaster'))).toBe(true);

    await advanceTo(t.clock, [rt], '2026-03-16T20:00:00Z');
    expect(t.slack.posts).toHaveLength(1);
    expect(t.discord.posts).toHaveLength(0);
    const runs = t.store.allRuns();
    expect(runs.map((r) => [r.slot.toISOString(), r.status, r.attempts])).toEqual([['2026-03-16T08:00:00.000Z', 'posted', 1]]);

    const list = await t.digest('list');
    expect(list.sections[0]!.lines![0]).toMatch(/daily 09:00 \(Europe\/Berlin\).*next Tue, 17 Mar 2026, 09:00.*last: posted for Mon, 16 Mar/);
  });

  it('covers only what is new since the previous digest when the corpus grows between slots', async () => {
    const t = setup();
    const rt = await t.start();
    await t.digest('subscribe', { schedule: 'daily 09:00' });
    t.store.addArticle({ id: 'first', title: 'First', outlet: 'AP' }, [{ quote: 'We never discussed sources', speaker: 'Dina Powell' }]);
    await advanceTo(t.clock, [rt], '2026-03-16T09:00:00Z');
    t.store.addArticle({ id: 'second', title: 'Second', outlet: 'Reuters' }, [
      { quote: 'We never discussed sources', speaker: 'Dina Powell', cluster: 'first:0' },
      { quote: 'The meeting was entirely appropriate', speaker: 'H.R. McMaster' },
    ]);
    await advanceTo(t.clock, [rt], '2026-03-17T09:00:00Z');
    expect(t.slack.posts).toHaveLength(2);
    expect(articleIds(t.slack.posts[0]!.reply)).toEqual(['first']);
    const second = t.slack.posts[1]!.reply;
    expect(articleIds(second)).toEqual(['second']);
    const corroborated = second.sections.find((s) => /several outlets/.test(s.heading ?? ''));
    expect(corroborated?.items.map((i) => [i.quote, i.corroboration.outlets])).toEqual([
      ['We never discussed sources', ['AP', 'Reuters']],
    ]);
    const notable = second.sections.find((s) => /quotes/i.test(s.heading ?? '') && s !== corroborated);
    expect(notable?.items.map((i) => i.quote)).toEqual(['The meeting was entirely appropriate']);
  });

  it('posts nothing for an empty slot (recorded as empty), or a short note with DIGEST_POST_EMPTY', async () => {
    const quiet = setup();
    const rt = await quiet.start();
    await quiet.digest('subscribe', { schedule: 'daily 09:00' });
    await advanceTo(quiet.clock, [rt], '2026-03-16T09:00:00Z');
    expect(quiet.slack.posts).toHaveLength(0);
    expect(quiet.store.allRuns().map((r) => r.status)).toEqual(['empty']);
    expect((await quiet.digest('list')).sections[0]!.lines![0]).toMatch(/nothing new/);

    const noisy = setup(undefined, { postEmpty: true });
    const rt2 = await noisy.start();
    await noisy.digest('subscribe', { schedule: 'daily 09:00' });
    await advanceTo(noisy.clock, [rt2], '2026-03-16T09:00:00Z');
    expect(titles(noisy.slack.posts)).toEqual(['factbot digest: nothing new']);

    // After a real digest, an empty note counts from it (QA 5b).
    noisy.store.addArticle({ id: 'n1', title: 'Harbour reopens', outlet: 'AP' }, [{ quote: 'The quay is open again', speaker: 'Ann Vale' }]);
    await advanceTo(noisy.clock, [rt2], '2026-03-17T09:00:00Z');
    await advanceTo(noisy.clock, [rt2], '2026-03-18T09:00:00Z');
    const [, posted, note] = noisy.slack.posts;
    expect(posted!.reply.title).not.toMatch(/nothing new/);
    expect(note!.reply.text).toMatch(/^No new articles since the last digest/);
  });

  it('after a restart that missed several slots, posts exactly one catch-up covering everything since the last digest', async () => {
    const t = setup();
    const first = await t.start();
    await t.digest('subscribe', { schedule: 'daily 09:00' });
    t.store.addArticle({ id: 'before', title: 'Before', outlet: 'AP' }, [{ quote: 'It did not happen at all', speaker: 'Sean Spicer' }]);
    await advanceTo(t.clock, [first], '2026-03-16T09:00:00Z');
    expect(t.slack.posts).toHaveLength(1);
    await first.stop();

    // Down for three slots (17th, 18th, 19th); the corpus grows meanwhile.
    t.store.addArticle({ id: 'down-1', title: 'While down 1', outlet: 'Reuters' }, [{ quote: 'This was wholly appropriate', speaker: 'H.R. McMaster' }]);
    t.store.addArticle({ id: 'down-2', title: 'While down 2', outlet: 'BBC' }, []);
    t.clock.set('2026-03-19T10:30:00Z');
    const second = await t.start();
    await advanceTo(t.clock, [second], '2026-03-19T10:30:00Z');
    expect(t.slack.posts).toHaveLength(2);
    const catchUp = t.slack.posts[1]!;
    expect(catchUp.at.toISOString()).toBe('2026-03-19T10:30:00.000Z');
    expect(articleIds(catchUp.reply).sort()).toEqual(['down-1', 'down-2']);
    // One run for the latest missed slot, none for the 17th and 18th.
    expect(t.store.allRuns().map((r) => r.slot.toISOString())).toEqual(['2026-03-16T08:00:00.000Z', '2026-03-19T08:00:00.000Z']);

    // A second restart the same day posts nothing more.
    await second.stop();
    const third = await t.start();
    await advanceTo(t.clock, [third], '2026-03-19T12:00:00Z');
    expect(t.slack.posts).toHaveLength(2);
  });

  it('retries a rate-limited post with backoff, honouring Retry-After, then posts', async () => {
    const t = setup();
    const rt = await t.start();
    await t.digest('subscribe', { schedule: 'daily 09:00' });
    t.store.addArticle({ id: 'a', title: 'A', outlet: 'AP' }, []);
    t.slack.failures = [new PostError('ratelimited', true, 30_000), new PostError('timeout', true)];
    await advanceTo(t.clock, [rt], '2026-03-16T08:10:00Z');
    expect(t.slack.attempts.map((d) => d.toISOString())).toEqual([
      '2026-03-16T08:00:00.000Z',
      '2026-03-16T08:00:30.000Z', // Retry-After 30 s beats the 1 s backoff
      '2026-03-16T08:00:32.000Z', // then 2 s of exponential backoff
    ]);
    expect(t.slack.posts).toHaveLength(1);
    expect(t.store.allRuns().map((r) => [r.status, r.attempts])).toEqual([['posted', 3]]);
  });

  it('records a failed post, shows the error in /digest list, keeps running and catches up at the next slot', async () => {
    const t = setup();
    const rt = await t.start();
    await t.digest('subscribe', { schedule: 'daily 09:00' });
    t.store.addArticle({ id: 'a', title: 'A', outlet: 'AP' }, []);
    t.slack.failures = Array.from({ length: 4 }, () => new PostError('service_unavailable', true));
    await advanceTo(t.clock, [rt], '2026-03-16T12:00:00Z');
    expect(t.slack.attempts).toHaveLength(4); // bounded
    expect(t.slack.posts).toHaveLength(0);
    expect(t.store.allRuns().map((r) => [r.status, r.attempts, r.error])).toEqual([['failed', 4, 'service_unavailable']]);
    const list = await t.digest('list');
    expect(list.sections[0]!.lines![0]).toMatch(/FAILED .* after 4 attempts: service_unavailable/);

    // A channel that is gone is not retried.
    t.slack.failures = [new PostError('channel_not_found', false)];
    await advanceTo(t.clock, [rt], '2026-03-17T12:00:00Z');
    expect(t.slack.attempts).toHaveLength(5);
    expect(t.store.allRuns().at(-1)).toMatchObject({ status: 'failed', attempts: 1, error: 'channel_not_found' });
    // The list says what to do about it, not only Slack's reason (QA 5b, R6).
    expect((await t.digest('list')).sections[0]!.lines![0]).toMatch(/channel_not_found — invite factbot here with \/invite @factbot/);

    // The next slot succeeds and still covers the article the failed ones could not post.
    await advanceTo(t.clock, [rt], '2026-03-18T12:00:00Z');
    expect(t.slack.posts).toHaveLength(1);
    expect(articleIds(t.slack.posts[0]!.reply)).toEqual(['a']);
  });

  it('stopping during a backoff wait records the slot as failed instead of leaving it silent', async () => {
    const t = setup();
    const rt = await t.start();
    await t.digest('subscribe', { schedule: 'daily 09:00' });
    t.store.addArticle({ id: 'a', title: 'A', outlet: 'AP' }, []);
    t.slack.failures = [new PostError('ratelimited', true, 120_000)];
    await advanceTo(t.clock, [rt], '2026-03-16T08:00:10Z');
    expect(t.slack.attempts).toHaveLength(1);
    await rt.stop();
    expect(t.store.allRuns().map((r) => [r.status, r.attempts, r.error])).toEqual([
      ['failed', 1, 'ratelimited (stopped before retrying)'],
    ]);
  });

  it('keeps 09:00 local time across the spring daylight-saving change', async () => {
    const t = setup('2026-03-27T12:00:00Z', { postEmpty: true });
    const rt = await t.start();
    await t.digest('subscribe', { schedule: 'daily 09:00', timezone: 'Europe/Berlin' });
    await advanceTo(t.clock, [rt], '2026-03-31T12:00:00Z');
    expect(t.slack.posts.map((p) => p.at.toISOString())).toEqual([
      '2026-03-28T08:00:00.000Z',
      '2026-03-29T07:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
      '2026-03-31T07:00:00.000Z',
    ]);
  });

  it('posts a slot inside the repeated autumn hour once', async () => {
    const t = setup('2026-10-24T12:00:00Z', { postEmpty: true });
    const rt = await t.start();
    await t.digest('subscribe', { schedule: '0 30 2 * * *', timezone: 'Europe/Berlin' });
    await advanceTo(t.clock, [rt], '2026-10-26T12:00:00Z');
    const days = t.slack.posts.map((p) => p.at.toLocaleDateString('en-CA', { timeZone: 'Europe/Berlin' }));
    expect(days).toEqual(['2026-10-25', '2026-10-26']);
  });

  it('two schedulers sharing a store post each slot once', async () => {
    const t = setup('2026-03-16T07:00:00Z', { postEmpty: true });
    const a = await t.start();
    const b = await t.start();
    await t.digest('subscribe', { schedule: 'daily 09:00' });
    await advanceTo(t.clock, [a, b], '2026-03-19T12:00:00Z');
    expect(t.slack.posts.map((p) => p.at.toISOString())).toEqual([
      '2026-03-16T08:00:00.000Z',
      '2026-03-17T08:00:00.000Z',
      '2026-03-18T08:00:00.000Z',
      '2026-03-19T08:00:00.000Z',
    ]);
    const claimedElsewhere = [...a.outcomes, ...b.outcomes].filter((o) => o.status === 'claimed-elsewhere');
    expect(claimedElsewhere).toHaveLength(4);
  });

  it('applies new subscriptions and unsubscriptions without a restart', async () => {
    const t = setup('2026-03-16T07:00:00Z', { postEmpty: true });
    const rt = await t.start();
    await t.digest('subscribe', { schedule: 'daily 09:00' });
    const discordMod: Invocation = { platform: 'discord', userId: 'D1', channelId: '555', canManageChannel: true };
    await t.digest('subscribe', { schedule: 'weekdays 08:30', timezone: 'UTC' }, discordMod);
    await advanceTo(t.clock, [rt], '2026-03-16T09:00:00Z');
    expect(t.slack.posts).toHaveLength(1);
    expect(t.discord.posts.map((p) => [p.channelId, p.at.toISOString()])).toEqual([['555', '2026-03-16T08:30:00.000Z']]);

    const bye = await t.digest('unsubscribe');
    expect(bye.title).toBe('Digest stopped');
    await advanceTo(t.clock, [rt], '2026-03-17T09:00:00Z');
    expect(t.slack.posts).toHaveLength(1);
    expect(t.discord.posts).toHaveLength(2);
  });

  it('leaves subscriptions of platforms without a poster to the process that has one', async () => {
    const t = setup('2026-03-16T07:00:00Z', { postEmpty: true });
    await t.digest('subscribe', { schedule: 'daily 09:00' });
    const discordOnly = await startDigests({
      services: t.services,
      posters: [t.discord],
      config: { timezone: 'UTC', digest: { schedules: [], postEmpty: true } },
      clock: t.clock,
    });
    running.push(discordOnly);
    await advanceTo(t.clock, [discordOnly], '2026-03-17T12:00:00Z');
    expect(t.store.allRuns()).toHaveLength(0);
  });
});
