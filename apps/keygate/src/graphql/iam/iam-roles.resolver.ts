/** IAM roles: create/get/list/delete, permissions boundary, tags. */
import type { Caller } from '@keygate/core/auth';
import { IamBoundariesAndTagsUseCases, IamRolesUseCases } from '@keygate/core/use-cases/iam';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { CreateRoleInput } from './iam.inputs';
import {
  DeleteRoleInput,
  DeleteRolePermissionsBoundaryInput,
  GetRoleInput,
  ListRoleTagsInput,
  PutRolePermissionsBoundaryInput,
  TagRoleInput,
  UntagRoleInput,
} from './iam-groups-roles.inputs';
import { toRole } from './iam.mappers';
import { Role, Tag } from './iam.types';

@Resolver()
export class IamRolesResolver {
  constructor(
    private readonly roles: IamRolesUseCases,
    private readonly extras: IamBoundariesAndTagsUseCases,
  ) {}

  @Query(() => [Role])
  async listRoles(@CurrentCaller() caller: Caller): Promise<Role[]> {
    return (await this.roles.listRoles(caller)).map(toRole);
  }

  @Mutation(() => Role)
  async createRole(@CurrentCaller() caller: Caller, @Args('input') input: CreateRoleInput): Promise<Role> {
    return toRole(await this.roles.createRole(caller, input));
  }

  @Query(() => Role)
  async getRole(@CurrentCaller() caller: Caller, @Args('input') input: GetRoleInput): Promise<Role> {
    return toRole(await this.roles.getRole(caller, input.roleName));
  }

  @Mutation(() => Boolean, { description: 'iam:DeleteRole. INVALID_STATE while the role has inline or attached policies.' })
  async deleteRole(@CurrentCaller() caller: Caller, @Args('input') input: DeleteRoleInput): Promise<boolean> {
    return this.roles.deleteRole(caller, input.roleName);
  }

  @Mutation(() => Boolean)
  async putRolePermissionsBoundary(@CurrentCaller() caller: Caller, @Args('input') input: PutRolePermissionsBoundaryInput): Promise<boolean> {
    return this.extras.putBoundary(caller, 'role', input.roleName, input.permissionsBoundary);
  }

  @Mutation(() => Boolean)
  async deleteRolePermissionsBoundary(@CurrentCaller() caller: Caller, @Args('input') input: DeleteRolePermissionsBoundaryInput): Promise<boolean> {
    return this.extras.deleteBoundary(caller, 'role', input.roleName);
  }

  @Mutation(() => Boolean)
  async tagRole(@CurrentCaller() caller: Caller, @Args('input') input: TagRoleInput): Promise<boolean> {
    return this.extras.tag(caller, { kind: 'role', name: input.roleName }, input.tags);
  }

  @Mutation(() => Boolean)
  async untagRole(@CurrentCaller() caller: Caller, @Args('input') input: UntagRoleInput): Promise<boolean> {
    return this.extras.untag(caller, { kind: 'role', name: input.roleName }, input.tagKeys);
  }

  @Query(() => [Tag])
  async listRoleTags(@CurrentCaller() caller: Caller, @Args('input') input: ListRoleTagsInput): Promise<Tag[]> {
    return this.extras.listTags(caller, { kind: 'role', name: input.roleName });
  }
}
