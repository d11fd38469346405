import { readFile, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, runWithInput, killLeftovers, startInteractive, tempDataDir } from './helpers/spawn.js';
import { BOT_TOKEN, SIGNING_SECRET, SlackStub, postSigned, slashCommandBody } from './stubs/slack-api.js';
import { DiscordRestStub } from './stubs/discord-rest.js';

afterAll(() => killLeftovers());

/** `npm start`'s wiring: configuration errors, and a chat platform started instead of the console. */

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

let data: Awaited<ReturnType<typeof tempDataDir>>;
beforeAll(async () => {
  data = await tempDataDir();
});
afterAll(() => data?.remove());

describe('npm start', () => {
  it('refuses a bad configuration with every problem listed, before touching the store', async () => {
    const r = await runWithInput(
      'node',
      ['--import', 'tsx', 'src/main.ts'],
      childEnv(data.dir, { DISCORD_TOKEN: 'x', FACTBOT_TIMEZONE: 'Mars/Olympus', SLACK_BOT_TOKEN: 'not-a-token' }),
      '',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/FACTBOT_TIMEZONE/);
    expect(r.stderr).toMatch(/SLACK_BOT_TOKEN/);
    expect(r.stderr).toMatch(/\.env\.example/);
    expect(r.stdout).toBe('');
  });

  it('picks up articles that factbot ingest hands over while it runs on the embedded store', { timeout: 90_000 }, async () => {
    const p = startInteractive('node', ['--import', 'tsx', 'src/main.ts'], childEnv(data.dir));
    try {
      expect(await p.nextLine()).toMatch(/^Corpus: 3 articles/);
      const file = join(data.dir, '..', `${Date.now()}-ellison.md`);
      // A first version handed over, then the edited file: one record, carrying the file's key, so
      // the bot replaces the first version instead of counting both.
      await writeFile(file, '---\ntitle: Briefing row\n---\n"First draft of the quote," Senator Mark Ellison said.\n');
      const first = await runWithInput('node', ['--import', 'tsx', 'src/cli/main.ts', 'ingest', file], childEnv(data.dir), '');
      expect(first.code).toBe(0);
      await writeFile(file, '---\ntitle: Briefing row deepens\noutlet: Example News\n---\n"We were never told what was shared with the Russians," Senator Mark Ellison told reporters.\n');
      const r = await runWithInput('node', ['--import', 'tsx', 'src/cli/main.ts', 'ingest', file], childEnv(data.dir), '');
      const key = await realpath(file);
      await rm(file, { force: true });
      expect(r.stdout).toMatch(/The bot is running and holds the embedded store: handed 1 article to it/);
      expect(r.code).toBe(0);
      const handed = await readdir(join(data.dir, 'ingested'));
      expect(handed.filter((f) => f.endsWith('.json'))).toHaveLength(1);
      const record = JSON.parse(await readFile(join(data.dir, 'ingested', handed[0]!), 'utf8')) as { sourceKey: string; text: string };
      expect(record.sourceKey).toBe(key);
      expect(record.text).toContain('We were never told');
      // The running bot loads it within seconds: ask until it answers.
      for (let i = 0; i < 30 && !/Mark Ellison said/.test(p.output()); i++) {
        p.child.stdin.write('/whosaid never told what was shared with the Russians\n');
        await new Promise((res) => setTimeout(res, 1000));
      }
      const answer = p.output();
      expect(answer).toMatch(/Mark Ellison said/);
    } finally {
      p.child.kill('SIGTERM');
      expect((await p.done).code).toBe(0);
    }
  });

  describe('with Slack configured', () => {
    let stub: SlackStub;
    beforeAll(async () => {
      stub = await new SlackStub().start();
    });
    afterAll(() => stub?.stop());

    it('starts Slack (no console), answers a slash command from the corpus, and stops on SIGTERM', async () => {
      const port = await freePort();
      const p = startInteractive(
        'node',
        ['--import', 'tsx', 'src/main.ts'],
        childEnv(data.dir, { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: stub.apiUrl, PORT: String(port) }),
      );
      expect(await p.nextLine()).toMatch(/^Corpus: \d+ articles/);
      expect(await p.nextLine()).toMatch(/^factbot is running \(slack, digests\)/);
      const res = await postSigned(
        `http://127.0.0.1:${port}/slack/events`,
        slashCommandBody({ command: '/whosaid', text: "it didn't happen", responseUrl: stub.responseUrl('w') }),
      );
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.json ?? stub.responses)).toMatch(/McMaster/);
      p.child.kill('SIGTERM');
      const done = await p.done;
      expect(done.code).toBe(0);
    });
  });

  describe('with Discord configured and a token Discord refuses (QA6 R1)', () => {
    let stub: DiscordRestStub;
    let api: string;
    beforeAll(async () => {
      stub = new DiscordRestStub();
      api = await stub.start();
      // Discord answers every call with a bad token this way (discord.js asks GET /gateway/bot first).
      stub.fail('GET', /./, 401, { message: '401: Unauthorized', code: 0 }, { times: 1000 });
    });
    afterAll(() => stub?.stop());

    it('says so at once and exits 1 promptly, with no later "guilds did not arrive"', { timeout: 90_000 }, async () => {
      const started = Date.now();
      // Under the old 60 s guild deadline: a run that waits it out times out here.
      const r = await runWithInput(
        'node',
        ['--import', 'tsx', 'src/main.ts'],
        childEnv(data.dir, { DISCORD_TOKEN: 'abc.def.ghi', DISCORD_APPLICATION_ID: '123456789012345678', DISCORD_API_URL: api, LOG_LEVEL: 'error' }),
        '',
        50_000,
      );
      const message = `Discord rejected the token: 401 Unauthorized from the API at ${api} (DISCORD_API_URL). Copy the bot token (Developer Portal → Bot → Reset Token) into DISCORD_TOKEN.`;
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`factbot could not start: ${message}\n`);
      expect(r.stderr).not.toMatch(/did not arrive|logged in/);
      // The JSON log line carries the message once (it was "…provided.: …provided.").
      const logged = r.stderr
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { msg: string; err?: { message: string } });
      expect(logged.find((l) => l.msg === 'start-up failed')?.err?.message).toBe(message);
      expect(r.stdout).not.toMatch(/factbot is running/);
      expect(Date.now() - started).toBeLessThan(45_000);
    });
  });
});
