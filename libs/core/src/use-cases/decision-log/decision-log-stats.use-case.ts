/** decisionLogStats: the decision-log counters of this process (operator only). */
import type { Caller } from '../../auth/caller';
import { errors } from '../../errors/domain-error';
import type { DecisionLogStats, DecisionLogStatsSource } from './decision-recorder.port';

/** Returns the counters of the process's decision-log writer; principals get ACCESS_DENIED. */
export class DecisionLogStatsUseCase {
  constructor(private readonly source: DecisionLogStatsSource) {}

  execute(caller: Caller): DecisionLogStats {
    if (caller.kind !== 'operator') {
      throw errors.accessDenied(
        `User: ${caller.arn} is not authorized to perform: keygate:GetDecisionLogStats on resource: * because only the operator token may read process counters`,
      );
    }
    return this.source.stats();
  }
}
