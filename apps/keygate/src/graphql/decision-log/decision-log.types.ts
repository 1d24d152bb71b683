/** decisionLog / decisionLogStats types (contract additions). */
import { Field, Float, GraphQLISODateTime, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Decision } from '../common/enums';

@InputType()
export class DecisionLogInput {
  @Field(() => String, { nullable: true, description: 'Operator token only (required for it); a principal reads its own account.' })
  accountId?: string | null;
  @Field(() => String, { nullable: true, description: 'The principal ARN of the request, exactly as sent.' })
  principalArn?: string | null;
  @Field(() => String, { nullable: true, description: 'Matches the resource as sent or the key an alias resolved to.' })
  keyArn?: string | null;
  @Field(() => Decision, { nullable: true }) decision?: Decision | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Inclusive lower bound of decidedAt.' }) from?: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Inclusive upper bound of decidedAt.' }) to?: Date | null;
  @Field(() => Int, { nullable: true, description: 'Page size, 1 to 100; default 50.' }) first?: number | null;
  @Field(() => String, { nullable: true, description: 'nextCursor of the previous page of the same query.' }) after?: string | null;
}

@ObjectType()
export class DecisionLogContextEntry {
  @Field() key!: string;
  @Field(() => [String]) values!: string[];
}

@ObjectType()
export class DecisionLogEntry {
  @Field() decisionId!: string;
  @Field() accountId!: string;
  @Field(() => GraphQLISODateTime) decidedAt!: Date;
  @Field({ description: 'The account revision (decimal) the decision was made on.' }) revision!: string;
  @Field() principalArn!: string;
  @Field() action!: string;
  @Field({ description: 'The resource as sent (key ARN, alias ARN or "*").' }) resource!: string;
  @Field(() => String, { nullable: true, description: 'The key an alias resolved to.' }) resolvedKeyArn?: string | null;
  @Field(() => Decision) decision!: Decision;
  @Field() allowed!: boolean;
  @Field(() => [String], { description: 'Matched statements as "<sourcePolicyId>#<statementIndex>".' }) matchedStatementIds!: string[];
  @Field() reason!: string;
  @Field(() => [String], { description: 'Request-context keys (always stored).' }) contextKeys!: string[];
  @Field(() => [DecisionLogContextEntry], {
    nullable: true,
    description: 'Request-context values: only when the deployment sets KEYGATE_DECISION_LOG_CONTEXT=true.',
  })
  context?: DecisionLogContextEntry[] | null;
}

@ObjectType()
export class DecisionLogPage {
  @Field(() => [DecisionLogEntry]) entries!: DecisionLogEntry[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last page.' })
  nextCursor?: string | null;
}

@ObjectType({ description: 'Decision-log counters of the answering process since it started.' })
export class DecisionLogStats {
  @Field(() => Int, { description: 'Entries waiting in memory.' }) buffered!: number;
  @Field(() => Int, { description: 'Most entries held in memory.' }) capacity!: number;
  @Field(() => Float, { description: 'Entries handed to the database in successful writes (those it skipped included: rejected).' }) written!: number;
  @Field(() => Float, { description: 'Of the written entries, those the database skipped: of an account deleted meanwhile, a replayed decision id, or a value it cannot store.' })
  rejected!: number;
  @Field(() => Float, { description: 'Entries dropped: the buffer was full, the row could not be built, or the shutdown flush gave up on them.' }) dropped!: number;
  @Field(() => Float, { description: 'Entries lost because a database write failed.' }) failed!: number;
  @Field(() => Boolean, { description: 'Strict mode (KEYGATE_DECISION_LOG_STRICT): decisions the log cannot keep are denied.' }) strict!: boolean;
  @Field(() => Float, { description: 'Strict mode: decisions denied because the log could not keep their entries.' }) refused!: number;
}
