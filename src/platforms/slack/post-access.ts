import type { webApi } from '@slack/bolt';
import type { PostingCheck } from '../../domain/command.js';
import { errorReply, type Reply } from '../../domain/reply.js';
import type { Logger } from '../../log.js';
import { classifySlackError } from './slack-errors.js';

/**
 * Whether factbot can post in a conversation, asked of Slack before a digest subscription is
 * stored. Discord's interactions carry the app's permissions; a Slack slash command does not, and
 * without asking, the first refused post would surface only in `/digest list`, a day later.
 *
 * - public channel: a member posts; a non-member joins (channels:join) so the digest just works;
 * - private channel: Slack hides one the bot is not in (`channel_not_found`), and a bot cannot
 *   join one, so someone has to invite it;
 * - DM: a bot token sees only its own DMs (im:read), so one it can see is its DM with the user and
 *   it can post there; a DM between people is invisible, and nobody can add a bot to it;
 * - group DM: the bot posts only if it is already in it (a group DM takes no new members).
 *
 * When the check itself fails (a scope the install lacks, the network, a rate limit), nobody is
 * refused: the subscription is made with a note, as before the check existed.
 */

type Refusal = 'not_invited' | 'join_failed' | 'archived' | 'direct_message' | 'group_dm';

type PostAccess =
  | { kind: 'member' }
  | { kind: 'joined' }
  | { kind: 'refused'; why: Refusal; code?: string }
  | { kind: 'unchecked'; step: 'info' | 'join'; code: string };

/** What the slash command payload says of the conversation, besides its id. */
export interface ConversationHint {
  /** `channel_name`: `directmessage` for a DM, `mpdm-…` for a group DM. */
  channelName?: string;
}

/** conversations.info errors that mean the bot cannot see the conversation at all. */
const NOT_VISIBLE = new Set(['channel_not_found', 'channel_is_limited_access']);

/**
 * conversations.join errors that are about the channel, not about our call: inviting the bot is
 * then the way in. Others (missing_scope on an install made before channels:join, rate limits,
 * network) leave the question open.
 */
const JOIN_REFUSED = new Set([
  'channel_not_found',
  'channel_is_limited_access',
  'method_not_supported_for_channel_type',
  'too_many_members',
  'restricted_action',
]);

/** A conversation the bot cannot see: which kind it is decides what the user can do about it. */
function unseen(channelId: string, hint: ConversationHint): Refusal {
  if (channelId.startsWith('D') || hint.channelName === 'directmessage') return 'direct_message';
  if (hint.channelName?.startsWith('mpdm-')) return 'group_dm';
  return 'not_invited';
}

async function checkPostAccess(web: webApi.WebClient, channelId: string, hint: ConversationHint = {}): Promise<PostAccess> {
  let channel: webApi.ConversationsInfoResponse['channel'];
  try {
    channel = (await web.conversations.info({ channel: channelId })).channel;
  } catch (err) {
    const { code } = classifySlackError(err);
    if (NOT_VISIBLE.has(code)) return { kind: 'refused', why: unseen(channelId, hint), code };
    return { kind: 'unchecked', step: 'info', code };
  }
  if (!channel) return { kind: 'unchecked', step: 'info', code: 'no_channel_in_answer' };
  if (channel.is_archived) return { kind: 'refused', why: 'archived' };
  // Slack gives no is_member for DMs; a bot sees only the DMs it is part of.
  if (channel.is_im) return { kind: 'member' };
  if (channel.is_member === true) return { kind: 'member' };
  if (channel.is_member !== false) return { kind: 'unchecked', step: 'info', code: 'no_membership_in_answer' };
  if (channel.is_mpim) return { kind: 'refused', why: 'group_dm' };
  if (channel.is_private) return { kind: 'refused', why: 'not_invited' };
  try {
    await web.conversations.join({ channel: channelId });
    return { kind: 'joined' };
  } catch (err) {
    const { code } = classifySlackError(err);
    if (code === 'is_archived') return { kind: 'refused', why: 'archived', code };
    if (JOIN_REFUSED.has(code)) return { kind: 'refused', why: 'join_failed', code };
    return { kind: 'unchecked', step: 'join', code };
  }
}

const INVITE = 'invite @factbot with /invite @factbot, then run the command again';

function refusalReply(why: Refusal, code?: string): Reply {
  switch (why) {
    case 'not_invited':
      return errorReply('factbot is not in this channel', `It cannot post digests here until it is a member: ${INVITE}.`);
    case 'join_failed':
      return errorReply('factbot could not join this channel', `Slack refused (${code ?? 'unknown_error'}). To get digests here, ${INVITE}.`);
    case 'archived':
      return errorReply('This channel is archived', 'factbot cannot post digests in an archived channel.');
    case 'direct_message':
      return errorReply(
        'factbot cannot post in this conversation',
        'No bot can be added to a direct message between people. Run /digest subscribe in a channel; in a private one, invite @factbot with /invite @factbot first.',
      );
    case 'group_dm':
      return errorReply(
        'factbot is not in this group DM',
        'A group DM cannot take factbot in. Run /digest subscribe in a channel; in a private one, invite @factbot with /invite @factbot first.',
      );
  }
}

function uncheckedNote(step: 'info' | 'join', code: string): string {
  const what = step === 'join' ? 'join this channel' : 'check that I can post in this channel';
  return `I could not ${what} (Slack said ${code}), so this digest is subscribed unchecked. If it does not arrive, invite @factbot with /invite @factbot; /digest list shows failed posts.`;
}

/**
 * The Slack side of `Invocation.preparePosting`: asks Slack whether factbot can post here, once
 * the core has accepted the subscription's arguments (so a mistyped schedule never makes factbot
 * join a channel). Refused with what to do when it cannot; on with a note when it joined or when
 * Slack could not say.
 */
export function slackPostingCheck(web: webApi.WebClient, log: Logger, channelId: string, hint: ConversationHint): () => Promise<PostingCheck> {
  return async () => {
    const access = await checkPostAccess(web, channelId, hint);
    switch (access.kind) {
      case 'refused':
        log.info({ channelId, why: access.why, code: access.code }, 'slack: digest subscription refused: factbot cannot post in the channel');
        return { ok: false, reply: refusalReply(access.why, access.code) };
      case 'member':
        return { ok: true };
      case 'joined':
        log.info({ channelId }, 'slack: joined the channel to post digests there');
        return { ok: true, note: 'factbot joined this channel to post the digests here.' };
      case 'unchecked':
        log.warn({ channelId, step: access.step, code: access.code }, 'slack: could not check that factbot can post in the channel; subscribing anyway');
        return { ok: true, note: uncheckedNote(access.step, access.code) };
    }
  };
}
