/** The resource of an authorize request: "*", a key ARN, an alias ARN (resolved to its key), or another ARN. */
import { KMS_ALIAS_ACTIONS, parseArn } from '@keygate/policy-engine';
import { type KeyReference, keyReferenceOfArn } from '../../snapshot/key-lookup';

const ACCOUNT_ID = /^\d{12}$/;

/** What the resource names before snapshots are consulted. */
export type ResourceRef =
  | { kind: 'none' }
  /** A key ARN, or an alias ARN to resolve to its key. */
  | { kind: 'key'; ref: KeyReference }
  /** Evaluated as written (alias ARN of an alias action, IAM ARNs...). */
  | { kind: 'other'; accountId?: string };

/** Parses the resource; alias ARNs of CreateAlias/DeleteAlias/UpdateAlias stay aliases (IAM-only evaluation). */
export function parseResource(resource: string, action: string): ResourceRef {
  if (resource === '*') return { kind: 'none' };
  // INVARIANT (speed): the ARN is taken apart once; keyReferenceOfArn checks service and account.
  const p = parseArn(resource);
  if (p === undefined) return { kind: 'other', accountId: undefined };
  if (!(p.resource.startsWith('alias/') && KMS_ALIAS_ACTIONS.has(action.toLowerCase()))) {
    const ref = keyReferenceOfArn(resource, p);
    if (ref) return { kind: 'key', ref };
  }
  return { kind: 'other', accountId: ACCOUNT_ID.test(p.account) ? p.account : undefined };
}
