/**
 * Jest globalSetup: ONE embedded PostgreSQL for the whole run (in a fresh mkdtemp directory,
 * deleted on stop), migrated, its URL exported as DATABASE_URL so every worker inherits it.
 * Set KEYGATE_TEST_DATABASE_URL to run against an existing (disposable!) database instead.
 *
 * Runs in jest's parent process through its CJS require hook (ts-jest transform, no
 * moduleNameMapper), so it imports the persistence sources by relative path, not by alias.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../libs/persistence/src/embedded/embedded-postgres';
import { applyMigrations } from '../libs/persistence/src/migrations/migration-runner';

declare global {
  // eslint-disable-next-line no-var
  var __KEYGATE_TEST_PG__: EmbeddedPostgresHandle | undefined;
}

export default async function globalSetup(): Promise<void> {
  const external = process.env.KEYGATE_TEST_DATABASE_URL;
  if (external) {
    await applyMigrations(external);
    process.env.DATABASE_URL = external;
    return;
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'keygate-test-pg-'));
  const postgres = await startEmbeddedPostgres({ dataDir, persistent: false });
  globalThis.__KEYGATE_TEST_PG__ = postgres;
  try {
    await applyMigrations(postgres.databaseUrl);
  } catch (err) {
    await postgres.stop();
    throw err;
  }
  process.env.DATABASE_URL = postgres.databaseUrl;
}
