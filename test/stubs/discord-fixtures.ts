/**
 * Snowflakes and payloads for the fake Discord: one guild with a text channel and a thread started
 * from a message in it, a human user and the bot. Shapes follow the Discord API v10 documentation.
 */
export const APP_ID = '100000000000000001';
export const BOT_ID = APP_ID;
export const GUILD_ID = '200000000000000002';
export const CHANNEL_ID = '300000000000000003';
/** A thread started from a message: its id is the starter message's id in the parent channel. */
export const THREAD_ID = '300000000000000099';
export const USER_ID = '400000000000000004';
export const TOKEN = 'fake-bot-token.for.tests';
/** The role Discord creates for the bot when it joins (typing @factbot can insert this instead). */
export const BOT_ROLE_ID = '200000000000000010';
/** A role with Manage Channels (the @everyone role has it not). */
export const EDITOR_ROLE_ID = '200000000000000011';
/** A member who does not own the server (the owner has every permission). */
export const MEMBER_ID = '400000000000000005';

const iso = '2026-01-01T00:00:00.000Z';

export const botUser = { id: BOT_ID, username: 'factbot', discriminator: '0', global_name: null, avatar: null, bot: true };
export const humanUser = { id: USER_ID, username: 'reporter', discriminator: '0', global_name: 'Reporter', avatar: null };

export function guildPayload() {
  return {
    id: GUILD_ID,
    name: 'Newsroom',
    icon: null,
    owner_id: USER_ID,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      { id: EDITOR_ROLE_ID, name: 'Editors', permissions: '16', position: 2, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
      { id: GUILD_ID, name: '@everyone', permissions: '1071698660929', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
      { id: BOT_ROLE_ID, name: 'factbot', permissions: '274877991936', position: 1, color: 0, hoist: false, managed: true, mentionable: false, flags: 0, tags: { bot_id: BOT_ID } },
    ],
    emojis: [],
    features: [],
    mfa_level: 0,
    system_channel_id: null,
    system_channel_flags: 0,
    premium_tier: 0,
    preferred_locale: 'en-US',
    nsfw_level: 0,
    stickers: [],
    premium_progress_bar_enabled: false,
    joined_at: iso,
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [{ user: botUser, roles: [], joined_at: iso, deaf: false, mute: false, flags: 0 }],
    channels: [{ id: CHANNEL_ID, type: 0, name: 'news', position: 0, permission_overwrites: [], parent_id: null, topic: null, nsfw: false, last_message_id: null, rate_limit_per_user: 0 }],
    threads: [
      {
        id: THREAD_ID,
        type: 11,
        guild_id: GUILD_ID,
        parent_id: CHANNEL_ID,
        name: 'Did he say it?',
        owner_id: USER_ID,
        last_message_id: null,
        rate_limit_per_user: 0,
        message_count: 1,
        member_count: 1,
        thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: iso, locked: false },
      },
    ],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

let seq = 500000000000000000n;
export function snowflake(): string {
  seq += 1n;
  return seq.toString();
}

export interface MessageInit {
  id?: string;
  channel_id?: string;
  content?: string;
  author?: Record<string, unknown>;
  embeds?: unknown[];
  components?: unknown[];
  mentions?: unknown[];
  flags?: number;
  message_reference?: Record<string, unknown>;
  referenced_message?: unknown;
  guild_id?: string;
}

export function messagePayload(m: MessageInit) {
  return {
    id: m.id ?? snowflake(),
    channel_id: m.channel_id ?? CHANNEL_ID,
    ...(m.guild_id ? { guild_id: m.guild_id } : {}),
    author: m.author ?? botUser,
    content: m.content ?? '',
    timestamp: iso,
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: m.mentions ?? [],
    mention_roles: [],
    attachments: [],
    embeds: m.embeds ?? [],
    components: m.components ?? [],
    pinned: false,
    type: m.message_reference ? 19 : 0,
    flags: m.flags ?? 0,
    ...(m.message_reference ? { message_reference: m.message_reference } : {}),
    ...(m.referenced_message ? { referenced_message: m.referenced_message } : {}),
  };
}

const member = (permissions: string) => ({
  user: humanUser,
  roles: [],
  permissions,
  joined_at: iso,
  deaf: false,
  mute: false,
  flags: 0,
  nick: null,
  avatar: null,
  pending: false,
});

/** Everything but Administrator. */
export const MEMBER_PERMISSIONS = '1071698660929';

interface InteractionInit {
  type: number;
  data: Record<string, unknown>;
  channelId?: string;
  message?: unknown;
  permissions?: string;
  /** The app's own permissions in the channel (default: view, send, embed and more). */
  appPermissions?: string;
}

export function interactionPayload(i: InteractionInit) {
  const channelId = i.channelId ?? CHANNEL_ID;
  const id = snowflake();
  return {
    id,
    application_id: APP_ID,
    type: i.type,
    data: i.data,
    guild_id: GUILD_ID,
    channel_id: channelId,
    channel: channelId === THREAD_ID
      ? { id: THREAD_ID, type: 11, guild_id: GUILD_ID, parent_id: CHANNEL_ID, name: 'Did he say it?' }
      : { id: channelId, type: 0, guild_id: GUILD_ID, name: 'news' },
    member: member(i.permissions ?? MEMBER_PERMISSIONS),
    token: `itoken-${id}`,
    version: 1,
    app_permissions: i.appPermissions ?? '1071698660929',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    context: 0,
    attachment_size_limit: 10485760,
    ...(i.message ? { message: i.message } : {}),
  };
}

type Opt = { name: string; type: number; value?: string | number | boolean; focused?: boolean; options?: Opt[] };

export function chatInput(name: string, options: Opt[], extra: Partial<InteractionInit> = {}) {
  return interactionPayload({ type: 2, data: { id: snowflake(), name, type: 1, options }, ...extra });
}

export function autocompleteInteraction(name: string, options: Opt[]) {
  return interactionPayload({ type: 4, data: { id: snowflake(), name, type: 1, options } });
}

export function buttonInteraction(customId: string, message: unknown, channelId = CHANNEL_ID) {
  return interactionPayload({ type: 3, data: { custom_id: customId, component_type: 2 }, message, channelId });
}

export function messageCommand(name: string, target: ReturnType<typeof messagePayload>) {
  return interactionPayload({
    type: 2,
    data: { id: snowflake(), name, type: 3, target_id: target.id, resolved: { messages: { [target.id]: target } } },
  });
}
