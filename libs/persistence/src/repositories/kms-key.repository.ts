import type { KmsKeyPatch, KmsKeyRecord, KmsKeyRepository } from '@keygate/core';
import type { KmsKey } from '../generated/prisma/client';
import type { PrismaDb } from '../prisma/prisma-client.factory';

/** Where clause of a key that is not past its deletion date at `now`. */
export function liveKey(now: Date) {
  return { OR: [{ deletionDate: null }, { deletionDate: { gt: now } }] };
}

/** KMS keys and key tags over Prisma. Keys past their deletionDate are invisible to every read. */
export class PrismaKmsKeyRepository implements KmsKeyRepository {
  constructor(private readonly db: PrismaDb) {}

  async create(record: Omit<KmsKeyRecord, 'creationDate'>, tags: Record<string, string>): Promise<KmsKeyRecord> {
    const row = await this.db.kmsKey.create({ data: { ...record } });
    const entries = Object.entries(tags);
    if (entries.length > 0) {
      await this.db.kmsKeyTag.createMany({
        data: entries.map(([tagKey, tagValue]) => ({ accountId: record.accountId, keyId: record.keyId, tagKey, tagValue })),
      });
    }
    return toRecord(row);
  }

  async get(accountId: string, keyId: string, now: Date): Promise<KmsKeyRecord | null> {
    const row = await this.db.kmsKey.findFirst({ where: { accountId, keyId, ...liveKey(now) } });
    return row ? toRecord(row) : null;
  }

  async list(accountId: string, now: Date): Promise<KmsKeyRecord[]> {
    const rows = await this.db.kmsKey.findMany({
      where: { accountId, ...liveKey(now) },
      orderBy: [{ creationDate: 'asc' }, { keyId: 'asc' }],
    });
    return rows.map(toRecord);
  }

  async update(accountId: string, keyId: string, patch: KmsKeyPatch): Promise<KmsKeyRecord> {
    const row = await this.db.kmsKey.update({ where: { accountId_keyId: { accountId, keyId } }, data: patch });
    return toRecord(row);
  }

  async tags(accountId: string, keyId: string): Promise<Record<string, string>> {
    const rows = await this.db.kmsKeyTag.findMany({ where: { accountId, keyId }, orderBy: { tagKey: 'asc' } });
    return Object.fromEntries(rows.map((r) => [r.tagKey, r.tagValue]));
  }

  async putTags(accountId: string, keyId: string, tags: Record<string, string>): Promise<void> {
    for (const [tagKey, tagValue] of Object.entries(tags)) {
      await this.db.kmsKeyTag.upsert({
        where: { accountId_keyId_tagKey: { accountId, keyId, tagKey } },
        create: { accountId, keyId, tagKey, tagValue },
        update: { tagValue },
      });
    }
  }

  async removeTags(accountId: string, keyId: string, tagKeys: string[]): Promise<void> {
    await this.db.kmsKeyTag.deleteMany({ where: { accountId, keyId, tagKey: { in: tagKeys } } });
  }

  async listExpired(now: Date, limit: number): Promise<Array<{ accountId: string; keyId: string }>> {
    return this.db.kmsKey.findMany({
      where: { deletionDate: { lte: now } },
      select: { accountId: true, keyId: true },
      orderBy: { deletionDate: 'asc' },
      take: limit,
    });
  }

  async delete(accountId: string, keyId: string): Promise<boolean> {
    // Tags, aliases and grants go with the key (ON DELETE CASCADE).
    const { count } = await this.db.kmsKey.deleteMany({ where: { accountId, keyId } });
    return count > 0;
  }
}

function toRecord(row: KmsKey): KmsKeyRecord {
  return { ...row };
}
