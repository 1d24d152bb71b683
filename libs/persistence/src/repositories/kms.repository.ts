import type { KmsPrincipalDirectory, KmsRepository } from '@keygate/core';
import type { PrismaDb } from '../prisma/prisma-client.factory';
import { PrismaKmsAliasRepository } from './kms-alias.repository';
import { PrismaKmsGrantRepository } from './kms-grant.repository';
import { PrismaKmsKeyRepository } from './kms-key.repository';

/** Existence checks of principals named in key policies and grants. */
export class PrismaKmsPrincipalDirectory implements KmsPrincipalDirectory {
  constructor(private readonly db: PrismaDb) {}

  async userOrRoleArnExists(accountId: string, arn: string): Promise<boolean> {
    if (arn.includes(':user/')) return (await this.db.user.count({ where: { accountId, arn } })) > 0;
    return (await this.db.role.count({ where: { accountId, arn } })) > 0;
  }

  async roleNameExists(accountId: string, roleName: string): Promise<boolean> {
    return (await this.db.role.count({ where: { accountId, nameLower: roleName.toLowerCase() } })) > 0;
  }

  async accountExists(accountId: string): Promise<boolean> {
    return (await this.db.account.count({ where: { accountId } })) > 0;
  }
}

/** The KMS repositories bound to one database handle. */
export function createKmsRepository(db: PrismaDb): KmsRepository {
  return {
    keys: new PrismaKmsKeyRepository(db),
    aliases: new PrismaKmsAliasRepository(db),
    grants: new PrismaKmsGrantRepository(db),
    principals: new PrismaKmsPrincipalDirectory(db),
  };
}
