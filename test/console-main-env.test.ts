import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncSummary } from '../src/dispatch/services.js';
import { REPO, childEnv, runWithInput, startInteractive, tempDataDir } from './helpers/spawn.js';

const TSX = join(REPO, 'node_modules', '.bin', 'tsx');

/** npm start's entry point directly: the same code without npm's start-up cost. */
const start = (env: NodeJS.ProcessEnv, input: string) => runWithInput(TSX, ['src/main.ts'], env, input);

describe('start-up summary', () => {
  it('counts in the singular and the plural', () => {
    const one = syncSummary({ articles: 1, statements: 1, quotes: 1, speakers: 1, added: 1, updated: 0, unchanged: 0, errors: [] } as never);
    expect(one).toMatch(/^Corpus: 1 article, 1 statement, 1 quote, 1 speaker \(/);
    const many = syncSummary({ articles: 2, statements: 5, quotes: 0, speakers: 3, added: 2, updated: 0, unchanged: 0, errors: [] } as never);
    expect(many).toMatch(/^Corpus: 2 articles, 5 statements, 0 quotes, 3 speakers \(/);
  });

  it('says how many articles left with their files, when any did', () => {
    const gone = syncSummary({ articles: 6, statements: 9, quotes: 1, speakers: 2, added: 1, updated: 0, unchanged: 5, removed: 2, errors: [] } as never);
    expect(gone).toContain('(1 added, 0 updated, 5 unchanged, 2 removed; no load errors)');
    const none = syncSummary({ articles: 6, statements: 9, quotes: 1, speakers: 2, added: 1, updated: 0, unchanged: 5, removed: 0, errors: [] } as never);
    expect(none).toContain('(1 added, 0 updated, 5 unchanged; no load errors)');
  });
});

describe('DATA_DIR problems are said plainly (QA F24)', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'factbot-datadir-'));
  });
  afterAll(() => rm(tmp, { recursive: true, force: true }));

  it('a missing DATA_DIR is created, and the user is told it was missing', async () => {
    const dir = join(tmp, 'mistyped');
    const r = await start(childEnv(dir), '/quote x\n');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`DATA_DIR ${dir} does not exist — created it; no articles to load`);
    expect(existsSync(dir)).toBe(true);
  });

  it('a DATA_DIR that is a file ends with one line and exit 2, no stack', async () => {
    const file = join(tmp, 'file.txt');
    await writeFile(file, 'not a folder');
    const r = await start(childEnv(file), '/quote x\n');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`factbot: DATA_DIR ${file} must be a folder, not a file.`);
  });
});

describe('environment file and log level (QA F17)', () => {
  let data: Awaited<ReturnType<typeof tempDataDir>>;
  let tmp: string;
  beforeAll(async () => {
    data = await tempDataDir();
    tmp = await mkdtemp(join(tmpdir(), 'factbot-env-'));
  });
  afterAll(async () => {
    await data?.remove();
    await rm(tmp, { recursive: true, force: true });
  });

  it('a FACTBOT_ENV_FILE that does not exist stops npm start with exit 2, naming it (QA)', async () => {
    const missing = join(tmp, 'missing.env');
    const r = await start(childEnv(data.dir, { FACTBOT_ENV_FILE: missing }), '/quote great intel\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`FACTBOT_ENV_FILE: ${missing} does not exist`);
    expect(r.stdout).not.toMatch(/Corpus:/);
  });

  it('LOG_LEVEL set in the env file is obeyed', async () => {
    const envFile = join(tmp, 'debug.env');
    await writeFile(envFile, 'LOG_LEVEL=debug\n');
    const env = childEnv(data.dir, { FACTBOT_ENV_FILE: envFile });
    delete env.LOG_LEVEL;
    const r = await start(env, '/quote great intel\n');
    expect(r.code).toBe(0);
    // debug lines appear only at debug level: the file's level reached the logger.
    expect(r.stderr).toMatch(/"level":20/);
  });
});

describe('DATABASE_URL problems are said plainly (QA6 R2)', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'factbot-dburl-'));
  });
  afterAll(() => rm(tmp, { recursive: true, force: true }));

  /** The console's environment with its default log level (warn): a fatal line would show. */
  const env = (databaseUrl: string) => {
    const e = childEnv(tmp, { DATABASE_URL: databaseUrl });
    delete e.LOG_LEVEL;
    return e;
  };

  it('a DATABASE_URL that does not parse is a configuration error: exit 2, named, no stack', async () => {
    const r = await start(env('postgres://u:secret@[::1'), '/quote x\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ {2}- DATABASE_URL: not a valid URL: /m);
    expect(r.stderr).not.toMatch(/"level"|Invalid URL|secret|\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('a server that cannot be reached is one line and exit 1: no "factbot crashed" log line with a stack first', async () => {
    // A port nobody listens on: bound, then released.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const r = await start(env(`postgres://factbot:secret@127.0.0.1:${port}/factbot`), '/quote x\n');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `factbot: Cannot reach the PostgreSQL server at postgres://factbot:***@127.0.0.1:${port}/factbot (DATABASE_URL): connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });
});

describe('console logs stay out of the answers (QA)', () => {
  let data: Awaited<ReturnType<typeof tempDataDir>>;
  beforeAll(async () => {
    data = await tempDataDir();
  });
  afterAll(() => data?.remove());

  /** npm start's console while a file is added to the data folder; returns what it printed. */
  async function addFileWhileRunning(env: NodeJS.ProcessEnv, name: string) {
    const p = startInteractive(TSX, ['src/main.ts'], env);
    expect(await p.nextLine()).toMatch(/^Corpus: /);
    // The watcher starts right after the summary line.
    await new Promise((r) => setTimeout(r, 1000));
    await writeFile(join(data.dir, name), `Ann Vale said the harbour would reopen on Monday (${name}).\n`);
    // The watcher loads a moment after the last change; then one more answer.
    await new Promise((r) => setTimeout(r, 4000));
    p.child.stdin.end('/quote harbour reopen\n');
    return p.done;
  }

  it('without LOG_LEVEL, the console prints no info log lines (stdout or stderr) when the data folder reloads', async () => {
    const env = childEnv(data.dir);
    delete env.LOG_LEVEL;
    const r = await addFileWhileRunning(env, 'harbour.txt');
    expect(r.code).toBe(0);
    // The file was loaded (so the reload happened), and answered.
    expect(r.stdout).toMatch(/harbour would \*\*reopen\*\*|\*\*harbour\*\* would/);
    expect(r.stdout).not.toMatch(/"level"/);
    expect(r.stderr).not.toMatch(/data folder reloaded|"level":30/);
  }, 60_000);

  it('an explicit LOG_LEVEL=info still logs the reload, as JSON on stderr only', async () => {
    const r = await addFileWhileRunning(childEnv(data.dir, { LOG_LEVEL: 'info' }), 'harbour2.txt');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/"level"/);
    expect(r.stderr).toMatch(/"level":30.*"msg":"data folder reloaded"/);
  }, 60_000);
});

describe('a reader that closes stdout early (QA F32)', () => {
  let data: Awaited<ReturnType<typeof tempDataDir>>;
  beforeAll(async () => {
    data = await tempDataDir();
  });
  afterAll(() => data?.remove());

  it.each([
    ['the console', ['src/main.ts']],
    ['search --stdin --json', ['src/cli/main.ts', 'search', '--stdin', '--json']],
  ])('%s stops quietly (exit 0, no EPIPE trace)', async (_name, args) => {
    const child = spawn(TSX, args, { cwd: REPO, env: childEnv(data.dir), stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Queries keep coming; the reader takes the first chunk and leaves.
    const lines = args.includes('search') ? 'great intel\n' : '/quote intel\n';
    child.stdout.once('data', () => {
      child.stdout.destroy();
      for (let i = 0; i < 20; i++) child.stdin.write(lines);
      child.stdin.end();
    });
    child.stdin.write(lines);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  }, 60_000);
});
