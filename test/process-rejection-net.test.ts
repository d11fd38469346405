import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const netModule = fileURLToPath(new URL('../src/process/rejection-net.ts', import.meta.url));

/**
 * Runs a small Node process in which a promise rejects with nobody to catch it (as a handler that
 * forgot its try/catch would), with or without the net, and reports how it ended.
 */
function runChild(withNet: boolean): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = `
    import { installRejectionNet } from ${JSON.stringify(netModule)};
    const logger = { error: (fields, msg) => process.stderr.write('LOGGED ' + msg + ': ' + fields.err.message + '\\n') };
    if (${withNet}) installRejectionNet(logger);
    Promise.reject(new Error('handler failed'));
    setTimeout(() => process.stdout.write('still answering\\n'), 100);
  `;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { timeout: 20_000 },
      (err, stdout, stderr) => {
        const code = err && typeof err.code === 'number' ? err.code : err ? null : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('the unhandled-rejection net', () => {
  it('logs a rejection nobody caught and keeps the process running', async () => {
    const run = await runChild(true);
    expect(run.stderr).toContain('LOGGED unhandled rejection (the bot keeps running): handler failed');
    expect(run.stdout).toContain('still answering');
    expect(run.code).toBe(0);
  });

  it('is what keeps it alive: without it Node ends the process', async () => {
    const run = await runChild(false);
    expect(run.stdout).not.toContain('still answering');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('handler failed');
  });

  it('can be taken down again', async () => {
    const { installRejectionNet } = await import('../src/process/rejection-net.js');
    const before = process.listenerCount('unhandledRejection');
    const remove = installRejectionNet({ error: () => undefined });
    expect(process.listenerCount('unhandledRejection')).toBe(before + 1);
    remove();
    expect(process.listenerCount('unhandledRejection')).toBe(before);
  });
});
