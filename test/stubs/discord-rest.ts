import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APP_ID, BOT_ID, CHANNEL_ID, GUILD_ID, THREAD_ID, botUser, guildPayload, messagePayload, snowflake, type MessageInit } from './discord-fixtures.js';

/**
 * A loopback stand-in for Discord's REST API (v10) for the real discord.js client: it records every
 * request and answers the routes the bot uses with documented shapes. Tests read `requests` to see
 * what users would see, seed `messages` for fetches, and queue failures (403/50013, 404/10003, 429).
 */
export interface RecordedRequest {
  method: string;
  /** Path after /api/v10, e.g. /channels/123/messages. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  at: number;
}

interface Failure {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
  headers: Record<string, string>;
  times: number;
}

/**
 * How long a missing request is waited for: under the test timeout (30 s), and long enough for a
 * machine shared with other work (one autocomplete took over 15 s at a load average of 13).
 */
const WAIT_MS = 25_000;

export class DiscordRestStub {
  readonly requests: RecordedRequest[] = [];
  /** Messages GET /channels/:c/messages/:m can return, by `${channel}/${message}`. */
  readonly messages = new Map<string, ReturnType<typeof messagePayload>>();
  gatewayUrl = 'ws://127.0.0.1:1';
  /**
   * What each interaction's user sees, by interaction token, following Discord's rule for a reply
   * deferred with "thinking…" (callback type 5): the first follow-up sent while it still thinks does
   * not post a new message, it replaces the thinking one and keeps its privacy.
   */
  readonly shown = new Map<string, ShownInteraction>();
  private server: Server | null = null;
  private failures: Failure[] = [];
  private waiters: Array<() => void> = [];

  /** Starts on 127.0.0.1 and returns the value for DISCORD_API_URL (…/api, discord.js adds /v10). */
  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/api`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  /** The next `times` requests matching answer with this error instead. */
  fail(method: string, path: RegExp, status: number, body: unknown, opts: { times?: number; headers?: Record<string, string> } = {}): void {
    this.failures.push({ method, path, status, body, headers: opts.headers ?? {}, times: opts.times ?? 1 });
  }

  find(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  /** Resolves with the first request (from index `from` on) matching, or rejects after `ms`. */
  async waitFor(method: string, path: RegExp, opts: { from?: number; ms?: number } = {}): Promise<RecordedRequest> {
    // Generous: a request that comes is found at once; only a missing one waits this long, and CI
    // machines are shared.
    const deadline = Date.now() + (opts.ms ?? WAIT_MS);
    for (;;) {
      const hit = this.requests.slice(opts.from ?? 0).find((r) => r.method === method && path.test(r.path));
      if (hit) return hit;
      if (Date.now() > deadline) {
        const seen = this.requests.map((r) => `${r.method} ${r.path}`).join('\n  ');
        throw new Error(`no ${method} ${path} within ${opts.ms ?? WAIT_MS} ms; saw:\n  ${seen}`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, '');
    let body: unknown = null;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const method = req.method ?? 'GET';
    this.requests.push({ method, path, query: url.searchParams, body, at: Date.now() });
    for (const w of this.waiters.splice(0)) w();

    const failure = this.failures.find((f) => f.method === method && f.path.test(path) && f.times > 0);
    if (failure) {
      failure.times--;
      return send(res, failure.status, failure.body, failure.headers);
    }
    this.track(method, path, body);
    const answer = this.route(method, path, body as MessageInit | null);
    if (answer === undefined) return send(res, 404, { message: '404: Not Found', code: 0 });
    if (answer === null) return send(res, 204, null);
    return send(res, answer.status ?? 200, answer.body);
  }

  private track(method: string, path: string, body: unknown): void {
    const b = (body ?? {}) as { type?: number; data?: MessageInit; flags?: number; content?: string };
    let m: RegExpExecArray | null;
    if (method === 'POST' && (m = /^\/interactions\/\d+\/([^/]+)\/callback$/.exec(path))) {
      const ephemeral = ((b.data?.flags ?? 0) & EPHEMERAL_FLAG) !== 0;
      if (b.type === 5) this.shown.set(m[1]!, { original: { content: null, ephemeral }, thinking: true, followUps: [] });
      else if (b.type === 4) this.shown.set(m[1]!, { original: { content: b.data?.content ?? '', ephemeral }, thinking: false, followUps: [] });
      return;
    }
    if (method === 'PATCH' && (m = /^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/.exec(path))) {
      const s = this.shown.get(m[1]!);
      if (s) Object.assign(s, { original: { ...s.original, content: b.content ?? s.original.content }, thinking: false });
      return;
    }
    if (method === 'POST' && (m = /^\/webhooks\/\d+\/([^/]+)$/.exec(path))) {
      const s = this.shown.get(m[1]!);
      if (s?.thinking) Object.assign(s, { original: { ...s.original, content: b.content ?? '' }, thinking: false });
      else s?.followUps.push({ content: b.content ?? '', ephemeral: ((b.flags ?? 0) & EPHEMERAL_FLAG) !== 0 });
    }
  }

  private route(method: string, path: string, body: MessageInit | null): { status?: number; body: unknown } | null | undefined {
    let m: RegExpExecArray | null;
    if (method === 'GET' && (path === '/gateway/bot' || path === '/gateway')) {
      return {
        body: {
          url: this.gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
        },
      };
    }
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return null;
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/.exec(path))) {
      if (method === 'PATCH' || method === 'GET') {
        return { body: messagePayload({ id: m[3] === '@original' ? snowflake() : m[3], ...(body ?? {}), author: botUser, flags: body?.flags ?? 0 }) };
      }
      if (method === 'DELETE') return null;
    }
    if (method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(path)) {
      return { body: messagePayload({ ...(body ?? {}), author: botUser }) };
    }
    if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'POST') {
      return { body: messagePayload({ ...(body ?? {}), channel_id: m[1], author: botUser, message_reference: body?.message_reference }) };
    }
    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path)) && method === 'GET') {
      const found = this.messages.get(`${m[1]}/${m[2]}`);
      return found ? { body: found } : { status: 404, body: { message: 'Unknown Message', code: 10008 } };
    }
    if ((m = /^\/channels\/(\d+)\/typing$/.exec(path)) && method === 'POST') return null;
    if ((m = /^\/channels\/(\d+)$/.exec(path)) && method === 'GET') {
      const g = guildPayload();
      const ch = [...g.channels.map((c) => ({ ...c, guild_id: GUILD_ID })), ...g.threads].find((c) => c.id === m![1]);
      return ch ? { body: ch } : { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
    }
    if ((m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path)) && method === 'PUT') {
      const list: unknown[] = Array.isArray(body) ? body : [];
      return {
        body: list.map((c) => ({
          id: snowflake(),
          application_id: m![1],
          ...(m![2] ? { guild_id: m![2] } : {}),
          version: snowflake(),
          default_member_permissions: null,
          type: 1,
          ...(c as Record<string, unknown>),
        })),
      };
    }
    if (method === 'GET' && path === '/users/@me') return { body: botUser };
    if (method === 'GET' && path === '/applications/@me') return { body: { id: APP_ID, name: 'factbot', bot: botUser, flags: 0 } };
    return undefined;
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (status === 204 || body === null) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export const ids = { APP_ID, BOT_ID, CHANNEL_ID, GUILD_ID, THREAD_ID };

const EPHEMERAL_FLAG = 64;

/** One message of an interaction as its user sees it: its text, and whether only they see it. */
export interface ShownMessage {
  content: string | null;
  ephemeral: boolean;
}
export interface ShownInteraction {
  /** The response itself (after any edits, or the follow-up that replaced "thinking…"). */
  original: ShownMessage;
  /** Still "thinking…": deferred, neither edited nor followed up yet. */
  thinking: boolean;
  /** Follow-ups posted as messages of their own. */
  followUps: ShownMessage[];
}

/** The parts of request bodies the tests look at (Discord API v10 field names). */
export interface EmbedJson {
  title?: string;
  url?: string;
  description?: string;
  author?: { name: string };
  footer?: { text: string };
  fields?: Array<{ name: string; value: string }>;
}
export interface ButtonJson {
  type: number;
  label?: string;
  custom_id?: string;
  disabled?: boolean;
}
export interface MessageJson {
  content?: string;
  embeds?: EmbedJson[];
  components?: Array<{ type: number; components: ButtonJson[] }>;
  allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[]; replied_user?: boolean };
  flags?: number;
  message_reference?: { message_id?: string; channel_id?: string };
}
export interface CallbackJson {
  type: number;
  data?: MessageJson & { choices?: Array<{ name: string; value: string | number }> };
}

export function asMessage(r: RecordedRequest): MessageJson {
  return r.body as MessageJson;
}
export function asCallback(r: RecordedRequest): CallbackJson {
  return r.body as CallbackJson;
}
/** Everything a user would read in a message: content, embed titles, descriptions, footers. */
export function visibleText(m: MessageJson | undefined): string {
  if (!m) return '';
  const parts = [m.content ?? ''];
  for (const e of m.embeds ?? []) parts.push(e.author?.name ?? '', e.title ?? '', e.description ?? '', e.footer?.text ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value]));
  return parts.join('\n');
}
export function buttons(m: MessageJson | undefined): ButtonJson[] {
  return (m?.components ?? []).flatMap((row) => row.components);
}
