/** Access keys of IAM users (and of the account root when it omits userName). */
import type { Caller } from '@keygate/core/auth';
import { IamAccessKeysUseCases } from '@keygate/core/use-cases/iam';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { AccessKey } from '../accounts/account.types';
import { CreateAccessKeyInput } from './iam.inputs';
import { DeleteAccessKeyInput, ListAccessKeysInput, UpdateAccessKeyInput } from './iam-users.inputs';
import { AccessKeyMetadata } from './iam.types';

@Resolver()
export class IamAccessKeysResolver {
  constructor(private readonly keys: IamAccessKeysUseCases) {}

  @Mutation(() => AccessKey)
  async createAccessKey(@CurrentCaller() caller: Caller, @Args('input') input: CreateAccessKeyInput): Promise<AccessKey> {
    const key = await this.keys.createAccessKey(caller, input.userName);
    return { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, status: key.status, createDate: key.createDate };
  }

  @Mutation(() => Boolean, { description: 'iam:UpdateAccessKey: status "Active" or "Inactive".' })
  async updateAccessKey(@CurrentCaller() caller: Caller, @Args('input') input: UpdateAccessKeyInput): Promise<boolean> {
    return this.keys.updateAccessKey(caller, input);
  }

  @Mutation(() => Boolean)
  async deleteAccessKey(@CurrentCaller() caller: Caller, @Args('input') input: DeleteAccessKeyInput): Promise<boolean> {
    return this.keys.deleteAccessKey(caller, input);
  }

  @Query(() => [AccessKeyMetadata])
  async listAccessKeys(
    @CurrentCaller() caller: Caller,
    @Args('input', { type: () => ListAccessKeysInput, nullable: true }) input?: ListAccessKeysInput | null,
  ): Promise<AccessKeyMetadata[]> {
    return this.keys.listAccessKeys(caller, input?.userName);
  }
}
