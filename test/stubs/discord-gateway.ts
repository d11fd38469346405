import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { APP_ID, GUILD_ID, botUser, guildPayload } from './discord-fixtures.js';

/**
 * A loopback Discord gateway (v10, JSON, no compression) for the real discord.js client:
 * HELLO → IDENTIFY → READY (one unavailable guild) → GUILD_CREATE (a channel and a thread);
 * heartbeats ACKed; RESUME answered with RESUMED; tests then `dispatch` events to the bot.
 */
export class FakeGateway {
  readonly identifies: Array<{ intents: number; token: string }> = [];
  readonly resumes: Array<{ session_id: string; seq: number }> = [];
  heartbeats = 0;
  connections = 0;
  /** Answer IDENTIFY the way Discord answers a bad token: close code 4004, Authentication failed. */
  rejectIdentify = false;
  /**
   * The application's flags in READY, as the developer portal sets them: 1 << 18 (GATEWAY_MESSAGE_CONTENT)
   * when its Message Content Intent toggle is on, 1 << 19 (…_LIMITED) for an unverified app under 100 servers.
   */
  applicationFlags = 0;
  /**
   * Discord closes with 4014 (Disallowed intent(s)) an IDENTIFY asking for a privileged intent the
   * portal has not enabled: these are the privileged bits it allows (GUILD_MEMBERS 1 << 1,
   * GUILD_PRESENCES 1 << 8, MESSAGE_CONTENT 1 << 15).
   */
  allowedPrivilegedIntents = 0;
  private wss: WebSocketServer | null = null;
  private readonly sockets = new Set<WebSocket>();
  private seq = 0;
  url = '';

  constructor(private readonly heartbeatIntervalMs = 20_000) {}

  async start(): Promise<string> {
    this.wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => this.wss!.once('listening', () => resolve()));
    const { port } = this.wss.address() as AddressInfo;
    this.url = `ws://127.0.0.1:${port}`;
    this.wss.on('connection', (ws) => this.onConnection(ws));
    return this.url;
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
    this.wss = null;
  }

  /** Clients connected now. */
  get openConnections(): number {
    return this.sockets.size;
  }

  /** Sends a dispatch (op 0) to every connected client. */
  dispatch(t: string, d: unknown): void {
    this.seq++;
    for (const ws of this.sockets) ws.send(JSON.stringify({ op: 0, t, s: this.seq, d }));
  }

  /** Drops every connection the way a network fault or a Discord restart would. */
  dropAll(code = 4000): void {
    for (const ws of this.sockets) ws.close(code, 'test: dropped');
  }

  async waitFor(pred: () => boolean, ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > deadline) throw new Error('fake gateway: condition not reached in time');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private onConnection(ws: WebSocket): void {
    this.connections++;
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs }, s: null, t: null }));
    ws.on('message', (raw) => {
      const msg = JSON.parse(raw.toString()) as { op: number; d: never };
      if (msg.op === 1) {
        this.heartbeats++;
        ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      } else if (msg.op === 2) {
        this.identifies.push(msg.d);
        if (this.rejectIdentify) {
          ws.close(4004, 'Authentication failed.');
          return;
        }
        const privileged = (1 << 1) | (1 << 8) | (1 << 15);
        if ((msg.d as { intents: number }).intents & privileged & ~this.allowedPrivilegedIntents) {
          ws.close(4014, 'Disallowed intent(s).');
          return;
        }
        this.send(ws, 'READY', {
          v: 10,
          user: botUser,
          guilds: [{ id: GUILD_ID, unavailable: true }],
          session_id: 'fake-session',
          resume_gateway_url: this.url,
          shard: [0, 1],
          application: { id: APP_ID, flags: this.applicationFlags },
          private_channels: [],
          relationships: [],
          user_settings: {},
          presences: [],
          guild_join_requests: [],
          geo_ordered_rtc_regions: [],
        });
        this.send(ws, 'GUILD_CREATE', guildPayload());
      } else if (msg.op === 6) {
        this.resumes.push(msg.d);
        this.send(ws, 'RESUMED', null);
      }
    });
  }

  private send(ws: WebSocket, t: string, d: unknown): void {
    this.seq++;
    ws.send(JSON.stringify({ op: 0, t, s: this.seq, d }));
  }
}
