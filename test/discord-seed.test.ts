import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_ID, CHANNEL_ID, THREAD_ID, autocompleteInteraction, buttonInteraction, chatInput, humanUser, messageCommand, messagePayload } from './stubs/discord-fixtures.js';
import { mention, startHarness, type DiscordHarness } from './stubs/discord-harness.js';
import { asCallback, asMessage, buttons, visibleText } from './stubs/discord-rest.js';
import { SEED_DIR, seedServices, type SeededServices } from './helpers/corpus.js';

/**
 * factbot on Discord with the real commands, corpus and search over the shipped seed articles (plus
 * one hostile article with mass mentions and markdown), through the real discord.js client.
 */
const STRING = 3;
const BOOLEAN = 5;
let dir: string;
let seeded: SeededServices;
let h: DiscordHarness;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'factbot-discord-'));
  cpSync(SEED_DIR, dir, { recursive: true });
  writeFileSync(
    join(dir, 'hostile.md'),
    [
      '---',
      'title: "Ping @everyone: the **leak** memo"',
      'outlet: Example Gazette',
      'url: https://gazette.example/leak-memo',
      'published: 2017-05-17',
      '---',
      '',
      '"Tell @everyone and <@123456789012345678> that the memo is ||fake|| and [harmless](https://evil.example)," said Jane Roe, a spokeswoman for the agency.',
      '',
    ].join('\n'),
  );
  seeded = await seedServices({ dir });
  // What users see is under test here, not timing: on a loaded machine the first autocomplete
  // over the seed corpus may pass Discord's 2 s budget and answer no choices, as designed.
  h = await startHarness(seeded.services, { autocompleteBudgetMs: 20_000 });
}, 60_000);

afterAll(async () => {
  await h?.stop();
  await seeded?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('on the seed corpus', () => {
  it('/quote great intel: Trump’s words in bold, the speaker, the article and its corroboration', async () => {
    const cb = asCallback(await h.interact(chatInput('quote', [{ name: 'query', type: STRING, value: 'great intel' }])));
    expect(cb.type).toBe(4);
    const top = cb.data!.embeds![0]!;
    expect(top.description).toContain('I get **great** **intel**');
    expect(top.description).toMatch(/— \*\*Donald Trump\*\*/);
    expect(top.title).toMatch(/Trump/);
    expect(top.footer?.text).toMatch(/Reported in [2-9] articles/);
    expect(cb.data!.content).toContain('Quotes matching “great intel”');
  });

  it('autocompletes speakers as they are typed, within Discord’s limits', async () => {
    const cb = asCallback(
      await h.interact(autocompleteInteraction('speaker', [{ name: 'name', type: STRING, value: 'mcm', focused: true }])),
    );
    expect(cb.type).toBe(8);
    const choices = cb.data!.choices!;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((c) => c.name)).toContain('H.R. McMaster');
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
  });

  it('autocompletes quote text', async () => {
    const cb = asCallback(await h.interact(autocompleteInteraction('quote', [{ name: 'query', type: STRING, value: 'great in', focused: true }])));
    expect(cb.type).toBe(8);
    expect(cb.data!.choices![0]!.name).toMatch(/great intel/);
    for (const c of cb.data!.choices!) expect(String(c.value).length).toBeLessThanOrEqual(100);
  });

  it('Next and Prev page a public answer by editing it', async () => {
    const first = asCallback(
      await h.interact(chatInput('quote', [{ name: 'query', type: STRING, value: 'intelligence' }, { name: 'private', type: BOOLEAN, value: false }])),
    );
    expect(first.data!.content).toMatch(/Results 1–5 of \d+/);
    const shown = messagePayload({ content: first.data!.content!, embeds: first.data!.embeds!, components: first.data!.components! });
    const next = buttons(first.data).find((b) => b.label === 'Next')!;
    const page2 = asCallback(await h.interact(buttonInteraction(next.custom_id!, shown)));
    expect(page2.type).toBe(7);
    expect(page2.data!.content).toMatch(/Results 6–\d+ of \d+/);
    const prev = buttons(page2.data).find((b) => b.label === 'Prev')!;
    const page1 = asCallback(await h.interact(buttonInteraction(prev.custom_id!, shown)));
    expect(page1.data!.content).toMatch(/Results 1–5 of/);
    expect(page1.data!.embeds![0]!.description).toBe(first.data!.embeds![0]!.description);
  });

  it('a mention in a thread asking who said it is answered in the thread', async () => {
    const post = await h.say(mention(`<@${BOT_ID}> who said it didn't happen?`, THREAD_ID));
    const body = asMessage(post);
    expect(visibleText(body)).toMatch(/McMaster/);
    expect(visibleText(body)).toContain("**didn't** **happen**");
    expect(body.message_reference).toBeUndefined();
    expect(body.allowed_mentions?.parse).toEqual([]);
  });

  it('"check this" checks the thread’s starter message: which outlets report that Israel was the source', async () => {
    h.rest.messages.set(
      `${CHANNEL_ID}/${THREAD_ID}`,
      messagePayload({ id: THREAD_ID, channel_id: CHANNEL_ID, author: humanUser, content: 'Israel was the source of the information' }),
    );
    const post = await h.say(mention(`<@${BOT_ID}> check this`, THREAD_ID));
    expect(h.rest.find('GET', new RegExp(`^/channels/${CHANNEL_ID}/messages/${THREAD_ID}$`)).length).toBeGreaterThan(0);
    const text = visibleText(asMessage(post));
    expect(text).toContain('Sources for');
    expect(text).toMatch(/Israel/);
    expect(text).toMatch(/New York Times/);
  });

  it('Find sources answers which statements match a message', async () => {
    const target = messagePayload({ author: humanUser, content: 'McMaster says the story is false' });
    const cb = asCallback(await h.interact(messageCommand('Find sources', target)));
    expect(cb.type).toBe(4);
    expect(visibleText(cb.data)).toMatch(/McMaster/);
  });

  it('an article with @everyone, a user mention and markdown pings nobody and renders as text', async () => {
    const post = await h.say(mention(`<@${BOT_ID}> /quote the memo is fake and harmless`));
    const body = asMessage(post);
    const text = visibleText(body);
    expect(text).toContain('Jane Roe');
    expect(text).toContain('@\u200beveryone');
    expect(text).not.toMatch(/@everyone/);
    expect(text).not.toMatch(/(^|[^\\])<@\d+>/);
    expect(text).toContain('\\|\\|');
    expect(text).not.toMatch(/(^|[^\\])\[harmless\]/);
    const embed = body.embeds!.find((e) => e.url === 'https://gazette.example/leak-memo')!;
    expect(embed.title).toBe('Ping @\u200beveryone: the \\*\\*leak\\*\\* memo');
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });
});
