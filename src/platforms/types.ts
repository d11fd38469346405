import type { Platform } from '../domain/command.js';
import type { Reply } from '../domain/reply.js';

/**
 * How the digest scheduler posts without knowing any platform: each adapter that is running
 * registers one poster. Failures are thrown as PostError so the scheduler can retry or record.
 */
export interface ChannelPoster {
  readonly platform: Platform;
  post(channelId: string, reply: Reply): Promise<void>;
}

export class PostError extends Error {
  constructor(
    message: string,
    /** True for rate limits and transient faults; false for a channel that is gone. */
    readonly retryable: boolean,
    /** The platform's Retry-After, when it gave one. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'PostError';
  }
}
