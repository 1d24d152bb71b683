/** IAM output types of the contract. */
import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class User {
  @Field() userName!: string;
  @Field() userId!: string;
  @Field() arn!: string;
  @Field() path!: string;
  @Field(() => GraphQLISODateTime) createDate!: Date;
}

@ObjectType()
export class Group {
  @Field() groupName!: string;
  @Field() groupId!: string;
  @Field() arn!: string;
  @Field() path!: string;
}

@ObjectType()
export class Role {
  @Field() roleName!: string;
  @Field() roleId!: string;
  @Field() arn!: string;
  @Field() path!: string;
  @Field() assumeRolePolicyDocument!: string;
}

@ObjectType()
export class ManagedPolicy {
  @Field() policyName!: string;
  @Field() policyId!: string;
  @Field() arn!: string;
  @Field() path!: string;
  @Field() defaultVersionId!: string;
  @Field(() => Int) attachmentCount!: number;
}
