import type { ArgValue, CommandArgs, CommandDefinition, CommandOption } from '../domain/command.js';

/**
 * Free-text arguments (Slack slash commands, the console, mentions) → typed command arguments.
 *
 * `name:value` pairs whose name is an option of the command (or of the chosen subcommand) set that
 * option; values may be quoted (`speaker:"H.R. McMaster"`). Every other word goes, as written, to
 * the `rest` option — quotes kept, so a search query's "exact phrase" and `outlet:post` filters
 * reach the search parser untouched.
 */
export interface ParsedTextArgs {
  subcommand?: string;
  args: CommandArgs;
  errors: string[];
}

interface Token {
  /** The token as typed (quotes kept). */
  raw: string;
  /** Option name when the token is `name:value`. */
  name?: string;
  /** Value with its surrounding quotes removed. */
  value: string;
}

const OPEN_QUOTES = '"“”„«»';
const CLOSE_FOR: Record<string, string> = { '"': '"', '“': '”', '”': '”', '„': '“', '«': '»', '»': '«' };

/** Splits on whitespace, keeping quoted runs ("…", “…”) together, and notes `name:` prefixes. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && /\s/.test(text[i]!)) i++;
    if (i >= n) break;
    const start = i;
    let name: string | undefined;
    const m = /^([A-Za-z][A-Za-z0-9_-]{0,31}):(?!\/\/)/.exec(text.slice(i, i + 34));
    if (m) {
      name = m[1]!.toLowerCase();
      i += m[0].length;
    }
    let value = '';
    const ch = text[i];
    if (ch !== undefined && OPEN_QUOTES.includes(ch)) {
      const close = CLOSE_FOR[ch] ?? '"';
      const end = findClose(text, i + 1, close, ch);
      if (end >= 0) {
        value = text.slice(i + 1, end);
        i = end + 1;
        // Glue trailing punctuation ("…"? ) to the token as typed.
        while (i < n && !/\s/.test(text[i]!)) i++;
        tokens.push({ raw: text.slice(start, i), name, value });
        continue;
      }
    }
    while (i < n && !/\s/.test(text[i]!)) i++;
    value = text.slice(name ? start + name.length + 1 : start, i);
    tokens.push({ raw: text.slice(start, i), name, value });
  }
  return tokens;
}

function findClose(text: string, from: number, close: string, open: string): number {
  for (let j = from; j < text.length; j++) {
    const c = text[j]!;
    if (c === close || (open === '"' && (c === '”' || c === '"')) || (open === '“' && c === '"')) return j;
  }
  return -1;
}

function coerce(opt: CommandOption, value: string): { value?: ArgValue; error?: string } {
  switch (opt.type) {
    case 'integer': {
      const v = value.trim();
      if (!/^-?\d+$/.test(v)) return { error: `${opt.name} must be a whole number (got "${value}")` };
      return { value: Number(v) };
    }
    case 'boolean': {
      if (/^(1|true|yes|on)$/i.test(value)) return { value: true };
      if (/^(0|false|no|off)$/i.test(value)) return { value: false };
      return { error: `${opt.name} must be true or false (got "${value}")` };
    }
    default:
      if (opt.choices && opt.choices.length) {
        const hit = opt.choices.find(
          (c) => c.value.toLowerCase() === value.toLowerCase() || c.name.toLowerCase() === value.toLowerCase(),
        );
        if (!hit) return { error: `${opt.name} must be one of: ${opt.choices.map((c) => c.value).join(', ')}` };
        return { value: hit.value };
      }
      return { value };
  }
}

export function parseTextArgs(def: CommandDefinition, text: string): ParsedTextArgs {
  const errors: string[] = [];
  let tokens = tokenize(text ?? '');
  let options: readonly CommandOption[] = def.options;
  let subcommand: string | undefined;

  if (def.subcommands && def.subcommands.length) {
    const first = tokens[0];
    const sub = first && !first.name ? def.subcommands.find((s) => s.name === first.value.toLowerCase()) : undefined;
    if (sub) {
      subcommand = sub.name;
      options = sub.options;
      tokens = tokens.slice(1);
    } else if (first) {
      errors.push(
        `unknown subcommand "${first.value}": use one of ${def.subcommands.map((s) => s.name).join(', ')}`,
      );
      return { subcommand, args: {}, errors };
    }
  }

  const byName = new Map(options.map((o) => [o.name.toLowerCase(), o]));
  const restOpt = options.find((o) => o.rest);
  const args: CommandArgs = {};
  const restWords: string[] = [];
  const loose: string[] = [];

  for (const t of tokens) {
    const opt = t.name ? byName.get(t.name) : undefined;
    if (opt && !opt.rest) {
      const c = coerce(opt, t.value);
      if (c.error) errors.push(c.error);
      else args[opt.name] = c.value;
    } else if (opt && opt.rest) {
      // `query:"great intel"` names the rest option explicitly.
      restWords.push(t.value);
    } else {
      loose.push(t.raw);
      restWords.push(t.raw);
    }
  }

  if (restOpt) {
    const rest = restWords.join(' ').trim();
    if (rest) {
      const c = coerce(restOpt, rest);
      if (c.error) errors.push(c.error);
      else args[restOpt.name] = c.value;
    }
  } else if (loose.length) {
    // No free-text option: fill the positional options not yet given, in order.
    const free = options.filter((o) => args[o.name] === undefined);
    const words = [...loose];
    for (const opt of free) {
      if (!words.length) break;
      const isLast = opt === free[free.length - 1];
      const w = isLast ? words.splice(0).join(' ') : words.shift()!;
      const c = coerce(opt, stripQuotes(w));
      if (c.error) errors.push(c.error);
      else args[opt.name] = c.value;
    }
    if (words.length) errors.push(`unexpected words: ${words.join(' ')}`);
  }

  return { subcommand, args, errors };
}

function stripQuotes(s: string): string {
  const m = /^["“”](.*)["“”]$/s.exec(s);
  return m ? m[1]! : s;
}
