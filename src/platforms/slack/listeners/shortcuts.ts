import type { App } from '@slack/bolt';
import type { ServicesLike, SlackBot } from '../context.js';
import { invocation, postToResponseUrl, privateAnswer } from '../deliver.js';
import { errorReply } from '../../../domain/reply.js';
import { claimProblemText, messageClaim, type SlackMessageLike } from '../message-text.js';
import { renderReply } from '../render.js';
import { execute, originOf, type Prepared } from '../run.js';

export const FIND_SOURCES = 'find_sources';

/** Message shortcut "Find sources": which statements in the corpus match this message, privately. */
export function registerShortcuts<S extends ServicesLike>(app: App, bot: SlackBot<S>): void {
  app.shortcut({ callback_id: FIND_SOURCES, type: 'message_action' }, async ({ shortcut, ack }) => {
    await ack();
    const inv = invocation(shortcut.user.id, shortcut.channel?.id, shortcut.team?.id);
    // A shared link or a news app's post has its words in attachments.
    const claim = messageClaim(shortcut.message as SlackMessageLike | undefined, bot.botUserId);
    const prepared: Prepared =
      'problem' in claim
        ? { kind: 'reply', reply: errorReply(claimProblemText(claim.problem, 'message').title, claimProblemText(claim.problem, 'message').text) }
        : { kind: 'claims', text: claim.text };
    const reply = await execute(bot, inv, prepared);
    const message = renderReply(reply, privateAnswer(bot, originOf(prepared)));
    const threadTs = (shortcut.message as { thread_ts?: unknown } | undefined)?.thread_ts;
    await postToResponseUrl(bot, shortcut.response_url, {
      response_type: 'ephemeral',
      replace_original: false,
      // On a message inside a thread, the answer belongs in that thread.
      ...(typeof threadTs === 'string' ? { thread_ts: threadTs } : {}),
      ...message,
    });
  });
}
