/** createGroup, getGroup, listGroups, deleteGroup, addUserToGroup, removeUserFromGroup, listGroupsForUser. */
import type { Caller } from '../../auth/caller';
import { errors } from '../../errors/domain-error';
import type { GroupRecord, UserRecord } from '../../ports/iam-records.port';
import { accountOf, authorize, authorizeOnHolder, changeMeta, findHolder, holderNotFound, type IamDeps, requireHolder } from './iam-context';
import { iamArn, newUniqueId, quoted, validGroupName, validPath, validUserName } from './iam-names';

/** Groups a user can belong to (IAM quota). */
export const MAX_GROUPS_PER_USER = 10;

/** A group and its members (GetGroup). */
export interface GroupWithUsers {
  group: GroupRecord;
  users: UserRecord[];
}

/** IAM groups and memberships. */
export class IamGroupsUseCases {
  constructor(private readonly deps: IamDeps) {}

  /** iam:CreateGroup on the new group's ARN. */
  async createGroup(caller: Caller, input: { groupName: string; path?: string | null }): Promise<GroupRecord> {
    const name = validGroupName(input.groupName);
    const path = validPath(input.path);
    const arn = iamArn(accountOf(caller), 'group', path, name);
    const principal = await authorize(this.deps, caller, 'iam:CreateGroup', arn);
    const { accountId } = principal;
    const { result } = await this.deps.store.change(changeMeta(principal, 'iam:CreateGroup', arn, { groupName: name, path }), async (repos) => {
      if (await repos.iamGroups.findByName(accountId, name)) throw errors.alreadyExists(`Group with name ${quoted(name)} already exists.`);
      return repos.iamGroups.create(accountId, { id: newUniqueId('AGPA'), name, path, arn });
    });
    return result;
  }

  /** iam:GetGroup on the group's ARN: the group and its users. */
  async getGroup(caller: Caller, groupName: string): Promise<GroupWithUsers> {
    const { principal, located } = await authorizeOnHolder(this.deps, caller, 'group', groupName, 'iam:GetGroup');
    return this.deps.store.read(async (repos) => {
      const group = await repos.iamGroups.findByName(principal.accountId, located.name);
      if (!group) throw holderNotFound('group', groupName);
      return { group, users: await repos.iamGroups.listMembers(principal.accountId, group.groupId) };
    });
  }

  /** iam:ListGroups on "*". */
  async listGroups(caller: Caller): Promise<GroupRecord[]> {
    const principal = await authorize(this.deps, caller, 'iam:ListGroups', '*');
    return this.deps.store.read((repos) => repos.iamGroups.list(principal.accountId));
  }

  /** iam:DeleteGroup; refused (INVALID_STATE, IAM's DeleteConflict) while it has members or policies. */
  async deleteGroup(caller: Caller, groupName: string): Promise<boolean> {
    const { principal, located } = await authorizeOnHolder(this.deps, caller, 'group', groupName, 'iam:DeleteGroup');
    const { accountId } = principal;
    await this.deps.store.change(changeMeta(principal, 'iam:DeleteGroup', located.arn), async (repos) => {
      const holder = await requireHolder(repos, accountId, located);
      const blocking =
        (await repos.iamGroups.listMembers(accountId, holder.id)).length > 0
          ? 'users'
          : (await repos.iamHolderPolicies.listInline(accountId, holder)).length > 0
            ? 'inline policies'
            : (await repos.iamHolderPolicies.listAttached(accountId, holder)).length > 0
              ? 'attached policies'
              : null;
      if (blocking) throw errors.invalidState(`Cannot delete entity, must remove ${blocking} from group ${quoted(located.name)} first.`);
      await repos.iamGroups.delete(accountId, holder.id);
    });
    return true;
  }

  /** iam:AddUserToGroup on the group's ARN; idempotent; at most 10 groups per user. */
  async addUserToGroup(caller: Caller, input: { groupName: string; userName: string }): Promise<boolean> {
    const userName = validUserName(input.userName);
    const { principal, located } = await authorizeOnHolder(this.deps, caller, 'group', input.groupName, 'iam:AddUserToGroup');
    const { accountId } = principal;
    await this.deps.store.change(changeMeta(principal, 'iam:AddUserToGroup', located.arn, { userName }), async (repos) => {
      const group = await requireHolder(repos, accountId, located);
      const user = await findHolder(repos, accountId, 'user', userName);
      if (!user) throw holderNotFound('user', userName);
      const groups = await repos.iamGroups.listForUser(accountId, user.holder.id);
      if (groups.some((g) => g.groupId === group.id)) return;
      if (groups.length >= MAX_GROUPS_PER_USER) throw errors.limitExceeded(`Cannot exceed quota for GroupsPerUser: ${MAX_GROUPS_PER_USER}.`);
      await repos.iamGroups.addMember(accountId, group.id, user.holder.id);
    });
    return true;
  }

  /** iam:RemoveUserFromGroup on the group's ARN; NOT_FOUND when the user is not a member. */
  async removeUserFromGroup(caller: Caller, input: { groupName: string; userName: string }): Promise<boolean> {
    const userName = validUserName(input.userName);
    const { principal, located } = await authorizeOnHolder(this.deps, caller, 'group', input.groupName, 'iam:RemoveUserFromGroup');
    const { accountId } = principal;
    await this.deps.store.change(changeMeta(principal, 'iam:RemoveUserFromGroup', located.arn, { userName }), async (repos) => {
      const group = await requireHolder(repos, accountId, located);
      const user = await findHolder(repos, accountId, 'user', userName);
      if (!user) throw holderNotFound('user', userName);
      if (!(await repos.iamGroups.removeMember(accountId, group.id, user.holder.id))) {
        throw errors.notFound(`User ${quoted(user.name)} is not in group ${quoted(located.name)}.`);
      }
    });
    return true;
  }

  /** iam:ListGroupsForUser on the user's ARN. */
  async listGroupsForUser(caller: Caller, userName: string): Promise<GroupRecord[]> {
    const { principal, located } = await authorizeOnHolder(this.deps, caller, 'user', userName, 'iam:ListGroupsForUser');
    return this.deps.store.read((repos) => repos.iamGroups.listForUser(principal.accountId, located.holder.id));
  }
}
