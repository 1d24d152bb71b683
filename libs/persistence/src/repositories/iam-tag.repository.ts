import type { IamTag, IamTagRepository, TaggableKind } from '@keygate/core';
import type { PrismaDb } from '../prisma/prisma-client.factory';

type Where = Record<string, unknown>;

/** The slice of the three tag delegates (user/role/policy) this repository uses. */
interface TagDelegate {
  findMany(args: { where: Where; orderBy: Where }): Promise<Array<{ tagKey: string; tagValue: string }>>;
  upsert(args: { where: Where; create: Where; update: Where }): Promise<unknown>;
  deleteMany(args: { where: Where }): Promise<{ count: number }>;
}

const ID_COLUMN: Record<TaggableKind, 'userId' | 'roleId' | 'policyId'> = { user: 'userId', role: 'roleId', policy: 'policyId' };

/** IAM tags over Prisma: keys are unique per object case-insensitively (key_lower). */
export class PrismaIamTagRepository implements IamTagRepository {
  constructor(private readonly db: PrismaDb) {}

  private delegate(kind: TaggableKind): TagDelegate {
    const delegates = { user: this.db.userTag, role: this.db.roleTag, policy: this.db.policyTag };
    return delegates[kind] as unknown as TagDelegate;
  }

  async list(accountId: string, kind: TaggableKind, id: string): Promise<IamTag[]> {
    const rows = await this.delegate(kind).findMany({ where: { accountId, [ID_COLUMN[kind]]: id }, orderBy: { keyLower: 'asc' } });
    return rows.map((r) => ({ key: r.tagKey, value: r.tagValue }));
  }

  async put(accountId: string, kind: TaggableKind, id: string, tags: IamTag[]): Promise<void> {
    const column = ID_COLUMN[kind];
    for (const tag of tags) {
      const keyLower = tag.key.toLowerCase();
      await this.delegate(kind).upsert({
        where: { [`accountId_${column}_keyLower`]: { accountId, [column]: id, keyLower } },
        create: { accountId, [column]: id, tagKey: tag.key, keyLower, tagValue: tag.value },
        update: { tagKey: tag.key, tagValue: tag.value },
      });
    }
  }

  async remove(accountId: string, kind: TaggableKind, id: string, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.delegate(kind).deleteMany({
      where: { accountId, [ID_COLUMN[kind]]: id, keyLower: { in: keys.map((k) => k.toLowerCase()) } },
    });
  }
}
