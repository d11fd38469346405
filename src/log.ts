import pino from 'pino';

/**
 * One logger for the process, writing JSON lines to stderr so stdout stays clean for the CLI's
 * JSON output and the console's answers.
 */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * The logger exists before the config is validated, so an empty or unknown LOG_LEVEL falls back
 * here instead of throwing at import; src/config.ts then reports the bad value clearly.
 */
function initialLevel(raw: string | undefined): string {
  const level = raw?.trim().toLowerCase();
  if (level && (LOG_LEVELS as readonly string[]).includes(level)) return level;
  return process.env.VITEST ? 'silent' : 'info';
}

export const log = pino(
  { level: initialLevel(process.env.LOG_LEVEL), base: undefined },
  pino.destination({ fd: 2, sync: true }),
);

export type Logger = typeof log;

/**
 * The console shares the terminal with the logger: its answers go to stdout, the JSON logs to
 * stderr, and on a terminal both show up in one stream. Unless LOG_LEVEL is set (in the
 * environment or `.env`), the console logs only warnings and errors, so routine lines ("data
 * folder reloaded") never land between answers. Chat-bot mode keeps LOG_LEVEL's default (info).
 */
export function quietLogsForConsole(env: NodeJS.ProcessEnv = process.env): void {
  if (!env.LOG_LEVEL?.trim()) log.level = 'warn';
}
