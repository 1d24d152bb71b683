/** Read-only key operations: describeKey, listKeys, getKeyPolicy, listKeyPolicies, listResourceTags, getKeyRotationStatus. */
import type { Caller } from '../../auth/caller';
import { errors } from '../../errors/domain-error';
import type { KmsKeyRecord } from '../../ports/kms.repository';
import type { TenantRepositories } from '../../ports/store.port';
import { type CrossAccountMode, requireKeyState, requireOnKey, resolveKey } from './key-access';
import { isSymmetricEncryption } from './key-spec';
import { type KmsDeps, principalOf } from './kms-deps';

/** A key-id argument. */
export interface KeyIdArgs {
  keyId: string;
}

/** Rotation status of a key. */
export interface KeyRotationStatus {
  keyId: string;
  keyRotationEnabled: boolean;
}

/** The one key policy name KMS has. */
export const KEY_POLICY_NAME = 'default';

/** Reads of keys; each is self-authorized with the KMS action it mirrors. */
export class KeyQueriesUseCase {
  constructor(private readonly deps: KmsDeps) {}

  /** DescribeKey: works in every key state and across accounts (key ARN or alias ARN). */
  describeKey(caller: Caller, input: KeyIdArgs): Promise<KmsKeyRecord> {
    return this.onKey(caller, 'kms:DescribeKey', input.keyId, 'keyOrAliasArn', async (key) => key);
  }

  /** GetKeyPolicy (own account only); the text is returned byte-for-byte as stored. */
  getKeyPolicy(caller: Caller, input: KeyIdArgs & { policyName?: string | null }): Promise<string> {
    if (input.policyName != null && input.policyName !== KEY_POLICY_NAME) {
      throw errors.validation(`Invalid policyName: the only key policy is "${KEY_POLICY_NAME}".`);
    }
    return this.onKey(caller, 'kms:GetKeyPolicy', input.keyId, 'none', async (key) => key.policy);
  }

  /** ListKeyPolicies: always ["default"]. */
  listKeyPolicies(caller: Caller, input: KeyIdArgs): Promise<string[]> {
    return this.onKey(caller, 'kms:ListKeyPolicies', input.keyId, 'none', async () => [KEY_POLICY_NAME]);
  }

  /** ListResourceTags: the key's tags, sorted by key. */
  listResourceTags(caller: Caller, input: KeyIdArgs): Promise<Array<{ key: string; value: string }>> {
    return this.onKey(caller, 'kms:ListResourceTags', input.keyId, 'none', async (key, repos) => {
      const tags = await repos.kms.keys.tags(key.accountId, key.keyId);
      return Object.entries(tags).map(([k, value]) => ({ key: k, value }));
    });
  }

  /** GetKeyRotationStatus (key ARN across accounts); rotation exists only for symmetric AWS_KMS keys. */
  getKeyRotationStatus(caller: Caller, input: KeyIdArgs): Promise<KeyRotationStatus> {
    return this.onKey(caller, 'kms:GetKeyRotationStatus', input.keyId, 'keyArn', async (key) => {
      requireKeyState('kms:GetKeyRotationStatus', key);
      if (!isSymmetricEncryption(key.keySpec) || key.origin !== 'AWS_KMS') {
        throw errors.validation(`${key.arn} does not support automatic rotation (only symmetric encryption keys with origin AWS_KMS do).`);
      }
      return { keyId: key.keyId, keyRotationEnabled: key.rotationEnabled };
    });
  }

  /** ListKeys: IAM only (kms:ListKeys on "*"), key ids and ARNs of the caller's account. */
  async listKeys(caller: Caller): Promise<Array<{ keyId: string; keyArn: string }>> {
    const principal = principalOf(caller, 'kms:ListKeys');
    await this.deps.authz.require(principal, 'kms:ListKeys', '*', { resourceAccount: principal.accountId });
    const keys = await this.deps.store.read((repos) => repos.kms.keys.list(principal.accountId, this.deps.now()));
    return keys.map((k) => ({ keyId: k.keyId, keyArn: k.arn }));
  }

  private onKey<T>(
    caller: Caller,
    action: string,
    keyId: string,
    mode: CrossAccountMode,
    read: (key: KmsKeyRecord, repos: TenantRepositories) => Promise<T>,
  ): Promise<T> {
    const principal = principalOf(caller, action);
    return this.deps.store.read(async (repos) => {
      const resolved = await resolveKey(repos, this.deps, principal, keyId, mode);
      await requireOnKey(repos, this.deps, principal, action, resolved);
      return read(resolved.key, repos);
    });
  }
}
