import type { App } from '@slack/bolt';
import type { ServicesLike, SlackBot } from '../context.js';
import { registerActions } from './actions.js';
import { registerCommands } from './commands.js';
import { registerChannelLeft, registerDedupe, registerDirectMessages, registerEvents } from './events.js';
import { registerShortcuts } from './shortcuts.js';

/** Listeners by kind, as in Slack's Bolt templates; each acknowledges before doing any work. */
export function registerListeners<S extends ServicesLike>(app: App, bot: SlackBot<S>): void {
  registerDedupe(app, bot);
  registerCommands(app, bot);
  registerEvents(app, bot);
  registerDirectMessages(app, bot);
  registerChannelLeft(app, bot);
  registerActions(app, bot);
  registerShortcuts(app, bot);
}
