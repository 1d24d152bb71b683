/**
 * Loads the golden decision cases (JSON data files, one folder per topic) and turns each case into
 * a SimulationInput plus its expectation. The file format is described in README.md beside this file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Decision, SimulationInput } from '@keygate/policy-engine';

/** A policy as written in a golden file: a JSON object, a raw string (malformed cases) or "@name". */
type PolicyValue = unknown;

/** What a golden case asserts about simulate's answer. */
export interface GoldenExpectation {
  decision?: Decision;
  /** Exact set of Sids of the matched statements (statements without a Sid are ignored). */
  matchedSids?: string[];
  /** Substring the reason must contain. */
  reasonContains?: string;
  /** Exact (sorted) list of missing context keys. */
  missingContextKeys?: string[];
  /** simulate must answer ok:false (a document cannot be parsed into a policy). */
  unparsable?: true;
}

/** One runnable golden case. */
export interface GoldenCase {
  /** "<topic>/<file>.json > <case name>" */
  title: string;
  why: string;
  source: string;
  input: SimulationInput;
  expect: GoldenExpectation;
}

interface GoldenFile {
  topic: string;
  source: string;
  policies?: Record<string, unknown>;
  defaults?: Record<string, unknown>;
  cases: { name: string; why: string; input?: Record<string, unknown>; expect: GoldenExpectation }[];
}

const POLICY_FIELDS = ['resourcePolicy'] as const;
const POLICY_LIST_FIELDS = ['identityPolicies', 'permissionsBoundaries'] as const;

function listJsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) return listJsonFiles(full);
      return name.endsWith('.json') ? [full] : [];
    });
}

function policyText(value: PolicyValue, named: Record<string, unknown>, where: string): string {
  if (typeof value === 'string' && value.startsWith('@')) {
    const doc = named[value.slice(1)];
    if (doc === undefined) throw new Error(`${where}: unknown named policy ${value}`);
    return policyText(doc, named, where);
  }
  // INVARIANT: a plain string is passed through untouched so malformed documents stay malformed.
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function buildInput(file: GoldenFile, raw: Record<string, unknown>, where: string): SimulationInput {
  const merged: Record<string, unknown> = { identityPolicies: [], ...file.defaults, ...raw };
  const named = file.policies ?? {};
  for (const [key, value] of Object.entries(merged)) {
    if (value === null) delete merged[key];
  }
  for (const field of POLICY_FIELDS) {
    if (merged[field] !== undefined) merged[field] = policyText(merged[field], named, where);
  }
  for (const field of POLICY_LIST_FIELDS) {
    const list = merged[field];
    if (list !== undefined) merged[field] = (list as PolicyValue[]).map((p) => policyText(p, named, where));
  }
  return merged as unknown as SimulationInput;
}

function checkShape(file: GoldenFile, path: string): void {
  if (!file.topic || !file.source || !Array.isArray(file.cases)) {
    throw new Error(`${path}: a golden file needs topic, source and cases`);
  }
  if (path.split(sep)[0] !== file.topic || !path.includes(sep)) {
    throw new Error(`${path}: a golden file must sit in the folder named after its topic (${file.topic})`);
  }
  for (const c of file.cases) {
    if (!c.name || !c.why || !c.expect) throw new Error(`${path}: case ${c.name ?? '?'} needs name, why, expect`);
    if (!c.expect.decision && !c.expect.unparsable) throw new Error(`${path}: case ${c.name} expects nothing`);
  }
}

/** Read every golden file under `root` and return its cases, in a stable order. */
export function loadGoldenCases(root: string): GoldenCase[] {
  return listJsonFiles(root).flatMap((path) => {
    const file = JSON.parse(readFileSync(path, 'utf8')) as GoldenFile;
    const rel = relative(root, path);
    checkShape(file, rel);
    return file.cases.map((c) => ({
      title: `${rel} > ${c.name}`,
      why: c.why,
      source: file.source,
      input: buildInput(file, c.input ?? {}, `${rel} > ${c.name}`),
      expect: c.expect,
    }));
  });
}
