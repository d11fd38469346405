import pino from 'pino';

/**
 * One logger for the process, writing JSON lines to stderr so stdout stays clean for the CLI's
 * JSON output and the console's answers.
 */
export const log = pino(
  { level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'), base: undefined },
  pino.destination({ fd: 2, sync: true }),
);

export type Logger = typeof log;
