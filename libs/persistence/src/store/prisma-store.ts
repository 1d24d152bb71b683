import { type ChangeMeta, type ChangeResult, errors, type Store, type TenantRepositories } from '@keygate/core';
import type { PrismaClient } from '../generated/prisma/client';
import type { PrismaDb } from '../prisma/prisma-client.factory';
import { CHANGES_CHANNEL } from '../notify/changes-channel';
import { createRepositories } from '../repositories/repositories.factory';
import { toDomainError } from './database-error.mapper';


/** First key of the per-account advisory lock (ASCII "KG"); the second is hashtext(account_id). */
const ACCOUNT_LOCK_SPACE = 0x4b47;

/** Options of {@link PrismaStore}. */
export interface PrismaStoreOptions {
  /** Receives the original error whenever one is mapped to INTERNAL (for logs). */
  onInternalError?: (err: unknown) => void;
  /** Builds the repositories for a database handle; default createRepositories. */
  repositories?: (db: PrismaDb) => TenantRepositories;
}

/**
 * The unit of work over Prisma (core's Store port).
 *
 * change(): ONE interactive transaction: per-account advisory lock → work(repositories bound to
 * the transaction) → revision bump → audit row → pg_notify → commit. Anything thrown rolls it
 * all back (NOTIFY is only delivered at commit). read(): repositories bound to the base client.
 * Errors leave as DomainErrors only (unique violation → ALREADY_EXISTS, unexpected → INTERNAL).
 */
export class PrismaStore implements Store {
  private readonly repositories: (db: PrismaDb) => TenantRepositories;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: PrismaStoreOptions = {},
  ) {
    this.repositories = options.repositories ?? createRepositories;
  }

  async change<T>(meta: ChangeMeta, work: (repos: TenantRepositories) => Promise<T>): Promise<ChangeResult<T>> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        // INVARIANT: changes of one account are serialized (quota checks such as "at most 5
        // policy versions" read-then-write safely, and revisions follow commit order). The lock
        // does not need the account row, so createAccount is covered too.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ACCOUNT_LOCK_SPACE}::int4, hashtext(${meta.accountId}))`;
        const result = await work(this.repositories(tx));
        const revision = await bumpRevision(tx, meta.accountId);
        await tx.auditLog.create({
          data: {
            accountId: meta.accountId,
            actorArn: meta.actorArn,
            action: meta.action,
            resource: meta.resource,
            details: meta.details as object | undefined,
            revision,
          },
        });
        await tx.$executeRaw`SELECT pg_notify(${CHANGES_CHANNEL}, ${`${meta.accountId}:${revision}`})`;
        return { result, revision };
      });
    } catch (err) {
      throw this.mapError(err);
    }
  }

  async read<T>(work: (repos: TenantRepositories) => Promise<T>): Promise<T> {
    try {
      return await work(this.repositories(this.prisma));
    } catch (err) {
      throw this.mapError(err);
    }
  }

  private mapError(err: unknown): Error {
    const mapped = toDomainError(err);
    if (mapped.code === 'INTERNAL' && mapped !== err) this.options.onInternalError?.(err);
    return mapped;
  }
}

async function bumpRevision(tx: PrismaDb, accountId: string): Promise<bigint> {
  const rows = await tx.$queryRaw<Array<{ revision: bigint }>>`
    UPDATE "account" SET "revision" = "revision" + 1 WHERE "account_id" = ${accountId} RETURNING "revision"`;
  if (rows.length === 0) throw errors.internal('The account of this change does not exist.');
  return rows[0].revision;
}
