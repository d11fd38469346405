import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../src/domain/command.js';
import { APP_ID, BOT_ID, CHANNEL_ID, chatInput } from './stubs/discord-fixtures.js';
import { mention, startHarness, type DiscordHarness } from './stubs/discord-harness.js';
import { asCallback, asMessage } from './stubs/discord-rest.js';
import { fakeCommands, fakeServices } from './stubs/discord-services.js';

/**
 * A slow answer meant for the whole channel (QA 7): a slash command not answered within the
 * deferral threshold is deferred as private (the safe guess for lookups), and an answer the command
 * wanted public ("Digest subscribed") then stayed private to whoever asked.
 */
const EPHEMERAL = 64;

const slowPublic: Command = {
  definition: { name: 'announce', description: 'Slow and public', usage: '/announce', options: [] },
  async run() {
    await new Promise((r) => setTimeout(r, 300));
    return { title: 'Digest subscribed', text: 'This channel gets a digest daily at 09:00.', notices: [], sections: [], visibility: 'public' };
  },
};

let h: DiscordHarness;

beforeAll(async () => {
  h = await startHarness({ ...fakeServices(), commands: [...fakeCommands, slowPublic] }, { deferAfterMs: 50 });
});

afterAll(async () => {
  await h?.stop();
});

describe('a slow answer the command wants public', () => {
  it('is posted for everyone after the private deferral, which says so', async () => {
    const from = h.rest.requests.length;
    const payload = chatInput('announce', []);
    const cb = asCallback(await h.interact(payload));
    expect(cb.type).toBe(5);
    expect(cb.data?.flags).toBe(EPHEMERAL);
    const note = await h.rest.waitFor('PATCH', new RegExp(`^/webhooks/${APP_ID}/[^/]+/messages/@original$`), { from });
    expect(asMessage(note).content).toContain('Posted in the channel');
    const post = asMessage(await h.rest.waitFor('POST', new RegExp(`^/webhooks/${APP_ID}/[^/]+$`), { from }));
    expect(post.content).toContain('Digest subscribed');
    expect((post.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(post.allowed_mentions?.parse).toEqual([]);
    // As the user and the channel see it, by Discord's rule that a follow-up to a reply still
    // "thinking" replaces it (and stays private): the note is private, the answer a public message.
    expect(h.rest.shown.get(payload.token)).toEqual({
      original: { content: expect.stringContaining('Posted in the channel') as unknown, ephemeral: true },
      thinking: false,
      followUps: [{ content: expect.stringContaining('Digest subscribed') as unknown, ephemeral: false }],
    });
  });
});

describe('a slow answer to a mention', () => {
  it('shows the typing indicator while factbot works on it, then answers', async () => {
    const t = await startHarness({ ...fakeServices(), commands: [...fakeCommands, slowPublic] }, { typingAfterMs: 50 });
    try {
      const from = t.rest.requests.length;
      const post = await t.say(mention(`<@${BOT_ID}> /factbot slow intel`));
      const typing = t.rest.find('POST', new RegExp(`^/channels/${CHANNEL_ID}/typing$`)).filter((r) => t.rest.requests.indexOf(r) >= from);
      expect(typing).toHaveLength(1);
      expect(t.rest.requests.indexOf(typing[0]!)).toBeLessThan(t.rest.requests.indexOf(post));
      expect(asMessage(post).content).toContain('Slow answer');
    } finally {
      await t.stop();
    }
  });
});
