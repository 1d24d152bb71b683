/** attach/detach/listAttached{User,Group,Role}Policies: managed policies of the account or AWS managed ones. */
import type { Caller } from '../../auth/caller';
import { errors } from '../../errors/domain-error';
import type { AttachedPolicyRecord, PolicyHolder, PolicyHolderKind } from '../../ports/iam-records.port';
import type { TenantRepositories } from '../../ports/store.port';
import { authorizeOnHolder, changeMeta, findPolicy, HOLDER_NOUN, type IamDeps, policyNotFound, requireHolder } from './iam-context';
import { parsePolicyArn, quoted } from './iam-names';

/** Managed policies attached per user, group or role (IAM default quota). */
export const MAX_ATTACHED_POLICIES = 10;

/** Which holder and policy an attach/detach names. */
export interface AttachmentInput {
  kind: PolicyHolderKind;
  holderName: string;
  policyArn: string;
}

/** Managed-policy attachments of users, groups and roles. */
export class IamAttachmentsUseCases {
  constructor(private readonly deps: IamDeps) {}

  /** iam:Attach<Kind>Policy on the holder's ARN; idempotent; the 11th policy is LIMIT_EXCEEDED. */
  async attach(caller: Caller, input: AttachmentInput): Promise<boolean> {
    return this.change(caller, input, 'Attach', async (repos, accountId, holder, ref) => {
      if (await repos.iamHolderPolicies.isAttached(accountId, holder, ref)) return;
      if ((await repos.iamHolderPolicies.listAttached(accountId, holder)).length >= MAX_ATTACHED_POLICIES) {
        throw errors.limitExceeded(`Cannot exceed quota for PoliciesPer${HOLDER_NOUN[input.kind]}: ${MAX_ATTACHED_POLICIES}.`);
      }
      await repos.iamHolderPolicies.attach(accountId, holder, ref);
    });
  }

  /** iam:Detach<Kind>Policy on the holder's ARN; NOT_FOUND when the policy is not attached. */
  async detach(caller: Caller, input: AttachmentInput): Promise<boolean> {
    return this.change(caller, input, 'Detach', async (repos, accountId, holder, ref, holderName) => {
      if (!(await repos.iamHolderPolicies.detach(accountId, holder, ref))) {
        throw errors.notFound(`Policy ${quoted(input.policyArn)} was not found attached to ${input.kind} ${quoted(holderName)}.`);
      }
    });
  }

  /**
   * The shared part of attach and detach: iam:<verb><Kind>Policy authorized on the holder's ARN, then
   * one admin change that finds the holder and the policy (NOT_FOUND when either is missing) and runs `body`.
   */
  private async change(
    caller: Caller,
    input: AttachmentInput,
    verb: 'Attach' | 'Detach',
    body: (repos: TenantRepositories, accountId: string, holder: PolicyHolder, ref: { accountId: string; policyId: string }, holderName: string) => Promise<void>,
  ): Promise<boolean> {
    parsePolicyArn(input.policyArn);
    const action = `iam:${verb}${HOLDER_NOUN[input.kind]}Policy`;
    const { principal, located } = await authorizeOnHolder(this.deps, caller, input.kind, input.holderName, action);
    const { accountId } = principal;
    await this.deps.store.change(changeMeta(principal, action, located.arn, { policyArn: input.policyArn }), async (repos) => {
      const holder = await requireHolder(repos, accountId, located);
      const policy = await findPolicy(repos, accountId, input.policyArn);
      if (!policy) throw policyNotFound(input.policyArn);
      await body(repos, accountId, holder, { accountId: policy.accountId, policyId: policy.policyId }, located.name);
    });
    return true;
  }

  /** iam:ListAttached<Kind>Policies on the holder's ARN. */
  async listAttached(caller: Caller, kind: PolicyHolderKind, holderName: string): Promise<AttachedPolicyRecord[]> {
    const action = `iam:ListAttached${HOLDER_NOUN[kind]}Policies`;
    const { principal, located } = await authorizeOnHolder(this.deps, caller, kind, holderName, action);
    return this.deps.store.read((repos) => repos.iamHolderPolicies.listAttached(principal.accountId, located.holder));
  }
}
