/** Statement matching for one compiled policy: principal ∧ action ∧ resource ∧ conditions. */
import type { AuthorizationRequest, CompiledPolicy, MatchedStatement, PrincipalFacts } from '../types';
import type { ContextView } from '../context/context-view';
import { internalOf } from '../compile/compile-policy';
import type { CompiledStatement } from '../compile/compiled-statement';
import { statementActionMatches } from '../compile/action-index';
import { PrincipalMatch, matchPrincipal } from '../compile/principal-matcher';
import { ResourceTarget, matchResourceElement } from '../compile/resource-matcher';
import { evaluateConditions } from '../conditions/evaluate-condition';
import { ACCOUNT_PRINCIPAL_DENY_HITS_WHOLE_ACCOUNT } from '../unconfirmed-choices';
import { type SetEntry, isPolicySetOf, setInternalOf } from '../compile/policy-set';

/** Per-request collector of matched statements and missing condition keys. */
export class Accumulator {
  readonly matched: MatchedStatement[] = [];
  missing: Set<string> | null = null;
  addMissing(raw: string): void {
    (this.missing ??= new Set()).add(raw);
  }
}

/** What one policy said about the request. */
export interface PolicyOutcome {
  allow: boolean;
  deny: boolean;
  /** Resource policies: kinds of principal match among matching Allow statements. */
  allowDirect: boolean;
  allowRole: boolean;
  allowWildcard: boolean;
  allowAccount: boolean;
}

/** A fresh outcome with nothing matched. */
export function emptyOutcome(): PolicyOutcome {
  return { allow: false, deny: false, allowDirect: false, allowRole: false, allowWildcard: false, allowAccount: false };
}

/** Everything a statement is matched against. */
export interface MatchInput {
  actionLower: string;
  /** actionIdOf(actionLower). */
  actionId: number;
  target: ResourceTarget;
  ctx: ContextView;
  principal: PrincipalFacts;
}

function principalMatch(st: CompiledStatement, principal: PrincipalFacts): PrincipalMatch {
  if (st.principal === null) return 'none';
  const m = matchPrincipal(st.principal, principal);
  if (!st.notPrincipal) return m;
  // INVARIANT: NotPrincipal spares only the principals it lists themselves; listing the account
  // spares the account root, not every principal of the account (semantics §1.3).
  const spared = m === 'direct' || m === 'role' || m === 'wildcard' || (m === 'account' && principal.type === 'Account');
  return spared ? 'none' : 'wildcard';
}

function resourceMatches(st: CompiledStatement, input: MatchInput): boolean {
  const any = matchResourceElement(st.resources, input.target, input.ctx);
  return st.notResource ? !any : any;
}

/** The report of a matched statement; two literal shapes (with and without sid), no spread. */
function matchedStatement(policy: CompiledPolicy, st: CompiledStatement): MatchedStatement {
  if (st.sid === undefined) return { sourcePolicyType: policy.sourceType, sourcePolicyId: policy.policyId, statementIndex: st.index, effect: st.effect };
  return { sourcePolicyType: policy.sourceType, sourcePolicyId: policy.policyId, sid: st.sid, statementIndex: st.index, effect: st.effect };
}

/**
 * Apply one candidate statement (action already matched). `keyed`: the statement was found by the
 * request's literal ARN in an index of keyed statements (only literal ARNs, no NotResource), so
 * its Resource element matches by construction and is not read again.
 */
function applyStatement(policy: CompiledPolicy, st: CompiledStatement, isResource: boolean, input: MatchInput, acc: Accumulator, out: PolicyOutcome, keyed = false): void {
  const pm: PrincipalMatch = isResource ? principalMatch(st, input.principal) : 'direct';
  if (pm === 'none') return;
  if (pm === 'account' && st.effect === 'DENY' && !ACCOUNT_PRINCIPAL_DENY_HITS_WHOLE_ACCOUNT && input.principal.type !== 'Account') return;
  if (!keyed && !resourceMatches(st, input)) return;
  const keys = st.conditionKeys;
  for (let i = 0; i < keys.length; i++) if (input.ctx.get(keys[i].lower) === undefined) acc.addMissing(keys[i].raw);
  if (st.conditions.length > 0 && !evaluateConditions(st.conditions, input.ctx)) return;
  acc.matched.push(matchedStatement(policy, st));
  if (st.effect === 'DENY') {
    out.deny = true;
    return;
  }
  out.allow = true;
  if (pm === 'direct') out.allowDirect = true;
  else if (pm === 'role') out.allowRole = true;
  else if (pm === 'wildcard') out.allowWildcard = true;
  else out.allowAccount = true;
}

/** Evaluate one policy, recording matches in `acc` and merging into `out`. */
export function evaluatePolicy(policy: CompiledPolicy, input: MatchInput, acc: Accumulator, out: PolicyOutcome): void {
  const index = internalOf(policy).index;
  const isResource = policy.kind === 'resource';
  const general = index.candidatesById(input.actionLower, input.actionId);
  const target = input.target;
  const keyed = target.key === null ? undefined : index.keyed(target.key, target.keyBitA, target.keyBitB);
  if (keyed === undefined) {
    for (let i = 0; i < general.length; i++) applyStatement(policy, general[i], isResource, input, acc, out);
    return;
  }
  // INVARIANT: both lists are in document order; merging keeps matchedStatements in document order.
  let g = 0;
  for (let k = 0; k < keyed.length; k++) {
    const st = keyed[k];
    while (g < general.length && general[g].index < st.index) applyStatement(policy, general[g++], isResource, input, acc, out);
    if (statementActionMatches(st, input.actionLower)) applyStatement(policy, st, isResource, input, acc, out, true);
  }
  while (g < general.length) applyStatement(policy, general[g++], isResource, input, acc, out);
}

/** Evaluate several policies into one outcome. */
export function evaluatePolicies(policies: readonly CompiledPolicy[], input: MatchInput, acc: Accumulator): PolicyOutcome {
  const out = emptyOutcome();
  for (const p of policies) evaluatePolicy(p, input, acc, out);
  return out;
}

/**
 * Evaluate the request's identity policies: through its identitySet when it is the set of exactly
 * these policies and its merged index is available, else policy by policy. Same outcome, same
 * matched statements in the same order either way.
 */
export function evaluateIdentityPolicies(req: AuthorizationRequest, input: MatchInput, acc: Accumulator): PolicyOutcome {
  const set = req.identitySet;
  // Non-KMS actions have no action id (actionIdOf = -1) and are not memoised by the set.
  const merged = set !== undefined && input.actionId >= 0 && isPolicySetOf(set, req.identityPolicies) ? setInternalOf(set).index() : null;
  if (merged === null) return evaluatePolicies(req.identityPolicies, input, acc);
  const out = emptyOutcome();
  const general = merged.candidatesById(input.actionLower, input.actionId);
  const target = input.target;
  const keyed = target.key === null ? undefined : merged.keyedFor(target.key);
  if (keyed === undefined) {
    for (let i = 0; i < general.length; i++) applyEntry(general[i], input, acc, out);
    return out;
  }
  // INVARIANT: both lists are in evaluation order (pos); merging keeps matchedStatements in that order.
  let g = 0;
  for (let k = 0; k < keyed.length; k++) {
    const e = keyed[k];
    while (g < general.length && general[g].pos < e.pos) applyEntry(general[g++], input, acc, out);
    if (statementActionMatches(e.st, input.actionLower)) applyStatement(e.policy, e.st, false, input, acc, out, true);
  }
  while (g < general.length) applyEntry(general[g++], input, acc, out);
  return out;
}

function applyEntry(e: SetEntry, input: MatchInput, acc: Accumulator, out: PolicyOutcome): void {
  applyStatement(e.policy, e.st, false, input, acc, out);
}

/**
 * Evaluate the permissions boundaries of a request: undefined when there is none; otherwise
 * `allow` only when every boundary allows, `deny` when any denies.
 */
export function evaluateBoundaries(req: AuthorizationRequest, input: MatchInput, acc: Accumulator): PolicyOutcome | undefined {
  const extra = req.additionalPermissionsBoundaries;
  if (req.permissionsBoundary === undefined && (!Array.isArray(extra) || extra.length === 0)) return undefined;
  const list = [req.permissionsBoundary, ...(Array.isArray(req.additionalPermissionsBoundaries) ? req.additionalPermissionsBoundaries : [])].filter(
    (b): b is CompiledPolicy => b !== undefined && b !== null,
  );
  if (list.length === 0) return undefined;
  const out = emptyOutcome();
  out.allow = true;
  for (const b of list) {
    const one = emptyOutcome();
    evaluatePolicy(b, input, acc, one);
    out.allow = out.allow && one.allow;
    out.deny = out.deny || one.deny;
  }
  return out;
}
