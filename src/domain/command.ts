import type { Reply } from './reply.js';
import type { Corpus } from '../corpus/types.js';
import type { Store } from '../store/types.js';

/**
 * A command is defined once, platform-neutral: the same definition registers Discord application
 * commands, generates the Slack manifest's slash commands and drives the console.
 */
export type OptionType = 'string' | 'integer' | 'boolean';

/** Which list an option autocompletes from. */
export type AutocompleteSource = 'speaker' | 'quote' | 'outlet' | 'timezone';

export interface CommandOption {
  name: string;
  description: string;
  type: OptionType;
  required?: boolean;
  autocomplete?: AutocompleteSource;
  choices?: ReadonlyArray<{ name: string; value: string }>;
  /**
   * In free-text surfaces (Slack, console, mentions) the words that are not `name:value` pairs go
   * to this option. At most one option per command (or subcommand) is `rest`.
   */
  rest?: boolean;
  maxLength?: number;
}

export interface SubcommandDefinition {
  name: string;
  description: string;
  options: CommandOption[];
}

export interface CommandDefinition {
  name: string;
  description: string;
  /** One-line usage shown in help, e.g. `/quote <query> [speaker:NAME]`. */
  usage: string;
  options: CommandOption[];
  /** Commands with subcommands (`/digest subscribe …`) take the subcommand as the first word. */
  subcommands?: SubcommandDefinition[];
  /** Who may use it by default: `manageChannels` maps to Discord's Manage Channels permission. */
  requires?: 'manageChannels';
}

export type ArgValue = string | number | boolean;
export type CommandArgs = Record<string, ArgValue | undefined>;

export type Platform = 'slack' | 'discord' | 'console';

/** Where a command was invoked from: enough to post back later (digests) and to check rights. */
export interface Invocation {
  platform: Platform;
  userId: string;
  /** Platform channel id; the console uses "console". */
  channelId: string;
  /** Workspace / guild id where there is one. */
  teamId?: string;
  /** True when the platform says the user may manage this channel (Discord permission bits). */
  canManageChannel?: boolean;
  /**
   * False when the platform says factbot may not post messages in this channel (Discord's
   * permissions for the app); absent when the platform does not say. Digests check it.
   */
  mayPostHere?: boolean;
  /**
   * Asked by a command that will post here later (a digest subscription), once its arguments are
   * valid and just before it stores anything: a platform that must ask (Slack: is factbot in the
   * channel? may it join?) answers whether to go on, with a note for the answer. Absent when the
   * platform has nothing to ask.
   */
  preparePosting?: () => Promise<PostingCheck>;
  /** The subcommand chosen, for commands that have them. */
  subcommand?: string;
}

export interface CommandContext {
  corpus: Corpus;
  store: Store;
  invocation: Invocation;
  /** Injected so digests and tests run on a fake clock. */
  now: () => Date;
  /** Default IANA time zone of this server (config). */
  timezone: string;
  /** Slack user ids allowed to change digests; empty = anyone in the channel. */
  digestAdmins?: readonly string[];
}

export interface AutocompleteChoice {
  name: string;
  value: string;
}

export interface Command {
  definition: CommandDefinition;
  run(ctx: CommandContext, args: CommandArgs): Promise<Reply>;
  /** Suggestions for an option being typed; answered within the platform's deadline. */
  autocomplete?(ctx: CommandContext, option: string, partial: string): Promise<AutocompleteChoice[]>;
}

/** A platform's answer to `preparePosting`: go on (with a note to add), or this reply instead. */
export type PostingCheck = { ok: true; note?: string } | { ok: false; reply: Reply };
