import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_ID, CHANNEL_ID, GUILD_ID, THREAD_ID, botUser, humanUser, messageCommand, messagePayload } from './stubs/discord-fixtures.js';
import { mention, startHarness, type DiscordHarness } from './stubs/discord-harness.js';
import { asCallback, asMessage } from './stubs/discord-rest.js';
import { fakeServices, sourcesCalls } from './stubs/discord-services.js';

/**
 * "@factbot check this" with someone else tagged in the same message (QA 7, F3): a role
 * ("@mods"), a broadcast ("@here") or another member. They are not words of the request; left in,
 * "check this @here" was searched as a quote instead of checking the thread's starter message.
 */

let h: DiscordHarness;

beforeAll(async () => {
  h = await startHarness(fakeServices());
});

afterAll(async () => {
  await h?.stop();
});

describe('“check this” with others tagged', () => {
  for (const said of [`<@${BOT_ID}> check this @here`, `<@&223456789012345678> <@${BOT_ID}> check this`, `@everyone <@${BOT_ID}> check this <@123456789012345670>`]) {
    it(`checks the thread’s starter message: ${said.replace(/\d{6,}/g, '…')}`, async () => {
      h.rest.messages.set(
        `${CHANNEL_ID}/${THREAD_ID}`,
        messagePayload({ id: THREAD_ID, channel_id: CHANNEL_ID, author: humanUser, content: 'They say the story was false' }),
      );
      const calls = sourcesCalls.length;
      const post = await h.say(mention(said, THREAD_ID));
      expect(asMessage(post).content).toContain('Sources for');
      expect(sourcesCalls.slice(calls)).toEqual(['They say the story was false']);
    });
  }
});

describe('a reply to factbot’s answer', () => {
  it('with the reply ping on but no @factbot in it ("thanks!") is not a question: no answer (QA 7)', async () => {
    const answer = messagePayload({ channel_id: CHANNEL_ID, author: botUser, content: '**Quotes matching “story”**' });
    h.rest.messages.set(`${CHANNEL_ID}/${answer.id}`, answer);
    const calls = sourcesCalls.length;
    const from = h.rest.requests.length;
    // Discord lists the author of the message replied to among the mentions when the reply pings.
    h.gateway.dispatch(
      'MESSAGE_CREATE',
      mention('thanks!', CHANNEL_ID, { type: 19, message_reference: { message_id: answer.id, channel_id: CHANNEL_ID, guild_id: GUILD_ID }, referenced_message: answer }),
    );
    // Then a real question, so there is something to wait for: only it is answered.
    const post = await h.say(mention(`<@${BOT_ID}> who said the story was false?`));
    expect(asMessage(post).content).not.toContain('thanks');
    const answered = h.rest.find('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`)).filter((r) => h.rest.requests.indexOf(r) >= from);
    expect(answered).toHaveLength(1);
    expect(sourcesCalls.length).toBe(calls);
  });

  it('"@factbot thanks!" is thanked back, not searched for the word "thanks"', async () => {
    const post = await h.say(mention(`<@${BOT_ID}> thanks!`, CHANNEL_ID));
    const text = JSON.stringify(asMessage(post));
    expect(text).toContain('welcome');
    expect(text).not.toMatch(/Quotes matching|No quotes/);
  });

  it('that says @factbot is answered as usual', async () => {
    const post = await h.say(mention(`<@${BOT_ID}> who said the story was false?`, CHANNEL_ID));
    expect(asMessage(post).content).toMatch(/McMaster|story/i);
  });
});

describe('“check this” on a starter message that is only an image', () => {
  it('says so, instead of blaming Discord for hiding the text (QA 7)', async () => {
    h.rest.messages.set(`${CHANNEL_ID}/${THREAD_ID}`, {
      ...messagePayload({ id: THREAD_ID, channel_id: CHANNEL_ID, author: humanUser, content: '' }),
      attachments: [{ id: '500000000000000001', filename: 'screenshot.png', size: 1024, url: 'https://cdn.example/s.png', proxy_url: 'https://cdn.example/s.png', content_type: 'image/png' }],
    } as unknown as ReturnType<typeof messagePayload>);
    const calls = sourcesCalls.length;
    const post = await h.say(mention(`<@${BOT_ID}> check this`, THREAD_ID));
    const text = JSON.stringify(asMessage(post));
    expect(text).toContain('only images');
    expect(text).not.toContain('Message Content intent');
    expect(sourcesCalls.length).toBe(calls);
  });
});

describe('a forwarded message (QA 7)', () => {
  /** A message forwarded into the channel: no words of its own, the original's in a snapshot. */
  function forwarded(words: string) {
    const payload = messagePayload({ channel_id: CHANNEL_ID, author: humanUser, content: '' });
    return {
      ...payload,
      message_reference: { type: 1, message_id: '700000000000000001', channel_id: '300000000000000077', guild_id: GUILD_ID },
      message_snapshots: [
        { message: { type: 0, content: words, embeds: [], attachments: [], timestamp: '2026-01-01T00:00:00.000Z', edited_timestamp: null, flags: 0, mentions: [], mention_roles: [] } },
      ],
    } as unknown as ReturnType<typeof messagePayload>;
  }

  it('Find sources checks the words of the message forwarded', async () => {
    const calls = sourcesCalls.length;
    const cb = asCallback(await h.interact(messageCommand('Find sources', forwarded('They say the story was false'))));
    expect(cb.data?.content).toContain('Sources for');
    expect(sourcesCalls.slice(calls)).toEqual(['They say the story was false']);
  });

  it('“check this” in reply to it checks the words forwarded', async () => {
    const target = forwarded('Intel sources were never discussed');
    h.rest.messages.set(`${CHANNEL_ID}/${target.id}`, target);
    const calls = sourcesCalls.length;
    const post = await h.say(
      mention(`<@${BOT_ID}> check this`, CHANNEL_ID, { type: 19, message_reference: { message_id: target.id, channel_id: CHANNEL_ID, guild_id: GUILD_ID } }),
    );
    expect(asMessage(post).content).toContain('Sources for');
    expect(sourcesCalls.slice(calls)).toEqual(['Intel sources were never discussed']);
  });
});
