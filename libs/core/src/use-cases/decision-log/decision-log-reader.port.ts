/** Reading the decision log (persistence implements it). INVARIANT: every query is scoped to one account. */
import type { Decision } from '@keygate/policy-engine';

/** A stored decision, as read back. */
export interface DecisionLogRecord {
  decisionId: string;
  accountId: string;
  decidedAt: Date;
  revision: bigint;
  principalArn: string;
  action: string;
  resource: string;
  resolvedKeyArn: string | null;
  decision: Decision;
  allowed: boolean;
  matchedStatementIds: string[];
  reason: string;
  /** Context keys of the request (always stored). */
  contextKeys: string[];
  /** Context values, only when the deployment stores them (KEYGATE_DECISION_LOG_CONTEXT=true). */
  contextValues: Record<string, string[]> | null;
}

/** The position after which a page starts (newest first: decidedAt desc, decisionId desc). */
export interface DecisionLogPosition {
  decidedAt: Date;
  decisionId: string;
}

/** One page request against one account. */
export interface DecisionLogQuery {
  accountId: string;
  principalArn?: string;
  /** Matches the resource as sent or the key an alias resolved to. */
  keyArn?: string;
  decision?: Decision;
  /** Inclusive bounds on decidedAt. */
  from?: Date;
  to?: Date;
  after?: DecisionLogPosition;
  limit: number;
}

/** Reads decision-log rows, newest first. */
export interface DecisionLogReader {
  find(query: DecisionLogQuery): Promise<DecisionLogRecord[]>;
}

/** DI token of the DecisionLogReader. */
export const DECISION_LOG_READER = Symbol('DECISION_LOG_READER');
