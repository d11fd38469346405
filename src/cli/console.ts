import { ConfigError } from '../config.js';
import { openServices, readConfig, syncSummary } from '../dispatch/services.js';
import { onStdoutClosed } from '../platforms/console/stdout.js';
import { runRepl } from '../platforms/console/repl.js';

/** `factbot console`: the interactive console on the corpus in DATA_DIR (data/ by default). */
export async function runConsole(): Promise<number> {
  let config;
  try {
    config = readConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  let opened;
  try {
    opened = await openServices(config);
  } catch (e) {
    process.stderr.write(`factbot console: ${(e as Error).message}\n`);
    return 1;
  }
  try {
    if (opened.dataDirNotice) process.stderr.write(`${opened.dataDirNotice}\n`);
    if (opened.sync) {
      process.stdout.write(`${syncSummary(opened.sync)}\n`);
      for (const e of opened.sync.errors.slice(0, 20)) process.stderr.write(`${e.source}: ${e.reason}\n`);
    }
    const ended = new AbortController();
    const onSignal = () => ended.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    onStdoutClosed(onSignal);
    await runRepl(opened.services, { signal: ended.signal });
    return 0;
  } finally {
    await opened.close();
    process.stdin.destroy();
  }
}
