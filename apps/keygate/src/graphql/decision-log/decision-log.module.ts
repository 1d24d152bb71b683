import { SelfAuthorizer } from '@keygate/core/authz';
import {
  DECISION_LOG_READER,
  DECISION_RECORDER,
  DecisionLogCursorCodec,
  type DecisionLogReader,
  type DecisionLogStatsSource,
  DecisionLogStatsUseCase,
  QueryDecisionLogUseCase,
} from '@keygate/core/use-cases/decision-log';
import { Module } from '@nestjs/common';
import { DecisionLogResolver } from './decision-log.resolver';

/** decisionLog and decisionLogStats. The reader, recorder and cursor codec come from the InfrastructureModule. */
@Module({
  providers: [
    DecisionLogResolver,
    {
      provide: QueryDecisionLogUseCase,
      useFactory: (reader: DecisionLogReader, selfAuthorizer: SelfAuthorizer, cursors: DecisionLogCursorCodec) =>
        new QueryDecisionLogUseCase({ reader, selfAuthorizer, cursors }),
      inject: [DECISION_LOG_READER, SelfAuthorizer, DecisionLogCursorCodec],
    },
    {
      provide: DecisionLogStatsUseCase,
      useFactory: (source: DecisionLogStatsSource) => new DecisionLogStatsUseCase(source),
      inject: [DECISION_RECORDER],
    },
  ],
})
export class DecisionLogModule {}
