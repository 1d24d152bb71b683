import {
  AWS_MANAGED_ACCOUNT,
  type IamPolicyRepository,
  type ListedPolicyRecord,
  type ManagedPolicyRecord,
  type NewManagedPolicy,
  type PolicyRef,
  type PolicyVersionRecord,
} from '@keygate/core';
import type { ManagedPolicy, PolicyVersion } from '../generated/prisma/client';
import type { PrismaDb } from '../prisma/prisma-client.factory';

function toRecord(row: ManagedPolicy): ManagedPolicyRecord {
  return {
    accountId: row.accountId,
    policyId: row.policyId,
    policyName: row.name,
    path: row.path,
    arn: row.arn,
    description: row.description,
    defaultVersionId: row.defaultVersionId,
    versionCounter: row.versionCounter,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toVersion(row: PolicyVersion, defaultVersionId: string): PolicyVersionRecord {
  return { versionId: row.versionId, document: row.document, isDefaultVersion: row.versionId === defaultVersionId, createdAt: row.createdAt };
}

/** Managed policies and versions over Prisma; AWS managed policies live under account "aws". */
export class PrismaIamPolicyRepository implements IamPolicyRepository {
  constructor(private readonly db: PrismaDb) {}

  async create(accountId: string, policy: NewManagedPolicy): Promise<ManagedPolicyRecord> {
    const row = await this.db.managedPolicy.create({
      data: {
        accountId,
        policyId: policy.id,
        name: policy.name,
        nameLower: policy.name.toLowerCase(),
        path: policy.path,
        arn: policy.arn,
        description: policy.description,
        defaultVersionId: 'v1',
        versionCounter: 1,
        versions: { create: [{ versionId: 'v1', document: policy.document }] },
      },
    });
    return toRecord(row);
  }

  async findByArn(ownerAccountId: string, arn: string): Promise<ManagedPolicyRecord | null> {
    const row = await this.db.managedPolicy.findUnique({ where: { accountId_arn: { accountId: ownerAccountId, arn } } });
    return row ? toRecord(row) : null;
  }

  async findByName(accountId: string, policyName: string): Promise<ManagedPolicyRecord | null> {
    const row = await this.db.managedPolicy.findUnique({
      where: { accountId_nameLower: { accountId, nameLower: policyName.toLowerCase() } },
    });
    return row ? toRecord(row) : null;
  }

  async listVisible(accountId: string): Promise<ListedPolicyRecord[]> {
    // INVARIANT: counts are filtered by the tenant, so an AWS managed policy never reveals how
    // many entities of other accounts use it.
    const scoped = { where: { accountId } };
    const rows = await this.db.managedPolicy.findMany({
      where: { accountId: { in: [accountId, AWS_MANAGED_ACCOUNT] } },
      include: { _count: { select: { userAttachments: scoped, groupAttachments: scoped, roleAttachments: scoped } } },
      orderBy: [{ nameLower: 'asc' }, { accountId: 'asc' }],
    });
    return rows.map(({ _count, ...row }) => ({
      ...toRecord(row),
      attachmentCount: _count.userAttachments + _count.groupAttachments + _count.roleAttachments,
    }));
  }

  async attachmentCount(accountId: string, policy: PolicyRef): Promise<number> {
    const where = { accountId, policyAccountId: policy.accountId, policyId: policy.policyId };
    const [users, groups, roles] = await Promise.all([
      this.db.userPolicyAttachment.count({ where }),
      this.db.groupPolicyAttachment.count({ where }),
      this.db.rolePolicyAttachment.count({ where }),
    ]);
    return users + groups + roles;
  }

  async boundaryUsageCount(accountId: string, policy: PolicyRef): Promise<number> {
    const where = { accountId, boundaryAccountId: policy.accountId, boundaryPolicyId: policy.policyId };
    const [users, roles] = await Promise.all([this.db.user.count({ where }), this.db.role.count({ where })]);
    return users + roles;
  }

  async delete(accountId: string, policyId: string): Promise<boolean> {
    const { count } = await this.db.managedPolicy.deleteMany({ where: { accountId, policyId } });
    return count > 0;
  }

  async listVersions(ownerAccountId: string, policyId: string): Promise<PolicyVersionRecord[]> {
    const policy = await this.db.managedPolicy.findUnique({
      where: { accountId_policyId: { accountId: ownerAccountId, policyId } },
      include: { versions: { orderBy: { createdAt: 'desc' } } },
    });
    if (!policy) return [];
    return policy.versions.map((v) => toVersion(v, policy.defaultVersionId));
  }

  async getVersion(ownerAccountId: string, policyId: string, versionId: string): Promise<PolicyVersionRecord | null> {
    const policy = await this.db.managedPolicy.findUnique({
      where: { accountId_policyId: { accountId: ownerAccountId, policyId } },
      include: { versions: { where: { versionId } } },
    });
    const version = policy?.versions[0];
    return policy && version ? toVersion(version, policy.defaultVersionId) : null;
  }

  async addVersion(
    accountId: string,
    policyId: string,
    versionCounter: number,
    document: string,
    setAsDefault: boolean,
  ): Promise<PolicyVersionRecord> {
    const versionId = `v${versionCounter}`;
    const row = await this.db.policyVersion.create({ data: { accountId, policyId, versionId, document } });
    await this.db.managedPolicy.update({
      where: { accountId_policyId: { accountId, policyId } },
      data: { versionCounter, updatedAt: new Date(), ...(setAsDefault ? { defaultVersionId: versionId } : {}) },
    });
    return toVersion(row, setAsDefault ? versionId : '');
  }

  async setDefaultVersion(accountId: string, policyId: string, versionId: string): Promise<void> {
    await this.db.managedPolicy.update({
      where: { accountId_policyId: { accountId, policyId } },
      data: { defaultVersionId: versionId, updatedAt: new Date() },
    });
  }

  async deleteVersion(accountId: string, policyId: string, versionId: string): Promise<boolean> {
    const { count } = await this.db.policyVersion.deleteMany({ where: { accountId, policyId, versionId } });
    return count > 0;
  }
}
