import { App, HTTPReceiver, webApi } from '@slack/bolt';
import type { SlackConfig } from '../../config.js';
import { log as rootLog, type Logger } from '../../log.js';
import type { ChannelPoster } from '../types.js';
import { MAX_SLACK_BODY_BYTES, SLACK_BODY_TIMEOUT_MS, limitRequestBodies, type BodyLimits } from './body-limit.js';
import { boltLogger } from './bolt-logger.js';
import { ButtonStateCodec } from './button-state.js';
import type { ServicesLike, SlackBot, SlackCore } from './context.js';
import { INLINE_ANSWER_BUDGET_MS } from './limits.js';
import { registerListeners } from './listeners/index.js';
import { createSlackPoster } from './poster.js';
import { ResponseUrlPoster } from './response-url.js';
import { classifySlackError, INTERACTIVE_RETRY, type RetryPolicy } from './slack-errors.js';
import { TtlCache } from './ttl-cache.js';

export interface SlackStartOptions {
  /** HTTP mode: interface to listen on (default: all, as Slack must reach it). Tests use 127.0.0.1. */
  host?: string;
  inlineBudgetMs?: number;
  retry?: RetryPolicy;
  /** HTTP mode: request body cap and deadline (defaults: 1 MiB, 10 s). */
  bodyLimits?: Partial<BodyLimits>;
  /** Clock for the event de-duplication window. */
  now?: () => number;
  log?: Logger;
}

export interface RunningSlack {
  poster: ChannelPoster;
  stop(): Promise<void>;
  /** HTTP mode: the port actually listened on (useful with port 0). */
  port?: number;
}

/** Slack retries a delivery for about five minutes; remembering event ids for 15 covers it. */
const EVENT_DEDUPE_TTL_MS = 15 * 60 * 1000;
const EVENT_DEDUPE_MAX = 20_000;
/**
 * How long a delivery waits for the store's claim. Slash commands are acknowledged only after it,
 * and Slack gives them 3 s in all: a store that does not answer (a dropped PostgreSQL connection
 * waits for TCP, a busy pool) must not cost every command its answer.
 */
export const CLAIM_BUDGET_MS = 500;

const EVENTS_PATH = '/slack/events';

/**
 * A retried delivery may reach this process or another one on the same store (HTTP behind a load
 * balancer, several Socket Mode connections): this process's memory answers the first case at no
 * cost, the store's claim the second. A store that cannot be reached does not cost the answer.
 */
function firstDeliveryCheck<S extends ServicesLike>(
  services: S,
  core: SlackCore<S>,
  log: Logger,
  now?: () => number,
  budgetMs = CLAIM_BUDGET_MS,
): (eventId: string) => Promise<boolean> {
  const seen = new TtlCache<boolean>(EVENT_DEDUPE_TTL_MS, EVENT_DEDUPE_MAX, now);
  return async (eventId) => {
    if (!seen.firstSeen(eventId)) return false;
    if (!core.claimShared) return true;
    let timer: NodeJS.Timeout | undefined;
    // A claim that answers late is left to finish on its own: this delivery is answered either way.
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), budgetMs);
    });
    try {
      const claimed = await Promise.race([core.claimShared(services, `slack:event:${eventId}`, EVENT_DEDUPE_TTL_MS), late]);
      if (claimed === 'late') {
        log.warn({ eventId, budgetMs }, 'slack: the store did not answer the delivery claim in time; answering it');
        return true;
      }
      return claimed;
    } catch (err) {
      log.warn({ err: (err as Error).message, eventId }, 'slack: could not claim the event in the store; answering it');
      return true;
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * Bolt's HTTPReceiver (signature and timestamp checks, acks, retries) behind a guard that caps
 * request bodies before Bolt buffers them (body-limit.ts).
 */
function httpReceiver(config: SlackConfig, logger: ReturnType<typeof boltLogger>, log: Logger, limits?: Partial<BodyLimits>): HTTPReceiver {
  const receiver = new HTTPReceiver({
    signingSecret: config.signingSecret,
    endpoints: [EVENTS_PATH],
    port: config.port,
    logger,
  });
  receiver.requestListener = limitRequestBodies(
    receiver.requestListener,
    [EVENTS_PATH],
    { maxBytes: limits?.maxBytes ?? MAX_SLACK_BODY_BYTES, timeoutMs: limits?.timeoutMs ?? SLACK_BODY_TIMEOUT_MS },
    log,
  );
  return receiver;
}

export async function startSlackBot<S extends ServicesLike>(
  config: SlackConfig,
  services: S,
  core: SlackCore<S>,
  opts: SlackStartOptions = {},
): Promise<RunningSlack> {
  const log = (opts.log ?? rootLog).child({ platform: 'slack' });
  const logger = boltLogger(log);
  const baseOptions: webApi.WebClientOptions = {
    logger,
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/` } : {}),
  };
  // Our own calls: rate limits and faults come back to us (slack-errors.ts waits Retry-After for
  // users; digests hand them to the scheduler), so the client must not sit on them for minutes.
  const web = new webApi.WebClient(config.botToken, {
    ...baseOptions,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 15_000,
  });

  let botUserId: string | undefined;
  let botId: string | undefined;
  try {
    const auth = await web.auth.test();
    botUserId = auth.user_id;
    botId = auth.bot_id;
  } catch (err) {
    const failure = classifySlackError(err);
    throw new Error(
      failure.code === 'invalid_auth' || failure.code === 'not_authed' || failure.code === 'token_revoked'
        ? `Slack rejected SLACK_BOT_TOKEN (${failure.code}): copy the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page.`
        : `Could not reach Slack to check SLACK_BOT_TOKEN (${failure.code}).`,
    );
  }

  const socketMode = Boolean(config.appToken);
  const app = new App({
    token: config.botToken,
    ...(socketMode ? {} : { receiver: httpReceiver(config, logger, log, opts.bodyLimits) }),
    // Known from auth.test above, so Bolt does not call it again on its own.
    botId,
    botUserId,
    logger,
    // Bolt's own client (and Socket Mode's reconnects) keep the Web API client's patient retries.
    clientOptions: baseOptions,
    ...(socketMode ? { socketMode: true, appToken: config.appToken, signingSecret: config.signingSecret } : {}),
  });
  // Errors inside listeners are logged; Bolt must not turn them into crashes or 500s.
  app.error(async (err) => {
    log.error({ err: err.message, code: (err as { code?: string }).code }, 'slack: listener error');
  });

  const bot: SlackBot<S> = {
    services,
    core,
    web,
    responses: new ResponseUrlPoster(config.apiUrl, opts.retry ?? INTERACTIVE_RETRY),
    codec: new ButtonStateCodec(core.sharedStates?.(services)),
    firstDelivery: firstDeliveryCheck(services, core, log, opts.now),
    botUserId,
    botId,
    log,
    retry: opts.retry ?? INTERACTIVE_RETRY,
    inlineBudgetMs: opts.inlineBudgetMs ?? INLINE_ANSWER_BUDGET_MS,
  };
  registerListeners(app, bot);

  let port: number | undefined;
  if (socketMode) {
    await app.start();
    log.info('slack: connected in Socket Mode');
  } else {
    const server = await app.start(opts.host ? { port: config.port, host: opts.host } : config.port);
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : config.port;
    log.info({ port }, 'slack: listening for HTTP requests at /slack/events');
  }

  let stopped = false;
  return {
    poster: createSlackPoster(web),
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.stop();
      // Kept button states reach the store before it is closed.
      await bot.codec.flush();
    },
  };
}
