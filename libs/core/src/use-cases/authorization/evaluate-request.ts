/** Pure evaluation of one authorize request against a set of account snapshots. */
import {
  type AuthorizationDecision,
  type AuthorizationRequest,
  type CompiledPolicy,
  type GrantFacts,
  type KeyState,
  keyStateCheck,
  type PrincipalFacts,
} from '@keygate/policy-engine';
import type { KeyEntry, PrincipalEntry } from '../../snapshot/account-snapshot';
import type { SnapshotLookup } from '../../snapshot/snapshot-cache';
import { type AuthorizeRequest, denied, type EvaluatedOutcome, notFoundReason } from './authorize-outcome';
import { parsePrincipalArn, type PrincipalRef, resolvePrincipal } from './principal-resolution';
import { parseResource, type ResourceRef } from './resource-resolution';
import { findKey } from '../../snapshot/key-lookup';

/** Everything evaluation needs besides the request. */
export interface EvaluationEnv {
  region: string;
  timeMs: number;
  decide: (request: AuthorizationRequest) => AuthorizationDecision;
  /** The snapshot lookup of an account, fetched before evaluation (no I/O here). */
  lookup: (accountId: string) => SnapshotLookup;
}

const ACTION = /^[a-zA-Z0-9-]{1,64}:[a-zA-Z0-9*?]{1,128}$/;
const MAX_TEXT = 2048;

/** A request with its principal and resource parsed once. */
export interface PreparedRequest {
  req: AuthorizeRequest;
  pRef: PrincipalRef | undefined;
  rRef: ResourceRef;
}

/** Parses the principal and the resource of a request (no snapshot needed). */
export function prepareRequest(req: AuthorizeRequest): PreparedRequest {
  return { req, pRef: parsePrincipalArn(req.principalArn), rRef: parseResource(req.resource, req.action) };
}

/** The accounts whose snapshots a request needs (principal's first). */
export function accountsOf(prepared: PreparedRequest): string[] {
  const { pRef, rRef } = prepared;
  if (!pRef) return [];
  if (rRef.kind === 'key' && rRef.ref.accountId !== pRef.accountId) return [pRef.accountId, rRef.ref.accountId];
  return [pRef.accountId];
}

/*
 * Read-your-writes floors: the least revision the snapshots of accountsOf() must be at.
 * atLeastRevision is for the principal's account, atLeastKeyRevision for the key's; when the key
 * is in the principal's account, the larger of the two applies to it. (No allocation: the
 * synchronous authorize path calls these for every request.)
 */

/** The floor of the principal's account (accountsOf()[0]). */
export function principalFloorOf(prepared: PreparedRequest): bigint | undefined {
  const { req, pRef, rRef } = prepared;
  const own = req.atLeastRevision;
  const keyFloor = rRef.kind === 'key' ? req.atLeastKeyRevision : undefined;
  if (keyFloor === undefined || rRef.kind !== 'key' || rRef.ref.accountId !== pRef?.accountId) return own;
  return own !== undefined && own >= keyFloor ? own : keyFloor;
}

/** The floor of the key's account when it is another account (accountsOf()[1]). */
export function keyFloorOf(prepared: PreparedRequest): bigint | undefined {
  return prepared.rRef.kind === 'key' ? prepared.req.atLeastKeyRevision : undefined;
}

function invalid(req: AuthorizeRequest): string | undefined {
  if (!ACTION.test(req.action)) return `Invalid request: action "${req.action.slice(0, 200)}" is not of the form service:Action.`;
  if (req.resource === '' || req.resource.length > MAX_TEXT || req.principalArn.length > MAX_TEXT) return 'Invalid request: principalArn and resource must be 1 to 2048 characters.';
  return undefined;
}

/** Evaluates one prepared request; never throws (any error is an "Evaluation error" deny). */
export function evaluateRequest(prepared: PreparedRequest, env: EvaluationEnv): EvaluatedOutcome {
  try {
    return evaluate(prepared, env);
  } catch {
    return denied(`Evaluation error: the request for ${prepared.req.action} could not be evaluated.`);
  }
}

function evaluate(prepared: PreparedRequest, env: EvaluationEnv): EvaluatedOutcome {
  const { req, pRef, rRef } = prepared;
  const problem = invalid(req);
  if (problem) return denied(problem);
  if (!pRef) return denied(notFoundReason(req, 'no principal with this ARN exists'));
  const pLookup = env.lookup(pRef.accountId);
  if (pLookup.status === 'unavailable') return denied(pLookup.reason);
  if (pLookup.status !== 'ok') return denied(notFoundReason(req, 'no principal with this ARN exists'));
  const accounts = [{ accountId: pRef.accountId, revision: pLookup.snapshot.revision }];
  const principal = resolvePrincipal(pLookup.snapshot, req.principalArn, pRef);
  if (!principal) return denied(notFoundReason(req, 'no principal with this ARN exists'), accounts);
  if (principal.entry.error) return denied(`Evaluation error: the policies of ${principal.entry.arn} could not be compiled.`, accounts);

  const entry = principal.entry;
  if (rRef.kind !== 'key') {
    const resourceAccount = rRef.kind === 'other' ? (rRef.accountId ?? pRef.accountId) : pRef.accountId;
    const decision = env.decide(request(req, principal.facts, entry, env, req.resource, resourceAccount, undefined));
    return { outcome: outcomeOf(decision, decision.decision === 'ALLOWED', undefined, pLookup.snapshot.revision), accounts };
  }

  const kLookup = rRef.ref.accountId === pRef.accountId ? pLookup : env.lookup(rRef.ref.accountId);
  if (kLookup.status === 'unavailable') return denied(kLookup.reason, accounts);
  const found = kLookup.status === 'ok' ? findKey(kLookup.snapshot, rRef.ref, env.timeMs) : undefined;
  const what = rRef.ref.aliasName !== undefined ? 'no alias with this ARN exists' : 'no key with this ARN exists';
  if (kLookup.status !== 'ok' || !found) return denied(notFoundReason(req, what), accounts);
  if (kLookup !== pLookup) accounts.push({ accountId: rRef.ref.accountId, revision: kLookup.snapshot.revision });
  const { key, requestAlias } = found;
  if (key.error || !key.keyPolicy) return denied(`Evaluation error: the key policy of ${key.arn} could not be compiled.`, accounts);

  const decision = env.decide(request(req, principal.facts, entry, env, key.arn, key.accountId, key, requestAlias));
  const keyState = key.facts.keyState;
  const outcome = outcomeOf(decision, decision.decision === 'ALLOWED', keyState, pLookup.snapshot.revision);
  if (outcome.allowed) {
    const check = keyStateCheck(req.action, keyState, key.arn);
    if (!check.ok) {
      outcome.allowed = false;
      outcome.reason = `The policies allow ${req.action}, but the key state does not: ${check.message}`;
    }
  }
  return requestAlias ? { outcome, accounts, resolvedKeyArn: key.arn } : { outcome, accounts };
}

// INVARIANT (speed): the engine request and the outcome are object literals of one fixed shape;
// conditional spreads produced dictionary-mode objects and made every decision several times slower.
function request(
  req: AuthorizeRequest,
  principal: PrincipalFacts,
  entry: PrincipalEntry,
  env: EvaluationEnv,
  resource: string,
  resourceAccount: string,
  key: KeyEntry | undefined,
  requestAlias?: string,
): AuthorizationRequest {
  return {
    principal,
    action: req.action,
    resource,
    resourceAccount,
    key: key?.facts,
    requestAlias,
    identityPolicies: entry.identityPolicies as CompiledPolicy[],
    identitySet: entry.identitySet,
    permissionsBoundary: entry.permissionsBoundary,
    resourcePolicy: key?.keyPolicy,
    grants: key?.grants as GrantFacts[] | undefined,
    grantTokens: req.grantTokens,
    context: req.context,
    timeMs: env.timeMs,
    region: env.region,
  };
}

function outcomeOf(d: AuthorizationDecision, allowed: boolean, keyState: KeyState | undefined, revision: bigint): EvaluatedOutcome['outcome'] {
  return { decision: d.decision, matchedStatements: d.matchedStatements, missingContextKeys: d.missingContextKeys, reason: d.reason, allowed, keyState, revision };
}
