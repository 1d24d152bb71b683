/**
 * Helpers for the property suites: run a scenario through the PUBLIC engine API (`simulate`),
 * and mutate scenarios (insert, permute, duplicate) without touching the original.
 */
import { simulate } from '../../src';
import fc from 'fast-check';
import { referenceVerdict } from '../../src/reference/reference-evaluator';
import type { Decision } from '../../src/types';
import { ACCOUNT_A, ACCOUNT_B, ROLE_OPS, toInput, type Doc, type Scenario, type Stmt } from './arbitraries';

/** PROPS_AGAINST=reference runs the decision and matching laws against the reference evaluator,
 * which checks the oracle itself with the same laws (cases it leaves UNCONFIRMED are skipped). */
const againstReference = process.env.PROPS_AGAINST === 'reference';

/** Engine decision for a scenario; a generated document the engine cannot parse is a test failure. */
export function decide(s: Scenario): Decision {
  if (againstReference) {
    const verdict = referenceVerdict(toInput(s));
    fc.pre(verdict !== 'UNCONFIRMED');
    return verdict;
  }
  const out = simulate(toInput(s));
  if (!out.ok) {
    throw new Error(`engine rejected generated document ${out.documentIndex}: ${JSON.stringify(out.findings)}`);
  }
  return out.result.decision;
}

/** Deep copy (scenarios are plain JSON). */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Small deterministic PRNG (mulberry32) so permutations derive from one generated seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates with a seeded PRNG. */
export function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  const next = rng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Insert a statement into a document (a copy) at position `at` (mod length + 1). */
export function withStatement(d: Doc, st: Stmt, at: number): Doc {
  const statements = [...d.statements];
  statements.splice(at % (statements.length + 1), 0, st);
  return { ...d, statements, bare: false };
}

/** Where a new statement goes: a new identity policy, an existing identity policy, or the resource policy. */
export type Placement = { target: 'identity'; policy: number; at: number } | { target: 'resource'; at: number };

/** Add a statement to a scenario (a copy). Identity index past the end appends a new policy. */
export function addStatement(s: Scenario, st: Stmt, place: Placement): Scenario {
  const out = clone(s);
  if (place.target === 'resource') {
    out.resourcePolicy = withStatement(out.resourcePolicy ?? { version: '2012-10-17', statements: [] }, st, place.at);
    return out;
  }
  const i = place.policy % (out.identity.length + 1);
  if (i === out.identity.length) out.identity.push({ version: '2012-10-17', statements: [st] });
  else out.identity[i] = withStatement(out.identity[i], st, place.at);
  return out;
}

/** Does a key-policy Principal element cover the caller (directly, by its role, or by its account)? */
export function principalCovers(principal: unknown, caller: string): boolean {
  if (principal === '*') return true;
  const account = caller.includes(ACCOUNT_A) ? ACCOUNT_A : ACCOUNT_B;
  const names = [caller, account, `arn:aws:iam::${account}:root`, '*'];
  if (caller.includes(':assumed-role/ops/')) names.push(ROLE_OPS);
  const aws = (principal as { AWS?: unknown }).AWS;
  const values = aws === undefined ? [] : Array.isArray(aws) ? aws : [aws];
  return values.some((v) => names.includes(String(v)));
}
