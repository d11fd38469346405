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
