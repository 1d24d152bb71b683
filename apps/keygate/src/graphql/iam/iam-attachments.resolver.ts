/** attach/detach/listAttached{User,Group,Role}Policies. */
import type { Caller } from '@keygate/core/auth';
import { IamAttachmentsUseCases } from '@keygate/core/use-cases/iam';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { AttachGroupPolicyInput, AttachRolePolicyInput, AttachUserPolicyInput } from './iam.inputs';
import {
  DetachGroupPolicyInput,
  DetachRolePolicyInput,
  ListAttachedGroupPoliciesInput,
  ListAttachedRolePoliciesInput,
} from './iam-groups-roles.inputs';
import { DetachUserPolicyInput, ListAttachedUserPoliciesInput } from './iam-users.inputs';
import { AttachedPolicy } from './iam.types';

@Resolver()
export class IamAttachmentsResolver {
  constructor(private readonly attachments: IamAttachmentsUseCases) {}

  @Mutation(() => Boolean, { description: 'Idempotent; at most 10 managed policies per user (LIMIT_EXCEEDED).' })
  async attachUserPolicy(@CurrentCaller() caller: Caller, @Args('input') input: AttachUserPolicyInput): Promise<boolean> {
    return this.attachments.attach(caller, { kind: 'user', holderName: input.userName, policyArn: input.policyArn });
  }

  @Mutation(() => Boolean, { description: 'Idempotent; at most 10 managed policies per group (LIMIT_EXCEEDED).' })
  async attachGroupPolicy(@CurrentCaller() caller: Caller, @Args('input') input: AttachGroupPolicyInput): Promise<boolean> {
    return this.attachments.attach(caller, { kind: 'group', holderName: input.groupName, policyArn: input.policyArn });
  }

  @Mutation(() => Boolean, { description: 'Idempotent; at most 10 managed policies per role (LIMIT_EXCEEDED).' })
  async attachRolePolicy(@CurrentCaller() caller: Caller, @Args('input') input: AttachRolePolicyInput): Promise<boolean> {
    return this.attachments.attach(caller, { kind: 'role', holderName: input.roleName, policyArn: input.policyArn });
  }

  @Mutation(() => Boolean)
  async detachUserPolicy(@CurrentCaller() caller: Caller, @Args('input') input: DetachUserPolicyInput): Promise<boolean> {
    return this.attachments.detach(caller, { kind: 'user', holderName: input.userName, policyArn: input.policyArn });
  }

  @Mutation(() => Boolean)
  async detachGroupPolicy(@CurrentCaller() caller: Caller, @Args('input') input: DetachGroupPolicyInput): Promise<boolean> {
    return this.attachments.detach(caller, { kind: 'group', holderName: input.groupName, policyArn: input.policyArn });
  }

  @Mutation(() => Boolean)
  async detachRolePolicy(@CurrentCaller() caller: Caller, @Args('input') input: DetachRolePolicyInput): Promise<boolean> {
    return this.attachments.detach(caller, { kind: 'role', holderName: input.roleName, policyArn: input.policyArn });
  }

  @Query(() => [AttachedPolicy])
  async listAttachedUserPolicies(@CurrentCaller() caller: Caller, @Args('input') input: ListAttachedUserPoliciesInput): Promise<AttachedPolicy[]> {
    return this.attachments.listAttached(caller, 'user', input.userName);
  }

  @Query(() => [AttachedPolicy])
  async listAttachedGroupPolicies(@CurrentCaller() caller: Caller, @Args('input') input: ListAttachedGroupPoliciesInput): Promise<AttachedPolicy[]> {
    return this.attachments.listAttached(caller, 'group', input.groupName);
  }

  @Query(() => [AttachedPolicy])
  async listAttachedRolePolicies(@CurrentCaller() caller: Caller, @Args('input') input: ListAttachedRolePoliciesInput): Promise<AttachedPolicy[]> {
    return this.attachments.listAttached(caller, 'role', input.roleName);
  }
}
