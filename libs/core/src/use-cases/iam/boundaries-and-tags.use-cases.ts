/** Permissions boundaries of users and roles; tags of users, roles and customer managed policies. */
import type { Caller, PrincipalCaller } from '../../auth/caller';
import { errors } from '../../errors/domain-error';
import type { IamTag } from '../../ports/iam-records.port';
import {
  authorizeOnHolder,
  authorizeOnPolicy,
  changeMeta,
  findPolicy,
  HOLDER_NOUN,
  type IamDeps,
  policyNotFound,
  requireCustomerManaged,
  requireHolder,
} from './iam-context';
import { MAX_TAGS, parsePolicyArn, validTagKey, validTags } from './iam-names';

/** Holders with a permissions boundary. */
export type BoundaryHolderKind = 'user' | 'role';

/** A user or role (by name) or a customer managed policy (by ARN). */
export type TagTarget = { kind: 'user' | 'role'; name: string } | { kind: 'policy'; arn: string };

const TAG_NOUN = { user: 'User', role: 'Role', policy: 'Policy' } as const;

/** Permissions boundaries and tags. */
export class IamBoundariesAndTagsUseCases {
  constructor(private readonly deps: IamDeps) {}

  /** iam:Put<Kind>PermissionsBoundary on the holder's ARN: a managed policy of the account or AWS. */
  async putBoundary(caller: Caller, kind: BoundaryHolderKind, holderName: string, policyArn: string): Promise<boolean> {
    parsePolicyArn(policyArn);
    const action = `iam:Put${HOLDER_NOUN[kind]}PermissionsBoundary`;
    const { principal, located } = await authorizeOnHolder(this.deps, caller, kind, holderName, action);
    const { accountId } = principal;
    await this.deps.store.change(changeMeta(principal, action, located.arn, { policyArn }), async (repos) => {
      const holder = await requireHolder(repos, accountId, located);
      const policy = await findPolicy(repos, accountId, policyArn);
      if (!policy) throw policyNotFound(policyArn);
      await repos.iamHolderPolicies.setBoundary(accountId, holder, { accountId: policy.accountId, policyId: policy.policyId });
    });
    return true;
  }

  /** iam:Delete<Kind>PermissionsBoundary on the holder's ARN (no boundary: nothing to do). */
  async deleteBoundary(caller: Caller, kind: BoundaryHolderKind, holderName: string): Promise<boolean> {
    const action = `iam:Delete${HOLDER_NOUN[kind]}PermissionsBoundary`;
    const { principal, located } = await authorizeOnHolder(this.deps, caller, kind, holderName, action);
    const { accountId } = principal;
    await this.deps.store.change(changeMeta(principal, action, located.arn), async (repos) => {
      await repos.iamHolderPolicies.setBoundary(accountId, await requireHolder(repos, accountId, located), null);
    });
    return true;
  }

  /** iam:Tag<Kind>: adds tags or overwrites values; at most 50 tags in all (LIMIT_EXCEEDED). */
  async tag(caller: Caller, target: TagTarget, tags: IamTag[]): Promise<boolean> {
    const valid = validTags(tags);
    if (valid.length === 0) throw errors.validation('At least one tag is required.');
    const action = `iam:Tag${TAG_NOUN[target.kind]}`;
    const { principal, id, arn } = await this.locate(caller, target, action);
    if (id === null) throw errors.internal('A tag target without an id.');
    const { accountId } = principal;
    await this.deps.store.change(changeMeta(principal, action, arn, { keys: valid.map((t) => t.key) }), async (repos) => {
      const existing = await repos.iamTags.list(accountId, target.kind, id);
      const keys = new Set([...existing, ...valid].map((t) => t.key.toLowerCase()));
      if (keys.size > MAX_TAGS) throw errors.limitExceeded(`Cannot exceed quota for TagsPerResource: ${MAX_TAGS}.`);
      await repos.iamTags.put(accountId, target.kind, id, valid);
    });
    return true;
  }

  /** iam:Untag<Kind>: removes keys (case-insensitively); absent keys are ignored. */
  async untag(caller: Caller, target: TagTarget, tagKeys: string[]): Promise<boolean> {
    if (tagKeys.length === 0 || tagKeys.length > MAX_TAGS) throw errors.validation('Between 1 and 50 tag keys are required.');
    tagKeys.forEach(validTagKey);
    const action = `iam:Untag${TAG_NOUN[target.kind]}`;
    const { principal, id, arn } = await this.locate(caller, target, action);
    if (id === null) throw errors.internal('A tag target without an id.');
    await this.deps.store.change(changeMeta(principal, action, arn, { keys: tagKeys }), (repos) =>
      repos.iamTags.remove(principal.accountId, target.kind, id, tagKeys),
    );
    return true;
  }

  /** iam:List<Kind>Tags. */
  async listTags(caller: Caller, target: TagTarget): Promise<IamTag[]> {
    const { principal, id } = await this.locate(caller, target, `iam:List${TAG_NOUN[target.kind]}Tags`);
    if (id === null) return [];
    return this.deps.store.read((repos) => repos.iamTags.list(principal.accountId, target.kind, id));
  }

  /** The tagged object's id (null for an AWS managed policy: it carries no tags of this account). */
  private async locate(caller: Caller, target: TagTarget, action: string): Promise<{ principal: PrincipalCaller; id: string | null; arn: string }> {
    if (target.kind === 'policy') {
      const { principal, policy } = await authorizeOnPolicy(this.deps, caller, target.arn, action);
      if (!action.startsWith('iam:List')) requireCustomerManaged(principal, policy, action);
      return { principal, id: policy.accountId === principal.accountId ? policy.policyId : null, arn: policy.arn };
    }
    const { principal, located } = await authorizeOnHolder(this.deps, caller, target.kind, target.name, action);
    return { principal, id: located.holder.id, arn: located.arn };
  }
}
