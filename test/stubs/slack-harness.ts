import type { BotServices } from '../../src/dispatch/index.js';
import type { RunningSlack, SlackStartOptions } from '../../src/platforms/slack/bot.js';
import { startSlack } from '../../src/platforms/slack/index.js';
import { BOT_TOKEN, SIGNING_SECRET, SlackStub } from './slack-api.js';

/** The real Bolt app in HTTP mode on a loopback port, calling a started SlackStub for the Web API. */
export interface SlackHarness {
  stub: SlackStub;
  slack: RunningSlack;
  /** The app's one URL for slash commands, events and interactivity. */
  events: string;
}

/**
 * Starts the stub, then factbot's Slack app against it (HTTP mode, `127.0.0.1`, any free port).
 * The set-up most Slack test files share; `opts` and `digestAdmins` are what they vary.
 */
export async function startSlackHarness(services: BotServices, opts: SlackStartOptions = {}, digestAdmins: string[] = []): Promise<SlackHarness> {
  const stub = await new SlackStub().start();
  try {
    const slack = await startSlack(
      { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: stub.apiUrl, port: 0, digestAdmins },
      services,
      { host: '127.0.0.1', ...opts },
    );
    return { stub, slack, events: `http://127.0.0.1:${slack.port}/slack/events` };
  } catch (err) {
    await stub.stop();
    throw err;
  }
}
