import type { BotServices } from '../../src/dispatch/index.js';
import { startDiscord, type DiscordStartOptions } from '../../src/platforms/discord/index.js';
import { APP_ID, CHANNEL_ID, GUILD_ID, TOKEN, botUser, humanUser, messagePayload } from './discord-fixtures.js';
import { FakeGateway } from './discord-gateway.js';
import { DiscordRestStub, type RecordedRequest } from './discord-rest.js';

/**
 * The real discord.js client, started through `startDiscord`, wired to a loopback REST stub and a
 * fake gateway; helpers send what a user would do and return what Discord would receive.
 */
export interface DiscordHarness {
  rest: DiscordRestStub;
  gateway: FakeGateway;
  bot: Awaited<ReturnType<typeof startDiscord>>;
  /** Dispatches an interaction and resolves with its callback request. */
  interact(payload: { id: string; token: string }): Promise<RecordedRequest>;
  /** Dispatches MESSAGE_CREATE and resolves with the bot's message to `answerChannel`. */
  say(message: ReturnType<typeof mention>, answerChannel?: string): Promise<RecordedRequest>;
  stop(): Promise<void>;
}

export function mention(content: string, channelId = CHANNEL_ID, extra: Record<string, unknown> = {}) {
  return {
    ...messagePayload({ channel_id: channelId, author: humanUser, content, mentions: [botUser] }),
    guild_id: GUILD_ID,
    member: { roles: [], joined_at: '2026-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
    ...extra,
  };
}

/** How the fake Discord is set up for the application: its portal toggles (READY's flags, the privileged intents allowed). */
export type GatewaySetup = Partial<Pick<FakeGateway, 'applicationFlags' | 'allowedPrivilegedIntents'>>;

export async function startHarness(services: BotServices, opts: DiscordStartOptions = {}, setup: GatewaySetup = {}): Promise<DiscordHarness> {
  const rest = new DiscordRestStub();
  const api = await rest.start();
  // Discord's own interval is ~41 s. A short one made discord.js, on a loaded machine (load 10 on
  // 2 cores), miss an acknowledgement, take the connection for a zombie and reconnect, losing the
  // interaction sent meanwhile (a flaky autocomplete test). Heartbeats have their own test.
  const gateway = new FakeGateway(20_000);
  Object.assign(gateway, setup);
  rest.gatewayUrl = await gateway.start();
  const bot = await startDiscord({ token: TOKEN, applicationId: APP_ID, apiUrl: api }, services, { readyTimeoutMs: 10_000, ...opts });
  return {
    rest,
    gateway,
    bot,
    async interact(payload) {
      const from = rest.requests.length;
      gateway.dispatch('INTERACTION_CREATE', payload);
      return rest.waitFor('POST', new RegExp(`^/interactions/${payload.id}/${payload.token}/callback$`), { from });
    },
    async say(message, answerChannel = message.channel_id) {
      const from = rest.requests.length;
      gateway.dispatch('MESSAGE_CREATE', message);
      return rest.waitFor('POST', new RegExp(`^/channels/${answerChannel}/messages$`), { from, ms: 10_000 });
    },
    async stop() {
      await bot.stop();
      await gateway.stop();
      await rest.stop();
    },
  };
}
