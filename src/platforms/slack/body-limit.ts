import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '../../log.js';

/**
 * Bolt's HTTPReceiver reads a request body whole, of any size and at any pace, before it checks
 * the signature: anyone who can reach the port could fill memory with unauthenticated bytes.
 * This guard sits in front of it. It reads bodies for the event endpoints itself, up to a cap and
 * within a deadline, and hands Bolt the buffered body (Bolt uses a `rawBody` it finds instead of
 * reading the stream), so Bolt's own signature and timestamp checks run unchanged.
 */

/** Slack's payloads (events, slash commands, interactions) are a few kilobytes; 1 MiB is ample. */
export const MAX_SLACK_BODY_BYTES = 1024 * 1024;
/** Slack sends a whole request in milliseconds; a body still trickling in after this is not Slack. */
export const SLACK_BODY_TIMEOUT_MS = 10_000;

export interface BodyLimits {
  maxBytes: number;
  timeoutMs: number;
}

type Buffered = IncomingMessage & { rawBody?: Buffer };

function reject(req: IncomingMessage, res: ServerResponse, status: 408 | 413, message: string): void {
  // Stop collecting; whatever still arrives is discarded, and the connection closes after the answer.
  req.removeAllListeners('data');
  req.resume();
  if (res.headersSent || res.writableEnded) return;
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
  res.end(message);
}

/**
 * Wraps Bolt's request listener: POSTs to `endpoints` are buffered here within `limits` (413 for a
 * body over the cap, announced or actual; 408 for one that does not arrive in time) and then passed
 * on; every other request goes straight to Bolt, which reads no body for them.
 */
export function limitRequestBodies(
  inner: RequestListener,
  endpoints: readonly string[],
  limits: BodyLimits,
  log: Logger,
): RequestListener {
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method?.toUpperCase() !== 'POST' || !endpoints.includes(path)) {
      inner(req, res);
      return;
    }

    const announced = Number(req.headers['content-length']);
    if (Number.isFinite(announced) && announced > limits.maxBytes) {
      log.warn({ bytes: announced, max: limits.maxBytes }, 'slack: request body too large, refused unread');
      reject(req, res, 413, 'Request body too large');
      return;
    }

    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const settle = () => {
      settled = true;
      clearTimeout(timer);
      chunks.length = 0;
    };
    const timer = setTimeout(() => {
      if (settled) return;
      settle();
      log.warn({ bytes: total }, 'slack: request body too slow, refused');
      reject(req, res, 408, 'Request body too slow');
    }, limits.timeoutMs);
    timer.unref();

    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      total += chunk.length;
      if (total > limits.maxBytes) {
        settle();
        log.warn({ max: limits.maxBytes }, 'slack: request body over the limit, cut');
        reject(req, res, 413, 'Request body too large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (settled) return;
      const body = Buffer.concat(chunks, total);
      settle();
      (req as Buffered).rawBody = body;
      try {
        inner(req, res);
      } catch (err) {
        log.error({ err }, 'slack: request handler failed');
        if (!res.headersSent) {
          res.writeHead(500);
          res.end();
        }
      }
    });
    // A client that goes away mid-body: nothing to answer, nothing to run.
    req.on('error', () => settle());
    req.on('close', () => {
      if (!settled && !req.complete) settle();
    });
  };
}
