/** simulateCustomPolicy: the engine's stateless simulator (DECISIONS 5 and 6). */
import { type ContextEntry, type AuthorizationDecision, simulate } from '@keygate/policy-engine';
import type { Caller } from '../../auth/caller';
import type { SelfAuthorizer } from '../../authz/self-authorizer';
import { errors } from '../../errors/domain-error';

/** Input of simulateCustomPolicy (the contract's SimulateCustomPolicyInput). */
export interface SimulateCustomPolicyRequest {
  principalArn: string;
  action: string;
  resource: string;
  resourceAccount?: string;
  identityPolicies: string[];
  resourcePolicy?: string;
  permissionsBoundaries?: string[];
  context?: ContextEntry[];
}

/** Dependencies of SimulateCustomPolicyUseCase. */
export interface SimulateCustomPolicyDeps {
  authz: SelfAuthorizer;
  region: string;
  now: () => number;
}

/** Evaluates the given documents; callers: the operator, or a principal with iam:SimulateCustomPolicy on "*". */
export class SimulateCustomPolicyUseCase {
  constructor(private readonly deps: SimulateCustomPolicyDeps) {}

  async execute(caller: Caller, request: SimulateCustomPolicyRequest): Promise<AuthorizationDecision> {
    if (caller.kind === 'principal') await this.deps.authz.require(caller, 'iam:SimulateCustomPolicy', '*');
    const result = simulate({
      principalArn: request.principalArn,
      action: request.action,
      resource: request.resource,
      ...(request.resourceAccount ? { resourceAccount: request.resourceAccount } : {}),
      identityPolicies: request.identityPolicies,
      ...(request.resourcePolicy !== undefined ? { resourcePolicy: request.resourcePolicy } : {}),
      ...(request.permissionsBoundaries ? { permissionsBoundaries: request.permissionsBoundaries } : {}),
      ...(request.context ? { context: request.context } : {}),
      time: new Date(this.deps.now()).toISOString(),
      region: this.deps.region,
    });
    if (!result.ok) {
      throw errors.malformedPolicy(`The policy document ${result.documentIndex} cannot be parsed into a policy.`, result.findings);
    }
    return result.result;
  }
}
