/** getPolicyVersion, listPolicyVersions, createPolicyVersion, setDefaultPolicyVersion, deletePolicyVersion. */
import type { Caller } from '../../auth/caller';
import { errors } from '../../errors/domain-error';
import type { ManagedPolicyRecord, PolicyVersionRecord } from '../../ports/iam-records.port';
import type { TenantRepositories } from '../../ports/store.port';
import { managedPolicyDocument } from './iam-documents';
import { authorizeOnPolicy, changeMeta, type IamDeps, policyNotFound, requireCustomerManaged } from './iam-context';
import { quoted } from './iam-names';

/** Versions stored per customer managed policy (IAM quota). */
export const MAX_POLICY_VERSIONS = 5;

const VERSION_ID = /^v[1-9]\d{0,8}$/;

function validVersionId(versionId: unknown): string {
  if (typeof versionId !== 'string' || !VERSION_ID.test(versionId)) {
    throw errors.validation(`The versionId ${quoted(versionId)} is invalid: it must look like "v1".`);
  }
  return versionId;
}

function versionNotFound(policyArn: string, versionId: string) {
  return errors.notFound(`Policy ${quoted(policyArn)} version ${quoted(versionId)} does not exist or is not attachable.`);
}

/** Managed policy versions (at most 5; version ids are never reused). */
export class IamPolicyVersionsUseCases {
  constructor(private readonly deps: IamDeps) {}

  /** iam:GetPolicyVersion on the policy ARN. */
  async getPolicyVersion(caller: Caller, input: { policyArn: string; versionId: string }): Promise<PolicyVersionRecord> {
    const versionId = validVersionId(input.versionId);
    const { policy } = await authorizeOnPolicy(this.deps, caller, input.policyArn, 'iam:GetPolicyVersion');
    const version = await this.deps.store.read((repos) => repos.iamPolicies.getVersion(policy.accountId, policy.policyId, versionId));
    if (!version) throw versionNotFound(policy.arn, versionId);
    return version;
  }

  /** iam:ListPolicyVersions on the policy ARN (newest first). */
  async listPolicyVersions(caller: Caller, policyArn: string): Promise<PolicyVersionRecord[]> {
    const { policy } = await authorizeOnPolicy(this.deps, caller, policyArn, 'iam:ListPolicyVersions');
    return this.deps.store.read((repos) => repos.iamPolicies.listVersions(policy.accountId, policy.policyId));
  }

  /** iam:CreatePolicyVersion: a 6th version is LIMIT_EXCEEDED; setAsDefault moves the default. */
  async createPolicyVersion(
    caller: Caller,
    input: { policyArn: string; policyDocument: string; setAsDefault?: boolean | null },
  ): Promise<PolicyVersionRecord> {
    const { principal, policy } = await authorizeOnPolicy(this.deps, caller, input.policyArn, 'iam:CreatePolicyVersion');
    requireCustomerManaged(principal, policy, 'iam:CreatePolicyVersion');
    const document = managedPolicyDocument(input.policyDocument);
    const { accountId } = principal;
    const { result } = await this.deps.store.change(changeMeta(principal, 'iam:CreatePolicyVersion', policy.arn), async (repos) => {
      const current = await currentPolicy(repos, accountId, policy);
      if ((await repos.iamPolicies.listVersions(accountId, current.policyId)).length >= MAX_POLICY_VERSIONS) {
        throw errors.limitExceeded(
          `A managed policy can have up to ${MAX_POLICY_VERSIONS} versions. Before you create a new version, you must delete an existing version.`,
        );
      }
      return repos.iamPolicies.addVersion(accountId, current.policyId, current.versionCounter + 1, document, input.setAsDefault === true);
    });
    return result;
  }

  /** iam:SetDefaultPolicyVersion. */
  async setDefaultPolicyVersion(caller: Caller, input: { policyArn: string; versionId: string }): Promise<boolean> {
    const versionId = validVersionId(input.versionId);
    const { principal, policy } = await authorizeOnPolicy(this.deps, caller, input.policyArn, 'iam:SetDefaultPolicyVersion');
    requireCustomerManaged(principal, policy, 'iam:SetDefaultPolicyVersion');
    const { accountId } = principal;
    await this.deps.store.change(changeMeta(principal, 'iam:SetDefaultPolicyVersion', policy.arn, { versionId }), async (repos) => {
      const current = await currentPolicy(repos, accountId, policy);
      if (!(await repos.iamPolicies.getVersion(accountId, current.policyId, versionId))) throw versionNotFound(policy.arn, versionId);
      await repos.iamPolicies.setDefaultVersion(accountId, current.policyId, versionId);
    });
    return true;
  }

  /** iam:DeletePolicyVersion; the default version cannot be deleted (INVALID_STATE, IAM's DeleteConflict). */
  async deletePolicyVersion(caller: Caller, input: { policyArn: string; versionId: string }): Promise<boolean> {
    const versionId = validVersionId(input.versionId);
    const { principal, policy } = await authorizeOnPolicy(this.deps, caller, input.policyArn, 'iam:DeletePolicyVersion');
    requireCustomerManaged(principal, policy, 'iam:DeletePolicyVersion');
    const { accountId } = principal;
    await this.deps.store.change(changeMeta(principal, 'iam:DeletePolicyVersion', policy.arn, { versionId }), async (repos) => {
      const current = await currentPolicy(repos, accountId, policy);
      if (current.defaultVersionId === versionId) throw errors.invalidState('Cannot delete the default version of a policy.');
      if (!(await repos.iamPolicies.deleteVersion(accountId, current.policyId, versionId))) throw versionNotFound(policy.arn, versionId);
    });
    return true;
  }
}

async function currentPolicy(repos: TenantRepositories, accountId: string, policy: ManagedPolicyRecord): Promise<ManagedPolicyRecord> {
  const current = await repos.iamPolicies.findByArn(accountId, policy.arn);
  if (!current || current.policyId !== policy.policyId) throw policyNotFound(policy.arn);
  return current;
}
