/**
 * In-memory Store for unit specs of use cases. Implements the account and access-key repositories
 * only; other repositories are absent (using one fails loudly). change() is atomic: work runs on a
 * copy that is committed only when it returns.
 */
import type {
  AccessKeyOwner,
  AccessKeyRecord,
  AccountRecord,
  ChangeMeta,
  ChangeResult,
  Store,
  TenantRepositories,
} from '@keygate/core';

interface State {
  accounts: Map<string, AccountRecord>;
  accessKeys: Map<string, AccessKeyRecord>;
}

const sameOwner = (a: AccessKeyOwner, b: AccessKeyOwner) =>
  a.kind === b.kind && (a.kind === 'root' || (b.kind === 'user' && a.userId === b.userId));

function copy(state: State): State {
  return { accounts: new Map(state.accounts), accessKeys: new Map(state.accessKeys) };
}

function repositories(state: State, now: () => Date): TenantRepositories {
  const repos = {
    accounts: {
      create: async (accountId: string, name: string) => {
        const record = { accountId, name, revision: 0n, createdAt: now() };
        state.accounts.set(accountId, record);
        return record;
      },
      get: async (accountId: string) => state.accounts.get(accountId) ?? null,
      revision: async (accountId: string) => state.accounts.get(accountId)?.revision ?? null,
    },
    accessKeys: {
      create: async (record: Omit<AccessKeyRecord, 'createdAt' | 'status'>) => {
        const stored: AccessKeyRecord = { ...record, status: 'Active', createdAt: now() };
        state.accessKeys.set(record.accessKeyId, stored);
        return stored;
      },
      findForAuthentication: async (accessKeyId: string) => state.accessKeys.get(accessKeyId) ?? null,
      listForOwner: async (accountId: string, owner: AccessKeyOwner) =>
        [...state.accessKeys.values()].filter((k) => k.accountId === accountId && sameOwner(k.owner, owner)),
      setStatus: async (accountId: string, accessKeyId: string, status: 'Active' | 'Inactive') => {
        const key = state.accessKeys.get(accessKeyId);
        if (!key || key.accountId !== accountId) return false;
        state.accessKeys.set(accessKeyId, { ...key, status });
        return true;
      },
      delete: async (accountId: string, accessKeyId: string) =>
        state.accessKeys.get(accessKeyId)?.accountId === accountId && state.accessKeys.delete(accessKeyId),
    },
  };
  return repos as unknown as TenantRepositories;
}

/** A Store kept in memory, with the audit trail of committed changes. */
export class InMemoryStore implements Store {
  private state: State = { accounts: new Map(), accessKeys: new Map() };
  /** Metadata of every committed change, in order. */
  readonly audit: ChangeMeta[] = [];

  constructor(private readonly now: () => Date = () => new Date()) {}

  async change<T>(meta: ChangeMeta, work: (repos: TenantRepositories) => Promise<T>): Promise<ChangeResult<T>> {
    const draft = copy(this.state);
    const result = await work(repositories(draft, this.now));
    const account = draft.accounts.get(meta.accountId);
    if (!account) throw new Error(`change(): account ${meta.accountId} does not exist`);
    const revision = account.revision + 1n;
    draft.accounts.set(meta.accountId, { ...account, revision });
    this.state = draft;
    this.audit.push(meta);
    return { result, revision };
  }

  async read<T>(work: (repos: TenantRepositories) => Promise<T>): Promise<T> {
    return work(repositories(this.state, this.now));
  }
}
