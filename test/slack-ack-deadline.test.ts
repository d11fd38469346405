import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlack, type RunningSlack } from '../src/platforms/slack/index.js';
import { BOT_TOKEN, SIGNING_SECRET, SlackStub, postSigned, slashCommandBody } from './stubs/slack-api.js';
import { MCMASTER, fakeServices } from './stubs/slack-services.js';

/**
 * Slack's 3 s acknowledgement deadline (QA 7, F1). The replay check of a slash command claims its
 * trigger_id in the store before acknowledging, and a store that never answers (a dropped
 * PostgreSQL connection) held every command past the deadline. And when the process itself is busy
 * past the deadline (an ingest on the same thread), the answer went into an acknowledgement Slack
 * had stopped waiting for.
 */

let stub: SlackStub;
let slack: RunningSlack;
let claims = 0;

beforeAll(async () => {
  stub = await new SlackStub().start();
  // A store that takes every claim and never answers.
  const fake = fakeServices([MCMASTER], () => {
    claims++;
    return new Promise<boolean>(() => undefined);
  });
  slack = await startSlack(
    { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: stub.apiUrl, port: 0, digestAdmins: [] },
    fake.services,
    { host: '127.0.0.1' },
  );
});

afterAll(async () => {
  await slack?.stop();
  await stub?.stop();
});

describe('a slash command while the store does not answer', () => {
  it('is still acknowledged, with its answer, instead of waiting for the store', async () => {
    const res = await postSigned(
      `http://127.0.0.1:${slack.port}/slack/events`,
      slashCommandBody({ command: '/quote', text: 'story reported false', responseUrl: stub.responseUrl('hung-store') }),
    );
    expect(claims).toBe(1);
    expect(res.status).toBe(200);
    // The answer itself (the fake search is instant) or, at worst, the private "looking it up" note.
    expect(JSON.stringify(res.json)).toMatch(/H\.R\. McMaster|Looking that up/);
  });

});

describe('a slash command while the process is busy', () => {
  it('an answer that comes back after the deadline (the process was busy) is sent through response_url, not into a dead acknowledgement', async () => {
    const fake = fakeServices([MCMASTER]);
    // The search holds the process, as a large ingest on the same thread does: no timer can fire
    // meanwhile, so the answer is "ready" only after Slack's 3 s are over.
    const search = fake.corpus.search.bind(fake.corpus);
    fake.corpus.search = (query, opts) => {
      const until = Date.now() + 3_100;
      while (Date.now() < until) {
        // busy: the event loop is blocked
      }
      return search(query, opts);
    };
    const busy = await startSlack(
      { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: stub.apiUrl, port: 0, digestAdmins: [] },
      fake.services,
      { host: '127.0.0.1' },
    );
    try {
      await postSigned(
        `http://127.0.0.1:${busy.port}/slack/events`,
        slashCommandBody({ command: '/quote', text: 'story reported false', responseUrl: stub.responseUrl('busy') }),
      );
      const answer = await stub.waitFor(() => stub.responsesTo('busy')[0], 8000);
      expect(JSON.stringify(answer.body.blocks)).toContain('H.R. McMaster');
    } finally {
      await busy.stop();
    }
  });
});
