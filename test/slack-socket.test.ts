import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlack, type RunningSlack } from '../src/platforms/slack/index.js';
import { BOT_TOKEN, BOT_USER_ID, SIGNING_SECRET, SlackStub, TEAM_ID } from './stubs/slack-api.js';
import { MCMASTER, fakeServices } from './stubs/slack-services.js';

/**
 * Socket Mode (SLACK_APP_TOKEN set): the same app over Slack's WebSocket protocol, spoken by the
 * loopback stub (apps.connections.open → ws://127.0.0.1…/socket, hello, envelopes, acks).
 */

let stub: SlackStub;
let slack: RunningSlack;

beforeAll(async () => {
  stub = await new SlackStub().start();
  const { services } = fakeServices([MCMASTER]);
  slack = await startSlack(
    { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, appToken: 'xapp-1-test', apiUrl: stub.apiUrl, port: 0, digestAdmins: [] },
    services,
  );
});

afterAll(async () => {
  await slack?.stop();
  await stub?.stop();
});

describe('Socket Mode', () => {
  it('connects with the app token and listens on no port', () => {
    expect(stub.callsOf('apps.connections.open')).toHaveLength(1);
    expect(stub.socketConnectedCount).toBe(1);
    expect(slack.port).toBeUndefined();
  });

  it('answers a slash command in its acknowledgement', async () => {
    const ack = await stub.sendEnvelope('slash_commands', {
      team_id: TEAM_ID,
      channel_id: 'C0000001',
      user_id: 'U0000001',
      command: '/quote',
      text: 'story reported false',
      response_url: stub.responseUrl('sock'),
      trigger_id: '1.2.3',
      api_app_id: 'A0000001',
    });
    expect(ack.response_type).toBe('ephemeral');
    expect(JSON.stringify(ack.blocks)).toContain('H.R. McMaster');
  });

  it('answers a mention in its thread', async () => {
    await stub.sendEnvelope('events_api', {
      team_id: TEAM_ID,
      api_app_id: 'A0000001',
      type: 'event_callback',
      event_id: 'EvSOCKET01',
      event_time: 1700000000,
      event: { type: 'app_mention', user: 'U0000001', text: `<@${BOT_USER_ID}> who said the story was false`, ts: '1700000900.000001', channel: 'C0000001', event_ts: '1700000900.000001' },
      authorizations: [{ team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
    });
    const post = await stub.waitFor(() => stub.callsOf('chat.postMessage')[0]);
    expect(post.args.thread_ts).toBe('1700000900.000001');
    expect(JSON.stringify(post.args.blocks)).toContain('H.R. McMaster');
  });

  it('answers a direct message in the DM (message.im over the socket)', async () => {
    const before = stub.callsOf('chat.postMessage').length;
    await stub.sendEnvelope('events_api', {
      team_id: TEAM_ID,
      api_app_id: 'A0000001',
      type: 'event_callback',
      event_id: 'EvSOCKETDM1',
      event_time: 1700000000,
      event: { type: 'message', channel_type: 'im', user: 'U0000001', text: 'who said the story was false?', ts: '1700000950.000001', channel: 'D0000001', event_ts: '1700000950.000001' },
      authorizations: [{ team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
    });
    const post = await stub.waitFor(() => stub.callsOf('chat.postMessage')[before]);
    expect(post.args.channel).toBe('D0000001');
    expect(post.args.thread_ts).toBeUndefined();
    expect(JSON.stringify(post.args.blocks)).toContain('H.R. McMaster');
  });
});
