import type { AccountRecord, AccountRepository } from '@keygate/core';
import type { PrismaDb } from '../prisma/prisma-client.factory';

/** Accounts over Prisma. Creating an existing account raises a unique violation (ALREADY_EXISTS via the Store). */
export class PrismaAccountRepository implements AccountRepository {
  constructor(private readonly db: PrismaDb) {}

  async create(accountId: string, name: string): Promise<AccountRecord> {
    return this.db.account.create({ data: { accountId, name } });
  }

  async get(accountId: string): Promise<AccountRecord | null> {
    return this.db.account.findUnique({ where: { accountId } });
  }

  async revision(accountId: string): Promise<bigint | null> {
    const row = await this.db.account.findUnique({ where: { accountId }, select: { revision: true } });
    return row?.revision ?? null;
  }
}
