import pg from 'pg';
import type { Driver, Queryable } from './driver.js';
import { log } from '../log.js';

function wrap(q: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      const res = await q.query(sql, params as unknown[]);
      return res.rows as R[];
    },
    async exec(sql: string): Promise<void> {
      await q.query(sql);
    },
  };
}

/**
 * node-postgres against a PostgreSQL server: a small pool for queries and transactions, and one
 * dedicated connection per LISTEN channel (reconnected with backoff if the server drops it).
 */
export function pgDriver(connectionString: string, opts: { max?: number } = {}): Driver {
  const pool = new pg.Pool({ connectionString, max: opts.max ?? 4 });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', (err) => log.warn({ err: err.message }, 'store: idle PostgreSQL connection failed'));
  const listeners = new Set<pg.Client>();
  let closed = false;
  const base = wrap(pool);

  return {
    engine: 'postgres',
    query: base.query,
    exec: base.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
      let client: pg.Client | null = null;
      let stopped = false;
      let delay = 250;
      const connect = async (): Promise<void> => {
        const c = new pg.Client({ connectionString });
        let lost = false;
        const onLost = (why: string) => {
          if (lost) return;
          lost = true;
          listeners.delete(c);
          c.end().catch(() => undefined);
          if (stopped || closed) return;
          log.warn({ why }, 'store: LISTEN connection lost, reconnecting');
          setTimeout(() => void retry(), delay).unref();
        };
        c.on('notification', (msg) => {
          if (msg.channel === channel) onPayload(msg.payload ?? '');
        });
        c.on('error', (err) => onLost(err.message));
        c.on('end', () => onLost('connection ended'));
        await c.connect();
        await c.query(`LISTEN ${channel}`);
        listeners.add(c);
        client = c;
        delay = 250;
        // Whatever was missed while disconnected is caught up by the reader's changesSince.
        onPayload('');
      };
      const retry = async (): Promise<void> => {
        try {
          await connect();
        } catch (err) {
          delay = Math.min(delay * 2, 10_000);
          log.warn({ err: (err as Error).message }, 'store: LISTEN reconnect failed');
          if (!stopped && !closed) setTimeout(() => void retry(), delay).unref();
        }
      };
      await connect();
      return async () => {
        stopped = true;
        if (client) {
          listeners.delete(client);
          await client.end().catch(() => undefined);
        }
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...listeners].map((c) => c.end().catch(() => undefined)));
      await pool.end();
    },
  };
}
