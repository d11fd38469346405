import { z } from 'zod';
import type { ArgValue } from '../../domain/command.js';
import { StateKeeper, type SharedStates } from '../state-keeper.js';
import { MAX_BUTTON_VALUE } from './limits.js';

/**
 * What a Share or More button needs to run its command again. Button values come back from Slack
 * as outside input (anyone can craft a payload with a valid signature only if they hold the secret,
 * but a stale or edited message still can), so they are parsed with a schema, never trusted.
 */
export interface ButtonState {
  command: string;
  subcommand?: string;
  /** The command's arguments, `offset` included for a page other than the first. */
  args: Record<string, ArgValue>;
  /** Whether the message carrying the button is ephemeral (More replaces it in place). */
  ephemeral: boolean;
}

const stateSchema = z.object({
  c: z.string().min(1).max(64),
  s: z.string().max(64).optional(),
  a: z.record(z.union([z.string().max(2000), z.number(), z.boolean()])),
  e: z.boolean(),
});

/** A state kept under a key: a claim checked from a long message may run to Slack's 40,000 characters. */
const keptSchema: z.ZodType<ButtonState> = z.object({
  command: z.string().min(1).max(64),
  subcommand: z.string().max(64).optional(),
  args: z.record(z.union([z.string().max(40_000), z.number(), z.boolean()])),
  ephemeral: z.boolean(),
});

const KEY_PREFIX = 'k:';

/**
 * Encodes states into button values; states too large for one are kept for a day under a key (in
 * memory, and in the store when given one, so the button survives a restart).
 */
export class ButtonStateCodec {
  private readonly overflow: StateKeeper<ButtonState>;

  constructor(shared?: SharedStates) {
    this.overflow = new StateKeeper<ButtonState>({
      prefix: 'slack:button:',
      schema: keptSchema,
      ttlMs: 24 * 60 * 60 * 1000,
      maxEntries: 10_000,
      keyBytes: 12,
      ...(shared ? { shared } : {}),
    });
  }

  encode(state: ButtonState): string {
    const json = JSON.stringify({
      c: state.command,
      ...(state.subcommand ? { s: state.subcommand } : {}),
      a: state.args,
      e: state.ephemeral,
    });
    if (json.length <= MAX_BUTTON_VALUE) return json;
    return KEY_PREFIX + this.overflow.put(state);
  }

  /** Resolves when the kept states have reached the store (tests, shutdown). */
  flush(): Promise<void> {
    return this.overflow.flush();
  }

  async decode(value: string | undefined): Promise<ButtonState | null> {
    if (!value) return null;
    if (value.startsWith(KEY_PREFIX)) return (await this.overflow.fetch(value.slice(KEY_PREFIX.length))) ?? null;
    let raw: unknown;
    try {
      raw = JSON.parse(value);
    } catch {
      return null;
    }
    const parsed = stateSchema.safeParse(raw);
    if (!parsed.success) return null;
    const s = parsed.data;
    return { command: s.c, subcommand: s.s, args: s.a, ephemeral: s.e };
  }
}
