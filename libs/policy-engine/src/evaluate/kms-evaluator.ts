/** The KMS key algorithm (semantics §3.3): the key policy is the primary control. */
import type { AuthorizationDecision, AuthorizationRequest } from '../types';
import type { RequestContext } from '../context/context-view';
import { KMS_CROSS_ACCOUNT_ACTIONS } from '../catalog/kms-tables';
import { parseArn } from '../match/arn';
import { allowedReason, explicitDenyReason, firstDenySource, implicitDenyReason } from '../explain/reasons';
import { Accumulator, MatchInput, emptyOutcome, evaluateBoundaries, evaluatePolicies, evaluatePolicy } from './policy-evaluator';
import { resourceTarget } from './request-target';
import { allowingGrants, grantEntry } from './grant-evaluator';
import { finish } from './finish';

import { CROSS_ACCOUNT_GRANT_TO_PRINCIPAL_SUFFICES, KEY_POLICY_ROLE_GRANT_LIMITED_BY_BOUNDARY } from '../unconfirmed-choices';

/** Decide a request on a KMS key. `keyArn` is the key the resource resolved to. */
export function evaluateKms(req: AuthorizationRequest, keyArn: string, actionLower: string, ctx: RequestContext, acc: Accumulator): AuthorizationDecision {
  const target = resourceTarget(keyArn, req, actionLower);
  const iamInput: MatchInput = { actionLower, target, ctx: ctx.forIam, principal: req.principal };
  const keyInput: MatchInput = { ...iamInput, ctx: ctx.forResource };
  const id = evaluatePolicies(req.identityPolicies, iamInput, acc);
  const boundary = evaluateBoundaries(req, iamInput, acc);
  const key = emptyOutcome();
  if (req.resourcePolicy) evaluatePolicy(req.resourcePolicy, keyInput, acc, key);
  // DECISIONS 6: a key without a key policy answers at best IMPLICIT_DENY, so no grant counts either.
  const grants = req.resourcePolicy ? allowingGrants(req, actionLower) : [];
  const caller = req.principal.arn;
  const action = req.action;
  if (id.deny || boundary?.deny || key.deny) {
    return finish('EXPLICIT_DENY', acc, explicitDenyReason(caller, action, keyArn, firstDenySource(key.deny, id.deny)));
  }
  if (req.principal.type === 'Service') {
    // A service principal acts as itself: it has no IAM policies, only the key policy can allow it.
    if (key.allowDirect || key.allowWildcard) return finish('ALLOWED', acc, allowedReason(action, 'the key policy'));
    return finish('IMPLICIT_DENY', acc, implicitDenyReason(caller, action, keyArn, 'resource'));
  }
  const keyAccount = req.key?.accountId ?? parseArn(keyArn)?.account;
  const sameAccount = keyAccount !== undefined && keyAccount === req.principal.accountId;
  if (!sameAccount && !KMS_CROSS_ACCOUNT_ACTIONS.has(actionLower)) {
    // Only the §3.3 item 4 actions work cross-account: whatever the key policy says, it cannot allow this one.
    return finish('IMPLICIT_DENY', acc, implicitDenyReason(caller, action, keyArn, 'resource'));
  }
  const isRoot = req.principal.type === 'Account';
  const boundaryAllows = boundary === undefined || boundary.allow;
  const iamChain = (id.allow || isRoot) && boundaryAllows;
  // INVARIANT: kms:RetireGrant is authorized by the grant; key-policy allows for it are ineffective (§3.3 item 10).
  const retire = actionLower === 'kms:retiregrant';
  const trustsDirectly = !retire && (key.allowDirect || key.allowRole || key.allowWildcard);
  const trustsAccount = !retire && key.allowAccount;
  const grantOk = (principalOnly: boolean): boolean => grants.some((g) => g.via === 'principal' || (!principalOnly && iamChain));
  const allow = (by: string): AuthorizationDecision => {
    for (const g of grants) acc.matched.push(grantEntry(g.grant));
    return finish('ALLOWED', acc, allowedReason(action, by));
  };
  if (sameAccount) {
    const directLimited = KEY_POLICY_ROLE_GRANT_LIMITED_BY_BOUNDARY && !key.allowDirect && !boundaryAllows;
    if (trustsDirectly && !directLimited) return allow('the key policy');
    // INVARIANT: the account principal covers the root user; other principals need an IAM allow (§3.3 item 2).
    if (trustsAccount && iamChain) return allow(isRoot ? 'the key policy (account principal)' : 'an IAM policy enabled by the key policy');
    if (grantOk(false)) return allow('a grant');
  } else {
    if ((trustsDirectly || trustsAccount) && iamChain) return allow('the key policy and an IAM policy in the caller account');
    if (CROSS_ACCOUNT_GRANT_TO_PRINCIPAL_SUFFICES && grantOk(true)) return allow('a grant');
    if (grants.length > 0 && iamChain) return allow('a grant and an IAM policy in the caller account');
  }
  return finish('IMPLICIT_DENY', acc, implicitDenyReason(caller, action, keyArn, kmsDenySource(trustsDirectly, trustsAccount, id.allow || isRoot, boundaryAllows)));
}

function kmsDenySource(direct: boolean, account: boolean, identity: boolean, boundary: boolean): 'identity' | 'resource' | 'boundary' {
  if (!direct && !account) return 'resource';
  if (!identity && !direct) return 'identity';
  if (!boundary) return 'boundary';
  return 'identity';
}
