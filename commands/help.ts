import type { Command, CommandArgs, CommandContext, CommandDefinition } from '../src/domain/command.js';
import type { Reply } from '../src/domain/reply.js';
import { commandHelp } from '../src/dispatch/kit.js';

/**
 * `/factbot help [command]`. The command is named `factbot` (with a `help` subcommand) rather than
 * `help` because Slack and Discord commands share one namespace per workspace/server, and a bare
 * `/help` belongs to the platform. The dispatcher also answers the name `help` (console, mentions).
 */
export const definition: CommandDefinition = {
  name: 'factbot',
  description: 'What factbot can do, and how to ask',
  usage: '/factbot help [command]',
  options: [],
  subcommands: [
    {
      name: 'help',
      description: 'List the commands, or explain one',
      options: [{ name: 'command', description: 'A command name, e.g. quote', type: 'string', rest: true }],
    },
  ],
};

export const EXAMPLES: readonly string[] = [
  '/quote great intel',
  '/whosaid it didn\'t happen',
  '/sources Israel was the source',
  '/speaker McMaster meeting',
  '@factbot who said it didn\'t happen?',
  '@factbot what did McMaster say about the meeting',
  '@factbot which outlets report that Israel was the source?',
  '@factbot check this   (in a thread: checks the thread\'s first message)',
];

export function helpReply(list: readonly Command[]): Reply {
  const lines = list
    .filter((c) => c.definition.name !== 'factbot')
    .map((c) => `${c.definition.usage} — ${c.definition.description}`);
  lines.push(`${definition.usage} — ${definition.description}`);
  return {
    title: 'factbot — verbatim quotes, speakers and sources from the news corpus',
    text:
      'Every answer quotes the article word for word, says who spoke, the outlet, the article, and in how many articles the same quote appears. Typos are fine.',
    notices: [],
    sections: [
      { heading: 'Commands', items: [], lines },
      { heading: 'Examples', items: [], lines: [...EXAMPLES] },
      {
        heading: 'Search syntax',
        items: [],
        lines: [
          '"exact phrase" — these words exactly, in this order',
          'speaker:NAME  outlet:NAME  kind:quote — narrow the results',
          'more — (console) the next page of the last answer',
        ],
      },
    ],
    visibility: 'private',
  };
}

export function createHelpCommand(list: () => readonly Command[]): Command {
  return {
    definition,
    async run(_ctx: CommandContext, args: CommandArgs): Promise<Reply> {
      const wanted = typeof args.command === 'string' ? args.command.trim().replace(/^\//, '').toLowerCase() : '';
      if (wanted && wanted !== 'help') {
        const cmd = list().find((c) => c.definition.name === wanted);
        if (cmd) return commandHelp(cmd.definition);
        const reply = helpReply(list());
        return { ...reply, title: `Unknown command /${wanted} — try help`, isError: true };
      }
      return helpReply(list());
    },
  };
}
