/** IAM managed policies. Placeholders until the IAM feature lands (they still authenticate). */
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { notImplemented } from '../common/not-implemented';
import { CreatePolicyInput } from './iam.inputs';
import { ManagedPolicy } from './iam.types';

@Resolver()
export class IamPoliciesResolver {
  @Query(() => [ManagedPolicy])
  async listPolicies(): Promise<ManagedPolicy[]> {
    return notImplemented('listPolicies');
  }

  @Mutation(() => ManagedPolicy)
  async createPolicy(@Args('input') _input: CreatePolicyInput): Promise<ManagedPolicy> {
    return notImplemented('createPolicy');
  }
}
