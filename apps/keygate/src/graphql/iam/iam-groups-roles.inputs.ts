/** Inputs of the IAM group and role operations beyond the contract (AWS names). */
import { Field, InputType } from '@nestjs/graphql';
import { TagInput } from '../common/tag.input';

@InputType()
export class GetGroupInput {
  @Field() groupName!: string;
}

@InputType()
export class DeleteGroupInput {
  @Field() groupName!: string;
}

@InputType()
export class RemoveUserFromGroupInput {
  @Field() groupName!: string;
  @Field() userName!: string;
}

@InputType()
export class DetachGroupPolicyInput {
  @Field() groupName!: string;
  @Field() policyArn!: string;
}

@InputType()
export class ListAttachedGroupPoliciesInput {
  @Field() groupName!: string;
}

@InputType()
export class GetGroupPolicyInput {
  @Field() groupName!: string;
  @Field() policyName!: string;
}

@InputType()
export class DeleteGroupPolicyInput {
  @Field() groupName!: string;
  @Field() policyName!: string;
}

@InputType()
export class ListGroupPoliciesInput {
  @Field() groupName!: string;
}

@InputType()
export class GetRoleInput {
  @Field() roleName!: string;
}

@InputType()
export class DeleteRoleInput {
  @Field() roleName!: string;
}

@InputType()
export class PutRolePermissionsBoundaryInput {
  @Field() roleName!: string;
  @Field() permissionsBoundary!: string;
}

@InputType()
export class DeleteRolePermissionsBoundaryInput {
  @Field() roleName!: string;
}

@InputType()
export class TagRoleInput {
  @Field() roleName!: string;
  @Field(() => [TagInput]) tags!: TagInput[];
}

@InputType()
export class UntagRoleInput {
  @Field() roleName!: string;
  @Field(() => [String]) tagKeys!: string[];
}

@InputType()
export class ListRoleTagsInput {
  @Field() roleName!: string;
}

@InputType()
export class DetachRolePolicyInput {
  @Field() roleName!: string;
  @Field() policyArn!: string;
}

@InputType()
export class ListAttachedRolePoliciesInput {
  @Field() roleName!: string;
}

@InputType()
export class GetRolePolicyInput {
  @Field() roleName!: string;
  @Field() policyName!: string;
}

@InputType()
export class DeleteRolePolicyInput {
  @Field() roleName!: string;
  @Field() policyName!: string;
}

@InputType()
export class ListRolePoliciesInput {
  @Field() roleName!: string;
}
