import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseSchedule } from './digest/schedule.js';
import { LOG_LEVELS } from './log.js';

/**
 * Every setting comes from the environment (see .env.example) and is validated here, at the edge:
 * the rest of the code receives a typed Config and never reads process.env.
 */

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const url = (what: string) =>
  optionalString.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), {
    message: `${what} must be an http(s) URL`,
  });

const boolFlag = optionalString.transform((v, ctx) => {
  if (v === undefined) return false;
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be true or false' });
  return z.NEVER;
});

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const text = (message: string) => z.string({ required_error: message, invalid_type_error: message }).min(1, message);
const digestScheduleSchema = z.object(
  {
    platform: z.enum(['slack', 'discord'], { errorMap: () => ({ message: 'must be slack or discord' }) }),
    channel: text('must be a channel id'),
    cron: text('must be a schedule (daily 09:00) or a cron expression'),
    timezone: z.string().refine(isTimeZone, { message: 'not an IANA time zone' }).optional(),
  },
  { invalid_type_error: 'must be an object {"platform", "channel", "cron", "timezone"}' },
);
/**
 * Whether node-postgres can read DATABASE_URL. It parses with the WHATWG URL parser, retrying an
 * empty host after a user (`postgres://me@/db?host=/run/postgresql`, a Unix socket) with a
 * placeholder host, so the same is accepted here. Checked at the edge: a value it cannot parse
 * otherwise passed validation and crashed at the first query with a stack trace (QA6 R2).
 */
function isConnectionUrl(v: string): boolean {
  for (const candidate of [v, v.replace('@/', '@placeholder/')]) {
    try {
      new URL(candidate);
      return true;
    } catch {
      // try the next form
    }
  }
  return false;
}

/** A zod path as the JSON it points into: `[0].platform`. */
const jsonPath = (path: ReadonlyArray<string | number>) => path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
export type DigestScheduleConfig = z.infer<typeof digestScheduleSchema>;

const envSchema = z.object({
  DATA_DIR: optionalString,
  DATABASE_URL: optionalString
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
      message: 'must start with postgres:// (leave it empty for the embedded database under data/)',
    })
    .refine((v) => v === undefined || !/^postgres(ql)?:\/\//.test(v) || isConnectionUrl(v), {
      // The value is not echoed: it holds the password.
      message:
        'not a valid URL: postgres://USER:PASSWORD@HOST:PORT/DATABASE (percent-encode special characters in the password, e.g. @ as %40)',
    }),
  // Any case (INFO, Debug): the logger reads it case-insensitively too (log.ts).
  LOG_LEVEL: optionalString.transform((v) => v?.toLowerCase()).pipe(
    z.enum(LOG_LEVELS, { errorMap: () => ({ message: `must be one of ${LOG_LEVELS.join(', ')}` }) }).optional(),
  ),
  FACTBOT_TIMEZONE: optionalString.refine((v) => v === undefined || isTimeZone(v), {
    message: 'must be an IANA time zone such as Europe/London',
  }),

  SLACK_BOT_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xoxb-'), {
    message: 'must be a bot token starting with xoxb-',
  }),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString.refine((v) => v === undefined || v.startsWith('xapp-'), {
    message: 'must be an app-level token starting with xapp- (or be left empty for HTTP mode)',
  }),
  SLACK_API_URL: url('SLACK_API_URL'),
  SLACK_DIGEST_ADMINS: optionalString.refine(
    (v) => v === undefined || v.split(/[\s,]+/).filter(Boolean).every((id) => /^[UW][A-Z0-9]{2,}$/.test(id)),
    { message: 'must be Slack user ids such as U0123ABCD (profile → ⋮ → Copy member ID), separated by commas' },
  ),
  // Not 0 ("any free port"): Slack's Request URL must name the port, so a random one is unusable.
  PORT: optionalString.refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) < 65536), {
    message: 'must be a TCP port number from 1 to 65535',
  }),

  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString.refine((v) => v === undefined || /^\d{5,25}$/.test(v), {
    message: 'must be the numeric application id',
  }),
  DISCORD_GUILD_ID: optionalString.refine((v) => v === undefined || /^\d{5,25}$/.test(v), {
    message: 'must be a numeric server (guild) id',
  }),
  DISCORD_API_URL: url('DISCORD_API_URL'),

  DIGEST_SCHEDULES: optionalString,
  DIGEST_POST_EMPTY: boolFlag,
});

export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  /** Socket Mode when set, else HTTP on `port`. */
  appToken?: string;
  apiUrl?: string;
  port: number;
  digestAdmins: string[];
}

export interface DiscordConfig {
  token: string;
  applicationId: string;
  guildId?: string;
  apiUrl?: string;
}

export interface Config {
  dataDir: string;
  databaseUrl?: string;
  logLevel: string;
  timezone: string;
  slack?: SlackConfig;
  discord?: DiscordConfig;
  digest: { schedules: DigestScheduleConfig[]; postEmpty: boolean };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * The config of a real run: reads `.env` first when there is one (variables already set in the
 * environment win), then validates. FACTBOT_ENV_FILE names another file; set it empty to read
 * none (tests). The one place entry points (npm start, the CLI) read the environment.
 */
export function loadConfigFromEnvironment(env: NodeJS.ProcessEnv = process.env): Config {
  const named = env.FACTBOT_ENV_FILE;
  const file = named ?? '.env';
  // The default .env is read when there is one; a file named on purpose must exist.
  if (named && !existsSync(named)) {
    throw new ConfigError([`FACTBOT_ENV_FILE: ${named} does not exist (unset it to read .env, or set it empty to read none)`]);
  }
  if (file && existsSync(file)) {
    try {
      process.loadEnvFile(file);
    } catch (err) {
      throw new ConfigError([`${named ? 'FACTBOT_ENV_FILE: ' : ''}${file} cannot be read: ${(err as Error).message}`]);
    }
  }
  return loadConfig(env);
}

const machineTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * A declared digest, its schedule included, checked as the digest module will read it (presets,
 * cron, at least 10 minutes apart) in its time zone. A bad cron is a configuration error like a bad
 * platform or time zone in the same entry (QA6): skipped with a log line, as before, the digest
 * never ran while the start looked fine, and as declared digests are kept in step with this list,
 * the one stored under the previous schedule was removed.
 */
function declaredDigest(defaultTimezone: string, now: Date) {
  return digestScheduleSchema.superRefine((entry, ctx) => {
    // zod refines an entry whose other checks failed too: a bad time zone is reported once, above.
    if (typeof entry.cron !== 'string' || (entry.timezone !== undefined && !isTimeZone(entry.timezone))) return;
    const parsed = parseSchedule(entry.cron, entry.timezone ?? defaultTimezone, now);
    // The messages are written for chat (`code`); a terminal would show the backticks.
    if (!parsed.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['cron'], message: parsed.error.replace(/`/g, '') });
  });
}

/** Reads and validates the environment; throws ConfigError listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];

  let slack: SlackConfig | undefined;
  const slackVars = [e.SLACK_BOT_TOKEN, e.SLACK_SIGNING_SECRET, e.SLACK_APP_TOKEN];
  if (slackVars.some((v) => v !== undefined)) {
    if (!e.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN: required when any SLACK_ variable is set');
    if (!e.SLACK_SIGNING_SECRET) problems.push('SLACK_SIGNING_SECRET: required when any SLACK_ variable is set');
    if (e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET) {
      slack = {
        botToken: e.SLACK_BOT_TOKEN,
        signingSecret: e.SLACK_SIGNING_SECRET,
        appToken: e.SLACK_APP_TOKEN,
        apiUrl: e.SLACK_API_URL,
        port: e.PORT ? Number(e.PORT) : 3000,
        digestAdmins: (e.SLACK_DIGEST_ADMINS ?? '').split(/[\s,]+/).filter(Boolean),
      };
    }
  }

  let discord: DiscordConfig | undefined;
  if (e.DISCORD_TOKEN || e.DISCORD_APPLICATION_ID) {
    if (!e.DISCORD_TOKEN) problems.push('DISCORD_TOKEN: required when DISCORD_APPLICATION_ID is set');
    if (!e.DISCORD_APPLICATION_ID) problems.push('DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set');
    if (e.DISCORD_TOKEN && e.DISCORD_APPLICATION_ID) {
      discord = {
        token: e.DISCORD_TOKEN,
        applicationId: e.DISCORD_APPLICATION_ID,
        guildId: e.DISCORD_GUILD_ID,
        apiUrl: e.DISCORD_API_URL,
      };
    }
  }

  let schedules: DigestScheduleConfig[] = [];
  if (e.DIGEST_SCHEDULES) {
    try {
      const parsedSchedules = z
        .array(declaredDigest(e.FACTBOT_TIMEZONE ?? machineTimeZone(), new Date()), { invalid_type_error: 'must be a JSON array of digests' })
        .safeParse(JSON.parse(e.DIGEST_SCHEDULES));
      if (parsedSchedules.success) schedules = parsedSchedules.data;
      else
        problems.push(...parsedSchedules.error.issues.map((i) => `DIGEST_SCHEDULES${jsonPath(i.path)}: ${i.message}`));
    } catch (err) {
      problems.push(`DIGEST_SCHEDULES: not valid JSON (${(err as Error).message})`);
    }
  }

  if (problems.length) throw new ConfigError(problems);
  return {
    dataDir: resolve(e.DATA_DIR ?? 'data'),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL ?? 'info',
    timezone: e.FACTBOT_TIMEZONE ?? machineTimeZone(),
    slack,
    discord,
    digest: { schedules, postEmpty: e.DIGEST_POST_EMPTY },
  };
}
