/** Grants: an allow-only path (semantics §3.4). */
import type { AuthorizationRequest, GrantFacts, MatchedStatement } from '../types';
import { GRANT_OPERATIONS_IGNORING_CONSTRAINTS } from '../catalog/kms-tables';
import { encryptionContextOf } from '../context/build-context';

/** How a grant names the caller: exactly, through the role of a session, or via the caller's account root. */
export type GranteeMatch = 'principal' | 'account' | 'none';

/** Match the caller against a grant's grantee principal. */
export function matchGrantee(req: AuthorizationRequest, grantee: string): GranteeMatch {
  const p = req.principal;
  if (grantee === p.arn) return 'principal';
  if (p.type === 'AssumedRole' && grantee === p.principalArn) return 'principal';
  if (p.accountId !== undefined && grantee === `arn:aws:iam::${p.accountId}:root`) return p.type === 'Account' ? 'principal' : 'account';
  return 'none';
}

function constraintsHold(g: GrantFacts, op: string, req: AuthorizationRequest): boolean {
  const c = g.constraints;
  if (c === undefined || GRANT_OPERATIONS_IGNORING_CONSTRAINTS.has(op)) return true;
  if (c.encryptionContextEquals === undefined && c.encryptionContextSubset === undefined) return true;
  const ec = encryptionContextOf(req);
  if (c.encryptionContextEquals !== undefined) {
    const want = Object.entries(c.encryptionContextEquals);
    if (want.length !== ec.size || !want.every(([k, v]) => ec.get(k) === v)) return false;
  }
  if (c.encryptionContextSubset !== undefined) {
    if (!Object.entries(c.encryptionContextSubset).every(([k, v]) => ec.get(k) === v)) return false;
  }
  return true;
}

/**
 * How a grant covers the caller for an operation: as grantee when the grant lists the operation,
 * or (RetireGrant only) as the grant's retiring principal (§3.4).
 */
function grantMatch(req: AuthorizationRequest, g: GrantFacts, op: string): GranteeMatch {
  if (op === 'retiregrant' && typeof g.retiringPrincipal === 'string') {
    const retiring = matchGrantee(req, g.retiringPrincipal);
    if (retiring !== 'none') return retiring;
  }
  const via = matchGrantee(req, g.granteePrincipal);
  if (via === 'none') return 'none';
  return g.operations.some((o) => typeof o === 'string' && o.toLowerCase() === op) ? via : 'none';
}

/** Grants that allow the request, with how each names the caller. */
export function allowingGrants(req: AuthorizationRequest, actionLower: string): { grant: GrantFacts; via: GranteeMatch }[] {
  const grants = Array.isArray(req.grants) ? req.grants : [];
  if (grants.length === 0 || !actionLower.startsWith('kms:')) return [];
  const op = actionLower.slice(4);
  const tokens = Array.isArray(req.grantTokens) ? req.grantTokens : [];
  const out: { grant: GrantFacts; via: GranteeMatch }[] = [];
  for (const g of grants) {
    if (!g || typeof g.granteePrincipal !== 'string' || !Array.isArray(g.operations)) continue;
    const via = grantMatch(req, g, op);
    if (via === 'none') continue;
    // INVARIANT: a grant that is not yet effective counts only when the request carries its token.
    if (!g.effective && (g.grantToken === undefined || !tokens.includes(g.grantToken))) continue;
    if (!constraintsHold(g, op, req)) continue;
    out.push({ grant: g, via });
  }
  return out;
}

/** The matched-statement entry of a grant. */
export function grantEntry(g: GrantFacts): MatchedStatement {
  return { sourcePolicyType: 'GRANT', sourcePolicyId: g.grantId, statementIndex: 0, effect: 'ALLOW' };
}
