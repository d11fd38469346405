import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSlack } from '../src/platforms/slack/bot.js';
import { startSlackHarness } from './stubs/slack-harness.js';
import { BOT_ID, BOT_USER_ID, SlackStub, eventBody, postSigned } from './stubs/slack-api.js';
import { MCMASTER, fakeServices, type FakeCorpus } from './stubs/slack-services.js';

/**
 * Direct messages (QA 7): someone who opens factbot's Messages tab and writes "who said …?" gets
 * the same answer a mention would, in the DM (threaded when they wrote in a thread). Slack sends
 * these as `message` events with `channel_type: "im"` (the `message.im` subscription); no
 * `app_mention` comes for a DM.
 */

let stub: SlackStub;
let slack: RunningSlack;
let corpus: FakeCorpus;
let events: string;
let n = 0;

const DM = 'D0000001';
const allText = (x: unknown): string => JSON.stringify(x);
const settle = () => new Promise((r) => setTimeout(r, 300));
const nextTs = () => `17000020${String(++n).padStart(2, '0')}.000001`;

function dmEvent(fields: Record<string, unknown>): string {
  return eventBody({ type: 'message', channel: DM, channel_type: 'im', user: 'U0000001', ts: nextTs(), ...fields });
}

async function send(body: string) {
  const res = await postSigned(events, body, { contentType: 'application/json' });
  expect(res.status).toBe(200);
  return res;
}

beforeAll(async () => {
  const fake = fakeServices([MCMASTER]);
  corpus = fake.corpus;
  ({ stub, slack, events } = await startSlackHarness(fake.services));
});

afterAll(async () => {
  await slack?.stop();
  await stub?.stop();
});

beforeEach(() => {
  stub.reset();
  corpus.delayMs = 0;
  stub.addConversation({ id: DM, type: 'im', member: true, user: 'U0000001' });
});

describe('Slack direct messages (message.im)', () => {
  it('answers a question written in the Messages tab in the DM, not in a thread', async () => {
    await send(dmEvent({ text: 'who said the story was false?' }));
    const post = await stub.waitFor(() => stub.callsOf('chat.postMessage')[0]);
    expect(post.args.channel).toBe(DM);
    expect(post.args.thread_ts).toBeUndefined();
    expect(allText(post.args.blocks)).toContain('H.R. McMaster');
    expect(corpus.queries.at(-1)).toContain('story was false');
  });

  it('answers in the thread when the user wrote in one', async () => {
    await send(dmEvent({ text: 'quote story reported false', thread_ts: '1700001999.000001' }));
    const post = await stub.waitFor(() => stub.callsOf('chat.postMessage')[0]);
    expect(post.args).toMatchObject({ channel: DM, thread_ts: '1700001999.000001' });
  });

  it('takes "thanks" under an answer as thanks, not as a search for the word', async () => {
    const before = corpus.queries.length;
    await send(dmEvent({ text: 'thanks!', thread_ts: '1700001999.000001' }));
    const post = await stub.waitFor(() => stub.callsOf('chat.postMessage')[0]);
    expect(allText(post.args)).toContain('welcome');
    expect(post.args.thread_ts).toBe('1700001999.000001');
    expect(corpus.queries.length).toBe(before);
  });

  it('reads "@factbot" written in a DM as the same question', async () => {
    await send(dmEvent({ text: `<@${BOT_USER_ID}> who said the story was false?` }));
    const post = await stub.waitFor(() => stub.callsOf('chat.postMessage')[0]);
    expect(allText(post.args.blocks)).toContain('H.R. McMaster');
  });

  it('ignores its own messages, other bots, edits, deletions and messages outside DMs', async () => {
    const before = corpus.queries.length;
    // factbot's own answer, as Slack echoes it into the DM.
    await send(dmEvent({ user: BOT_USER_ID, bot_id: BOT_ID, text: 'Quotes matching the story was false' }));
    // Another app writing into the DM, with and without the bot_message subtype.
    await send(dmEvent({ subtype: 'bot_message', bot_id: 'BOTHER01', text: 'who said the story was false?' }));
    await send(dmEvent({ user: 'U0BOTUSR', bot_id: 'BOTHER02', text: 'who said the story was false?' }));
    // The user edits, then deletes, an earlier question.
    await send(
      dmEvent({
        subtype: 'message_changed',
        hidden: true,
        user: undefined,
        message: { type: 'message', user: 'U0000001', text: 'who said the story was false?', ts: '1700002000.000001', edited: { user: 'U0000001', ts: '1700002000.000009' } },
        previous_message: { type: 'message', user: 'U0000001', text: 'who said the story was fals', ts: '1700002000.000001' },
      }),
    );
    await send(
      dmEvent({ subtype: 'message_deleted', hidden: true, user: undefined, deleted_ts: '1700002000.000001', previous_message: { type: 'message', user: 'U0000001', text: 'who said x', ts: '1700002000.000001' } }),
    );
    // Someone joining a conversation is not a question either.
    await send(dmEvent({ subtype: 'channel_join', text: '<@U0000001> has joined the channel' }));
    // A message event from a channel (an app subscribed to message.channels earlier) is not a DM.
    await send(eventBody({ type: 'message', channel: 'C0000001', channel_type: 'channel', user: 'U0000001', text: 'who said the story was false?', ts: nextTs() }));
    await settle();
    expect(stub.callsOf('chat.postMessage')).toHaveLength(0);
    expect(corpus.queries.length).toBe(before);
  });

  it('acknowledges the event before the lookup ends, then answers', async () => {
    corpus.delayMs = 800;
    await send(dmEvent({ text: 'who said the story was false?' }));
    // Slack has its 200 while the lookup is still running.
    expect(stub.callsOf('chat.postMessage')).toHaveLength(0);
    const post = await stub.waitFor(() => stub.callsOf('chat.postMessage')[0]);
    expect(allText(post.args.blocks)).toContain('H.R. McMaster');
  });

  it('answers a retried delivery of the same DM once', async () => {
    const body = eventBody({ type: 'message', channel: DM, channel_type: 'im', user: 'U0000001', text: 'who said the story was false?', ts: nextTs() }, 'EvDMRETRY01');
    await send(body);
    await stub.waitFor(() => stub.callsOf('chat.postMessage')[0]);
    await postSigned(events, body, { contentType: 'application/json', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    await settle();
    expect(stub.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('waits out a 429 for its Retry-After, then answers in the DM', async () => {
    stub.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await send(dmEvent({ text: 'who said the story was false?' }));
    const calls = await stub.waitFor(() => (stub.callsOf('chat.postMessage').length >= 2 ? stub.callsOf('chat.postMessage') : undefined), 8000);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(950);
    expect(calls[1]!.args.channel).toBe(DM);
  });

  it('"check this" in a DM thread reads the thread’s first message (im:history) and answers in the thread', async () => {
    const parentTs = nextTs();
    const askTs = nextTs();
    stub.threads.set(`${DM}/${parentTs}`, [
      { ts: parentTs, user: 'U0000001', text: 'McMaster says the story as reported is false' },
      { ts: askTs, user: 'U0000001', text: 'check this' },
    ]);
    await send(eventBody({ type: 'message', channel: DM, channel_type: 'im', user: 'U0000001', text: 'check this', ts: askTs, thread_ts: parentTs }));
    const post = await stub.waitFor(() => stub.callsOf('chat.postMessage')[0]);
    expect(stub.callsOf('conversations.replies')[0]!.args).toMatchObject({ channel: DM, ts: parentTs });
    expect(post.args.thread_ts).toBe(parentTs);
    expect(allText(post.args.blocks)).toContain('Sources for');
    expect(corpus.queries.at(-1)).toContain('story as reported is false');
  });

  it('"check this" at the top of a DM says where it works, without asking for a mention', async () => {
    await send(dmEvent({ text: 'check this' }));
    const post = await stub.waitFor(() => stub.callsOf('chat.postMessage')[0]);
    const answer = allText(post.args.blocks);
    expect(answer).toContain('Nothing to check here');
    expect(answer).toContain('in a thread under the message');
    expect(answer).not.toContain('Mention me');
  });
});
