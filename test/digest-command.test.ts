import { describe, expect, it } from 'vitest';
import { autocomplete, runCommand } from '../src/dispatch/index.js';
import type { CommandArgs, Invocation } from '../src/domain/command.js';
import { parseTextArgs } from '../src/intent/parse-args.js';
import { ManualClock } from '../src/digest/clock.js';
import { upsertConfigSchedules } from '../src/digest/index.js';
import { digest } from '../commands/digest.js';
import { FakeDigestStore, servicesFor } from './digest-fakes.js';

/** /digest as users see it: permissions, validation, free text, list, unsubscribe, preview. */

function setup(extra: { digestAdmins?: string[] } = {}) {
  const clock = new ManualClock('2026-03-16T07:00:00Z');
  const store = new FakeDigestStore();
  const services = servicesFor(store.asStore(), store.asCorpus(), clock, extra);
  const run = (inv: Invocation, sub: string, args: CommandArgs = {}) => runCommand(services, { ...inv, subcommand: sub }, 'digest', args);
  /** What Slack and the console do: the whole text after `/digest`. */
  const text = (inv: Invocation, line: string) => {
    const parsed = parseTextArgs(digest.definition, line);
    expect(parsed.errors).toEqual([]);
    return runCommand(services, { ...inv, subcommand: parsed.subcommand }, 'digest', parsed.args);
  };
  return { clock, store, services, run, text };
}

const slackUser = (userId = 'U1', channelId = 'C1'): Invocation => ({ platform: 'slack', userId, channelId, teamId: 'T1' });
const discordMember = (canManageChannel: boolean): Invocation => ({ platform: 'discord', userId: '42', channelId: '900', teamId: 'G1', canManageChannel });

describe('/digest definition', () => {
  it('has the four subcommands, a timezone autocomplete and Manage Channels as its default permission', () => {
    const def = digest.definition;
    expect(def.requires).toBe('manageChannels');
    expect(def.subcommands!.map((s) => s.name)).toEqual(['subscribe', 'list', 'unsubscribe', 'preview']);
    const tz = def.subcommands![0]!.options.find((o) => o.name === 'timezone');
    expect(tz?.autocomplete).toBe('timezone');
  });

  it('autocompletes IANA time zones through the dispatcher', async () => {
    const t = setup();
    const choices = await autocomplete(t.services, { ...discordMember(true), subcommand: 'subscribe' }, 'digest', 'timezone', 'europe/lo');
    expect(choices.map((c) => c.value)).toContain('Europe/London');
    expect(choices.length).toBeLessThanOrEqual(25);
  });
});

describe('who may change digests', () => {
  it('on Discord, only members who can manage the channel', async () => {
    const t = setup();
    const no = await t.run(discordMember(false), 'subscribe', { schedule: 'daily 09:00' });
    expect(no.isError).toBe(true);
    expect(no.text).toMatch(/manage this channel/);
    expect(await t.store.listSubscriptions()).toHaveLength(0);
    const yes = await t.run(discordMember(true), 'subscribe', { schedule: 'daily 09:00' });
    expect(yes.isError).toBeFalsy();
    expect(await t.store.listSubscriptions()).toHaveLength(1);
    // Reading is open to anyone who can run the command.
    expect((await t.run(discordMember(false), 'list')).isError).toBeFalsy();
    expect((await t.run(discordMember(false), 'unsubscribe')).isError).toBe(true);
    expect(await t.store.listSubscriptions()).toHaveLength(1);
  });

  it('on Slack, anyone in the channel unless SLACK_DIGEST_ADMINS lists who may', async () => {
    const open = setup();
    expect((await open.run(slackUser('U-anyone'), 'subscribe', {})).isError).toBeFalsy();

    const restricted = setup({ digestAdmins: ['U-admin'] });
    const refused = await restricted.run(slackUser('U-anyone'), 'subscribe', {});
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(/SLACK_DIGEST_ADMINS/);
    expect((await restricted.run(slackUser('U-admin'), 'subscribe', {})).isError).toBeFalsy();
  });
});

describe('/digest subscribe', () => {
  it('takes the schedule and a trailing time zone from free text, defaulting to the server zone', async () => {
    const t = setup();
    const r = await t.text(slackUser(), 'subscribe weekly mon 09:00 America/New_York');
    expect(r.isError).toBeFalsy();
    expect(r.visibility).toBe('public');
    expect(r.text).toMatch(/weekly mon 09:00 \(America\/New_York\)/);
    expect(r.sections[0]!.lines![0]).toMatch(/next digest Mon, 16 Mar 2026, 09:00 \(America\/New_York\)/);

    await t.text(slackUser('U1', 'C2'), 'subscribe 0 0 7 * * 1-5 timezone:Asia/Tokyo');
    await t.text(slackUser('U1', 'C3'), 'subscribe');
    const subs = await t.store.listSubscriptions();
    expect(subs.map((s) => [s.channelId, s.cron, s.schedule, s.timezone, s.createdBy])).toEqual([
      ['C1', '0 9 * * 1', 'weekly mon 09:00', 'America/New_York', 'U1'],
      ['C2', '0 0 7 * * 1-5', '0 0 7 * * 1-5', 'Asia/Tokyo', 'U1'],
      ['C3', '0 9 * * *', 'daily 09:00', 'Europe/Berlin', 'U1'],
    ]);
  });

  it('reports a mistyped trailing time zone as a bad zone, with a suggestion when one is close', async () => {
    const t = setup();
    const typo = await t.text(slackUser(), 'subscribe daily 09:00 Europe/Lndon');
    expect(typo.isError).toBe(true);
    expect(typo.text).toBe('“Europe/Lndon” is not an IANA time zone (did you mean Europe/London?)');
    const mars = await t.text(slackUser(), 'subscribe daily 09:00 Mars/Base');
    expect(mars.text).toBe('“Mars/Base” is not an IANA time zone (for example Europe/London or America/New_York).');
    // The same words as with the timezone: option.
    const option = await t.text(slackUser(), 'subscribe daily 09:00 timezone:Mars/Base');
    expect(option.text).toBe(mars.text);
    const optionTypo = await t.run(slackUser(), 'subscribe', { schedule: 'weekly mon 09:00', timezone: 'Asia/Tokio' });
    expect(optionTypo.text).toBe('“Asia/Tokio” is not an IANA time zone (did you mean Asia/Tokyo?)');
    expect(await t.store.listSubscriptions()).toHaveLength(0);
  });

  it('takes a time zone alone as the default schedule in that zone, and leaves cron steps alone', async () => {
    const t = setup();
    await t.text(slackUser('U1', 'C1'), 'subscribe Europe/Paris');
    await t.text(slackUser('U1', 'C2'), 'subscribe 0 9 * * MON/2');
    const subs = await t.store.listSubscriptions();
    expect(subs.map((s) => [s.channelId, s.schedule, s.timezone])).toEqual([
      ['C1', 'daily 09:00', 'Europe/Paris'],
      ['C2', '0 9 * * MON/2', t.services.timezone],
    ]);
  });

  it('refuses to subscribe the console, where nothing is ever posted', async () => {
    const t = setup();
    const r = await t.run({ platform: 'console', userId: 'console', channelId: 'console' }, 'subscribe', {});
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/preview works here/);
    expect(await t.store.listSubscriptions()).toHaveLength(0);
  });

  it('explains a bad schedule or time zone and stores nothing', async () => {
    const t = setup();
    const bad = await t.run(slackUser(), 'subscribe', { schedule: 'every full moon' });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/daily 09:00.*cron expression/);
    const zone = await t.run(slackUser(), 'subscribe', { schedule: 'daily 09:00', timezone: 'Atlantis/Capital' });
    expect(zone.text).toMatch(/not an IANA time zone/);
    const often = await t.run(slackUser(), 'subscribe', { schedule: '*/1 * * * *' });
    expect(often.text).toMatch(/too often/);
    expect(await t.store.listSubscriptions()).toHaveLength(0);
  });

  it('refuses a channel factbot may not post in, saying which permissions to give (QA 5b, R6)', async () => {
    const t = setup();
    const mod: Invocation = { platform: 'discord', userId: 'u', channelId: 'c', canManageChannel: true, mayPostHere: false };
    const r = await t.run(mod, 'subscribe', { schedule: 'daily 09:00' });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/View Channel, Send Messages and Embed Links/);
    expect(await t.store.listSubscriptions()).toHaveLength(0);
    expect((await t.run({ ...mod, mayPostHere: true }, 'subscribe', { schedule: 'daily 09:00' })).title).toBe('Digest subscribed');
  });

  it('subscribes with a fixed-offset zone (EST) but says it does not follow daylight saving (QA 5b)', async () => {
    const t = setup();
    const r = await t.run(slackUser(), 'subscribe', { schedule: 'daily 09:00', timezone: 'EST' });
    expect(r.title).toBe('Digest subscribed');
    expect(r.notices.join(' ')).toMatch(/EST is a fixed offset.*America\/New_York/);
    const london = await t.run(slackUser(), 'subscribe', { schedule: 'daily 10:00', timezone: 'Europe/London' });
    expect(london.notices).toEqual([]);
  });

  it('does not subscribe a channel twice to the same schedule', async () => {
    const t = setup();
    await t.run(slackUser(), 'subscribe', { schedule: 'daily 09:00' });
    const again = await t.run(slackUser(), 'subscribe', { schedule: '0 9 * * *' });
    expect(again.title).toBe('Already subscribed');
    expect(await t.store.listSubscriptions()).toHaveLength(1);
  });
});

describe('/digest list and unsubscribe', () => {
  it("lists only this channel's digests and unsubscribes by id", async () => {
    const t = setup();
    await t.run(slackUser('U1', 'C1'), 'subscribe', { schedule: 'daily 09:00' });
    await t.run(slackUser('U1', 'C1'), 'subscribe', { schedule: 'weekdays 08:30' });
    await t.run(slackUser('U1', 'C-other'), 'subscribe', { schedule: 'daily 18:00' });

    const list = await t.run(slackUser(), 'list');
    expect(list.visibility).toBe('private');
    expect(list.title).toBe('Digests in this channel (2)');
    expect(list.sections[0]!.lines).toHaveLength(2);
    expect(list.sections[0]!.lines![1]).toMatch(/^#2 · weekdays 08:30 \(Europe\/Berlin\) · next Mon, 16 Mar 2026, 08:30 .* no digest yet$/);

    const which = await t.run(slackUser(), 'unsubscribe');
    expect(which.isError).toBe(true);
    expect(which.text).toMatch(/#1 \(daily 09:00\), #2 \(weekdays 08:30\)/);
    expect((await t.run(slackUser(), 'unsubscribe', { id: 3 })).text).toMatch(/no digest #3/);
    const done = await t.text(slackUser(), 'unsubscribe 2');
    expect(done.title).toBe('Digest stopped');
    expect((await t.store.listSubscriptions()).map((s) => s.id)).toEqual([1, 3]);
  });

  it('refuses to unsubscribe a digest declared in DIGEST_SCHEDULES', async () => {
    const t = setup();
    await upsertConfigSchedules(t.store.asStore(), [{ platform: 'slack', channel: 'C1', cron: 'daily 07:00' }], 'UTC', t.clock.now());
    const list = await t.run(slackUser(), 'list');
    expect(list.sections[0]!.lines![0]).toMatch(/daily 07:00 \(UTC\) · set by the operator/);
    const r = await t.run(slackUser(), 'unsubscribe');
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/DIGEST_SCHEDULES/);
    expect(await t.store.listSubscriptions()).toHaveLength(1);
  });
});

describe('DIGEST_SCHEDULES', () => {
  it('upserts declared digests, removes undeclared ones, skips invalid entries and leaves user subscriptions alone', async () => {
    const t = setup();
    await t.run(slackUser(), 'subscribe', { schedule: 'daily 09:00' });
    const store = t.store.asStore();
    const first = await upsertConfigSchedules(
      store,
      [
        { platform: 'slack', channel: 'C1', cron: '0 8 * * 1-5', timezone: 'Europe/London' },
        { platform: 'discord', channel: '900', cron: 'weekly fri 16:00' },
        { platform: 'discord', channel: '900', cron: 'weekly fri 16:00' },
        { platform: 'slack', channel: 'C9', cron: 'not a cron' },
      ],
      'UTC',
      t.clock.now(),
    );
    expect(first.added).toBe(2);
    expect(first.invalid).toHaveLength(1);
    // Restarting with the same configuration changes nothing.
    const again = await upsertConfigSchedules(
      store,
      [
        { platform: 'slack', channel: 'C1', cron: '0 8 * * 1-5', timezone: 'Europe/London' },
        { platform: 'discord', channel: '900', cron: 'weekly fri 16:00' },
      ],
      'UTC',
      t.clock.now(),
    );
    expect(again).toMatchObject({ added: 0, removed: 0 });
    // Dropping an entry removes its subscription.
    const dropped = await upsertConfigSchedules(store, [{ platform: 'discord', channel: '900', cron: 'weekly fri 16:00' }], 'UTC', t.clock.now());
    expect(dropped).toMatchObject({ added: 0, removed: 1 });
    const subs = await store.listSubscriptions();
    expect(subs.map((s) => [s.platform, s.channelId, s.cron, s.timezone, s.fromConfig])).toEqual([
      ['slack', 'C1', '0 9 * * *', 'Europe/Berlin', false],
      ['discord', '900', '0 16 * * 5', 'UTC', true],
    ]);
  });
});

describe('/digest preview', () => {
  it('shows only the asker what the next digest would contain', async () => {
    const t = setup();
    const none = await t.run(slackUser(), 'preview');
    expect(none.visibility).toBe('private');
    expect(none.notices.join(' ')).toMatch(/no digest/);

    await t.run(slackUser(), 'subscribe', { schedule: 'daily 09:00' });
    const empty = await t.run(slackUser(), 'preview');
    expect(empty.title).toMatch(/^Preview — .*nothing new/);
    expect(empty.notices.join(' ')).toMatch(/would not be posted/);

    t.store.addArticle({ id: 'n1', title: 'New one', outlet: 'AP' }, [{ quote: 'This is a quote worth reading', speaker: 'Dina Powell' }]);
    const full = await t.run(slackUser(), 'preview');
    expect(full.visibility).toBe('private');
    expect(full.title).toMatch(/^Preview — factbot digest: 1 new article/);
    expect(full.sections[0]!.articles!.map((a) => a.title)).toEqual(['New one']);
    expect(full.notices.join(' ')).toMatch(/next digest \(#1, Mon, 16 Mar 2026, 09:00/);
  });
});
