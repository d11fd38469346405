import type { CommandArgs, CommandDefinition, Invocation } from '../../domain/command.js';
import { errorReply, type Reply } from '../../domain/reply.js';
import type { ServicesLike, SlackBot } from './context.js';
import { slackPostingCheck, type ConversationHint } from './post-access.js';

/**
 * Turning what a Slack user typed into a command call, and running it. The Slack-specific part
 * is the umbrella: `/factbot quote great intel` is `/quote great intel`, `/factbot help` is help.
 */

export const UMBRELLA = 'factbot';
export const HELP = 'help';

export interface CommandCall {
  command: string;
  subcommand?: string;
  args: CommandArgs;
}

export type Prepared =
  | { kind: 'run'; call: CommandCall }
  | { kind: 'claims'; text: string }
  | { kind: 'reply'; reply: Reply };

export function definitionOf(bot: SlackBot<ServicesLike>, name: string): CommandDefinition | undefined {
  return bot.services.commands.find((c) => c.definition.name === name)?.definition;
}

function parsed(bot: SlackBot<ServicesLike>, def: CommandDefinition, text: string): Prepared {
  const p = bot.core.parseTextArgs(def, text);
  if (p.errors.length) {
    const reply = errorReply(`/${def.name}: ${p.errors[0]}`, `Usage: ${def.usage}`);
    reply.notices = p.errors.slice(1);
    return { kind: 'reply', reply };
  }
  return { kind: 'run', call: { command: def.name, ...(p.subcommand ? { subcommand: p.subcommand } : {}), args: p.args } };
}

/** Help, through the core (`help` is an alias the dispatcher knows). */
export function helpCall(notice?: string): Prepared {
  void notice;
  return { kind: 'run', call: { command: HELP, args: {} } };
}

/** `/name text` as typed (name without the slash) → the command call, or a reply to show instead. */
export function prepareSlash<S extends ServicesLike>(bot: SlackBot<S>, slashName: string, text: string): Prepared {
  const name = slashName.replace(/^\//, '').toLowerCase();
  const rest = text.trim();
  if (name === UMBRELLA) {
    const [first = '', ...others] = rest.split(/\s+/);
    const sub = first.replace(/^\//, '').toLowerCase();
    if (sub === '' || sub === HELP) {
      const umbrella = definitionOf(bot, UMBRELLA);
      return umbrella ? parsed(bot, umbrella, rest || HELP) : helpCall();
    }
    const target = sub !== UMBRELLA ? definitionOf(bot, sub) : undefined;
    if (target) return parsed(bot, target, others.join(' '));
    const umbrella = definitionOf(bot, UMBRELLA);
    if (umbrella?.subcommands?.some((s) => s.name === sub)) return parsed(bot, umbrella, rest);
    return {
      kind: 'reply',
      reply: errorReply(
        `There is no “${first.slice(0, 40)}” command`,
        `Try /factbot help, or one of: ${bot.services.commands.map((c) => `/${c.definition.name}`).join(', ')}.`,
      ),
    };
  }
  const def = definitionOf(bot, name);
  if (!def) return { kind: 'reply', reply: errorReply('Unknown command', `/${name} is not a factbot command.`) };
  return parsed(bot, def, rest);
}

/**
 * Runs a prepared call; never throws (the core's runCommand does not, and we guard anyway).
 * `where` is what the slash command payload says of the conversation, for a digest subscription's
 * check that factbot can post there.
 */
export async function execute<S extends ServicesLike>(
  bot: SlackBot<S>,
  invocation: Invocation,
  prepared: Prepared,
  where: ConversationHint = {},
): Promise<Reply> {
  if (prepared.kind === 'reply') return prepared.reply;
  try {
    if (prepared.kind === 'claims') return await bot.core.checkClaims(bot.services, invocation, prepared.text);
    const { call } = prepared;
    const inv: Invocation = { ...invocation, ...(call.subcommand ? { subcommand: call.subcommand } : {}) };
    const run = (i: Invocation) => bot.core.runCommand(bot.services, i, call.command, call.args);
    // The core asks only when it is about to store something to post here, after its own checks
    // (who may subscribe, the schedule).
    return await run(inv.channelId ? { ...inv, preparePosting: slackPostingCheck(bot.web, bot.log, inv.channelId, where) } : inv);
  } catch (err) {
    bot.log.error({ err }, 'slack: command failed');
    return errorReply('Something went wrong', 'That lookup failed on my side. Please try again.');
  }
}

/** What Share runs again for an answer: the call itself, or `sources` on the checked text. */
export function originOf(prepared: Prepared): CommandCall | undefined {
  if (prepared.kind === 'run') return prepared.call;
  if (prepared.kind === 'claims') return { command: 'sources', args: { claim: prepared.text } };
  return undefined;
}
