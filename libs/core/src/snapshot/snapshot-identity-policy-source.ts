/** IdentityPolicySource over account snapshots: every admin self-authorization reads policies here. */
import type { PrincipalCaller } from '../auth/caller';
import { type CallerPolicies, type IdentityPolicySource, principalFacts } from '../authz/identity-policy-source.port';
import { errors } from '../errors/domain-error';
import type { CurrentSnapshots } from './current-snapshots';

/**
 * The caller's facts, identity policies (own, groups', or role's) and boundary from the snapshot at
 * the account's current revision, so an admin sees the effect of its own writes at once.
 * The account root has no identity policies and needs no snapshot.
 */
export class SnapshotIdentityPolicySource implements IdentityPolicySource {
  constructor(private readonly snapshots: CurrentSnapshots) {}

  async forCaller(caller: PrincipalCaller): Promise<CallerPolicies> {
    if (caller.principalType === 'root') return { principal: principalFacts(caller), identityPolicies: [] };
    const snapshot = await this.snapshots.one(caller.accountId);
    const entry = snapshot?.principals.get(caller.arn);
    // A principal deleted after authentication: its facts alone, so every action is denied.
    if (!entry) return { principal: principalFacts(caller), identityPolicies: [] };
    if (entry.error) throw errors.internal(`The policies of ${caller.arn} could not be evaluated.`);
    return {
      principal: entry.facts,
      identityPolicies: entry.identityPolicies as CallerPolicies['identityPolicies'],
      ...(entry.permissionsBoundary ? { permissionsBoundary: entry.permissionsBoundary } : {}),
    };
  }
}
