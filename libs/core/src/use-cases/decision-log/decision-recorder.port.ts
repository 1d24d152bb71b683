/**
 * The decision-log port of the authorize path. The authorize use case hands every decision to
 * DecisionRecorder.record(); persistence buffers and writes it asynchronously (reliability plan
 * §0 item 8: bounded buffer, batched inserts, drop counter; fail-open for the log only).
 */
import type { Decision, MatchedStatement } from '@keygate/policy-engine';

/** One request-context entry as the caller sent it (values are masked before storage). */
export interface DecisionContextEntry {
  key: string;
  values: readonly string[];
}

/** One authorize decision, as the authorize path knows it. Never put credentials or grant tokens here. */
export interface DecisionLogEntry {
  /** A fresh UUID per decision (crypto.randomUUID()). */
  decisionId: string;
  /**
   * The account the entry is filed under (only that account, and the operator, can read it).
   * It must be an account of this deployment; entries for unknown accounts are skipped on write.
   */
  accountId: string;
  decidedAt: Date;
  /** The snapshot revision the decision was made on. */
  revision: bigint;
  /** The principal ARN of the request, as sent. */
  principalArn: string;
  action: string;
  /** The resource of the request, as sent (key ARN, alias ARN or "*"). */
  resource: string;
  /** The key an alias resolved to (absent when the resource was not an alias or did not resolve). */
  resolvedKeyArn?: string;
  decision: Decision;
  /** The final answer: decision ALLOWED and the key state permits the action. */
  allowed: boolean;
  /** The engine's matched statements; stored as ids "<sourcePolicyId>#<statementIndex>". */
  matchedStatements: readonly MatchedStatement[];
  reason: string;
  /** The request context; only the keys are stored unless values are enabled by configuration. */
  context?: readonly DecisionContextEntry[];
}

/**
 * Receives authorize decisions.
 * INVARIANT: record() is synchronous, O(1), never blocks on I/O and never throws. By default a
 * full buffer or a failing database loses log entries (counted), never the decision; in strict
 * mode (refusal()) a decision whose entries cannot be kept is denied instead, and nothing is lost
 * while the database fails (entries still buffered when the process stops are).
 */
export interface DecisionRecorder {
  record(entry: DecisionLogEntry): void;
  /**
   * Strict mode (KEYGATE_DECISION_LOG_STRICT, reliability plan: "cannot log => deny"): why `count`
   * entries recorded now would not all be kept (the buffer is full or closed, or the last write to
   * the database failed), counted as a refused decision; undefined when they would be kept, and
   * always outside strict mode. INVARIANT: the caller denies a refused decision and does not
   * record it; synchronous, so nothing can take the room between this answer and record().
   */
  refusal?(count: number): string | undefined;
}

/** Counters of a DecisionRecorder (per process, since start). */
export interface DecisionLogStats {
  /** Entries waiting in memory. */
  buffered: number;
  /** Capacity of the buffer. */
  capacity: number;
  /** Entries handed to the database successfully (those it skipped included: `rejected`). */
  written: number;
  /**
   * Entries of successful writes that the database skipped: of an account deleted meanwhile, a
   * replayed decision id, or a value it cannot store (the rest of their batch is written).
   */
  rejected: number;
  /** Entries dropped: the buffer was full, the row could not be built, or the shutdown flush gave up on them. */
  dropped: number;
  /** Entries lost because a database write failed. */
  failed: number;
  /** Strict mode: decisions are denied while the log cannot keep their entries. */
  strict: boolean;
  /** Strict mode: decisions denied because the log could not keep their entries. */
  refused: number;
}

/** A recorder that can report its counters (the persistent one does). */
export interface DecisionLogStatsSource {
  stats(): DecisionLogStats;
}

/** DI token of the DecisionRecorder (also a DecisionLogStatsSource when bound to the writer). */
export const DECISION_RECORDER = Symbol('DECISION_RECORDER');

/** A recorder that forgets everything (unit tests, tools). */
export const NOOP_DECISION_RECORDER: DecisionRecorder & DecisionLogStatsSource = {
  record: () => undefined,
  stats: () => ({ buffered: 0, capacity: 0, written: 0, rejected: 0, dropped: 0, failed: 0, strict: false, refused: 0 }),
};

/** The stored id of a matched statement: "<sourcePolicyId>#<statementIndex>". */
export function matchedStatementId(statement: MatchedStatement): string {
  return `${statement.sourcePolicyId}#${statement.statementIndex}`;
}
