import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_SLACK_BODY_BYTES } from '../src/platforms/slack/body-limit.js';
import type { RunningSlack } from '../src/platforms/slack/bot.js';
import { startSlackHarness } from './stubs/slack-harness.js';
import { SIGNING_SECRET, SlackStub, postSigned, sign, slashCommandBody } from './stubs/slack-api.js';
import { MCMASTER, fakeServices, type FakeCorpus } from './stubs/slack-services.js';

/**
 * The HTTP receiver's guard against unauthenticated bulk: bodies over the cap (announced or
 * actual) and bodies that trickle are refused before Bolt buffers or verifies anything; signed
 * requests of any ordinary shape still reach Bolt's verification and get answered.
 */

const SLOW_BODY_MS = 400;

let stub: SlackStub;
let slack: RunningSlack;
let corpus: FakeCorpus;
let port: number;

beforeAll(async () => {
  const fake = fakeServices([MCMASTER]);
  corpus = fake.corpus;
  ({ stub, slack } = await startSlackHarness(fake.services, { bodyLimits: { timeoutMs: SLOW_BODY_MS } }));
  port = slack.port!;
});

afterAll(async () => {
  await slack?.stop();
  await stub?.stop();
});

beforeEach(() => stub.reset());

const settle = () => new Promise((r) => setTimeout(r, 200));

interface RawResult {
  status: number;
  text: string;
  /** Body bytes the client had written when the answer came. */
  written: number;
}

/**
 * A POST written piece by piece: `pieces` are written one per tick, and the body is ended only
 * when `end` is set, so a test can show the server answered before the client finished.
 */
function rawPost(headers: Record<string, string>, pieces: Iterable<Buffer>, end: boolean): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = request({ host: '127.0.0.1', port, path: '/slack/events', method: 'POST', headers }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString(), written });
        req.destroy();
      });
      res.on('error', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString(), written }));
    });
    // The server may close the connection while we still write: only an error before any answer counts.
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const iterator = pieces[Symbol.iterator]();
    const writeNext = () => {
      if (answered || req.destroyed) return;
      const next = iterator.next();
      if (next.done) {
        if (end) req.end();
        return;
      }
      written += next.value.length;
      req.write(next.value, () => setImmediate(writeNext));
    };
    req.flushHeaders();
    writeNext();
  });
}

function* repeat(piece: Buffer, times: number): Generator<Buffer> {
  for (let i = 0; i < times; i++) yield piece;
}

function signedHeaders(body: string): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': sign(SIGNING_SECRET, timestamp, body),
  };
}

describe('request body limits in HTTP mode', () => {
  it('refuses an announced 100 MB body with 413 before reading it, and runs nothing', async () => {
    const before = corpus.queries.length;
    const res = await rawPost(
      {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(100 * 1024 * 1024),
        'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
        'x-slack-signature': 'v0=bogus',
      },
      repeat(Buffer.alloc(16 * 1024, 'a'), 4),
      false,
    );
    expect(res.status).toBe(413);
    expect(res.text).toMatch(/too large/i);
    await settle();
    expect(corpus.queries.length).toBe(before);
    expect(stub.calls).toHaveLength(0);
    expect(stub.responses).toHaveLength(0);
  });

  it('cuts a chunked body without Content-Length at the cap with 413, before the client has finished', async () => {
    const before = corpus.queries.length;
    const piece = Buffer.alloc(64 * 1024, 'b');
    const pieces = Math.ceil((4 * MAX_SLACK_BODY_BYTES) / piece.length);
    const res = await rawPost(
      {
        'content-type': 'application/x-www-form-urlencoded',
        'transfer-encoding': 'chunked',
        'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
        'x-slack-signature': 'v0=bogus',
      },
      repeat(piece, pieces),
      false,
    );
    expect(res.status).toBe(413);
    // Answered while the client was still sending, and never later than a little past the cap.
    expect(res.written).toBeLessThan(pieces * piece.length);
    await settle();
    expect(corpus.queries.length).toBe(before);
    expect(stub.calls).toHaveLength(0);
  });

  it('refuses a correctly signed body over the cap too: the cap comes before verification', async () => {
    const body = `${slashCommandBody({ command: '/quote', text: 'story reported false', responseUrl: stub.responseUrl('big') })}&pad=${'x'.repeat(MAX_SLACK_BODY_BYTES)}`;
    const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, body);
    expect(res.status).toBe(413);
    await settle();
    expect(stub.responses).toHaveLength(0);
  });

  it('answers a body that stops arriving with 408 after the deadline, and runs nothing', async () => {
    const before = corpus.queries.length;
    const body = slashCommandBody({ command: '/quote', text: 'story reported false', responseUrl: stub.responseUrl('slow') });
    const res = await rawPost(
      { ...signedHeaders(body), 'content-length': String(Buffer.byteLength(body)) },
      [Buffer.from(body.slice(0, 20))],
      false,
    );
    expect(res.status).toBe(408);
    await settle();
    expect(corpus.queries.length).toBe(before);
    expect(stub.responses).toHaveLength(0);
  });

  it('still answers a signed slash command, sent with Content-Length', async () => {
    const body = slashCommandBody({ command: '/quote', text: 'story reported false', responseUrl: stub.responseUrl('ok') });
    const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, body);
    expect(res.status).toBe(200);
    expect(res.text).toContain('The story that came out tonight');
  });

  it('still answers a signed slash command sent chunked, in pieces, just under the cap', async () => {
    const base = slashCommandBody({ command: '/quote', text: 'story reported false', responseUrl: stub.responseUrl('chunked') });
    // Padding in a field Slack does not send keeps the request signed and near the cap.
    const body = `${base}&pad=${'y'.repeat(MAX_SLACK_BODY_BYTES - base.length - 10)}`;
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_SLACK_BODY_BYTES);
    const bytes = Buffer.from(body);
    const pieces: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += 100_000) pieces.push(bytes.subarray(at, at + 100_000));
    const res = await rawPost({ ...signedHeaders(body), 'transfer-encoding': 'chunked' }, pieces, true);
    expect(res.status).toBe(200);
    expect(res.text).toContain('The story that came out tonight');
  });

  it('still rejects a forged signature on a small body with 401 (Bolt’s verification is intact)', async () => {
    const before = corpus.queries.length;
    const body = slashCommandBody({ command: '/quote', text: 'story reported false', responseUrl: stub.responseUrl('forged') });
    const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, body, { signature: sign('wrong', Math.floor(Date.now() / 1000), body) });
    expect(res.status).toBe(401);
    await settle();
    expect(corpus.queries.length).toBe(before);
  });

  it('leaves other paths to Bolt (404)', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/elsewhere`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(404);
    const get = await fetch(`http://127.0.0.1:${port}/slack/events`);
    expect(get.status).toBe(404);
  });
});
