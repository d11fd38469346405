import type { AutocompleteChoice, Command, CommandArgs, CommandContext, CommandDefinition } from '../src/domain/command.js';
import type { Reply } from '../src/domain/reply.js';
import { errorReply } from '../src/domain/reply.js';
import type { DigestRun, Subscription } from '../src/store/types.js';
import { composeDigest, correctionWindow, firstDigestFloor, gatherCorrections, gatherDigest, type CorrectionWindow } from '../src/digest/compose.js';
import { announceSubscriptionsChanged } from '../src/digest/events.js';
import {
  DEFAULT_SCHEDULE,
  SCHEDULE_PRESETS,
  formatInZone,
  isTimeZone,
  nextSlot,
  parseSchedule,
  suggestTimeZones,
} from '../src/digest/schedule.js';

/**
 * `/digest subscribe | list | unsubscribe | preview`: scheduled digests of what is new in the
 * corpus, per channel. Subscriptions live in the store; the scheduler (src/digest) posts them.
 */

/** Enough for morning, evening and weekly digests; more would be noise in one channel. */
export const MAX_SUBSCRIPTIONS_PER_CHANNEL = 10;

const definition: CommandDefinition = {
  name: 'digest',
  description: 'Scheduled digests of what is new in the corpus, posted to this channel',
  usage: '/digest subscribe [schedule] [timezone:ZONE] | list | unsubscribe [id] | preview',
  options: [],
  requires: 'manageChannels',
  subcommands: [
    {
      name: 'subscribe',
      description: 'Post a digest here on a schedule',
      options: [
        {
          name: 'schedule',
          description: `${SCHEDULE_PRESETS.join(', ')}, or a cron expression (default ${DEFAULT_SCHEDULE})`,
          type: 'string',
          rest: true,
          maxLength: 100,
        },
        {
          name: 'timezone',
          description: "IANA time zone such as Europe/London (default: the server's)",
          type: 'string',
          autocomplete: 'timezone',
          maxLength: 64,
        },
      ],
    },
    { name: 'list', description: "This channel's digests: schedule, next run, last result", options: [] },
    {
      name: 'unsubscribe',
      description: 'Stop a digest in this channel',
      options: [{ name: 'id', description: 'Which digest (the number in /digest list)', type: 'integer', rest: true }],
    },
    { name: 'preview', description: 'Show only to you what the next digest would contain', options: [] },
  ],
};

function reply(title: string, text: string | undefined, lines: string[], visibility: Reply['visibility']): Reply {
  return { title, text, notices: [], sections: lines.length ? [{ items: [], lines }] : [], visibility };
}

/**
 * Discord: members with Manage Channels (the platform tells us per invocation). Slack: anyone in
 * the channel unless SLACK_DIGEST_ADMINS names who may. The console is the operator's own.
 */
export function mayChangeDigests(ctx: CommandContext): boolean {
  const inv = ctx.invocation;
  switch (inv.platform) {
    case 'discord':
      return inv.canManageChannel === true;
    case 'slack': {
      const admins = ctx.digestAdmins ?? [];
      return admins.length === 0 || admins.includes(inv.userId);
    }
    default:
      return true;
  }
}

function denied(ctx: CommandContext): Reply {
  const why =
    ctx.invocation.platform === 'discord'
      ? 'Only members who can manage this channel can change its digests.'
      : 'Only the digest admins of this workspace (SLACK_DIGEST_ADMINS) can change digests.';
  return errorReply('Not allowed', why);
}

async function channelSubscriptions(ctx: CommandContext): Promise<Subscription[]> {
  const subs = await ctx.store.listSubscriptions({ platform: ctx.invocation.platform, channelId: ctx.invocation.channelId });
  // The filter is the store's job; checking again keeps another channel's digests out of view
  // whatever a store implementation does with it.
  return subs
    .filter((s) => s.platform === ctx.invocation.platform && s.channelId === ctx.invocation.channelId)
    .sort((a, b) => a.id - b.id);
}

/**
 * A zone typed after the schedule in free text (`/digest subscribe daily 09:00 Europe/London`). A
 * word shaped like a zone (Area/City with letters after the slash, which cron steps such as
 * `MON/2` lack) is taken as the zone even when it does not exist, so that a typo is reported as
 * a bad zone rather than as a bad schedule.
 */
function splitTrailingZone(schedule: string): { schedule: string; timezone?: string } {
  const words = schedule.trim().split(/\s+/).filter(Boolean);
  const last = words[words.length - 1];
  if (last && (/^[A-Za-z_]+(\/[A-Za-z][A-Za-z0-9_+-]*)+$/.test(last) || (/^[A-Za-z]/.test(last) && isTimeZone(last)))) {
    return { schedule: words.slice(0, -1).join(' '), timezone: last };
  }
  return { schedule };
}

function safeNext(sub: Subscription, now: Date): Date | null {
  try {
    return nextSlot(sub.cron, sub.timezone, now);
  } catch {
    return null;
  }
}

async function subscribe(ctx: CommandContext, args: CommandArgs): Promise<Reply> {
  if (ctx.invocation.platform === 'console') {
    // Nothing posts to the console: a subscription here would never run.
    return errorReply(
      'Digests post to Slack or Discord',
      'Run /digest subscribe in the channel that should get them, or declare them in DIGEST_SCHEDULES. /digest preview works here.',
    );
  }
  if (!mayChangeDigests(ctx)) return denied(ctx);
  if (ctx.invocation.mayPostHere === false) {
    // Known now, not at the first post: a refused post is seen only in /digest list.
    return errorReply(
      'factbot cannot post in this channel',
      'Give factbot View Channel, Send Messages and Embed Links here, then subscribe again.',
    );
  }
  let scheduleText = typeof args.schedule === 'string' ? args.schedule : '';
  let timezone = typeof args.timezone === 'string' && args.timezone.trim() ? args.timezone.trim() : undefined;
  if (!timezone) {
    const split = splitTrailingZone(scheduleText);
    scheduleText = split.schedule;
    timezone = split.timezone;
  }
  const zone = timezone ?? ctx.timezone;
  const now = ctx.now();
  const parsed = parseSchedule(scheduleText, zone, now);
  if (!parsed.ok) return errorReply('Could not subscribe', parsed.error);
  const existing = await channelSubscriptions(ctx);
  const same = existing.find((s) => s.cron === parsed.value.cron && s.timezone === parsed.value.timezone);
  if (same) {
    return reply('Already subscribed', `This channel already gets this digest (#${same.id}: ${same.schedule}, ${same.timezone}).`, [], 'private');
  }
  if (existing.length >= MAX_SUBSCRIPTIONS_PER_CHANNEL) {
    return errorReply(
      'Too many digests',
      `This channel has ${existing.length} digests already; unsubscribe one first (/digest list shows them).`,
    );
  }
  // Asked last, once nothing can refuse the subscription any more: the platform may join the
  // channel to post there, which a refused schedule must not leave behind.
  const posting = ctx.invocation.preparePosting ? await ctx.invocation.preparePosting() : { ok: true as const };
  if (!posting.ok) return posting.reply;
  const sub = await ctx.store.addSubscription({
    platform: ctx.invocation.platform,
    channelId: ctx.invocation.channelId,
    teamId: ctx.invocation.teamId ?? null,
    cron: parsed.value.cron,
    schedule: parsed.value.schedule,
    timezone: parsed.value.timezone,
    createdBy: ctx.invocation.userId,
  });
  announceSubscriptionsChanged();
  const next = safeNext(sub, now);
  const answer = reply(
    'Digest subscribed',
    `This channel will get a digest of new articles and quotes: ${sub.schedule} (${sub.timezone}).`,
    [`#${sub.id} · next digest ${next ? formatInZone(next, sub.timezone) : 'not scheduled'}`],
    'public',
  );
  const notices = [fixedOffsetNote(sub.timezone), posting.note].filter((n): n is string => Boolean(n));
  return notices.length ? { ...answer, notices } : answer;
}

/**
 * "EST", "MST", "HST": valid zone names that are fixed offsets, not places, so a digest at 09:00
 * "EST" comes at 10:00 in New York all summer. Accepted, with a pointer to the place's zone.
 */
const FIXED_OFFSET_ZONES: Record<string, string> = {
  EST: 'America/New_York',
  MST: 'America/Denver',
  HST: 'Pacific/Honolulu',
};

function fixedOffsetNote(zone: string): string | null {
  const place = FIXED_OFFSET_ZONES[zone.toUpperCase()];
  return place ? `${zone} is a fixed offset: it does not change for daylight saving as local time does. For local time use a place's zone, such as ${place}.` : null;
}

/**
 * What to do about a post the platform refused because factbot may not post here: the raw reason
 * ("not_in_channel", "missing access") does not say it, and nobody sees the failure but in this list.
 */
function accessHint(error: string | null | undefined, platform: string): string {
  if (!error || !/not_in_channel|channel_not_found|is_archived|missing access|missing permissions|cannot see this channel|50001|50013/i.test(error)) return '';
  return platform === 'discord'
    ? ' — give factbot View Channel and Send Messages here, or unsubscribe'
    : ' — invite factbot here with /invite @factbot, or unsubscribe';
}

function describeRun(run: DigestRun | null, timezone: string, platform = 'slack'): string {
  if (!run) return 'no digest yet';
  const when = formatInZone(new Date(run.slot), timezone);
  switch (run.status) {
    case 'posted':
      return `last: posted for ${when}`;
    case 'empty':
      return `last: nothing new for ${when}`;
    case 'failed':
      return `last: FAILED for ${when} after ${run.attempts} ${run.attempts === 1 ? 'attempt' : 'attempts'}: ${run.error ?? 'unknown error'}${accessHint(run.error, platform)}`;
  }
}

async function list(ctx: CommandContext): Promise<Reply> {
  const subs = await channelSubscriptions(ctx);
  if (!subs.length) {
    return reply(
      'No digests in this channel',
      `Subscribe with /digest subscribe [schedule] — presets: ${SCHEDULE_PRESETS.join(', ')}, or a cron expression.`,
      [],
      'private',
    );
  }
  const now = ctx.now();
  const lines: string[] = [];
  for (const sub of subs) {
    const next = safeNext(sub, now);
    const last = await ctx.store.lastDigestRun(sub.id);
    lines.push(
      `#${sub.id} · ${sub.schedule} (${sub.timezone})${sub.fromConfig ? ' · set by the operator' : ''} · ` +
        `next ${next ? formatInZone(next, sub.timezone) : 'never'} · ${describeRun(last, sub.timezone, sub.platform)}`,
    );
  }
  return reply(`Digests in this channel (${subs.length})`, undefined, lines, 'private');
}

async function unsubscribe(ctx: CommandContext, args: CommandArgs): Promise<Reply> {
  if (!mayChangeDigests(ctx)) return denied(ctx);
  const subs = await channelSubscriptions(ctx);
  if (!subs.length) return errorReply('No digests in this channel', 'There is nothing to unsubscribe.');
  const raw = args.id;
  const id = typeof raw === 'number' ? raw : typeof raw === 'string' && /^#?\d+$/.test(raw.trim()) ? Number(raw.trim().replace('#', '')) : undefined;
  let target: Subscription | undefined;
  if (id === undefined) {
    if (raw !== undefined && raw !== '') return errorReply('Which digest?', `“${String(raw).slice(0, 40)}” is not a digest number; see /digest list.`);
    if (subs.length > 1) {
      return errorReply(
        'Which digest?',
        `This channel has ${subs.length} digests: ${subs.map((s) => `#${s.id} (${s.schedule})`).join(', ')}. Say which: /digest unsubscribe ID.`,
      );
    }
    target = subs[0];
  } else {
    target = subs.find((s) => s.id === id);
    if (!target) return errorReply('No such digest here', `This channel has no digest #${id}; see /digest list.`);
  }
  if (!target) return errorReply('No digests in this channel', 'There is nothing to unsubscribe.');
  if (target.fromConfig) {
    return errorReply(
      'Set by the operator',
      `Digest #${target.id} comes from DIGEST_SCHEDULES in the bot's configuration; ask whoever runs the bot to remove it there.`,
    );
  }
  await ctx.store.removeSubscription(target.id);
  announceSubscriptionsChanged();
  return reply('Digest stopped', `This channel will no longer get digest #${target.id} (${target.schedule}, ${target.timezone}).`, [], 'public');
}

/** Without a subscription, a preview shows the last day: what a daily digest would look like. */
const PREVIEW_FALLBACK_MS = 24 * 60 * 60_000;

async function preview(ctx: CommandContext): Promise<Reply> {
  const subs = await channelSubscriptions(ctx);
  const now = ctx.now();
  const upcoming = subs
    .map((s) => ({ sub: s, next: safeNext(s, now) }))
    .filter((x): x is { sub: Subscription; next: Date } => x.next !== null)
    .sort((a, b) => a.next.getTime() - b.next.getTime())[0];
  let since = new Date(now.getTime() - PREVIEW_FALLBACK_MS);
  let timezone = ctx.timezone;
  let full: string;
  let empty: string;
  let window: CorrectionWindow | null = null;
  if (upcoming) {
    const { sub, next } = upcoming;
    timezone = sub.timezone;
    const lastPosted = await ctx.store.lastDigestRun(sub.id, { postedOnly: true });
    const from = lastPosted ? new Date(lastPosted.coveredUntil) : firstDigestFloor(sub);
    if (from && !Number.isNaN(from.getTime())) since = from;
    window = correctionWindow(sub, lastPosted);
    const label = `the next digest (#${sub.id}, ${formatInZone(next, timezone)})`;
    full = `Only you can see this: ${label} would contain this, as of now.`;
    empty = `Nothing new yet: ${label} would not be posted as things stand.`;
  } else {
    full = 'This channel has no digest; this is what one covering the last 24 hours would contain.';
    empty = 'This channel has no digest, and nothing came into the corpus in the last 24 hours.';
  }
  const gathered = await gatherDigest({ corpus: ctx.corpus, store: ctx.store }, since, timezone);
  const corrected = await gatherCorrections(ctx.store, window);
  const composed = composeDigest({ ...gathered.input, ...(corrected.length ? { corrected } : {}) }, { postEmpty: true, titlePrefix: 'Preview — ' });
  const r = composed.reply ?? reply('Preview — factbot digest', undefined, [], 'private');
  return { ...r, notices: [...r.notices, composed.empty ? empty : full], visibility: 'private' };
}

async function run(ctx: CommandContext, args: CommandArgs): Promise<Reply> {
  switch (ctx.invocation.subcommand) {
    case 'subscribe':
      return subscribe(ctx, args);
    case 'list':
      return list(ctx);
    case 'unsubscribe':
      return unsubscribe(ctx, args);
    case 'preview':
      return preview(ctx);
    default:
      return errorReply('Choose a subcommand', 'Use /digest subscribe, list, unsubscribe or preview.');
  }
}

async function autocomplete(_ctx: CommandContext, option: string, partial: string): Promise<AutocompleteChoice[]> {
  if (option !== 'timezone') return [];
  return suggestTimeZones(partial, 25).map((z) => ({ name: z, value: z }));
}

export const digest: Command = { definition, run, autocomplete };
