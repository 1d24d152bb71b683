import type { TenantRepositories } from '@keygate/core';
import type { PrismaDb } from '../prisma/prisma-client.factory';
import { PrismaAccessKeyRepository } from './access-key.repository';
import { PrismaAccountRepository } from './account.repository';

/**
 * Binds every repository to one database handle: a transaction client inside Store.change, the
 * base client inside Store.read. A new feature adds its member to TenantRepositories (core) and
 * one line here.
 */
export function createRepositories(db: PrismaDb): TenantRepositories {
  return {
    accounts: new PrismaAccountRepository(db),
    accessKeys: new PrismaAccessKeyRepository(db),
  };
}
