/** IAM groups. Placeholders until the IAM feature lands (they still authenticate). */
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { notImplemented } from '../common/not-implemented';
import { AddUserToGroupInput, AttachGroupPolicyInput, CreateGroupInput, PutGroupPolicyInput } from './iam.inputs';
import { Group } from './iam.types';

@Resolver()
export class IamGroupsResolver {
  @Query(() => [Group])
  async listGroups(): Promise<Group[]> {
    return notImplemented('listGroups');
  }

  @Mutation(() => Group)
  async createGroup(@Args('input') _input: CreateGroupInput): Promise<Group> {
    return notImplemented('createGroup');
  }

  @Mutation(() => Boolean)
  async addUserToGroup(@Args('input') _input: AddUserToGroupInput): Promise<boolean> {
    return notImplemented('addUserToGroup');
  }

  @Mutation(() => Boolean)
  async attachGroupPolicy(@Args('input') _input: AttachGroupPolicyInput): Promise<boolean> {
    return notImplemented('attachGroupPolicy');
  }

  @Mutation(() => Boolean)
  async putGroupPolicy(@Args('input') _input: PutGroupPolicyInput): Promise<boolean> {
    return notImplemented('putGroupPolicy');
  }
}
