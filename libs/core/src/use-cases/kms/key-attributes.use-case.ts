/** Key attributes: updateKeyDescription, tagResource, untagResource, enableKeyRotation, disableKeyRotation. */
import type { Caller } from '../../auth/caller';
import { errors } from '../../errors/domain-error';
import { validateDescription } from './create-key.use-case';
import { changeKey } from './key-change';
import { isSymmetricEncryption } from './key-spec';
import { MAX_TAGS_PER_KEY, requestTagContext, type TagPair, validateTagKey, validateTags } from './key-tags';
import type { KmsDeps } from './kms-deps';

/** Changes to key attributes; each returns the account's new revision. */
export class KeyAttributesUseCase {
  constructor(private readonly deps: KmsDeps) {}

  async updateKeyDescription(caller: Caller, input: { keyId: string; description: string }): Promise<{ revision: bigint }> {
    const description = validateDescription(input.description);
    const { revision } = await changeKey(this.deps, caller, {
      action: 'kms:UpdateKeyDescription',
      keyId: input.keyId,
      mutate: (repos, key) => repos.kms.keys.update(key.accountId, key.keyId, { description }),
    });
    return { revision };
  }

  async tagResource(caller: Caller, input: { keyId: string; tags: TagPair[] }): Promise<{ revision: bigint }> {
    const tags = validateTags(input.tags);
    if (Object.keys(tags).length === 0) throw errors.validation('tags must contain at least one tag.');
    const { revision } = await changeKey(this.deps, caller, {
      action: 'kms:TagResource',
      keyId: input.keyId,
      context: requestTagContext(tags),
      details: { tagKeys: Object.keys(tags) },
      mutate: async (repos, key) => {
        const current = await repos.kms.keys.tags(key.accountId, key.keyId);
        if (Object.keys({ ...current, ...tags }).length > MAX_TAGS_PER_KEY) {
          throw errors.limitExceeded(`A key can have at most ${MAX_TAGS_PER_KEY} tags.`);
        }
        await repos.kms.keys.putTags(key.accountId, key.keyId, tags);
      },
    });
    return { revision };
  }

  async untagResource(caller: Caller, input: { keyId: string; tagKeys: string[] }): Promise<{ revision: bigint }> {
    const tagKeys = [...new Set((input.tagKeys ?? []).map(validateTagKey))];
    if (tagKeys.length === 0) throw errors.validation('tagKeys must contain at least one tag key.');
    const { revision } = await changeKey(this.deps, caller, {
      action: 'kms:UntagResource',
      keyId: input.keyId,
      context: [{ key: 'aws:TagKeys', values: tagKeys }],
      details: { tagKeys },
      mutate: (repos, key) => repos.kms.keys.removeTags(key.accountId, key.keyId, tagKeys),
    });
    return { revision };
  }

  async enableKeyRotation(caller: Caller, input: { keyId: string }): Promise<{ revision: bigint }> {
    return this.setRotation(caller, 'kms:EnableKeyRotation', input.keyId, true);
  }

  async disableKeyRotation(caller: Caller, input: { keyId: string }): Promise<{ revision: bigint }> {
    return this.setRotation(caller, 'kms:DisableKeyRotation', input.keyId, false);
  }

  private async setRotation(caller: Caller, action: string, keyId: string, rotationEnabled: boolean): Promise<{ revision: bigint }> {
    const { revision } = await changeKey(this.deps, caller, {
      action,
      keyId,
      mutate: async (repos, key) => {
        if (!isSymmetricEncryption(key.keySpec) || key.origin !== 'AWS_KMS') {
          throw errors.validation(`${key.arn} does not support automatic rotation (only symmetric encryption keys with origin AWS_KMS do).`);
        }
        await repos.kms.keys.update(key.accountId, key.keyId, { rotationEnabled });
      },
    });
    return { revision };
  }
}
