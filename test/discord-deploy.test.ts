import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.js';
import { runDiscordDeploy } from '../src/cli/discord-deploy.js';
import { applicationCommands, discordName, freeTextOption } from '../src/platforms/discord/application-commands.js';
import { deployCommands } from '../src/platforms/discord/deploy.js';
import { APP_ID, GUILD_ID, TOKEN } from './stubs/discord-fixtures.js';
import { DiscordRestStub } from './stubs/discord-rest.js';
import { fakeCommands } from './stubs/discord-services.js';

/** Application commands generated from the definitions, and the bulk overwrite that registers them. */
interface OptionJson {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  options?: OptionJson[];
}
interface CommandJson {
  type: number;
  name: string;
  description?: string;
  options?: OptionJson[];
  default_member_permissions?: string | null;
  contexts?: number[];
}

let rest: DiscordRestStub;
let api: string;
beforeAll(async () => {
  rest = new DiscordRestStub();
  api = await rest.start();
});
afterAll(() => rest.stop());

describe('application commands', () => {
  const json = applicationCommands(fakeCommands.map((c) => c.definition)) as CommandJson[];
  const byName = (n: string) => json.find((c) => c.name === n)!;

  it('types options, keeps required first, flags autocomplete and adds the private option', () => {
    const quote = byName('quote');
    expect(quote.type).toBe(1);
    expect(quote.options!.map((o) => [o.name, o.type, o.required, o.autocomplete ?? null])).toEqual([
      ['query', 3, true, true],
      ['speaker', 3, false, true],
      ['private', 5, false, null],
    ]);
  });

  it('turns subcommands into subcommand options and Manage Channels into default permissions', () => {
    const digest = byName('digest');
    expect(digest.options!.map((o) => [o.name, o.type])).toEqual([
      ['subscribe', 1],
      ['list', 1],
    ]);
    expect(digest.options![0]!.options!.map((o) => o.name)).toEqual(['schedule', 'timezone', 'private']);
    expect(digest.default_member_permissions).toBe('16');
    expect(digest.contexts).toEqual([0]);
    expect(byName('quote').default_member_permissions).toBeUndefined();
  });

  it('adds the Find sources message command', () => {
    expect(json.find((c) => c.type === 3)).toMatchObject({ name: 'Find sources' });
  });

  it('fits the shipped commands to Discord rules', () => {
    const shipped = applicationCommands(commands.map((c) => c.definition)) as CommandJson[];
    expect(shipped.map((c) => c.name)).toEqual(expect.arrayContaining(['quote', 'whosaid', 'sources', 'speaker', 'factbot', 'Find sources']));
    for (const c of shipped.filter((x) => x.type === 1)) {
      expect(c.name).toMatch(/^[-_\p{L}\p{N}]{1,32}$/u);
      expect(c.description!.length).toBeGreaterThan(0);
      expect(c.description!.length).toBeLessThanOrEqual(100);
      const opts = c.options ?? [];
      const flat = opts.flatMap((o) => (o.type === 1 ? (o.options ?? []) : [o]));
      for (const o of flat) expect(o.description.length).toBeLessThanOrEqual(100);
      // Required options before optional ones, at every level.
      for (const level of [opts, ...opts.filter((o) => o.type === 1).map((o) => o.options ?? [])]) {
        const firstOptional = level.findIndex((o) => o.type !== 1 && !o.required);
        if (firstOptional >= 0) expect(level.slice(firstOptional).some((o) => o.required)).toBe(false);
      }
    }
  });

  it('names, and the option free text goes to', () => {
    expect(discordName('Who Said?')).toBe('who-said');
    expect(freeTextOption(fakeCommands.find((c) => c.definition.name === 'sources')!.definition)?.name).toBe('claim');
  });
});

describe('deploy', () => {
  it('bulk-overwrites the guild commands when DISCORD_GUILD_ID is set', async () => {
    const from = rest.requests.length;
    const result = await deployCommands({ token: TOKEN, applicationId: APP_ID, guildId: GUILD_ID, apiUrl: api }, fakeCommands.map((c) => c.definition));
    const put = rest.requests.slice(from).find((r) => r.method === 'PUT')!;
    expect(put.path).toBe(`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    expect(put.body).toEqual(applicationCommands(fakeCommands.map((c) => c.definition)));
    expect(result).toEqual({ scope: 'guild', names: [...fakeCommands.map((c) => c.definition.name), 'Find sources'] });
  });

  it('`factbot discord-deploy` registers the shipped commands globally', async () => {
    const from = rest.requests.length;
    const code = await runDiscordDeploy({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: api });
    expect(code).toBe(0);
    const put = rest.requests.slice(from).find((r) => r.method === 'PUT')!;
    expect(put.path).toBe(`/applications/${APP_ID}/commands`);
    const body = put.body as CommandJson[];
    expect(body.map((c) => c.name)).toContain('quote');
    expect(body.at(-1)).toMatchObject({ type: 3, name: 'Find sources' });
  });

  it('accepts DISCORD_API_URL with or without the version', async () => {
    const from = rest.requests.length;
    expect(await runDiscordDeploy({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_GUILD_ID: GUILD_ID, DISCORD_API_URL: `${api}/v10/` })).toBe(0);
    expect(rest.requests.slice(from).find((r) => r.method === 'PUT')?.path).toBe(`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
  });

  it('reports a refused token and missing variables with a non-zero exit', async () => {
    rest.fail('PUT', /commands$/, 401, { message: '401: Unauthorized', code: 0 });
    expect(await runDiscordDeploy({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: api })).toBe(1);
    expect(await runDiscordDeploy({})).toBe(2);
  });
});
