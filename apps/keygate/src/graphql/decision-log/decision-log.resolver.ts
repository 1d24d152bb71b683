/** decisionLog (cloudtrail:LookupEvents on "*", or the operator for any account) and decisionLogStats (operator). */
import type { Caller } from '@keygate/core/auth';
import { type DecisionLogRecord, DecisionLogStatsUseCase, QueryDecisionLogUseCase } from '@keygate/core/use-cases/decision-log';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import type { Decision } from '../common/enums';
import { DecisionLogEntry, DecisionLogInput, DecisionLogPage, DecisionLogStats } from './decision-log.types';

@Resolver()
export class DecisionLogResolver {
  constructor(
    private readonly queryDecisionLog: QueryDecisionLogUseCase,
    private readonly decisionLogStatsUseCase: DecisionLogStatsUseCase,
  ) {}

  @Query(() => DecisionLogPage, { description: "Authorize decisions of the caller's account, newest first (cloudtrail:LookupEvents)." })
  async decisionLog(@CurrentCaller() caller: Caller, @Args('input') input: DecisionLogInput): Promise<DecisionLogPage> {
    const page = await this.queryDecisionLog.execute(caller, input);
    return { entries: page.entries.map(toEntry), nextCursor: page.nextCursor };
  }

  @Query(() => DecisionLogStats, { description: 'Operator token only: decision-log counters of this process (dropped entries).' })
  decisionLogStats(@CurrentCaller() caller: Caller): DecisionLogStats {
    return this.decisionLogStatsUseCase.execute(caller);
  }
}

function toEntry(record: DecisionLogRecord): DecisionLogEntry {
  return {
    decisionId: record.decisionId,
    accountId: record.accountId,
    decidedAt: record.decidedAt,
    revision: record.revision.toString(),
    principalArn: record.principalArn,
    action: record.action,
    resource: record.resource,
    resolvedKeyArn: record.resolvedKeyArn,
    decision: record.decision as Decision,
    allowed: record.allowed,
    matchedStatementIds: record.matchedStatementIds,
    reason: record.reason,
    contextKeys: record.contextKeys,
    context: record.contextValues ? Object.entries(record.contextValues).map(([key, values]) => ({ key, values })) : null,
  };
}
