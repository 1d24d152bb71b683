/**
 * Self-authorization: every admin operation a principal calls is decided by the policy engine with
 * the IAM/KMS action it mirrors ("the service eats its own cooking").
 */
import { type AuthorizationDecision, type AuthorizationRequest, authorize } from '@keygate/policy-engine';
import { type Caller, callerArn } from '../auth/caller';
import { errors } from '../errors/domain-error';
import type { IdentityPolicySource } from './identity-policy-source.port';

/** Request parts beyond the identity side: the key, its policy and grants, extra context. */
export type AuthorizationExtras = Partial<
  Pick<
    AuthorizationRequest,
    'resourceAccount' | 'key' | 'requestAlias' | 'resourcePolicy' | 'grants' | 'grantTokens' | 'context'
  >
>;

/** Dependencies of the SelfAuthorizer. */
export interface SelfAuthorizerDeps {
  policies: IdentityPolicySource;
  /** KEYGATE_DEFAULT_REGION (aws:RequestedRegion). */
  region: string;
  /** Epoch milliseconds; injected so tests control time. */
  now: () => number;
  /** The engine's decision function; injectable for unit tests. */
  decide?: (request: AuthorizationRequest) => AuthorizationDecision;
}

/** Decides admin calls with the engine; `require` turns a deny into ACCESS_DENIED. */
export class SelfAuthorizer {
  private readonly decide: (request: AuthorizationRequest) => AuthorizationDecision;

  constructor(private readonly deps: SelfAuthorizerDeps) {
    this.decide = deps.decide ?? authorize;
  }

  /** Returns the engine's decision for the caller (the operator is never a principal: denied). */
  async authorize(caller: Caller, action: string, resource: string, extras: AuthorizationExtras = {}): Promise<AuthorizationDecision> {
    if (caller.kind === 'operator') {
      return {
        decision: 'IMPLICIT_DENY',
        matchedStatements: [],
        missingContextKeys: [],
        reason: `User: operator is not authorized to perform: ${action} on resource: ${resource} because the operator token is not a principal of any account`,
      };
    }
    const identity = await this.deps.policies.forCaller(caller);
    return this.decide({
      principal: identity.principal,
      action,
      resource,
      resourceAccount: caller.accountId,
      identityPolicies: identity.identityPolicies,
      permissionsBoundary: identity.permissionsBoundary,
      timeMs: this.deps.now(),
      region: this.deps.region,
      ...extras,
    });
  }

  /** Resolves when allowed; throws ACCESS_DENIED with the engine's AWS-form reason otherwise. */
  async require(caller: Caller, action: string, resource: string, extras: AuthorizationExtras = {}): Promise<void> {
    const result = await this.authorize(caller, action, resource, extras);
    if (result.decision === 'ALLOWED') return;
    throw errors.accessDenied(
      result.reason || `User: ${callerArn(caller)} is not authorized to perform: ${action} on resource: ${resource}`,
    );
  }
}
