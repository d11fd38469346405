import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSlack } from '../src/platforms/slack/bot.js';
import { startSlackHarness } from './stubs/slack-harness.js';
import {
  BOT_USER_ID,
  SlackStub,
  eventBody,
  interactionBody,
  messageShortcutPayload,
  postSigned,
} from './stubs/slack-api.js';
import { MCMASTER, fakeServices, type FakeCorpus } from './stubs/slack-services.js';

/**
 * "check this" in a Slack thread whose first message is not plain words (QA 7, F2): deleted (Slack
 * keeps a tombstone whose text is "This message was deleted."), posted by a news app or shared as a
 * link (the words are in attachments), or only an image.
 */

let stub: SlackStub;
let slack: RunningSlack;
let corpus: FakeCorpus;
let events: string;
let n = 0;

const allText = (x: unknown): string => JSON.stringify(x);

beforeAll(async () => {
  const fake = fakeServices([MCMASTER]);
  corpus = fake.corpus;
  ({ stub, slack, events } = await startSlackHarness(fake.services));
});

afterAll(async () => {
  await slack?.stop();
  await stub?.stop();
});

beforeEach(() => stub.reset());

/** Starts a thread whose first message is `parent`, says "@factbot check this" in it, returns the answer. */
async function checkThread(parent: Record<string, unknown>, said = `<@${BOT_USER_ID}> check this`): Promise<string> {
  n++;
  const parentTs = `17000010${String(n).padStart(2, '0')}.000001`;
  const mentionTs = `17000010${String(n).padStart(2, '0')}.000009`;
  stub.threads.set(`C0000001/${parentTs}`, [
    { ts: parentTs, text: '', ...parent },
    { ts: mentionTs, user: 'U0000001', text: said },
  ]);
  await postSigned(
    events,
    eventBody({ type: 'app_mention', user: 'U0000001', text: said, ts: mentionTs, thread_ts: parentTs, channel: 'C0000001' }),
    { contentType: 'application/json' },
  );
  const post = await stub.waitFor(() => stub.callsOf('chat.postMessage')[0]);
  expect(post.args.thread_ts).toBe(parentTs);
  return allText(post.args.blocks);
}

describe('“check this” on a thread’s first message', () => {
  it('says the first message was deleted instead of looking up “This message was deleted.”', async () => {
    const before = corpus.queries.length;
    const answer = await checkThread({ subtype: 'tombstone', text: 'This message was deleted.', user: 'USLACKBOT', hidden: true });
    expect(answer).toContain('was deleted');
    expect(answer).not.toContain('Sources for');
    expect(corpus.queries.slice(before).join(' ')).not.toContain('message was deleted');
  });

  it('reads a news app’s post from its attachments when it has no text of its own', async () => {
    const answer = await checkThread({
      bot_id: 'BNEWS001',
      subtype: 'bot_message',
      text: '',
      attachments: [{ fallback: 'McMaster: story reported false', title: 'McMaster says the story as reported is false', text: 'The national security adviser spoke at the White House.' }],
    });
    expect(corpus.queries.at(-1)).toContain('McMaster says the story as reported is false');
    expect(answer).toContain('Sources for');
  });

  it('reads a shared link’s preview, not the bare URL', async () => {
    const before = corpus.queries.length;
    await checkThread({
      user: 'U0000007',
      text: '<https://news.example/2017/05/15/mcmaster>',
      attachments: [{ title: 'McMaster: the story as reported is false', title_link: 'https://news.example/2017/05/15/mcmaster', text: 'H.R. McMaster disputed the report.' }],
    });
    // Title and text are two claims, each looked up.
    const asked = corpus.queries.slice(before).join('\n');
    expect(asked).toContain('the story as reported is false');
    expect(asked).not.toContain('news.example');
  });

  it('reads an app’s Block Kit post when its text is empty', async () => {
    const before = corpus.queries.length;
    await checkThread({
      bot_id: 'BNEWS002',
      subtype: 'bot_message',
      text: '',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Breaking' } },
        { type: 'section', text: { type: 'mrkdwn', text: '*McMaster says the story as reported is false*' } },
      ],
    });
    expect(corpus.queries.slice(before).join('\n')).toContain('McMaster says the story as reported is false');
  });

  it('says an image has no words to check, without the wrong hint to reply in a thread', async () => {
    const answer = await checkThread({ user: 'U0000007', text: '', files: [{ id: 'F1', name: 'screenshot.png', mimetype: 'image/png' }] });
    expect(answer).toContain('only images or files');
    expect(answer).not.toContain('Reply in a thread');
  });

  it('Find sources on a news app’s post reads its attachments', async () => {
    const payload = messageShortcutPayload({ text: '', responseUrl: stub.responseUrl('sc-app') });
    (payload.message as Record<string, unknown>).attachments = [{ title: 'McMaster says the story as reported is false' }];
    await postSigned(events, interactionBody(payload));
    const answer = await stub.waitFor(() => stub.responsesTo('sc-app')[0]);
    expect(corpus.queries.at(-1)).toContain('McMaster says the story as reported is false');
    expect(allText(answer.body.blocks)).toContain('Sources for');
  });

  it('checks the thread when someone else is tagged too: a person, a user group, a broadcast (QA 7, F3)', async () => {
    for (const said of [
      `<@${BOT_USER_ID}> check this <@U0ALICE1>`,
      `<!subteam^S0MODS01|@mods> <@${BOT_USER_ID}> check this`,
      `<@${BOT_USER_ID}> check this <!here>`,
    ]) {
      stub.reset();
      const before = corpus.queries.length;
      const answer = await checkThread({ user: 'U0000007', text: 'McMaster says the story as reported is false' }, said);
      expect(stub.callsOf('conversations.replies')).toHaveLength(1);
      expect(corpus.queries.slice(before).join('\n')).toContain('McMaster says the story as reported is false');
      expect(answer).toContain('Sources for');
    }
  });
});

describe('“check this” in a group DM (QA 7 nit)', () => {
  const MPIM = 'G0MPIM001';

  async function checkInGroupDm(): Promise<string> {
    n++;
    const parentTs = `17000030${String(n).padStart(2, '0')}.000001`;
    const mentionTs = `17000030${String(n).padStart(2, '0')}.000009`;
    stub.addConversation({ id: MPIM, name: 'mpdm-alice--bob--factbot-1', type: 'mpim', member: true });
    stub.threads.set(`${MPIM}/${parentTs}`, [
      { ts: parentTs, user: 'U0ALICE1', text: 'McMaster says the story as reported is false' },
      { ts: mentionTs, user: 'U0000001', text: `<@${BOT_USER_ID}> check this` },
    ]);
    await postSigned(
      events,
      eventBody({ type: 'app_mention', user: 'U0000001', text: `<@${BOT_USER_ID}> check this`, ts: mentionTs, thread_ts: parentTs, channel: MPIM }),
      { contentType: 'application/json' },
    );
    const post = await stub.waitFor(() => stub.callsOf('chat.postMessage')[0]);
    expect(post.args).toMatchObject({ channel: MPIM, thread_ts: parentTs });
    return allText(post.args.blocks);
  }

  it('reads the thread’s first message with the manifest’s scopes (mpim:history)', async () => {
    const before = corpus.queries.length;
    const answer = await checkInGroupDm();
    expect(corpus.queries.slice(before).join('\n')).toContain('McMaster says the story as reported is false');
    expect(answer).toContain('Sources for');
  });

  it('on an install without mpim:history, names the permission and points to Find sources', async () => {
    stub.scopes.delete('mpim:history');
    const answer = await checkInGroupDm();
    expect(answer).toContain('mpim:history');
    expect(answer).toContain('Find sources');
    expect(answer).not.toContain('lacks a permission it needs here');
  });
});
