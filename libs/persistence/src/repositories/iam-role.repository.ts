import type { IamRoleRepository, NewRole, RoleRecord } from '@keygate/core';
import type { PrismaDb } from '../prisma/prisma-client.factory';

const ROLE_SELECT = {
  accountId: true,
  roleId: true,
  name: true,
  path: true,
  arn: true,
  assumeRolePolicyDocument: true,
  maxSessionDuration: true,
  description: true,
  createdAt: true,
  boundary: { select: { arn: true } },
} as const;

interface RoleRow {
  accountId: string;
  roleId: string;
  name: string;
  path: string;
  arn: string;
  assumeRolePolicyDocument: string;
  maxSessionDuration: number;
  description: string | null;
  createdAt: Date;
  boundary: { arn: string } | null;
}

function toRecord(row: RoleRow): RoleRecord {
  return {
    accountId: row.accountId,
    roleId: row.roleId,
    roleName: row.name,
    path: row.path,
    arn: row.arn,
    assumeRolePolicyDocument: row.assumeRolePolicyDocument,
    maxSessionDuration: row.maxSessionDuration,
    description: row.description,
    createdAt: row.createdAt,
    permissionsBoundaryArn: row.boundary?.arn ?? null,
  };
}

/** IAM roles over Prisma. The trust policy is stored byte-for-byte as written. */
export class PrismaIamRoleRepository implements IamRoleRepository {
  constructor(private readonly db: PrismaDb) {}

  async create(accountId: string, role: NewRole): Promise<RoleRecord> {
    const row = await this.db.role.create({
      data: {
        accountId,
        roleId: role.id,
        name: role.name,
        nameLower: role.name.toLowerCase(),
        path: role.path,
        arn: role.arn,
        assumeRolePolicyDocument: role.assumeRolePolicyDocument,
        maxSessionDuration: role.maxSessionDuration,
        description: role.description,
      },
      select: ROLE_SELECT,
    });
    return toRecord(row);
  }

  async findByName(accountId: string, roleName: string): Promise<RoleRecord | null> {
    const row = await this.db.role.findUnique({
      where: { accountId_nameLower: { accountId, nameLower: roleName.toLowerCase() } },
      select: ROLE_SELECT,
    });
    return row ? toRecord(row) : null;
  }

  async list(accountId: string): Promise<RoleRecord[]> {
    const rows = await this.db.role.findMany({ where: { accountId }, select: ROLE_SELECT, orderBy: { nameLower: 'asc' } });
    return rows.map(toRecord);
  }

  async delete(accountId: string, roleId: string): Promise<boolean> {
    const { count } = await this.db.role.deleteMany({ where: { accountId, roleId } });
    return count > 0;
  }
}
