import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withClient } from '../test/test-database';
import { startEmbeddedPostgres } from './embedded-postgres';

/** Starts clusters of its own (the shared test cluster comes from test/global-setup.ts). */
describe('startEmbeddedPostgres', () => {
  const isRoot = process.getuid?.() === 0;
  let base: string;

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'keygate-epg-spec-'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('reuses a persistent data directory: data survives a restart, stop() is idempotent', async () => {
    // mkdtemp creates 0700 directories: the postgres user needs to traverse the parent.
    if (isRoot) chmodSync(base, 0o755);
    const dataDir = join(base, 'persistent', 'pg');
    const first = await startEmbeddedPostgres({ dataDir, persistent: true });
    try {
      expect(first.databaseUrl).toMatch(/^postgresql:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/keygate$/);
      await withClient(first.databaseUrl, (c) => c.query('CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)'));
    } finally {
      await first.stop();
      await first.stop();
    }
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
    expect(statSync(`${dataDir}.password`).mode & 0o777).toBe(0o600);

    const second = await startEmbeddedPostgres({ dataDir, persistent: true });
    try {
      const rows = await withClient(second.databaseUrl, async (c) => (await c.query('SELECT v FROM kept')).rows);
      expect(rows).toEqual([{ v: 42 }]);
    } finally {
      await second.stop();
    }
  });

  it('deletes a non-persistent data directory on stop', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keygate-epg-temp-'));
    const server = await startEmbeddedPostgres({ dataDir, persistent: false, databaseName: 'other' });
    try {
      expect(server.databaseUrl).toMatch(/\/other$/);
      await withClient(server.databaseUrl, (c) => c.query('SELECT 1'));
    } finally {
      await server.stop();
    }
    expect(existsSync(dataDir)).toBe(false);
  });

  (isRoot ? it : it.skip)('explains a parent directory the postgres user cannot traverse (as root)', async () => {
    const locked = join(base, 'locked');
    mkdirSync(locked, { mode: 0o700 });
    await expect(startEmbeddedPostgres({ dataDir: join(locked, 'pg'), persistent: true })).rejects.toThrow(
      /cannot traverse ".*locked" \(mode 700\)/,
    );
  });
});
