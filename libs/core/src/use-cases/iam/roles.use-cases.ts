/** createRole, getRole, listRoles, deleteRole. */
import type { Caller } from '../../auth/caller';
import { errors } from '../../errors/domain-error';
import type { IamTag, RoleRecord } from '../../ports/iam-records.port';
import { trustPolicyDocument } from './iam-documents';
import { accountOf, authorize, authorizeOnHolder, changeMeta, holderNotFound, type IamDeps, requireHolder } from './iam-context';
import { iamArn, newUniqueId, quoted, validPath, validRoleName, validTags } from './iam-names';

/** Input of createRole. */
export interface CreateRoleInput {
  roleName: string;
  assumeRolePolicyDocument: string;
  path?: string | null;
  description?: string | null;
  maxSessionDuration?: number | null;
  tags?: IamTag[] | null;
}

const DESCRIPTION = /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/;

/** IAM roles. */
export class IamRolesUseCases {
  constructor(private readonly deps: IamDeps) {}

  /**
   * iam:CreateRole (and iam:TagRole with tags). The trust policy is validated as a resource
   * policy (Principal required) and stored byte-for-byte.
   */
  async createRole(caller: Caller, input: CreateRoleInput): Promise<RoleRecord> {
    const name = validRoleName(input.roleName);
    const path = validPath(input.path);
    const tags = validTags(input.tags);
    const maxSessionDuration = validMaxSessionDuration(input.maxSessionDuration);
    const description = validDescription(input.description);
    const arn = iamArn(accountOf(caller), 'role', path, name);
    const principal = await authorize(this.deps, caller, 'iam:CreateRole', arn);
    if (tags.length > 0) await authorize(this.deps, caller, 'iam:TagRole', arn);
    const assumeRolePolicyDocument = trustPolicyDocument(input.assumeRolePolicyDocument);
    const { accountId } = principal;
    const { result } = await this.deps.store.change(changeMeta(principal, 'iam:CreateRole', arn, { roleName: name, path }), async (repos) => {
      if (await repos.iamRoles.findByName(accountId, name)) throw errors.alreadyExists(`Role with name ${quoted(name)} already exists.`);
      const role = await repos.iamRoles.create(accountId, {
        id: newUniqueId('AROA'),
        name,
        path,
        arn,
        assumeRolePolicyDocument,
        maxSessionDuration,
        description,
      });
      await repos.iamTags.put(accountId, 'role', role.roleId, tags);
      return role;
    });
    return result;
  }

  /** iam:GetRole on the role's ARN. */
  async getRole(caller: Caller, roleName: string): Promise<RoleRecord> {
    const { principal, located } = await authorizeOnHolder(this.deps, caller, 'role', roleName, 'iam:GetRole');
    const role = await this.deps.store.read((repos) => repos.iamRoles.findByName(principal.accountId, located.name));
    if (!role) throw holderNotFound('role', roleName);
    return role;
  }

  /** iam:ListRoles on "*". */
  async listRoles(caller: Caller): Promise<RoleRecord[]> {
    const principal = await authorize(this.deps, caller, 'iam:ListRoles', '*');
    return this.deps.store.read((repos) => repos.iamRoles.list(principal.accountId));
  }

  /** iam:DeleteRole; refused (INVALID_STATE, IAM's DeleteConflict) while it has inline or attached policies. */
  async deleteRole(caller: Caller, roleName: string): Promise<boolean> {
    const { principal, located } = await authorizeOnHolder(this.deps, caller, 'role', roleName, 'iam:DeleteRole');
    const { accountId } = principal;
    await this.deps.store.change(changeMeta(principal, 'iam:DeleteRole', located.arn), async (repos) => {
      const holder = await requireHolder(repos, accountId, located);
      if ((await repos.iamHolderPolicies.listInline(accountId, holder)).length > 0) {
        throw errors.invalidState(`Cannot delete entity, must delete inline policies of role ${quoted(located.name)} first.`);
      }
      if ((await repos.iamHolderPolicies.listAttached(accountId, holder)).length > 0) {
        throw errors.invalidState(`Cannot delete entity, must detach all policies from role ${quoted(located.name)} first.`);
      }
      await repos.iamRoles.delete(accountId, holder.id);
    });
    return true;
  }
}

function validMaxSessionDuration(value: number | null | undefined): number {
  if (value === undefined || value === null) return 3600;
  if (!Number.isInteger(value) || value < 3600 || value > 43200) {
    throw errors.validation(`The maxSessionDuration ${quoted(value)} is invalid: it must be 3600 to 43200 seconds.`);
  }
  return value;
}

function validDescription(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (value.length > 1000 || !DESCRIPTION.test(value)) {
    throw errors.validation(`The description ${quoted(value)} is invalid: at most 1000 printable characters.`);
  }
  return value;
}
