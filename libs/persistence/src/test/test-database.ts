import { randomInt } from 'node:crypto';
import { Client } from 'pg';
import { createPrismaClient, type PrismaClient } from '../prisma/prisma-client.factory';

/**
 * Helpers for integration specs on the database of test/global-setup.ts. Every spec works in
 * accounts of its own (uniqueAccountId), so specs run in parallel without truncating anything.
 */

/** DATABASE_URL set by jest's globalSetup; fails loudly when a spec runs without it. */
export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the specs through jest (test/global-setup.ts).');
  return url;
}

/**
 * A Prisma client on the test database; $disconnect it in afterAll. The waits are generous: the
 * production defaults (500 ms for a connection, 1.5 s per statement) make specs flaky on a busy
 * 2-core machine running several jest workers.
 */
export function testPrismaClient(): PrismaClient {
  return createPrismaClient(testDatabaseUrl(), {
    poolMax: 4,
    connectionTimeoutMillis: 10_000,
    queryTimeoutMillis: 20_000,
    statementTimeoutMillis: 15_000,
    transactionMaxWaitMillis: 10_000,
    transactionTimeoutMillis: 20_000,
  });
}

/** A random 12-digit account id (collisions: about 1 in 10^12 per pair). */
export function uniqueAccountId(): string {
  return String(randomInt(1, 2 ** 47) % 1_000_000_000_000).padStart(12, '0');
}

/** Creates a scratch database on the test server; returns its URL and a drop function. */
export async function createScratchDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomInt(1e9).toString(36)}`.toLowerCase();
  const admin = new URL(testDatabaseUrl());
  admin.pathname = '/postgres';
  await withClient(admin.toString(), (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  const drop = () =>
    withClient(admin.toString(), (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`)).then(
      () => undefined,
    );
  return { url: url.toString(), drop };
}

/** Runs fn with a short-lived pg.Client. */
export async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
