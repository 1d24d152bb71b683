/** IAM groups and memberships. */
import type { Caller } from '@keygate/core/auth';
import { IamGroupsUseCases } from '@keygate/core/use-cases/iam';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { AddUserToGroupInput, CreateGroupInput } from './iam.inputs';
import { DeleteGroupInput, GetGroupInput, RemoveUserFromGroupInput } from './iam-groups-roles.inputs';
import { toGroup, toUser } from './iam.mappers';
import { GetGroupResult, Group } from './iam.types';

@Resolver()
export class IamGroupsResolver {
  constructor(private readonly groups: IamGroupsUseCases) {}

  @Query(() => [Group])
  async listGroups(@CurrentCaller() caller: Caller): Promise<Group[]> {
    return (await this.groups.listGroups(caller)).map(toGroup);
  }

  @Mutation(() => Group)
  async createGroup(@CurrentCaller() caller: Caller, @Args('input') input: CreateGroupInput): Promise<Group> {
    return toGroup(await this.groups.createGroup(caller, input));
  }

  @Query(() => GetGroupResult)
  async getGroup(@CurrentCaller() caller: Caller, @Args('input') input: GetGroupInput): Promise<GetGroupResult> {
    const { group, users } = await this.groups.getGroup(caller, input.groupName);
    return { group: toGroup(group), users: users.map(toUser) };
  }

  @Mutation(() => Boolean, { description: 'iam:DeleteGroup. INVALID_STATE while the group has users or policies.' })
  async deleteGroup(@CurrentCaller() caller: Caller, @Args('input') input: DeleteGroupInput): Promise<boolean> {
    return this.groups.deleteGroup(caller, input.groupName);
  }

  @Mutation(() => Boolean)
  async addUserToGroup(@CurrentCaller() caller: Caller, @Args('input') input: AddUserToGroupInput): Promise<boolean> {
    return this.groups.addUserToGroup(caller, input);
  }

  @Mutation(() => Boolean)
  async removeUserFromGroup(@CurrentCaller() caller: Caller, @Args('input') input: RemoveUserFromGroupInput): Promise<boolean> {
    return this.groups.removeUserFromGroup(caller, input);
  }
}
