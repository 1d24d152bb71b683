// INVARIANT: test/global-setup.ts loads this file outside jest's module mapper: import only Node
// built-ins, npm packages and relative files of this folder tree - never @keygate/* aliases.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { defaultMigrationsDir } from './migrations-dir';

/**
 * The advisory lock key `prisma migrate deploy` takes, so our runner and the Prisma CLI (where
 * people have network access) never apply migrations concurrently.
 */
const PRISMA_ADVISORY_LOCK = 72707369;

/** Folder names Prisma creates: <yyyymmddhhmmss>_<name>. */
const MIGRATION_FOLDER = /^\d{14}_[A-Za-z0-9_]+$/;

/** The table `prisma migrate deploy` creates, column for column. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** A migration folder on disk. */
export interface LocalMigration {
  name: string;
  sql: string;
  /** sha256 hex of migration.sql, as Prisma computes it. */
  checksum: string;
}

/** Which migrations the database has and which it still needs. */
export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** Reads <dir>/<yyyymmddhhmmss>_<name>/migration.sql in name order. */
export function readLocalMigrations(migrationsDir: string = defaultMigrationsDir()): LocalMigration[] {
  if (!existsSync(migrationsDir)) throw new Error(`Migrations directory not found: ${migrationsDir}`);
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && MIGRATION_FOLDER.test(entry.name))
    .map((entry) => entry.name)
    .sort()
    .filter((name) => existsSync(join(migrationsDir, name, 'migration.sql')))
    .map((name) => {
      const sql = readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql, 'utf8').digest('hex') };
    });
}

/**
 * Applies every pending migration like `prisma migrate deploy`: under Prisma's advisory lock,
 * creating and filling `_prisma_migrations` the way Prisma does. Each migration runs in its own
 * transaction together with its bookkeeping row, so a failed migration leaves nothing behind.
 * Refuses to run when an applied migration was edited (checksum changed) or when a previous
 * attempt outside this runner failed half-way (a row with neither finished_at nor rolled_back_at).
 * @returns the names of the migrations applied by this call (empty when up to date).
 */
export async function applyMigrations(
  databaseUrl: string,
  migrationsDir: string = defaultMigrationsDir(),
): Promise<string[]> {
  const local = readLocalMigrations(migrationsDir);
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    // Like Prisma: give up after 10 s instead of queueing forever behind another runner.
    await client.query(`SET lock_timeout = '10s'`);
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK]);
    await client.query('RESET lock_timeout');
    await client.query(CREATE_MIGRATIONS_TABLE);
    const rows = await readAppliedRows(client);
    assertConsistent(local, rows);
    const done = new Set(rows.filter(isApplied).map((row) => row.migration_name));
    const appliedNow: string[] = [];
    for (const migration of local.filter((m) => !done.has(m.name))) {
      await applyOne(client, migration);
      appliedNow.push(migration.name);
    }
    return appliedNow;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

/**
 * Applied and pending migration names, for readiness checks. Accepts a connection string or an
 * existing pool (which is left open).
 */
export async function migrationStatus(
  database: string | Pool,
  migrationsDir: string = defaultMigrationsDir(),
): Promise<MigrationStatus> {
  const local = readLocalMigrations(migrationsDir);
  const ownPool = typeof database === 'string';
  const pool =
    typeof database === 'string'
      ? new Pool({ connectionString: database, max: 1, connectionTimeoutMillis: 2000, query_timeout: 2000 })
      : database;
  if (ownPool) pool.on('error', () => undefined);
  try {
    const exists = await pool.query<{ exists: boolean }>(
      `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`,
    );
    const rows = exists.rows[0].exists ? await readAppliedRows(pool) : [];
    const applied = rows.filter(isApplied).map((row) => row.migration_name);
    const done = new Set(applied);
    return { applied, pending: local.map((m) => m.name).filter((name) => !done.has(name)) };
  } finally {
    if (ownPool) await pool.end().catch(() => undefined);
  }
}

async function readAppliedRows(db: Client | Pool): Promise<AppliedRow[]> {
  const result = await db.query<AppliedRow>(
    `SELECT "migration_name", "checksum", "finished_at", "rolled_back_at"
       FROM "_prisma_migrations" ORDER BY "started_at", "migration_name"`,
  );
  return result.rows;
}

/** Prisma ignores rows marked rolled back (`prisma migrate resolve --rolled-back`). */
function isApplied(row: AppliedRow): boolean {
  return row.finished_at !== null && row.rolled_back_at === null;
}

function assertConsistent(local: LocalMigration[], rows: AppliedRow[]): void {
  const byName = new Map(local.map((m) => [m.name, m]));
  for (const row of rows) {
    if (row.finished_at === null && row.rolled_back_at === null) {
      throw new Error(
        `Migration "${row.migration_name}" failed in an earlier run and was never resolved; ` +
          'fix the database, then mark it rolled back or applied (see DEVELOPERS.md).',
      );
    }
    const migration = byName.get(row.migration_name);
    // INVARIANT: an applied migration is never edited; a changed checksum means the code and the
    // database disagree about the schema, so starting would be unsafe.
    if (isApplied(row) && migration && migration.checksum !== row.checksum) {
      throw new Error(
        `Migration "${row.migration_name}" was modified after it was applied (checksum mismatch); ` +
          'add a new migration instead of editing an applied one.',
      );
    }
  }
}

async function applyOne(client: Client, migration: LocalMigration): Promise<void> {
  await client.query('BEGIN');
  try {
    const id = randomUUID();
    await client.query(
      `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "applied_steps_count")
       VALUES ($1, $2, $3, clock_timestamp(), 0)`,
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.sql);
    await client.query(
      `UPDATE "_prisma_migrations" SET "finished_at" = clock_timestamp(), "applied_steps_count" = 1 WHERE "id" = $1`,
      [id],
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`Migration "${migration.name}" failed and was rolled back: ${reason}`);
  }
}
