import type { KmsAliasRecord, KmsAliasRepository } from '@keygate/core';
import type { PrismaDb } from '../prisma/prisma-client.factory';

/** KMS aliases over Prisma (names case-sensitive, unique per account). */
export class PrismaKmsAliasRepository implements KmsAliasRepository {
  constructor(private readonly db: PrismaDb) {}

  async get(accountId: string, aliasName: string): Promise<KmsAliasRecord | null> {
    return this.db.kmsAlias.findUnique({ where: { accountId_aliasName: { accountId, aliasName } } });
  }

  async list(accountId: string): Promise<KmsAliasRecord[]> {
    return this.db.kmsAlias.findMany({ where: { accountId }, orderBy: { aliasName: 'asc' } });
  }

  async listForKey(accountId: string, keyId: string): Promise<KmsAliasRecord[]> {
    return this.db.kmsAlias.findMany({ where: { accountId, targetKeyId: keyId }, orderBy: { aliasName: 'asc' } });
  }

  async create(accountId: string, aliasName: string, targetKeyId: string): Promise<KmsAliasRecord> {
    return this.db.kmsAlias.create({ data: { accountId, aliasName, targetKeyId } });
  }

  async retarget(accountId: string, aliasName: string, targetKeyId: string): Promise<void> {
    await this.db.kmsAlias.update({
      where: { accountId_aliasName: { accountId, aliasName } },
      data: { targetKeyId, updatedAt: new Date() },
    });
  }

  async delete(accountId: string, aliasName: string): Promise<boolean> {
    const { count } = await this.db.kmsAlias.deleteMany({ where: { accountId, aliasName } });
    return count > 0;
  }
}
