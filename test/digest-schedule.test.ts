import { describe, expect, it } from 'vitest';
import {
  MIN_INTERVAL_MS,
  latestSlot,
  nextSlot,
  parseSchedule,
  suggestTimeZones,
  formatInZone,
} from '../src/digest/schedule.js';

const NOW = new Date('2026-03-20T12:00:00Z');

function ok(input: string | undefined, tz = 'Europe/London') {
  const r = parseSchedule(input, tz, NOW);
  if (!r.ok) throw new Error(`expected ${input} to parse: ${r.error}`);
  return r.value;
}

function err(input: string, tz = 'Europe/London'): string {
  const r = parseSchedule(input, tz, NOW);
  if (r.ok) throw new Error(`expected ${input} to be refused, got ${r.value.cron}`);
  return r.error;
}

describe('parseSchedule: presets', () => {
  it('turns the three presets into cron patterns and normalises what is shown', () => {
    expect(ok('daily 09:00')).toMatchObject({ cron: '0 9 * * *', schedule: 'daily 09:00', timezone: 'Europe/London' });
    expect(ok('weekdays 8:30')).toMatchObject({ cron: '30 8 * * 1-5', schedule: 'weekdays 08:30' });
    expect(ok('weekly mon 09:00')).toMatchObject({ cron: '0 9 * * 1', schedule: 'weekly mon 09:00' });
    expect(ok('Weekly Friday 17:45')).toMatchObject({ cron: '45 17 * * 5', schedule: 'weekly fri 17:45' });
    expect(ok('  daily   07:05 ')).toMatchObject({ cron: '5 7 * * *' });
  });

  it('defaults to daily 09:00 and fills in a missing time', () => {
    expect(ok(undefined)).toMatchObject({ cron: '0 9 * * *', schedule: 'daily 09:00' });
    expect(ok('')).toMatchObject({ schedule: 'daily 09:00' });
    expect(ok('weekly')).toMatchObject({ schedule: 'weekly mon 09:00' });
  });

  it('reads 12-hour times as people type them (QA 5b)', () => {
    expect(ok('daily 9am')).toMatchObject({ cron: '0 9 * * *', schedule: 'daily 09:00' });
    expect(ok('weekdays 5:30pm')).toMatchObject({ cron: '30 17 * * 1-5', schedule: 'weekdays 17:30' });
    expect(ok('weekly fri 12pm')).toMatchObject({ cron: '0 12 * * 5' });
    expect(ok('daily 12am')).toMatchObject({ cron: '0 0 * * *' });
    expect(err('daily 13pm')).toMatch(/not a time/);
  });

  it('explains bad times and days', () => {
    expect(err('daily 25:00')).toMatch(/not a time/);
    expect(err('weekly someday 09:00')).toMatch(/not a day of the week/);
    expect(err('daily 09:00 10:00')).toMatch(/daily HH:MM/);
  });
});

describe('parseSchedule: cron expressions', () => {
  it('accepts five fields, and six with a leading seconds field', () => {
    expect(ok('0 9 * * 1-5')).toMatchObject({ cron: '0 9 * * 1-5', schedule: '0 9 * * 1-5' });
    expect(ok('30 0 9 * * *')).toMatchObject({ cron: '30 0 9 * * *' });
    const sixField = nextSlot('30 0 9 * * *', 'UTC', new Date('2026-03-20T00:00:00Z'));
    expect(sixField?.toISOString()).toBe('2026-03-20T09:00:30.000Z');
  });

  it('refuses invalid expressions, one-off dates and schedules that never run', () => {
    expect(err('61 9 * * *')).toMatch(/not a valid cron expression/);
    expect(err('0 9 * * * * *')).toMatch(/not a schedule/);
    expect(err('2026-01-01T00:00:00')).toMatch(/not a schedule/);
    expect(err('0 9 $(rm) * *')).toMatch(/not a cron expression/);
    expect(err('0 0 30 2 *')).toMatch(/never runs|not a valid/);
  });

  it('refuses schedules that would flood a channel', () => {
    expect(err('* * * * * *')).toMatch(/too often/);
    expect(err('*/5 * * * *')).toMatch(new RegExp(`${MIN_INTERVAL_MS / 60_000} minutes`));
    expect(ok('*/15 * * * *').cron).toBe('*/15 * * * *');
  });

  it('refuses an unknown time zone', () => {
    expect(err('daily 09:00', 'Mars/Olympus_Mons')).toMatch(/not an IANA time zone \(for example Europe\/London/);
    expect(err('daily 09:00', 'Europe/Lndon')).toBe('“Europe/Lndon” is not an IANA time zone (did you mean Europe/London?)');
    expect(err('daily 09:00', 'america/new_yrok')).toMatch(/did you mean America\/New_York\?/);
  });
});

describe('slots', () => {
  it('nextSlot is strictly after the given instant and honours the time zone', () => {
    const at9London = new Date('2026-03-20T09:00:00Z'); // GMT in March before the change
    expect(nextSlot('0 9 * * *', 'Europe/London', new Date('2026-03-20T08:00:00Z'))?.toISOString()).toBe(at9London.toISOString());
    expect(nextSlot('0 9 * * *', 'Europe/London', at9London)?.toISOString()).toBe('2026-03-21T09:00:00.000Z');
    expect(nextSlot('0 9 * * *', 'America/New_York', new Date('2026-03-20T00:00:00Z'))?.toISOString()).toBe('2026-03-20T13:00:00.000Z');
  });

  it('latestSlot finds the last slot that passed, only after the floor', () => {
    const at = new Date('2026-03-25T10:00:00Z');
    expect(latestSlot('0 9 * * *', 'UTC', at, new Date('2026-03-01T00:00:00Z'))?.toISOString()).toBe('2026-03-25T09:00:00.000Z');
    expect(latestSlot('0 9 * * *', 'UTC', at, new Date('2026-03-25T09:00:00Z'))).toBeNull();
    expect(latestSlot('0 9 * * *', 'UTC', new Date('2026-03-25T09:00:00Z'), new Date('2026-03-24T09:00:00Z'))?.toISOString()).toBe(
      '2026-03-25T09:00:00.000Z',
    );
    // A weekly slot weeks back and a yearly one months back are both found.
    expect(latestSlot('0 9 * * 1', 'UTC', at, new Date('2025-01-01T00:00:00Z'))?.toISOString()).toBe('2026-03-23T09:00:00.000Z');
    expect(latestSlot('0 0 1 1 *', 'UTC', at, new Date('2020-01-01T00:00:00Z'))?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(latestSlot('0 0 1 1 *', 'UTC', at, new Date('2026-02-01T00:00:00Z'))).toBeNull();
  });

  it('keeps a daily slot at 09:00 local time across both daylight-saving changes', () => {
    const slots: string[] = [];
    let d = new Date('2026-03-26T12:00:00Z');
    for (let i = 0; i < 5; i++) {
      d = nextSlot('0 9 * * *', 'Europe/Berlin', d)!;
      slots.push(d.toISOString());
    }
    // CET (UTC+1) until Sunday 29 March, CEST (UTC+2) after.
    expect(slots).toEqual([
      '2026-03-27T08:00:00.000Z',
      '2026-03-28T08:00:00.000Z',
      '2026-03-29T07:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
      '2026-03-31T07:00:00.000Z',
    ]);
    d = new Date('2026-10-23T12:00:00Z');
    const autumn: string[] = [];
    for (let i = 0; i < 3; i++) {
      d = nextSlot('0 9 * * *', 'America/New_York', new Date(d.getTime() + 7 * 86_400_000 - 86_400_000))!;
      autumn.push(formatInZone(d, 'America/New_York'));
    }
    expect(autumn.every((s) => s.includes('09:00'))).toBe(true);
  });

  it('runs a slot inside the skipped spring hour once, and a slot in the repeated autumn hour once', () => {
    const spring: Date[] = [];
    let d = new Date('2026-03-28T00:00:00Z');
    while (d < new Date('2026-03-31T00:00:00Z')) {
      d = nextSlot('30 2 * * *', 'Europe/Berlin', d)!;
      spring.push(d);
    }
    // 02:30 does not exist on 29 March: one run that day, not zero and not two.
    const springDays = spring.map((s) => s.toLocaleDateString('en-CA', { timeZone: 'Europe/Berlin' }));
    expect(springDays.filter((x) => x === '2026-03-29')).toHaveLength(1);
    expect(new Set(springDays).size).toBe(springDays.length);

    const autumn: Date[] = [];
    d = new Date('2026-10-24T00:00:00Z');
    while (d < new Date('2026-10-27T00:00:00Z')) {
      d = nextSlot('30 2 * * *', 'Europe/Berlin', d)!;
      autumn.push(d);
    }
    // 02:30 happens twice on 25 October: the digest still runs once that day.
    const autumnDays = autumn.map((s) => s.toLocaleDateString('en-CA', { timeZone: 'Europe/Berlin' }));
    expect(autumnDays.filter((x) => x === '2026-10-25')).toHaveLength(1);
    expect(new Set(autumnDays).size).toBe(autumnDays.length);
  });
});

describe('time zone suggestions', () => {
  it('suggests matching IANA names, prefixes first, at most 25', () => {
    expect(suggestTimeZones('london')[0]).toBe('Europe/London');
    expect(suggestTimeZones('lon')).toContain('Europe/London');
    expect(suggestTimeZones('europe/l').every((z) => z.startsWith('Europe/L'))).toBe(true);
    expect(suggestTimeZones('america/').length).toBe(25);
    expect(suggestTimeZones('new york')).toContain('America/New_York');
    expect(suggestTimeZones('utc')).toContain('UTC');
    expect(suggestTimeZones('zzzz')).toEqual([]);
  });
});
