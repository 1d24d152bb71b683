/** KMS key attributes: description, tags, rotation. */
import type { Caller } from '@keygate/core/auth';
import { KeyAttributesUseCase, KeyQueriesUseCase } from '@keygate/core/use-cases/kms';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { KeyIdInput, TagResourceInput, UntagResourceInput, UpdateKeyDescriptionInput } from './kms.inputs';
import { KeyRotationStatus, KeyTag } from './kms.types';

@Resolver()
export class KmsKeyAttributesResolver {
  constructor(
    private readonly attributes: KeyAttributesUseCase,
    private readonly queries: KeyQueriesUseCase,
  ) {}

  @Query(() => [KeyTag])
  async listResourceTags(@CurrentCaller() caller: Caller, @Args('input') input: KeyIdInput): Promise<KeyTag[]> {
    return (await this.queries.listResourceTags(caller, input)).map((t) => ({ tagKey: t.key, tagValue: t.value }));
  }

  @Query(() => KeyRotationStatus)
  async getKeyRotationStatus(@CurrentCaller() caller: Caller, @Args('input') input: KeyIdInput): Promise<KeyRotationStatus> {
    return this.queries.getKeyRotationStatus(caller, input);
  }

  @Mutation(() => Boolean)
  async updateKeyDescription(@CurrentCaller() caller: Caller, @Args('input') input: UpdateKeyDescriptionInput): Promise<boolean> {
    await this.attributes.updateKeyDescription(caller, input);
    return true;
  }

  @Mutation(() => Boolean)
  async tagResource(@CurrentCaller() caller: Caller, @Args('input') input: TagResourceInput): Promise<boolean> {
    await this.attributes.tagResource(caller, input);
    return true;
  }

  @Mutation(() => Boolean)
  async untagResource(@CurrentCaller() caller: Caller, @Args('input') input: UntagResourceInput): Promise<boolean> {
    await this.attributes.untagResource(caller, input);
    return true;
  }

  @Mutation(() => Boolean)
  async enableKeyRotation(@CurrentCaller() caller: Caller, @Args('input') input: KeyIdInput): Promise<boolean> {
    await this.attributes.enableKeyRotation(caller, input);
    return true;
  }

  @Mutation(() => Boolean)
  async disableKeyRotation(@CurrentCaller() caller: Caller, @Args('input') input: KeyIdInput): Promise<boolean> {
    await this.attributes.disableKeyRotation(caller, input);
    return true;
  }
}
