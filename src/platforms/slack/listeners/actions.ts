import type { App, BlockButtonAction } from '@slack/bolt';
import { errorReply } from '../../../domain/reply.js';
import type { ServicesLike, SlackBot } from '../context.js';
import { invocation, postToResponseUrl, privateAnswer } from '../deliver.js';
import { ACTION_MORE, ACTION_SHARE, renderReply } from '../render.js';
import { execute } from '../run.js';

/**
 * The buttons on an answer. Both run the command again from the state in the button (replies are
 * data, the corpus may have grown): Share posts the same page in the channel for everyone and
 * removes the private copy; More shows the next page (in place when the answer was private).
 */
export function registerActions<S extends ServicesLike>(app: App, bot: SlackBot<S>): void {
  app.action<BlockButtonAction>(ACTION_MORE, async ({ ack, body, action }) => {
    await ack();
    const state = await bot.codec.decode(action.value);
    const inv = invocation(body.user.id, body.channel?.id, body.team?.id ?? undefined);
    if (!state) {
      await expired(bot, body.response_url, 'Ask again to get fresh results.');
      return;
    }
    const call = { command: state.command, subcommand: state.subcommand, args: state.args };
    const reply = await execute(bot, inv, { kind: 'run', call });
    const message = renderReply(reply, privateAnswer(bot, call));
    // The next page of a public thread answer is private to the clicker, in the same thread.
    const threadTs = state.ephemeral ? undefined : threadOf(body);
    await postToResponseUrl(bot, body.response_url, {
      response_type: 'ephemeral',
      replace_original: state.ephemeral,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      ...message,
    });
  });

  app.action<BlockButtonAction>(ACTION_SHARE, async ({ ack, body, action }) => {
    await ack();
    const state = await bot.codec.decode(action.value);
    const inv = invocation(body.user.id, body.channel?.id, body.team?.id ?? undefined);
    if (!state) {
      await expired(bot, body.response_url, 'Ask again, then share.');
      return;
    }
    const call = { command: state.command, subcommand: state.subcommand, args: state.args };
    const reply = await execute(bot, inv, { kind: 'run', call });
    // The shared copy keeps More (the next page comes privately to whoever clicks, as in threads):
    // it says how many more results there are, and a count without a way to them is a dead end.
    const message = renderReply(reply, { share: false, more: true, ephemeral: false, sharedBy: body.user.id, codec: bot.codec });
    const shared = await postToResponseUrl(bot, body.response_url, {
      response_type: 'in_channel',
      replace_original: false,
      ...message,
    });
    if (shared) await postToResponseUrl(bot, body.response_url, { delete_original: true });
  });
}

function threadOf(body: BlockButtonAction): string | undefined {
  const container = body.container as { thread_ts?: unknown } | undefined;
  const message = body.message as { thread_ts?: unknown } | undefined;
  const ts = container?.thread_ts ?? message?.thread_ts;
  return typeof ts === 'string' ? ts : undefined;
}

/** A button whose state can no longer be read (tampered, or from before a format change). */
async function expired<S extends ServicesLike>(bot: SlackBot<S>, responseUrl: string, hint: string): Promise<void> {
  await postToResponseUrl(bot, responseUrl, {
    response_type: 'ephemeral',
    replace_original: false,
    ...renderReply(errorReply('This button has expired', hint), { share: false, more: false, ephemeral: true }),
  });
}
