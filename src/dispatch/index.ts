import type {
  AutocompleteChoice,
  Command,
  CommandArgs,
  CommandContext,
  CommandOption,
  Invocation,
} from '../domain/command.js';
import type { Paging, Reply, ReplySection } from '../domain/reply.js';
import { contentWords } from '../corpus/coverage.js';
import { STANCE_HEADINGS } from '../corpus/claim-stance.js';
import { errorReply } from '../domain/reply.js';
import type { Corpus } from '../corpus/types.js';
import type { Store } from '../store/types.js';
import { log } from '../log.js';
import { commandHelp, prepareQuery } from './kit.js';

/**
 * The one way a platform runs a command. Everything a command needs is in BotServices; platforms
 * never call command files directly, so validation, logging and error handling live here once.
 */
export interface BotServices {
  commands: readonly Command[];
  corpus: Corpus;
  store: Store;
  now(): Date;
  timezone: string;
  /** Slack user ids allowed to change digests; empty = anyone in the channel. */
  digestAdmins: readonly string[];
}

/** Discord allows 25 choices of at most 100 characters; Slack has no autocomplete. */
export const MAX_CHOICES = 25;
export const MAX_CHOICE_CHARS = 100;

/** Names that reach another command: `help` is the console's and mentions' word for `/factbot help`. */
const ALIASES: Record<string, { name: string; subcommand?: string }> = {
  help: { name: 'factbot', subcommand: 'help' },
};

export function findCommand(services: Pick<BotServices, 'commands'>, name: string): { command: Command; subcommand?: string } | undefined {
  const key = name.trim().replace(/^\//, '').toLowerCase();
  const direct = services.commands.find((c) => c.definition.name === key);
  if (direct) return { command: direct };
  const alias = ALIASES[key];
  if (!alias) return undefined;
  const command = services.commands.find((c) => c.definition.name === alias.name);
  return command ? { command, subcommand: alias.subcommand } : undefined;
}

export function contextFor(services: BotServices, invocation: Invocation): CommandContext {
  return {
    corpus: services.corpus,
    store: services.store,
    invocation,
    now: () => services.now(),
    timezone: services.timezone,
    digestAdmins: services.digestAdmins,
  };
}

function optionsOf(command: Command, subcommand: string | undefined): readonly CommandOption[] {
  const def = command.definition;
  if (subcommand && def.subcommands) return def.subcommands.find((s) => s.name === subcommand)?.options ?? [];
  return def.options;
}

/**
 * Arguments arrive from platforms as strings, numbers or booleans; coerce them to the declared
 * types and drop what the command does not declare (except `offset`, which paging sends).
 */
function normaliseArgs(options: readonly CommandOption[], args: CommandArgs): { args: CommandArgs; errors: string[] } {
  const out: CommandArgs = {};
  const errors: string[] = [];
  for (const opt of options) {
    const v = args[opt.name];
    if (v === undefined || v === null || v === '') continue;
    if (opt.type === 'integer') {
      const n = typeof v === 'number' ? v : Number(String(v).trim());
      if (!Number.isInteger(n)) errors.push(`${opt.name} must be a whole number`);
      else out[opt.name] = n;
    } else if (opt.type === 'boolean') {
      if (typeof v === 'boolean') out[opt.name] = v;
      else if (/^(1|true|yes|on)$/i.test(String(v))) out[opt.name] = true;
      else if (/^(0|false|no|off)$/i.test(String(v))) out[opt.name] = false;
      else errors.push(`${opt.name} must be true or false`);
    } else {
      out[opt.name] = String(v);
    }
  }
  if (args.offset !== undefined) {
    const n = Number(args.offset);
    if (Number.isInteger(n) && n >= 0) out.offset = n;
  }
  return { args: out, errors };
}

/**
 * Runs a command and always returns a Reply: an unknown command, bad arguments or a failure inside
 * the command become an error Reply (and a log line), never an exception for the platform to catch.
 */
export async function runCommand(
  services: BotServices,
  invocation: Invocation,
  name: string,
  args: CommandArgs,
): Promise<Reply> {
  const started = Date.now();
  const found = findCommand(services, name);
  if (!found) {
    const names = services.commands.map((c) => `/${c.definition.name}`).join(', ');
    return errorReply(`Unknown command “${name.slice(0, 40)}”`, `Commands: ${names}.`);
  }
  const { command } = found;
  const def = command.definition;
  let subcommand = invocation.subcommand ?? found.subcommand;
  if (def.subcommands?.length && !subcommand) {
    // `/factbot` alone means help; other commands must name their subcommand.
    if (def.name === 'factbot') subcommand = 'help';
    else {
      return {
        ...commandHelp(def, `Choose one of: ${def.subcommands.map((s) => s.name).join(', ')}.`),
        sections: [{ items: [], lines: def.subcommands.map((s) => `/${def.name} ${s.name} — ${s.description}`) }],
      };
    }
  }
  if (subcommand && def.subcommands && !def.subcommands.some((s) => s.name === subcommand)) {
    return errorReply(
      `/${def.name} has no “${subcommand.slice(0, 40)}”`,
      `Choose one of: ${def.subcommands.map((s) => s.name).join(', ')}.`,
    );
  }
  const { args: clean, errors } = normaliseArgs(optionsOf(command, subcommand), args ?? {});
  if (errors.length) return commandHelp(def, errors.join('; '));

  const ctx = contextFor(services, { ...invocation, ...(subcommand ? { subcommand } : {}) });
  try {
    const reply = await command.run(ctx, clean);
    log.debug(
      { command: def.name, subcommand, platform: invocation.platform, ms: Date.now() - started },
      'command answered',
    );
    return reply;
  } catch (err) {
    log.error(
      { err, command: def.name, subcommand, platform: invocation.platform, channel: invocation.channelId },
      'command failed',
    );
    return errorReply('Something went wrong', `factbot could not answer /${def.name} just now. Please try again.`);
  }
}

/** The next page of an earlier answer (platforms keep `Paging` in a button or in memory). */
export function runPage(services: BotServices, invocation: Invocation, paging: Paging): Promise<Reply> {
  return runCommand(services, invocation, paging.command, { ...paging.args, offset: paging.offset });
}

/**
 * "check this" and the message shortcut: the claims in a message, looked up as `/sources`. Long
 * messages are cut by the command (with a notice).
 */
export function checkClaims(services: BotServices, invocation: Invocation, messageText: string): Promise<Reply> {
  const text = stripMarkup(messageText);
  if (!text) {
    return Promise.resolve(
      errorReply('Nothing to check', 'That message has no text to look up. Reply in a thread under the message you want checked.'),
    );
  }
  const claims = splitClaims(text);
  if (claims.length <= 1) return runCommand(services, invocation, 'sources', { claim: text });
  return checkEachClaim(services, invocation, claims);
}

/** At most this many claims of one message are looked up (the longest ones). */
export const MAX_CLAIMS = 3;
/** Items shown per claim when a message has several. */
const ITEMS_PER_CLAIM = 3;

/**
 * A message often makes several claims ("Trump told the Russians about a laptop bomb plot.
 * Israel was the source."): each sentence with enough words is a claim of its own, since one
 * statement rarely reports all of them.
 */
export function splitClaims(text: string): string[] {
  const sentences = text
    .split(/(?<=[.!?;])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => contentWords(s).length >= 2);
  if (sentences.length <= 1) return sentences.length ? [text] : [];
  const longest = [...sentences].sort((a, b) => contentWords(b).length - contentWords(a).length).slice(0, MAX_CLAIMS);
  return sentences.filter((s) => longest.includes(s));
}

async function checkEachClaim(services: BotServices, invocation: Invocation, claims: string[]): Promise<Reply> {
  const replies = await Promise.all(claims.map((claim) => runCommand(services, invocation, 'sources', { claim })));
  const sections: ReplySection[] = [];
  let found = 0;
  replies.forEach((r, i) => {
    const all = r.sections.flatMap((s) => s.items);
    // /sources puts statements that deny the claim, only mention it or give another figure under
    // their own headings: they do not make it "reported", and are shown only when nothing asserts it.
    const reporting = r.sections.filter((s) => !s.heading || s.heading === STANCE_HEADINGS.asserts).flatMap((s) => s.items);
    const items = (reporting.length ? reporting : all).slice(0, ITEMS_PER_CLAIM);
    // Cut at a word, never inside an emoji (half of one is invalid text a platform may refuse).
    const heading = `“${cutChoice(claims[i]!, 120, '…')}”`;
    const more = `: /sources ${claims[i]}`;
    if (reporting.length) {
      found++;
      const rest = (r.paging ? r.paging.total : all.length) - items.length;
      sections.push({
        heading,
        items,
        articles: items.map((it) => it.article),
        ...(rest > 0 ? { lines: [`…and ${rest} more${more}`.slice(0, 300)] } : {}),
      });
    } else if (items.length) {
      sections.push({
        heading,
        items,
        articles: items.map((it) => it.article),
        lines: [`No article in the corpus reports this; these dispute it, only mention it or give another figure${more}`.slice(0, 300)],
      });
    } else {
      sections.push({ heading, items: [], lines: ['No article in the corpus reports this.'] });
    }
  });
  return {
    title: `Sources for ${claims.length} claims in the message`,
    text: `${found} of ${claims.length} claims are reported in the corpus.`,
    notices: [...new Set(replies.flatMap((r) => r.notices))],
    sections,
    visibility: 'private',
  };
}

/** Chat markup that is not part of a claim: links, mentions, emoji codes, formatting marks. */
export function stripMarkup(text: string): string {
  return prepareQuery(
    (text ?? '')
      .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2')
      .replace(/<[@#!][^>]*>/g, ' ')
      .replace(/<(https?:[^>]+)>/g, ' ')
      .replace(/https?:\/\/\S+/g, ' ')
      .replace(/:[a-z0-9_+-]+:/gi, ' ')
      .replace(/[*_~`>]+/g, ' '),
  ).text;
}

function timeZones(): string[] {
  try {
    return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
}

/**
 * The first `max` UTF-16 units of a choice, ending at a word boundary when one is near (a quote
 * picked from the list is searched as its value: "as reported is fal" is a worse query than "as
 * reported is"), never between the halves of a surrogate pair (an emoji cut in two is invalid
 * text, which a platform may refuse with the whole list).
 */
export function cutChoice(text: string, max: number, ellipsis = ''): string {
  if (text.length <= max) return text;
  let end = max - ellipsis.length;
  const space = text.lastIndexOf(' ', end);
  if (space > end * 0.7) end = space;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end).trimEnd() + ellipsis;
}

function fit(choices: AutocompleteChoice[]): AutocompleteChoice[] {
  const seen = new Set<string>();
  const out: AutocompleteChoice[] = [];
  for (const c of choices) {
    const name = cutChoice(c.name, MAX_CHOICE_CHARS, '…');
    const value = cutChoice(c.value, MAX_CHOICE_CHARS);
    if (!name.trim() || !value.trim() || seen.has(value)) continue;
    seen.add(value);
    out.push({ name, value });
    if (out.length >= MAX_CHOICES) break;
  }
  return out;
}

/**
 * Suggestions for the option being typed. Never throws (an autocomplete that fails shows nothing);
 * at most 25 choices of at most 100 characters.
 */
export async function autocomplete(
  services: BotServices,
  invocation: Invocation,
  name: string,
  option: string,
  partial: string,
): Promise<AutocompleteChoice[]> {
  try {
    const found = findCommand(services, name);
    if (!found) return [];
    const { command } = found;
    const subcommand = invocation.subcommand ?? found.subcommand;
    const ctx = contextFor(services, invocation);
    const text = prepareQuery(partial ?? '').text.slice(0, 100);
    if (command.autocomplete) {
      const own = await command.autocomplete(ctx, option, text);
      if (own.length) return fit(own);
    }
    const opt = optionsOf(command, subcommand).find((o) => o.name === option);
    switch (opt?.autocomplete) {
      case 'speaker': {
        const names = await services.corpus.suggestSpeakers(text, MAX_CHOICES);
        return fit(names.map((n) => ({ name: n, value: n })));
      }
      case 'quote': {
        if (text.length < 2) return [];
        const quotes = await services.corpus.suggestQuotes(text, MAX_CHOICES);
        return fit(quotes.map((q) => ({ name: q.quote, value: q.quote })));
      }
      case 'timezone': {
        const lower = text.toLowerCase();
        return fit(
          timeZones()
            .filter((z) => z.toLowerCase().includes(lower))
            .map((z) => ({ name: z, value: z })),
        );
      }
      default:
        return [];
    }
  } catch (err) {
    log.warn({ err, command: name, option }, 'autocomplete failed');
    return [];
  }
}
