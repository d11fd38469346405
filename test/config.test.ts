import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadConfigFromEnvironment } from '../src/config.js';
import { configProblems } from './helpers/config-problems.js';

const problems = configProblems;

describe('configuration', () => {
  it('accepts .env.example copied as it is: every empty value means the default', () => {
    const example = parseEnv(readFileSync('.env.example', 'utf8'));
    const config = loadConfig(example);
    expect(config.logLevel).toBe('info');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.slack).toBeUndefined();
    expect(config.discord).toBeUndefined();
    expect(config.digest).toEqual({ schedules: [], postEmpty: false });
  });

  it('documents every variable it reads in .env.example', () => {
    const example = Object.keys(parseEnv(readFileSync('.env.example', 'utf8')));
    const source = readFileSync('src/config.ts', 'utf8');
    const schemaKeys = [...source.matchAll(/^ {2}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1]);
    expect(schemaKeys.length).toBeGreaterThan(10);
    expect(example).toEqual(expect.arrayContaining(schemaKeys));
  });

  it('names each malformed value, all at once', () => {
    expect(
      problems({ LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', FACTBOT_TIMEZONE: 'Mars/Base', PORT: 'eighty' }),
    ).toEqual([
      expect.stringMatching(/^DATABASE_URL: must start with postgres:\/\//),
      expect.stringMatching(/^LOG_LEVEL: /),
      expect.stringMatching(/^FACTBOT_TIMEZONE: must be an IANA time zone/),
      expect.stringMatching(/^PORT: must be a TCP port number/),
    ]);
  });

  it('a DATABASE_URL that does not parse is a configuration error naming it, without echoing the password (QA6 R2)', () => {
    for (const bad of ['postgres://u:secret@[::1', 'postgres://u:secret@db:99999/factbot', 'postgresql://u:secret@db:port/factbot']) {
      const found = problems({ DATABASE_URL: bad });
      expect(found).toEqual([expect.stringMatching(/^DATABASE_URL: not a valid URL: postgres:\/\/USER:PASSWORD@HOST:PORT\/DATABASE/)]);
      expect(found.join('\n')).not.toContain('secret');
    }
    // What node-postgres reads stays accepted: postgresql://, IPv6, and a Unix socket with no host.
    for (const good of [
      'postgresql://factbot:s%40cret@127.0.0.1:5432/factbot',
      'postgres://u:p@[::1]:5432/db',
      'postgres://factbot@/factbot?host=/run/postgresql',
      'postgres:///factbot?host=/run/postgresql',
    ]) {
      expect(loadConfig({ DATABASE_URL: good }).databaseUrl).toBe(good);
    }
  });

  it('LOG_LEVEL in any case; an unknown one is listed with the levels, not zod\'s wording (QA6)', () => {
    expect(loadConfig({ LOG_LEVEL: 'INFO' }).logLevel).toBe('info');
    expect(loadConfig({ LOG_LEVEL: 'Debug' }).logLevel).toBe('debug');
    expect(problems({ LOG_LEVEL: 'verbose' })).toEqual(['LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent']);
  });

  it('PORT 0 is refused: Slack must be told the port, so "any free port" cannot work (QA6)', () => {
    expect(problems({ PORT: '0' })).toEqual(['PORT: must be a TCP port number from 1 to 65535']);
    expect(problems({ PORT: '65536' })).toEqual(['PORT: must be a TCP port number from 1 to 65535']);
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: '1' }).slack?.port).toBe(1);
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: '65535' }).slack?.port).toBe(65535);
  });

  it('a DIGEST_SCHEDULES entry with a bad schedule is a configuration error, like a bad platform or time zone (QA6)', () => {
    const entries = [
      { platform: 'slack', channel: 'C1', cron: '99 * * * *' },
      { platform: 'discord', channel: '900', cron: '* * * * *' },
      { platform: 'slack', channel: 'C2', cron: 'every day' },
      { platform: 'slack', channel: 'C3', cron: 'weekly mon 09:00', timezone: 'Europe/London' },
      // A bad time zone is reported once, not again as the schedule's problem.
      { platform: 'slack', channel: 'C4', cron: 'daily 09:00', timezone: 'Mars/Base' },
      { platform: 'irc', channel: 'C5', cron: '0 9 * * 1-5' },
    ];
    expect(problems({ DIGEST_SCHEDULES: JSON.stringify(entries) })).toEqual([
      'DIGEST_SCHEDULES[0].cron: “99 * * * *” is not a valid cron expression: Invalid value for minute: 99.',
      'DIGEST_SCHEDULES[1].cron: “* * * * *” runs too often: digests must be at least 10 minutes apart.',
      expect.stringMatching(/^DIGEST_SCHEDULES\[2\]\.cron: “every day” is not a schedule\. Use a preset \(daily 09:00, /),
      'DIGEST_SCHEDULES[4].timezone: not an IANA time zone',
      'DIGEST_SCHEDULES[5].platform: must be slack or discord',
    ]);
    // The schedule is checked in the entry's time zone, else FACTBOT_TIMEZONE; valid ones load as written.
    expect(
      loadConfig({ FACTBOT_TIMEZONE: 'Asia/Tokyo', DIGEST_SCHEDULES: '[{"platform":"discord","channel":"900","cron":"0 0 9 * * 1-5"}]' }).digest.schedules,
    ).toEqual([{ platform: 'discord', channel: '900', cron: '0 0 9 * * 1-5' }]);
  });

  it('explains a DIGEST_SCHEDULES that is not JSON', () => {
    expect(problems({ DIGEST_SCHEDULES: '[{platform: slack' })).toEqual([
      expect.stringMatching(/^DIGEST_SCHEDULES: not valid JSON/),
    ]);
  });

  it('names each bad DIGEST_SCHEDULES entry by its JSON path, in plain words', () => {
    expect(problems({ DIGEST_SCHEDULES: '[{"platform":"irc","channel":"C1","cron":"daily 09:00"}]' })).toEqual([
      'DIGEST_SCHEDULES[0].platform: must be slack or discord',
    ]);
    expect(
      problems({
        DIGEST_SCHEDULES: JSON.stringify([
          { platform: 'slack', channel: 'C1', cron: 'daily 09:00' },
          { platform: 'discord', channel: '', timezone: 'Mars/Base' },
          'slack C2',
        ]),
      }),
    ).toEqual([
      'DIGEST_SCHEDULES[1].channel: must be a channel id',
      'DIGEST_SCHEDULES[1].cron: must be a schedule (daily 09:00) or a cron expression',
      'DIGEST_SCHEDULES[1].timezone: not an IANA time zone',
      'DIGEST_SCHEDULES[2]: must be an object {"platform", "channel", "cron", "timezone"}',
    ]);
    expect(problems({ DIGEST_SCHEDULES: '{"platform":"slack"}' })).toEqual(['DIGEST_SCHEDULES: must be a JSON array of digests']);
    expect(loadConfig({ DIGEST_SCHEDULES: '[{"platform":"slack","channel":"C1","cron":"daily 09:00"}]' }).digest.schedules).toEqual([
      { platform: 'slack', channel: 'C1', cron: 'daily 09:00' },
    ]);
  });

  it('requires both Discord variables together', () => {
    expect(problems({ DISCORD_TOKEN: 't' })).toEqual(['DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set']);
    expect(loadConfig({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789' }).discord).toEqual({
      token: 't',
      applicationId: '123456789',
      guildId: undefined,
      apiUrl: undefined,
    });
  });

  it('an env file named in FACTBOT_ENV_FILE that does not exist is a configuration error, not silence (QA)', () => {
    const missing = '/tmp/factbot-definitely-missing.env';
    expect(() => loadConfigFromEnvironment({ FACTBOT_ENV_FILE: missing })).toThrow(ConfigError);
    expect(() => loadConfigFromEnvironment({ FACTBOT_ENV_FILE: missing })).toThrow(
      /FACTBOT_ENV_FILE: \/tmp\/factbot-definitely-missing\.env does not exist/,
    );
    // Empty: no file at all, as before.
    expect(loadConfigFromEnvironment({ FACTBOT_ENV_FILE: '' }).logLevel).toBe('info');
  });
});
