/** Principal / NotPrincipal matching for resource policies (semantics §1.3). */
import type { PrincipalFacts } from '../types';
import type { ParsedPrincipal } from '../parse/policy-model';
import { InternTable } from './intern-table';

/**
 * How a request principal matched a Principal element:
 * - 'direct': the user, session, federated user or service itself;
 * - 'role': the role ARN of a role session (matches every session of the role);
 * - 'wildcard': the `"*"` principal;
 * - 'account': the caller's account principal (a delegation, not a direct grant);
 * - 'none'.
 */
export type PrincipalMatch = 'direct' | 'role' | 'wildcard' | 'account' | 'none';

/**
 * Principal names of one kind: a frozen array when few (a Principal element usually names a
 * handful, and a short array costs a fraction of a Set's memory; empty is one shared array), a Set
 * when many.
 */
export type PrincipalNames = readonly string[] | ReadonlySet<string>;

/** Compiled principal lists. */
export interface PrincipalMatcher {
  readonly any: boolean;
  readonly accounts: PrincipalNames;
  readonly arns: PrincipalNames;
  readonly roleArns: PrincipalNames;
  readonly services: PrincipalNames;
  readonly uniqueIds: PrincipalNames;
}

const ACCOUNT_ID = /^\d{12}$/;
const ROOT_ARN = /^arn:[^:]+:iam::(\d{12}):root$/;
const ROLE_ARN = /^arn:[^:]+:iam::\d{12}:role\//;
const UNIQUE_ID = /^(AIDA|AROA)[A-Z0-9]+$/;
const NONE: readonly string[] = Object.freeze([]);
const LIST_MAX = 16;

type Lists = { any: boolean; accounts: Set<string>; arns: Set<string>; roleArns: Set<string>; services: Set<string>; uniqueIds: Set<string> };

/** Principal names shared between policies (the same user ARN in a thousand key policies is one string). */
const names = new InternTable<string>(50_000);
const shared = (name: string): string => names.get(name, (n) => n);

const frozenList = (set: Set<string>): PrincipalNames => (set.size === 0 ? NONE : set.size > LIST_MAX ? set : Object.freeze([...set].map(shared)));

/** Compile a parsed Principal element. */
export function compilePrincipal(p: ParsedPrincipal): PrincipalMatcher {
  const m: Lists = { any: p.wildcard, accounts: new Set(), arns: new Set(), roleArns: new Set(), services: new Set(), uniqueIds: new Set() };
  for (const entry of p.entries) {
    for (const v of entry.values) {
      if (entry.key === 'Service') m.services.add(v.toLowerCase());
      else if (entry.key === 'AWS') addAwsPrincipal(m, v);
      else if (entry.key === 'Federated') m.arns.add(v);
    }
  }
  return Object.freeze({
    any: m.any,
    accounts: frozenList(m.accounts),
    arns: frozenList(m.arns),
    roleArns: frozenList(m.roleArns),
    services: frozenList(m.services),
    uniqueIds: frozenList(m.uniqueIds),
  });
}

function addAwsPrincipal(m: Lists, v: string): void {
  if (v === '*') m.any = true;
  else if (ACCOUNT_ID.test(v)) m.accounts.add(v);
  else if (ROOT_ARN.test(v)) m.accounts.add((ROOT_ARN.exec(v) as RegExpExecArray)[1]);
  else if (ROLE_ARN.test(v)) m.roleArns.add(v);
  else if (UNIQUE_ID.test(v)) m.uniqueIds.add(v);
  else m.arns.add(v);
}

function has(names: PrincipalNames, value: string): boolean {
  if (!Array.isArray(names)) return (names as ReadonlySet<string>).has(value);
  for (let i = 0; i < names.length; i++) if (names[i] === value) return true;
  return false;
}

const isEmpty = (names: PrincipalNames): boolean => names === NONE;

/** Match the request principal; the strongest kind of match wins. */
export function matchPrincipal(m: PrincipalMatcher, p: PrincipalFacts): PrincipalMatch {
  if (p.type === 'Service') {
    if (has(m.services, p.arn.toLowerCase())) return 'direct';
    return m.any ? 'wildcard' : 'none';
  }
  if (has(m.arns, p.arn)) return 'direct';
  if (p.userId !== undefined && !isEmpty(m.uniqueIds)) {
    const id = p.userId.split(':')[0];
    if (has(m.uniqueIds, id)) return p.type === 'AssumedRole' ? 'role' : 'direct';
  }
  if (p.type === 'AssumedRole' && has(m.roleArns, p.principalArn)) return 'role';
  if (m.any) return 'wildcard';
  if (p.accountId !== undefined && has(m.accounts, p.accountId)) return 'account';
  return 'none';
}
