/**
 * Grants for the REFERENCE evaluator, from aws-kms-iam-semantics.md §3.4 (grantAllows pseudo-code):
 * allow-only, one key, listed operations, encryption-context constraints, tokens for grants that
 * are not yet effective. How a grant names the caller is returned so the caller can apply the
 * UNCONFIRMED rules (grants to an account root, grants used across accounts).
 */
import type { ContextEntry, GrantFacts } from '../types';
import type { RefCaller } from './reference-matching';

/** How the best usable grant names the caller. */
export type GrantHit = 'principal' | 'account' | 'none';

const EC_PREFIX = 'kms:encryptioncontext:';

/** The request's encryption context: `kms:EncryptionContext:<k>` entries, key case kept. */
function encryptionContext(context: ContextEntry[]): Map<string, string> {
  const ec = new Map<string, string>();
  for (const e of context) {
    if (e.key.toLowerCase().startsWith(EC_PREFIX) && e.values.length === 1) ec.set(e.key.slice(EC_PREFIX.length), e.values[0]);
  }
  return ec;
}

/** Constraints: EncryptionContextEquals = exact map equality, Subset = every pair present (case-sensitive);
 * both are ignored for DescribeKey and RetireGrant. */
function constraintsHold(g: GrantFacts, operation: string, ec: Map<string, string>): boolean {
  if (operation === 'describekey' || operation === 'retiregrant') return true;
  const equals = g.constraints?.encryptionContextEquals;
  const subset = g.constraints?.encryptionContextSubset;
  if (equals && (Object.keys(equals).length !== ec.size || Object.entries(equals).some(([k, v]) => ec.get(k) !== v))) return false;
  return !subset || Object.entries(subset).every(([k, v]) => ec.get(k) === v);
}

/** Best grant hit for the request (principal beats account). */
export function grantHit(
  grants: GrantFacts[],
  tokens: string[],
  caller: RefCaller,
  action: string,
  context: ContextEntry[],
): GrantHit {
  const operation = action.toLowerCase().replace(/^kms:/, '');
  const ec = encryptionContext(context);
  let best: GrantHit = 'none';
  for (const g of grants) {
    const usable = g.effective || (g.grantToken !== undefined && tokens.includes(g.grantToken));
    if (!usable || !g.operations.some((op) => op.toLowerCase() === operation) || !constraintsHold(g, operation, ec)) continue;
    if (g.granteePrincipal === caller.arn || g.granteePrincipal === caller.roleArn) return 'principal';
    if (g.granteePrincipal === `arn:aws:iam::${caller.account}:root`) best = 'account';
  }
  return best;
}
