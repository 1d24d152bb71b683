/** Inputs of the IAM user, access key and user-policy operations beyond the contract (AWS names). */
import { Field, InputType } from '@nestjs/graphql';
import { TagInput } from '../common/tag.input';

@InputType()
export class GetUserInput {
  @Field(() => String, { nullable: true, description: "Omitted: the caller's own user." }) userName?: string | null;
}

@InputType()
export class DeleteUserInput {
  @Field() userName!: string;
}

@InputType()
export class ListGroupsForUserInput {
  @Field() userName!: string;
}

@InputType()
export class UpdateAccessKeyInput {
  @Field(() => String, { nullable: true, description: "Omitted: the caller's own user (or the root's keys when the root calls)." }) userName?: string | null;
  @Field() accessKeyId!: string;
  @Field() status!: string;
}

@InputType()
export class DeleteAccessKeyInput {
  @Field(() => String, { nullable: true, description: "Omitted: the caller's own user (or the root's keys when the root calls)." }) userName?: string | null;
  @Field() accessKeyId!: string;
}

@InputType()
export class ListAccessKeysInput {
  @Field(() => String, { nullable: true, description: "Omitted: the caller's own user (or the root's keys when the root calls)." }) userName?: string | null;
}

@InputType()
export class PutUserPermissionsBoundaryInput {
  @Field() userName!: string;
  @Field() permissionsBoundary!: string;
}

@InputType()
export class DeleteUserPermissionsBoundaryInput {
  @Field() userName!: string;
}

@InputType()
export class TagUserInput {
  @Field() userName!: string;
  @Field(() => [TagInput]) tags!: TagInput[];
}

@InputType()
export class UntagUserInput {
  @Field() userName!: string;
  @Field(() => [String]) tagKeys!: string[];
}

@InputType()
export class ListUserTagsInput {
  @Field() userName!: string;
}

@InputType()
export class DetachUserPolicyInput {
  @Field() userName!: string;
  @Field() policyArn!: string;
}

@InputType()
export class ListAttachedUserPoliciesInput {
  @Field() userName!: string;
}

@InputType()
export class GetUserPolicyInput {
  @Field() userName!: string;
  @Field() policyName!: string;
}

@InputType()
export class DeleteUserPolicyInput {
  @Field() userName!: string;
  @Field() policyName!: string;
}

@InputType()
export class ListUserPoliciesInput {
  @Field() userName!: string;
}
