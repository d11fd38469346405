import { SlackCallError, type RetryPolicy, INTERACTIVE_RETRY, withRetry } from './slack-errors.js';
import type { SlackMessage } from './render.js';

/**
 * Posting to a `response_url` (slash commands, shortcuts, buttons): works in channels the bot
 * has not joined and for ephemeral answers. The URL comes from a verified request, but we still
 * only post to Slack's hooks host (or to the API host the operator configured, for tests/proxies).
 */
export interface ResponseUrlMessage extends Partial<SlackMessage> {
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
  delete_original?: boolean;
  thread_ts?: string;
}

export class ResponseUrlPoster {
  private readonly extraOrigin: string | undefined;

  constructor(
    apiUrl: string | undefined,
    private readonly policy: RetryPolicy = INTERACTIVE_RETRY,
  ) {
    this.extraOrigin = apiUrl ? new URL(apiUrl).origin : undefined;
  }

  /** Slack's hosts (hooks.slack.com, GovSlack's slack-gov.com), or the configured API host. */
  isAllowed(responseUrl: string): boolean {
    try {
      const url = new URL(responseUrl);
      if (url.origin === this.extraOrigin) return true;
      return url.protocol === 'https:' && /(^|\.)slack(-gov)?\.com$/.test(url.hostname);
    } catch {
      return false;
    }
  }

  async post(responseUrl: string, message: ResponseUrlMessage): Promise<void> {
    if (!this.isAllowed(responseUrl)) {
      throw new SlackCallError(`response_url host not allowed: ${responseUrl}`, { code: 'bad_response_url', retryable: false });
    }
    await withRetry('response_url', () => this.once(responseUrl, message), this.policy);
  }

  private async once(responseUrl: string, message: ResponseUrlMessage): Promise<void> {
    let res: Response;
    try {
      res = await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      throw new SlackCallError(`response_url unreachable: ${(err as Error).message}`, { code: 'request_failed', retryable: true });
    }
    const body = await res.text().catch(() => '');
    if (res.status === 429) {
      const retryAfter = Number(res.headers.get('retry-after') ?? '1');
      throw new SlackCallError('response_url rate limited', {
        code: 'ratelimited',
        retryable: true,
        retryAfterMs: (Number.isFinite(retryAfter) ? retryAfter : 1) * 1000,
      });
    }
    if (!res.ok) {
      throw new SlackCallError(`response_url answered ${res.status}: ${body.slice(0, 200)}`, {
        code: `http_${res.status}`,
        retryable: res.status >= 500,
      });
    }
    // Slack answers 200 with a JSON body that may still say no (`expired_url`, `used_url`…).
    if (body.startsWith('{')) {
      let parsed: { ok?: boolean; error?: string } = {};
      try {
        parsed = JSON.parse(body) as typeof parsed;
      } catch {
        // Not JSON after all: a 2xx is a success.
      }
      if (parsed.ok === false) {
        throw new SlackCallError(`response_url refused: ${parsed.error ?? 'unknown'}`, {
          code: parsed.error ?? 'unknown_error',
          retryable: false,
        });
      }
    }
  }
}
