import { webApi } from '@slack/bolt';

/**
 * Slack failures sorted into what we can do about them: wait and retry (rate limits, network),
 * or tell the user (the bot is not in the channel, the channel is gone).
 */
export interface SlackFailure {
  /** Slack's error code (`not_in_channel`), `ratelimited`, `http_<status>` or `request_failed`. */
  code: string;
  retryable: boolean;
  retryAfterMs?: number;
  /** missing_scope: the scope(s) Slack said the call needs. */
  needed?: string;
}

const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'channel_is_archived',
  'account_inactive',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'missing_scope',
  'restricted_action',
  'thread_not_found',
  'message_not_found',
  'invalid_blocks',
  'msg_too_long',
  'no_text',
]);

/** A failure of a call we make ourselves (response_url posts), already classified. */
export class SlackCallError extends Error {
  constructor(
    message: string,
    readonly failure: SlackFailure,
  ) {
    super(message);
    this.name = 'SlackCallError';
  }
}

export function classifySlackError(err: unknown): SlackFailure {
  if (err instanceof SlackCallError) return err.failure;
  const e = err as { code?: string; retryAfter?: number; data?: { error?: string; needed?: unknown }; statusCode?: number } | null;
  switch (e?.code) {
    case webApi.ErrorCode.RateLimitedError:
      return { code: 'ratelimited', retryable: true, retryAfterMs: Math.max(0, (e.retryAfter ?? 1) * 1000) };
    case webApi.ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      if (code === 'ratelimited') return { code, retryable: true, retryAfterMs: 1000 };
      if (code === 'missing_scope' && typeof e.data?.needed === 'string' && /^[a-z:.,_]{1,200}$/.test(e.data.needed)) {
        return { code, retryable: false, needed: e.data.needed };
      }
      return { code, retryable: !PERMANENT.has(code) && /^(internal_error|fatal_error|service_unavailable|request_timeout)$/.test(code) };
    }
    case webApi.ErrorCode.HTTPError:
      return { code: `http_${e.statusCode ?? 0}`, retryable: (e.statusCode ?? 500) >= 500 };
    case webApi.ErrorCode.RequestError:
      return { code: 'request_failed', retryable: true };
    default:
      return { code: 'unexpected_error', retryable: false };
  }
}

/** What the user reads when Slack refused something we tried on their behalf. */
export function explainFailure(code: string): string {
  switch (code) {
    case 'not_in_channel':
      return 'I am not a member of this channel. Invite me with `/invite @factbot` and try again.';
    case 'channel_not_found':
      return 'I cannot see this conversation. If it is private, invite me with `/invite @factbot` first.';
    case 'missing_scope':
      return 'This Slack app lacks a permission it needs here. Ask an admin to reinstall it from the current manifest.';
    case 'is_archived':
    case 'channel_is_archived':
      return 'This channel is archived, so I cannot post in it.';
    case 'thread_not_found':
    case 'message_not_found':
      return 'I could not find the start of this thread; it may have been deleted.';
    case 'ratelimited':
      return 'Slack is asking me to slow down. Please try again in a minute.';
    default:
      return 'Slack refused my answer this time. Please try again in a moment.';
  }
}

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** A Retry-After longer than this is not waited for (the user would have given up). */
  maxWaitMs: number;
  sleep?: Sleep;
}

export const INTERACTIVE_RETRY: RetryPolicy = { attempts: 3, maxWaitMs: 30_000 };

/** Runs a Slack call, waiting out rate limits (Retry-After) and brief network faults. */
export async function withRetry<T>(what: string, fn: () => Promise<T>, policy: RetryPolicy = INTERACTIVE_RETRY): Promise<T> {
  const sleep = policy.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const failure = classifySlackError(err);
      const wait = failure.retryAfterMs ?? 500 * attempt;
      if (!failure.retryable || attempt >= policy.attempts || wait > policy.maxWaitMs) throw err;
      await sleep(wait);
    }
  }
}
