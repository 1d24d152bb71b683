/** IAM inputs of the contract. */
import { Field, InputType, Int } from '@nestjs/graphql';
import { TagInput } from '../common/tag.input';

@InputType()
export class CreateUserInput {
  @Field() userName!: string;
  @Field(() => String, { nullable: true }) path?: string | null;
  @Field(() => [TagInput], { nullable: true }) tags?: TagInput[] | null;
}

@InputType()
export class CreateAccessKeyInput {
  @Field(() => String, { nullable: true, description: "Omitted: the caller's own user." })
  userName?: string | null;
}

@InputType()
export class CreateGroupInput {
  @Field() groupName!: string;
  @Field(() => String, { nullable: true }) path?: string | null;
}

@InputType()
export class AddUserToGroupInput {
  @Field() groupName!: string;
  @Field() userName!: string;
}

@InputType()
export class CreateRoleInput {
  @Field() roleName!: string;
  @Field() assumeRolePolicyDocument!: string;
  @Field(() => String, { nullable: true }) path?: string | null;
  @Field(() => [TagInput], { nullable: true }) tags?: TagInput[] | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Int, { nullable: true, description: '3600 (default) to 43200 seconds.' }) maxSessionDuration?: number | null;
}

@InputType()
export class CreatePolicyInput {
  @Field() policyName!: string;
  @Field() policyDocument!: string;
  @Field(() => String, { nullable: true }) path?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@InputType()
export class AttachUserPolicyInput {
  @Field() userName!: string;
  @Field() policyArn!: string;
}

@InputType()
export class AttachGroupPolicyInput {
  @Field() groupName!: string;
  @Field() policyArn!: string;
}

@InputType()
export class AttachRolePolicyInput {
  @Field() roleName!: string;
  @Field() policyArn!: string;
}

@InputType()
export class PutUserPolicyInput {
  @Field() userName!: string;
  @Field() policyName!: string;
  @Field() policyDocument!: string;
}

@InputType()
export class PutGroupPolicyInput {
  @Field() groupName!: string;
  @Field() policyName!: string;
  @Field() policyDocument!: string;
}

@InputType()
export class PutRolePolicyInput {
  @Field() roleName!: string;
  @Field() policyName!: string;
  @Field() policyDocument!: string;
}
