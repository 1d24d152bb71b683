/** The resource of an authorize request: "*", a key ARN, an alias ARN (resolved to its key), or another ARN. */
import { KMS_ALIAS_ACTIONS, parseArn } from '@keygate/policy-engine';
import { type KeyReference, parseKeyReference } from '../../snapshot/key-lookup';

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
  const p = parseArn(resource);
  if (p?.service === 'kms' && /^\d{12}$/.test(p.account)) {
    const isAlias = p.resource.startsWith('alias/');
    if (!(isAlias && KMS_ALIAS_ACTIONS.has(action.toLowerCase()))) {
      const ref = parseKeyReference(resource, p.account);
      if (ref) return { kind: 'key', ref };
    }
  }
  return { kind: 'other', accountId: p && /^\d{12}$/.test(p.account) ? p.account : undefined };
}
