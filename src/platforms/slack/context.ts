import type { webApi } from '@slack/bolt';
import type { Command, CommandArgs, CommandDefinition, Invocation } from '../../domain/command.js';
import type { Reply } from '../../domain/reply.js';
import type { Logger } from '../../log.js';
import type { SharedStates } from '../state-keeper.js';
import type { ButtonStateCodec } from './button-state.js';
import type { ResponseUrlPoster } from './response-url.js';
import type { RetryPolicy } from './slack-errors.js';

/** What the adapter needs from the core (src/dispatch, src/intent), injected so tests can fake it. */
export interface ServicesLike {
  readonly commands: readonly Command[];
}

export type SlackRoute =
  | { type: 'command'; command: string; args: CommandArgs; subcommand?: string; errors?: string[] }
  | { type: 'check-thread' }
  | { type: 'help' }
  | { type: 'thanks' };

export interface SlackCore<S extends ServicesLike> {
  runCommand(services: S, invocation: Invocation, name: string, args: CommandArgs): Promise<Reply>;
  parseTextArgs(def: CommandDefinition, text: string): { subcommand?: string; args: CommandArgs; errors: string[] };
  routeMessage(text: string): SlackRoute;
  /** "check this" and the Find sources shortcut: a message's claims looked up as `sources`. */
  checkClaims(services: S, invocation: Invocation, messageText: string): Promise<Reply>;
  /**
   * Claims a key for `ttlMs` among every process sharing the store: false when another already
   * did. Without it, repeated deliveries are recognised within this process only.
   */
  claimShared?(services: S, key: string, ttlMs: number): Promise<boolean>;
  /**
   * Where button states too large for a button value are kept beyond this process. Without it
   * they live in this process's memory only.
   */
  sharedStates?(services: S): SharedStates;
  /** factbot was removed from a channel: stop the digests subscribed there (how many). */
  leftChannel?(services: S, channelId: string): Promise<number>;
}

/** Everything a listener needs, built once at start. */
export interface SlackBot<S extends ServicesLike> {
  services: S;
  core: SlackCore<S>;
  web: webApi.WebClient;
  responses: ResponseUrlPoster;
  codec: ButtonStateCodec;
  /** True for the first delivery of an event id (here or, through the store, in any process). */
  firstDelivery(eventId: string): Promise<boolean>;
  botUserId: string | undefined;
  botId: string | undefined;
  log: Logger;
  retry: RetryPolicy;
  /** Time allowed for an answer before acknowledging empty and answering via response_url. */
  inlineBudgetMs: number;
}
