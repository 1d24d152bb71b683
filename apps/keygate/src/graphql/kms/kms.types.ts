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
  @Field({ description: 'AWS_KMS for every Keygate key.' }) origin!: string;
  @Field({ description: 'CUSTOMER for every Keygate key.' }) keyManager!: string;
  @Field() multiRegion!: boolean;
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
  @Field(() => GraphQLISODateTime, { nullable: true }) creationDate?: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastUpdatedDate?: Date | null;
}

@ObjectType()
export class CreateGrantPayload {
  @Field() grantId!: string;
  @Field() grantToken!: string;
}

@ObjectType({ description: 'A KMS resource tag (ListResourceTags).' })
export class KeyTag {
  @Field() tagKey!: string;
  @Field() tagValue!: string;
}

@ObjectType({ description: 'One encryption-context pair of a grant constraint.' })
export class EncryptionContextEntry {
  @Field() key!: string;
  @Field() value!: string;
}

@ObjectType()
export class GrantConstraints {
  @Field(() => [EncryptionContextEntry], { nullable: true }) encryptionContextSubset?: EncryptionContextEntry[] | null;
  @Field(() => [EncryptionContextEntry], { nullable: true }) encryptionContextEquals?: EncryptionContextEntry[] | null;
}

@ObjectType({ description: 'A grant as ListGrants / ListRetirableGrants return it (never the grant token).' })
export class GrantListEntry {
  @Field() keyId!: string;
  @Field() grantId!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => GraphQLISODateTime) creationDate!: Date;
  @Field() granteePrincipal!: string;
  @Field(() => String, { nullable: true }) retiringPrincipal?: string | null;
  @Field() issuingAccount!: string;
  @Field(() => [String]) operations!: string[];
  @Field(() => GrantConstraints, { nullable: true }) constraints?: GrantConstraints | null;
}

@ObjectType()
export class KeyRotationStatus {
  @Field() keyId!: string;
  @Field() keyRotationEnabled!: boolean;
}
