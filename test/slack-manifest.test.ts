import { afterEach, describe, expect, it, vi } from 'vitest';
import { commands } from '../commands/index.js';
import { runSlackManifest } from '../src/cli/slack-manifest.js';
import { BOT_SCOPES, buildManifest, requestUrl } from '../src/platforms/slack/manifest.js';

const definitions = commands.map((c) => c.definition);

describe('Slack app manifest', () => {
  it('lists every command as a slash command, with its usage hint', () => {
    const m = buildManifest(definitions);
    const slash = m.features.slash_commands.map((c) => c.command);
    for (const d of definitions) expect(slash).toContain(`/${d.name}`);
    expect(slash).toContain('/factbot');
    for (const c of m.features.slash_commands) {
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.command).toMatch(/^\/[a-z0-9_-]{1,31}$/);
    }
    expect(m.features.slash_commands.find((c) => c.command === '/quote')?.usage_hint).toContain('speaker:NAME');
  });

  it('declares the Find sources message shortcut, the app_mention event and exactly the needed scopes', () => {
    const m = buildManifest(definitions);
    expect(m.features.shortcuts).toEqual([expect.objectContaining({ name: 'Find sources', type: 'message', callback_id: 'find_sources' })]);
    expect(m.settings.event_subscriptions.bot_events).toEqual(['app_mention', 'channel_left', 'group_left', 'member_left_channel', 'message.im']);
    expect(m.oauth_config.scopes.bot.sort()).toEqual(
      [
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
      ].sort(),
    );
    expect(m.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
    expect(m.settings.interactivity.is_enabled).toBe(true);
  });

  it('opens the Messages tab for writing, so people can ask factbot in a DM (message.im, im:history)', () => {
    const m = buildManifest(definitions);
    expect(m.features.app_home).toEqual({ home_tab_enabled: false, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    expect(m.settings.event_subscriptions.bot_events).toContain('message.im');
    expect(m.oauth_config.scopes.bot).toContain('im:history');
    // Not every message of every conversation factbot is in: only DMs to it.
    for (const e of ['message.channels', 'message.groups', 'message.mpim']) expect(m.settings.event_subscriptions.bot_events).not.toContain(e);
  });

  it('uses Socket Mode without a URL, and request URLs everywhere with one', () => {
    const socket = buildManifest(definitions);
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socket)).not.toContain('"url"');
    expect(JSON.stringify(socket)).not.toContain('request_url');

    const http = buildManifest(definitions, { url: 'https://bot.example.org/' });
    expect(http.settings.socket_mode_enabled).toBe(false);
    expect(http.settings.event_subscriptions.request_url).toBe('https://bot.example.org/slack/events');
    expect(http.settings.interactivity.request_url).toBe('https://bot.example.org/slack/events');
    for (const c of http.features.slash_commands) expect(c.url).toBe('https://bot.example.org/slack/events');
  });

  it('normalises request URLs and refuses anything but http(s)', () => {
    expect(requestUrl('https://x.example/base/')).toBe('https://x.example/base/slack/events');
    expect(requestUrl('https://x.example/slack/events')).toBe('https://x.example/slack/events');
    expect(() => requestUrl('ftp://x.example')).toThrow(/http/);
    expect(() => requestUrl('nonsense')).toThrow(/http/);
  });
});

describe('factbot slack-manifest', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints the manifest as JSON', async () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    expect(await runSlackManifest({ url: 'https://bot.example.org' })).toBe(0);
    const parsed = JSON.parse(out.join('')) as ReturnType<typeof buildManifest>;
    expect(parsed.features.slash_commands.length).toBe(definitions.length);
    expect(parsed.settings.socket_mode_enabled).toBe(false);
  });

  it('exits 2 with a message on a bad --url', async () => {
    const err: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      err.push(String(chunk));
      return true;
    });
    expect(await runSlackManifest({ url: 'mailto:x@y' })).toBe(2);
    expect(err.join('')).toContain('--url');
  });
});
