/** Derive principal facts from an ARN (used by the stateless simulator). */
import type { PrincipalFacts } from '../types';
import { parseArn } from '../match/arn';

/** Options for principalFactsFromArn. */
export interface PrincipalFactsOptions {
  /** Role ARN with path for an assumed-role session (default arn:<p>:iam::<A>:role/<ROLE>). */
  roleArn?: string;
  tags?: Record<string, string>;
  userId?: string;
}

/**
 * Facts for a caller ARN: account root, IAM user, role (treated as a session of the role),
 * assumed-role session (aws:PrincipalArn = role ARN), federated user, or a service principal
 * (`svc.amazonaws.com`). Throws on anything else.
 */
export function principalFactsFromArn(arn: string, opts: PrincipalFactsOptions = {}): PrincipalFacts {
  const tags = opts.tags;
  if (/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/i.test(arn)) return { arn, type: 'Service', principalArn: arn, ...(tags ? { tags } : {}) };
  const p = parseArn(arn);
  if (p === undefined || !/^\d{12}$/.test(p.account)) throw new Error(`Not a principal ARN: '${arn}'`);
  const account = p.account;
  const base = { arn, accountId: account, ...(tags ? { tags } : {}) };
  if (p.service === 'iam' && p.resource === 'root') return { ...base, type: 'Account', principalArn: arn, userId: opts.userId ?? account };
  if (p.service === 'iam' && p.resource.startsWith('user/')) {
    const userName = p.resource.slice(p.resource.lastIndexOf('/') + 1);
    return { ...base, type: 'User', principalArn: arn, userName, ...(opts.userId ? { userId: opts.userId } : {}) };
  }
  if (p.service === 'iam' && p.resource.startsWith('role/')) {
    // A role ARN stands for "any session of the role": the caller ARN stays the role ARN.
    return { ...base, type: 'AssumedRole', principalArn: arn, ...(opts.userId ? { userId: opts.userId } : {}) };
  }
  if (p.service === 'sts' && p.resource.startsWith('assumed-role/')) {
    const [, role] = p.resource.split('/');
    const roleArn = opts.roleArn ?? `arn:${p.partition}:iam::${account}:role/${role}`;
    return { ...base, type: 'AssumedRole', principalArn: roleArn, ...(opts.userId ? { userId: opts.userId } : {}) };
  }
  if (p.service === 'sts' && p.resource.startsWith('federated-user/')) {
    const name = p.resource.slice('federated-user/'.length);
    return { ...base, type: 'FederatedUser', principalArn: arn, userId: opts.userId ?? `${account}:${name}` };
  }
  throw new Error(`Not a principal ARN: '${arn}'`);
}
