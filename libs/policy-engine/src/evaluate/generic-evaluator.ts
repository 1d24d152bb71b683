/** The generic AWS algorithm (semantics §3.1, §3.2) for non-KMS resources and IAM-only actions. */
import type { AuthorizationDecision, AuthorizationRequest } from '../types';
import type { RequestContext } from '../context/context-view';
import { explicitDenyReason, firstDenySource, implicitDenyReason, allowedReason } from '../explain/reasons';
import { Accumulator, MatchInput, PolicyOutcome, emptyOutcome, evaluateBoundaries, evaluateIdentityPolicies, evaluatePolicy } from './policy-evaluator';
import { actionIdOf } from '../compile/action-index';
import { resourceAccountOf, resourceTarget } from './request-target';
import { finish } from './finish';

/** Options of the generic algorithm. */
export interface GenericOptions {
  /** Ignore the resource policy (IAM-only actions such as kms:CreateKey or alias actions). */
  iamOnly: boolean;
}

/** Decide a request with the generic algorithm. */
export function evaluateGeneric(req: AuthorizationRequest, actionLower: string, ctx: RequestContext, acc: Accumulator, opts: GenericOptions): AuthorizationDecision {
  const input: MatchInput = { actionLower, actionId: actionIdOf(actionLower), target: resourceTarget(req.resource, req, actionLower), ctx: ctx.forIam, principal: req.principal };
  const id = evaluateIdentityPolicies(req, input, acc);
  const boundary = evaluateBoundaries(req, input, acc);
  const res = emptyOutcome();
  if (!opts.iamOnly && req.resourcePolicy) evaluatePolicy(req.resourcePolicy, input, acc, res);
  const caller = req.principal.arn;
  const resource = req.resource;
  if (id.deny || boundary?.deny || res.deny) {
    return finish('EXPLICIT_DENY', acc, explicitDenyReason(caller, req.action, resource, firstDenySource(res.deny, id.deny)));
  }
  if (req.principal.type === 'Service' && !opts.iamOnly) {
    // A service principal has no IAM policies: only the resource policy can allow it.
    if (res.allowDirect || res.allowWildcard) return finish('ALLOWED', acc, allowedReason(req.action, 'the resource-based policy'));
    return finish('IMPLICIT_DENY', acc, implicitDenyReason(caller, req.action, resource, 'resource'));
  }
  const owner = resourceAccountOf(req);
  const sameAccount = owner === undefined || owner === req.principal.accountId;
  // The account root is not limited by IAM policies in its own account (not for KMS keys: see kms-evaluator).
  const identityAllows = id.allow || req.principal.type === 'Account';
  const boundaryAllows = boundary === undefined || boundary.allow;
  const identityChain = identityAllows && boundaryAllows;
  if (opts.iamOnly) {
    if (!sameAccount) return finish('IMPLICIT_DENY', acc, implicitDenyReason(caller, req.action, resource, 'identity'));
    if (identityChain) return finish('ALLOWED', acc, allowedReason(req.action, 'an identity-based policy'));
    return finish('IMPLICIT_DENY', acc, implicitDenyReason(caller, req.action, resource, identityAllows ? 'boundary' : 'identity'));
  }
  if (sameAccount) return sameAccountDecision(req, acc, identityAllows, boundaryAllows, res);
  if (!res.allow) return finish('IMPLICIT_DENY', acc, implicitDenyReason(caller, req.action, resource, 'resource'));
  if (!identityAllows) return finish('IMPLICIT_DENY', acc, implicitDenyReason(caller, req.action, resource, 'identity'));
  if (!boundaryAllows) return finish('IMPLICIT_DENY', acc, implicitDenyReason(caller, req.action, resource, 'boundary'));
  return finish('ALLOWED', acc, allowedReason(req.action, 'an identity-based policy and the resource-based policy'));
}

function sameAccountDecision(req: AuthorizationRequest, acc: Accumulator, identityAllows: boolean, boundaryAllows: boolean, res: PolicyOutcome): AuthorizationDecision {
  const caller = req.principal.arn;
  if (identityAllows && boundaryAllows) return finish('ALLOWED', acc, allowedReason(req.action, 'an identity-based policy'));
  // §3.1 table: a grant to the user, session or federated user itself is not limited by an implicit
  // deny in identity policies or the boundary; a grant to the role ARN (or "*") is limited by the boundary;
  // an account-principal grant is a delegation that needs an identity allow.
  if (res.allowDirect) return finish('ALLOWED', acc, allowedReason(req.action, 'the resource-based policy'));
  if ((res.allowRole || res.allowWildcard) && boundaryAllows) return finish('ALLOWED', acc, allowedReason(req.action, 'the resource-based policy'));
  const source = identityAllows || res.allowRole || res.allowWildcard ? 'boundary' : 'identity';
  return finish('IMPLICIT_DENY', acc, implicitDenyReason(caller, req.action, req.resource, source));
}
