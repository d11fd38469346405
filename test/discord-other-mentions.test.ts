import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_ID, CHANNEL_ID, THREAD_ID, humanUser, messagePayload } from './stubs/discord-fixtures.js';
import { mention, startHarness, type DiscordHarness } from './stubs/discord-harness.js';
import { asMessage } from './stubs/discord-rest.js';
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
