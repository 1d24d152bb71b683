/** KMS inputs of the contract. */
import { Field, InputType, Int } from '@nestjs/graphql';
import { KeyUsage } from '../common/enums';
import { TagInput } from '../common/tag.input';

@InputType()
export class CreateKeyInput {
  @Field(() => String, { nullable: true, description: 'Omitted: the default key policy (account root, kms:*).' })
  policy?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => KeyUsage, { nullable: true }) keyUsage?: KeyUsage | null;
  @Field(() => String, { nullable: true }) keySpec?: string | null;
  @Field(() => [TagInput], { nullable: true }) tags?: TagInput[] | null;
  @Field(() => Boolean, { nullable: true }) bypassPolicyLockoutSafetyCheck?: boolean | null;
}

@InputType()
export class KeyIdInput {
  @Field({ description: 'Key id, key ARN, alias name ("alias/x") or alias ARN.' }) keyId!: string;
}

@InputType()
export class PutKeyPolicyInput {
  @Field() keyId!: string;
  @Field() policy!: string;
  @Field(() => Boolean, { nullable: true }) bypassPolicyLockoutSafetyCheck?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Always "default" (the only key policy name).' }) policyName?: string | null;
}

@InputType()
export class CreateAliasInput {
  @Field() aliasName!: string;
  @Field() targetKeyId!: string;
}

@InputType()
export class ScheduleKeyDeletionInput {
  @Field() keyId!: string;
  @Field(() => Int, { nullable: true }) pendingWindowInDays?: number | null;
}

@InputType()
export class GrantConstraintsInput {
  @Field(() => [TagInput], { nullable: true }) encryptionContextSubset?: TagInput[] | null;
  @Field(() => [TagInput], { nullable: true }) encryptionContextEquals?: TagInput[] | null;
}

@InputType()
export class CreateGrantInput {
  @Field() keyId!: string;
  @Field() granteePrincipal!: string;
  @Field(() => [String], { description: 'e.g. ["Encrypt", "Decrypt"]' }) operations!: string[];
  @Field(() => String, { nullable: true }) retiringPrincipal?: string | null;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => GrantConstraintsInput, { nullable: true }) constraints?: GrantConstraintsInput | null;
  @Field(() => [String], { nullable: true, description: 'Grant tokens of grants that allow this CreateGrant (at most 10).' })
  grantTokens?: string[] | null;
}

@InputType()
export class RevokeGrantInput {
  @Field() keyId!: string;
  @Field() grantId!: string;
}

@InputType()
export class UpdateKeyDescriptionInput {
  @Field() keyId!: string;
  @Field() description!: string;
}

@InputType()
export class TagResourceInput {
  @Field() keyId!: string;
  @Field(() => [TagInput]) tags!: TagInput[];
}

@InputType()
export class UntagResourceInput {
  @Field() keyId!: string;
  @Field(() => [String]) tagKeys!: string[];
}

@InputType()
export class ListAliasesInput {
  @Field(() => String, { nullable: true, description: 'Only the aliases of this key (key id or key ARN).' }) keyId?: string | null;
}

@InputType()
export class UpdateAliasInput {
  @Field() aliasName!: string;
  @Field() targetKeyId!: string;
}

@InputType()
export class DeleteAliasInput {
  @Field() aliasName!: string;
}

@InputType()
export class ListGrantsInput {
  @Field() keyId!: string;
  @Field(() => String, { nullable: true }) grantId?: string | null;
  @Field(() => String, { nullable: true }) granteePrincipal?: string | null;
}

@InputType({ description: 'Either grantToken, or keyId (key ARN for another account) and grantId.' })
export class RetireGrantInput {
  @Field(() => String, { nullable: true }) grantToken?: string | null;
  @Field(() => String, { nullable: true }) keyId?: string | null;
  @Field(() => String, { nullable: true }) grantId?: string | null;
}

@InputType()
export class ListRetirableGrantsInput {
  @Field({ description: 'A principal ARN of the caller\'s account.' }) retiringPrincipal!: string;
}
