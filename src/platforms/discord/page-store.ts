import { z } from 'zod';
import type { CommandArgs, Invocation } from '../../domain/command.js';
import { StateKeeper, type SharedStates } from '../state-keeper.js';

/**
 * Button custom ids are at most 100 characters, too small for a command and its arguments, so the
 * paging state is kept under a short random key (in memory, and in the store when given one, so
 * Prev/Next/Share survive a restart). After expiry a button finds nothing and the user is told to
 * run the command again.
 */
export interface PageState {
  command: string;
  args: CommandArgs;
  invocation: Invocation;
  pageSize: number;
  /** Answer visible only to the asker (then a Share button is offered). */
  ephemeral: boolean;
}

// As Slack's kept states: a claim from a long message is an argument too.
const argValue = z.union([z.string().max(40_000), z.number(), z.boolean()]);

const pageStateSchema: z.ZodType<PageState> = z.object({
  command: z.string().min(1).max(64),
  args: z.record(argValue),
  invocation: z.object({
    platform: z.enum(['slack', 'discord', 'console']),
    userId: z.string().max(64),
    channelId: z.string().max(64),
    teamId: z.string().max(64).optional(),
    canManageChannel: z.boolean().optional(),
    mayPostHere: z.boolean().optional(),
    subcommand: z.string().max(64).optional(),
  }),
  pageSize: z.number().int().min(1).max(100),
  ephemeral: z.boolean(),
});

/** A day: long enough for a morning's answers to page in the afternoon. */
export const PAGE_STATE_TTL_MS = 24 * 60 * 60 * 1000;

export interface PageStoreOptions {
  maxEntries?: number;
  ttlMs?: number;
  now?: () => number;
  shared?: SharedStates;
}

export class PageStore extends StateKeeper<PageState> {
  constructor(opts: PageStoreOptions = {}) {
    super({
      prefix: 'discord:page:',
      schema: pageStateSchema,
      ttlMs: opts.ttlMs ?? PAGE_STATE_TTL_MS,
      maxEntries: opts.maxEntries ?? 2000,
      ...(opts.now ? { now: opts.now } : {}),
      ...(opts.shared ? { shared: opts.shared } : {}),
    });
  }
}
