import type { AuthorizationDecision, Decision } from '../types';
import type { Accumulator } from './policy-evaluator';

/** Assemble the decision with its explanation. */
export function finish(decision: Decision, acc: Accumulator, reason: string): AuthorizationDecision {
  const missingContextKeys = acc.missing === null ? [] : [...acc.missing].sort();
  return { decision, matchedStatements: acc.matched, missingContextKeys, reason };
}
