/** KMS keys. Placeholders until the KMS feature lands (they still authenticate). */
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { notImplemented } from '../common/not-implemented';
import { CreateKeyInput, KeyIdInput, PutKeyPolicyInput, ScheduleKeyDeletionInput } from './kms.inputs';
import { KeyListEntry, KeyMetadata } from './kms.types';

@Resolver()
export class KmsKeysResolver {
  @Query(() => [KeyListEntry], { description: 'Like AWS ListKeys: ids only; details need kms:DescribeKey.' })
  async listKeys(): Promise<KeyListEntry[]> {
    return notImplemented('listKeys');
  }

  @Query(() => KeyMetadata)
  async describeKey(@Args('input') _input: KeyIdInput): Promise<KeyMetadata> {
    return notImplemented('describeKey');
  }

  @Query(() => String)
  async getKeyPolicy(@Args('input') _input: KeyIdInput): Promise<string> {
    return notImplemented('getKeyPolicy');
  }

  @Mutation(() => KeyMetadata)
  async createKey(@Args('input') _input: CreateKeyInput): Promise<KeyMetadata> {
    return notImplemented('createKey');
  }

  @Mutation(() => Boolean)
  async putKeyPolicy(@Args('input') _input: PutKeyPolicyInput): Promise<boolean> {
    return notImplemented('putKeyPolicy');
  }

  @Mutation(() => KeyMetadata)
  async enableKey(@Args('input') _input: KeyIdInput): Promise<KeyMetadata> {
    return notImplemented('enableKey');
  }

  @Mutation(() => KeyMetadata)
  async disableKey(@Args('input') _input: KeyIdInput): Promise<KeyMetadata> {
    return notImplemented('disableKey');
  }

  @Mutation(() => KeyMetadata)
  async scheduleKeyDeletion(@Args('input') _input: ScheduleKeyDeletionInput): Promise<KeyMetadata> {
    return notImplemented('scheduleKeyDeletion');
  }

  @Mutation(() => KeyMetadata)
  async cancelKeyDeletion(@Args('input') _input: KeyIdInput): Promise<KeyMetadata> {
    return notImplemented('cancelKeyDeletion');
  }
}
