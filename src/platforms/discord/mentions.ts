import { ApplicationFlags, ChannelType, PermissionFlagsBits, type Client, type Message } from 'discord.js';
import type { Invocation } from '../../domain/command.js';
import { acknowledgementReply, errorReply, type Reply } from '../../domain/reply.js';
import { checkClaims, runCommand, stripMarkup, type BotServices } from '../../dispatch/index.js';
import { routeMessage, stripMentions } from '../../intent/route.js';
import { log } from '../../log.js';
import { messageBody, type AnswerCall } from './answers.js';
import { claimText } from './message-text.js';
import { SOURCES_COMMAND } from './application-commands.js';
import { classifyDiscordError, errorFields } from './errors.js';
import type { PageStore } from './page-store.js';

/**
 * Messages that mention the bot (and direct messages). Without the privileged Message Content
 * intent these are the only messages whose text Discord sends us, which is all factbot needs.
 * In a thread the answer goes to the thread; in a channel it replies to the message.
 */
export interface MentionDeps {
  services: BotServices;
  pages: PageStore;
  /** How long an answer may take before the typing indicator shows (tests shorten it). */
  typingAfterMs?: number;
}

const TYPING_AFTER_MS = 1000;

const UNREADABLE =
  'factbot may not read messages that do not mention it: its Message Content intent is off (a setting of the bot in Discord’s developer portal). Right-click the message → Apps → Find sources instead.';
const NO_WORDS = 'That message has no words to look up. Right-click a message → Apps → Find sources to check one elsewhere.';

/**
 * Whether Discord lets factbot read the text of any message over the REST API: the Message Content
 * toggle in the developer portal (or its approval, past 100 servers), as the application's flags in
 * READY say. factbot never asks for the intent on the gateway (it needs no one's text there), so a
 * missing toggle can never close the connection with 4014.
 */
function mayReadContent(client: Client): boolean {
  const flags = client.application?.flags;
  return flags?.any(ApplicationFlags.GatewayMessageContent | ApplicationFlags.GatewayMessageContentLimited) ?? false;
}
const NO_TARGET =
  'Ask in a thread started from the message (or reply to the message) with “@factbot check this”, or right-click the message → Apps → Find sources.';

/**
 * Typing "@factbot" can insert the bot's user mention or, where the bot has a managed role of the
 * same name, that role's mention: both count, and both are removed before routing.
 */
function addressedText(message: Message, me: string): string | null {
  const role = message.guild?.roles.botRoleFor(me) ?? null;
  // Only a mention written in the message: a reply to factbot's answer lists factbot among the
  // mentions when the reply pings (the default), and "thanks!" was then searched as a quote.
  const byUser = message.content.includes(`<@${me}>`) || message.content.includes(`<@!${me}>`);
  const byRole = role !== null && (message.mentions.roles.has(role.id) || message.content.includes(`<@&${role.id}>`));
  if (!byUser && !byRole) return null;
  return role ? message.content.split(`<@&${role.id}>`).join(' ') : message.content;
}

/** Manage Channels here, from the member's roles and the channel's overwrites (threads: the parent's). */
function canManage(message: Message): boolean {
  try {
    return message.member?.permissionsIn(message.channelId).has(PermissionFlagsBits.ManageChannels) ?? false;
  } catch {
    return false;
  }
}

/**
 * Roles and broadcasts tagged next to factbot ("@mods @factbot check this", "@factbot check this
 * @here") are not words of the request: left in, they made "check this" a quote search. Other
 * users' mentions are removed by stripMentions.
 */
function withoutOtherMentions(text: string): string {
  return text.replace(/<@&\d+>/g, ' ').replace(/(^|\s)@(everyone|here)\b/gi, ' ');
}

export async function handleMessage(deps: MentionDeps, client: Client, message: Message): Promise<void> {
  const me = client.user?.id;
  if (!me || message.author.bot || message.author.id === me || message.webhookId || message.system) return;
  const isDM = message.channel.type === ChannelType.DM;
  const text = addressedText(message, me) ?? (isDM ? message.content : null);
  if (text === null) return;

  const invocation: Invocation = {
    platform: 'discord',
    userId: message.author.id,
    channelId: message.channelId,
    ...(message.guildId ? { teamId: message.guildId } : {}),
    canManageChannel: isDM || canManage(message),
  };

  // A mention has no "thinking…" of its own: when the answer takes a while, Discord's typing
  // indicator says factbot is on it (it lasts about 10 s, and is dropped when the answer arrives).
  const typing = setTimeout(() => {
    if (message.channel.isSendable()) message.channel.sendTyping().catch(() => undefined);
  }, deps.typingAfterMs ?? TYPING_AFTER_MS);
  let reply: Reply;
  let call: AnswerCall;
  try {
    const route = routeMessage(stripMentions(withoutOtherMentions(text)), deps.services.commands);
    if (route.type === 'check-thread') {
      const target = await checkTarget(message);
      if ('problem' in target) {
        reply = errorReply(target.problem.title, target.problem.text);
        call = { command: SOURCES_COMMAND, args: {}, invocation, offset: 0, ephemeral: false };
      } else {
        reply = await checkClaims(deps.services, invocation, target.text);
        call = { command: SOURCES_COMMAND, args: { claim: stripMarkup(target.text) }, invocation, offset: 0, ephemeral: false };
      }
    } else if (route.type === 'help') {
      reply = await runCommand(deps.services, invocation, 'help', {});
      call = { command: 'help', args: {}, invocation, offset: 0, ephemeral: false };
    } else if (route.type === 'thanks') {
      reply = acknowledgementReply();
      call = { command: 'help', args: {}, invocation, offset: 0, ephemeral: false };
    } else {
      const inv = route.subcommand ? { ...invocation, subcommand: route.subcommand } : invocation;
      reply = await runCommand(deps.services, inv, route.command, route.args);
      if (route.errors?.length) reply = { ...reply, notices: [...reply.notices, ...route.errors] };
      call = { command: route.command, args: route.args, invocation: inv, offset: 0, ephemeral: false };
    }
  } catch (err) {
    log.error({ err, channel: message.channelId }, 'discord mention failed');
    reply = errorReply('Something went wrong', 'factbot could not answer just now. Please try again.');
    call = { command: 'help', args: {}, invocation, offset: 0, ephemeral: false };
  }

  clearTimeout(typing);
  const body = messageBody(reply, call, deps.pages);
  try {
    if (message.channel.isThread() || isDM) {
      if (!message.channel.isSendable()) return;
      await message.channel.send(body);
    } else {
      await message.reply({ ...body, failIfNotExists: false });
    }
  } catch (err) {
    const f = classifyDiscordError(err);
    log.warn({ ...errorFields(err), channel: message.channelId, guild: message.guildId }, `could not answer a mention: ${f.message}`);
  }
}

type Target = { text: string } | { problem: { title: string; text: string } };

/**
 * The message replied to, from the REST API: discord.js caches it from the reply's own payload and
 * from the gateway, where (factbot not asking for the Message Content intent there) its text is
 * empty even when the portal lets factbot read it over REST.
 */
async function fetchReplied(message: Message): Promise<Message | null> {
  const { channelId, messageId } = message.reference ?? {};
  if (!messageId) return null;
  const channel = !channelId || channelId === message.channelId ? message.channel : await message.client.channels.fetch(channelId);
  if (!channel?.isTextBased()) return null;
  return channel.messages.fetch({ message: messageId, force: true });
}

/** The message "check this" is about: the one replied to, else the thread's starter message. */
async function checkTarget(message: Message): Promise<Target> {
  try {
    let target: Message | null = null;
    if (message.reference?.messageId) target = await fetchReplied(message);
    else if (message.channel.isThread()) target = await message.channel.fetchStarterMessage({ force: true });
    else return { problem: { title: 'Check what?', text: NO_TARGET } };
    if (!target) return { problem: { title: 'Check what?', text: NO_TARGET } };
    const text = claimText(target);
    if (!stripMarkup(text)) {
      // With the Message Content intent Discord shows the files of a message: then it is an image,
      // not a message hidden from factbot.
      if (target.attachments.size > 0 || target.stickers.size > 0) {
        return { problem: { title: 'Nothing to check', text: 'That message has only images, files or stickers; factbot can check words only.' } };
      }
      // Without the portal's Message Content toggle Discord sends an empty text: say why. With it,
      // the message really has no words (a poll, a voice message, an app's components).
      if (mayReadContent(message.client)) return { problem: { title: 'Nothing to check', text: NO_WORDS } };
      return { problem: { title: 'Cannot read that message', text: UNREADABLE } };
    }
    return { text };
  } catch (err) {
    const f = classifyDiscordError(err);
    log.info({ ...errorFields(err), channel: message.channelId }, 'check this: no starter message');
    if (f.kind === 'unknown-message') {
      return { problem: { title: 'No message to check', text: `This thread was not started from a message, or it was deleted. ${NO_TARGET}` } };
    }
    if (f.kind === 'missing-access' || f.kind === 'missing-permissions') {
      return { problem: { title: 'Cannot read that message', text: 'factbot needs Read Message History in the parent channel.' } };
    }
    throw err;
  }
}
