import { ConfigError, type Config } from './config.js';
import { log, quietLogsForConsole } from './log.js';
import { describeProblem } from './domain/article.js';
import { DataDirError, openServices, readConfig, syncSummary, type OpenedServices } from './dispatch/services.js';
import { onStdoutClosed } from './platforms/console/stdout.js';
import { installRejectionNet } from './process/rejection-net.js';
import { StoreLockedError, StoreUnavailableError } from './store/index.js';
import type { ChannelPoster } from './platforms/types.js';

/**
 * `npm start`: load the config, open the store, load data/ into it, then run what is configured:
 * Slack and/or Discord (one process, one corpus), digests through them, and the console when no
 * chat platform is configured. Platform modules are imported only when configured, so the
 * console does not pay for loading Bolt and discord.js.
 */

interface Running {
  name: string;
  stop(): Promise<void>;
}

/** Each platform adds itself here: start it, hand back its poster (for digests) and a stop. */
async function startPlatforms(config: Config, opened: OpenedServices): Promise<{ posters: ChannelPoster[]; running: Running[] }> {
  const posters: ChannelPoster[] = [];
  const running: Running[] = [];
  if (config.slack) {
    const { startSlack } = await import('./platforms/slack/index.js');
    const slack = await startSlack(config.slack, opened.services);
    posters.push(slack.poster);
    running.push({ name: 'slack', stop: () => slack.stop() });
    log.info({ mode: config.slack.appToken ? 'socket' : `http:${config.slack.port}` }, 'slack started');
  }
  if (config.discord) {
    const { startDiscord } = await import('./platforms/discord/index.js');
    const discord = await startDiscord(config.discord, opened.services);
    posters.push(discord.poster);
    running.push({ name: 'discord', stop: () => discord.stop() });
    log.info({ guild: config.discord.guildId ?? 'global' }, 'discord started');
  }
  return { posters, running };
}

async function startDigestsFor(config: Config, opened: OpenedServices, posters: ChannelPoster[]): Promise<Running | null> {
  if (!posters.length) return null;
  const { startDigests } = await import('./digest/index.js');
  const digests = await startDigests({ services: opened.services, posters, config });
  return { name: 'digests', stop: () => digests.stop() };
}

export async function main(): Promise<number> {
  installRejectionNet(log);
  let config: Config;
  try {
    config = readConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example and the README's Configuration section.\n`);
      return 2;
    }
    throw err;
  }
  // No chat platform configured: this run is the console (see below), on the user's terminal.
  if (!config.slack && !config.discord) quietLogsForConsole();

  let opened: OpenedServices;
  try {
    opened = await openServices(config);
  } catch (err) {
    if (err instanceof DataDirError) {
      process.stderr.write(`factbot: ${err.message}\n`);
      return 2;
    }
    // The database server down or the embedded one held by another process: the operator's to
    // fix, said in one line; a stack trace (the crash path below) is for bugs.
    if (err instanceof StoreUnavailableError || err instanceof StoreLockedError) {
      process.stderr.write(`factbot: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  if (opened.dataDirNotice) process.stderr.write(`${opened.dataDirNotice}\n`);
  if (opened.sync) {
    process.stdout.write(`${syncSummary(opened.sync)}\n`);
    for (const e of opened.sync.errors.slice(0, 20)) process.stderr.write(e.warning ? `${describeProblem(e)}\n` : `could not load ${e.source}: ${e.reason}\n`);
    if (opened.sync.errors.length > 20) process.stderr.write(`… and ${opened.sync.errors.length - 20} more\n`);
  }

  const running: Running[] = [];
  // New files in the data folder (also what `factbot ingest` hands over) load while we run.
  const { watchDataDir } = await import('./corpus/watch.js');
  const watcher = watchDataDir(config.dataDir, opened.corpus);
  let stopping: Promise<void> | null = null;
  const shutdown = (): Promise<void> => {
    stopping ??= (async () => {
      watcher.stop();
      await watcher.idle();
      for (const r of [...running].reverse()) {
        await r.stop().catch((err: unknown) => log.error({ err, part: r.name }, 'stop failed'));
      }
      await opened.close().catch((err: unknown) => log.error({ err }, 'closing the store failed'));
    })();
    return stopping;
  };

  try {
    const platforms = await startPlatforms(config, opened);
    running.push(...platforms.running);
    const digests = await startDigestsFor(config, opened, platforms.posters);
    if (digests) running.push(digests);
  } catch (err) {
    log.error({ err }, 'start-up failed');
    process.stderr.write(`factbot could not start: ${(err as Error).message}\n`);
    await shutdown();
    return 1;
  }

  if (!running.length) {
    // No chat platform configured: the console on stdin/stdout, until end of input.
    const { runRepl } = await import('./platforms/console/repl.js');
    const ended = new AbortController();
    const onSignal = () => ended.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    // `npm start | head -1`: the reader left; stop answering and close the store quietly.
    onStdoutClosed(onSignal);
    try {
      await runRepl(opened.services, { signal: ended.signal });
    } finally {
      await shutdown();
      // stdin may still hold a pending read (a pipe or terminal nobody closed): let go of it.
      process.stdin.destroy();
    }
    return 0;
  }

  process.stdout.write(`factbot is running (${running.map((r) => r.name).join(', ')}). Ctrl-C stops it.\n`);
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      log.info({ signal }, 'shutting down');
      void shutdown().then(resolve);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    log.fatal({ err }, 'factbot crashed');
    process.stderr.write(`factbot: ${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
