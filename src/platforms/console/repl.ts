import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Invocation } from '../../domain/command.js';
import type { Paging, Reply } from '../../domain/reply.js';
import { acknowledgementReply, emptyReply } from '../../domain/reply.js';
import { type BotServices, runCommand, runPage } from '../../dispatch/index.js';
import { routeMessage } from '../../intent/route.js';
import { renderReply } from './render.js';

/**
 * The interactive console: one line in, one rendered answer out. Slash commands, plain questions
 * (routed like chat mentions) and `more` for the next page of the last answer. Ends cleanly at
 * the end of input, so `echo "/quote great intel" | npm start` prints one answer and exits.
 */
export interface ConsoleOptions {
  input?: Readable;
  output?: Writable;
  /** Prompt and colours; default: when the output is a terminal. */
  interactive?: boolean;
  width?: number;
  /** Ends the session (SIGINT/SIGTERM): the line being answered finishes, then it returns. */
  signal?: AbortSignal;
}

const INVOCATION: Invocation = { platform: 'console', userId: 'console', channelId: 'console' };

export async function runRepl(services: BotServices, opts: ConsoleOptions = {}): Promise<void> {
  const input = opts.input ?? process.stdin;
  const output = opts.output ?? process.stdout;
  const interactive = opts.interactive ?? Boolean((output as { isTTY?: boolean }).isTTY);
  const width = opts.width ?? (interactive ? Math.min(((output as { columns?: number }).columns ?? 100) - 1, 120) : 0);
  const rl = createInterface({ input, terminal: interactive, ...(interactive ? { output } : {}) });
  // Ctrl-C on a terminal reaches readline, not the process: end the session cleanly.
  rl.on('SIGINT', () => rl.close());
  // Closing readline ends the loop below; destroying the input stream would not.
  if (opts.signal?.aborted) rl.close();
  opts.signal?.addEventListener('abort', () => rl.close(), { once: true });
  const print = (text: string) => output.write(`${text}\n`);
  let last: Paging | undefined;

  if (interactive) {
    print('factbot console — try /quote great intel, /whosaid it didn\'t happen, or ask a question. "help", "more", "quit".');
    rl.setPrompt('factbot> ');
    rl.prompt();
  }
  for await (const raw of rl) {
    const line = raw.trim();
    if (!line) {
      if (interactive) rl.prompt();
      continue;
    }
    if (/^\/?(quit|exit|bye)$/i.test(line)) break;
    let reply: Reply;
    let firstNumber = 1;
    if (/^\/?(more|next|m)$/i.test(line)) {
      if (last) {
        // Page 2 continues the numbering: items 6–10, not 1–5.
        firstNumber = last.offset + 1;
        reply = await runPage(services, INVOCATION, last);
      } else reply = emptyReply('Nothing more', 'There is no earlier answer with more results.');
    } else {
      reply = await answer(services, line);
    }
    // A failed line keeps the earlier answer's pages; any other answer replaces them.
    if (reply.paging) last = reply.paging;
    else if (!reply.isError) last = undefined;
    print(renderReply(reply, { color: interactive, width, firstNumber }));
    print('');
    if (interactive) rl.prompt();
  }
  rl.close();
}

/** One console line → Reply, through the same routing as chat mentions. */
export async function answer(services: BotServices, line: string): Promise<Reply> {
  const route = routeMessage(line, services.commands);
  switch (route.type) {
    case 'help':
      return runCommand(services, INVOCATION, 'help', {});
    case 'thanks':
      return acknowledgementReply();
    case 'check-thread':
      return emptyReply(
        'No thread here',
        'In chat, "check this" looks up the thread\'s first message. In the console, paste the claim: /sources <claim>.',
      );
    case 'command': {
      const reply = await runCommand(
        services,
        { ...INVOCATION, ...(route.subcommand ? { subcommand: route.subcommand } : {}) },
        route.command,
        route.args,
      );
      return route.errors?.length ? { ...reply, notices: [...route.errors, ...reply.notices] } : reply;
    }
  }
}
