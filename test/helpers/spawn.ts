import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** A throw-away DATA_DIR holding a copy of the seed articles, so tests never touch data/db. */
export async function tempDataDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'factbot-data-'));
  await cp(join(REPO, 'data', 'articles'), join(dir, 'articles'), { recursive: true });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The environment of a child factbot: no chat tokens, no .env file, quiet logs. */
export function childEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(SLACK_|DISCORD_|DIGEST_|DATABASE_URL$|PORT$|VITEST)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, DATA_DIR: dataDir, FACTBOT_ENV_FILE: '', LOG_LEVEL: 'silent', NO_COLOR: '1', ...extra };
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command with `input` on stdin (then end of input) and collects its output. */
export function runWithInput(cmd: string, args: string[], env: NodeJS.ProcessEnv, input: string, timeoutMs = 60_000): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: REPO, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out; stdout so far:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

const live = new Set<ChildProcessWithoutNullStreams>();

/** Kills children a failed test left running (call in afterAll). */
export function killLeftovers(): void {
  for (const c of live) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  live.clear();
}

/** Starts a command and hands back a line reader for its stdout, for conversation-style tests. */
export function startInteractive(cmd: string, args: string[], env: NodeJS.ProcessEnv): {
  child: ChildProcessWithoutNullStreams;
  nextLine(timeoutMs?: number): Promise<string>;
  /** Everything written to stdout so far. */
  output(): string;
  done: Promise<Finished>;
} {
  const child = spawn(cmd, args, { cwd: REPO, env, stdio: ['pipe', 'pipe', 'pipe'] });
  live.add(child);
  child.on('close', () => live.delete(child));
  let buf = '';
  let all = '';
  let stderr = '';
  const waiting: Array<(line: string) => void> = [];
  const lines: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    all += d;
    buf += d;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      const w = waiting.shift();
      if (w) w(line);
      else lines.push(line);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<Finished>((resolve) => child.on('close', (code) => resolve({ code, stdout: all, stderr })));
  return {
    child,
    done,
    output: () => all,
    nextLine(timeoutMs = 60_000) {
      const ready = lines.shift();
      if (ready !== undefined) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no line within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
        waiting.push((l) => {
          clearTimeout(t);
          resolve(l);
        });
      });
    },
  };
}
