/** IAM output types: the contract's, plus AWS-named fields and types for the rest of the IAM surface. */
import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A permissions boundary (AWS AttachedPermissionsBoundary).' })
export class AttachedPermissionsBoundary {
  @Field({ description: 'Always "Policy".' }) permissionsBoundaryType!: string;
  @Field() permissionsBoundaryArn!: string;
}

@ObjectType()
export class User {
  @Field() userName!: string;
  @Field() userId!: string;
  @Field() arn!: string;
  @Field() path!: string;
  @Field(() => GraphQLISODateTime) createDate!: Date;
  @Field(() => AttachedPermissionsBoundary, { nullable: true }) permissionsBoundary?: AttachedPermissionsBoundary | null;
}

@ObjectType()
export class Group {
  @Field() groupName!: string;
  @Field() groupId!: string;
  @Field() arn!: string;
  @Field() path!: string;
  @Field(() => GraphQLISODateTime) createDate!: Date;
}

@ObjectType()
export class Role {
  @Field() roleName!: string;
  @Field() roleId!: string;
  @Field() arn!: string;
  @Field() path!: string;
  @Field() assumeRolePolicyDocument!: string;
  @Field(() => GraphQLISODateTime) createDate!: Date;
  @Field(() => Int) maxSessionDuration!: number;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => AttachedPermissionsBoundary, { nullable: true }) permissionsBoundary?: AttachedPermissionsBoundary | null;
}

@ObjectType()
export class ManagedPolicy {
  @Field() policyName!: string;
  @Field() policyId!: string;
  @Field() arn!: string;
  @Field() path!: string;
  @Field() defaultVersionId!: string;
  @Field(() => Int, { description: "Attachments to this account's users, groups and roles." }) attachmentCount!: number;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field() isAttachable!: boolean;
  @Field(() => GraphQLISODateTime) createDate!: Date;
  @Field(() => GraphQLISODateTime) updateDate!: Date;
}

@ObjectType({ description: 'An access key without its secret (AWS AccessKeyMetadata).' })
export class AccessKeyMetadata {
  @Field(() => String, { nullable: true, description: "Null for the account root's keys." }) userName?: string | null;
  @Field() accessKeyId!: string;
  @Field() status!: string;
  @Field(() => GraphQLISODateTime) createDate!: Date;
}

@ObjectType({ description: 'getGroup: the group and its users.' })
export class GetGroupResult {
  @Field(() => Group) group!: Group;
  @Field(() => [User]) users!: User[];
}

@ObjectType({ description: 'A managed policy attached to a user, group or role.' })
export class AttachedPolicy {
  @Field() policyName!: string;
  @Field() policyArn!: string;
}

@ObjectType({ description: 'An inline policy of a user (getUserPolicy).' })
export class UserPolicy {
  @Field() userName!: string;
  @Field() policyName!: string;
  @Field() policyDocument!: string;
}

@ObjectType({ description: 'An inline policy of a group (getGroupPolicy).' })
export class GroupPolicy {
  @Field() groupName!: string;
  @Field() policyName!: string;
  @Field() policyDocument!: string;
}

@ObjectType({ description: 'An inline policy of a role (getRolePolicy).' })
export class RolePolicy {
  @Field() roleName!: string;
  @Field() policyName!: string;
  @Field() policyDocument!: string;
}

@ObjectType({ description: 'A version of a managed policy.' })
export class PolicyVersion {
  @Field() versionId!: string;
  @Field() document!: string;
  @Field() isDefaultVersion!: boolean;
  @Field(() => GraphQLISODateTime) createDate!: Date;
}

@ObjectType({ description: 'An IAM tag.' })
export class Tag {
  @Field() key!: string;
  @Field() value!: string;
}
