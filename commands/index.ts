import type { Command } from '../src/domain/command.js';
import { quote } from './quote.js';
import { whosaid } from './whosaid.js';
import { sources } from './sources.js';
import { speaker } from './speaker.js';
import { digest } from './digest.js';
import { createHelpCommand } from './help.js';

/**
 * Every command, in the order help lists them. Platforms register exactly these (Discord
 * application commands, the Slack manifest, the console).
 */
export const commands: readonly Command[] = Object.freeze([
  quote,
  whosaid,
  sources,
  speaker,
  digest,
  createHelpCommand(() => commands),
]);
