import type { AccessKeyOwner, AccessKeyRecord, AccessKeyRepository } from '@keygate/core';
import type { AccessKey } from '../generated/prisma/client';
import type { PrismaDb } from '../prisma/prisma-client.factory';

/** Access keys over Prisma. Only the secret's hash is stored; comparing it is the authenticator's job. */
export class PrismaAccessKeyRepository implements AccessKeyRepository {
  constructor(private readonly db: PrismaDb) {}

  async create(record: Omit<AccessKeyRecord, 'createdAt' | 'status'>): Promise<AccessKeyRecord> {
    const row = await this.db.accessKey.create({
      data: {
        accountId: record.accountId,
        accessKeyId: record.accessKeyId,
        secretHash: record.secretHash,
        ...ownerColumns(record.owner),
      },
    });
    return toRecord(row);
  }

  async findForAuthentication(accessKeyId: string): Promise<AccessKeyRecord | null> {
    const row = await this.db.accessKey.findUnique({ where: { accessKeyId } });
    return row ? toRecord(row) : null;
  }

  async listForOwner(accountId: string, owner: AccessKeyOwner): Promise<AccessKeyRecord[]> {
    const rows = await this.db.accessKey.findMany({
      where: { accountId, ...ownerColumns(owner) },
      orderBy: [{ createdAt: 'asc' }, { accessKeyId: 'asc' }],
    });
    return rows.map(toRecord);
  }

  async setStatus(accountId: string, accessKeyId: string, status: 'Active' | 'Inactive'): Promise<boolean> {
    const { count } = await this.db.accessKey.updateMany({ where: { accountId, accessKeyId }, data: { status } });
    return count > 0;
  }

  async delete(accountId: string, accessKeyId: string): Promise<boolean> {
    const { count } = await this.db.accessKey.deleteMany({ where: { accountId, accessKeyId } });
    return count > 0;
  }
}

function ownerColumns(owner: AccessKeyOwner): { ownerKind: 'root' | 'user'; userId: string | null } {
  return owner.kind === 'root' ? { ownerKind: 'root', userId: null } : { ownerKind: 'user', userId: owner.userId };
}

function toRecord(row: AccessKey): AccessKeyRecord {
  const owner: AccessKeyOwner =
    row.ownerKind === 'root' || row.userId === null ? { kind: 'root' } : { kind: 'user', userId: row.userId };
  return {
    accountId: row.accountId,
    accessKeyId: row.accessKeyId,
    secretHash: row.secretHash,
    owner,
    status: row.status,
    createdAt: row.createdAt,
  };
}
