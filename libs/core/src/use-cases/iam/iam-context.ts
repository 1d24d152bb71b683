/** What every IAM use case shares: dependencies, self-authorization, lookups and their NOT_FOUND answers. */
import { compilePolicy } from '@keygate/policy-engine';
import { type Caller, callerArn, type PrincipalCaller } from '../../auth/caller';
import type { SelfAuthorizer } from '../../authz/self-authorizer';
import { type DomainError, errors } from '../../errors/domain-error';
import { AWS_MANAGED_ACCOUNT, type ManagedPolicyRecord, type PolicyHolder, type PolicyHolderKind } from '../../ports/iam-records.port';
import type { ChangeMeta, Store, TenantRepositories } from '../../ports/store.port';
import { iamArn, parsePolicyArn, quoted, validGroupName, validRoleName, validUserName } from './iam-names';

/**
 * AWS managed policies belong to the pseudo-account "aws" yet every account may read them (with
 * an identity permission). Modelled as the resource policy IAM implies for them.
 */
const AWS_MANAGED_READ_POLICY = compilePolicy(
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AwsManagedPoliciesAreReadable',
        Effect: 'Allow',
        Principal: '*',
        Action: ['iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:ListPolicyVersions', 'iam:ListPolicyTags'],
        Resource: 'arn:aws:iam::aws:policy/*',
      },
    ],
  }),
  { kind: 'resource', policyId: 'arn:aws:iam::aws:policy/*', sourceType: 'RESOURCE' },
).policy;

/** Dependencies of the IAM use cases. */
export interface IamDeps {
  store: Store;
  authz: SelfAuthorizer;
}

/**
 * Self-authorizes the call with the IAM action it mirrors and the ARN it touches, and narrows the
 * caller to a principal (the operator token is no principal: denied).
 */
export async function authorize(deps: IamDeps, caller: Caller, action: string, resource: string): Promise<PrincipalCaller> {
  const awsManaged = resource.startsWith(`arn:aws:iam::${AWS_MANAGED_ACCOUNT}:policy/`);
  await deps.authz.require(caller, action, resource, awsManaged ? { resourcePolicy: AWS_MANAGED_READ_POLICY } : {});
  if (caller.kind !== 'principal') throw errors.accessDenied(`User: operator is not authorized to perform: ${action}`);
  return caller;
}

/** The account a caller acts in ("" for the operator, whose every IAM call is denied). */
export function accountOf(caller: Caller): string {
  return caller.kind === 'principal' ? caller.accountId : '';
}

/** Audit metadata of a change. */
export function changeMeta(caller: PrincipalCaller, action: string, resource: string, details?: Record<string, unknown>): ChangeMeta {
  return { accountId: caller.accountId, actorArn: callerArn(caller), action, resource, details };
}

/** AWS's capitalised noun for a holder kind, as used in action names (iam:AttachUserPolicy). */
export const HOLDER_NOUN: Record<PolicyHolderKind, 'User' | 'Group' | 'Role'> = { user: 'User', group: 'Group', role: 'Role' };

/** A user, group or role found by name. */
export interface LocatedHolder {
  holder: PolicyHolder;
  name: string;
  arn: string;
}

/** Validates a holder name by the rules of its kind. */
export function validHolderName(kind: PolicyHolderKind, name: unknown): string {
  if (kind === 'user') return validUserName(name);
  if (kind === 'group') return validGroupName(name);
  return validRoleName(name);
}

/** Finds a user, group or role of the account by name (case-insensitively). */
export async function findHolder(repos: TenantRepositories, accountId: string, kind: PolicyHolderKind, name: string): Promise<LocatedHolder | null> {
  if (kind === 'user') {
    const user = await repos.iamUsers.findByName(accountId, name);
    return user && { holder: { kind, id: user.userId }, name: user.userName, arn: user.arn };
  }
  if (kind === 'group') {
    const group = await repos.iamGroups.findByName(accountId, name);
    return group && { holder: { kind, id: group.groupId }, name: group.groupName, arn: group.arn };
  }
  const role = await repos.iamRoles.findByName(accountId, name);
  return role && { holder: { kind, id: role.roleId }, name: role.roleName, arn: role.arn };
}

/** NOT_FOUND for a holder name; INVARIANT: identical whether the name exists in another account or nowhere. */
export function holderNotFound(kind: PolicyHolderKind, name: string): DomainError {
  return errors.notFound(`The ${kind} with name ${quoted(name)} cannot be found.`);
}

/**
 * Looks a holder up, authorizes the action on its ARN (the path-less ARN when it does not exist,
 * so a denied caller learns nothing), then answers NOT_FOUND when it is missing.
 */
export async function authorizeOnHolder(
  deps: IamDeps,
  caller: Caller,
  kind: PolicyHolderKind,
  rawName: unknown,
  action: string,
): Promise<{ principal: PrincipalCaller; located: LocatedHolder }> {
  const name = validHolderName(kind, rawName);
  const accountId = accountOf(caller);
  const found = accountId ? await deps.store.read((repos) => findHolder(repos, accountId, kind, name)) : null;
  const principal = await authorize(deps, caller, action, found?.arn ?? iamArn(accountId, kind, '/', name));
  if (!found) throw holderNotFound(kind, name);
  return { principal, located: found };
}

/** Re-reads a holder inside a change (it may have been deleted since it was looked up). */
export async function requireHolder(repos: TenantRepositories, accountId: string, located: LocatedHolder): Promise<PolicyHolder> {
  const current = await findHolder(repos, accountId, located.holder.kind, located.name);
  if (!current || current.holder.id !== located.holder.id) throw holderNotFound(located.holder.kind, located.name);
  return current.holder;
}

/** The owner account to look a policy ARN up in: the caller's own, "aws", or none (another tenant). */
export function policyOwner(accountId: string, policyArn: string): string | null {
  const { owner } = parsePolicyArn(policyArn);
  if (owner === AWS_MANAGED_ACCOUNT) return AWS_MANAGED_ACCOUNT;
  // INVARIANT: another tenant's policy ARN is never looked up: it answers like a missing policy.
  return owner === accountId ? accountId : null;
}

/** Finds a managed policy the account can see (its own or AWS managed) by ARN. */
export async function findPolicy(repos: TenantRepositories, accountId: string, policyArn: string): Promise<ManagedPolicyRecord | null> {
  const owner = policyOwner(accountId, policyArn);
  return owner ? repos.iamPolicies.findByArn(owner, policyArn) : null;
}

/** NOT_FOUND for a policy ARN (IAM wording). */
export function policyNotFound(policyArn: string): DomainError {
  return errors.notFound(`Policy ${quoted(policyArn)} does not exist or is not attachable.`);
}

/** Looks a policy ARN up, authorizes `action` on it, and answers NOT_FOUND when it is missing. */
export async function authorizeOnPolicy(
  deps: IamDeps,
  caller: Caller,
  policyArn: unknown,
  action: string,
): Promise<{ principal: PrincipalCaller; policy: ManagedPolicyRecord }> {
  parsePolicyArn(policyArn);
  const arn = policyArn as string;
  const accountId = accountOf(caller);
  const policy = accountId ? await deps.store.read((repos) => findPolicy(repos, accountId, arn)) : null;
  const principal = await authorize(deps, caller, action, arn);
  if (!policy) throw policyNotFound(arn);
  return { principal, policy };
}

/** AWS managed policies are read-only: ACCESS_DENIED in the AWS form. */
export function requireCustomerManaged(principal: PrincipalCaller, policy: ManagedPolicyRecord, action: string): void {
  if (policy.accountId === AWS_MANAGED_ACCOUNT) {
    throw errors.accessDenied(
      `User: ${principal.arn} is not authorized to perform: ${action} on resource: ${policy.arn} because AWS managed policies are read-only`,
    );
  }
}
