/** put/get/delete/list {User,Group,Role}Policy: inline policies. */
import type { Caller } from '@keygate/core/auth';
import { IamInlinePoliciesUseCases } from '@keygate/core/use-cases/iam';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { PutGroupPolicyInput, PutRolePolicyInput, PutUserPolicyInput } from './iam.inputs';
import {
  DeleteGroupPolicyInput,
  DeleteRolePolicyInput,
  GetGroupPolicyInput,
  GetRolePolicyInput,
  ListGroupPoliciesInput,
  ListRolePoliciesInput,
} from './iam-groups-roles.inputs';
import { DeleteUserPolicyInput, GetUserPolicyInput, ListUserPoliciesInput } from './iam-users.inputs';
import { GroupPolicy, RolePolicy, UserPolicy } from './iam.types';

@Resolver()
export class IamInlinePoliciesResolver {
  constructor(private readonly inline: IamInlinePoliciesUseCases) {}

  @Mutation(() => Boolean, { description: "Creates or replaces; the user's inline policies total at most 2,048 characters (LIMIT_EXCEEDED)." })
  async putUserPolicy(@CurrentCaller() caller: Caller, @Args('input') input: PutUserPolicyInput): Promise<boolean> {
    return this.inline.put(caller, { kind: 'user', holderName: input.userName, policyName: input.policyName, policyDocument: input.policyDocument });
  }

  @Mutation(() => Boolean, { description: "Creates or replaces; the group's inline policies total at most 5,120 characters." })
  async putGroupPolicy(@CurrentCaller() caller: Caller, @Args('input') input: PutGroupPolicyInput): Promise<boolean> {
    return this.inline.put(caller, { kind: 'group', holderName: input.groupName, policyName: input.policyName, policyDocument: input.policyDocument });
  }

  @Mutation(() => Boolean, { description: "Creates or replaces; the role's inline policies total at most 10,240 characters." })
  async putRolePolicy(@CurrentCaller() caller: Caller, @Args('input') input: PutRolePolicyInput): Promise<boolean> {
    return this.inline.put(caller, { kind: 'role', holderName: input.roleName, policyName: input.policyName, policyDocument: input.policyDocument });
  }

  @Query(() => UserPolicy)
  async getUserPolicy(@CurrentCaller() caller: Caller, @Args('input') input: GetUserPolicyInput): Promise<UserPolicy> {
    const p = await this.inline.get(caller, { kind: 'user', holderName: input.userName, policyName: input.policyName });
    return { userName: p.holderName, policyName: p.policyName, policyDocument: p.document };
  }

  @Query(() => GroupPolicy)
  async getGroupPolicy(@CurrentCaller() caller: Caller, @Args('input') input: GetGroupPolicyInput): Promise<GroupPolicy> {
    const p = await this.inline.get(caller, { kind: 'group', holderName: input.groupName, policyName: input.policyName });
    return { groupName: p.holderName, policyName: p.policyName, policyDocument: p.document };
  }

  @Query(() => RolePolicy)
  async getRolePolicy(@CurrentCaller() caller: Caller, @Args('input') input: GetRolePolicyInput): Promise<RolePolicy> {
    const p = await this.inline.get(caller, { kind: 'role', holderName: input.roleName, policyName: input.policyName });
    return { roleName: p.holderName, policyName: p.policyName, policyDocument: p.document };
  }

  @Mutation(() => Boolean)
  async deleteUserPolicy(@CurrentCaller() caller: Caller, @Args('input') input: DeleteUserPolicyInput): Promise<boolean> {
    return this.inline.delete(caller, { kind: 'user', holderName: input.userName, policyName: input.policyName });
  }

  @Mutation(() => Boolean)
  async deleteGroupPolicy(@CurrentCaller() caller: Caller, @Args('input') input: DeleteGroupPolicyInput): Promise<boolean> {
    return this.inline.delete(caller, { kind: 'group', holderName: input.groupName, policyName: input.policyName });
  }

  @Mutation(() => Boolean)
  async deleteRolePolicy(@CurrentCaller() caller: Caller, @Args('input') input: DeleteRolePolicyInput): Promise<boolean> {
    return this.inline.delete(caller, { kind: 'role', holderName: input.roleName, policyName: input.policyName });
  }

  @Query(() => [String], { description: "Names of the user's inline policies." })
  async listUserPolicies(@CurrentCaller() caller: Caller, @Args('input') input: ListUserPoliciesInput): Promise<string[]> {
    return this.inline.list(caller, 'user', input.userName);
  }

  @Query(() => [String], { description: "Names of the group's inline policies." })
  async listGroupPolicies(@CurrentCaller() caller: Caller, @Args('input') input: ListGroupPoliciesInput): Promise<string[]> {
    return this.inline.list(caller, 'group', input.groupName);
  }

  @Query(() => [String], { description: "Names of the role's inline policies." })
  async listRolePolicies(@CurrentCaller() caller: Caller, @Args('input') input: ListRolePoliciesInput): Promise<string[]> {
    return this.inline.list(caller, 'role', input.roleName);
  }
}
