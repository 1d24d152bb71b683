/** Managed policies (customer managed and AWS managed) and their versions and tags. */
import type { Caller } from '@keygate/core/auth';
import { IamBoundariesAndTagsUseCases, IamManagedPoliciesUseCases, IamPolicyVersionsUseCases } from '@keygate/core/use-cases/iam';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { CreatePolicyInput } from './iam.inputs';
import {
  CreatePolicyVersionInput,
  DeletePolicyInput,
  DeletePolicyVersionInput,
  GetPolicyInput,
  GetPolicyVersionInput,
  ListPolicyTagsInput,
  ListPolicyVersionsInput,
  SetDefaultPolicyVersionInput,
  TagPolicyInput,
  UntagPolicyInput,
} from './iam-policies.inputs';
import { toManagedPolicy, toPolicyVersion } from './iam.mappers';
import { ManagedPolicy, PolicyVersion, Tag } from './iam.types';

@Resolver()
export class IamPoliciesResolver {
  constructor(
    private readonly policies: IamManagedPoliciesUseCases,
    private readonly versions: IamPolicyVersionsUseCases,
    private readonly extras: IamBoundariesAndTagsUseCases,
  ) {}

  @Query(() => [ManagedPolicy], { description: "iam:ListPolicies: the account's policies and the AWS managed ones." })
  async listPolicies(@CurrentCaller() caller: Caller): Promise<ManagedPolicy[]> {
    return (await this.policies.listPolicies(caller)).map(toManagedPolicy);
  }

  @Mutation(() => ManagedPolicy)
  async createPolicy(@CurrentCaller() caller: Caller, @Args('input') input: CreatePolicyInput): Promise<ManagedPolicy> {
    return toManagedPolicy(await this.policies.createPolicy(caller, input));
  }

  @Query(() => ManagedPolicy)
  async getPolicy(@CurrentCaller() caller: Caller, @Args('input') input: GetPolicyInput): Promise<ManagedPolicy> {
    return toManagedPolicy(await this.policies.getPolicy(caller, input.policyArn));
  }

  @Mutation(() => Boolean, { description: 'iam:DeletePolicy. INVALID_STATE while attached, used as a boundary, or with non-default versions.' })
  async deletePolicy(@CurrentCaller() caller: Caller, @Args('input') input: DeletePolicyInput): Promise<boolean> {
    return this.policies.deletePolicy(caller, input.policyArn);
  }

  @Query(() => PolicyVersion)
  async getPolicyVersion(@CurrentCaller() caller: Caller, @Args('input') input: GetPolicyVersionInput): Promise<PolicyVersion> {
    return toPolicyVersion(await this.versions.getPolicyVersion(caller, input));
  }

  @Query(() => [PolicyVersion])
  async listPolicyVersions(@CurrentCaller() caller: Caller, @Args('input') input: ListPolicyVersionsInput): Promise<PolicyVersion[]> {
    return (await this.versions.listPolicyVersions(caller, input.policyArn)).map(toPolicyVersion);
  }

  @Mutation(() => PolicyVersion, { description: 'iam:CreatePolicyVersion: at most 5 versions (LIMIT_EXCEEDED).' })
  async createPolicyVersion(@CurrentCaller() caller: Caller, @Args('input') input: CreatePolicyVersionInput): Promise<PolicyVersion> {
    return toPolicyVersion(await this.versions.createPolicyVersion(caller, input));
  }

  @Mutation(() => Boolean)
  async setDefaultPolicyVersion(@CurrentCaller() caller: Caller, @Args('input') input: SetDefaultPolicyVersionInput): Promise<boolean> {
    return this.versions.setDefaultPolicyVersion(caller, input);
  }

  @Mutation(() => Boolean, { description: 'iam:DeletePolicyVersion. The default version cannot be deleted (INVALID_STATE).' })
  async deletePolicyVersion(@CurrentCaller() caller: Caller, @Args('input') input: DeletePolicyVersionInput): Promise<boolean> {
    return this.versions.deletePolicyVersion(caller, input);
  }

  @Mutation(() => Boolean)
  async tagPolicy(@CurrentCaller() caller: Caller, @Args('input') input: TagPolicyInput): Promise<boolean> {
    return this.extras.tag(caller, { kind: 'policy', arn: input.policyArn }, input.tags);
  }

  @Mutation(() => Boolean)
  async untagPolicy(@CurrentCaller() caller: Caller, @Args('input') input: UntagPolicyInput): Promise<boolean> {
    return this.extras.untag(caller, { kind: 'policy', arn: input.policyArn }, input.tagKeys);
  }

  @Query(() => [Tag])
  async listPolicyTags(@CurrentCaller() caller: Caller, @Args('input') input: ListPolicyTagsInput): Promise<Tag[]> {
    return this.extras.listTags(caller, { kind: 'policy', arn: input.policyArn });
  }
}
