/** IAM users: create/get/list/delete, groups of a user, permissions boundary, tags. */
import type { Caller } from '@keygate/core/auth';
import { IamBoundariesAndTagsUseCases, IamGroupsUseCases, IamUsersUseCases } from '@keygate/core/use-cases/iam';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { CreateUserInput } from './iam.inputs';
import {
  DeleteUserInput,
  DeleteUserPermissionsBoundaryInput,
  GetUserInput,
  ListGroupsForUserInput,
  ListUserTagsInput,
  PutUserPermissionsBoundaryInput,
  TagUserInput,
  UntagUserInput,
} from './iam-users.inputs';
import { toGroup, toUser } from './iam.mappers';
import { Group, Tag, User } from './iam.types';

@Resolver()
export class IamUsersResolver {
  constructor(
    private readonly users: IamUsersUseCases,
    private readonly groups: IamGroupsUseCases,
    private readonly extras: IamBoundariesAndTagsUseCases,
  ) {}

  @Query(() => [User])
  async listUsers(@CurrentCaller() caller: Caller): Promise<User[]> {
    return (await this.users.listUsers(caller)).map(toUser);
  }

  @Mutation(() => User)
  async createUser(@CurrentCaller() caller: Caller, @Args('input') input: CreateUserInput): Promise<User> {
    return toUser(await this.users.createUser(caller, input));
  }

  @Query(() => User, { description: 'iam:GetUser. Without userName: the calling IAM user.' })
  async getUser(
    @CurrentCaller() caller: Caller,
    @Args('input', { type: () => GetUserInput, nullable: true }) input?: GetUserInput | null,
  ): Promise<User> {
    return toUser(await this.users.getUser(caller, input?.userName));
  }

  @Mutation(() => Boolean, { description: 'iam:DeleteUser. INVALID_STATE while the user has access keys, policies or groups.' })
  async deleteUser(@CurrentCaller() caller: Caller, @Args('input') input: DeleteUserInput): Promise<boolean> {
    return this.users.deleteUser(caller, input.userName);
  }

  @Query(() => [Group])
  async listGroupsForUser(@CurrentCaller() caller: Caller, @Args('input') input: ListGroupsForUserInput): Promise<Group[]> {
    return (await this.groups.listGroupsForUser(caller, input.userName)).map(toGroup);
  }

  @Mutation(() => Boolean)
  async putUserPermissionsBoundary(@CurrentCaller() caller: Caller, @Args('input') input: PutUserPermissionsBoundaryInput): Promise<boolean> {
    return this.extras.putBoundary(caller, 'user', input.userName, input.permissionsBoundary);
  }

  @Mutation(() => Boolean)
  async deleteUserPermissionsBoundary(@CurrentCaller() caller: Caller, @Args('input') input: DeleteUserPermissionsBoundaryInput): Promise<boolean> {
    return this.extras.deleteBoundary(caller, 'user', input.userName);
  }

  @Mutation(() => Boolean)
  async tagUser(@CurrentCaller() caller: Caller, @Args('input') input: TagUserInput): Promise<boolean> {
    return this.extras.tag(caller, { kind: 'user', name: input.userName }, input.tags);
  }

  @Mutation(() => Boolean)
  async untagUser(@CurrentCaller() caller: Caller, @Args('input') input: UntagUserInput): Promise<boolean> {
    return this.extras.untag(caller, { kind: 'user', name: input.userName }, input.tagKeys);
  }

  @Query(() => [Tag])
  async listUserTags(@CurrentCaller() caller: Caller, @Args('input') input: ListUserTagsInput): Promise<Tag[]> {
    return this.extras.listTags(caller, { kind: 'user', name: input.userName });
  }
}
