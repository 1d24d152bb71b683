/** createPolicy, getPolicy, listPolicies, deletePolicy. */
import type { Caller } from '../../auth/caller';
import { errors } from '../../errors/domain-error';
import type { ListedPolicyRecord, ManagedPolicyRecord } from '../../ports/iam-records.port';
import { managedPolicyDocument } from './iam-documents';
import { accountOf, authorize, authorizeOnPolicy, changeMeta, type IamDeps, policyNotFound, requireCustomerManaged } from './iam-context';
import { iamArn, newUniqueId, quoted, validPath, validPolicyName } from './iam-names';

/** Input of createPolicy. */
export interface CreatePolicyInput {
  policyName: string;
  policyDocument: string;
  path?: string | null;
  description?: string | null;
}

const DESCRIPTION = /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/;

/** Customer managed policies (AWS managed ones are visible and attachable, never writable). */
export class IamManagedPoliciesUseCases {
  constructor(private readonly deps: IamDeps) {}

  /** iam:CreatePolicy on the new policy's ARN; the document is validated as an identity policy. */
  async createPolicy(caller: Caller, input: CreatePolicyInput): Promise<ListedPolicyRecord> {
    const name = validPolicyName(input.policyName);
    const path = validPath(input.path);
    const description = validDescription(input.description);
    const arn = iamArn(accountOf(caller), 'policy', path, name);
    const principal = await authorize(this.deps, caller, 'iam:CreatePolicy', arn);
    const document = managedPolicyDocument(input.policyDocument);
    const { accountId } = principal;
    const { result } = await this.deps.store.change(changeMeta(principal, 'iam:CreatePolicy', arn, { policyName: name, path }), async (repos) => {
      if (await repos.iamPolicies.findByName(accountId, name)) {
        throw errors.alreadyExists(`A policy called ${quoted(name)} already exists. Duplicate names are not allowed.`);
      }
      return repos.iamPolicies.create(accountId, { id: newUniqueId('ANPA'), name, path, arn, description, document });
    });
    return { ...result, attachmentCount: 0 };
  }

  /** iam:GetPolicy on the policy ARN (the account's own or an AWS managed one). */
  async getPolicy(caller: Caller, policyArn: string): Promise<ListedPolicyRecord> {
    const { principal, policy } = await authorizeOnPolicy(this.deps, caller, policyArn, 'iam:GetPolicy');
    const attachmentCount = await this.deps.store.read((repos) =>
      repos.iamPolicies.attachmentCount(principal.accountId, { accountId: policy.accountId, policyId: policy.policyId }),
    );
    return { ...policy, attachmentCount };
  }

  /** iam:ListPolicies on "*": the account's policies plus the AWS managed ones (Scope=All). */
  async listPolicies(caller: Caller): Promise<ListedPolicyRecord[]> {
    const principal = await authorize(this.deps, caller, 'iam:ListPolicies', '*');
    return this.deps.store.read((repos) => repos.iamPolicies.listVisible(principal.accountId));
  }

  /**
   * iam:DeletePolicy. As in IAM, refused (INVALID_STATE, IAM's DeleteConflict) while the policy is
   * attached, used as a permissions boundary, or has versions besides the default one.
   */
  async deletePolicy(caller: Caller, policyArn: string): Promise<boolean> {
    const { principal, policy } = await authorizeOnPolicy(this.deps, caller, policyArn, 'iam:DeletePolicy');
    requireCustomerManaged(principal, policy, 'iam:DeletePolicy');
    const { accountId } = principal;
    await this.deps.store.change(changeMeta(principal, 'iam:DeletePolicy', policy.arn), async (repos) => {
      const current = await this.requireSame(repos.iamPolicies.findByArn(accountId, policy.arn), policy);
      const ref = { accountId, policyId: current.policyId };
      if ((await repos.iamPolicies.attachmentCount(accountId, ref)) > 0) {
        throw errors.invalidState('Cannot delete a policy attached to entities.');
      }
      if ((await repos.iamPolicies.boundaryUsageCount(accountId, ref)) > 0) {
        throw errors.invalidState('Cannot delete a policy used as a permissions boundary.');
      }
      if ((await repos.iamPolicies.listVersions(accountId, current.policyId)).length > 1) {
        throw errors.invalidState(
          'This policy has more than one version. Before you delete a policy, you must delete the policy\'s versions. The default version is deleted with the policy.',
        );
      }
      await repos.iamPolicies.delete(accountId, current.policyId);
    });
    return true;
  }

  private async requireSame(found: Promise<ManagedPolicyRecord | null>, expected: ManagedPolicyRecord): Promise<ManagedPolicyRecord> {
    const current = await found;
    if (!current || current.policyId !== expected.policyId) throw policyNotFound(expected.arn);
    return current;
  }
}

function validDescription(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (value.length > 1000 || !DESCRIPTION.test(value)) {
    throw errors.validation(`The description ${quoted(value)} is invalid: at most 1000 printable characters.`);
  }
  return value;
}
