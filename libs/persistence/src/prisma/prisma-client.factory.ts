import { PrismaPg } from '@prisma/adapter-pg';
import { Pool, type PoolConfig } from 'pg';
import { Prisma, PrismaClient } from '../generated/prisma/client';

/** The generated Prisma client type; repositories receive it (or a transaction client). */
export type { PrismaClient } from '../generated/prisma/client';

/**
 * What repositories query through: the base client or the client of an interactive transaction.
 * Repositories never open transactions themselves; Store.change does.
 */
export type PrismaDb = Prisma.TransactionClient;

/** Time to open one new connection unless PrismaClientOptions.connectTimeoutMillis says otherwise. */
const DEFAULT_CONNECT_TIMEOUT_MS = 3000;

/** Pool and timeout settings (reliability test plan §4.3); every field has a safe default. */
export interface PrismaClientOptions {
  /** Pool size; default 10 (2-core machine, Postgres on the same host). */
  poolMax?: number;
  /** Wait for a free pooled connection (pool exhausted) before failing; default 500 ms. */
  connectionTimeoutMillis?: number;
  /**
   * Time to establish one new connection (TCP, startup, authentication; the server forks a
   * backend); default 3,000 ms. Separate from the pool wait: under load a new connection can take
   * longer than 500 ms, and failing it then turned a slow start into an INTERNAL error.
   */
  connectTimeoutMillis?: number;
  /** Client-side query timeout (catches a frozen server); default 2,000 ms. */
  queryTimeoutMillis?: number;
  /** Server-side statement_timeout; default 1,500 ms. */
  statementTimeoutMillis?: number;
  /** Server-side idle_in_transaction_session_timeout; default 5,000 ms. */
  idleInTransactionTimeoutMillis?: number;
  /** Idle pooled connections are closed after this; default 30,000 ms. */
  idleTimeoutMillis?: number;
  /**
   * Interactive transaction: max wait to start / max duration; defaults 3,500 / 5,000 ms. Starting
   * may have to open a connection and then send BEGIN, so the wait is the connect timeout + 500 ms.
   */
  transactionMaxWaitMillis?: number;
  transactionTimeoutMillis?: number;
  /** application_name seen in pg_stat_activity; default "keygate". */
  applicationName?: string;
  /** Errors of idle pooled connections (e.g. server restart). Without a handler they would crash the process. */
  onPoolError?: (err: Error) => void;
}

/**
 * Creates the Prisma client over a node-postgres pool with bounded waits everywhere: a
 * connection wait (pool exhausted), a client-side query timeout (server frozen), a server-side
 * statement timeout and an idle-in-transaction timeout. `$disconnect()` also ends the pool.
 */
export function createPrismaClient(databaseUrl: string, options: PrismaClientOptions = {}): PrismaClient {
  const connectTimeoutMillis = options.connectTimeoutMillis ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const pool = createPool(databaseUrl, options, connectTimeoutMillis);
  const adapter = new PrismaPg(pool, {
    disposeExternalPool: true,
    onPoolError: options.onPoolError ?? (() => undefined),
    onConnectionError: options.onPoolError ?? (() => undefined),
  });
  return new PrismaClient({
    adapter,
    transactionOptions: {
      maxWait: options.transactionMaxWaitMillis ?? connectTimeoutMillis + 500,
      timeout: options.transactionTimeoutMillis ?? 5000,
    },
  });
}

function createPool(databaseUrl: string, options: PrismaClientOptions, connectTimeoutMillis: number): Pool {
  const pool = new BoundedWaitPool(
    {
      connectionString: databaseUrl,
      max: options.poolMax ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMillis ?? 500,
      query_timeout: options.queryTimeoutMillis ?? 2000,
      statement_timeout: options.statementTimeoutMillis ?? 1500,
      idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMillis ?? 5000,
      idleTimeoutMillis: options.idleTimeoutMillis ?? 30_000,
      application_name: options.applicationName ?? 'keygate',
    },
    connectTimeoutMillis,
  );
  // INVARIANT: an idle client's 'error' (e.g. 57P01 on a server restart) must never reach the
  // process as an unhandled event; the pool drops that client and the next query reconnects.
  pool.on('error', options.onPoolError ?? (() => undefined));
  return pool;
}

/** pg-pool's internal opener of one new client (pg-pool 3.14, pinned by package-lock.json). */
type NewClient = (this: Pool, pendingItem: unknown) => void;

/**
 * A pg Pool whose two waits are bounded separately. pg-pool 3 reads one `connectionTimeoutMillis`
 * for both the wait for a client of an exhausted pool and the opening of a new connection; this
 * pool keeps it for the first and uses `connectTimeoutMillis` for the second.
 * INVARIANT: newClient() reads options.connectionTimeoutMillis synchronously (its connect timer and
 * the Client it constructs); the swap is undone before it returns. prisma-client.factory.spec.ts
 * fails if pg-pool stops calling newClient() or stops honouring the swapped value.
 */
class BoundedWaitPool extends Pool {
  constructor(
    config: PoolConfig,
    private readonly connectTimeoutMillis: number,
  ) {
    super(config);
  }

  newClient(pendingItem: unknown): void {
    const options = (this as unknown as { options: PoolConfig }).options;
    const waitBound = options.connectionTimeoutMillis;
    options.connectionTimeoutMillis = this.connectTimeoutMillis;
    try {
      (Pool.prototype as unknown as { newClient: NewClient }).newClient.call(this, pendingItem);
    } finally {
      options.connectionTimeoutMillis = waitBound;
    }
  }
}
