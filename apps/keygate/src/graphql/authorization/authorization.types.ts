/** Authorization types and inputs of the contract. */
import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Decision, Effect, KeyState, PolicySourceType } from '../common/enums';

@InputType()
export class ContextEntryInput {
  @Field({ description: 'e.g. "kms:EncryptionContext:Department", "aws:SourceIp"' }) key!: string;
  @Field(() => [String]) values!: string[];
}

@InputType()
export class AuthorizeInput {
  @Field() principalArn!: string;
  @Field() action!: string;
  @Field() resource!: string;
  @Field(() => [ContextEntryInput], { nullable: true }) context?: ContextEntryInput[] | null;
  @Field(() => [String], { nullable: true }) grantTokens?: string[] | null;
  @Field(() => String, {
    nullable: true,
    description: "Read-your-writes: a revision of the principal's account (from accountRevision); the decision waits briefly for it, else it is a stale deny.",
  })
  atLeastRevision?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      "Read-your-writes for the key: a revision of the account that owns the key or alias of `resource` (from accountRevision of that account); the decision waits briefly for it, else it is a stale deny. For a key of another account, operator token only (ACCESS_DENIED for a principal). Ignored when the resource names no key (or is an alias of CreateAlias, UpdateAlias, DeleteAlias).",
  })
  atLeastKeyRevision?: string | null;
}

@InputType()
export class AccountRevisionInput {
  @Field(() => String, { nullable: true, description: "Operator token only: the account to read. Principals read their own account." })
  accountId?: string | null;
}

@InputType()
export class SimulateCustomPolicyInput {
  @Field() principalArn!: string;
  @Field() action!: string;
  @Field() resource!: string;
  @Field(() => String, { nullable: true }) resourceAccount?: string | null;
  @Field(() => [String]) identityPolicies!: string[];
  @Field(() => String, { nullable: true }) resourcePolicy?: string | null;
  @Field(() => [String], { nullable: true }) permissionsBoundaries?: string[] | null;
  @Field(() => [ContextEntryInput], { nullable: true }) context?: ContextEntryInput[] | null;
}

@ObjectType()
export class MatchedStatement {
  @Field(() => PolicySourceType) sourcePolicyType!: PolicySourceType;
  @Field() sourcePolicyId!: string;
  @Field(() => String, { nullable: true }) sid?: string | null;
  @Field(() => Int) statementIndex!: number;
  @Field(() => Effect) effect!: Effect;
}

@ObjectType()
export class AuthorizationResult {
  @Field(() => Decision) decision!: Decision;
  @Field() allowed!: boolean;
  @Field() reason!: string;
  @Field(() => [MatchedStatement]) matchedStatements!: MatchedStatement[];
  @Field(() => [String]) missingContextKeys!: string[];
  @Field(() => KeyState, { nullable: true }) keyState?: KeyState | null;
  @Field(() => String, { nullable: true, description: 'authorize only: the id of this decision in the decision log.' })
  decisionId?: string | null;
  @Field(() => String, { nullable: true, description: "authorize only: the revision of the principal's account the decision was made on." })
  revision?: string | null;
}
