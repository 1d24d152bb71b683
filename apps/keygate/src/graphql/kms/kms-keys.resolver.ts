/** KMS keys: create, describe, list, key policy, key states. One-line resolvers over core use cases. */
import type { Caller } from '@keygate/core/auth';
import {
  CreateKeyUseCase,
  KeyLifecycleUseCase,
  KeyQueriesUseCase,
  PutKeyPolicyUseCase,
} from '@keygate/core/use-cases/kms';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { CreateKeyInput, KeyIdInput, PutKeyPolicyInput, ScheduleKeyDeletionInput } from './kms.inputs';
import { toKeyMetadata } from './kms.mappers';
import { KeyListEntry, KeyMetadata } from './kms.types';

@Resolver()
export class KmsKeysResolver {
  constructor(
    private readonly createKeyUseCase: CreateKeyUseCase,
    private readonly queries: KeyQueriesUseCase,
    private readonly putKeyPolicyUseCase: PutKeyPolicyUseCase,
    private readonly lifecycle: KeyLifecycleUseCase,
  ) {}

  @Query(() => [KeyListEntry], { description: 'Like AWS ListKeys: ids only; details need kms:DescribeKey.' })
  async listKeys(@CurrentCaller() caller: Caller): Promise<KeyListEntry[]> {
    return this.queries.listKeys(caller);
  }

  @Query(() => KeyMetadata)
  async describeKey(@CurrentCaller() caller: Caller, @Args('input') input: KeyIdInput): Promise<KeyMetadata> {
    return toKeyMetadata(await this.queries.describeKey(caller, input));
  }

  @Query(() => String)
  async getKeyPolicy(@CurrentCaller() caller: Caller, @Args('input') input: KeyIdInput): Promise<string> {
    return this.queries.getKeyPolicy(caller, input);
  }

  @Query(() => [String], { description: 'Always ["default"]: a key has exactly one key policy.' })
  async listKeyPolicies(@CurrentCaller() caller: Caller, @Args('input') input: KeyIdInput): Promise<string[]> {
    return this.queries.listKeyPolicies(caller, input);
  }

  @Mutation(() => KeyMetadata)
  async createKey(@CurrentCaller() caller: Caller, @Args('input') input: CreateKeyInput): Promise<KeyMetadata> {
    return toKeyMetadata((await this.createKeyUseCase.execute(caller, input)).key);
  }

  @Mutation(() => Boolean)
  async putKeyPolicy(@CurrentCaller() caller: Caller, @Args('input') input: PutKeyPolicyInput): Promise<boolean> {
    await this.putKeyPolicyUseCase.execute(caller, input);
    return true;
  }

  @Mutation(() => KeyMetadata)
  async enableKey(@CurrentCaller() caller: Caller, @Args('input') input: KeyIdInput): Promise<KeyMetadata> {
    return toKeyMetadata((await this.lifecycle.enableKey(caller, input)).key);
  }

  @Mutation(() => KeyMetadata)
  async disableKey(@CurrentCaller() caller: Caller, @Args('input') input: KeyIdInput): Promise<KeyMetadata> {
    return toKeyMetadata((await this.lifecycle.disableKey(caller, input)).key);
  }

  @Mutation(() => KeyMetadata, { description: '7 to 30 days (default 30); the key is deleted when deletionDate passes.' })
  async scheduleKeyDeletion(@CurrentCaller() caller: Caller, @Args('input') input: ScheduleKeyDeletionInput): Promise<KeyMetadata> {
    return toKeyMetadata((await this.lifecycle.scheduleKeyDeletion(caller, input)).key);
  }

  @Mutation(() => KeyMetadata, { description: 'Leaves the key DISABLED, as AWS does.' })
  async cancelKeyDeletion(@CurrentCaller() caller: Caller, @Args('input') input: KeyIdInput): Promise<KeyMetadata> {
    return toKeyMetadata((await this.lifecycle.cancelKeyDeletion(caller, input)).key);
  }
}
