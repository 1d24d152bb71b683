import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { createScratchDatabase, withClient } from '../test/test-database';
import { applyMigrations, migrationStatus, readLocalMigrations } from './migration-runner';
import { defaultMigrationsDir } from './migrations-dir';

/** Each test migrates a scratch database of its own on the test server. */
describe('migration runner (embedded PostgreSQL)', () => {
  const repoMigrations = defaultMigrationsDir();
  const initName = readLocalMigrations(repoMigrations)[0].name;
  const repoNames = readLocalMigrations(repoMigrations).map((m) => m.name);
  let scratch: { url: string; drop: () => Promise<void> };
  let dirs: string[] = [];

  beforeEach(async () => {
    scratch = await createScratchDatabase('migrations');
  });
  afterEach(async () => {
    await scratch.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    dirs = [];
  });

  function copyOfMigrations(): string {
    const dir = mkdtempSync(join(tmpdir(), 'keygate-migrations-'));
    dirs.push(dir);
    cpSync(repoMigrations, dir, { recursive: true });
    return dir;
  }

  function addMigration(dir: string, name: string, sql: string): void {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'migration.sql'), sql);
  }

  it('finds the repository migrations from the sources', () => {
    expect(repoMigrations).toMatch(/prisma[/\\]migrations$/);
    expect(initName).toMatch(/^\d{14}_init$/);
  });

  it('applies pending migrations once and records them like prisma migrate deploy', async () => {
    expect(await migrationStatus(scratch.url, repoMigrations)).toEqual({ applied: [], pending: repoNames });
    expect(await applyMigrations(scratch.url, repoMigrations)).toEqual(repoNames);
    expect(await applyMigrations(scratch.url, repoMigrations)).toEqual([]);

    const rows = await withClient(scratch.url, async (c) => (await c.query('SELECT * FROM "_prisma_migrations"')).rows);
    const sql = readFileSync(join(repoMigrations, initName, 'migration.sql'), 'utf8');
    expect(rows).toHaveLength(repoNames.length);
    const initRow = rows.find((r) => r.migration_name === initName);
    expect(initRow).toMatchObject({
      migration_name: initName,
      checksum: createHash('sha256').update(sql).digest('hex'),
      logs: null,
      rolled_back_at: null,
      applied_steps_count: 1,
    });
    expect(initRow.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(initRow.finished_at).toBeInstanceOf(Date);
    expect(initRow.started_at).toBeInstanceOf(Date);

    const pool = new Pool({ connectionString: scratch.url, max: 1 });
    try {
      expect(await migrationStatus(pool, repoMigrations)).toEqual({ applied: repoNames, pending: [] });
    } finally {
      await pool.end();
    }
  });

  it('creates _prisma_migrations with exactly the columns Prisma creates', async () => {
    await applyMigrations(scratch.url, repoMigrations);
    const columns = await withClient(scratch.url, async (c) =>
      (
        await c.query(
          `SELECT column_name, data_type, character_maximum_length AS len, is_nullable, column_default
             FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
        )
      ).rows.map((r) => `${r.column_name} ${r.data_type}${r.len ? `(${r.len})` : ''} ${r.is_nullable === 'NO' ? 'NOT NULL' : 'NULL'} ${r.column_default ?? ''}`.trim()),
    );
    expect(columns).toEqual([
      'id character varying(36) NOT NULL',
      'checksum character varying(64) NOT NULL',
      'finished_at timestamp with time zone NULL',
      'migration_name character varying(255) NOT NULL',
      'logs text NULL',
      'rolled_back_at timestamp with time zone NULL',
      'started_at timestamp with time zone NOT NULL now()',
      'applied_steps_count integer NOT NULL 0',
    ]);
  });

  it('applies only the new folder after a migration is added', async () => {
    const dir = copyOfMigrations();
    await applyMigrations(scratch.url, dir);
    addMigration(dir, '29990101000000_add_probe', 'CREATE TABLE "probe" ("id" INTEGER NOT NULL);');
    expect(await migrationStatus(scratch.url, dir)).toEqual({ applied: repoNames, pending: ['29990101000000_add_probe'] });
    expect(await applyMigrations(scratch.url, dir)).toEqual(['29990101000000_add_probe']);
    expect(await migrationStatus(scratch.url, dir)).toEqual({ applied: [...repoNames, '29990101000000_add_probe'], pending: [] });
  });

  it('refuses to run when an applied migration was edited', async () => {
    const dir = copyOfMigrations();
    await applyMigrations(scratch.url, dir);
    writeFileSync(join(dir, initName, 'migration.sql'), `${readFileSync(join(dir, initName, 'migration.sql'), 'utf8')}\n-- edited\n`);
    await expect(applyMigrations(scratch.url, dir)).rejects.toThrow(/modified after it was applied/);
  });

  it('rolls a failing migration back completely and records nothing for it', async () => {
    const dir = copyOfMigrations();
    addMigration(dir, '29990101000000_broken', 'CREATE TABLE "half" ("id" INTEGER); SELECT no_such_function();');
    await expect(applyMigrations(scratch.url, dir)).rejects.toThrow(/"29990101000000_broken" failed and was rolled back/);
    const state = await withClient(scratch.url, async (c) => ({
      half: (await c.query(`SELECT to_regclass('"half"') AS t`)).rows[0].t,
      names: (await c.query('SELECT migration_name FROM "_prisma_migrations"')).rows.map((r) => r.migration_name),
    }));
    expect(state).toEqual({ half: null, names: repoNames });
  });

  it('refuses to run after a failed attempt that was never resolved (as Prisma does)', async () => {
    await applyMigrations(scratch.url, repoMigrations);
    await withClient(scratch.url, (c) =>
      c.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('00000000-0000-0000-0000-000000000000', 'x', '29990101000000_failed')`),
    );
    await expect(applyMigrations(scratch.url, repoMigrations)).rejects.toThrow(/failed in an earlier run/);
  });

  it('lets concurrent runners apply each migration exactly once (advisory lock)', async () => {
    const results = await Promise.all([applyMigrations(scratch.url, repoMigrations), applyMigrations(scratch.url, repoMigrations)]);
    expect(results.flat()).toEqual(repoNames);
  });
});
