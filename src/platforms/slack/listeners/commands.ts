import type { App } from '@slack/bolt';
import type { Reply } from '../../../domain/reply.js';
import type { ServicesLike, SlackBot } from '../context.js';
import { commandResponse, invocation, postToResponseUrl } from '../deliver.js';
import { slackTextToPlain } from '../escape.js';
import { ACK_DEADLINE_MS } from '../limits.js';
import { execute, HELP, originOf, prepareSlash, UMBRELLA } from '../run.js';

/**
 * Slash commands: one per command definition (except `help`, which lives under `/factbot help`
 * because Slack reserves generic names), plus the `/factbot` umbrella. The answer goes in the
 * acknowledgement when it is ready within the budget, else a short private note acknowledges it
 * and the answer follows through response_url.
 */
export function slashCommandNames(commandNames: readonly string[]): string[] {
  const names = commandNames.filter((n) => n !== HELP && n !== UMBRELLA);
  return [UMBRELLA, ...names];
}

export function registerCommands<S extends ServicesLike>(app: App, bot: SlackBot<S>): void {
  const names = slashCommandNames(bot.services.commands.map((c) => c.definition.name));
  for (const name of names) {
    app.command(`/${name}`, async ({ command, ack }) => {
      // Slack's 3 s run from the request, not from when the answer starts: time spent on the
      // replay check comes out of the answer's budget.
      const started = Date.now();
      // Slack never retries a slash command, and each invocation has its own trigger_id: the same
      // one again is a replayed request (its signature stays valid for five minutes), not a user.
      if (command.trigger_id && !(await bot.firstDelivery(`command:${command.trigger_id}`))) {
        await ack();
        return;
      }
      const text = slackTextToPlain(command.text ?? '', bot.botUserId);
      const prepared = prepareSlash(bot, name, text);
      const inv = invocation(command.user_id, command.channel_id, command.team_id);
      const origin = originOf(prepared);
      const work = execute(bot, inv, prepared, command.channel_name ? { channelName: command.channel_name } : {});

      const quick = await withinBudget(work, Math.max(0, bot.inlineBudgetMs - (Date.now() - started)));
      // The budget's timer cannot fire while the process is busy (a large ingest runs on the same
      // thread): an answer that comes back after Slack's deadline would go into an acknowledgement
      // Slack no longer waits for, and be lost. It goes through response_url instead.
      if (quick && Date.now() - started < LATE_ACK_MS) {
        await ack(commandResponse(bot, quick, origin));
        return;
      }
      // Not ready in time: a private "working on it" now, so the command does not seem ignored,
      // then the answer in its place (a public answer is posted, and the note removed).
      if (quick) {
        bot.log.warn({ command: name, ms: Date.now() - started }, 'slack: answer ready after the acknowledgement deadline; sending it through response_url');
      }
      await ack({ response_type: 'ephemeral', text: WORKING_TEXT }).catch((err: unknown) =>
        bot.log.warn({ err: (err as Error).message }, 'slack: late acknowledgement refused'),
      );
      const response = commandResponse(bot, quick ?? (await work), origin);
      if (response.response_type === 'ephemeral') {
        await postToResponseUrl(bot, command.response_url, { ...response, replace_original: true });
        return;
      }
      const posted = await postToResponseUrl(bot, command.response_url, { ...response, replace_original: false });
      if (posted) await postToResponseUrl(bot, command.response_url, { delete_original: true });
    });
  }
}

export const WORKING_TEXT = '⏳ Looking that up…';

/** Past this, Slack has (nearly) stopped waiting for the acknowledgement (ACK_DEADLINE_MS, 3 s). */
const LATE_ACK_MS = ACK_DEADLINE_MS - 250;

/** The reply if it is ready within `ms`, else null (the work goes on). */
async function withinBudget(work: Promise<Reply>, ms: number): Promise<Reply | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
