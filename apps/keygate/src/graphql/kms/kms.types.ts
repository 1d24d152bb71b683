/** KMS output types of the contract. */
import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';
import { KeyState, KeyUsage } from '../common/enums';

@ObjectType()
export class KeyMetadata {
  @Field() keyId!: string;
  @Field() arn!: string;
  @Field() awsAccountId!: string;
  @Field() description!: string;
  @Field(() => KeyState) keyState!: KeyState;
  @Field(() => KeyUsage) keyUsage!: KeyUsage;
  @Field() keySpec!: string;
  @Field() enabled!: boolean;
  @Field(() => GraphQLISODateTime) creationDate!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) deletionDate?: Date | null;
}

@ObjectType()
export class KeyListEntry {
  @Field() keyId!: string;
  @Field() keyArn!: string;
}

@ObjectType()
export class AliasListEntry {
  @Field() aliasName!: string;
  @Field() aliasArn!: string;
  @Field(() => String, { nullable: true }) targetKeyId?: string | null;
}

@ObjectType()
export class CreateGrantPayload {
  @Field() grantId!: string;
  @Field() grantToken!: string;
}
