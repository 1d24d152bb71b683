/** createKey: a new customer managed key with the default or a given key policy (DECISIONS 10). */
import { randomUUID } from 'node:crypto';
import { type ContextEntry, DEFAULT_KEY_POLICY } from '@keygate/policy-engine';
import type { Caller } from '../../auth/caller';
import { errors } from '../../errors/domain-error';
import type { KmsKeyRecord, KmsKeyUsage } from '../../ports/kms.repository';
import type { KeyAuthorizationData, ResolvedKey } from './key-access';
import { keyArnOf } from './key-identifier';
import { checkKeyPolicyDocument, checkKeyPolicyPrincipals, checkLockout } from './key-policy-checks';
import { validateKeyType } from './key-spec';
import { requestTagContext, type TagPair, validateTags } from './key-tags';
import { type KmsDeps, principalOf } from './kms-deps';

/** Input of createKey (contract CreateKeyInput). */
export interface CreateKeyInput {
  policy?: string | null;
  description?: string | null;
  keyUsage?: KmsKeyUsage | null;
  keySpec?: string | null;
  tags?: TagPair[] | null;
  bypassPolicyLockoutSafetyCheck?: boolean | null;
}

/** Result of a KMS change: the key as stored and the account's new revision. */
export interface KeyChangeResult {
  key: KmsKeyRecord;
  revision: bigint;
}

/** Longest key description AWS accepts. */
export const MAX_DESCRIPTION_LENGTH = 8192;

/** Validates a key description (0-8192 characters). */
export function validateDescription(description: string | null | undefined): string {
  const text = description ?? '';
  if (typeof text !== 'string' || text.length > MAX_DESCRIPTION_LENGTH) {
    throw errors.validation(`The description must be at most ${MAX_DESCRIPTION_LENGTH} characters.`);
  }
  return text;
}

/** Creates a key: kms:CreateKey (and kms:TagResource with tags) on "*" from IAM, then the key-policy checks. */
export class CreateKeyUseCase {
  constructor(private readonly deps: KmsDeps) {}

  async execute(caller: Caller, input: CreateKeyInput): Promise<KeyChangeResult> {
    const principal = principalOf(caller, 'kms:CreateKey');
    const { keyUsage, keySpec } = validateKeyType(input.keyUsage, input.keySpec);
    const description = validateDescription(input.description);
    const tags = validateTags(input.tags);
    const bypass = input.bypassPolicyLockoutSafetyCheck === true;
    const context: ContextEntry[] = [
      { key: 'kms:KeySpec', values: [keySpec] },
      { key: 'kms:KeyUsage', values: [keyUsage] },
      { key: 'kms:KeyOrigin', values: ['AWS_KMS'] },
      { key: 'kms:MultiRegion', values: ['false'] },
      ...(input.bypassPolicyLockoutSafetyCheck != null ? [{ key: 'kms:BypassPolicyLockoutSafetyCheck', values: [String(bypass)] }] : []),
      ...requestTagContext(tags),
    ];
    const extras = { resourceAccount: principal.accountId, context };
    await this.deps.authz.require(principal, 'kms:CreateKey', '*', extras);
    if (Object.keys(tags).length > 0) await this.deps.authz.require(principal, 'kms:TagResource', '*', extras);

    const keyId = randomUUID();
    const record: Omit<KmsKeyRecord, 'creationDate'> = {
      accountId: principal.accountId,
      keyId,
      arn: keyArnOf(this.deps.region, principal.accountId, keyId),
      region: this.deps.region,
      description,
      keyState: 'ENABLED',
      keyUsage,
      keySpec,
      origin: 'AWS_KMS',
      deletionDate: null,
      rotationEnabled: false,
      policy: input.policy ?? DEFAULT_KEY_POLICY(principal.accountId),
    };
    if (input.policy != null) {
      checkKeyPolicyDocument(input.policy);
      const resolved: ResolvedKey = { key: { ...record, creationDate: this.deps.now() }, crossAccount: false, display: record.arn };
      const data: KeyAuthorizationData = {
        facts: { arn: record.arn, accountId: record.accountId, region: record.region, keyState: 'ENABLED', keySpec, keyUsage, origin: 'AWS_KMS', multiRegion: false, aliases: [], tags },
        policy: undefined,
        grants: [],
      };
      await this.deps.store.read(async (repos) => {
        await checkKeyPolicyPrincipals(repos, principal.accountId, record.policy);
        if (!bypass) await checkLockout(repos, this.deps, principal, resolved, data, record.policy);
      });
    }
    const meta = {
      accountId: principal.accountId,
      actorArn: principal.arn,
      action: 'kms:CreateKey',
      resource: record.arn,
      details: { keyUsage, keySpec, defaultPolicy: input.policy == null, bypassPolicyLockoutSafetyCheck: bypass, tagKeys: Object.keys(tags) },
    };
    const { result, revision } = await this.deps.store.change(meta, (repos) => repos.kms.keys.create(record, tags));
    return { key: result, revision };
  }
}
