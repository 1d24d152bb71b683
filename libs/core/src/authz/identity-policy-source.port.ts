/** Port: the identity side of a principal, as the policy engine needs it for self-authorization. */
import type { CompiledPolicy, PrincipalFacts } from '@keygate/policy-engine';
import type { PrincipalCaller } from '../auth/caller';

/** The caller's principal facts and the policies that apply to it. */
export interface CallerPolicies {
  principal: PrincipalFacts;
  /** Own inline and managed policies plus those of its groups (or role). */
  identityPolicies: CompiledPolicy[];
  permissionsBoundary?: CompiledPolicy;
}

/** Loads a caller's identity policies (from the store or a snapshot). */
export interface IdentityPolicySource {
  forCaller(caller: PrincipalCaller): Promise<CallerPolicies>;
}

/** DI token for IdentityPolicySource. */
export const IDENTITY_POLICY_SOURCE = Symbol('IDENTITY_POLICY_SOURCE');

/** Principal facts of a caller, derived from the authenticated identity alone. */
export function principalFacts(caller: PrincipalCaller): PrincipalFacts {
  if (caller.principalType === 'root') {
    return { arn: caller.arn, accountId: caller.accountId, type: 'Account', principalArn: caller.arn, userId: caller.accountId };
  }
  return {
    arn: caller.arn,
    accountId: caller.accountId,
    type: 'User',
    principalArn: caller.arn,
    userName: caller.userName,
    userId: caller.userId,
  };
}

/**
 * Identity facts without any policy. Correct for the account root (the engine allows the root
 * everything in its own account); for IAM users it yields an implicit deny on every action until the
 * IAM feature binds a source that loads user, group and boundary policies.
 */
export class FactsOnlyIdentityPolicySource implements IdentityPolicySource {
  async forCaller(caller: PrincipalCaller): Promise<CallerPolicies> {
    return { principal: principalFacts(caller), identityPolicies: [] };
  }
}
