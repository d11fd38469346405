import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes } from 'discord.js';
import { PostError } from '../types.js';

/**
 * What went wrong talking to Discord, in terms the bot can act on: tell the user, retry later, or
 * give up on a channel. discord.js's REST already waits out short rate limits and retries 5xx;
 * what reaches us is final.
 */
export interface DiscordFailure {
  kind: 'missing-permissions' | 'missing-access' | 'unknown-channel' | 'unknown-message' | 'unknown-interaction' | 'rate-limited' | 'transient' | 'invalid-request' | 'unknown';
  code?: number;
  status?: number;
  retryable: boolean;
  retryAfterMs?: number;
  /** One line for logs and for a user who can act on it. */
  message: string;
}

export function classifyDiscordError(err: unknown): DiscordFailure {
  if (err instanceof RateLimitError) {
    return { kind: 'rate-limited', retryable: true, retryAfterMs: err.retryAfter, message: `rate limited for ${Math.ceil(err.retryAfter / 1000)} s on ${err.route}` };
  }
  if (err instanceof DiscordAPIError) {
    const base = { code: Number(err.code), status: err.status };
    switch (err.code) {
      case RESTJSONErrorCodes.MissingPermissions:
        return { ...base, kind: 'missing-permissions', retryable: false, message: 'missing permissions: factbot needs View Channel, Send Messages, Send Messages in Threads, Embed Links and Read Message History here' };
      case RESTJSONErrorCodes.MissingAccess:
        return { ...base, kind: 'missing-access', retryable: false, message: 'missing access: factbot cannot see this channel' };
      case RESTJSONErrorCodes.UnknownChannel:
        return { ...base, kind: 'unknown-channel', retryable: false, message: 'unknown channel: it was deleted or factbot was removed from the server' };
      case RESTJSONErrorCodes.UnknownMessage:
        return { ...base, kind: 'unknown-message', retryable: false, message: 'unknown message: it was deleted' };
      case RESTJSONErrorCodes.UnknownInteraction:
        return { ...base, kind: 'unknown-interaction', retryable: false, message: 'the interaction expired before factbot answered' };
      default:
        if (err.status === 429) return { ...base, kind: 'rate-limited', retryable: true, message: 'rate limited' };
        if (err.status >= 500) return { ...base, kind: 'transient', retryable: true, message: `Discord error ${err.status}` };
        return { ...base, kind: 'invalid-request', retryable: false, message: `Discord refused the request: ${err.message}` };
    }
  }
  if (err instanceof HTTPError) {
    return { kind: 'transient', status: err.status, retryable: err.status >= 500 || err.status === 408, message: `HTTP ${err.status} from Discord` };
  }
  const e = err as { name?: string; message?: string; code?: string } | undefined;
  if (e?.name === 'AbortError' || /ECONN|ETIMEDOUT|EAI_AGAIN|fetch failed|socket/i.test(`${e?.code ?? ''} ${e?.message ?? ''}`)) {
    return { kind: 'transient', retryable: true, message: `network: ${e?.message ?? e?.name ?? 'unknown'}` };
  }
  return { kind: 'unknown', retryable: false, message: e?.message ?? String(err) };
}

export function toPostError(err: unknown, channelId: string): PostError {
  if (err instanceof PostError) return err;
  const f = classifyDiscordError(err);
  return new PostError(`Discord channel ${channelId}: ${f.message}`, f.retryable, f.retryAfterMs);
}

/** Log fields for an error from Discord: the code and kind, not the whole request. */
export function errorFields(err: unknown): Record<string, unknown> {
  const f = classifyDiscordError(err);
  return f.kind === 'unknown' ? { err } : { discordError: f.kind, code: f.code, status: f.status, reason: f.message };
}
