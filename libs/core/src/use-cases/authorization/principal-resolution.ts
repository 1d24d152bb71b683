/** Which account a principal ARN belongs to, and its facts and policies in that account's snapshot. */
import { parseArn, type PrincipalFacts } from '@keygate/policy-engine';
import type { AccountSnapshot, PrincipalEntry } from '../../snapshot/account-snapshot';

/** A principal ARN taken apart (before any snapshot is consulted). */
export interface PrincipalRef {
  accountId: string;
  kind: 'root' | 'user' | 'role' | 'session';
  /** For sessions: the role name and session name. */
  roleName?: string;
  sessionName?: string;
}

/** A principal resolved in its snapshot. */
export interface ResolvedPrincipal {
  entry: PrincipalEntry;
  /** The facts of this request (for a session: session ARN, AROA...:session). */
  facts: PrincipalFacts;
  /** The IAM ARN used for iam:SimulatePrincipalPolicy (the role ARN for a session). */
  iamArn: string;
}

const SESSION = /^assumed-role\/([\w+=,.@-]{1,64})\/([\w+=,.@-]{2,64})$/;

/** Parses root, user, role and assumed-role session ARNs; undefined for anything else. */
export function parsePrincipalArn(arn: string): PrincipalRef | undefined {
  const p = parseArn(arn);
  if (!p || p.partition !== 'aws' || p.region !== '' || !/^\d{12}$/.test(p.account)) return undefined;
  if (p.service === 'iam') {
    if (p.resource === 'root') return { accountId: p.account, kind: 'root' };
    if (p.resource.startsWith('user/')) return { accountId: p.account, kind: 'user' };
    if (p.resource.startsWith('role/')) return { accountId: p.account, kind: 'role' };
    return undefined;
  }
  if (p.service === 'sts') {
    const m = SESSION.exec(p.resource);
    if (m) return { accountId: p.account, kind: 'session', roleName: m[1], sessionName: m[2] };
  }
  return undefined;
}

/** Finds the principal in the snapshot of its account; undefined when it does not exist. */
export function resolvePrincipal(snapshot: AccountSnapshot, arn: string, ref: PrincipalRef): ResolvedPrincipal | undefined {
  if (ref.kind !== 'session') {
    const entry = snapshot.principals.get(arn);
    if (!entry || entry.kind !== ref.kind) return undefined;
    return { entry, facts: entry.facts, iamArn: entry.arn };
  }
  const role = snapshot.rolesByName.get(ref.roleName!.toLowerCase());
  // The session ARN carries the role name exactly as IAM stores it.
  if (!role || role.name !== ref.roleName) return undefined;
  const facts: PrincipalFacts = {
    arn,
    accountId: ref.accountId,
    type: 'AssumedRole',
    principalArn: role.arn,
    userId: `${role.id}:${ref.sessionName}`,
    tags: role.facts.tags,
  };
  return { entry: role, facts, iamArn: role.arn };
}
