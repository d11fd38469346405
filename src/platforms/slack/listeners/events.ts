import type { App } from '@slack/bolt';
import type { Invocation } from '../../../domain/command.js';
import { acknowledgementReply, errorReply, type Reply } from '../../../domain/reply.js';
import type { ServicesLike, SlackBot } from '../context.js';
import { failureReply, invocation, replyInThread } from '../deliver.js';
import { slackTextToPlain } from '../escape.js';
import { renderReply } from '../render.js';
import { execute, HELP } from '../run.js';
import { claimProblemText, messageClaim, type SlackMessageLike } from '../message-text.js';
import { classifySlackError, withRetry } from '../slack-errors.js';

/** The fields of an `app_mention` event we rely on (validated, since it is outside input). */
interface Mention {
  user: string;
  text: string;
  channel: string;
  ts: string;
  thread_ts?: string;
  bot_id?: string;
  subtype?: string;
}

function asMention(event: unknown): Mention | null {
  const e = event as Partial<Record<keyof Mention, unknown>> | null;
  if (!e || typeof e.channel !== 'string' || typeof e.ts !== 'string' || typeof e.text !== 'string') return null;
  if (typeof e.user !== 'string') return null;
  return {
    user: e.user,
    text: e.text,
    channel: e.channel,
    ts: e.ts,
    thread_ts: typeof e.thread_ts === 'string' ? e.thread_ts : undefined,
    bot_id: typeof e.bot_id === 'string' ? e.bot_id : undefined,
    subtype: typeof e.subtype === 'string' ? e.subtype : undefined,
  };
}

/**
 * A repeated delivery of the same event (Slack retries when it did not see our 200 in time, with
 * `X-Slack-Retry-Num` and the same `event_id`) is answered once, by whichever process on the
 * store saw it first.
 */
export function registerDedupe<S extends ServicesLike>(app: App, bot: SlackBot<S>): void {
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await bot.firstDelivery(eventId))) {
      bot.log.info({ eventId }, 'slack: repeated event delivery ignored');
      return;
    }
    await next();
  });
}

export function registerEvents<S extends ServicesLike>(app: App, bot: SlackBot<S>): void {
  app.event('app_mention', async ({ event, body }) => {
    const mention = asMention(event);
    if (!mention) return;
    // Bolt's ignoreSelf drops our own messages; other bots are ignored too, so two bots never loop.
    if (mention.bot_id || mention.subtype === 'bot_message' || mention.user === bot.botUserId) return;
    const teamId = (body as { team_id?: unknown }).team_id;
    const inv = invocation(mention.user, mention.channel, typeof teamId === 'string' ? teamId : undefined);
    const threadTs = mention.thread_ts ?? mention.ts;
    const text = slackTextToPlain(withoutOtherMentions(mention.text), bot.botUserId);

    const reply = await answerMention(bot, inv, text, mention);
    const message = renderReply(reply, { share: false, more: true, ephemeral: false, codec: bot.codec });
    await replyInThread(bot, mention.channel, threadTs, mention.user, message);
  });
}

/**
 * What a person writes to factbot in its Messages tab (a `message.im` event). The words as the
 * user wrote them: no other subtype is a new question (`message_changed`, `message_deleted`,
 * `bot_message`, joins…), and `file_share` / `thread_broadcast` carry the user's own text.
 */
const DM_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

function asDirectMessage(event: unknown): Mention | null {
  const e = event as { channel_type?: unknown; hidden?: unknown } | null;
  if (!e || e.channel_type !== 'im' || e.hidden === true) return null;
  const m = asMention(event);
  return m && DM_SUBTYPES.has(m.subtype) ? m : null;
}

/**
 * Direct messages are answered like mentions (Slack sends no `app_mention` in a DM, mentioned or
 * not): the same routing, in the DM, in the thread when the user wrote in one, else as a plain
 * message (a DM is a conversation with factbot; a thread per question would hide the answers).
 */
export function registerDirectMessages<S extends ServicesLike>(app: App, bot: SlackBot<S>): void {
  app.event('message', async ({ event, body }) => {
    const dm = asDirectMessage(event);
    if (!dm) return;
    // Bolt's ignoreSelf drops factbot's own answers; other apps' messages never get one (two bots
    // answering each other in a DM would loop).
    if (dm.bot_id || dm.user === bot.botUserId) return;
    const teamId = (body as { team_id?: unknown }).team_id;
    const inv = invocation(dm.user, dm.channel, typeof teamId === 'string' ? teamId : undefined);
    const text = slackTextToPlain(withoutOtherMentions(dm.text), bot.botUserId);

    const reply = await answerMention(bot, inv, text, dm, 'dm');
    const message = renderReply(reply, { share: false, more: true, ephemeral: false, codec: bot.codec });
    await replyInThread(bot, dm.channel, dm.thread_ts, dm.user, message);
  });
}

/**
 * factbot removed from a channel: Slack sends `channel_left` (public) or `group_left` (private) to
 * it, though not always, and `member_left_channel` to the members about whoever left; either
 * stops the digests subscribed there (with `chat:write.public` it could go on posting in a public
 * channel it is no longer in, which is not what removing it means).
 */
export function registerChannelLeft<S extends ServicesLike>(app: App, bot: SlackBot<S>): void {
  const stop = async (channel: unknown): Promise<void> => {
    if (typeof channel !== 'string' || !bot.core.leftChannel) return;
    try {
      await bot.core.leftChannel(bot.services, channel);
    } catch (err) {
      bot.log.warn({ err, channel }, 'slack: could not stop the digests of a channel factbot left');
    }
  };
  for (const name of ['channel_left', 'group_left'] as const) {
    app.event(name, async ({ event }) => stop((event as { channel?: unknown }).channel));
  }
  app.event('member_left_channel', async ({ event }) => {
    const e = event as { user?: unknown; channel?: unknown };
    if (bot.botUserId && e.user === bot.botUserId) await stop(e.channel);
  });
}

/**
 * People and groups tagged next to factbot ("@factbot check this @alice", "@mods @factbot check
 * this") are not words of the request: left in, "check this @U0ALICE" was searched as a quote
 * instead of checking the thread. Broadcasts (`<!here>`) are dropped by slackTextToPlain.
 */
function withoutOtherMentions(text: string): string {
  return text.replace(/<@[UW][A-Z0-9]+(?:\|[^>]*)?>/g, ' ').replace(/<!subteam\^[A-Z0-9]+(?:\|[^>]*)?>/g, ' ');
}

async function answerMention<S extends ServicesLike>(
  bot: SlackBot<S>,
  inv: Invocation,
  text: string,
  mention: Mention,
  where: 'channel' | 'dm' = 'channel',
): Promise<Reply> {
  const route = text ? bot.core.routeMessage(text) : ({ type: 'help' } as const);
  switch (route.type) {
    case 'command':
      if (route.errors?.length) return errorReply(`/${route.command}: ${route.errors[0]}`, 'Try `@factbot help`.');
      return execute(bot, inv, {
        kind: 'run',
        call: { command: route.command, ...(route.subcommand ? { subcommand: route.subcommand } : {}), args: route.args },
      });
    case 'check-thread':
      return checkThread(bot, inv, mention, where);
    case 'thanks':
      return acknowledgementReply();
    case 'help':
    default:
      return execute(bot, inv, { kind: 'run', call: { command: HELP, args: {} } });
  }
}

/**
 * The install cannot read this conversation's messages. The manifest asks for the history scope of
 * every conversation type (channels, private channels, DMs, group DMs), so this is an install made
 * from an older manifest (before `mpim:history` or `im:history`): updating it is the fix, and
 * Find sources works meanwhile (a shortcut's payload carries the message, no scope needed).
 */
function missingHistoryScope(needed: string | undefined): Reply {
  const scope = needed ? `Slack’s \`${needed}\` permission` : 'a Slack permission';
  return errorReply(
    'I cannot read this conversation',
    `Reading this thread needs ${scope}, which this install of factbot was not given. ` +
      'An admin can add it: paste the current manifest (`factbot slack-manifest`) under App Manifest, then reinstall. ' +
      'Meanwhile, use Find sources in the ⋮ menu of the message to check it.',
  );
}

/** "check this" in a thread: the thread's first message, looked up with `sources`. */
async function checkThread<S extends ServicesLike>(
  bot: SlackBot<S>,
  inv: Invocation,
  mention: Mention,
  where: 'channel' | 'dm',
): Promise<Reply> {
  if (!mention.thread_ts || mention.thread_ts === mention.ts) {
    return errorReply(
      'Nothing to check here',
      where === 'dm'
        ? 'Write “check this” in a thread under the message you want checked, or paste its words after “sources for”. For a message elsewhere, use Find sources in its ⋮ menu.'
        : 'Mention me with “check this” inside a thread, and I will look up the claims in its first message.',
    );
  }
  let parent: SlackMessageLike | undefined;
  try {
    const res = await withRetry(
      'conversations.replies',
      () => bot.web.conversations.replies({ channel: mention.channel, ts: mention.thread_ts!, limit: 1, inclusive: true }),
      bot.retry,
    );
    parent = res.messages?.find((m) => m.ts === mention.thread_ts);
  } catch (err) {
    const failure = classifySlackError(err);
    bot.log.warn({ failure, channel: mention.channel }, 'slack: conversations.replies failed');
    if (failure.code === 'missing_scope') return missingHistoryScope(failure.needed);
    return failureReply(failure.code);
  }
  // A deleted first message is a tombstone whose text ("This message was deleted.") is no claim;
  // a news app's post or a shared link has its words in attachments; an image has none.
  const claim = messageClaim(parent, bot.botUserId);
  if ('problem' in claim) {
    const { title, text } = claimProblemText(claim.problem, 'thread');
    return errorReply(title, text);
  }
  return execute(bot, inv, { kind: 'claims', text: claim.text });
}
