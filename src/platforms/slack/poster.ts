import type { webApi } from '@slack/bolt';
import type { Reply } from '../../domain/reply.js';
import { PostError, type ChannelPoster } from '../types.js';
import { renderReply } from './render.js';
import { classifySlackError } from './slack-errors.js';

/**
 * Digest posts. No retrying here: the scheduler owns retries and backoff, so a rate limit comes
 * back as a retryable PostError carrying Slack's Retry-After, and a channel that is gone (or
 * that the bot was removed from) as a permanent one.
 */
export function createSlackPoster(web: webApi.WebClient): ChannelPoster {
  return {
    platform: 'slack',
    async post(channelId: string, reply: Reply): Promise<void> {
      const message = renderReply(reply, { share: false, more: false, ephemeral: false });
      try {
        await web.chat.postMessage({
          channel: channelId,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
        });
      } catch (err) {
        const failure = classifySlackError(err);
        throw new PostError(`Slack refused the post to ${channelId}: ${failure.code}`, failure.retryable, failure.retryAfterMs);
      }
    },
  };
}
