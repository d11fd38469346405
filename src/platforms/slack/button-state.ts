import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ArgValue } from '../../domain/command.js';
import { MAX_BUTTON_VALUE } from './limits.js';
import { TtlCache } from './ttl-cache.js';

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

const KEY_PREFIX = 'k:';

/** Encodes states into button values; states too large for one are kept for a day under a key. */
export class ButtonStateCodec {
  private readonly overflow = new TtlCache<ButtonState>(24 * 60 * 60 * 1000, 10_000);

  encode(state: ButtonState): string {
    const json = JSON.stringify({
      c: state.command,
      ...(state.subcommand ? { s: state.subcommand } : {}),
      a: state.args,
      e: state.ephemeral,
    });
    if (json.length <= MAX_BUTTON_VALUE) return json;
    const key = randomBytes(12).toString('base64url');
    this.overflow.set(key, state);
    return KEY_PREFIX + key;
  }

  decode(value: string | undefined): ButtonState | null {
    if (!value) return null;
    if (value.startsWith(KEY_PREFIX)) return this.overflow.get(value.slice(KEY_PREFIX.length)) ?? null;
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
