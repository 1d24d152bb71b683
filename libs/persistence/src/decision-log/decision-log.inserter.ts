/**
 * Where the decision-log writer sends its batches: a dedicated, single-connection pg pool, so log
 * writes never take a connection of the request pool. A batch is one COPY FROM STDIN (the least
 * server CPU per row); when it fails on an integrity constraint (a row of an account deleted
 * meanwhile, a replayed id) the batch is retried through a staging table that skips those rows.
 */
import { type DatabaseError, Pool } from 'pg';
import { copyFromStdin } from './copy-from-stdin';
import { COPY_DECISION_LOG, COPY_DECISION_LOG_STAGING, CREATE_DECISION_LOG_STAGING, INSERT_DECISION_LOG_BATCH, toInsertParameter } from './decision-log.repository';

/** Inserts batches of decision-log rows. */
export interface DecisionLogInserter {
  /**
   * Inserts rows encoded by encodeDecisionLogRow, as UTF-8 bytes; resolves to the number of rows
   * inserted (rows of unknown accounts and replayed ids are skipped).
   */
  insert(encodedRows: readonly Uint8Array[]): Promise<number>;
  close(): Promise<void>;
}

/** Options of {@link createDecisionLogInserter}. */
export interface DecisionLogInserterOptions {
  /** Wait for the connection; default 2,000 ms. */
  connectionTimeoutMillis?: number;
  /** Client-side and server-side limit per batch; default 5,000 ms (server side: 4,500 ms). */
  queryTimeoutMillis?: number;
  /** Longest wait for close() (a batch stuck on a frozen server is abandoned); default 1,000 ms. */
  closeTimeoutMillis?: number;
  /** Errors of the idle connection (e.g. a server restart); without a handler they would crash the process. */
  onPoolError?: (err: Error) => void;
}

/** SQLSTATE class 23: foreign key (unknown account) or unique (replayed id) violations. */
function isIntegrityViolation(err: unknown): boolean {
  return typeof (err as Partial<DatabaseError>)?.code === 'string' && (err as DatabaseError).code!.startsWith('23');
}

/** The fallback: COPY into the session's staging table, then INSERT ... SELECT what may be inserted. */
async function insertSkippingUnknown(pool: Pool, payload: Buffer): Promise<number> {
  const client = await pool.connect();
  let failed: unknown;
  try {
    await client.query('BEGIN');
    await client.query(CREATE_DECISION_LOG_STAGING);
    await copyFromStdin(client, COPY_DECISION_LOG_STAGING, payload);
    const result = await client.query(INSERT_DECISION_LOG_BATCH);
    await client.query('COMMIT');
    return result.rowCount ?? 0;
  } catch (err) {
    failed = err;
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    // INVARIANT: a connection whose transaction failed is discarded, never reused half-way.
    client.release(failed !== undefined);
  }
}

/** A one-connection pool for decision-log batches (application_name "keygate-decision-log"). */
export function createDecisionLogInserter(databaseUrl: string, options: DecisionLogInserterOptions = {}): DecisionLogInserter {
  const queryTimeout = options.queryTimeoutMillis ?? 5000;
  const pool = new Pool({
    connectionString: databaseUrl,
    // INVARIANT: one connection: the writer has at most one batch in flight.
    max: 1,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 2000,
    query_timeout: queryTimeout,
    statement_timeout: Math.max(1, queryTimeout - 500),
    idle_in_transaction_session_timeout: 5000,
    idleTimeoutMillis: 30_000,
    application_name: 'keygate-decision-log',
  });
  pool.on('error', options.onPoolError ?? (() => undefined));
  let closed = false;
  return {
    insert: async (rows) => {
      if (rows.length === 0) return 0;
      const payload = toInsertParameter(rows);
      try {
        return await copyFromStdin(pool, COPY_DECISION_LOG, payload);
      } catch (err) {
        if (!isIntegrityViolation(err)) throw err;
        return insertSkippingUnknown(pool, payload);
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, options.closeTimeoutMillis ?? 1000);
        timer.unref();
      });
      // INVARIANT: shutdown never waits on the log for longer than the timeout.
      await Promise.race([pool.end().catch(() => undefined), expired]);
      clearTimeout(timer);
    },
  };
}
