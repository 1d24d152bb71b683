/**
 * Where the decision-log writer sends its batches: a dedicated, single-connection pg pool, so log
 * writes never take a connection of the request pool. A batch is one COPY FROM STDIN (the least
 * server CPU per row); when it fails on an integrity constraint (a row of an account deleted
 * meanwhile, a replayed id) the batch is retried through a staging table that skips those rows,
 * and when it fails on a value the database cannot store, row by row, skipping those rows.
 */
import { type DatabaseError, Pool, type PoolClient } from 'pg';
import { copyFromStdin } from './copy-from-stdin';
import { COPY_DECISION_LOG, COPY_DECISION_LOG_STAGING, CREATE_DECISION_LOG_STAGING, INSERT_DECISION_LOG_BATCH, toInsertParameter } from './decision-log.repository';

/** Inserts batches of decision-log rows. */
export interface DecisionLogInserter {
  /**
   * Inserts rows encoded by encodeDecisionLogRow, as UTF-8 bytes; resolves to the number of rows
   * inserted (rows of unknown accounts, replayed ids and values the database refuses are skipped).
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
  return sqlStateClass(err) === '23';
}

/**
 * SQLSTATE class 22: a value a column cannot take. No known entry causes one (the encoder makes
 * every text storable); should one come, only its own row must be lost, not its batch: in strict
 * mode a failing batch is retried, and one such row would refuse every decision.
 */
function isDataException(err: unknown): boolean {
  return sqlStateClass(err) === '22';
}

function sqlStateClass(err: unknown): string | undefined {
  const code = (err as Partial<DatabaseError>)?.code;
  return typeof code === 'string' ? code.slice(0, 2) : undefined;
}

/** Runs `work` in one transaction on a pooled connection; resolves to what `work` does. */
async function inTransaction(pool: Pool, work: (client: PoolClient) => Promise<number>): Promise<number> {
  const client = await pool.connect();
  let failed: unknown;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    failed = err;
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    // INVARIANT: a connection whose transaction failed is discarded, never reused half-way.
    client.release(failed !== undefined);
  }
}

/** The fallback: COPY into the session's staging table, then INSERT ... SELECT what may be inserted. */
function insertSkippingUnknown(pool: Pool, payload: Buffer): Promise<number> {
  return inTransaction(pool, async (client) => {
    await client.query(CREATE_DECISION_LOG_STAGING);
    await copyFromStdin(client, COPY_DECISION_LOG_STAGING, payload);
    return (await client.query(INSERT_DECISION_LOG_BATCH)).rowCount ?? 0;
  });
}

/** The last resort: one COPY per row, each under a savepoint; rows the database refuses are skipped. */
function insertRowByRow(pool: Pool, rows: readonly Uint8Array[]): Promise<number> {
  return inTransaction(pool, async (client) => {
    let inserted = 0;
    for (const row of rows) {
      await client.query('SAVEPOINT "row"');
      try {
        inserted += await copyFromStdin(client, COPY_DECISION_LOG, toInsertParameter([row]));
        await client.query('RELEASE SAVEPOINT "row"');
      } catch (err) {
        if (!isDataException(err) && !isIntegrityViolation(err)) throw err;
        await client.query('ROLLBACK TO SAVEPOINT "row"');
      }
    }
    return inserted;
  });
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
        try {
          return await copyFromStdin(pool, COPY_DECISION_LOG, payload);
        } catch (err) {
          if (!isIntegrityViolation(err)) throw err;
          return await insertSkippingUnknown(pool, payload);
        }
      } catch (err) {
        if (!isDataException(err)) throw err;
        return insertRowByRow(pool, rows);
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
