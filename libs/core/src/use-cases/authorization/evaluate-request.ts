/** Pure evaluation of one authorize request against a set of account snapshots. */
import { type AuthorizationDecision, type AuthorizationRequest, keyStateCheck } from '@keygate/policy-engine';
import type { SnapshotLookup } from '../../snapshot/snapshot-cache';
import { type AuthorizeRequest, denied, type EvaluatedOutcome, notFoundReason } from './authorize-outcome';
import { parsePrincipalArn, resolvePrincipal } from './principal-resolution';
import { parseResource } from './resource-resolution';
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

/** The accounts whose snapshots a request needs (principal's first). */
export function accountsOf(req: AuthorizeRequest): string[] {
  const principal = parsePrincipalArn(req.principalArn);
  if (!principal) return [];
  const resource = parseResource(req.resource, req.action);
  if (resource.kind === 'key' && resource.ref.accountId !== principal.accountId) return [principal.accountId, resource.ref.accountId];
  return [principal.accountId];
}

function invalid(req: AuthorizeRequest): string | undefined {
  if (!ACTION.test(req.action)) return `Invalid request: action "${req.action.slice(0, 200)}" is not of the form service:Action.`;
  if (req.resource === '' || req.resource.length > MAX_TEXT || req.principalArn.length > MAX_TEXT) return 'Invalid request: principalArn and resource must be 1 to 2048 characters.';
  return undefined;
}

/** Evaluates one request; never throws (any error is an "Evaluation error" deny). */
export function evaluateRequest(req: AuthorizeRequest, env: EvaluationEnv): EvaluatedOutcome {
  try {
    return evaluate(req, env);
  } catch {
    return denied(`Evaluation error: the request for ${req.action} could not be evaluated.`);
  }
}

function evaluate(req: AuthorizeRequest, env: EvaluationEnv): EvaluatedOutcome {
  const problem = invalid(req);
  if (problem) return denied(problem);
  const pRef = parsePrincipalArn(req.principalArn);
  if (!pRef) return denied(notFoundReason(req, 'no principal with this ARN exists'));
  const pLookup = env.lookup(pRef.accountId);
  if (pLookup.status === 'unavailable') return denied(pLookup.reason);
  if (pLookup.status !== 'ok') return denied(notFoundReason(req, 'no principal with this ARN exists'));
  const accounts = [{ accountId: pRef.accountId, revision: pLookup.snapshot.revision }];
  const principal = resolvePrincipal(pLookup.snapshot, req.principalArn, pRef);
  if (!principal) return denied(notFoundReason(req, 'no principal with this ARN exists'), accounts);
  if (principal.entry.error) return denied(`Evaluation error: the policies of ${principal.entry.arn} could not be compiled.`, accounts);

  const rRef = parseResource(req.resource, req.action);
  const base: AuthorizationRequest = {
    principal: principal.facts,
    action: req.action,
    resource: req.resource,
    identityPolicies: principal.entry.identityPolicies as AuthorizationRequest['identityPolicies'],
    ...(principal.entry.permissionsBoundary ? { permissionsBoundary: principal.entry.permissionsBoundary } : {}),
    ...(req.context ? { context: req.context } : {}),
    ...(req.grantTokens ? { grantTokens: req.grantTokens } : {}),
    timeMs: env.timeMs,
    region: env.region,
  };
  if (rRef.kind !== 'key') {
    const decision = env.decide({ ...base, resourceAccount: rRef.kind === 'other' ? (rRef.accountId ?? pRef.accountId) : pRef.accountId });
    return { outcome: { ...decision, allowed: decision.decision === 'ALLOWED', revision: pLookup.snapshot.revision }, accounts };
  }

  const kLookup = rRef.ref.accountId === pRef.accountId ? pLookup : env.lookup(rRef.ref.accountId);
  if (kLookup.status === 'unavailable') return denied(kLookup.reason, accounts);
  const found = kLookup.status === 'ok' ? findKey(kLookup.snapshot, rRef.ref) : undefined;
  const what = rRef.ref.aliasName !== undefined ? 'no alias with this ARN exists' : 'no key with this ARN exists';
  if (kLookup.status !== 'ok' || !found) return denied(notFoundReason(req, what), accounts);
  if (kLookup !== pLookup) accounts.push({ accountId: rRef.ref.accountId, revision: kLookup.snapshot.revision });
  const { key, requestAlias } = found;
  if (key.error || !key.keyPolicy) return denied(`Evaluation error: the key policy of ${key.arn} could not be compiled.`, accounts);

  const decision = env.decide({
    ...base,
    resource: key.arn,
    resourceAccount: key.accountId,
    key: key.facts,
    resourcePolicy: key.keyPolicy,
    grants: key.grants as AuthorizationRequest['grants'],
    ...(requestAlias ? { requestAlias } : {}),
  });
  const keyState = key.facts.keyState;
  const outcome = { ...decision, allowed: decision.decision === 'ALLOWED', keyState, revision: pLookup.snapshot.revision };
  if (outcome.allowed) {
    const check = keyStateCheck(req.action, keyState, key.arn);
    if (!check.ok) {
      outcome.allowed = false;
      outcome.reason = `The policies allow ${req.action}, but the key state does not: ${check.message}`;
    }
  }
  return { outcome, accounts, ...(requestAlias ? { resolvedKeyArn: key.arn } : {}) };
}
