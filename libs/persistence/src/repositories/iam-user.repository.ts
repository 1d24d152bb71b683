import type { IamUserRepository, NewIamEntity, UserRecord } from '@keygate/core';
import type { PrismaDb } from '../prisma/prisma-client.factory';

/** The columns every user query selects, with the boundary policy's ARN. */
export const USER_SELECT = {
  accountId: true,
  userId: true,
  name: true,
  path: true,
  arn: true,
  createdAt: true,
  boundary: { select: { arn: true } },
} as const;

/** A user row as selected by USER_SELECT. */
export interface UserRow {
  accountId: string;
  userId: string;
  name: string;
  path: string;
  arn: string;
  createdAt: Date;
  boundary: { arn: string } | null;
}

/** Maps a selected row to the core record. */
export function toUserRecord(row: UserRow): UserRecord {
  return {
    accountId: row.accountId,
    userId: row.userId,
    userName: row.name,
    path: row.path,
    arn: row.arn,
    createdAt: row.createdAt,
    permissionsBoundaryArn: row.boundary?.arn ?? null,
  };
}

/** IAM users over Prisma. A duplicate name (any case) raises a unique violation (ALREADY_EXISTS). */
export class PrismaIamUserRepository implements IamUserRepository {
  constructor(private readonly db: PrismaDb) {}

  async create(accountId: string, user: NewIamEntity): Promise<UserRecord> {
    const row = await this.db.user.create({
      data: { accountId, userId: user.id, name: user.name, nameLower: user.name.toLowerCase(), path: user.path, arn: user.arn },
      select: USER_SELECT,
    });
    return toUserRecord(row);
  }

  async findByName(accountId: string, userName: string): Promise<UserRecord | null> {
    const row = await this.db.user.findUnique({
      where: { accountId_nameLower: { accountId, nameLower: userName.toLowerCase() } },
      select: USER_SELECT,
    });
    return row ? toUserRecord(row) : null;
  }

  async findById(accountId: string, userId: string): Promise<UserRecord | null> {
    const row = await this.db.user.findUnique({ where: { accountId_userId: { accountId, userId } }, select: USER_SELECT });
    return row ? toUserRecord(row) : null;
  }

  async list(accountId: string): Promise<UserRecord[]> {
    const rows = await this.db.user.findMany({ where: { accountId }, select: USER_SELECT, orderBy: { nameLower: 'asc' } });
    return rows.map(toUserRecord);
  }

  async delete(accountId: string, userId: string): Promise<boolean> {
    const { count } = await this.db.user.deleteMany({ where: { accountId, userId } });
    return count > 0;
  }
}
