/** Inputs of the IAM managed policy and policy version operations beyond the contract (AWS names). */
import { Field, InputType } from '@nestjs/graphql';
import { TagInput } from '../common/tag.input';

@InputType()
export class GetPolicyInput {
  @Field() policyArn!: string;
}

@InputType()
export class DeletePolicyInput {
  @Field() policyArn!: string;
}

@InputType()
export class GetPolicyVersionInput {
  @Field() policyArn!: string;
  @Field() versionId!: string;
}

@InputType()
export class ListPolicyVersionsInput {
  @Field() policyArn!: string;
}

@InputType()
export class CreatePolicyVersionInput {
  @Field() policyArn!: string;
  @Field() policyDocument!: string;
  @Field(() => Boolean, { nullable: true }) setAsDefault?: boolean | null;
}

@InputType()
export class SetDefaultPolicyVersionInput {
  @Field() policyArn!: string;
  @Field() versionId!: string;
}

@InputType()
export class DeletePolicyVersionInput {
  @Field() policyArn!: string;
  @Field() versionId!: string;
}

@InputType()
export class TagPolicyInput {
  @Field() policyArn!: string;
  @Field(() => [TagInput]) tags!: TagInput[];
}

@InputType()
export class UntagPolicyInput {
  @Field() policyArn!: string;
  @Field(() => [String]) tagKeys!: string[];
}

@InputType()
export class ListPolicyTagsInput {
  @Field() policyArn!: string;
}
