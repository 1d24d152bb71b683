/** Resolving KMS key references (key id, key ARN, alias name, alias ARN) in snapshots. */
import { type ParsedArn, parseArn } from '@keygate/policy-engine';
import type { AccountSnapshot, KeyEntry } from './account-snapshot';

/** A parsed key reference: the account it lives in and the key id or alias name. */
export interface KeyReference {
  accountId: string;
  keyId?: string;
  aliasName?: string;
  /** Region named by an ARN reference (must match the key's). */
  region?: string;
  /** The full ARN when the reference was one. */
  arn?: string;
}

const ALIAS_NAME = /^alias\/[a-zA-Z0-9/_-]+$/;
const ACCOUNT_ID = /^\d{12}$/;

/**
 * Parses a key id, key ARN, alias name or alias ARN. Ids and alias names resolve in
 * `callerAccountId` (as AWS does); ARNs name their own account. Undefined for anything else.
 */
export function parseKeyReference(ref: string, callerAccountId: string): KeyReference | undefined {
  if (ref.startsWith('arn:')) {
    const p = parseArn(ref);
    return p ? keyReferenceOfArn(ref, p) : undefined;
  }
  if (ref.startsWith('alias/')) return ALIAS_NAME.test(ref) ? { accountId: callerAccountId, aliasName: ref } : undefined;
  return /^[a-zA-Z0-9-]{1,128}$/.test(ref) ? { accountId: callerAccountId, keyId: ref } : undefined;
}

/** The key or alias an ARN already taken apart by parseArn names; undefined for anything else. */
export function keyReferenceOfArn(arn: string, p: ParsedArn): KeyReference | undefined {
  if (p.service !== 'kms' || !ACCOUNT_ID.test(p.account)) return undefined;
  if (p.resource.startsWith('key/') && p.resource.length > 4) return { accountId: p.account, keyId: p.resource.slice(4), region: p.region, arn };
  if (ALIAS_NAME.test(p.resource)) return { accountId: p.account, aliasName: p.resource, region: p.region, arn };
  return undefined;
}

/** The key a reference names in its account's snapshot, and the alias used (kms:RequestAlias). */
export interface FoundKey {
  key: KeyEntry;
  requestAlias?: string;
}

/**
 * Looks a parsed reference up in the snapshot of its account; undefined when it names nothing.
 * A key whose deletion date has passed at `nowMs` is deleted: absent, with its aliases.
 */
export function findKey(snapshot: AccountSnapshot, ref: KeyReference, nowMs: number): FoundKey | undefined {
  if (snapshot.accountId !== ref.accountId) return undefined;
  const keyId = ref.keyId ?? (ref.aliasName !== undefined ? snapshot.aliases.get(ref.aliasName) : undefined);
  const key = keyId === undefined ? undefined : snapshot.keys.get(keyId);
  if (!key || (key.deletionDateMs !== undefined && key.deletionDateMs <= nowMs)) return undefined;
  if (ref.keyId !== undefined && ref.arn !== undefined && ref.arn !== key.arn) return undefined;
  if (ref.region !== undefined && ref.region !== key.facts.region) return undefined;
  return ref.aliasName !== undefined ? { key, requestAlias: ref.aliasName } : { key };
}
