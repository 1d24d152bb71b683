/** IAM roles. Placeholders until the IAM feature lands (they still authenticate). */
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { notImplemented } from '../common/not-implemented';
import { AttachRolePolicyInput, CreateRoleInput, PutRolePolicyInput } from './iam.inputs';
import { Role } from './iam.types';

@Resolver()
export class IamRolesResolver {
  @Query(() => [Role])
  async listRoles(): Promise<Role[]> {
    return notImplemented('listRoles');
  }

  @Mutation(() => Role)
  async createRole(@Args('input') _input: CreateRoleInput): Promise<Role> {
    return notImplemented('createRole');
  }

  @Mutation(() => Boolean)
  async attachRolePolicy(@Args('input') _input: AttachRolePolicyInput): Promise<boolean> {
    return notImplemented('attachRolePolicy');
  }

  @Mutation(() => Boolean)
  async putRolePolicy(@Args('input') _input: PutRolePolicyInput): Promise<boolean> {
    return notImplemented('putRolePolicy');
  }
}
