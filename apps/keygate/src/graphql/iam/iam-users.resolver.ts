/** IAM users and access keys. Placeholders until the IAM feature lands (they still authenticate). */
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AccessKey } from '../accounts/account.types';
import { notImplemented } from '../common/not-implemented';
import { AttachUserPolicyInput, CreateAccessKeyInput, CreateUserInput, PutUserPolicyInput } from './iam.inputs';
import { User } from './iam.types';

@Resolver()
export class IamUsersResolver {
  @Query(() => [User])
  async listUsers(): Promise<User[]> {
    return notImplemented('listUsers');
  }

  @Mutation(() => User)
  async createUser(@Args('input') _input: CreateUserInput): Promise<User> {
    return notImplemented('createUser');
  }

  @Mutation(() => AccessKey)
  async createAccessKey(@Args('input') _input: CreateAccessKeyInput): Promise<AccessKey> {
    return notImplemented('createAccessKey');
  }

  @Mutation(() => Boolean)
  async attachUserPolicy(@Args('input') _input: AttachUserPolicyInput): Promise<boolean> {
    return notImplemented('attachUserPolicy');
  }

  @Mutation(() => Boolean)
  async putUserPolicy(@Args('input') _input: PutUserPolicyInput): Promise<boolean> {
    return notImplemented('putUserPolicy');
  }
}
