import { Client, GatewayIntentBits, Partials, PermissionFlagsBits, type ClientOptions, type RateLimitData } from 'discord.js';
import type { DiscordConfig } from '../../config.js';

/**
 * Intents: guilds (channels and threads in the cache), guild messages and direct messages (to see
 * mentions). Not the privileged Message Content intent: Discord still sends the text of messages
 * that mention the bot, of DMs and of message-command targets, which is all factbot reads.
 */
export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages] as const;

/** Rate limits longer than this are not waited out inside a handler: the caller hears about them. */
export const REJECT_RATE_LIMIT_AFTER_MS = 10_000;

/** discord.js wants the REST base without the version (it adds /v10): accept either. */
export function restBase(apiUrl: string | undefined): string | undefined {
  return apiUrl?.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}

export function clientOptions(config: DiscordConfig, extra: Partial<ClientOptions> = {}): ClientOptions {
  const api = restBase(config.apiUrl);
  return {
    intents: [...INTENTS],
    // DM channels are not in the cache until used; without this partial their messages are dropped.
    partials: [Partials.Channel],
    allowedMentions: { parse: [], repliedUser: false },
    ...extra,
    rest: {
      ...(api ? { api } : {}),
      rejectOnRateLimit: (data: RateLimitData) => data.retryAfter > REJECT_RATE_LIMIT_AFTER_MS,
      ...extra.rest,
    },
  };
}

export function createClient(config: DiscordConfig, extra: Partial<ClientOptions> = {}): Client {
  return new Client(clientOptions(config, extra));
}

/** What the bot needs in a channel: see it, answer (also in threads) with embeds, read what "check this" points at. */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory;

export function inviteUrl(applicationId: string): string {
  const q = new URLSearchParams({ client_id: applicationId, scope: 'bot applications.commands', permissions: BOT_PERMISSIONS.toString() });
  return `https://discord.com/oauth2/authorize?${q.toString()}`;
}
