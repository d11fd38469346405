import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../src/dispatch/index.js';
import type { Invocation } from '../src/domain/command.js';
import type { Reply } from '../src/domain/reply.js';
import { PostError, type ChannelPoster } from '../src/platforms/types.js';
import { ManualClock } from '../src/digest/clock.js';
import { startDigests, type DigestRuntime } from '../src/digest/index.js';
import { FakeDigestStore, advanceTo, servicesFor } from './digest-fakes.js';

/**
 * Many channels due at the same minute against a platform-wide rate limit (QA 7, F5): Slack's
 * workspace limit answers 429 with a Retry-After that holds for every channel. Each slot used to
 * wait it out alone, while the others kept posting into the limit and then all retried at the
 * same instant; most slots spent their attempts and were recorded as failed.
 */

/** A platform that takes `perWindow` posts per window of its clock, then answers 429 with Retry-After. */
class RateLimitedPoster implements ChannelPoster {
  readonly posted: string[] = [];
  /** Calls made while a Retry-After this platform gave was still running. */
  callsIntoLimit = 0;
  private windowStart = 0;
  private inWindow = 0;
  private limitedUntil = 0;

  constructor(
    readonly platform: 'slack' | 'discord',
    private readonly clock: ManualClock,
    private readonly perWindow: number,
    private readonly windowMs: number,
  ) {}

  async post(channelId: string, _reply: Reply): Promise<void> {
    const now = this.clock.now().getTime();
    if (now < this.limitedUntil) this.callsIntoLimit++;
    if (now >= this.windowStart + this.windowMs) {
      this.windowStart = now;
      this.inWindow = 0;
    }
    if (this.inWindow >= this.perWindow) {
      this.limitedUntil = this.windowStart + this.windowMs;
      throw new PostError(`Slack refused the post to ${channelId}: ratelimited`, true, this.limitedUntil - now);
    }
    this.inWindow++;
    this.posted.push(channelId);
  }
}

const running: DigestRuntime[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});

const RETRY = { attempts: 4, baseMs: 1_000, maxMs: 8_000 };

/** The digest runtime on a manual clock, posting to `poster`. */
function startOn(clock: ManualClock, services: ReturnType<typeof servicesFor>, poster: ChannelPoster, retry?: typeof RETRY): Promise<DigestRuntime> {
  return startDigests({
    services,
    posters: [poster],
    config: { timezone: 'Europe/Berlin', digest: { schedules: [], postEmpty: false } },
    clock,
    resyncMs: 6 * 60 * 60_000,
    ...(retry ? { retry } : {}),
  });
}

/** `/digest subscribe daily 09:00` in each channel; the replies. */
async function subscribeAll(services: ReturnType<typeof servicesFor>, channels: readonly string[]): Promise<Reply[]> {
  const replies: Reply[] = [];
  for (const channelId of channels) {
    const inv: Invocation = { platform: 'slack', userId: 'U1', channelId, teamId: 'T1', subcommand: 'subscribe' };
    replies.push(await runCommand(services, inv, 'digest', { schedule: 'daily 09:00' }));
  }
  return replies;
}

describe('digests to many channels under a platform-wide rate limit', () => {
  it('posts every channel, pausing all of them for a Retry-After instead of posting into it', async () => {
    const clock = new ManualClock('2026-03-16T07:00:00Z');
    const store = new FakeDigestStore();
    const services = servicesFor(store.asStore(), store.asCorpus(), clock);
    const slack = new RateLimitedPoster('slack', clock, 2, 10_000);
    const rt = await startOn(clock, services, slack, RETRY);
    running.push(rt);

    const channels = Array.from({ length: 12 }, (_, i) => `C-desk-${i + 1}`);
    for (const reply of await subscribeAll(services, channels)) expect(reply.isError).toBeFalsy();
    store.addArticle({ id: 'a', title: 'Harbour to close', outlet: 'AP' }, []);

    await advanceTo(clock, [rt], '2026-03-16T12:00:00Z');

    const runs = store.allRuns();
    expect(runs.filter((r) => r.status !== 'posted').map((r) => [r.subscriptionId, r.status, r.error])).toEqual([]);
    expect([...slack.posted].sort()).toEqual([...channels].sort());
    // Once the platform said "wait", nothing was sent to it until the wait was over.
    expect(slack.callsIntoLimit).toBe(0);
  });

  it('stopping while posts wait for a Retry-After records each of them, none left claimed and silent', async () => {
    const clock = new ManualClock('2026-03-16T07:00:00Z');
    const store = new FakeDigestStore();
    const services = servicesFor(store.asStore(), store.asCorpus(), clock);
    const slack = new RateLimitedPoster('slack', clock, 1, 60_000);
    const rt = await startOn(clock, services, slack, RETRY);
    await subscribeAll(services, ['C-a', 'C-b', 'C-c']);
    store.addArticle({ id: 'a', title: 'Harbour to close', outlet: 'AP' }, []);
    await advanceTo(clock, [rt], '2026-03-16T08:00:05Z');
    await rt.stop();
    const runs = store.allRuns();
    expect(runs).toHaveLength(3);
    expect(runs.filter((r) => r.status === 'posted')).toHaveLength(1);
    expect(runs.filter((r) => r.status === 'failed')).toHaveLength(2);
    expect(slack.callsIntoLimit).toBe(0);
  });

  it('reads the corpus-wide figures once for all the channels due at the same minute, not once per channel', async () => {
    const clock = new ManualClock('2026-03-16T07:00:00Z');
    const store = new FakeDigestStore();
    const corpus = store.asCorpus();
    // The whole-corpus reads of a digest: cluster sizes (a scan of every statement) and speakers.
    let sizeReads = 0;
    let speakerReads = 0;
    const sizes = store.clusterSizes.bind(store);
    store.clusterSizes = () => {
      sizeReads++;
      return sizes();
    };
    const speakers = corpus.speakers.bind(corpus);
    corpus.speakers = () => {
      speakerReads++;
      return speakers();
    };
    const services = servicesFor(store.asStore(), corpus, clock);
    const slack = new RateLimitedPoster('slack', clock, 100, 10_000);
    const rt = await startOn(clock, services, slack);
    running.push(rt);
    await subscribeAll(services, Array.from({ length: 12 }, (_, i) => `C-desk-${i + 1}`));
    store.addArticle({ id: 'a', title: 'Harbour to close', outlet: 'AP' }, [{ quote: 'We will rebuild the pier before winter', speaker: 'Tom Pike' }]);
    await advanceTo(clock, [rt], '2026-03-16T12:00:00Z');
    expect(slack.posted).toHaveLength(12);
    expect(sizeReads).toBe(1);
    expect(speakerReads).toBe(1);
  });
});
