/**
 * The seam between the store's SQL and the two clients that run it. All SQL is shared; only
 * connecting, transactions and notifications differ between PGlite and node-postgres.
 */
export interface Queryable {
  /** One statement with $1… parameters (arrays are passed as JS arrays: `$1::text[]`). */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Driver extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Server notifications on a channel from every process (PostgreSQL LISTEN). PGlite has no other
   * process, so its driver returns null and the store notifies its listeners itself.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<(() => Promise<void>) | null>;
  close(): Promise<void>;
}
