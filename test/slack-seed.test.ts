import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSlack } from '../src/platforms/slack/bot.js';
import { startSlackHarness } from './stubs/slack-harness.js';
import type { SlackBlock } from '../src/platforms/slack/render.js';
import { seedServices, type SeededServices } from './helpers/corpus.js';
import { BOT_USER_ID, SlackStub, eventBody, postSigned, slashCommandBody } from './stubs/slack-api.js';

/** The Slack app on the real corpus (the shipped seed articles): what a newsroom would see. */

let seeded: SeededServices;
let stub: SlackStub;
let slack: RunningSlack;
let events: string;

beforeAll(async () => {
  seeded = await seedServices();
  // What users see is under test here, not timing: on a loaded machine an answer may miss the
  // 2 s inline budget and arrive through response_url, as designed (tested in slack-app).
  ({ stub, slack, events } = await startSlackHarness(seeded.services, { inlineBudgetMs: 20_000 }));
});

afterAll(async () => {
  await slack?.stop();
  await stub?.stop();
  await seeded?.close();
});

const blocksText = (x: unknown) => JSON.stringify((x as { blocks: SlackBlock[] }).blocks);

describe('Slack on the seed corpus', () => {
  it('/quote great intel: the quote in bold, its speaker and role, the article and corroboration', async () => {
    const res = await postSigned(events, slashCommandBody({ command: '/quote', text: 'great intel', responseUrl: stub.responseUrl('q') }));
    expect(res.status).toBe(200);
    const text = blocksText(res.json);
    expect(text).toMatch(/I get \*great\* \*intel\*|I get \*great intel\*/);
    expect(text).toContain('*Donald Trump*, president');
    // The seed articles are plain text files: a title, no URL, so the article shows unlinked.
    expect(text).toContain('President Donald Trump revealed highly classified information');
    expect(text).toContain('factbot_more');
    expect(text).toMatch(/reported in \d+ articles?/);
  });

  it('a mention “who said …?” answers in the thread with the speaker', async () => {
    await postSigned(
      events,
      eventBody({ type: 'app_mention', user: 'U0000001', text: `<@${BOT_USER_ID}> who said “our worst fears confirmed”?`, ts: '1700001000.000001', channel: 'C0000001' }),
      { contentType: 'application/json' },
    );
    const post = await stub.waitFor(() => stub.callsOf('chat.postMessage')[0], 10_000);
    expect(post.args.thread_ts).toBe('1700001000.000001');
    expect(JSON.stringify(post.args.blocks)).toContain('worst fears confirmed');
  });

  it('“check this” under a claim lists the articles that report it', async () => {
    stub.threads.set('C0000001/1700002000.000001', [
      { ts: '1700002000.000001', user: 'U0000007', text: 'Apparently Israel was the source of the information?' },
    ]);
    await postSigned(
      events,
      eventBody({ type: 'app_mention', user: 'U0000001', text: `<@${BOT_USER_ID}> check this`, ts: '1700002001.000001', thread_ts: '1700002000.000001', channel: 'C0000001' }),
      { contentType: 'application/json' },
    );
    const post = await stub.waitFor(() => stub.callsOf('chat.postMessage').find((c) => c.args.thread_ts === '1700002000.000001'), 10_000);
    const text = JSON.stringify(post.args.blocks);
    expect(text).toContain('Sources for');
    expect(text).toMatch(/\*Israel[^*]*\*/);
    expect(text).toContain('The New York Times');
  });
});
