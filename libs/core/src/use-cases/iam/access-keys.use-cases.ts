/** createAccessKey, updateAccessKey, deleteAccessKey, listAccessKeys (users' keys and the root's). */
import { type Caller, type PrincipalCaller, rootArn } from '../../auth/caller';
import { generateAccessKey } from '../../auth/credentials';
import { errors } from '../../errors/domain-error';
import type { AccessKeyOwner, AccessKeyRecord } from '../../ports/account.repository';
import type { TenantRepositories } from '../../ports/store.port';
import { authorize, authorizeOnHolder, changeMeta, type IamDeps } from './iam-context';
import { quoted } from './iam-names';

/** Access keys per user (and per root), as in IAM. */
export const MAX_ACCESS_KEYS = 2;

/** An access key as listed (never the secret). */
export interface AccessKeyMetadata {
  userName: string | null;
  accessKeyId: string;
  status: 'Active' | 'Inactive';
  createDate: Date;
}

/** A freshly created access key: the secret is returned once. */
export interface CreatedAccessKey extends AccessKeyMetadata {
  secretAccessKey: string;
}

interface KeyTarget {
  principal: PrincipalCaller;
  owner: AccessKeyOwner;
  userName: string | null;
  arn: string;
}

const ACCESS_KEY_ID = /^[\w]{16,128}$/;

/**
 * Access keys. An omitted userName means the caller itself: an IAM user's own keys, or the
 * account root's keys when the root calls. The root may manage every user's keys.
 */
export class IamAccessKeysUseCases {
  constructor(private readonly deps: IamDeps) {}

  /** iam:CreateAccessKey on the user's ARN; at most 2 keys per user (LIMIT_EXCEEDED). */
  async createAccessKey(caller: Caller, userName?: string | null): Promise<CreatedAccessKey> {
    const target = await this.target(caller, userName, 'iam:CreateAccessKey');
    const key = generateAccessKey();
    const { accountId } = target.principal;
    const meta = changeMeta(target.principal, 'iam:CreateAccessKey', target.arn, { accessKeyId: key.accessKeyId });
    const { result } = await this.deps.store.change(meta, async (repos) => {
      await this.requireOwner(repos, target);
      if ((await repos.accessKeys.listForOwner(accountId, target.owner)).length >= MAX_ACCESS_KEYS) {
        throw errors.limitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${MAX_ACCESS_KEYS}.`);
      }
      return repos.accessKeys.create({ accountId, accessKeyId: key.accessKeyId, secretHash: key.secretHash, owner: target.owner });
    });
    return { ...this.metadata(result, target.userName), secretAccessKey: key.secretAccessKey };
  }

  /** iam:UpdateAccessKey: sets Active or Inactive. */
  async updateAccessKey(caller: Caller, input: { userName?: string | null; accessKeyId: string; status: string }): Promise<boolean> {
    if (input.status !== 'Active' && input.status !== 'Inactive') {
      throw errors.validation(`The status ${quoted(input.status)} is invalid: it must be Active or Inactive.`);
    }
    const status = input.status;
    await this.mutateKey(caller, input, 'iam:UpdateAccessKey', status === 'Inactive', (repos, accountId) =>
      repos.accessKeys.setStatus(accountId, input.accessKeyId, status),
    );
    return true;
  }

  /** iam:DeleteAccessKey. */
  async deleteAccessKey(caller: Caller, input: { userName?: string | null; accessKeyId: string }): Promise<boolean> {
    await this.mutateKey(caller, input, 'iam:DeleteAccessKey', true, (repos, accountId) => repos.accessKeys.delete(accountId, input.accessKeyId));
    return true;
  }

  /** iam:ListAccessKeys on the user's ARN (no secrets). */
  async listAccessKeys(caller: Caller, userName?: string | null): Promise<AccessKeyMetadata[]> {
    const target = await this.target(caller, userName, 'iam:ListAccessKeys');
    const keys = await this.deps.store.read((repos) => repos.accessKeys.listForOwner(target.principal.accountId, target.owner));
    return keys.map((k) => this.metadata(k, target.userName));
  }

  private async mutateKey(
    caller: Caller,
    input: { userName?: string | null; accessKeyId: string },
    action: string,
    disables: boolean,
    work: (repos: TenantRepositories, accountId: string) => Promise<boolean>,
  ): Promise<void> {
    const target = await this.target(caller, input.userName, action);
    const { accountId } = target.principal;
    const notFound = errors.notFound(`The Access Key with id ${quoted(input.accessKeyId)} cannot be found.`);
    if (typeof input.accessKeyId !== 'string' || !ACCESS_KEY_ID.test(input.accessKeyId)) throw notFound;
    await this.deps.store.change(changeMeta(target.principal, action, target.arn, { accessKeyId: input.accessKeyId }), async (repos) => {
      const owned = await repos.accessKeys.listForOwner(accountId, target.owner);
      const key = owned.find((k) => k.accessKeyId === input.accessKeyId);
      if (!key) throw notFound;
      // INVARIANT: the root keeps at least one active key, or nobody could administer the account.
      const otherActive = owned.filter((k) => k.accessKeyId !== key.accessKeyId && k.status === 'Active');
      if (target.owner.kind === 'root' && disables && key.status === 'Active' && otherActive.length === 0) {
        throw errors.invalidState('Cannot delete or deactivate the last active access key of the account root.');
      }
      if (!(await work(repos, accountId))) throw notFound;
    });
  }

  private async target(caller: Caller, userName: string | null | undefined, action: string): Promise<KeyTarget> {
    if (caller.kind === 'operator') await authorize(this.deps, caller, action, '*');
    const own = userName === undefined || userName === null;
    if (own && caller.kind === 'principal' && caller.principalType === 'root') {
      const principal = await authorize(this.deps, caller, action, caller.arn);
      return { principal, owner: { kind: 'root' }, userName: null, arn: rootArn(caller.accountId) };
    }
    const name = own ? (caller.kind === 'principal' ? (caller.userName ?? '') : '') : userName;
    const { principal, located } = await authorizeOnHolder(this.deps, caller, 'user', name, action);
    return { principal, owner: { kind: 'user', userId: located.holder.id }, userName: located.name, arn: located.arn };
  }

  private async requireOwner(repos: TenantRepositories, target: KeyTarget): Promise<void> {
    if (target.owner.kind === 'root') return;
    if (!(await repos.iamUsers.findById(target.principal.accountId, target.owner.userId))) {
      throw errors.notFound(`The user with name ${quoted(target.userName)} cannot be found.`);
    }
  }

  private metadata(key: AccessKeyRecord, userName: string | null): AccessKeyMetadata {
    return { userName, accessKeyId: key.accessKeyId, status: key.status, createDate: key.createdAt };
  }
}
