import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { BOT_SCOPES } from '../../src/platforms/slack/manifest.js';

/**
 * A loopback stand-in for Slack: the Web API (`SLACK_API_URL` = `${url}/api/`) and response_url
 * endpoints (`${url}/response/<id>`). It records every call, answers like Slack does, and can be
 * told to fail the next calls of a method (a 429 with Retry-After, or an `ok: false` error).
 * Also the helpers that sign requests for the Bolt app, as Slack would.
 */

export const BOT_USER_ID = 'UBOT0001';
export const BOT_ID = 'BBOT0001';
export const TEAM_ID = 'T0000001';
export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-test-token';

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
}

export interface ResponseUrlCall {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

type Failure = { status: 429; retryAfter: number } | { error: string };

export interface ThreadMessage {
  ts: string;
  text: string;
  user?: string;
  /** `tombstone` for a deleted first message that still has replies; `bot_message` for an app's post. */
  subtype?: string;
  bot_id?: string;
  /** A link's unfurl or an app's post: `title`, `text`, `pretext`, `fallback`. */
  attachments?: Array<Record<string, unknown>>;
  files?: Array<Record<string, unknown>>;
}

/**
 * A conversation as the stub's workspace knows it, for conversations.info / conversations.join
 * and, once registered, for who may post in it.
 */
export interface StubConversation {
  id: string;
  /** Channel name; group DMs are `mpdm-…`. */
  name?: string;
  type: 'public' | 'private' | 'im' | 'mpim';
  /** Whether the bot is in it. An IM with the bot in it is the bot's own DM with `user`. */
  member: boolean;
  archived?: boolean;
  /** IMs: the other person. */
  user?: string;
}

/** The history scope Slack wants for conversations.replies/history on each type of conversation. */
const HISTORY_SCOPE: Record<StubConversation['type'], string> = {
  public: 'channels:history',
  private: 'groups:history',
  im: 'im:history',
  mpim: 'mpim:history',
};

/** The read scope Slack wants for conversations.info on each type of conversation. */
const READ_SCOPE: Record<StubConversation['type'], string> = {
  public: 'channels:read',
  private: 'groups:read',
  im: 'im:read',
  mpim: 'mpim:read',
};

export class SlackStub {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlCall[] = [];
  /** Threads for conversations.replies: `${channel}/${ts}` → messages, parent first. */
  readonly threads = new Map<string, ThreadMessage[]>();
  /** The workspace's conversations; one not listed here is unknown to conversations.* (`channel_not_found`). */
  readonly conversations = new Map<string, StubConversation>();
  /** The bot token's scopes (by default the manifest's): a call needing another answers `missing_scope`. */
  readonly scopes = new Set<string>(BOT_SCOPES);
  private readonly failures = new Map<string, Failure[]>();
  private server: Server | undefined;
  private nextTs = 1;
  /** Socket Mode: apps.connections.open hands out `${url}/socket`, where this server speaks Slack's protocol. */
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private readonly acks = new Map<string, (payload: Record<string, unknown>) => void>();
  private nextEnvelope = 1;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      });
    });
    this.server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/socket')) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.socketConnected(ws));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.url}/response/${id}`;
  }

  /** The next `times` calls of `method` fail as given. */
  failNext(method: string, failure: Failure, times = 1): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(failure);
    this.failures.set(method, list);
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  responsesTo(id: string): ResponseUrlCall[] {
    return this.responses.filter((r) => r.id === id);
  }

  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.failures.clear();
    this.conversations.clear();
    this.scopes.clear();
    for (const scope of BOT_SCOPES) this.scopes.add(scope);
  }

  addConversation(conversation: StubConversation): StubConversation {
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  /** Polls until `check` returns something truthy (answers arrive after the HTTP ack). */
  async waitFor<T>(check: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return value;
      if (Date.now() > until) throw new Error('timed out waiting for the Slack stub');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Whether a Socket Mode client is connected (it has had its `hello`). */
  get socketConnectedCount(): number {
    return this.sockets.size;
  }

  /**
   * Sends an envelope over Socket Mode as Slack would (`events_api`, `slash_commands`,
   * `interactive`) and resolves with the client's acknowledgement payload.
   */
  sendEnvelope(type: string, payload: Record<string, unknown>, timeoutMs = 5000): Promise<Record<string, unknown>> {
    const [ws] = this.sockets;
    if (!ws) return Promise.reject(new Error('no Socket Mode client connected'));
    const envelopeId = `env-${this.nextEnvelope++}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${envelopeId}`)), timeoutMs);
      this.acks.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      ws.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: 0, retry_reason: '' }));
    });
  }

  private socketConnected(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
      if (msg.envelope_id) this.acks.get(msg.envelope_id)?.(msg.payload ?? {});
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0000001' }, debug_info: { host: 'stub' } }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', this.url);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };

    const responseMatch = /^\/response\/([\w-]+)$/.exec(url.pathname);
    if (responseMatch && req.method === 'POST') {
      // `failNext('response_url', …)` fails the next posts to any response_url.
      const failure = this.failures.get('response_url')?.shift();
      if (failure) {
        if ('status' in failure) json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) });
        else json(404, { ok: false, error: failure.error });
        return;
      }
      this.responses.push({ id: responseMatch[1]!, body: JSON.parse(raw || '{}') as Record<string, unknown>, at: Date.now() });
      json(200, { ok: true });
      return;
    }

    const apiMatch = /^\/api\/([\w.]+)$/.exec(url.pathname);
    if (!apiMatch) {
      json(404, { ok: false, error: 'unknown_path' });
      return;
    }
    const method = apiMatch[1]!;
    const args = parseArgs(raw, req.headers['content-type'] ?? '');
    this.calls.push({ method, args, at: Date.now() });

    const failure = this.failures.get(method)?.shift();
    if (failure) {
      if ('status' in failure) json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) });
      else json(200, { ok: false, error: failure.error });
      return;
    }
    json(200, this.answer(method, args));
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://newsroom.slack.com/', team: 'Newsroom', user: 'factbot', team_id: TEAM_ID, user_id: BOT_USER_ID, bot_id: BOT_ID };
      case 'apps.connections.open':
        return { ok: true, url: `${this.url.replace(/^http/, 'ws')}/socket` };
      case 'chat.postMessage': {
        const refused = this.postRefusal(String(args.channel));
        if (refused) return refused;
        return { ok: true, channel: args.channel, ts: `1700000000.${String(this.nextTs++).padStart(6, '0')}`, message: { text: args.text } };
      }
      case 'conversations.info':
        return this.conversationsInfo(String(args.channel));
      case 'conversations.join':
        return this.conversationsJoin(String(args.channel));
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `1700000000.${String(this.nextTs++).padStart(6, '0')}` };
      case 'conversations.replies': {
        // A registered conversation needs the history scope of its type (an unregistered one is
        // taken as readable, as before conversations were modelled).
        const c = this.conversations.get(String(args.channel));
        if (c && !this.visible(c.id)) return { ok: false, error: 'channel_not_found' };
        if (c && !this.scopes.has(HISTORY_SCOPE[c.type])) return this.missingScope(HISTORY_SCOPE[c.type]);
        const messages = this.threads.get(`${String(args.channel)}/${String(args.ts)}`);
        if (!messages) return { ok: false, error: 'thread_not_found' };
        const limit = Number(args.limit ?? 1000);
        return { ok: true, messages: messages.slice(0, limit), has_more: messages.length > limit };
      }
      default:
        return { ok: true };
    }
  }

  private missingScope(needed: string): Record<string, unknown> {
    return { ok: false, error: 'missing_scope', needed, provided: [...this.scopes].join(',') };
  }

  /** What the bot token can see: public channels, and the others only when it is in them. */
  private visible(channel: string): StubConversation | undefined {
    const c = this.conversations.get(channel);
    return c && (c.type === 'public' || c.member) ? c : undefined;
  }

  private conversationsInfo(channel: string): Record<string, unknown> {
    const readScopes = Object.values(READ_SCOPE);
    if (!readScopes.some((s) => this.scopes.has(s))) return this.missingScope(readScopes.join(','));
    const c = this.visible(channel);
    if (!c) return { ok: false, error: 'channel_not_found' };
    if (!this.scopes.has(READ_SCOPE[c.type])) return this.missingScope(READ_SCOPE[c.type]);
    return { ok: true, channel: conversationObject(c) };
  }

  private conversationsJoin(channel: string): Record<string, unknown> {
    if (!this.scopes.has('channels:join')) return this.missingScope('channels:join');
    const c = this.visible(channel);
    if (!c) return { ok: false, error: 'channel_not_found' };
    if (c.type !== 'public') return { ok: false, error: 'method_not_supported_for_channel_type' };
    if (c.archived) return { ok: false, error: 'is_archived' };
    if (c.member) {
      return { ok: true, channel: conversationObject(c), warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } };
    }
    c.member = true;
    return { ok: true, channel: conversationObject(c) };
  }

  /** Slack's answer to a post in a registered conversation the bot may not post in; none for unregistered ones. */
  private postRefusal(channel: string): Record<string, unknown> | undefined {
    const c = this.conversations.get(channel);
    if (!c) return undefined;
    if (!this.visible(channel)) return { ok: false, error: 'channel_not_found' };
    if (c.archived) return { ok: false, error: 'is_archived' };
    if (!c.member && !this.scopes.has('chat:write.public')) return { ok: false, error: 'not_in_channel' };
    return undefined;
  }
}

/** The conversation object as conversations.info and conversations.join return it (the fields of its type). */
function conversationObject(c: StubConversation): Record<string, unknown> {
  const created = 1_449_252_889;
  if (c.type === 'im') {
    return { id: c.id, created, is_im: true, is_org_shared: false, user: c.user ?? 'U0000001', is_user_deleted: false, priority: 0 };
  }
  const name = c.name ?? c.id.toLowerCase();
  return {
    id: c.id,
    name,
    is_channel: c.type === 'public',
    is_group: c.type === 'private',
    is_im: false,
    is_mpim: c.type === 'mpim',
    is_private: c.type !== 'public',
    created,
    is_archived: c.archived ?? false,
    is_general: false,
    unlinked: 0,
    name_normalized: name,
    is_shared: false,
    is_org_shared: false,
    is_ext_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: TEAM_ID,
    creator: 'U0000001',
    is_member: c.member,
    topic: { value: '', creator: '', last_set: 0 },
    purpose: { value: '', creator: '', last_set: 0 },
    previous_names: [],
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The Web API client sends form fields, with objects (blocks) as JSON strings. */
function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = (v.startsWith('[') || v.startsWith('{')) ? tryJson(v) : v;
  }
  return out;
}

function tryJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

// ---- requests into the Bolt app, signed as Slack signs them ----

export interface SignedRequestOptions {
  secret?: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Replace the signature (forgery). */
  signature?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export async function postSigned(url: string, body: string, opts: SignedRequestOptions = {}): Promise<{ status: number; text: string; json?: unknown }> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': opts.contentType ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': opts.signature ?? sign(opts.secret ?? SIGNING_SECRET, timestamp, body),
      ...opts.headers,
    },
    body,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

export function slashCommandBody(fields: { command: string; text: string; responseUrl: string; userId?: string; channelId?: string; channelName?: string; triggerId?: string }): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: TEAM_ID,
    team_domain: 'newsroom',
    channel_id: fields.channelId ?? 'C0000001',
    channel_name: fields.channelName ?? 'politics',
    user_id: fields.userId ?? 'U0000001',
    user_name: 'reporter',
    command: fields.command,
    text: fields.text,
    api_app_id: 'A0000001',
    response_url: fields.responseUrl,
    // Unique per invocation, as Slack's are: factbot answers each trigger once.
    trigger_id: fields.triggerId ?? `${Date.now()}.${Math.random().toString(36).slice(2, 10)}`,
  }).toString();
}

export function eventBody(event: Record<string, unknown>, eventId = `Ev${Math.random().toString(36).slice(2, 10).toUpperCase()}`): string {
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: TEAM_ID,
    api_app_id: 'A0000001',
    event: { event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
  });
}

export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function buttonPayload(fields: { actionId: string; value: string; responseUrl: string; userId?: string; channelId?: string; threadTs?: string }): Record<string, unknown> {
  return {
    type: 'block_actions',
    team: { id: TEAM_ID, domain: 'newsroom' },
    user: { id: fields.userId ?? 'U0000001', username: 'reporter', team_id: TEAM_ID },
    api_app_id: 'A0000001',
    token: 'deprecated-verification-token',
    container: {
      type: 'message',
      message_ts: '1700000000.000100',
      channel_id: fields.channelId ?? 'C0000001',
      is_ephemeral: !fields.threadTs,
      ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
    },
    trigger_id: '1.2.3',
    channel: { id: fields.channelId ?? 'C0000001', name: 'politics' },
    response_url: fields.responseUrl,
    actions: [{ type: 'button', action_id: fields.actionId, block_id: 'factbot_controls', value: fields.value, action_ts: '1700000001.000200', text: { type: 'plain_text', text: 'x' } }],
  };
}

export function messageShortcutPayload(fields: { text: string; responseUrl: string; userId?: string; channelId?: string }): Record<string, unknown> {
  return {
    type: 'message_action',
    token: 'deprecated-verification-token',
    action_ts: '1700000002.000300',
    team: { id: TEAM_ID, domain: 'newsroom' },
    user: { id: fields.userId ?? 'U0000001', name: 'reporter' },
    channel: { id: fields.channelId ?? 'C0000001', name: 'politics' },
    callback_id: 'find_sources',
    trigger_id: '1.2.3',
    message_ts: '1700000000.000500',
    message: { type: 'message', user: 'U0000002', ts: '1700000000.000500', text: fields.text },
    response_url: fields.responseUrl,
  };
}
