import { Events, GatewayCloseCodes, GatewayIntentBits, RESTEvents, type Client, type ClientOptions } from 'discord.js';
import type { DiscordConfig } from '../../config.js';
import type { BotServices } from '../../dispatch/index.js';
import { log } from '../../log.js';
import type { ChannelPoster } from '../types.js';
import { createClient } from './client.js';
import { classifyDiscordError, errorFields } from './errors.js';
import { handleInteraction } from './interactions.js';
import { AUTOCOMPLETE_BUDGET_MS, DEFER_AFTER_MS } from './limits.js';
import { handleMessage } from './mentions.js';
import { PageStore } from './page-store.js';
import { storeStates } from '../state-keeper.js';
import { discordPoster } from './poster.js';

export { applicationCommands } from './application-commands.js';
export { deployCommands } from './deploy.js';
export { renderReply } from './render.js';

export interface DiscordRuntime {
  poster: ChannelPoster;
  stop(): Promise<void>;
}

/** For tests: the clock of the paging store, the defer threshold, extra client options. */
export interface DiscordStartOptions {
  pages?: PageStore;
  deferAfterMs?: number;
  autocompleteBudgetMs?: number;
  /** How long a mention's answer may take before the typing indicator shows (default 1 s). */
  typingAfterMs?: number;
  readyTimeoutMs?: number;
  clientOptions?: Partial<ClientOptions>;
}

/** @discordjs/ws's only report of gateway close code 4014 (DisallowedIntents). */
const DISALLOWED_INTENTS = 'Used disallowed intents';

/**
 * Why login failed, in one line an operator can act on. A rejected token (REST 401 on
 * /gateway/bot, which discord.js reports as TokenInvalid, or gateway close 4004) is said as such;
 * no cause is attached, because the JSON log would print its message a second time.
 */
export function loginFailure(err: unknown, config: Pick<DiscordConfig, 'apiUrl'>): string {
  const e = err as { code?: unknown; status?: unknown; message?: unknown } | null;
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const where = config.apiUrl ? ` at ${config.apiUrl} (DISCORD_API_URL)` : '';
  const fix = 'Copy the bot token (Developer Portal → Bot → Reset Token) into DISCORD_TOKEN.';
  if (e?.code === 'TokenInvalid' || e?.status === 401) {
    return `Discord rejected the token: 401 Unauthorized from the API${where}. ${fix}`;
  }
  // @discordjs/ws's only report of close code 4004 is this plain Error.
  if (message === 'Authentication failed') {
    return `Discord rejected the token: the gateway closed the connection with ${GatewayCloseCodes.AuthenticationFailed} (authentication failed). ${fix}`;
  }
  if (message === DISALLOWED_INTENTS) {
    return `Discord refused the gateway intents: it closed the connection with ${GatewayCloseCodes.DisallowedIntents} (a privileged intent asked for is not enabled under Bot → Privileged Gateway Intents in the developer portal, or not approved for a bot in over 100 servers).`;
  }
  const failure = classifyDiscordError(err);
  if (failure.kind === 'transient') {
    return `Could not reach Discord${where} to log in: ${message}`;
  }
  return `Discord login failed: ${message}`;
}

/** Privileged intents: Discord closes the gateway with 4014 when one is asked for and not enabled in the portal. */
const PRIVILEGED_INTENTS = GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;

function disallowedIntents(err: unknown): boolean {
  return (err as { message?: unknown } | null)?.message === DISALLOWED_INTENTS;
}

/**
 * Logs in, waits until the guilds are loaded, and answers interactions and mentions until stopped.
 * Every handler catches its own failures: a Discord error is logged, never a crash.
 */
export async function startDiscord(
  config: DiscordConfig,
  services: BotServices,
  opts: DiscordStartOptions = {},
): Promise<DiscordRuntime & { client: Client }> {
  const pages = opts.pages ?? new PageStore({ shared: storeStates(services.store) });
  const deps = {
    services,
    pages,
    deferAfterMs: opts.deferAfterMs ?? DEFER_AFTER_MS,
    autocompleteBudgetMs: opts.autocompleteBudgetMs ?? AUTOCOMPLETE_BUDGET_MS,
    ...(opts.typingAfterMs !== undefined ? { typingAfterMs: opts.typingAfterMs } : {}),
  };
  const readyTimeoutMs = opts.readyTimeoutMs ?? 60_000;

  let client = wiredClient(config, deps, opts.clientOptions);
  try {
    await connect(client, config, readyTimeoutMs);
  } catch (err) {
    if (err instanceof ReadyTimeout) throw err;
    const asked = Number(client.options.intents.bitfield);
    // factbot asks for no privileged intent; one asked for anyway (extra client options) and not
    // enabled in the portal must not cost the slash commands: the gateway is joined without it.
    if (!disallowedIntents(err) || (asked & PRIVILEGED_INTENTS) === 0) throw new Error(loginFailure(err, config));
    log.warn(
      { code: GatewayCloseCodes.DisallowedIntents, intents: asked },
      'discord: the gateway refused a privileged intent not enabled in the developer portal (4014); connecting without privileged intents',
    );
    client = wiredClient(config, deps, { ...opts.clientOptions, intents: asked & ~PRIVILEGED_INTENTS });
    try {
      await connect(client, config, readyTimeoutMs);
    } catch (again) {
      throw again instanceof ReadyTimeout ? again : new Error(loginFailure(again, config));
    }
  }
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord ready');

  return {
    client,
    poster: discordPoster(client),
    async stop() {
      client.removeAllListeners(Events.InteractionCreate);
      client.removeAllListeners(Events.MessageCreate);
      await client.destroy();
      // States of the last answers reach the store before it is closed.
      await pages.flush();
    },
  };
}

/** A client with every handler attached (events are listened for before login). */
function wiredClient(config: DiscordConfig, deps: Parameters<typeof handleInteraction>[0] & Parameters<typeof handleMessage>[0], extra?: Partial<ClientOptions>): Client {
  const client = createClient(config, extra);
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord warning'));
  client.on(Events.ShardError, (err, shard) => log.warn({ err, shard }, 'discord gateway error (reconnecting)'));
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ code: event.code, shard }, 'discord gateway closed'));
  client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, 'discord gateway reconnecting'));
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'discord gateway resumed'));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    log.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global, scope: info.scope }, 'discord rate limit'),
  );
  // Unexpected 429s (not foreseen from the bucket headers) are retried by the REST client; note them.
  client.rest.on(RESTEvents.Response, (request, response) => {
    if (response.status === 429) log.warn({ method: request.method, route: request.route }, 'discord 429: waiting and retrying');
  });
  client.on(Events.InteractionCreate, (interaction) => {
    handleInteraction(deps, interaction).catch((err: unknown) => log.error({ ...errorFields(err) }, 'discord interaction handler failed'));
  });
  client.on(Events.MessageCreate, (message) => {
    handleMessage(deps, client, message).catch((err: unknown) => log.error({ ...errorFields(err) }, 'discord message handler failed'));
  });
  return client;
}

/**
 * Logs in and waits for the guilds; on failure the client is destroyed and the error rethrown as
 * it came (the caller words it for the operator).
 */
async function connect(client: Client, config: DiscordConfig, readyTimeoutMs: number): Promise<void> {
  // Listened for before login: the guilds can arrive before login() resolves.
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.token);
  } catch (err) {
    await client.destroy().catch(() => undefined);
    // The original (with its stack) for whoever debugs; the operator gets one plain line.
    log.debug({ err }, 'discord login error');
    throw err;
  }
  // The guild deadline starts only once logged in: armed before, a failed login left it running
  // for a minute, holding the process up and then reporting a login that never happened (QA6 R1).
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ready,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new ReadyTimeout(`Discord: logged in, but the guilds did not arrive within ${Math.round(readyTimeoutMs / 1000)} s`)),
          readyTimeoutMs,
        );
      }),
    ]);
  } catch (err) {
    await client.destroy().catch(() => undefined);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** Logged in, but READY's guilds never came: said as is, not as a login failure. */
class ReadyTimeout extends Error {}
