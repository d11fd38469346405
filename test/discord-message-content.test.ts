import { GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginFailure } from '../src/platforms/discord/index.js';
import { BOT_ID, CHANNEL_ID, GUILD_ID, THREAD_ID, chatInput, humanUser, messagePayload } from './stubs/discord-fixtures.js';
import { mention, startHarness, type DiscordHarness } from './stubs/discord-harness.js';
import { asCallback, asMessage, visibleText } from './stubs/discord-rest.js';
import { fakeServices, sourcesCalls } from './stubs/discord-services.js';

/**
 * The privileged Message Content intent (QA 7, own pass). factbot never asks for it on the gateway,
 * so a bot whose portal toggle is off (or, past 100 servers, not approved) is never closed with
 * 4014; Discord then sends empty text for messages that do not mention it, over the gateway and
 * over REST. What "check this" reads it fetches over REST, where the portal toggle alone decides.
 */

const STRING = 3;
const PRIVILEGED = (1 << 1) | (1 << 8) | (1 << 15);
const MESSAGE_CONTENT_LIMITED = 1 << 19;

async function quoteStillAnswers(h: DiscordHarness): Promise<void> {
  const cb = asCallback(await h.interact(chatInput('quote', [{ name: 'query', type: STRING, value: 'story' }])));
  expect(JSON.stringify(cb)).toContain('H.R. McMaster');
}

describe('portal toggle off (the default setup)', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startHarness(fakeServices(), {}, { applicationFlags: 0, allowedPrivilegedIntents: 0 });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('identifies without privileged intents: no 4014, one connection, slash commands answered', async () => {
    expect(h.gateway.identifies).toHaveLength(1);
    expect(h.gateway.identifies[0]!.intents & PRIVILEGED).toBe(0);
    await quoteStillAnswers(h);
    expect(h.gateway.connections).toBe(1);
  });

  it('“check this” on a starter message Discord sends without its text says why, and offers Find sources', async () => {
    h.rest.messages.set(`${CHANNEL_ID}/${THREAD_ID}`, messagePayload({ id: THREAD_ID, channel_id: CHANNEL_ID, author: humanUser, content: '' }));
    const calls = sourcesCalls.length;
    const text = visibleText(asMessage(await h.say(mention(`<@${BOT_ID}> check this`, THREAD_ID))));
    expect(text).toContain('Message Content intent is off');
    expect(text).toContain('Find sources');
    expect(sourcesCalls.length).toBe(calls);
  });
});

describe('portal toggle on, intent not asked for on the gateway', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startHarness(fakeServices(), {}, { applicationFlags: MESSAGE_CONTENT_LIMITED, allowedPrivilegedIntents: 0 });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('“check this” in reply to a recent message reads it over REST, not the empty copy the gateway gave', async () => {
    const words = 'Officials say the story was false';
    const original = messagePayload({ channel_id: CHANNEL_ID, author: humanUser, content: words, guild_id: GUILD_ID });
    h.rest.messages.set(`${CHANNEL_ID}/${original.id}`, original);
    // The gateway sends it without its text (the session has no Message Content intent), and again
    // inside the reply as `referenced_message`; discord.js caches both.
    const hidden = { ...original, content: '' };
    h.gateway.dispatch('MESSAGE_CREATE', hidden);
    const calls = sourcesCalls.length;
    const reply = mention(`<@${BOT_ID}> check this`, CHANNEL_ID, {
      type: 19,
      message_reference: { message_id: original.id, channel_id: CHANNEL_ID, guild_id: GUILD_ID },
      referenced_message: hidden,
    });
    const text = visibleText(asMessage(await h.say(reply)));
    expect(sourcesCalls.slice(calls)).toEqual([words]);
    expect(text).toContain('Sources for');
    expect(h.rest.find('GET', new RegExp(`^/channels/${CHANNEL_ID}/messages/${original.id}$`))).toHaveLength(1);
  });

  it('a starter message with no words is said to have none, not blamed on the intent', async () => {
    h.rest.messages.set(`${CHANNEL_ID}/${THREAD_ID}`, messagePayload({ id: THREAD_ID, channel_id: CHANNEL_ID, author: humanUser, content: '' }));
    const text = visibleText(asMessage(await h.say(mention(`<@${BOT_ID}> check this`, THREAD_ID))));
    expect(text).toContain('no words to look up');
    expect(text).not.toContain('Message Content intent');
  });
});

describe('the intent asked for on the gateway but not enabled in the portal (4014)', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startHarness(
      fakeServices(),
      { clientOptions: { intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages, GatewayIntentBits.MessageContent] } },
      { allowedPrivilegedIntents: 0 },
    );
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('connects again without privileged intents, once, and slash commands keep working', async () => {
    expect(h.gateway.identifies.map((i) => i.intents & PRIVILEGED)).toEqual([1 << 15, 0]);
    await quoteStillAnswers(h);
    await new Promise((r) => setTimeout(r, 300));
    // No reconnect loop: the refused session and the one that stayed.
    expect(h.gateway.connections).toBe(2);
    expect(h.gateway.openConnections).toBe(1);
  });

  it('tells the operator what 4014 means when it stops a login', () => {
    const line = loginFailure(new Error('Used disallowed intents'), {});
    expect(line).toContain('4014');
    expect(line).toContain('Privileged Gateway Intents');
  });
});
