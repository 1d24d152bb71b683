/** Principal / NotPrincipal matching for resource policies (semantics §1.3). */
import type { PrincipalFacts } from '../types';
import type { ParsedPrincipal } from '../parse/policy-model';

/**
 * How a request principal matched a Principal element:
 * - 'direct': the user, session, federated user or service itself;
 * - 'role': the role ARN of a role session (matches every session of the role);
 * - 'wildcard': the `"*"` principal;
 * - 'account': the caller's account principal (a delegation, not a direct grant);
 * - 'none'.
 */
export type PrincipalMatch = 'direct' | 'role' | 'wildcard' | 'account' | 'none';

/** Compiled principal sets. */
export interface PrincipalMatcher {
  readonly any: boolean;
  readonly accounts: ReadonlySet<string>;
  readonly arns: ReadonlySet<string>;
  readonly roleArns: ReadonlySet<string>;
  readonly services: ReadonlySet<string>;
  readonly uniqueIds: ReadonlySet<string>;
}

const ACCOUNT_ID = /^\d{12}$/;
const ROOT_ARN = /^arn:[^:]+:iam::(\d{12}):root$/;
const ROLE_ARN = /^arn:[^:]+:iam::\d{12}:role\//;
const UNIQUE_ID = /^(AIDA|AROA)[A-Z0-9]+$/;

/** Compile a parsed Principal element. */
export function compilePrincipal(p: ParsedPrincipal): PrincipalMatcher {
  const m = { any: p.wildcard, accounts: new Set<string>(), arns: new Set<string>(), roleArns: new Set<string>(), services: new Set<string>(), uniqueIds: new Set<string>() };
  for (const entry of p.entries) {
    for (const v of entry.values) {
      if (entry.key === 'Service') m.services.add(v.toLowerCase());
      else if (entry.key === 'AWS') addAwsPrincipal(m, v);
      else if (entry.key === 'Federated') m.arns.add(v);
    }
  }
  return m;
}

function addAwsPrincipal(m: { any: boolean; accounts: Set<string>; arns: Set<string>; roleArns: Set<string>; uniqueIds: Set<string> }, v: string): void {
  if (v === '*') m.any = true;
  else if (ACCOUNT_ID.test(v)) m.accounts.add(v);
  else if (ROOT_ARN.test(v)) m.accounts.add((ROOT_ARN.exec(v) as RegExpExecArray)[1]);
  else if (ROLE_ARN.test(v)) m.roleArns.add(v);
  else if (UNIQUE_ID.test(v)) m.uniqueIds.add(v);
  else m.arns.add(v);
}

/** Match the request principal; the strongest kind of match wins. */
export function matchPrincipal(m: PrincipalMatcher, p: PrincipalFacts): PrincipalMatch {
  if (p.type === 'Service') {
    if (m.services.has(p.arn.toLowerCase())) return 'direct';
    return m.any ? 'wildcard' : 'none';
  }
  if (m.arns.has(p.arn)) return 'direct';
  if (p.userId !== undefined && m.uniqueIds.size > 0) {
    const id = p.userId.split(':')[0];
    if (m.uniqueIds.has(id)) return p.type === 'AssumedRole' ? 'role' : 'direct';
  }
  if (p.type === 'AssumedRole' && m.roleArns.has(p.principalArn)) return 'role';
  if (m.any) return 'wildcard';
  if (p.accountId !== undefined && m.accounts.has(p.accountId)) return 'account';
  return 'none';
}
