import {
  ApplicationCommandOptionType,
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  type RepliableInteraction,
} from 'discord.js';
import type { AutocompleteChoice, CommandArgs, CommandDefinition, CommandOption, Invocation } from '../../domain/command.js';
import { errorReply, type Reply } from '../../domain/reply.js';
import { autocomplete, checkClaims, cutChoice, findCommand, runCommand, stripMarkup, type BotServices } from '../../dispatch/index.js';
import { log } from '../../log.js';
import { EXPIRED_TEXT, messageBody, type AnswerCall } from './answers.js';
import { FIND_SOURCES, PRIVATE_OPTION, SOURCES_COMMAND, discordName } from './application-commands.js';
import { parseCustomId } from './components.js';
import { claimText } from './message-text.js';
import { classifyDiscordError, errorFields } from './errors.js';
import { MAX_AUTOCOMPLETE_CHOICES, MAX_CHOICE_NAME, MAX_CHOICE_VALUE, MAX_CONTENT } from './limits.js';
import { plainText } from './markdown.js';
import type { PageStore } from './page-store.js';

/**
 * Interactions, dispatched by type: slash commands, autocomplete, the Find sources message
 * command, and the Prev / Next / Share buttons. Every path answers Discord (or logs why it could
 * not); nothing thrown here leaves the handler.
 */
export interface InteractionDeps {
  services: BotServices;
  pages: PageStore;
  /** Answers slower than this are deferred (Discord allows 3 s for the first response). */
  deferAfterMs: number;
  autocompleteBudgetMs: number;
}

const TIMEOUT = Symbol('timeout');

function within<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMEOUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMEOUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMEOUT), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function handleInteraction(deps: InteractionDeps, interaction: Interaction): Promise<void> {
  try {
    if (interaction.isAutocomplete()) await onAutocomplete(deps, interaction);
    else if (interaction.isChatInputCommand()) await onChatInput(deps, interaction);
    else if (interaction.isMessageContextMenuCommand()) await onFindSources(deps, interaction);
    else if (interaction.isButton()) await onButton(deps, interaction);
  } catch (err) {
    log.error({ ...errorFields(err), interaction: interaction.id, type: interaction.type }, 'discord interaction failed');
    if (interaction.isRepliable()) await tellUser(interaction, err);
  }
}

/** Last resort: say something rather than leave "The application did not respond". */
async function tellUser(interaction: RepliableInteraction, err: unknown): Promise<void> {
  const f = classifyDiscordError(err);
  if (f.kind === 'unknown-interaction') return;
  const text =
    f.kind === 'missing-permissions' || f.kind === 'missing-access'
      ? `factbot could not post here (${f.message}).`
      : 'Something went wrong answering this. Please try again.';
  try {
    const body = { content: `⚠️ ${text}`, allowedMentions: { parse: [] as [] } };
    if (interaction.replied || interaction.deferred) await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
    else await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
  } catch (again) {
    log.warn({ ...errorFields(again), interaction: interaction.id }, 'could not tell the user about a failure');
  }
}

export function invocationOf(interaction: Interaction, subcommand?: string): Invocation {
  return {
    platform: 'discord',
    userId: interaction.user.id,
    channelId: interaction.channelId ?? interaction.user.id,
    ...(interaction.guildId ? { teamId: interaction.guildId } : {}),
    // In a DM the user is the only other party: they may manage it.
    canManageChannel: interaction.inGuild() ? (interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false) : true,
    // What a digest post needs: to see the channel, write in it, and embed.
    ...(interaction.inGuild() && interaction.appPermissions
      ? { mayPostHere: interaction.appPermissions.has([PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages, PermissionFlagsBits.EmbedLinks]) }
      : {}),
    ...(subcommand ? { subcommand } : {}),
  };
}

function definitionOf(services: BotServices, name: string): CommandDefinition | undefined {
  return services.commands.find((c) => discordName(c.definition.name) === name)?.definition;
}

function declaredOptions(def: CommandDefinition | undefined, subcommand: string | undefined): readonly CommandOption[] {
  if (!def) return [];
  if (subcommand) return def.subcommands?.find((s) => discordName(s.name) === subcommand)?.options ?? [];
  return def.options;
}

/** Discord option names back to the definition's names (they match unless a name needed cleaning). */
function neutralName(options: readonly CommandOption[], discord: string): string {
  return options.find((o) => discordName(o.name) === discord)?.name ?? discord;
}

function readOptions(interaction: ChatInputCommandInteraction | AutocompleteInteraction) {
  const sub = interaction.options.getSubcommand(false) ?? undefined;
  const data: readonly CommandInteractionOption[] = sub
    ? (interaction.options.data.find((o) => o.type === ApplicationCommandOptionType.Subcommand)?.options ?? [])
    : interaction.options.data;
  return { sub, data };
}

async function onChatInput(deps: InteractionDeps, interaction: ChatInputCommandInteraction): Promise<void> {
  const def = definitionOf(deps.services, interaction.commandName);
  const { sub, data } = readOptions(interaction);
  const subName = sub ? (def?.subcommands?.find((s) => discordName(s.name) === sub)?.name ?? sub) : undefined;
  const opts = declaredOptions(def, sub);
  const args: CommandArgs = {};
  let explicitPrivate: boolean | undefined;
  for (const o of data) {
    if (o.name === PRIVATE_OPTION && !opts.some((d) => d.name === PRIVATE_OPTION)) explicitPrivate = Boolean(o.value);
    else if (o.value !== undefined && o.value !== null) args[neutralName(opts, o.name)] = o.value;
  }
  const invocation = invocationOf(interaction, subName);
  const command = def?.name ?? interaction.commandName;
  await answer(deps, interaction, () => runCommand(deps.services, invocation, command, args), {
    command,
    args,
    invocation,
    offset: 0,
    explicitPrivate,
  });
}

async function onFindSources(deps: InteractionDeps, interaction: MessageContextMenuCommandInteraction): Promise<void> {
  if (interaction.commandName !== FIND_SOURCES) return;
  const invocation = invocationOf(interaction);
  const text = claimText(interaction.targetMessage);
  await answer(
    deps,
    interaction,
    () =>
      stripMarkup(text)
        ? checkClaims(deps.services, invocation, text)
        : Promise.resolve(errorReply('Nothing to check', 'That message has no words to look up (only attachments, stickers or a bare link).')),
    { command: SOURCES_COMMAND, args: { claim: stripMarkup(text) }, invocation, offset: 0 },
  );
}

interface AnswerOptions {
  command: string;
  args: CommandArgs;
  invocation: Invocation;
  offset: number;
  explicitPrivate?: boolean;
}

/**
 * Runs `compute` and answers with the result. Fast answers go in the first response; slow ones are
 * deferred first (a "thinking…" state) and edited in when ready.
 */
async function answer(
  deps: InteractionDeps,
  interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
  compute: () => Promise<Reply>,
  o: AnswerOptions,
): Promise<void> {
  const work = compute();
  const early = await within(work, deps.deferAfterMs);
  if (early === TIMEOUT) {
    // Lookups are private unless asked otherwise: the safe guess before the Reply says.
    const ephemeral = o.explicitPrivate ?? true;
    await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    const reply = await work;
    // The guess was wrong: an answer meant for the channel ("Digest subscribed") would stay
    // private to whoever asked. It is posted for everyone, and the private "thinking" says so.
    // (The private note comes first: a follow-up to a reply still "thinking" replaces it, and
    // takes its privacy.)
    if (ephemeral && o.explicitPrivate === undefined && !reply.isError && reply.visibility === 'public') {
      await interaction.editReply({ content: '✅ Posted in the channel.', embeds: [], components: [], allowedMentions: { parse: [] } });
      await interaction.followUp(messageBody(reply, { ...o, ephemeral: false }, deps.pages));
      return;
    }
    const call: AnswerCall = { ...o, ephemeral };
    await interaction.editReply(messageBody(reply, call, deps.pages));
    return;
  }
  const reply = early;
  const ephemeral = reply.isError ? true : (o.explicitPrivate ?? reply.visibility === 'private');
  const body = messageBody(reply, { ...o, ephemeral }, deps.pages);
  await interaction.reply({ ...body, ...(ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}) });
}

async function onButton(deps: InteractionDeps, interaction: ButtonInteraction): Promise<void> {
  const action = parseCustomId(interaction.customId);
  // Only factbot's own messages carry buttons that reach it: an id it cannot read is an old format.
  const state = action ? await deps.pages.fetch(action.key) : undefined;
  if (!action || !state) {
    await interaction.reply({ content: `⏳ ${EXPIRED_TEXT}`, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    return;
  }
  const args = { ...state.args, offset: action.offset };
  const work = runCommand(deps.services, state.invocation, state.command, args);

  if (action.action === 'page') {
    const early = await within(work, deps.deferAfterMs);
    const call: AnswerCall = { command: state.command, args: state.args, invocation: state.invocation, offset: action.offset, ephemeral: state.ephemeral, key: action.key };
    if (early === TIMEOUT) {
      await interaction.deferUpdate();
      await interaction.editReply(messageBody(await work, call, deps.pages));
    } else {
      await interaction.update(messageBody(early, call, deps.pages));
    }
    return;
  }

  // Share: the same page posted for everyone (a public follow-up with its own paging), then the
  // private copy is replaced by a short note. Acknowledged first: the follow-up has 15 minutes.
  await interaction.deferUpdate();
  const body = messageBody(await work, { command: state.command, args: state.args, invocation: state.invocation, offset: action.offset, ephemeral: false }, deps.pages);
  const by = `\n-# Shared by <@${interaction.user.id}>`;
  if (body.content.length + by.length <= MAX_CONTENT) body.content += by;
  await interaction.followUp(body);
  await interaction.editReply({ content: '✅ Shared in the channel.', embeds: [], components: [], allowedMentions: { parse: [] } });
}

async function onAutocomplete(deps: InteractionDeps, interaction: AutocompleteInteraction): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const def = definitionOf(deps.services, interaction.commandName);
  const { sub } = readOptions(interaction);
  const subName = sub ? (def?.subcommands?.find((s) => discordName(s.name) === sub)?.name ?? sub) : undefined;
  const opts = declaredOptions(def, sub);
  const command = def?.name ?? interaction.commandName;
  const found = findCommand(deps.services, command);
  let choices: AutocompleteChoice[] = [];
  if (found) {
    const result = await within(
      autocomplete(deps.services, invocationOf(interaction, subName), command, neutralName(opts, focused.name), String(focused.value ?? '')),
      deps.autocompleteBudgetMs,
    );
    if (result === TIMEOUT) log.warn({ command, option: focused.name }, 'autocomplete too slow: answered with no choices');
    else choices = result;
  }
  const integer = focused.type === ApplicationCommandOptionType.Integer;
  const out: Array<{ name: string; value: string | number }> = [];
  const seen = new Set<string | number>();
  for (const c of choices) {
    const name = plainText(c.name, MAX_CHOICE_NAME).trim();
    const value = integer ? Number(c.value) : cutChoice(c.value, MAX_CHOICE_VALUE);
    if (!name || value === '' || (integer && !Number.isInteger(value)) || seen.has(value)) continue;
    seen.add(value);
    out.push({ name, value });
    if (out.length >= MAX_AUTOCOMPLETE_CHOICES) break;
  }
  await interaction.respond(out);
}
