import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/digest/clock.js';
import type { Logger } from '../src/log.js';
import { startSlack, type RunningSlack } from '../src/platforms/slack/index.js';
import type { SlackBlock } from '../src/platforms/slack/render.js';
import { FakeDigestStore, servicesFor } from './digest-fakes.js';
import { BOT_TOKEN, BOT_USER_ID, SIGNING_SECRET, SlackStub, TEAM_ID, eventBody, postSigned, slashCommandBody } from './stubs/slack-api.js';

/**
 * `/digest subscribe` through the real Bolt app, with the Web API on the loopback stub: before a
 * subscription is stored, factbot asks Slack (conversations.info) whether it can post in the
 * channel, joins a public one it is not in, and refuses only when Slack says it cannot get in.
 */

const ADMIN = 'U0000001';
const OTHER_USER = 'U0000009';

let stub: SlackStub;
let slack: RunningSlack;
let events: string;
let store: FakeDigestStore;
const logLines: Array<{ level: number; msg: string; code?: string; channelId?: string }> = [];

beforeAll(async () => {
  stub = await new SlackStub().start();
  const clock = new ManualClock('2026-03-16T07:00:00Z');
  store = new FakeDigestStore();
  const services = servicesFor(store.asStore(), store.asCorpus(), clock, { timezone: 'UTC', digestAdmins: [ADMIN] });
  const log: Logger = pino(
    { level: 'info', base: undefined },
    { write: (line: string) => void logLines.push(JSON.parse(line) as (typeof logLines)[number]) },
  );
  slack = await startSlack(
    { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: stub.apiUrl, port: 0, digestAdmins: [ADMIN] },
    services,
    // The answer itself is under test, not the 2 s budget: on a loaded machine it may miss it.
    { host: '127.0.0.1', inlineBudgetMs: 20_000, log },
  );
  events = `http://127.0.0.1:${slack.port}/slack/events`;
});

afterAll(async () => {
  await slack?.stop();
  await stub?.stop();
});

beforeEach(() => {
  stub.reset();
  logLines.length = 0;
});

interface Answer {
  response_type: string;
  blocks: SlackBlock[];
}

async function subscribe(channelId: string, opts: { userId?: string; channelName?: string; text?: string } = {}): Promise<{ answer: Answer; text: string }> {
  const res = await postSigned(
    events,
    slashCommandBody({
      command: '/digest',
      text: opts.text ?? 'subscribe daily 09:00',
      responseUrl: stub.responseUrl(channelId),
      channelId,
      userId: opts.userId ?? ADMIN,
      ...(opts.channelName ? { channelName: opts.channelName } : {}),
    }),
  );
  expect(res.status).toBe(200);
  const answer = res.json as Answer;
  return { answer, text: JSON.stringify(answer.blocks) };
}

const subscriptionsIn = async (channelId: string) => store.listSubscriptions({ platform: 'slack', channelId });
const infoCalls = (channelId: string) => stub.callsOf('conversations.info').filter((c) => c.args.channel === channelId);
const joinCalls = (channelId: string) => stub.callsOf('conversations.join').filter((c) => c.args.channel === channelId);
/** Our warnings about the check (the Web API client adds its own about a 429). */
const warnings = () => logLines.filter((l) => l.level === 40 && l.msg.includes('could not check'));

describe('/digest subscribe on Slack: can factbot post here?', () => {
  it('a channel factbot is in: conversations.info says so, and it subscribes without joining or a note', async () => {
    stub.addConversation({ id: 'CMEMBER', name: 'newsroom', type: 'public', member: true });
    const { answer, text } = await subscribe('CMEMBER');
    expect(infoCalls('CMEMBER')).toHaveLength(1);
    expect(answer.response_type).toBe('in_channel');
    expect(text).toContain('Digest subscribed');
    expect(text).not.toContain('could not');
    expect(joinCalls('CMEMBER')).toHaveLength(0);
    expect(await subscriptionsIn('CMEMBER')).toHaveLength(1);
  });

  it('a public channel factbot is not in: it joins (conversations.join), subscribes and says so; not for someone who may not subscribe', async () => {
    const channel = stub.addConversation({ id: 'CPUBLIC', name: 'politics', type: 'public', member: false });

    // SLACK_DIGEST_ADMINS does not name this user: the core refuses, and factbot joins nothing.
    const denied = await subscribe('CPUBLIC', { userId: OTHER_USER });
    expect(denied.text).toContain('Not allowed');
    expect(joinCalls('CPUBLIC')).toHaveLength(0);
    expect(channel.member).toBe(false);

    // A schedule the core refuses: factbot asks nothing of Slack and joins nothing either.
    const mistyped = await subscribe('CPUBLIC', { text: 'subscribe every blue moon' });
    expect(mistyped.text).toContain('Could not subscribe');
    expect(infoCalls('CPUBLIC')).toHaveLength(0);
    expect(joinCalls('CPUBLIC')).toHaveLength(0);
    expect(channel.member).toBe(false);

    const { answer, text } = await subscribe('CPUBLIC');
    expect(infoCalls('CPUBLIC')).toHaveLength(1);
    expect(joinCalls('CPUBLIC')).toHaveLength(1);
    expect(channel.member).toBe(true);
    expect(answer.response_type).toBe('in_channel');
    expect(text).toContain('Digest subscribed');
    expect(text).toContain('factbot joined this channel to post the digests here');
    expect(await subscriptionsIn('CPUBLIC')).toHaveLength(1);
  });

  it('a private channel factbot is not in (Slack: channel_not_found): refused with how to invite it, nothing stored', async () => {
    stub.addConversation({ id: 'CSECRET', name: 'investigations', type: 'private', member: false });
    const { answer, text } = await subscribe('CSECRET');
    expect(infoCalls('CSECRET')).toHaveLength(1);
    expect(answer.response_type).toBe('ephemeral');
    expect(text).toContain('factbot is not in this channel');
    expect(text).toContain('invite @factbot with /invite @factbot, then run the command again');
    expect(text).not.toContain('Digest subscribed');
    expect(joinCalls('CSECRET')).toHaveLength(0);
    expect(await subscriptionsIn('CSECRET')).toHaveLength(0);

    // Only subscribing asks: the other subcommands work wherever the command can be typed.
    const list = await subscribe('CSECRET', { text: 'list' });
    expect(list.text).toContain('No digests in this channel');
    expect(infoCalls('CSECRET')).toHaveLength(1);
  });

  it('a private channel it was invited to: subscribed', async () => {
    stub.addConversation({ id: 'CINVITED', name: 'desk', type: 'private', member: true });
    const { text } = await subscribe('CINVITED');
    expect(infoCalls('CINVITED')).toHaveLength(1);
    expect(text).toContain('Digest subscribed');
    expect(text).not.toContain('could not');
    expect(await subscriptionsIn('CINVITED')).toHaveLength(1);
  });

  it('when the check cannot be made (missing_scope on conversations.info), it subscribes anyway, says so, and logs a warning', async () => {
    stub.addConversation({ id: 'CNOSCOPE', name: 'general', type: 'public', member: true });
    stub.scopes.delete('channels:read');
    const { answer, text } = await subscribe('CNOSCOPE');
    expect(infoCalls('CNOSCOPE')).toHaveLength(1);
    expect(answer.response_type).toBe('in_channel');
    expect(text).toContain('Digest subscribed');
    expect(text).toContain('I could not check that I can post in this channel (Slack said missing_scope)');
    expect(text).toContain('/invite @factbot');
    expect(await subscriptionsIn('CNOSCOPE')).toHaveLength(1);
    expect(warnings()).toEqual([expect.objectContaining({ code: 'missing_scope', channelId: 'CNOSCOPE' })]);
  });

  it('a rate-limited check (429) does not block the subscription either', async () => {
    stub.addConversation({ id: 'CBUSY', name: 'busy', type: 'private', member: false });
    stub.failNext('conversations.info', { status: 429, retryAfter: 30 });
    const { text } = await subscribe('CBUSY');
    expect(infoCalls('CBUSY')).toHaveLength(1);
    expect(text).toContain('Digest subscribed');
    expect(text).toContain('(Slack said ratelimited)');
    expect(await subscriptionsIn('CBUSY')).toHaveLength(1);
    expect(warnings()).toEqual([expect.objectContaining({ code: 'ratelimited' })]);
  });

  it('an install without channels:join: a public channel it is not in is subscribed, with a note that it could not join', async () => {
    stub.addConversation({ id: 'COLDINSTALL', name: 'world', type: 'public', member: false });
    stub.scopes.delete('channels:join');
    const { text } = await subscribe('COLDINSTALL');
    expect(joinCalls('COLDINSTALL')).toHaveLength(1);
    expect(text).toContain('Digest subscribed');
    expect(text).toContain('I could not join this channel (Slack said missing_scope)');
    expect(await subscriptionsIn('COLDINSTALL')).toHaveLength(1);
    expect(warnings()).toEqual([expect.objectContaining({ code: 'missing_scope' })]);
  });

  it('Slack refuses the join (too_many_members): refused with how to invite it, nothing stored', async () => {
    stub.addConversation({ id: 'CCROWD', name: 'everyone', type: 'public', member: false });
    stub.failNext('conversations.join', { error: 'too_many_members' });
    const { answer, text } = await subscribe('CCROWD');
    expect(answer.response_type).toBe('ephemeral');
    expect(text).toContain('factbot could not join this channel');
    expect(text).toContain('too_many_members');
    expect(text).toContain('invite @factbot with /invite @factbot, then run the command again');
    expect(await subscriptionsIn('CCROWD')).toHaveLength(0);
  });

  it('an archived channel: refused', async () => {
    stub.addConversation({ id: 'COLD', name: 'old-news', type: 'public', member: true, archived: true });
    const { text } = await subscribe('COLD');
    expect(text).toContain('This channel is archived');
    expect(await subscriptionsIn('COLD')).toHaveLength(0);
  });

  it('a DM between people is refused (no bot can be added to one); the user’s DM with factbot subscribes', async () => {
    stub.addConversation({ id: 'DPEOPLE', type: 'im', member: false, user: 'U0000002' });
    const people = await subscribe('DPEOPLE', { channelName: 'directmessage' });
    expect(people.text).toContain('factbot cannot post in this conversation');
    expect(people.text).toContain('Run /digest subscribe in a channel');
    expect(people.text).not.toContain('run the command again');
    expect(await subscriptionsIn('DPEOPLE')).toHaveLength(0);

    stub.addConversation({ id: 'DFACTBOT', type: 'im', member: true, user: ADMIN });
    const own = await subscribe('DFACTBOT', { channelName: 'directmessage' });
    expect(own.text).toContain('Digest subscribed');
    expect(own.text).not.toContain('could not');
    expect(await subscriptionsIn('DFACTBOT')).toHaveLength(1);
  });

  it('a group DM factbot is not in: refused, pointing to a channel', async () => {
    stub.addConversation({ id: 'GGROUPDM', name: 'mpdm-alice--bob--carol-1', type: 'mpim', member: false });
    const { text } = await subscribe('GGROUPDM', { channelName: 'mpdm-alice--bob--carol-1' });
    expect(text).toContain('factbot is not in this group DM');
    expect(await subscriptionsIn('GGROUPDM')).toHaveLength(0);
    expect(joinCalls('GGROUPDM')).toHaveLength(0);
  });
});

describe('factbot removed from a Slack channel (QA 7 F11)', () => {
  const JSON_BODY = { contentType: 'application/json' };
  const until = async (check: () => Promise<boolean>): Promise<void> => {
    const end = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('stops the digests people subscribed there (channel_left, group_left, or member_left_channel about factbot), not an operator’s', async () => {
    stub.addConversation({ id: 'CLEAVE', name: 'desk', type: 'public', member: true });
    await subscribe('CLEAVE');
    await store.addSubscription({ platform: 'slack', channelId: 'CLEAVE', cron: '0 18 * * *', schedule: 'daily 18:00', timezone: 'UTC', createdBy: 'config', fromConfig: true });
    expect(await subscriptionsIn('CLEAVE')).toHaveLength(2);

    // Someone else leaving changes nothing.
    await postSigned(events, eventBody({ type: 'member_left_channel', user: OTHER_USER, channel: 'CLEAVE', channel_type: 'C', team: TEAM_ID }), JSON_BODY);
    await postSigned(events, eventBody({ type: 'channel_left', channel: 'CELSEWHERE', actor_id: OTHER_USER }), JSON_BODY);
    expect(await subscriptionsIn('CLEAVE')).toHaveLength(2);

    const res = await postSigned(events, eventBody({ type: 'channel_left', channel: 'CLEAVE', actor_id: OTHER_USER }), JSON_BODY);
    expect(res.status).toBe(200);
    await until(async () => (await subscriptionsIn('CLEAVE')).length === 1);
    expect((await subscriptionsIn('CLEAVE'))[0]!.fromConfig).toBe(true);

    // A private channel, told about factbot leaving as a member event.
    stub.addConversation({ id: 'GPRIV', name: 'investigations', type: 'private', member: true });
    await subscribe('GPRIV');
    expect(await subscriptionsIn('GPRIV')).toHaveLength(1);
    await postSigned(events, eventBody({ type: 'member_left_channel', user: BOT_USER_ID, channel: 'GPRIV', channel_type: 'G', team: TEAM_ID }), JSON_BODY);
    await until(async () => (await subscriptionsIn('GPRIV')).length === 0);
  });
});
