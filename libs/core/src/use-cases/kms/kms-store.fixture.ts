/**
 * Test fixture: an in-memory Store with the KMS repositories, for unit specs of the KMS use cases.
 * change() works on a deep copy that is committed only when the work returns (like a transaction).
 */
import type { AccountRecord } from '../../ports/account.repository';
import type { KmsAliasRecord, KmsGrantRecord, KmsKeyRecord, KmsRepository } from '../../ports/kms.repository';
import type { ChangeMeta, ChangeResult, Store, TenantRepositories } from '../../ports/store.port';

interface State {
  accounts: Map<string, AccountRecord>;
  keys: Map<string, KmsKeyRecord>;
  tags: Map<string, Record<string, string>>;
  aliases: Map<string, KmsAliasRecord>;
  grants: Map<string, KmsGrantRecord>;
  /** ARNs of existing users and roles. */
  principals: Set<string>;
}

const id = (accountId: string, name: string) => `${accountId}/${name}`;
const live = (k: KmsKeyRecord | undefined, now: Date) => (k && (k.deletionDate === null || k.deletionDate > now) ? k : null);

function clone(s: State): State {
  return {
    accounts: new Map(s.accounts),
    keys: new Map([...s.keys].map(([k, v]) => [k, { ...v }])),
    tags: new Map([...s.tags].map(([k, v]) => [k, { ...v }])),
    aliases: new Map(s.aliases),
    grants: new Map(s.grants),
    principals: new Set(s.principals),
  };
}

function kmsRepository(s: State): KmsRepository {
  return {
    keys: {
      create: async (record, tags) => {
        const key = { ...record, creationDate: new Date() };
        s.keys.set(id(record.accountId, record.keyId), key);
        s.tags.set(id(record.accountId, record.keyId), { ...tags });
        return { ...key };
      },
      get: async (accountId, keyId, now) => live(s.keys.get(id(accountId, keyId)), now),
      list: async (accountId, now) => [...s.keys.values()].filter((k) => k.accountId === accountId && live(k, now)),
      update: async (accountId, keyId, patch) => {
        const key = { ...s.keys.get(id(accountId, keyId))!, ...patch };
        s.keys.set(id(accountId, keyId), key);
        return { ...key };
      },
      tags: async (accountId, keyId) => ({ ...(s.tags.get(id(accountId, keyId)) ?? {}) }),
      putTags: async (accountId, keyId, tags) => void s.tags.set(id(accountId, keyId), { ...s.tags.get(id(accountId, keyId)), ...tags }),
      removeTags: async (accountId, keyId, keys) => {
        const t = s.tags.get(id(accountId, keyId)) ?? {};
        for (const k of keys) delete t[k];
      },
      listExpired: async (now) => [...s.keys.values()].filter((k) => k.deletionDate !== null && k.deletionDate <= now),
      delete: async (accountId, keyId) => s.keys.delete(id(accountId, keyId)),
    },
    aliases: {
      get: async (accountId, name) => s.aliases.get(id(accountId, name)) ?? null,
      list: async (accountId) => [...s.aliases.values()].filter((a) => a.accountId === accountId),
      listForKey: async (accountId, keyId) => [...s.aliases.values()].filter((a) => a.accountId === accountId && a.targetKeyId === keyId),
      create: async (accountId, aliasName, targetKeyId) => {
        const alias = { accountId, aliasName, targetKeyId, createdAt: new Date(), updatedAt: new Date() };
        s.aliases.set(id(accountId, aliasName), alias);
        return alias;
      },
      retarget: async (accountId, aliasName, targetKeyId) => void s.aliases.set(id(accountId, aliasName), { ...s.aliases.get(id(accountId, aliasName))!, targetKeyId }),
      delete: async (accountId, aliasName) => s.aliases.delete(id(accountId, aliasName)),
    },
    grants: {
      create: async (record) => {
        const grant = { ...record, createdAt: new Date() };
        s.grants.set(id(record.accountId, record.grantId), grant);
        return grant;
      },
      get: async (accountId, grantId) => s.grants.get(id(accountId, grantId)) ?? null,
      listForKey: async (accountId, keyId) => [...s.grants.values()].filter((g) => g.accountId === accountId && g.keyId === keyId),
      findByToken: async (token) => [...s.grants.values()].find((g) => g.grantToken === token) ?? null,
      listByRetiringPrincipal: async (arn) => [...s.grants.values()].filter((g) => g.retiringPrincipal === arn),
      delete: async (accountId, grantId) => s.grants.delete(id(accountId, grantId)),
    },
    principals: {
      userOrRoleArnExists: async (_accountId, arn) => s.principals.has(arn),
      roleNameExists: async (accountId, name) => [...s.principals].some((p) => p.startsWith(`arn:aws:iam::${accountId}:role/`) && p.endsWith(`/${name}`)),
      accountExists: async (accountId) => s.accounts.has(accountId),
    },
  };
}

/** An in-memory Store holding accounts and the KMS aggregate. */
export class KmsMemoryStore implements Store {
  private state: State = { accounts: new Map(), keys: new Map(), tags: new Map(), aliases: new Map(), grants: new Map(), principals: new Set() };
  /** Metadata of every committed change. */
  readonly audit: ChangeMeta[] = [];

  /** Adds an account (revision 0). */
  addAccount(accountId: string): void {
    this.state.accounts.set(accountId, { accountId, name: accountId, revision: 0n, createdAt: new Date() });
  }

  /** Declares an existing user or role ARN. */
  addPrincipal(arn: string): void {
    this.state.principals.add(arn);
  }

  /** Current revision of an account. */
  revision(accountId: string): bigint {
    return this.state.accounts.get(accountId)?.revision ?? -1n;
  }

  async change<T>(meta: ChangeMeta, work: (repos: TenantRepositories) => Promise<T>): Promise<ChangeResult<T>> {
    const draft = clone(this.state);
    const result = await work(this.repositories(draft));
    const account = draft.accounts.get(meta.accountId);
    if (!account) throw new Error(`no account ${meta.accountId}`);
    const revision = account.revision + 1n;
    draft.accounts.set(meta.accountId, { ...account, revision });
    this.state = draft;
    this.audit.push(meta);
    return { result, revision };
  }

  async read<T>(work: (repos: TenantRepositories) => Promise<T>): Promise<T> {
    return work(this.repositories(this.state));
  }

  private repositories(s: State): TenantRepositories {
    return { kms: kmsRepository(s) } as unknown as TenantRepositories;
  }
}
