import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDefinition, CommandOption } from '../../domain/command.js';
import {
  MAX_CHOICE_NAME,
  MAX_CHOICE_VALUE,
  MAX_COMMAND_DESCRIPTION,
  MAX_COMMAND_NAME,
  MAX_COMMAND_OPTIONS,
  MAX_OPTION_CHOICES,
  MAX_OPTION_DESCRIPTION,
  MAX_STRING_OPTION_LENGTH,
} from './limits.js';
import { plainText } from './markdown.js';

/**
 * The application commands Discord registers, generated from the platform-neutral definitions in
 * `commands/`: typed options, subcommands, autocomplete flags, default permissions; plus the
 * Discord-only `private` option and the **Find sources** message command.
 */

/** Name of the boolean option added to every command: true answers only to the asker. */
export const PRIVATE_OPTION = 'private';
export const FIND_SOURCES = 'Find sources';
/** The command a message command and "check this" run on a message's text. */
export const SOURCES_COMMAND = 'sources';

const TYPE: Record<CommandOption['type'], ApplicationCommandOptionType.String | ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Boolean> = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  boolean: ApplicationCommandOptionType.Boolean,
};

const desc = (s: string, max: number) => plainText(s.trim() || '—', max);

/** Discord names: lowercase, 1–32 of letters, digits, - and _. */
export function discordName(name: string): string {
  const n = name
    .toLowerCase()
    .replace(/[^-_\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_COMMAND_NAME);
  if (!n) throw new Error(`cannot make a Discord command name from "${name}"`);
  return n;
}

function option(o: CommandOption): APIApplicationCommandBasicOption {
  const base = {
    name: discordName(o.name),
    description: desc(o.description, MAX_OPTION_DESCRIPTION),
    required: o.required ?? false,
  };
  if (o.type === 'boolean') return { ...base, type: ApplicationCommandOptionType.Boolean };
  // Discord refuses autocomplete together with fixed choices; choices win (they are exhaustive).
  const choices = o.choices?.slice(0, MAX_OPTION_CHOICES);
  if (o.type === 'integer') {
    return {
      ...base,
      type: ApplicationCommandOptionType.Integer,
      ...(choices?.length
        ? { choices: choices.map((c) => ({ name: plainText(c.name, MAX_CHOICE_NAME), value: Number(c.value) })) }
        : { autocomplete: o.autocomplete !== undefined }),
    } as APIApplicationCommandBasicOption;
  }
  return {
    ...base,
    type: TYPE.string,
    ...(o.maxLength ? { max_length: Math.min(o.maxLength, MAX_STRING_OPTION_LENGTH) } : {}),
    ...(choices?.length
      ? {
          choices: choices.map((c) => ({
            name: plainText(c.name, MAX_CHOICE_NAME),
            value: c.value.slice(0, MAX_CHOICE_VALUE),
          })),
        }
      : { autocomplete: o.autocomplete !== undefined }),
  } as APIApplicationCommandBasicOption;
}

function options(opts: readonly CommandOption[], withPrivate: boolean): APIApplicationCommandBasicOption[] {
  // Discord requires required options before optional ones.
  const sorted = [...opts.filter((o) => o.required), ...opts.filter((o) => !o.required)].map(option);
  if (withPrivate && !opts.some((o) => o.name === PRIVATE_OPTION)) {
    sorted.push({
      type: ApplicationCommandOptionType.Boolean,
      name: PRIVATE_OPTION,
      description: 'Only you see the answer (you can still share it)',
      required: false,
    });
  }
  if (sorted.length > MAX_COMMAND_OPTIONS) throw new Error(`too many options (${sorted.length})`);
  return sorted;
}

export function chatInputCommand(def: CommandDefinition): RESTPostAPIChatInputApplicationCommandsJSONBody {
  let opts: APIApplicationCommandOption[];
  if (def.subcommands?.length) {
    opts = def.subcommands.map(
      (s): APIApplicationCommandSubcommandOption => ({
        type: ApplicationCommandOptionType.Subcommand,
        name: discordName(s.name),
        description: desc(s.description, MAX_OPTION_DESCRIPTION),
        options: options(s.options, true),
      }),
    );
  } else {
    opts = options(def.options, true);
  }
  const body: RESTPostAPIChatInputApplicationCommandsJSONBody = {
    type: ApplicationCommandType.ChatInput,
    name: discordName(def.name),
    description: desc(def.description, MAX_COMMAND_DESCRIPTION),
    options: opts,
  };
  if (def.requires === 'manageChannels') {
    body.default_member_permissions = PermissionFlagsBits.ManageChannels.toString();
    // Channel permissions mean nothing in DMs.
    body.contexts = [InteractionContextType.Guild];
  } else {
    body.contexts = [InteractionContextType.Guild, InteractionContextType.BotDM];
  }
  return body;
}

export function applicationCommands(defs: readonly CommandDefinition[]): RESTPostAPIApplicationCommandsJSONBody[] {
  const out: RESTPostAPIApplicationCommandsJSONBody[] = defs.map(chatInputCommand);
  if (defs.some((d) => d.name === SOURCES_COMMAND)) {
    out.push({
      type: ApplicationCommandType.Message,
      name: FIND_SOURCES,
      contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    });
  }
  const names = new Set<string>();
  for (const c of out) {
    const k = `${c.type}:${c.name}`;
    if (names.has(k)) throw new Error(`duplicate application command ${c.name}`);
    names.add(k);
  }
  return out;
}

/** The platform-neutral option a free text (a message's content) goes to. */
export function freeTextOption(def: CommandDefinition, subcommand?: string): CommandOption | undefined {
  const opts = subcommand ? def.subcommands?.find((s) => s.name === subcommand)?.options ?? [] : def.options;
  return opts.find((o) => o.rest) ?? opts.find((o) => o.type === 'string' && o.required) ?? opts.find((o) => o.type === 'string');
}
