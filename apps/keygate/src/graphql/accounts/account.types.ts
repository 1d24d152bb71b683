import { Field, GraphQLISODateTime, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class AccessKey {
  @Field() accessKeyId!: string;
  @Field(() => String, { nullable: true, description: 'Only returned when the key is created.' })
  secretAccessKey?: string | null;
  @Field() status!: string;
  @Field(() => GraphQLISODateTime) createDate!: Date;
}

@ObjectType()
export class Account {
  @Field({ description: '12 digits' }) accountId!: string;
  @Field() name!: string;
  @Field({ description: 'arn:aws:iam::<accountId>:root' }) arn!: string;
}

@ObjectType()
export class CreateAccountPayload {
  @Field(() => Account) account!: Account;
  @Field(() => AccessKey) rootAccessKey!: AccessKey;
}

@InputType()
export class CreateAccountInput {
  @Field() name!: string;
  @Field(() => String, { nullable: true }) accountId?: string | null;
}
