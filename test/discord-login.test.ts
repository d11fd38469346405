import { afterEach, describe, expect, it } from 'vitest';
import { startDiscord } from '../src/platforms/discord/index.js';
import { APP_ID, TOKEN } from './stubs/discord-fixtures.js';
import { FakeGateway } from './stubs/discord-gateway.js';
import { DiscordRestStub } from './stubs/discord-rest.js';
import { fakeServices } from './stubs/discord-services.js';

/**
 * A token Discord refuses, with the real discord.js client against the loopback stubs: start-up
 * fails at once with one line saying so, and leaves nothing behind that fires later (QA6 R1: the
 * guild deadline kept the process up for 60 s, then reported a login that never happened).
 */

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Rejections nobody handled while `fn` ran and for `settleMs` after. */
async function unhandledDuring(fn: () => Promise<void>, settleMs: number): Promise<unknown[]> {
  const seen: unknown[] = [];
  const onRejection = (err: unknown) => seen.push(err);
  process.on('unhandledRejection', onRejection);
  try {
    await fn();
    await new Promise((r) => setTimeout(r, settleMs));
  } finally {
    process.off('unhandledRejection', onRejection);
  }
  return seen;
}

describe('Discord refuses the token', () => {
  it('REST 401: "Discord rejected the token", no second error from the guild deadline later', async () => {
    const rest = new DiscordRestStub();
    const api = await rest.start();
    cleanups.push(() => rest.stop());
    rest.fail('GET', /^\/gateway\/bot$/, 401, { message: '401: Unauthorized', code: 0 }, { times: 10 });

    let error: unknown;
    const late = await unhandledDuring(async () => {
      const started = Date.now();
      // A short guild deadline: armed before login, it fired (as an unhandled rejection) within the settle time below.
      error = await startDiscord({ token: 'abc.def.ghi', applicationId: APP_ID, apiUrl: api }, fakeServices(), { readyTimeoutMs: 300 }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(Date.now() - started).toBeLessThan(10_000);
    }, 800);

    // The old guild deadline, armed before login, rejected here with nobody listening.
    expect(late.map((e) => (e as Error).message)).toEqual([]);
    expect((error as Error).message).toBe(
      `Discord rejected the token: 401 Unauthorized from the API at ${api} (DISCORD_API_URL). ` +
        'Copy the bot token (Developer Portal → Bot → Reset Token) into DISCORD_TOKEN.',
    );
    // One message, not wrapped around discord.js's own (the JSON log printed it twice).
    expect((error as Error).cause).toBeUndefined();
  });

  it('gateway close 4004 (Authentication failed) at IDENTIFY: said as a rejected token, promptly', async () => {
    const rest = new DiscordRestStub();
    const api = await rest.start();
    const gateway = new FakeGateway();
    gateway.rejectIdentify = true;
    rest.gatewayUrl = await gateway.start();
    cleanups.push(() => rest.stop(), () => gateway.stop());

    const started = Date.now();
    const error = await startDiscord({ token: TOKEN, applicationId: APP_ID, apiUrl: api }, fakeServices(), { readyTimeoutMs: 20_000 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(gateway.identifies).toHaveLength(1);
    expect((error as Error).message).toMatch(/^Discord rejected the token: the gateway closed the connection with 4004 \(authentication failed\)\. /);
    // Not the guild deadline: the refusal itself ends start-up.
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
