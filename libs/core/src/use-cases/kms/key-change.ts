/** The shape of every KMS mutation on one key: resolve, self-authorize, key state, then ONE Store.change. */
import type { ContextEntry } from '@keygate/policy-engine';
import type { Caller, PrincipalCaller } from '../../auth/caller';
import type { KmsKeyRecord } from '../../ports/kms.repository';
import type { TenantRepositories } from '../../ports/store.port';
import {
  type CrossAccountMode,
  type KeyAuthorizationData,
  keyAuthorizationData,
  reloadKey,
  requireKeyState,
  requireOnKey,
  type ResolvedKey,
  resolveKey,
} from './key-access';
import { type KmsDeps, principalOf } from './kms-deps';

/** One mutation on a key. */
export interface KeyChangeSpec<T> {
  /** The KMS action it mirrors (authorized on the key, key-state checked). */
  action: string;
  keyId: string;
  mode?: CrossAccountMode;
  context?: ContextEntry[];
  grantTokens?: string[];
  /** Skip the key-state table (operations valid in every state). */
  anyState?: boolean;
  /** Non-secret details for the audit row. */
  details?: Record<string, unknown>;
  /** Extra checks after authorization, before the change (e.g. the lockout check); reads only. */
  check?: (repos: TenantRepositories, principal: PrincipalCaller, resolved: ResolvedKey, data: KeyAuthorizationData) => Promise<void>;
  /** The change itself, on the key as re-read inside the transaction. */
  mutate: (repos: TenantRepositories, key: KmsKeyRecord, principal: PrincipalCaller) => Promise<T>;
}

/** Runs a key mutation; the change is recorded in the KEY's account (audit row, revision, NOTIFY). */
export async function changeKey<T>(deps: KmsDeps, caller: Caller, spec: KeyChangeSpec<T>): Promise<{ result: T; revision: bigint; key: KmsKeyRecord }> {
  const principal = principalOf(caller, spec.action);
  const resolved = await deps.store.read(async (repos) => {
    const found = await resolveKey(repos, deps, principal, spec.keyId, spec.mode ?? 'none');
    const data = await keyAuthorizationData(repos, found.key);
    await requireOnKey(repos, deps, principal, spec.action, found, { data, context: spec.context, grantTokens: spec.grantTokens });
    if (!spec.anyState) requireKeyState(spec.action, found.key);
    if (spec.check) await spec.check(repos, principal, found, data);
    return found;
  });
  const meta = {
    accountId: resolved.key.accountId,
    actorArn: principal.arn,
    action: spec.action,
    resource: resolved.key.arn,
    ...(spec.details ? { details: spec.details } : {}),
  };
  const { result, revision } = await deps.store.change(meta, async (repos) => {
    // INVARIANT: the state is checked again under the account lock, so concurrent changes cannot
    // both pass a check that only one of them may pass (e.g. two scheduleKeyDeletion calls).
    const key = await reloadKey(repos, deps, resolved);
    if (!spec.anyState) requireKeyState(spec.action, key);
    const value = await spec.mutate(repos, key, principal);
    const after = (await repos.kms.keys.get(key.accountId, key.keyId, deps.now())) ?? key;
    return { value, after };
  });
  return { result: result.value, revision, key: result.after };
}
