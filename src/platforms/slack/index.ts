import type { SlackConfig } from '../../config.js';
import { checkClaims, runCommand, type BotServices } from '../../dispatch/index.js';
import { parseTextArgs } from '../../intent/parse-args.js';
import { routeMessage } from '../../intent/route.js';
import { storeStates } from '../state-keeper.js';
import { stopDigestsIn } from '../../digest/index.js';
import { startSlackBot, type RunningSlack, type SlackStartOptions } from './bot.js';

export type { RunningSlack, SlackStartOptions } from './bot.js';

/**
 * Slack on Bolt: Socket Mode when `appToken` is set, else HTTP on `config.port` at /slack/events.
 * Returns the poster digests use and a stop function.
 */
export function startSlack(config: SlackConfig, services: BotServices, opts?: SlackStartOptions): Promise<RunningSlack> {
  return startSlackBot(
    config,
    services,
    {
      runCommand,
      parseTextArgs,
      routeMessage: (text) => routeMessage(text, services.commands),
      checkClaims,
      claimShared: (s, key, ttlMs) => s.store.claimEvent(key, ttlMs),
      sharedStates: (s) => storeStates(s.store),
      leftChannel: (s, channelId) => stopDigestsIn(s.store, 'slack', channelId),
    },
    opts,
  );
}
