import type { KmsGrantConstraints, KmsGrantRecord, KmsGrantRepository } from '@keygate/core';
import type { KmsGrant } from '../generated/prisma/client';
import type { PrismaDb } from '../prisma/prisma-client.factory';

/** KMS grants over Prisma; a grant lives in the account of its key. */
export class PrismaKmsGrantRepository implements KmsGrantRepository {
  constructor(private readonly db: PrismaDb) {}

  async create(record: Omit<KmsGrantRecord, 'createdAt'>): Promise<KmsGrantRecord> {
    const row = await this.db.kmsGrant.create({
      data: { ...record, constraints: record.constraints === null ? undefined : (record.constraints as object) },
    });
    return toRecord(row);
  }

  async get(accountId: string, grantId: string): Promise<KmsGrantRecord | null> {
    const row = await this.db.kmsGrant.findUnique({ where: { accountId_grantId: { accountId, grantId } } });
    return row ? toRecord(row) : null;
  }

  async listForKey(accountId: string, keyId: string): Promise<KmsGrantRecord[]> {
    const rows = await this.db.kmsGrant.findMany({ where: { accountId, keyId }, orderBy: [{ createdAt: 'asc' }, { grantId: 'asc' }] });
    return rows.map(toRecord);
  }

  async findByToken(grantToken: string): Promise<KmsGrantRecord | null> {
    const row = await this.db.kmsGrant.findFirst({ where: { grantToken } });
    return row ? toRecord(row) : null;
  }

  async listByRetiringPrincipal(retiringPrincipal: string): Promise<KmsGrantRecord[]> {
    const rows = await this.db.kmsGrant.findMany({
      where: { retiringPrincipal },
      orderBy: [{ createdAt: 'asc' }, { grantId: 'asc' }],
      take: 1000,
    });
    return rows.map(toRecord);
  }

  async delete(accountId: string, grantId: string): Promise<boolean> {
    const { count } = await this.db.kmsGrant.deleteMany({ where: { accountId, grantId } });
    return count > 0;
  }
}

function toRecord(row: KmsGrant): KmsGrantRecord {
  return { ...row, constraints: (row.constraints as KmsGrantConstraints | null) ?? null };
}
