import type { CommandDefinition } from '../../domain/command.js';
import { cut } from './escape.js';
import { MAX_COMMAND_DESCRIPTION, MAX_USAGE_HINT } from './limits.js';
import { slashCommandNames } from './listeners/commands.js';
import { UMBRELLA } from './run.js';
import { FIND_SOURCES } from './listeners/shortcuts.js';

/**
 * The Slack app manifest, generated from the command definitions so the app Slack knows about
 * and the listeners we register can never drift apart.
 * https://docs.slack.dev/reference/app-manifest
 */

/**
 * Exactly what the listeners use:
 * - commands: slash commands and the message shortcut;
 * - chat:write: thread answers and digest posts;
 * - chat:write.public: digests in public channels factbot is not in (DIGEST_SCHEDULES, a channel
 *   it was removed from, an install without channels:join);
 * - app_mentions:read: the `app_mention` event;
 * - im:history: the `message.im` event (people asking in factbot's Messages tab; Slack sends no
 *   `app_mention` in a DM) and `conversations.replies` for "check this" in a DM thread;
 * - channels:history, groups:history, mpim:history: `conversations.replies` for "check this" in public
 *   and private channels and in group DMs factbot was added to (a mention there comes as
 *   `app_mention`; no `message.mpim` subscription, which would send every group-DM message);
 * - channels:read, groups:read, im:read, mpim:read: `conversations.info` when `/digest subscribe`
 *   checks that factbot can post in the conversation (Slack wants the read scope of the
 *   conversation's type, and answers missing_scope without it, which would leave the check undone);
 * - channels:join: `conversations.join`, so a public channel's subscription works without an invite.
 */
export const BOT_SCOPES = [
  'app_mentions:read',
  'channels:history',
  'channels:join',
  'channels:read',
  'chat:write',
  'chat:write.public',
  'commands',
  'groups:history',
  'groups:read',
  'im:history',
  'im:read',
  'mpim:history',
  'mpim:read',
] as const;

export const BOT_EVENTS = ['app_mention', 'channel_left', 'group_left', 'member_left_channel', 'message.im'] as const;
export const EVENTS_PATH = '/slack/events';

export interface ManifestOptions {
  /** Public base URL for HTTP mode (`https://factbot.example.org`); Socket Mode when absent. */
  url?: string;
  name?: string;
}

export interface SlashCommandManifest {
  command: string;
  description: string;
  usage_hint?: string;
  should_escape: boolean;
  url?: string;
}

export interface SlackManifest {
  _metadata: { major_version: 1; minor_version: 1 };
  display_information: { name: string; description: string; background_color: string };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    bot_user: { display_name: string; always_online: boolean };
    slash_commands: SlashCommandManifest[];
    shortcuts: Array<{ name: string; type: 'message'; callback_id: string; description: string }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: true; request_url?: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

/** `https://host/base` → `https://host/base/slack/events`; throws on anything but http(s). */
export function requestUrl(base: string): string {
  let parsed: URL;
  try {
    parsed = new URL(base);
  } catch {
    throw new Error(`--url must be an http(s) URL, got “${base}”`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`--url must be an http(s) URL, got “${base}”`);
  const path = parsed.pathname.replace(/\/+$/, '');
  parsed.pathname = path.endsWith(EVENTS_PATH) ? path : `${path}${EVENTS_PATH}`;
  parsed.search = '';
  parsed.hash = '';
  return parsed.href;
}

/** The usage without the leading `/name` (Slack shows the hint after the command). */
function usageHint(def: CommandDefinition): string | undefined {
  const hint = def.usage.replace(new RegExp(`^\\s*/${def.name}\\b\\s*`), '').trim();
  if (hint) return cut(hint, MAX_USAGE_HINT);
  if (def.subcommands?.length) return cut(def.subcommands.map((s) => s.name).join(' | '), MAX_USAGE_HINT);
  return undefined;
}

export function buildManifest(definitions: readonly CommandDefinition[], opts: ManifestOptions = {}): SlackManifest {
  const url = opts.url ? requestUrl(opts.url) : undefined;
  const name = opts.name ?? 'factbot';
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const slash: SlashCommandManifest[] = slashCommandNames(definitions.map((d) => d.name)).map((cmd) => {
    const def = byName.get(cmd);
    const description = def
      ? def.description
      : 'factbot: help, or any command by name';
    // The umbrella also runs every other command: `/factbot quote great intel`.
    const hint = cmd === UMBRELLA ? `${def ? `${usageHint(def) ?? 'help'} | ` : 'help | '}<command> <text>` : def ? usageHint(def) : undefined;
    return {
      command: `/${cmd}`,
      description: cut(description, MAX_COMMAND_DESCRIPTION),
      ...(hint ? { usage_hint: hint } : {}),
      // We want the words as typed; mentions arrive as <@U…> either way and are cleaned on receipt.
      should_escape: false,
      ...(url ? { url } : {}),
    };
  });
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'Verbatim quotes, speakers, outlets and sources from your news corpus.',
      background_color: '#1d3557',
    },
    features: {
      // The Messages tab is where people ask factbot privately (message.im); read-only, Slack
      // would tell them "Sending messages to this app has been turned off".
      app_home: { home_tab_enabled: false, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: name, always_online: true },
      slash_commands: slash,
      shortcuts: [
        {
          name: 'Find sources',
          type: 'message',
          callback_id: FIND_SOURCES,
          description: 'Which articles and outlets report what this message says',
        },
      ],
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { ...(url ? { request_url: url } : {}), bot_events: [...BOT_EVENTS] },
      interactivity: { is_enabled: true, ...(url ? { request_url: url } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: !url,
      token_rotation_enabled: false,
    },
  };
}
