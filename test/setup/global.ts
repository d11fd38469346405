import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * vitest globalSetup: gives the store tests a PostgreSQL server. TEST_DATABASE_URL from the
 * environment wins; otherwise, when the server binaries are installed (Debian's postgresql
 * package, as .ci/run installs), a throw-away cluster is created in a temp dir, started on
 * 127.0.0.1 on a free port, and removed at teardown. Without binaries nothing is set and the
 * PostgreSQL suites skip with one line saying why. Workers get the URL through `inject` (see
 * test/setup/pg.ts) and the environment.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseUrl: string;
    testDatabaseSkipReason: string;
  }
}

function findBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0]!, 'bin') : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const provide = (url: string, reason: string) => {
    project.provide('testDatabaseUrl', url);
    project.provide('testDatabaseSkipReason', reason);
  };
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given) {
    provide(given, '');
    return async () => {};
  }
  const bin = findBinDir();
  if (!bin) {
    provide('', 'no TEST_DATABASE_URL and no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb); install postgresql to run them');
    return async () => {};
  }

  // PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
  const dir = mkdtempSync(join(tmpdir(), 'factbot-pg-'));
  const data = join(dir, 'data');
  let started = false;
  try {
    if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
    run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    run(join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', join(dir, 'server.log'), '-w', '-t', '30', 'start']);
    started = true;
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    process.env.TEST_DATABASE_URL = url;
    provide(url, '');
  } catch (err) {
    const reason = `could not start a throw-away PostgreSQL server (${(err as Error).message.split('\n')[0]})`;
    provide('', reason);
    if (!started) rmSync(dir, { recursive: true, force: true });
  }

  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (started) {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already gone: removing the folder is all that is left.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // Interrupted runs (Ctrl-C) skip teardown: the server must not outlive vitest.
  process.once('exit', stop);
  return async () => {
    process.removeListener('exit', stop);
    stop();
  };
}
