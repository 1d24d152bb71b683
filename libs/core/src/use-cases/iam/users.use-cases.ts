/** createUser, getUser, listUsers, deleteUser. */
import type { Caller } from '../../auth/caller';
import { errors } from '../../errors/domain-error';
import type { IamTag, UserRecord } from '../../ports/iam-records.port';
import { accountOf, authorize, authorizeOnHolder, changeMeta, holderNotFound, type IamDeps } from './iam-context';
import { iamArn, newUniqueId, quoted, validPath, validTags, validUserName } from './iam-names';

/** Input of createUser. */
export interface CreateUserInput {
  userName: string;
  path?: string | null;
  tags?: IamTag[] | null;
}

/** IAM users. */
export class IamUsersUseCases {
  constructor(private readonly deps: IamDeps) {}

  /** iam:CreateUser (and iam:TagUser when tags are given) on the new user's ARN. */
  async createUser(caller: Caller, input: CreateUserInput): Promise<UserRecord> {
    const name = validUserName(input.userName);
    const path = validPath(input.path);
    const tags = validTags(input.tags);
    const arn = iamArn(accountOf(caller), 'user', path, name);
    const principal = await authorize(this.deps, caller, 'iam:CreateUser', arn);
    if (tags.length > 0) await authorize(this.deps, caller, 'iam:TagUser', arn);
    const { accountId } = principal;
    const { result } = await this.deps.store.change(changeMeta(principal, 'iam:CreateUser', arn, { userName: name, path }), async (repos) => {
      if (await repos.iamUsers.findByName(accountId, name)) throw errors.alreadyExists(`User with name ${quoted(name)} already exists.`);
      const user = await repos.iamUsers.create(accountId, { id: newUniqueId('AIDA'), name, path, arn });
      await repos.iamTags.put(accountId, 'user', user.userId, tags);
      return user;
    });
    return result;
  }

  /** iam:GetUser on the user's ARN; an omitted name means the calling IAM user. */
  async getUser(caller: Caller, userName?: string | null): Promise<UserRecord> {
    if (caller.kind === 'operator') await authorize(this.deps, caller, 'iam:GetUser', '*');
    const name = this.nameOrCaller(caller, userName);
    const { principal, located } = await authorizeOnHolder(this.deps, caller, 'user', name, 'iam:GetUser');
    const user = await this.deps.store.read((repos) => repos.iamUsers.findById(principal.accountId, located.holder.id));
    if (!user) throw holderNotFound('user', name);
    return user;
  }

  /** iam:ListUsers on "*". */
  async listUsers(caller: Caller): Promise<UserRecord[]> {
    const principal = await authorize(this.deps, caller, 'iam:ListUsers', '*');
    return this.deps.store.read((repos) => repos.iamUsers.list(principal.accountId));
  }

  /**
   * iam:DeleteUser. Like IAM (DeleteConflict), refused while the user still has access keys,
   * inline or attached policies, or group memberships: INVALID_STATE, nothing changes.
   */
  async deleteUser(caller: Caller, userName: string): Promise<boolean> {
    const { principal, located } = await authorizeOnHolder(this.deps, caller, 'user', userName, 'iam:DeleteUser');
    const { accountId } = principal;
    const userId = located.holder.id;
    await this.deps.store.change(changeMeta(principal, 'iam:DeleteUser', located.arn), async (repos) => {
      const conflict = async (): Promise<string | null> => {
        if ((await repos.accessKeys.listForOwner(accountId, { kind: 'user', userId })).length > 0) return 'access keys';
        if ((await repos.iamHolderPolicies.listInline(accountId, located.holder)).length > 0) return 'inline policies';
        if ((await repos.iamHolderPolicies.listAttached(accountId, located.holder)).length > 0) return 'attached policies';
        if ((await repos.iamGroups.listForUser(accountId, userId)).length > 0) return 'group memberships';
        return null;
      };
      const blocking = await conflict();
      if (blocking) throw errors.invalidState(`Cannot delete entity, must remove ${blocking} first (user ${quoted(located.name)}).`);
      if (!(await repos.iamUsers.delete(accountId, userId))) throw holderNotFound('user', located.name);
    });
    return true;
  }

  private nameOrCaller(caller: Caller, userName?: string | null): string {
    if (userName !== undefined && userName !== null) return userName;
    if (caller.kind === 'principal' && caller.principalType === 'user' && caller.userName) return caller.userName;
    throw errors.validation('userName is required when the caller is the account root.');
  }
}
