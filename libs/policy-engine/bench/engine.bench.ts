/**
 * Engine benchmark (`npm run bench:engine`): compile a realistic account snapshot once, then
 * measure single-threaded `authorize` decisions per second (median of RUNS timed rounds after a
 * warm-up), the median time to compile a ~6 KB policy, and a baseline (JSON.parse of a request)
 * timed in the same rounds, so figures can be compared as ratios on a noisy machine.
 * A second scenario mirrors the service benchmark's data shape (service-shape.fixture.ts): one
 * account compiled like a snapshot, requests like the service's pool; it prints decisions/s, µs per
 * decision, its ratio to the first scenario and to the baseline, and the heap taken by the compiled
 * account (measured after a full GC; --expose-gc is switched on at runtime when not given).
 * The LAST line printed is exactly `engine: <N> decisions/s` (of the first scenario).
 */
import { authorize, compilePolicy } from '../src';
import type { AuthorizationRequest, CompiledPolicy } from '../src/types';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { compileAccount, serviceAccountRows, serviceRequests } from './service-shape.fixture';
import {
  IDENTITY_POLICIES,
  KEYS,
  PRINCIPALS,
  keyFacts,
  keyPolicyText,
  largePolicyText,
  requestTemplates,
} from './account-snapshot.fixture';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const RUN_MS = Number(process.env.BENCH_RUN_MS ?? 250);

function compileOrThrow(text: string, kind: 'identity' | 'resource', policyId: string): CompiledPolicy {
  const { policy, findings } = compilePolicy(text, { kind, policyId, sourceType: kind === 'identity' ? 'IDENTITY' : 'RESOURCE' });
  if (!policy) throw new Error(`benchmark policy ${policyId} did not compile: ${JSON.stringify(findings)}`);
  return policy;
}

function buildRequests(): AuthorizationRequest[] {
  const identity = IDENTITY_POLICIES.map((text, i) => compileOrThrow(text, 'identity', `arn:aws:iam::111122223333:policy/p${i}`));
  const keyPolicies = KEYS.map((arn, i) => compileOrThrow(keyPolicyText(i), 'resource', arn));
  return requestTemplates(10_000).map((t) => ({
    principal: t.principal.facts,
    action: t.action,
    resource: KEYS[t.keyIndex],
    key: keyFacts(KEYS[t.keyIndex]),
    identityPolicies: t.principal.policies.map((i) => identity[i]),
    resourcePolicy: keyPolicies[t.keyIndex],
    context: t.context,
    timeMs: Date.UTC(2026, 0, 1),
    region: 'us-east-1',
  }));
}

/** Run `op(i)` in a loop for about RUN_MS; returns operations per second. */
function opsPerSecond(op: (i: number) => unknown): number {
  const deadline = process.hrtime.bigint() + BigInt(RUN_MS) * 1_000_000n;
  const start = process.hrtime.bigint();
  let n = 0;
  let sink = 0;
  while (process.hrtime.bigint() < deadline) {
    for (let k = 0; k < 256; k++, n++) sink += op(n) ? 1 : 0;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (sink < 0) console.log(sink);
  return n / seconds;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Warm up both, then RUNS rounds that time the baseline and the subject back to back, so each
 * round's ratio sees the same machine load. Returns medians of both rates and of the ratios. */
function measurePair(baseline: (i: number) => unknown, subject: (i: number) => unknown) {
  opsPerSecond(baseline);
  opsPerSecond(subject);
  const rounds = Array.from({ length: RUNS }, () => {
    const b = opsPerSecond(baseline);
    const s = opsPerSecond(subject);
    return { b, s, ratio: s / b };
  });
  return { baseline: median(rounds.map((r) => r.b)), subject: median(rounds.map((r) => r.s)), ratio: median(rounds.map((r) => r.ratio)) };
}

function fullGc(): () => void {
  const known = (globalThis as { gc?: () => void }).gc;
  if (known) return known;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Heap bytes retained by the compiled account (difference of heapUsed after full GCs). */
function compiledAccountHeap() {
  const gc = fullGc();
  const rows = serviceAccountRows();
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const account = compileAccount(rows);
  gc();
  gc();
  const bytes = process.memoryUsage().heapUsed - before;
  return { rows, account, bytes, gc };
}

function checked(requests: AuthorizationRequest[]): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const r of requests) {
    const d = authorize(r);
    // INVARIANT: an evaluation error is a (fast) deny; measuring errors would flatter the engine.
    if (d.reason.startsWith('Evaluation error')) throw new Error(`benchmark request failed: ${d.reason}`);
    tally[d.decision] = (tally[d.decision] ?? 0) + 1;
  }
  return tally;
}

function main(): void {
  const { rows, account, bytes, gc } = compiledAccountHeap();
  const shaped = serviceRequests(rows, account, 4_000);
  gc();
  gc();
  const withRequests = process.memoryUsage().heapUsed;
  const shapedTally = checked(shaped);
  // The merged identity sets are built on first use: what they hold once every request has run.
  gc();
  gc();
  const setBytes = process.memoryUsage().heapUsed - withRequests;
  const setCount = new Set(shaped.map((r) => r.identitySet).filter((x) => x !== undefined)).size;
  const requests = buildRequests();
  const tally = checked(requests);
  const requestJson = requests.slice(0, 64).map((r) => JSON.stringify({ principal: r.principal, action: r.action, resource: r.resource, context: r.context }));
  const large = largePolicyText();

  const parseRequest = (i: number) => JSON.parse(requestJson[i & 63]);
  const compiles = measurePair(parseRequest, () => compileOrThrow(large, 'identity', 'large'));
  const decisions = measurePair(parseRequest, (i) => authorize(requests[i % requests.length]).decision === 'ALLOWED');
  const service = measurePair(parseRequest, (i) => authorize(shaped[i % shaped.length]).decision === 'ALLOWED');
  const statements = shaped.reduce((n, r) => n + r.identityPolicies.length, 0) / shaped.length;

  console.log(`snapshot: ${IDENTITY_POLICIES.length} identity policies, ${KEYS.length} keys, ${PRINCIPALS.length} principals, ${requests.length} requests (${JSON.stringify(tally)})`);
  console.log(`runs: ${RUNS} rounds x ${RUN_MS} ms per subject after warm-up; medians; ratios taken per round`);
  console.log(`compile ${(large.length / 1024).toFixed(1)} KB policy: ${(1e6 / compiles.subject).toFixed(1)} µs (= ${(1 / compiles.ratio).toFixed(0)} x JSON.parse(request))`);
  console.log(`service shape: 1 account (${rows.users.length} users, ${rows.groups.length} groups, ${rows.policies.length} policies, ${rows.keys.length} keys), ${shaped.length} requests, ${statements.toFixed(1)} identity policies per request (${JSON.stringify(shapedTally)})`);
  console.log(`service shape compiled heap: ${(bytes / 1048576).toFixed(1)} MB; merged identity sets built by the requests: +${(setBytes / 1048576).toFixed(1)} MB for ${setCount} principals`);
  console.log(`service shape: ${Math.round(service.subject)} decisions/s = ${(1e6 / service.subject).toFixed(2)} µs; service/baseline ratio: ${service.ratio.toFixed(3)}; service/engine ratio: ${(service.ratio / decisions.ratio).toFixed(3)}`);
  console.log(`baseline JSON.parse(request ~${requestJson[0].length} B): ${Math.round(decisions.baseline)} ops/s; engine/baseline ratio: ${decisions.ratio.toFixed(3)}`);
  console.log(`engine: ${Math.round(decisions.subject)} decisions/s`);
}

main();
