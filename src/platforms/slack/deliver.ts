import type { Invocation } from '../../domain/command.js';
import { errorReply, type Reply } from '../../domain/reply.js';
import type { ServicesLike, SlackBot } from './context.js';
import { renderReply, type RenderOptions, type SlackMessage } from './render.js';
import { classifySlackError, explainFailure, withRetry } from './slack-errors.js';

/**
 * Getting an answer in front of the user: into a thread (mentions), or to a response_url
 * (commands, shortcuts, buttons). Failures are logged and, where Slack lets us, explained to the
 * user; they never escape into Bolt (which would only log them less helpfully).
 */

export function invocation(userId: string, channelId: string | undefined, teamId: string | undefined): Invocation {
  return { platform: 'slack', userId, channelId: channelId ?? '', ...(teamId ? { teamId } : {}) };
}

/** Options for an answer only the asker sees, with Share and More buttons. */
export function privateAnswer(bot: SlackBot<ServicesLike>, origin: RenderOptions['origin']): RenderOptions {
  return { share: true, more: true, ephemeral: true, codec: bot.codec, origin };
}

/** Renders for a slash command answer: its visibility says ephemeral or in channel. */
export function commandResponse(
  bot: SlackBot<ServicesLike>,
  reply: Reply,
  origin: RenderOptions['origin'],
): SlackMessage & { response_type: 'ephemeral' | 'in_channel' } {
  const ephemeral = reply.visibility !== 'public';
  const message = renderReply(reply, { ...privateAnswer(bot, origin), ephemeral, share: ephemeral });
  return { response_type: ephemeral ? 'ephemeral' : 'in_channel', ...message };
}

export async function postToResponseUrl(
  bot: SlackBot<ServicesLike>,
  responseUrl: string | undefined,
  message: Parameters<SlackBot<ServicesLike>['responses']['post']>[1],
): Promise<boolean> {
  if (!responseUrl) {
    bot.log.warn('slack: no response_url to answer on');
    return false;
  }
  try {
    await bot.responses.post(responseUrl, message);
    return true;
  } catch (err) {
    bot.log.warn({ failure: classifySlackError(err), err: (err as Error).message }, 'slack: response_url post failed');
    return false;
  }
}

/**
 * Answers in a thread (or, without `threadTs`, in the conversation: a DM); if Slack refuses, tells
 * the asker why (ephemerally) when it can.
 */
export async function replyInThread(
  bot: SlackBot<ServicesLike>,
  channel: string,
  threadTs: string | undefined,
  userId: string,
  message: SlackMessage,
): Promise<void> {
  try {
    await withRetry(
      'chat.postMessage',
      () =>
        bot.web.chat.postMessage({
          channel,
          ...(threadTs ? { thread_ts: threadTs } : {}),
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
        }),
      bot.retry,
    );
  } catch (err) {
    const failure = classifySlackError(err);
    bot.log.warn({ failure, channel }, 'slack: thread reply failed');
    try {
      await bot.web.chat.postEphemeral({
        channel,
        user: userId,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        text: explainFailure(failure.code),
      });
    } catch (err2) {
      bot.log.warn({ failure: classifySlackError(err2), channel }, 'slack: could not explain the failure either');
    }
  }
}

export function failureReply(code: string): Reply {
  return errorReply('I could not do that here', explainFailure(code));
}
