/** put/get/delete/list {User,Group,Role}Policy (inline policies) with the aggregate size quotas. */
import type { Caller } from '../../auth/caller';
import { errors } from '../../errors/domain-error';
import type { InlinePolicyRecord, PolicyHolderKind } from '../../ports/iam-records.port';
import { INLINE_POLICY_TOTAL_MAX_CHARS, inlinePolicyDocument, policySize } from './iam-documents';
import { authorizeOnHolder, changeMeta, HOLDER_NOUN, type IamDeps, requireHolder } from './iam-context';
import { quoted, validPolicyName } from './iam-names';

const QUOTA_NAME: Record<PolicyHolderKind, string> = { user: 'UserPolicySize', group: 'GroupPolicySize', role: 'RolePolicySize' };

/** Which inline policy of which holder. */
export interface InlinePolicyRef {
  kind: PolicyHolderKind;
  holderName: string;
  policyName: string;
}

/** Inline policies of users, groups and roles. */
export class IamInlinePoliciesUseCases {
  constructor(private readonly deps: IamDeps) {}

  /**
   * iam:Put<Kind>Policy on the holder's ARN: creates or replaces. The holder's inline documents
   * together may not exceed 2,048 (user), 5,120 (group) or 10,240 (role) non-whitespace characters.
   */
  async put(caller: Caller, input: InlinePolicyRef & { policyDocument: string }): Promise<boolean> {
    const policyName = validPolicyName(input.policyName);
    const action = `iam:Put${HOLDER_NOUN[input.kind]}Policy`;
    const { principal, located } = await authorizeOnHolder(this.deps, caller, input.kind, input.holderName, action);
    const document = inlinePolicyDocument(input.policyDocument);
    const { accountId } = principal;
    await this.deps.store.change(changeMeta(principal, action, located.arn, { policyName }), async (repos) => {
      const holder = await requireHolder(repos, accountId, located);
      const others = (await repos.iamHolderPolicies.listInline(accountId, holder)).filter(
        (p) => p.policyName.toLowerCase() !== policyName.toLowerCase(),
      );
      const total = others.reduce((sum, p) => sum + policySize(p.document), policySize(document));
      const max = INLINE_POLICY_TOTAL_MAX_CHARS[input.kind];
      if (total > max) throw errors.limitExceeded(`Cannot exceed quota for ${QUOTA_NAME[input.kind]}: ${max}.`);
      await repos.iamHolderPolicies.putInline(accountId, holder, policyName, document);
    });
    return true;
  }

  /** iam:Get<Kind>Policy on the holder's ARN. */
  async get(caller: Caller, input: InlinePolicyRef): Promise<InlinePolicyRecord & { holderName: string }> {
    const policyName = validPolicyName(input.policyName);
    const action = `iam:Get${HOLDER_NOUN[input.kind]}Policy`;
    const { principal, located } = await authorizeOnHolder(this.deps, caller, input.kind, input.holderName, action);
    const policy = await this.deps.store.read((repos) => repos.iamHolderPolicies.getInline(principal.accountId, located.holder, policyName));
    if (!policy) throw this.notFound(input.kind, policyName);
    return { ...policy, holderName: located.name };
  }

  /** iam:Delete<Kind>Policy on the holder's ARN. */
  async delete(caller: Caller, input: InlinePolicyRef): Promise<boolean> {
    const policyName = validPolicyName(input.policyName);
    const action = `iam:Delete${HOLDER_NOUN[input.kind]}Policy`;
    const { principal, located } = await authorizeOnHolder(this.deps, caller, input.kind, input.holderName, action);
    const { accountId } = principal;
    await this.deps.store.change(changeMeta(principal, action, located.arn, { policyName }), async (repos) => {
      const holder = await requireHolder(repos, accountId, located);
      if (!(await repos.iamHolderPolicies.deleteInline(accountId, holder, policyName))) throw this.notFound(input.kind, policyName);
    });
    return true;
  }

  /** iam:List<Kind>Policies on the holder's ARN: the inline policy names. */
  async list(caller: Caller, kind: PolicyHolderKind, holderName: string): Promise<string[]> {
    const action = `iam:List${HOLDER_NOUN[kind]}Policies`;
    const { principal, located } = await authorizeOnHolder(this.deps, caller, kind, holderName, action);
    const policies = await this.deps.store.read((repos) => repos.iamHolderPolicies.listInline(principal.accountId, located.holder));
    return policies.map((p) => p.policyName);
  }

  private notFound(kind: PolicyHolderKind, policyName: string) {
    return errors.notFound(`The ${kind} policy with name ${quoted(policyName)} cannot be found.`);
  }
}
