import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** The PostgreSQL server test/setup/global.ts started (or TEST_DATABASE_URL), or '' with why not. */
export function testDatabaseUrl(): string {
  return inject('testDatabaseUrl') || process.env.TEST_DATABASE_URL || '';
}

export function testDatabaseSkipReason(): string {
  return inject('testDatabaseSkipReason') || 'TEST_DATABASE_URL is not set';
}

/** A fresh database with a random name on the test server, so test files can run in parallel. */
export async function createTestDatabase(baseUrl = testDatabaseUrl()): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `factbot_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
