import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { configProblems } from './helpers/config-problems.js';

const problems = configProblems;

describe('Slack configuration', () => {
  it('starts Slack in HTTP mode on port 3000 with the bot token and signing secret', () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_DIGEST_ADMINS: 'U0123ABCD, W0456EFGH' });
    expect(c.slack).toEqual({ botToken: 'xoxb-1', signingSecret: 's', appToken: undefined, apiUrl: undefined, port: 3000, digestAdmins: ['U0123ABCD', 'W0456EFGH'] });
  });

  it('uses Socket Mode with an app token, and PORT/SLACK_API_URL when given', () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_APP_TOKEN: 'xapp-1', PORT: '8080', SLACK_API_URL: 'http://127.0.0.1:9/api/' });
    expect(c.slack).toMatchObject({ appToken: 'xapp-1', port: 8080, apiUrl: 'http://127.0.0.1:9/api/' });
  });

  it('names every missing or malformed Slack variable', () => {
    expect(problems({ SLACK_APP_TOKEN: 'xapp-1' })).toEqual([
      'SLACK_BOT_TOKEN: required when any SLACK_ variable is set',
      'SLACK_SIGNING_SECRET: required when any SLACK_ variable is set',
    ]);
    const bad = problems({ SLACK_BOT_TOKEN: 'xoxp-user', SLACK_SIGNING_SECRET: 's', SLACK_APP_TOKEN: 'xoxb-2', SLACK_DIGEST_ADMINS: '@alice', SLACK_API_URL: 'slack.com' });
    expect(bad.join('\n')).toMatch(/SLACK_BOT_TOKEN: must be a bot token/);
    expect(bad.join('\n')).toMatch(/SLACK_APP_TOKEN: must be an app-level token/);
    expect(bad.join('\n')).toMatch(/SLACK_DIGEST_ADMINS: must be Slack user ids/);
    expect(bad.join('\n')).toMatch(/SLACK_API_URL: .*http/);
  });

  it('leaves Slack off when no Slack variable is set', () => {
    expect(loadConfig({}).slack).toBeUndefined();
  });
});
