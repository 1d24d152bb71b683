/** The DecisionRecorder of the service: bounded buffer + batched inserts into decision_log. */
import {
  type DecisionLogEntry,
  type DecisionLogStats,
  type DecisionLogStatsSource,
  type DecisionRecorder,
  matchedStatementId,
  toStoredContext,
} from '@keygate/core/use-cases/decision-log';
import { type BatchBufferLog, BoundedBatchBuffer } from './bounded-batch-buffer';
import type { DecisionLogInserter } from './decision-log.inserter';
import { encodeDecisionLogRow } from './decision-log-copy-format';
import type { DecisionLogRow } from './decision-log.repository';
import { RowBytes } from './row-bytes';

/** Options of {@link DecisionLogWriter}. */
export interface DecisionLogWriterOptions {
  /** Store request-context values (KEYGATE_DECISION_LOG_CONTEXT=true); default false: keys only. */
  includeContextValues?: boolean;
  /** Buffer bound (queued and in the write in flight); default 20,000 entries. */
  capacity?: number;
  /** Rows that start a COPY at once (fewer wait for the timer); default 500. */
  batchSize?: number;
  /** Most rows per COPY (a backlog goes in fewer, larger COPYs); default 5,000. */
  maxBatchSize?: number;
  /** Timer flush period; default 250 ms. */
  flushIntervalMs?: number;
  /** Minimum time between two warnings of the same kind; default 10 s. */
  warnIntervalMs?: number;
  /**
   * Strict mode (KEYGATE_DECISION_LOG_STRICT): refusal() answers while the buffer is full or the
   * last write failed, and a failed batch is kept and written again instead of being lost.
   */
  strict?: boolean;
  log?: BatchBufferLog;
}

/**
 * Records authorize decisions asynchronously; never delays a decision. By default fail-open for
 * the log only: a full buffer drops entries (counted in `dropped`), a failing database loses the
 * batch (counted in `failed`), and the decision is unchanged. In strict mode refusal() makes the
 * caller deny what the log cannot keep, and a failed batch is kept and written again.
 */
export class DecisionLogWriter implements DecisionRecorder, DecisionLogStatsSource {
  /**
   * INVARIANT (speed): entries are buffered as their row's COPY line in UTF-8 bytes (a view into a
   * writer-owned off-heap slab, see RowBytes). Buffered entries outlive several young-generation
   * collections: as object graphs (entry, matched statements, context, Date) they were most of what
   * every scavenge had to copy at batch rates, and as strings (a template literal is a tree of
   * string pieces until flattened) still several hundred bytes each; the bytes are what COPY sends.
   */
  private readonly buffer: BoundedBatchBuffer<Buffer>;
  private readonly rowBytes = new RowBytes();
  private readonly includeContextValues: boolean;
  private readonly strict: boolean;
  private refused = 0;

  /** The writer owns `inserter` and closes it in close(). */
  constructor(
    private readonly inserter: DecisionLogInserter,
    options: DecisionLogWriterOptions = {},
  ) {
    this.includeContextValues = options.includeContextValues ?? false;
    this.strict = options.strict ?? false;
    this.buffer = new BoundedBatchBuffer<Buffer>({
      // Rows the database skipped are counted by the buffer as rejected.
      write: async (batch) => batch.length - (await inserter.insert(batch)),
      capacity: options.capacity,
      batchSize: options.batchSize,
      maxBatchSize: options.maxBatchSize,
      flushIntervalMs: options.flushIntervalMs,
      warnIntervalMs: options.warnIntervalMs,
      log: options.log,
      retryFailedWrites: this.strict,
    });
  }

  record(entry: DecisionLogEntry): void {
    try {
      // A full buffer drops before the row is built (overload costs the request path nothing).
      this.buffer.offer(() => this.rowBytes.of(encodeDecisionLogRow(this.toRow(entry))));
    } catch {
      // INVARIANT: record() never throws into the authorize path (offer() does not throw either).
    }
  }

  refusal(count: number): string | undefined {
    if (!this.strict || count === 0) return undefined;
    const why = this.buffer.isClosed
      ? 'the service is shutting down'
      : this.buffer.failing
        ? 'its last write to the database failed'
        : this.buffer.hasRoom(count)
          ? undefined
          : 'its buffer is full';
    if (why === undefined) return undefined;
    this.refused++;
    return `The decision log cannot record this decision (${why}), and strict decision logging denies what it cannot record.`;
  }

  stats(): DecisionLogStats {
    return { ...this.buffer.counts(), strict: this.strict, refused: this.refused };
  }

  /** Writes everything buffered now (tests, tools). */
  flush(): Promise<void> {
    return this.buffer.flush();
  }

  /** Stops accepting entries, writes what is buffered within `timeoutMs`, then closes the inserter. */
  async close(timeoutMs = 2000): Promise<void> {
    await this.buffer.close(timeoutMs);
    await this.inserter.close();
  }

  private toRow(entry: DecisionLogEntry): DecisionLogRow {
    return {
      accountId: entry.accountId,
      decisionId: entry.decisionId,
      decidedAtMs: entry.decidedAt.getTime(),
      revision: entry.revision.toString(),
      principal: entry.principalArn,
      action: entry.action,
      resource: entry.resource,
      decision: entry.decision,
      allowed: entry.allowed,
      matchedStatementIds: entry.matchedStatements.map(matchedStatementId),
      reason: entry.reason,
      context: toStoredContext(entry.context, entry.resolvedKeyArn, this.includeContextValues),
    };
  }
}
