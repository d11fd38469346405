import { Cron } from 'croner';

/**
 * Digest schedules: the presets users type (`daily 09:00`, `weekdays 08:30`, `weekly mon 09:00`)
 * or a cron expression (5 fields, or 6 with seconds first), validated and evaluated by croner in
 * an IANA time zone. croner does the calendar and daylight-saving arithmetic; this module only
 * translates presets and finds slots.
 */

export interface ParsedSchedule {
  /** Croner pattern, 5 or 6 fields (or a croner nickname such as `@daily`). */
  cron: string;
  /** What to show users: the normalised preset, or the cron expression. */
  schedule: string;
  timezone: string;
}

export type ScheduleParse = { ok: true; value: ParsedSchedule } | { ok: false; error: string };

/**
 * Digests closer together than this would flood a channel (and a typo such as `* * * * * *` would
 * post every second), so schedules must keep at least this much time between slots.
 */
export const MIN_INTERVAL_MS = 10 * 60_000;

export const DEFAULT_SCHEDULE = 'daily 09:00';

export const SCHEDULE_PRESETS: readonly string[] = ['daily 09:00', 'weekdays 08:30', 'weekly mon 09:00'];

const DAYS: Record<string, number> = {
  sun: 0, sunday: 0, mon: 1, monday: 1, tue: 2, tues: 2, tuesday: 2, wed: 3, wednesday: 3,
  thu: 4, thur: 4, thurs: 4, thursday: 4, fri: 5, friday: 5, sat: 6, saturday: 6,
};
const DAY_SHORT = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const NICKNAMES = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

export function isTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Every IANA zone this runtime knows, plus `UTC` (which Node lists only as `Etc/UTC`). */
export function allTimeZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

/** Time zones matching what the user typed: prefix matches of the zone or its city first. */
export function suggestTimeZones(partial: string, limit = 25): string[] {
  const q = partial.trim().toLowerCase().replace(/\s+/g, '_');
  const zones = allTimeZones();
  if (!q) return zones.slice(0, limit);
  const scored: Array<[number, string]> = [];
  for (const z of zones) {
    const l = z.toLowerCase();
    const city = l.slice(l.lastIndexOf('/') + 1);
    const rank = l.startsWith(q) ? 0 : city.startsWith(q) ? 1 : l.includes(q) ? 2 : -1;
    if (rank >= 0) scored.push([rank, z]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
  return scored.slice(0, limit).map(([, z]) => z);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The zone a typo most likely meant (`Europe/Lndon` → Europe/London), or null when none is close. */
export function closestTimeZone(tz: string): string | null {
  const q = tz.trim().toLowerCase();
  if (!q || q.length > 64) return null;
  // A couple of slips, more in long names: Mars/Base is far from every zone.
  const allowed = Math.max(2, Math.floor(q.length / 6));
  let best: string | null = null;
  let bestDistance = allowed + 1;
  for (const zone of allTimeZones()) {
    if (Math.abs(zone.length - q.length) > allowed) continue;
    const d = editDistance(q, zone.toLowerCase());
    if (d < bestDistance) {
      best = zone;
      bestDistance = d;
    }
  }
  return best;
}

/** What to tell someone who typed a zone that does not exist. */
export function timeZoneError(tz: string): string {
  const shown = tz.length > 64 ? `${tz.slice(0, 63)}…` : tz;
  const guess = closestTimeZone(tz);
  return guess
    ? `“${shown}” is not an IANA time zone (did you mean ${guess}?)`
    : `“${shown}” is not an IANA time zone (for example Europe/London or America/New_York).`;
}

function parseTime(s: string | undefined): { h: number; m: number } | null {
  if (s === undefined) return { h: 9, m: 0 };
  const match = /^([01]?\d|2[0-3])(?::|h|\.)?([0-5]\d)?$/.exec(s);
  if (match) return { h: Number(match[1]), m: match[2] ? Number(match[2]) : 0 };
  // "9am", "5:30pm": what people type, read as the 24-hour time it means.
  const twelve = /^(1[0-2]|0?[1-9])(?::([0-5]\d))?(am|pm)$/.exec(s);
  if (!twelve) return null;
  const h = Number(twelve[1]) % 12 + (twelve[3] === 'pm' ? 12 : 0);
  return { h, m: twelve[2] ? Number(twelve[2]) : 0 };
}

const pad = (n: number) => String(n).padStart(2, '0');

function preset(words: string[]): { cron: string; schedule: string } | { error: string } | null {
  const [kind, ...rest] = words.map((w) => w.toLowerCase());
  if (kind === 'daily' || kind === 'weekdays') {
    if (rest.length > 1) return { error: `Use \`${kind} HH:MM\`, e.g. \`${kind} 09:00\`.` };
    const t = parseTime(rest[0]);
    if (!t) return { error: `“${rest[0]}” is not a time; use HH:MM (24-hour) or 8:30am, e.g. 08:30.` };
    const dow = kind === 'daily' ? '*' : '1-5';
    return { cron: `${t.m} ${t.h} * * ${dow}`, schedule: `${kind} ${pad(t.h)}:${pad(t.m)}` };
  }
  if (kind === 'weekly') {
    if (rest.length > 2) return { error: 'Use `weekly DAY HH:MM`, e.g. `weekly mon 09:00`.' };
    const day = rest[0] === undefined ? 1 : DAYS[rest[0]];
    if (day === undefined) return { error: `“${rest[0]}” is not a day of the week; use mon, tue, … sun.` };
    const t = parseTime(rest[1]);
    if (!t) return { error: `“${rest[1]}” is not a time; use HH:MM (24-hour) or 9am, e.g. 09:00.` };
    return { cron: `${t.m} ${t.h} * * ${day}`, schedule: `weekly ${DAY_SHORT[day]} ${pad(t.h)}:${pad(t.m)}` };
  }
  return null;
}

function croner(pattern: string, timezone: string): Cron {
  // paused: we only ask croner for run times; our scheduler owns the timers (fake clocks in tests).
  return new Cron(pattern, { timezone, paused: true });
}

/**
 * Parses what a user (or DIGEST_SCHEDULES) gave as a schedule. `now` anchors the check that the
 * schedule ever runs and is not too frequent.
 */
export function parseSchedule(input: string | undefined, timezone: string, now: Date): ScheduleParse {
  const text = (input ?? '').replace(/\s+/g, ' ').trim() || DEFAULT_SCHEDULE;
  if (!isTimeZone(timezone)) {
    return { ok: false, error: timeZoneError(timezone) };
  }
  if (text.length > 100) return { ok: false, error: 'That schedule is too long to be a cron expression.' };
  const words = text.split(' ');
  const fromPreset = preset(words);
  let cron: string;
  let schedule: string;
  if (fromPreset && 'error' in fromPreset) return { ok: false, error: fromPreset.error };
  if (fromPreset) {
    ({ cron, schedule } = fromPreset);
  } else if (words.length === 1 && NICKNAMES.has(words[0]!.toLowerCase())) {
    cron = schedule = words[0]!.toLowerCase();
  } else if (words.length === 5 || words.length === 6) {
    // croner also takes ISO dates as one-off patterns; a digest schedule must be a recurring cron.
    if (!words.every((w) => /^[0-9A-Za-z*,/?#-]+$/.test(w))) {
      return { ok: false, error: `“${text}” is not a cron expression.` };
    }
    cron = schedule = text;
  } else {
    return {
      ok: false,
      error:
        `“${text}” is not a schedule. Use a preset (${SCHEDULE_PRESETS.map((p) => `\`${p}\``).join(', ')}) ` +
        'or a cron expression such as `0 9 * * 1-5` (add a leading seconds field for 6 fields).',
    };
  }
  let job: Cron;
  try {
    job = croner(cron, timezone);
  } catch (err) {
    return { ok: false, error: `“${text}” is not a valid cron expression: ${(err as Error).message.replace(/^CronPattern: /, '')}.` };
  }
  const runs: Date[] = [];
  let prev: Date = now;
  for (let i = 0; i < 12; i++) {
    const next = job.nextRun(prev);
    if (!next) break;
    runs.push(next);
    prev = next;
  }
  if (runs.length === 0) return { ok: false, error: `“${text}” never runs.` };
  for (let i = 1; i < runs.length; i++) {
    if (runs[i]!.getTime() - runs[i - 1]!.getTime() < MIN_INTERVAL_MS) {
      return {
        ok: false,
        error: `“${text}” runs too often: digests must be at least ${MIN_INTERVAL_MS / 60_000} minutes apart.`,
      };
    }
  }
  return { ok: true, value: { cron, schedule, timezone } };
}

/** The first slot strictly after `after`, or null when the pattern has no more runs. */
export function nextSlot(cron: string, timezone: string, after: Date): Date | null {
  return croner(cron, timezone).nextRun(after);
}

/**
 * The latest slot `s` with `notBefore < s <= at`, or null. Searches backwards in doubling windows
 * so a weekly schedule and a 10-minute one both take a handful of croner steps, however long the
 * bot was down (croner only steps forwards, and each step costs a time-zone conversion).
 */
export function latestSlot(cron: string, timezone: string, at: Date, notBefore: Date): Date | null {
  const job = croner(cron, timezone);
  const t = at.getTime();
  const lower = notBefore.getTime();
  if (lower >= t) return null;
  for (let window = 60 * 60_000; ; window *= 2) {
    const start = Math.max(lower, t - window);
    const first = job.nextRun(new Date(start));
    if (first && first.getTime() <= t) {
      let last = first;
      for (;;) {
        const n = job.nextRun(last);
        if (!n || n.getTime() > t) return last;
        last = n;
      }
    }
    if (start === lower) return null;
  }
}

/** "Mon 23 Mar 2026, 09:00 (Europe/Berlin)" in the subscription's zone. */
export function formatInZone(d: Date, timezone: string): string {
  const s = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(d);
  return `${s} (${timezone})`;
}
