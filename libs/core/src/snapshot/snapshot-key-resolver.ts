/** KMS admin self-authorization helper: the key a keyId argument names, with what the engine needs. */
import type { PrincipalCaller } from '../auth/caller';
import type { AuthorizationExtras } from '../authz/self-authorizer';
import { errors } from '../errors/domain-error';
import type { KeyEntry } from './account-snapshot';
import type { CurrentSnapshots } from './current-snapshots';
import { findKey, parseKeyReference } from './key-lookup';

/** A key found for an admin call. */
export interface ResolvedKey {
  key: KeyEntry;
  /** The alias name when the reference was an alias (kms:RequestAlias). */
  requestAlias?: string;
  /** Pass to SelfAuthorizer.require(caller, action, key.arn, extras): key facts, key policy, grants, alias. */
  extras: AuthorizationExtras;
}

/**
 * Resolves key id / key ARN / alias name / alias ARN at the current revision of the accounts
 * involved (ids and alias names in the caller's account; ARNs of another account of this
 * deployment in that account's snapshot). Null when nothing matches, whatever the reason.
 */
export class SnapshotKeyResolver {
  constructor(
    private readonly snapshots: CurrentSnapshots,
    private readonly now: () => number = Date.now,
  ) {}

  async resolve(caller: PrincipalCaller, keyRef: string): Promise<ResolvedKey | null> {
    const ref = parseKeyReference(keyRef, caller.accountId);
    if (!ref) return null;
    const snapshot = await this.snapshots.one(ref.accountId);
    const found = snapshot ? findKey(snapshot, ref, this.now()) : undefined;
    if (!found) return null;
    const { key, requestAlias } = found;
    // INVARIANT: a key whose policy cannot be compiled is never evaluated (a skipped Deny fails open).
    if (key.error || !key.keyPolicy) throw errors.internal(`The key policy of ${key.arn} could not be evaluated.`);
    const extras: AuthorizationExtras = {
      resourceAccount: key.accountId,
      key: key.facts,
      resourcePolicy: key.keyPolicy,
      grants: key.grants as AuthorizationExtras['grants'],
      ...(requestAlias ? { requestAlias } : {}),
    };
    return { key, ...(requestAlias ? { requestAlias } : {}), extras };
  }
}
