import type { GroupRecord, IamGroupRepository, NewIamEntity, UserRecord } from '@keygate/core';
import type { PrismaDb } from '../prisma/prisma-client.factory';
import { toUserRecord, USER_SELECT } from './iam-user.repository';

interface GroupRow {
  accountId: string;
  groupId: string;
  name: string;
  path: string;
  arn: string;
  createdAt: Date;
}

function toRecord(row: GroupRow): GroupRecord {
  return { accountId: row.accountId, groupId: row.groupId, groupName: row.name, path: row.path, arn: row.arn, createdAt: row.createdAt };
}

/** IAM groups and memberships over Prisma. */
export class PrismaIamGroupRepository implements IamGroupRepository {
  constructor(private readonly db: PrismaDb) {}

  async create(accountId: string, group: NewIamEntity): Promise<GroupRecord> {
    const row = await this.db.group.create({
      data: { accountId, groupId: group.id, name: group.name, nameLower: group.name.toLowerCase(), path: group.path, arn: group.arn },
    });
    return toRecord(row);
  }

  async findByName(accountId: string, groupName: string): Promise<GroupRecord | null> {
    const row = await this.db.group.findUnique({ where: { accountId_nameLower: { accountId, nameLower: groupName.toLowerCase() } } });
    return row ? toRecord(row) : null;
  }

  async list(accountId: string): Promise<GroupRecord[]> {
    const rows = await this.db.group.findMany({ where: { accountId }, orderBy: { nameLower: 'asc' } });
    return rows.map(toRecord);
  }

  async delete(accountId: string, groupId: string): Promise<boolean> {
    const { count } = await this.db.group.deleteMany({ where: { accountId, groupId } });
    return count > 0;
  }

  async addMember(accountId: string, groupId: string, userId: string): Promise<void> {
    await this.db.groupMembership.createMany({ data: [{ accountId, groupId, userId }], skipDuplicates: true });
  }

  async removeMember(accountId: string, groupId: string, userId: string): Promise<boolean> {
    const { count } = await this.db.groupMembership.deleteMany({ where: { accountId, groupId, userId } });
    return count > 0;
  }

  async listForUser(accountId: string, userId: string): Promise<GroupRecord[]> {
    const rows = await this.db.groupMembership.findMany({
      where: { accountId, userId },
      select: { group: true },
      orderBy: { group: { nameLower: 'asc' } },
    });
    return rows.map((r) => toRecord(r.group));
  }

  async listMembers(accountId: string, groupId: string): Promise<UserRecord[]> {
    const rows = await this.db.groupMembership.findMany({
      where: { accountId, groupId },
      select: { user: { select: USER_SELECT } },
      orderBy: { user: { nameLower: 'asc' } },
    });
    return rows.map((r) => toUserRecord(r.user));
  }
}
