/** The KMS key algorithm (semantics §3.3): the key policy is the primary control. */
import type { AuthorizationDecision, AuthorizationRequest, GrantFacts } from '../types';
import type { RequestContext } from '../context/context-view';
import { KMS_CROSS_ACCOUNT_ACTIONS } from '../catalog/kms-tables';
import { parseArn } from '../match/arn';
import { allowedReason, explicitDenyReason, firstDenySource, implicitDenyReason, type DenySource } from '../explain/reasons';
import { CROSS_ACCOUNT_GRANT_TO_PRINCIPAL_SUFFICES, KEY_POLICY_ROLE_GRANT_LIMITED_BY_BOUNDARY } from '../unconfirmed-choices';
import { Accumulator, MatchInput, PolicyOutcome, emptyOutcome, evaluateBoundaries, evaluateIdentityPolicies, evaluatePolicy } from './policy-evaluator';
import { actionIdOf } from '../compile/action-index';
import { requestKeyTarget } from './request-target';
import { GranteeMatch, allowingGrants, grantEntry } from './grant-evaluator';
import { finish } from './finish';

/** What the policies and grants said, reduced to the inputs of the §3.3 decision. */
interface KmsFacts {
  /** The key policy allows the caller itself (user, role/session, "*"). */
  direct: boolean;
  /** Only a role-ARN or "*" statement allows it (limited by a boundary, §3.1 table). */
  directViaRoleOrWildcard: boolean;
  /** The key policy allows the caller's account principal (IAM delegation). */
  account: boolean;
  /** Identity policies allow (the account root always does in its own account). */
  identity: boolean;
  boundary: boolean;
  grants: GranteeMatch[];
}

/** Decide a request on a KMS key. `keyArn` is the key the resource resolved to. */
export function evaluateKms(req: AuthorizationRequest, keyArn: string, actionLower: string, ctx: RequestContext, acc: Accumulator): AuthorizationDecision {
  const iamInput: MatchInput = { actionLower, actionId: actionIdOf(actionLower), target: requestKeyTarget(req, keyArn, actionLower), ctx: ctx.forIam, principal: req.principal };
  const id = evaluateIdentityPolicies(req, iamInput, acc);
  const boundary = evaluateBoundaries(req, iamInput, acc);
  const key = emptyOutcome();
  if (req.resourcePolicy) evaluatePolicy(req.resourcePolicy, { actionLower, actionId: iamInput.actionId, target: iamInput.target, ctx: ctx.forResource, principal: req.principal }, acc, key);
  // DECISIONS 6: without a key policy nothing can come from IAM. Grants are a separate allow path and
  // still count: otherwise adding a Deny-only key policy could grant access (monotonicity).
  const grants = allowingGrants(req, actionLower);
  const caller = req.principal.arn;
  if (id.deny || boundary?.deny || key.deny) {
    return finish('EXPLICIT_DENY', acc, explicitDenyReason(caller, req.action, keyArn, firstDenySource(key.deny, id.deny)));
  }
  if (req.principal.type === 'Service') {
    // A service principal acts as itself: it has no IAM policies, only the key policy can allow it.
    return key.allowDirect || key.allowWildcard ? allow(req, acc, grants, 'the key policy') : deny(req, acc, keyArn, 'resource');
  }
  const keyAccount = req.key?.accountId ?? parseArn(keyArn)?.account;
  const sameAccount = keyAccount !== undefined && keyAccount === req.principal.accountId;
  // Only the §3.3 item 4 actions work cross-account: whatever the key policy says, it cannot allow others.
  if (!sameAccount && !KMS_CROSS_ACCOUNT_ACTIONS.has(actionLower)) return deny(req, acc, keyArn, 'resource');
  const facts = kmsFacts(req, actionLower, id, boundary, key, grants.map((g) => g.via));
  const by = sameAccount ? sameAccountAllow(facts, req.principal.type === 'Account') : crossAccountAllow(facts);
  return by !== undefined ? allow(req, acc, grants, by) : deny(req, acc, keyArn, kmsDenySource(facts));
}

function deny(req: AuthorizationRequest, acc: Accumulator, keyArn: string, source: DenySource): AuthorizationDecision {
  return finish('IMPLICIT_DENY', acc, implicitDenyReason(req.principal.arn, req.action, keyArn, source));
}

function allow(req: AuthorizationRequest, acc: Accumulator, grants: readonly { grant: GrantFacts }[], by: string): AuthorizationDecision {
  for (const g of grants) acc.matched.push(grantEntry(g.grant));
  return finish('ALLOWED', acc, allowedReason(req.action, by));
}

function kmsFacts(req: AuthorizationRequest, actionLower: string, id: PolicyOutcome, boundary: PolicyOutcome | undefined, key: PolicyOutcome, grants: GranteeMatch[]): KmsFacts {
  // INVARIANT: kms:RetireGrant is authorized by the grant; key-policy allows for it are ineffective (§3.3 item 10).
  const keyCounts = actionLower !== 'kms:retiregrant';
  return {
    direct: keyCounts && (key.allowDirect || key.allowRole || key.allowWildcard),
    directViaRoleOrWildcard: keyCounts && !key.allowDirect && (key.allowRole || key.allowWildcard),
    account: keyCounts && key.allowAccount,
    identity: id.allow || req.principal.type === 'Account',
    boundary: boundary === undefined || boundary.allow,
    grants,
  };
}

/** Same account: a direct key-policy grant, IAM delegated by the account statement, or a grant. */
function sameAccountAllow(f: KmsFacts, isRoot: boolean): string | undefined {
  const iamChain = f.identity && f.boundary;
  const directLimited = KEY_POLICY_ROLE_GRANT_LIMITED_BY_BOUNDARY && f.directViaRoleOrWildcard && !f.boundary;
  if (f.direct && !directLimited) return 'the key policy';
  // INVARIANT: the account principal covers the root user; other principals need an IAM allow (§3.3 item 2).
  if (f.account && iamChain) return isRoot ? 'the key policy (account principal)' : 'an IAM policy enabled by the key policy';
  if (f.grants.some((g) => g === 'principal' || iamChain)) return 'a grant';
  return undefined;
}

/** Cross account: the key policy must trust the caller or its account AND the caller's IAM must allow. */
function crossAccountAllow(f: KmsFacts): string | undefined {
  const iamChain = f.identity && f.boundary;
  if ((f.direct || f.account) && iamChain) return 'the key policy and an IAM policy in the caller account';
  if (CROSS_ACCOUNT_GRANT_TO_PRINCIPAL_SUFFICES && f.grants.includes('principal')) return 'a grant';
  if (f.grants.length > 0 && iamChain) return 'a grant and an IAM policy in the caller account';
  return undefined;
}

/** §9 KMS mapping: no trust ⇒ resource-based; trust without IAM allow ⇒ identity-based; else the boundary. */
function kmsDenySource(f: KmsFacts): DenySource {
  if (!f.direct && !f.account) return 'resource';
  if (!f.identity && !f.direct) return 'identity';
  if (!f.boundary) return 'boundary';
  return 'identity';
}
