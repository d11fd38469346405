import { describe, expect, it } from 'vitest';
import { parseTextArgs, tokenize } from '../src/intent/parse-args.js';
import type { CommandDefinition } from '../src/domain/command.js';
import { commands } from '../commands/index.js';

const def = (name: string): CommandDefinition => commands.find((c) => c.definition.name === name)!.definition;

describe('parseTextArgs', () => {
  it('puts free words into the rest option and name:value pairs into their options', () => {
    expect(parseTextArgs(def('quote'), 'great intel speaker:"H.R. McMaster"')).toEqual({
      args: { query: 'great intel', speaker: 'H.R. McMaster' },
      errors: [],
    });
  });

  it('keeps search syntax in the rest text untouched (phrases, unknown filters, URLs)', () => {
    const r = parseTextArgs(def('quote'), '"great intel" outlet:post kind:quote https://example.com/a');
    expect(r.args).toEqual({ query: '"great intel" outlet:post kind:quote https://example.com/a' });
    expect(r.errors).toEqual([]);
  });

  it('accepts typographic quotes around values', () => {
    expect(parseTextArgs(def('quote'), 'intel speaker:“Ron Dermer”').args).toEqual({
      query: 'intel',
      speaker: 'Ron Dermer',
    });
  });

  it('names the rest option explicitly', () => {
    expect(parseTextArgs(def('whosaid'), 'words:"it didn\'t happen"').args).toEqual({ words: "it didn't happen" });
  });

  it('reads the subcommand as the first word', () => {
    expect(parseTextArgs(def('factbot'), 'help sources')).toEqual({
      subcommand: 'help',
      args: { command: 'sources' },
      errors: [],
    });
    expect(parseTextArgs(def('factbot'), 'frobnicate').errors[0]).toMatch(/unknown subcommand/);
  });

  it('coerces typed options and reports bad values', () => {
    const d: CommandDefinition = {
      name: 't',
      description: 'd',
      usage: 'u',
      options: [
        { name: 'n', description: 'n', type: 'integer' },
        { name: 'b', description: 'b', type: 'boolean' },
        { name: 'c', description: 'c', type: 'string', choices: [{ name: 'Daily', value: 'daily' }] },
      ],
    };
    expect(parseTextArgs(d, 'n:3 b:yes c:DAILY')).toEqual({ args: { n: 3, b: true, c: 'daily' }, errors: [] });
    const bad = parseTextArgs(d, 'n:three b:maybe c:hourly');
    expect(bad.errors).toHaveLength(3);
    // Without a rest option, loose words fill the options not yet given, in order.
    expect(parseTextArgs(d, '7').args).toEqual({ n: 7 });
    expect(parseTextArgs(d, '7 true daily extra').errors).toEqual(['c must be one of: daily']);
  });

  it('handles an unterminated quote and empty text', () => {
    expect(parseTextArgs(def('quote'), '"great intel').args).toEqual({ query: '"great intel' });
    expect(parseTextArgs(def('quote'), '   ')).toEqual({ args: {}, errors: [] });
  });
});

describe('tokenize', () => {
  it('does not treat URLs as name:value', () => {
    expect(tokenize('http://x.y/z')[0]!.name).toBeUndefined();
  });
});
