import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDiscord } from '../src/platforms/discord/index.js';
import { log } from '../src/log.js';
import { PostError } from '../src/platforms/types.js';
import {
  APP_ID,
  BOT_ID,
  BOT_ROLE_ID,
  EDITOR_ROLE_ID,
  MEMBER_ID,
  CHANNEL_ID,
  GUILD_ID,
  THREAD_ID,
  TOKEN,
  autocompleteInteraction,
  buttonInteraction,
  chatInput,
  humanUser,
  messageCommand,
  messagePayload,
} from './stubs/discord-fixtures.js';
import { FakeGateway } from './stubs/discord-gateway.js';
import { mention } from './stubs/discord-harness.js';
import { DiscordRestStub, asCallback, asMessage, buttons, visibleText, type RecordedRequest } from './stubs/discord-rest.js';
import { fakeServices, sourcesCalls } from './stubs/discord-services.js';

/**
 * The real discord.js client against a loopback REST stub and a fake gateway: what users see for
 * slash commands, autocomplete, buttons, mentions and digests, and that failures stay contained.
 */
const EPHEMERAL = 64;
const STRING = 3;
const BOOLEAN = 5;

let rest: DiscordRestStub;
let api: string;
let gateway: FakeGateway;
let bot: Awaited<ReturnType<typeof startDiscord>>;
const services = fakeServices();

beforeAll(async () => {
  rest = new DiscordRestStub();
  api = await rest.start();
  gateway = new FakeGateway(300);
  rest.gatewayUrl = await gateway.start();
  bot = await startDiscord({ token: TOKEN, applicationId: APP_ID, apiUrl: api }, services, { deferAfterMs: 150, readyTimeoutMs: 10_000 });
});

afterAll(async () => {
  await bot?.stop();
  await gateway?.stop();
  await rest?.stop();
});

/** Sends an interaction through the gateway and returns its callback request. */
async function interact(payload: { id: string; token: string }): Promise<RecordedRequest> {
  const from = rest.requests.length;
  gateway.dispatch('INTERACTION_CREATE', payload);
  return rest.waitFor('POST', new RegExp(`^/interactions/${payload.id}/${payload.token}/callback$`), { from });
}

describe('gateway session', () => {
  it('identifies with guilds, guild messages and direct messages only (no Message Content)', () => {
    expect(gateway.identifies).toHaveLength(1);
    const intents = gateway.identifies[0]!.intents;
    expect(intents).toBe(1 | (1 << 9) | (1 << 12));
    expect(intents & (1 << 15)).toBe(0);
    expect(gateway.identifies[0]!.token).toBe(TOKEN);
    expect(bot.client.guilds.cache.get(GUILD_ID)?.channels.cache.has(THREAD_ID)).toBe(true);
  });

  it('heartbeats are acknowledged and the session stays up', async () => {
    await gateway.waitFor(() => gateway.heartbeats >= 1, 3000);
    expect(bot.client.ws.status).toBe(0);
  });
});

describe('slash commands', () => {
  it('answers /quote privately with the quote in bold, speaker, role, outlet, article link and corroboration', async () => {
    const cb = asCallback(await interact(chatInput('quote', [{ name: 'query', type: STRING, value: 'story' }])));
    expect(cb.type).toBe(4);
    expect(cb.data?.flags).toBe(EPHEMERAL);
    const embed = cb.data!.embeds![0]!;
    expect(embed.description).toContain('“The **story** that came out tonight as reported is false”');
    expect(embed.description).toContain('**H.R. McMaster**, National Security Adviser');
    expect(embed.description).toContain('told The Washington Post');
    expect(embed.title).toBe('McMaster disputes report on intelligence');
    expect(embed.url).toBe('https://news.example/wapo/mcmaster');
    expect(embed.footer?.text).toContain('Reported in 3 articles');
    expect(cb.data?.content).toContain('Quotes matching “story”');
    expect(buttons(cb.data).map((b) => b.label)).toEqual(['Share']);
    expect(cb.data?.allowed_mentions?.parse).toEqual([]);
  });

  it('answers publicly when private:false is chosen, with Prev/Next when there are more pages', async () => {
    const cb = asCallback(
      await interact(chatInput('quote', [{ name: 'query', type: STRING, value: 'intel' }, { name: 'private', type: BOOLEAN, value: false }])),
    );
    expect(cb.type).toBe(4);
    expect(cb.data?.flags ?? 0).toBe(0);
    const labels = buttons(cb.data).map((b) => `${b.label}${b.disabled ? ' (off)' : ''}`);
    expect(labels).toEqual(['Prev (off)', 'Next']);
    for (const b of buttons(cb.data)) expect(b.custom_id!.length).toBeLessThanOrEqual(100);
  });

  it('pages by editing the message: Next shows the next results, Prev goes back', async () => {
    const first = asCallback(
      await interact(chatInput('quote', [{ name: 'query', type: STRING, value: 'intel' }, { name: 'private', type: BOOLEAN, value: false }])),
    );
    const next = buttons(first.data).find((b) => b.label === 'Next')!;
    const shown = messagePayload({ content: first.data!.content!, embeds: first.data!.embeds!, components: first.data!.components! });

    const page2 = asCallback(await interact(buttonInteraction(next.custom_id!, shown)));
    expect(page2.type).toBe(7); // UPDATE_MESSAGE: the same message, edited
    expect(visibleText(page2.data)).toContain('Results 3–4 of 4');
    expect(visibleText(page2.data)).toContain('We never discussed **intel** sources');
    const b2 = buttons(page2.data);
    expect(b2.find((b) => b.label === 'Next')?.disabled).toBe(true);
    const prev = b2.find((b) => b.label === 'Prev')!;
    expect(prev.disabled).toBeFalsy();

    const page1 = asCallback(await interact(buttonInteraction(prev.custom_id!, shown)));
    expect(page1.type).toBe(7);
    expect(visibleText(page1.data)).toContain('Results 1–2 of 4');
  });

  it('offers no Share button when nothing was found', async () => {
    const cb = asCallback(await interact(chatInput('quote', [{ name: 'query', type: STRING, value: 'zebra' }])));
    expect(cb.data?.flags).toBe(EPHEMERAL);
    expect(buttons(cb.data)).toEqual([]);
  });

  it('says a result has expired when its paging state is gone (restart or age)', async () => {
    const cb = asCallback(await interact(buttonInteraction('fb:page:zzzzzzzz:2', messagePayload({ content: 'old' }))));
    expect(cb.type).toBe(4);
    expect(cb.data?.flags).toBe(EPHEMERAL);
    expect(cb.data?.content).toMatch(/expired.*run the command again/i);
  });

  it('Share posts the private answer for everyone and replaces the private copy, pinging no one', async () => {
    const first = asCallback(await interact(chatInput('quote', [{ name: 'query', type: STRING, value: 'story' }])));
    const share = buttons(first.data).find((b) => b.label === 'Share')!;
    const from = rest.requests.length;
    const cb = asCallback(await interact(buttonInteraction(share.custom_id!, messagePayload({ content: 'x', flags: EPHEMERAL }))));
    expect(cb.type).toBe(6); // DEFERRED_UPDATE_MESSAGE
    const shared = asMessage(await rest.waitFor('POST', new RegExp(`^/webhooks/${APP_ID}/[^/]+$`), { from }));
    expect(shared.flags ?? 0).toBe(0);
    expect(shared.content).toContain(`Shared by <@${humanUser.id}>`);
    expect(visibleText(shared)).toContain('H.R. McMaster');
    expect(shared.allowed_mentions?.parse).toEqual([]);
    const replaced = asMessage(await rest.waitFor('PATCH', new RegExp(`^/webhooks/${APP_ID}/[^/]+/messages/@original$`), { from }));
    expect(replaced.content).toContain('Shared in the channel');
    expect(replaced.components).toEqual([]);
  });

  it('defers a slow answer, then edits it in', async () => {
    const from = rest.requests.length;
    const cb = asCallback(await interact(chatInput('slow', [{ name: 'query', type: STRING, value: 'intel' }])));
    expect(cb.type).toBe(5); // DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
    expect(cb.data?.flags).toBe(EPHEMERAL);
    const edit = await rest.waitFor('PATCH', new RegExp(`^/webhooks/${APP_ID}/[^/]+/messages/@original$`), { from });
    expect(asMessage(edit).content).toContain('Slow answer');
    expect(visibleText(asMessage(edit))).toContain('great **intel**');
  });

  it('passes subcommands and the Manage Channels permission to the command', async () => {
    const cb = asCallback(
      await interact(
        chatInput('digest', [{ name: 'subscribe', type: 1, options: [{ name: 'schedule', type: STRING, value: 'daily 09:00' }] }], { permissions: '16' }),
      ),
    );
    expect(cb.data?.content).toContain(`digest subscribe in ${CHANNEL_ID}`);
    expect(cb.data?.content).toContain('schedule=daily 09:00 manage=true post=true');
  });

  it('tells the command when factbot may not post in the channel (no Send Messages), for digests (QA 5b)', async () => {
    const viewOnly = String(1 << 10);
    const cb = asCallback(
      await interact(
        chatInput('digest', [{ name: 'subscribe', type: 1, options: [{ name: 'schedule', type: STRING, value: 'daily 09:00' }] }], { permissions: '16', appPermissions: viewOnly }),
      ),
    );
    expect(cb.data?.content).toContain('post=false');
  });

  it('a command that throws becomes a private error answer', async () => {
    const cb = asCallback(await interact(chatInput('boom', [])));
    expect(cb.type).toBe(4);
    expect(cb.data?.flags).toBe(EPHEMERAL);
    expect(cb.data?.content).toContain('Something went wrong');
  });

  it('neutralises @everyone, user and role mentions and markdown from article text', async () => {
    const cb = asCallback(await interact(chatInput('quote', [{ name: 'query', type: STRING, value: 'great' }])));
    const text = visibleText(cb.data);
    expect(text).not.toMatch(/@everyone/);
    expect(text).toContain('@\u200beveryone');
    expect(text).not.toMatch(/(^|[^\\])<@&?\d+>/);
    expect(text).toContain('\\*\\*not bold\\*\\*');
    expect(text).toContain('\\[click\\]');
    expect(text).toContain('\\|\\|spoiler\\|\\|');
    expect(cb.data?.allowed_mentions?.parse).toEqual([]);
  });
});

describe('autocomplete', () => {
  it('answers with type 8 and at most 25 fitting choices of at most 100 characters', async () => {
    const cb = asCallback(
      await interact(
        autocompleteInteraction('quote', [
          { name: 'query', type: STRING, value: 'intel' },
          { name: 'speaker', type: STRING, value: 'mc', focused: true },
        ]),
      ),
    );
    expect(cb.type).toBe(8);
    const choices = cb.data!.choices!;
    expect(choices.length).toBe(25);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(String(c.value).length).toBeLessThanOrEqual(100);
      // A name cut to fit ends with an ellipsis; every other one contains what was typed.
      if (!c.name.endsWith('…')) expect(c.name.toLowerCase()).toContain('mc');
    }
    expect(choices.some((c) => c.name.startsWith('Maria Longname') && c.name.endsWith('…'))).toBe(true);
    expect(choices[0]!.name).toBe('H.R. McMaster');
  });

  it('completes quote text from the corpus', async () => {
    const cb = asCallback(await interact(autocompleteInteraction('quote', [{ name: 'query', type: STRING, value: 'never disc', focused: true }])));
    expect(cb.type).toBe(8);
    expect(cb.data!.choices).toEqual([{ name: 'We never discussed intel sources', value: 'We never discussed intel sources' }]);
  });
});

describe('message command: Find sources', () => {
  it('looks up the right-clicked message as a claim', async () => {
    const target = messagePayload({ author: humanUser, content: 'I heard the **story** was false' });
    const cb = asCallback(await interact(messageCommand('Find sources', target)));
    expect(cb.type).toBe(4);
    expect(cb.data?.content).toContain('Sources for');
    expect(visibleText(cb.data)).toContain('H.R. McMaster');
    expect(sourcesCalls.at(-1)).toBe('I heard the story was false');
  });

  it('a bare link is checked by its preview’s title and description', async () => {
    const target = messagePayload({
      author: humanUser,
      content: 'https://news.example/wapo/mcmaster',
      embeds: [{ type: 'link', url: 'https://news.example/wapo/mcmaster', title: 'McMaster: the story is false', description: 'The national security adviser disputes the report.' }],
    });
    const cb = asCallback(await interact(messageCommand('Find sources', target)));
    expect(cb.type).toBe(4);
    expect(sourcesCalls.at(-1)).toBe('McMaster: the story is false The national security adviser disputes the report.');
  });

  it('a message with nothing to read gets a clear private answer', async () => {
    const cb = asCallback(await interact(messageCommand('Find sources', messagePayload({ author: humanUser, content: '' }))));
    expect(cb.data?.flags).toBe(EPHEMERAL);
    expect(cb.data?.content).toContain('Nothing to check');
  });
});

describe('mentions', () => {
  it('answers a mention in a thread inside that thread', async () => {
    const from = rest.requests.length;
    gateway.dispatch('MESSAGE_CREATE', mention(`<@${BOT_ID}> who said the story was false?`, THREAD_ID));
    const post = await rest.waitFor('POST', new RegExp(`^/channels/${THREAD_ID}/messages$`), { from });
    const body = asMessage(post);
    expect(visibleText(body)).toContain('H.R. McMaster');
    expect(body.message_reference).toBeUndefined();
    expect(body.allowed_mentions?.parse).toEqual([]);
  });

  it('"check this" in a thread fetches the starter message and checks its claim', async () => {
    rest.messages.set(
      `${CHANNEL_ID}/${THREAD_ID}`,
      messagePayload({ id: THREAD_ID, channel_id: CHANNEL_ID, author: humanUser, content: 'They say the story was false' }),
    );
    const from = rest.requests.length;
    gateway.dispatch('MESSAGE_CREATE', mention(`<@${BOT_ID}> check this`, THREAD_ID));
    await rest.waitFor('GET', new RegExp(`^/channels/${CHANNEL_ID}/messages/${THREAD_ID}$`), { from });
    const post = await rest.waitFor('POST', new RegExp(`^/channels/${THREAD_ID}/messages$`), { from });
    expect(asMessage(post).content).toContain('Sources for');
    expect(sourcesCalls.at(-1)).toBe('They say the story was false');
  });

  it('"check this" on a starter message Discord shows without text explains what to do instead', async () => {
    rest.messages.set(`${CHANNEL_ID}/${THREAD_ID}`, messagePayload({ id: THREAD_ID, channel_id: CHANNEL_ID, author: humanUser, content: '' }));
    const from = rest.requests.length;
    const calls = sourcesCalls.length;
    gateway.dispatch('MESSAGE_CREATE', mention(`<@${BOT_ID}> check this`, THREAD_ID));
    const post = await rest.waitFor('POST', new RegExp(`^/channels/${THREAD_ID}/messages$`), { from });
    expect(visibleText(asMessage(post))).toMatch(/Find sources/);
    expect(sourcesCalls.length).toBe(calls);
  });

  it('"check this" as a reply checks the message replied to', async () => {
    const original = messagePayload({ channel_id: CHANNEL_ID, author: humanUser, content: 'Intel sources were never discussed' });
    rest.messages.set(`${CHANNEL_ID}/${original.id}`, original);
    const from = rest.requests.length;
    gateway.dispatch(
      'MESSAGE_CREATE',
      mention(`<@${BOT_ID}> check this`, CHANNEL_ID, { type: 19, message_reference: { message_id: original.id, channel_id: CHANNEL_ID, guild_id: GUILD_ID } }),
    );
    await rest.waitFor('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`), { from });
    expect(sourcesCalls.at(-1)).toBe('Intel sources were never discussed');
  });

  it('answers a mention in a channel as a reply to that message', async () => {
    const from = rest.requests.length;
    const msg = mention(`<@${BOT_ID}> /quote story`);
    gateway.dispatch('MESSAGE_CREATE', msg);
    const post = await rest.waitFor('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`), { from });
    const body = asMessage(post);
    expect(body.message_reference?.message_id).toBe(msg.id);
    expect(body.allowed_mentions?.parse).toEqual([]);
    expect(body.allowed_mentions?.replied_user).toBe(false);
    expect(visibleText(body)).toContain('The **story** that came out tonight');
  });

  it('also answers when "@factbot" inserted the bot’s role mention', async () => {
    const from = rest.requests.length;
    const msg = mention(`<@&${BOT_ROLE_ID}> /quote story`, CHANNEL_ID, { mentions: [], mention_roles: [BOT_ROLE_ID] });
    gateway.dispatch('MESSAGE_CREATE', msg);
    const post = await rest.waitFor('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`), { from });
    expect(asMessage(post).message_reference?.message_id).toBe(msg.id);
    expect(visibleText(asMessage(post))).toContain('The **story** that came out tonight');
  });

  it('tells commands whether the member may manage the channel (roles, not the command’s defaults)', async () => {
    const asMember = (roles: string[]) =>
      mention(`<@${BOT_ID}> /digest list`, CHANNEL_ID, {
        author: { ...humanUser, id: MEMBER_ID, username: 'member' },
        member: { roles, joined_at: '2026-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
      });
    for (const [roles, expected] of [[[], 'manage=false'], [[EDITOR_ROLE_ID], 'manage=true']] as const) {
      const from = rest.requests.length;
      gateway.dispatch('MESSAGE_CREATE', asMember([...roles]));
      const post = await rest.waitFor('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`), { from });
      expect(asMessage(post).content).toContain(expected);
    }
  });

  it('ignores messages that do not mention it, and other bots', async () => {
    const from = rest.requests.length;
    gateway.dispatch('MESSAGE_CREATE', { ...messagePayload({ author: humanUser, content: 'who said the story was false?' }), guild_id: GUILD_ID });
    gateway.dispatch('MESSAGE_CREATE', { ...mention(`<@${BOT_ID}> quote story`), author: { ...humanUser, id: '400000000000000777', bot: true } });
    // A later mention is answered; nothing was sent for the two before it.
    const marker = mention(`<@${BOT_ID}> /quote tonight`);
    gateway.dispatch('MESSAGE_CREATE', marker);
    await rest.waitFor('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`), { from });
    const posts = rest.find('POST', /\/messages$/).filter((r) => rest.requests.indexOf(r) >= from);
    expect(posts).toHaveLength(1);
    expect(asMessage(posts[0]!).message_reference?.message_id).toBe(marker.id);
  });
});

describe('failures stay contained', () => {
  it('a 50013 Missing Permissions on a reply is logged and the bot keeps answering', async () => {
    const warn = vi.spyOn(log, 'warn');
    rest.fail('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`), 403, { message: 'Missing Permissions', code: 50013 });
    const from = rest.requests.length;
    gateway.dispatch('MESSAGE_CREATE', mention(`<@${BOT_ID}> /quote story`));
    await rest.waitFor('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`), { from });
    await vi.waitFor(() =>
      expect(warn.mock.calls.some(([fields]) => (fields as { discordError?: string }).discordError === 'missing-permissions')).toBe(true),
    );
    warn.mockRestore();
    const cb = asCallback(await interact(chatInput('quote', [{ name: 'query', type: STRING, value: 'story' }])));
    expect(cb.type).toBe(4);
  });

  it('waits out a short 429 and delivers the message', async () => {
    rest.fail('POST', new RegExp(`^/channels/${THREAD_ID}/messages$`), 429, { message: 'You are being rate limited.', retry_after: 0.2, global: false }, {
      headers: { 'retry-after': '0.2', 'x-ratelimit-scope': 'user' },
    });
    const from = rest.requests.length;
    await bot.poster.post(THREAD_ID, { title: 'Digest', notices: [], sections: [], visibility: 'public' });
    expect(rest.find('POST', new RegExp(`^/channels/${THREAD_ID}/messages$`)).filter((r) => rest.requests.indexOf(r) >= from)).toHaveLength(2);
  });

  it('resumes after the gateway drops the connection, and keeps answering', async () => {
    const before = gateway.connections;
    gateway.dropAll(4000);
    await gateway.waitFor(() => gateway.resumes.length >= 1 || gateway.identifies.length >= 2, 15_000);
    expect(gateway.connections).toBe(before + 1);
    const cb = asCallback(await interact(chatInput('quote', [{ name: 'query', type: STRING, value: 'story' }])));
    expect(cb.type).toBe(4);
  });
});

describe('digest poster', () => {
  it('posts a rendered Reply to a channel', async () => {
    const from = rest.requests.length;
    await bot.poster.post(CHANNEL_ID, {
      title: 'Daily digest',
      notices: [],
      sections: [{ heading: 'New articles', items: [], articles: [{ id: 'x', title: 'Hello @everyone', outlet: 'AP', url: 'https://news.example/x', published: null }] }],
      visibility: 'public',
    });
    const post = await rest.waitFor('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`), { from });
    const body = asMessage(post);
    expect(body.content).toContain('Daily digest');
    expect(body.embeds![0]!.description).toContain('[Hello @\u200beveryone](https://news.example/x)');
    expect(body.components ?? []).toEqual([]);
    expect(body.allowed_mentions?.parse).toEqual([]);
  });

  it('an unknown channel is a PostError that is not worth retrying', async () => {
    const err = await bot.poster.post('300000000000000777', { title: 'x', notices: [], sections: [], visibility: 'public' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PostError);
    expect((err as PostError).retryable).toBe(false);
    expect((err as PostError).message).toMatch(/unknown channel/);
  });

  it('missing access is not retryable; a long rate limit is, with its Retry-After', async () => {
    rest.fail('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`), 403, { message: 'Missing Access', code: 50001 });
    const denied = await bot.poster.post(CHANNEL_ID, { title: 'x', notices: [], sections: [], visibility: 'public' }).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(PostError);
    expect((denied as PostError).retryable).toBe(false);

    rest.fail('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`), 429, { message: 'rate limited', retry_after: 30, global: false }, {
      headers: { 'retry-after': '30', 'x-ratelimit-scope': 'user' },
    });
    const limited = await bot.poster.post(CHANNEL_ID, { title: 'x', notices: [], sections: [], visibility: 'public' }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(PostError);
    expect((limited as PostError).retryable).toBe(true);
    expect((limited as PostError).retryAfterMs).toBeGreaterThanOrEqual(30_000);
  });
});

describe('restarts', () => {
  it('Prev/Next keep working after a restart: the paging state is read back from the store', async () => {
    const first = asCallback(
      await interact(chatInput('quote', [{ name: 'query', type: STRING, value: 'intel' }, { name: 'private', type: BOOLEAN, value: false }])),
    );
    const next = buttons(first.data).find((b) => b.label === 'Next')!;
    const shown = messagePayload({ content: first.data!.content!, embeds: first.data!.embeds!, components: first.data!.components! });

    // A new process: its memory knows nothing of the answer above.
    await bot.stop();
    await gateway.waitFor(() => gateway.openConnections === 0);
    bot = await startDiscord({ token: TOKEN, applicationId: APP_ID, apiUrl: api }, services, { deferAfterMs: 150, readyTimeoutMs: 10_000 });

    const page2 = asCallback(await interact(buttonInteraction(next.custom_id!, shown)));
    expect(page2.type).toBe(7);
    expect(visibleText(page2.data)).toContain('Results 3–4 of 4');
    const prev = buttons(page2.data).find((b) => b.label === 'Prev')!;
    const page1 = asCallback(await interact(buttonInteraction(prev.custom_id!, shown)));
    expect(visibleText(page1.data)).toContain('Results 1–2 of 4');
  });
});

describe('every message', () => {
  it('was sent with allowed_mentions.parse empty', () => {
    const bodies: unknown[] = [];
    for (const r of rest.requests) {
      if (r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path)) bodies.push(r.body);
      if ((r.method === 'PATCH' || r.method === 'POST') && /^\/webhooks\//.test(r.path)) bodies.push(r.body);
      if (/\/callback$/.test(r.path)) {
        const cb = asCallback(r);
        if (cb.type === 4 || cb.type === 7) bodies.push(cb.data);
      }
    }
    expect(bodies.length).toBeGreaterThan(10);
    for (const b of bodies) expect((b as { allowed_mentions?: { parse?: unknown } }).allowed_mentions?.parse).toEqual([]);
  });
});

describe('start-up', () => {
  it('a refused token fails start-up with a clear message instead of hanging', async () => {
    const stub = new DiscordRestStub();
    const api = await stub.start();
    try {
      stub.fail('GET', /^\/gateway\/bot$/, 401, { message: '401: Unauthorized', code: 0 });
      await expect(startDiscord({ token: 'bad', applicationId: APP_ID, apiUrl: api }, fakeServices(), { readyTimeoutMs: 5000 })).rejects.toThrow(
        /^Discord rejected the token: 401 Unauthorized/,
      );
    } finally {
      await stub.stop();
    }
  });
});
