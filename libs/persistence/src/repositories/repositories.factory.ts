import type { TenantRepositories } from '@keygate/core';
import type { PrismaDb } from '../prisma/prisma-client.factory';
import { PrismaAccessKeyRepository } from './access-key.repository';
import { PrismaAccountRepository } from './account.repository';
import { createKmsRepository } from './kms.repository';
import { PrismaIamGroupRepository } from './iam-group.repository';
import { PrismaIamHolderPolicyRepository } from './iam-holder-policy.repository';
import { PrismaIamPolicyRepository } from './iam-policy.repository';
import { PrismaIamRoleRepository } from './iam-role.repository';
import { PrismaIamTagRepository } from './iam-tag.repository';
import { PrismaIamUserRepository } from './iam-user.repository';

/**
 * Binds every repository to one database handle: a transaction client inside Store.change, the
 * base client inside Store.read. A new feature adds its member to TenantRepositories (core) and
 * one line here.
 */
export function createRepositories(db: PrismaDb): TenantRepositories {
  return {
    accounts: new PrismaAccountRepository(db),
    accessKeys: new PrismaAccessKeyRepository(db),
    kms: createKmsRepository(db),
    iamUsers: new PrismaIamUserRepository(db),
    iamGroups: new PrismaIamGroupRepository(db),
    iamRoles: new PrismaIamRoleRepository(db),
    iamPolicies: new PrismaIamPolicyRepository(db),
    iamHolderPolicies: new PrismaIamHolderPolicyRepository(db),
    iamTags: new PrismaIamTagRepository(db),
  };
}
