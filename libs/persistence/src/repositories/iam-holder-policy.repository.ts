import type {
  AttachedPolicyRecord,
  IamHolderPolicyRepository,
  InlinePolicyRecord,
  PolicyHolder,
  PolicyHolderKind,
  PolicyRef,
} from '@keygate/core';
import type { PrismaDb } from '../prisma/prisma-client.factory';

type Where = Record<string, unknown>;

/** The slice of the three attachment delegates (user/group/role) this repository uses. */
interface AttachmentDelegate {
  createMany(args: { data: Where[]; skipDuplicates: boolean }): Promise<unknown>;
  deleteMany(args: { where: Where }): Promise<{ count: number }>;
  count(args: { where: Where }): Promise<number>;
  findMany(args: { where: Where; select: { policy: { select: { name: true; arn: true } } }; orderBy: Where }): Promise<
    Array<{ policy: { name: string; arn: string } }>
  >;
}

/** The slice of the three inline-policy delegates this repository uses. */
interface InlineDelegate {
  upsert(args: { where: Where; create: Where; update: Where }): Promise<unknown>;
  findUnique(args: { where: Where }): Promise<{ policyName: string; document: string } | null>;
  deleteMany(args: { where: Where }): Promise<{ count: number }>;
  findMany(args: { where: Where; orderBy: Where }): Promise<Array<{ policyName: string; document: string }>>;
}

const ID_COLUMN: Record<PolicyHolderKind, 'userId' | 'groupId' | 'roleId'> = { user: 'userId', group: 'groupId', role: 'roleId' };

/**
 * Managed-policy attachments, inline policies and permissions boundaries of users, groups and
 * roles over Prisma. The three holder kinds share one shape; the delegates are chosen by kind.
 */
export class PrismaIamHolderPolicyRepository implements IamHolderPolicyRepository {
  constructor(private readonly db: PrismaDb) {}

  private attachments(kind: PolicyHolderKind): AttachmentDelegate {
    const delegates = { user: this.db.userPolicyAttachment, group: this.db.groupPolicyAttachment, role: this.db.rolePolicyAttachment };
    return delegates[kind] as unknown as AttachmentDelegate;
  }

  private inline(kind: PolicyHolderKind): InlineDelegate {
    const delegates = { user: this.db.userInlinePolicy, group: this.db.groupInlinePolicy, role: this.db.roleInlinePolicy };
    return delegates[kind] as unknown as InlineDelegate;
  }

  private holderWhere(accountId: string, holder: PolicyHolder): Where {
    return { accountId, [ID_COLUMN[holder.kind]]: holder.id };
  }

  private attachmentWhere(accountId: string, holder: PolicyHolder, policy: PolicyRef): Where {
    return { ...this.holderWhere(accountId, holder), policyAccountId: policy.accountId, policyId: policy.policyId };
  }

  async attach(accountId: string, holder: PolicyHolder, policy: PolicyRef): Promise<void> {
    await this.attachments(holder.kind).createMany({ data: [this.attachmentWhere(accountId, holder, policy)], skipDuplicates: true });
  }

  async detach(accountId: string, holder: PolicyHolder, policy: PolicyRef): Promise<boolean> {
    const { count } = await this.attachments(holder.kind).deleteMany({ where: this.attachmentWhere(accountId, holder, policy) });
    return count > 0;
  }

  async listAttached(accountId: string, holder: PolicyHolder): Promise<AttachedPolicyRecord[]> {
    const rows = await this.attachments(holder.kind).findMany({
      where: this.holderWhere(accountId, holder),
      select: { policy: { select: { name: true, arn: true } } },
      orderBy: { attachedAt: 'asc' },
    });
    return rows.map((r) => ({ policyName: r.policy.name, policyArn: r.policy.arn }));
  }

  async isAttached(accountId: string, holder: PolicyHolder, policy: PolicyRef): Promise<boolean> {
    return (await this.attachments(holder.kind).count({ where: this.attachmentWhere(accountId, holder, policy) })) > 0;
  }

  private inlineKey(accountId: string, holder: PolicyHolder, policyName: string): Where {
    const column = ID_COLUMN[holder.kind];
    return { [`accountId_${column}_nameLower`]: { accountId, [column]: holder.id, nameLower: policyName.toLowerCase() } };
  }

  async putInline(accountId: string, holder: PolicyHolder, policyName: string, document: string): Promise<void> {
    await this.inline(holder.kind).upsert({
      where: this.inlineKey(accountId, holder, policyName),
      create: { ...this.holderWhere(accountId, holder), policyName, nameLower: policyName.toLowerCase(), document },
      update: { policyName, document, updatedAt: new Date() },
    });
  }

  async getInline(accountId: string, holder: PolicyHolder, policyName: string): Promise<InlinePolicyRecord | null> {
    const row = await this.inline(holder.kind).findUnique({ where: this.inlineKey(accountId, holder, policyName) });
    return row ? { policyName: row.policyName, document: row.document } : null;
  }

  async deleteInline(accountId: string, holder: PolicyHolder, policyName: string): Promise<boolean> {
    const where = { ...this.holderWhere(accountId, holder), nameLower: policyName.toLowerCase() };
    const { count } = await this.inline(holder.kind).deleteMany({ where });
    return count > 0;
  }

  async listInline(accountId: string, holder: PolicyHolder): Promise<InlinePolicyRecord[]> {
    const rows = await this.inline(holder.kind).findMany({ where: this.holderWhere(accountId, holder), orderBy: { nameLower: 'asc' } });
    return rows.map((r) => ({ policyName: r.policyName, document: r.document }));
  }

  async setBoundary(accountId: string, holder: PolicyHolder, policy: PolicyRef | null): Promise<void> {
    const data = { boundaryAccountId: policy?.accountId ?? null, boundaryPolicyId: policy?.policyId ?? null };
    if (holder.kind === 'user') await this.db.user.updateMany({ where: { accountId, userId: holder.id }, data });
    else if (holder.kind === 'role') await this.db.role.updateMany({ where: { accountId, roleId: holder.id }, data });
    else throw new Error('Groups have no permissions boundary.');
  }
}
