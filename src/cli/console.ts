import { DataDirError, openServices, readConfigOrReport, syncSummary } from '../dispatch/services.js';
import { onStdoutClosed } from '../platforms/console/stdout.js';
import { runRepl } from '../platforms/console/repl.js';
import { quietLogsForConsole } from '../log.js';

/** `factbot console`: the interactive console on the corpus in DATA_DIR (data/ by default). */
export async function runConsole(): Promise<number> {
  const config = readConfigOrReport((m) => process.stderr.write(`${m}\n`));
  if (!config) return 2;
  quietLogsForConsole();
  let opened;
  try {
    opened = await openServices(config);
  } catch (e) {
    process.stderr.write(`factbot console: ${(e as Error).message}\n`);
    // A DATA_DIR that cannot be used is a configuration error: exit 2, as npm start.
    return e instanceof DataDirError ? 2 : 1;
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
