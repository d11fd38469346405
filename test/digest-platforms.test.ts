import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../src/dispatch/index.js';
import type { Invocation } from '../src/domain/command.js';
import { startSlack, type RunningSlack } from '../src/platforms/slack/index.js';
import { startDiscord, type DiscordRuntime } from '../src/platforms/discord/index.js';
import type { ChannelPoster } from '../src/platforms/types.js';
import { ManualClock } from '../src/digest/clock.js';
import { startDigests, type DigestRuntime } from '../src/digest/index.js';
import { BOT_TOKEN, SIGNING_SECRET, SlackStub } from './stubs/slack-api.js';
import { DiscordRestStub, asMessage, visibleText } from './stubs/discord-rest.js';
import { FakeGateway } from './stubs/discord-gateway.js';
import { APP_ID, CHANNEL_ID, GUILD_ID, TOKEN, USER_ID } from './stubs/discord-fixtures.js';
import { FakeDigestStore, advanceTo, servicesFor } from './digest-fakes.js';

/**
 * Digests posted through the real Slack (Bolt Web API client) and Discord (discord.js) posters
 * against the loopback stubs: what lands in each channel, a Slack 429 retried after Retry-After
 * on the manual clock, and a Discord channel that is gone recorded as a failure.
 */

const clock = new ManualClock('2026-03-16T07:00:00Z');
const store = new FakeDigestStore();
const services = servicesFor(store.asStore(), store.asCorpus(), clock, { timezone: 'UTC' });
const slackStub = new SlackStub();
const rest = new DiscordRestStub();
const gateway = new FakeGateway();
let slack: RunningSlack;
let discord: DiscordRuntime;
let digests: DigestRuntime;
const attemptsAt: Array<{ platform: string; at: string }> = [];

const slackUser: Invocation = { platform: 'slack', userId: 'U1', channelId: 'CNEWS', teamId: 'T1' };
const discordMod: Invocation = { platform: 'discord', userId: USER_ID, channelId: CHANNEL_ID, teamId: GUILD_ID, canManageChannel: true };

beforeAll(async () => {
  await slackStub.start();
  rest.gatewayUrl = await gateway.start();
  const apiUrl = await rest.start();
  slack = await startSlack(
    { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: slackStub.apiUrl, port: 0, digestAdmins: [] },
    services,
    { host: '127.0.0.1' },
  );
  discord = await startDiscord({ token: TOKEN, applicationId: APP_ID, apiUrl }, services, { readyTimeoutMs: 10_000 });
  // The real posters, noting the manual clock's time of each attempt (to see backoff waits).
  const timed = (poster: ChannelPoster): ChannelPoster => ({
    platform: poster.platform,
    post: (channelId, reply) => {
      attemptsAt.push({ platform: poster.platform, at: clock.now().toISOString() });
      return poster.post(channelId, reply);
    },
  });
  digests = await startDigests({
    services,
    posters: [timed(slack.poster), timed(discord.poster)],
    config: { timezone: 'UTC', digest: { schedules: [], postEmpty: false } },
    clock,
    resyncMs: 24 * 60 * 60_000,
    retry: { attempts: 3, baseMs: 1_000, maxMs: 4_000 },
  });
});

afterAll(async () => {
  await digests?.stop();
  await slack?.stop();
  await discord?.stop();
  await Promise.all([slackStub.stop(), rest.stop(), gateway.stop()]);
});

const discordPosts = () => rest.find('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`));

describe('digests through the platform adapters', () => {
  it('posts the same digest to a Slack channel and a Discord channel at their slots', async () => {
    expect((await runCommand(services, { ...slackUser, subcommand: 'subscribe' }, 'digest', { schedule: 'daily 09:00' })).isError).toBeFalsy();
    expect((await runCommand(services, { ...discordMod, subcommand: 'subscribe' }, 'digest', { schedule: 'daily 09:30' })).isError).toBeFalsy();
    store.addArticle({ id: 'wapo-1', title: 'Trump revealed highly classified information', outlet: 'The Washington Post' }, [
      { quote: 'The story that came out tonight as reported is false', speaker: 'H.R. McMaster' },
    ]);

    await advanceTo(clock, [digests], '2026-03-16T09:00:00Z');
    const slackPosts = slackStub.callsOf('chat.postMessage');
    expect(slackPosts).toHaveLength(1);
    expect(slackPosts[0]!.args.channel).toBe('CNEWS');
    const blocks = JSON.stringify(slackPosts[0]!.args.blocks);
    expect(blocks).toContain('Trump revealed highly classified information');
    expect(blocks).toContain('The story that came out tonight as reported is false');
    expect(discordPosts()).toHaveLength(0);

    await advanceTo(clock, [digests], '2026-03-16T09:30:00Z');
    expect(discordPosts()).toHaveLength(1);
    const text = visibleText(asMessage(discordPosts()[0]!));
    expect(text).toContain('Trump revealed highly classified information');
    expect(text).toContain('H.R. McMaster');
    expect(slackStub.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('retries a Slack 429 after its Retry-After, then records the post', async () => {
    store.addArticle({ id: 'ap-2', title: 'Officials dispute account', outlet: 'AP' }, []);
    slackStub.failNext('chat.postMessage', { status: 429, retryAfter: 20 });
    const before = slackStub.callsOf('chat.postMessage').length;
    await advanceTo(clock, [digests], '2026-03-17T10:00:00Z');
    const calls = slackStub.callsOf('chat.postMessage').slice(before);
    expect(calls).toHaveLength(2);
    // Slack said Retry-After: 20 (seconds); the scheduler waited that long on its clock.
    expect(attemptsAt.filter((a) => a.platform === 'slack').slice(-2).map((a) => a.at)).toEqual([
      '2026-03-17T09:00:00.000Z',
      '2026-03-17T09:00:20.000Z',
    ]);
    const slackSub = (await store.listSubscriptions({ platform: 'slack' }))[0]!;
    const last = await store.lastDigestRun(slackSub.id);
    expect(last).toMatchObject({ status: 'posted', attempts: 2 });
    expect(JSON.stringify(calls[1]!.args.blocks)).toContain('Officials dispute account');
  });

  it('records a Discord channel that is gone as failed, without retrying, and /digest list shows it', async () => {
    store.addArticle({ id: 'bbc-3', title: 'Third article', outlet: 'BBC' }, []);
    rest.fail('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`), 404, { message: 'Unknown Channel', code: 10003 });
    const before = discordPosts().length;
    await advanceTo(clock, [digests], '2026-03-18T10:00:00Z');
    expect(discordPosts().length - before).toBe(1);
    const list = await runCommand(services, { ...discordMod, subcommand: 'list' }, 'digest', {});
    expect(list.sections[0]!.lines![0]).toMatch(/FAILED .* after 1 attempt: /);
  });

  it('a Discord channel factbot may not post to: the list says which permissions to give (QA 5b, R6)', async () => {
    store.addArticle({ id: 'bbc-4', title: 'Fourth article', outlet: 'BBC' }, []);
    rest.fail('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`), 403, { message: 'Missing Access', code: 50001 });
    await advanceTo(clock, [digests], '2026-03-19T10:00:00Z');
    const list = await runCommand(services, { ...discordMod, subcommand: 'list' }, 'digest', {});
    expect(list.sections[0]!.lines![0]).toMatch(/FAILED .*give factbot View Channel and Send Messages here/);
  });
});
