import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSlack, type RunningSlack } from '../src/platforms/slack/index.js';
import { startSlackHarness } from './stubs/slack-harness.js';
import { startSlackBot } from '../src/platforms/slack/bot.js';
import { checkClaims, runCommand } from '../src/dispatch/index.js';
import { parseTextArgs } from '../src/intent/parse-args.js';
import { routeMessage } from '../src/intent/route.js';
import { buildManifest } from '../src/platforms/slack/manifest.js';
import { PostError } from '../src/platforms/types.js';
import type { SlackBlock } from '../src/platforms/slack/render.js';
import {
  BOT_ID,
  BOT_TOKEN,
  BOT_USER_ID,
  SIGNING_SECRET,
  SlackStub,
  buttonPayload,
  eventBody,
  interactionBody,
  messageShortcutPayload,
  postSigned,
  sign,
  slashCommandBody,
} from './stubs/slack-api.js';
import { INJECTION, MCMASTER, fakeServices, manyStatements, type FakeCorpus } from './stubs/slack-services.js';

/**
 * The real Bolt app in HTTP mode on 127.0.0.1, with the Web API and response_url on a loopback
 * stub: what a Slack user would see, request by request.
 */

let stub: SlackStub;
let slack: RunningSlack;
let corpus: FakeCorpus;
let events: string;

const allText = (blocks: unknown): string => JSON.stringify(blocks);
const blocksOf = (x: unknown): SlackBlock[] => (x as { blocks: SlackBlock[] }).blocks;
const buttonValue = (blocks: SlackBlock[], actionId: string): string | undefined => {
  for (const b of blocks) if (b.type === 'actions') for (const e of b.elements) if (e.action_id === actionId) return e.value;
  return undefined;
};
const settle = () => new Promise((r) => setTimeout(r, 300));

beforeAll(async () => {
  const fake = fakeServices([MCMASTER, INJECTION, ...manyStatements(12)]);
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
});

describe('request verification (Bolt HTTPReceiver)', () => {
  it('answers a correctly signed slash command', async () => {
    const res = await postSigned(events, slashCommandBody({ command: '/quote', text: 'story reported false', responseUrl: stub.responseUrl('ok') }));
    expect(res.status).toBe(200);
    expect(allText(res.json)).toContain('The story that came out tonight');
  });

  it('rejects a forged signature with 401 and runs nothing', async () => {
    const before = corpus.queries.length;
    const body = slashCommandBody({ command: '/quote', text: 'story reported false', responseUrl: stub.responseUrl('forged') });
    const res = await postSigned(events, body, { signature: sign('not-the-secret', Math.floor(Date.now() / 1000), body) });
    expect(res.status).toBe(401);
    expect(res.text).toBe('');
    await settle();
    expect(corpus.queries.length).toBe(before);
    expect(stub.responses).toHaveLength(0);
    expect(stub.calls).toHaveLength(0);
  });

  it('rejects a correctly signed but stale request (over 5 minutes old) with 401', async () => {
    const before = corpus.queries.length;
    const body = slashCommandBody({ command: '/quote', text: 'story reported false', responseUrl: stub.responseUrl('stale') });
    const res = await postSigned(events, body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
    await settle();
    expect(corpus.queries.length).toBe(before);
    expect(stub.responses).toHaveLength(0);
  });

  it('answers a replayed slash command (the same signed request again, within its five minutes) once', async () => {
    const body = slashCommandBody({ command: '/quote', text: 'story reported false', responseUrl: stub.responseUrl('replay') });
    const first = await postSigned(events, body);
    expect(allText(first.json)).toContain('The story that came out tonight');
    const before = corpus.queries.length;
    const again = await postSigned(events, body);
    expect(again.status).toBe(200);
    expect(again.text).toBe('');
    await settle();
    expect(corpus.queries.length).toBe(before);
  });

  it('rejects an unsigned request with 401', async () => {
    const res = await fetch(events, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'command=%2Fquote&text=x' });
    expect(res.status).toBe(401);
  });
});

describe('slash commands', () => {
  it('has a listener for every slash command of the manifest', async () => {
    const manifest = buildManifest(fakeServices([]).services.commands.map((c) => c.definition));
    for (const { command } of manifest.features.slash_commands) {
      const res = await postSigned(events, slashCommandBody({ command, text: '', responseUrl: stub.responseUrl('all') }));
      expect(res.status, command).toBe(200);
      expect(blocksOf(res.json).length, command).toBeGreaterThan(0);
    }
  });

  it('acknowledges with the answer: quote, speaker and role, article link, corroboration, bold matches, ephemeral', async () => {
    const res = await postSigned(events, slashCommandBody({ command: '/quote', text: 'story reported false', responseUrl: stub.responseUrl('q1') }));
    const body = res.json as { response_type: string; blocks: SlackBlock[]; text: string };
    expect(body.response_type).toBe('ephemeral');
    const text = allText(body.blocks);
    expect(text).toContain('*story*');
    expect(text).toContain('*H.R. McMaster*, national security adviser');
    expect(text).toContain('<https://www.washingtonpost.com/world/national-security/trump-revealed-classified-information|Trump revealed highly classified information');
    expect(text).toContain('The Washington Post');
    expect(text).toContain('reported in 3 articles');
    expect(buttonValue(body.blocks, 'factbot_share')).toBeTruthy();
    expect(body.blocks.length).toBeLessThanOrEqual(50);
  });

  it('runs every command under the /factbot umbrella, and /factbot help lists the commands', async () => {
    const help = await postSigned(events, slashCommandBody({ command: '/factbot', text: 'help', responseUrl: stub.responseUrl('h') }));
    const helpText = allText(help.json);
    for (const name of ['/quote', '/whosaid', '/sources', '/speaker']) expect(helpText).toContain(name);

    const sub = await postSigned(events, slashCommandBody({ command: '/factbot', text: 'quote story reported false', responseUrl: stub.responseUrl('u') }));
    expect(allText(sub.json)).toContain('H.R. McMaster');

    const unknown = await postSigned(events, slashCommandBody({ command: '/factbot', text: 'frobnicate now', responseUrl: stub.responseUrl('x') }));
    expect(allText(unknown.json)).toContain('frobnicate');
  });

  it('pages with More results, replacing the private answer in place', async () => {
    const res = await postSigned(events, slashCommandBody({ command: '/quote', text: 'budget', responseUrl: stub.responseUrl('p0') }));
    const first = blocksOf(res.json);
    expect(allText(first)).toContain('Speaker 1*');
    expect(allText(first)).toContain('7 more results');
    const more = buttonValue(first, 'factbot_more');
    expect(more).toBeTruthy();

    const click = await postSigned(events, interactionBody(buttonPayload({ actionId: 'factbot_more', value: more!, responseUrl: stub.responseUrl('p1') })));
    expect(click.status).toBe(200);
    const page2 = await stub.waitFor(() => stub.responsesTo('p1')[0]);
    expect(page2.body.replace_original).toBe(true);
    expect(page2.body.response_type).toBe('ephemeral');
    const text = allText(page2.body.blocks);
    expect(text).toContain('Speaker 6*');
    expect(text).not.toContain('Speaker 5*');
    expect(text).toContain('2 more results');
  });

  it('shares an answer in the channel with Share in channel, then removes the private copy', async () => {
    const res = await postSigned(events, slashCommandBody({ command: '/quote', text: 'story reported false', responseUrl: stub.responseUrl('s0') }));
    const share = buttonValue(blocksOf(res.json), 'factbot_share');
    await postSigned(events, interactionBody(buttonPayload({ actionId: 'factbot_share', value: share!, responseUrl: stub.responseUrl('s1'), userId: 'U0000042' })));
    const [posted, removed] = await stub.waitFor(() => (stub.responsesTo('s1').length >= 2 ? stub.responsesTo('s1') : undefined));
    expect(posted!.body.response_type).toBe('in_channel');
    expect(allText(posted!.body.blocks)).toContain('H.R. McMaster');
    expect(allText(posted!.body.blocks)).toContain('shared by <@U0000042>');
    expect(allText(posted!.body.blocks)).not.toContain('factbot_share');
    expect(removed!.body).toEqual({ delete_original: true });
  });

  it('a shared answer with more results keeps More, so "7 more results" is not a dead end (QA 5b)', async () => {
    const res = await postSigned(events, slashCommandBody({ command: '/quote', text: 'budget', responseUrl: stub.responseUrl('sm0') }));
    const share = buttonValue(blocksOf(res.json), 'factbot_share');
    await postSigned(events, interactionBody(buttonPayload({ actionId: 'factbot_share', value: share!, responseUrl: stub.responseUrl('sm1'), userId: 'U0000042' })));
    const posted = await stub.waitFor(() => stub.responsesTo('sm1')[0]);
    expect(posted.body.response_type).toBe('in_channel');
    expect(allText(posted.body.blocks)).toContain('7 more results');
    expect(buttonValue(blocksOf(posted.body), 'factbot_more')).toBeTruthy();
    expect(buttonValue(blocksOf(posted.body), 'factbot_share')).toBeUndefined();
  });

  it('acknowledges with a private note and answers in its place through response_url when the answer is not ready in time', async () => {
    // A second app whose inline budget (100 ms) is shorter than the search (400 ms).
    const fake = fakeServices([MCMASTER]);
    fake.corpus.delayMs = 400;
    const patient = await startSlack(
      { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: stub.apiUrl, port: 0, digestAdmins: [] },
      fake.services,
      { host: '127.0.0.1', inlineBudgetMs: 100 },
    );
    try {
      const res = await postSigned(
        `http://127.0.0.1:${patient.port}/slack/events`,
        slashCommandBody({ command: '/quote', text: 'story reported false', responseUrl: stub.responseUrl('slow') }),
      );
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ response_type: 'ephemeral', text: '⏳ Looking that up…' });
      const answer = await stub.waitFor(() => stub.responsesTo('slow')[0], 8000);
      expect(answer.body.response_type).toBe('ephemeral');
      expect(answer.body.replace_original).toBe(true);
      expect(allText(answer.body.blocks)).toContain('H.R. McMaster');
    } finally {
      await patient.stop();
    }
  });

  it('a slow public answer is posted for everyone and the private note removed', async () => {
    // A core whose answer is public and arrives only when the test lets it.
    const fake = fakeServices([MCMASTER]);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const publicReply = { title: 'Digest subscribed', text: 'This channel will get a digest.', notices: [], sections: [], visibility: 'public' as const };
    const slow = await startSlackBot(
      { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: stub.apiUrl, port: 0, digestAdmins: [] },
      fake.services,
      {
        runCommand: async (...args) => (args[2] === 'quote' ? (await gate, publicReply) : runCommand(...args)),
        parseTextArgs,
        routeMessage: (text) => routeMessage(text, fake.services.commands),
        checkClaims,
      },
      { host: '127.0.0.1', inlineBudgetMs: 50 },
    );
    try {
      const res = await postSigned(
        `http://127.0.0.1:${slow.port}/slack/events`,
        slashCommandBody({ command: '/quote', text: 'anything', responseUrl: stub.responseUrl('pub') }),
      );
      expect(res.json).toMatchObject({ response_type: 'ephemeral', text: '⏳ Looking that up…' });
      release();
      const [posted, removed] = await stub.waitFor(() => (stub.responsesTo('pub').length >= 2 ? stub.responsesTo('pub') : undefined), 8000);
      expect(posted!.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
      expect(allText(posted!.body.blocks)).toContain('Digest subscribed');
      expect(removed!.body).toEqual({ delete_original: true });
    } finally {
      await slow.stop();
    }
  });

  it('answers a query with 100 long results inside Slack’s limits, saying how many more there are', async () => {
    const saved = corpus.statements;
    corpus.statements = manyStatements(100);
    try {
      const res = await postSigned(events, slashCommandBody({ command: '/quote', text: 'budget', responseUrl: stub.responseUrl('100') }));
      const blocks = blocksOf(res.json);
      expect(blocks.length).toBeLessThanOrEqual(50);
      for (const b of blocks) if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(3000);
      expect(allText(blocks)).toContain('95 more results');
      expect(allText(blocks)).toContain('…');
      expect(buttonValue(blocks, 'factbot_more')).toBeTruthy();
    } finally {
      corpus.statements = saved;
    }
  });

  it('escapes article text so it can form no mention, broadcast or link', async () => {
    const res = await postSigned(events, slashCommandBody({ command: '/quote', text: 'attention mallory', responseUrl: stub.responseUrl('inj') }));
    const body = res.json as { blocks: SlackBlock[]; text: string };
    const text = JSON.stringify(body);
    expect(text).toContain('Attention');
    for (const bad of ['<!channel>', '<!here', '<@U12345>', '<@U99999>', '<!subteam', '<!everyone>', '<https://evil', 'javascript:', '<b>']) {
      expect(text).not.toContain(bad);
    }
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('&amp;');
    expect(text).not.toMatch(/@(here|everyone|channel)\b/);
    expect(text).toContain('@\u200Dhere');
    // Every mrkdwn text object is verbatim: Slack must not auto-link or resolve anything in it.
    const mrkdwn = JSON.stringify(body.blocks).match(/"type":"mrkdwn","text":"(?:[^"\\]|\\.)*","verbatim":(true|false)/g) ?? [];
    expect(mrkdwn.length).toBeGreaterThan(0);
    for (const m of mrkdwn) expect(m.endsWith('"verbatim":true')).toBe(true);
  });
});

describe('mentions', () => {
  it('answers a question in the thread of the message when it is not in a thread', async () => {
    const res = await postSigned(
      events,
      eventBody({ type: 'app_mention', user: 'U0000001', text: `<@${BOT_USER_ID}> who said the story was false?`, ts: '1700000100.000100', channel: 'C0000001' }),
      { contentType: 'application/json' },
    );
    expect(res.status).toBe(200);
    const post = await stub.waitFor(() => stub.callsOf('chat.postMessage')[0]);
    expect(post.args.channel).toBe('C0000001');
    expect(post.args.thread_ts).toBe('1700000100.000100');
    expect(allText(post.args.blocks)).toContain('H.R. McMaster');
    expect(post.args.unfurl_links).toBe('false');
  });

  it('pages a thread answer privately, in the same thread, with More results', async () => {
    await postSigned(
      events,
      eventBody({ type: 'app_mention', user: 'U0000001', text: `<@${BOT_USER_ID}> quote budget`, ts: '1700000150.000001', channel: 'C0000001' }),
      { contentType: 'application/json' },
    );
    const post = await stub.waitFor(() => stub.callsOf('chat.postMessage')[0]);
    const blocks = post.args.blocks as SlackBlock[];
    expect(buttonValue(blocks, 'factbot_share')).toBeUndefined();
    const more = buttonValue(blocks, 'factbot_more');
    expect(more).toBeTruthy();
    await postSigned(events, interactionBody(buttonPayload({ actionId: 'factbot_more', value: more!, responseUrl: stub.responseUrl('tm'), threadTs: '1700000150.000001' })));
    const page2 = await stub.waitFor(() => stub.responsesTo('tm')[0]);
    expect(page2.body).toMatchObject({ response_type: 'ephemeral', replace_original: false, thread_ts: '1700000150.000001' });
    expect(allText(page2.body.blocks)).toContain('Speaker 6*');
  });

  it('answers inside an existing thread with that thread’s ts', async () => {
    await postSigned(
      events,
      eventBody({ type: 'app_mention', user: 'U0000001', text: `<@${BOT_USER_ID}> quote story reported false`, ts: '1700000200.000200', thread_ts: '1700000199.000001', channel: 'C0000001' }),
      { contentType: 'application/json' },
    );
    const post = await stub.waitFor(() => stub.callsOf('chat.postMessage')[0]);
    expect(post.args.thread_ts).toBe('1700000199.000001');
  });

  it('“check this” looks up the thread’s first message with conversations.replies and answers with its sources', async () => {
    stub.threads.set('C0000001/1700000300.000001', [
      { ts: '1700000300.000001', user: 'U0000007', text: 'McMaster says the story as reported is false &amp; wrong' },
      { ts: '1700000301.000001', user: 'U0000001', text: `<@${BOT_USER_ID}> check this` },
    ]);
    await postSigned(
      events,
      eventBody({ type: 'app_mention', user: 'U0000001', text: `<@${BOT_USER_ID}> check this`, ts: '1700000301.000001', thread_ts: '1700000300.000001', channel: 'C0000001' }),
      { contentType: 'application/json' },
    );
    const post = await stub.waitFor(() => stub.callsOf('chat.postMessage')[0]);
    const replies = stub.callsOf('conversations.replies');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.args).toMatchObject({ channel: 'C0000001', ts: '1700000300.000001' });
    expect(corpus.queries.at(-1)).toContain('story as reported is false & wrong');
    expect(post.args.thread_ts).toBe('1700000300.000001');
    expect(allText(post.args.blocks)).toContain('Sources for');
    expect(allText(post.args.blocks)).toContain('H.R. McMaster');
  });

  it('explains, in the thread, when it cannot read the thread', async () => {
    stub.failNext('conversations.replies', { error: 'channel_not_found' });
    await postSigned(
      events,
      eventBody({ type: 'app_mention', user: 'U0000001', text: `<@${BOT_USER_ID}> sources?`, ts: '1700000401.000001', thread_ts: '1700000400.000001', channel: 'G0000001' }),
      { contentType: 'application/json' },
    );
    const post = await stub.waitFor(() => stub.callsOf('chat.postMessage')[0]);
    expect(allText(post.args.blocks)).toContain('/invite @factbot');
  });

  it('answers a retried delivery of the same event once', async () => {
    const body = eventBody({ type: 'app_mention', user: 'U0000001', text: `<@${BOT_USER_ID}> who said the story was false`, ts: '1700000500.000001', channel: 'C0000001' }, 'EvRETRIED01');
    const first = await postSigned(events, body, { contentType: 'application/json' });
    expect(first.status).toBe(200);
    await stub.waitFor(() => stub.callsOf('chat.postMessage')[0]);
    const retry = await postSigned(events, body, {
      contentType: 'application/json',
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    await settle();
    expect(stub.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('ignores its own messages and other bots', async () => {
    await postSigned(
      events,
      eventBody({ type: 'app_mention', user: BOT_USER_ID, text: `<@${BOT_USER_ID}> who said the story was false`, ts: '1700000600.000001', channel: 'C0000001' }),
      { contentType: 'application/json' },
    );
    await postSigned(
      events,
      eventBody({ type: 'app_mention', user: 'U0000099', bot_id: 'BOTHER01', text: `<@${BOT_USER_ID}> who said the story was false`, ts: '1700000601.000001', channel: 'C0000001' }),
      { contentType: 'application/json' },
    );
    await settle();
    expect(stub.callsOf('chat.postMessage')).toHaveLength(0);
  });

  it('waits out a 429 for its Retry-After, then posts', async () => {
    stub.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await postSigned(
      events,
      eventBody({ type: 'app_mention', user: 'U0000001', text: `<@${BOT_USER_ID}> who said the story was false`, ts: '1700000700.000001', channel: 'C0000001' }),
      { contentType: 'application/json' },
    );
    const calls = await stub.waitFor(() => (stub.callsOf('chat.postMessage').length >= 2 ? stub.callsOf('chat.postMessage') : undefined), 8000);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(950);
    expect(calls[1]!.args.thread_ts).toBe('1700000700.000001');
  });

  it('tells the asker privately when it may not post in the channel, and keeps running', async () => {
    stub.failNext('chat.postMessage', { error: 'not_in_channel' });
    await postSigned(
      events,
      eventBody({ type: 'app_mention', user: 'U0000001', text: `<@${BOT_USER_ID}> who said the story was false`, ts: '1700000800.000001', channel: 'C0000009' }),
      { contentType: 'application/json' },
    );
    const eph = await stub.waitFor(() => stub.callsOf('chat.postEphemeral')[0]);
    expect(eph.args).toMatchObject({ channel: 'C0000009', user: 'U0000001' });
    expect(String(eph.args.text)).toContain('/invite @factbot');
    const again = await postSigned(events, slashCommandBody({ command: '/quote', text: 'story reported false', responseUrl: stub.responseUrl('alive') }));
    expect(again.status).toBe(200);
  });
});

describe('response_url', () => {
  it('waits out a 429 from response_url for its Retry-After, then answers', async () => {
    stub.failNext('response_url', { status: 429, retryAfter: 1 });
    const started = Date.now();
    await postSigned(events, interactionBody(messageShortcutPayload({ text: 'Was the story reported false?', responseUrl: stub.responseUrl('rl') })));
    const answer = await stub.waitFor(() => stub.responsesTo('rl')[0], 8000);
    expect(answer.at - started).toBeGreaterThanOrEqual(950);
    expect(allText(answer.body.blocks)).toContain('H.R. McMaster');
  });

  it('gives up quietly on an expired response_url and keeps running', async () => {
    stub.failNext('response_url', { error: 'expired_url' });
    const res = await postSigned(events, interactionBody(messageShortcutPayload({ text: 'Was the story reported false?', responseUrl: stub.responseUrl('gone') })));
    expect(res.status).toBe(200);
    await settle();
    expect(stub.responsesTo('gone')).toHaveLength(0);
    const again = await postSigned(events, slashCommandBody({ command: '/quote', text: 'story reported false', responseUrl: stub.responseUrl('alive2') }));
    expect(allText(again.json)).toContain('H.R. McMaster');
  });
});

describe('Find sources message shortcut', () => {
  it('answers privately about the message’s text', async () => {
    const res = await postSigned(events, interactionBody(messageShortcutPayload({ text: 'Was the story reported false?', responseUrl: stub.responseUrl('sc') })));
    expect(res.status).toBe(200);
    const answer = await stub.waitFor(() => stub.responsesTo('sc')[0]);
    expect(answer.body.response_type).toBe('ephemeral');
    expect(allText(answer.body.blocks)).toContain('Sources for');
    expect(allText(answer.body.blocks)).toContain('H.R. McMaster');
    expect(allText(answer.body.blocks)).toContain('factbot_share');
  });
});

describe('digest poster', () => {
  const reply = {
    title: 'Digest',
    notices: [],
    sections: [{ items: [], lines: ['Nothing much happened.'] }],
    visibility: 'public' as const,
  };

  it('posts rendered blocks to the channel', async () => {
    await slack.poster.post('C0000001', reply);
    const call = stub.callsOf('chat.postMessage')[0]!;
    expect(call.args.channel).toBe('C0000001');
    expect(allText(call.args.blocks)).toContain('Nothing much happened.');
    expect(slack.poster.platform).toBe('slack');
  });

  it('reports a missing channel as a permanent failure', async () => {
    stub.failNext('chat.postMessage', { error: 'channel_not_found' });
    const err = await slack.poster.post('C0000404', reply).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PostError);
    expect((err as PostError).retryable).toBe(false);
    expect((err as PostError).message).toContain('channel_not_found');
  });

  it('reports a rate limit as retryable with Slack’s Retry-After, without waiting itself', async () => {
    stub.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const err = await slack.poster.post('C0000001', reply).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PostError);
    expect((err as PostError).retryable).toBe(true);
    expect((err as PostError).retryAfterMs).toBe(7000);
    expect(stub.callsOf('chat.postMessage')).toHaveLength(1);
  });
});

describe('start-up', () => {
  it('checks the token once with auth.test and knows its own ids', async () => {
    const s2 = new SlackStub();
    await s2.start();
    const { services } = fakeServices([MCMASTER]);
    const running = await startSlack({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: s2.apiUrl, port: 0, digestAdmins: [] }, services, { host: '127.0.0.1' });
    await running.stop();
    await s2.stop();
    expect(s2.callsOf('auth.test')).toHaveLength(1);
    expect(BOT_ID).toBeTruthy();
  });

  it('fails with a clear message when Slack rejects the token', async () => {
    const s2 = new SlackStub();
    await s2.start();
    s2.failNext('auth.test', { error: 'invalid_auth' });
    const { services } = fakeServices([MCMASTER]);
    await expect(
      startSlack({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: s2.apiUrl, port: 0, digestAdmins: [] }, services, { host: '127.0.0.1' }),
    ).rejects.toThrow(/SLACK_BOT_TOKEN.*invalid_auth/);
    await s2.stop();
  });
});
