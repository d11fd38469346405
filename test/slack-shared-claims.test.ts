import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSlack, type RunningSlack } from '../src/platforms/slack/index.js';
import { openStore, type SqlStore } from '../src/store/index.js';
import { BOT_TOKEN, BOT_USER_ID, SIGNING_SECRET, SlackStub, eventBody, postSigned } from './stubs/slack-api.js';
import { MCMASTER, fakeServices } from './stubs/slack-services.js';

/*
 * Two bot processes on one store (here: two Bolt apps in this process, each with its own memory,
 * sharing a real SQL store): Slack may retry an event to the other one, and it must be answered
 * once. A store that fails must not cost the answer.
 */

let stub: SlackStub;
let store: SqlStore;
const bots: RunningSlack[] = [];
const settle = () => new Promise((r) => setTimeout(r, 300));
const mention = (ts: string) => ({ type: 'app_mention', user: 'U0000001', text: `<@${BOT_USER_ID}> who said the story was false`, ts, channel: 'C0000001' });

async function bot(claimEvent: Parameters<typeof fakeServices>[1]): Promise<string> {
  const { services } = fakeServices([MCMASTER], claimEvent);
  const slack = await startSlack(
    { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: stub.apiUrl, port: 0, digestAdmins: [] },
    services,
    { host: '127.0.0.1' },
  );
  bots.push(slack);
  return `http://127.0.0.1:${slack.port}/slack/events`;
}

beforeAll(async () => {
  stub = await new SlackStub().start();
  store = await openStore({ memory: true });
});

afterAll(async () => {
  for (const b of bots) await b.stop();
  await store?.close();
  await stub?.stop();
});

beforeEach(() => stub.reset());

describe('Slack event retries across processes', () => {
  it('a retry delivered to the other process is not answered again', async () => {
    const claim = (key: string, ttlMs: number) => store.claimEvent(key, ttlMs);
    const [a, b] = [await bot(claim), await bot(claim)];
    const body = eventBody(mention('1700000700.000001'), 'EvSHARED01');
    expect((await postSigned(a, body, { contentType: 'application/json' })).status).toBe(200);
    await stub.waitFor(() => stub.callsOf('chat.postMessage')[0]);
    const retry = await postSigned(b, body, { contentType: 'application/json', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await settle();
    expect(stub.callsOf('chat.postMessage')).toHaveLength(1);
    // A different event still reaches the second process.
    await postSigned(b, eventBody(mention('1700000701.000001'), 'EvSHARED02'), { contentType: 'application/json' });
    await stub.waitFor(() => stub.callsOf('chat.postMessage')[1]);
    expect(stub.callsOf('chat.postMessage')).toHaveLength(2);
  });

  it('answers when the store cannot take the claim, and still once per process', async () => {
    const events = await bot(async () => {
      throw new Error('connection terminated');
    });
    const body = eventBody(mention('1700000800.000001'), 'EvNOSTORE01');
    await postSigned(events, body, { contentType: 'application/json' });
    await stub.waitFor(() => stub.callsOf('chat.postMessage')[0]);
    await postSigned(events, body, { contentType: 'application/json', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    await settle();
    expect(stub.callsOf('chat.postMessage')).toHaveLength(1);
  });
});
