/** Test fixtures (specs only): account rows and an in-memory AuthorizationDataSource. */
import type { AccountAuthorizationData, AuthorizationDataSource, KeyRow, UserRow } from './authorization-data.port';

/** A policy document allowing (or denying) actions on resources. */
export function policyDoc(effect: 'Allow' | 'Deny', action: string | string[], resource: string | string[] = '*', extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: effect, Action: action, Resource: resource, ...extra }] });
}

/** The §7.2 default key policy. */
export function defaultKeyPolicy(accountId: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' }],
  });
}

/** An empty account at a revision. */
export function emptyAccount(accountId: string, revision = 1n): AccountAuthorizationData {
  return { accountId, revision, users: [], groups: [], roles: [], managedPolicies: [], keys: [], aliases: [], grants: [] };
}

/** A user row with defaults. */
export function userRow(accountId: string, name: string, over: Partial<UserRow> = {}): UserRow {
  return { userId: `AIDA${name.toUpperCase()}`, name, path: '/', arn: `arn:aws:iam::${accountId}:user/${name}`, tags: {}, inlinePolicies: [], managedPolicyArns: [], groupIds: [], ...over };
}

/** A key row with defaults (ENABLED, default key policy). */
export function keyRow(accountId: string, keyId: string, over: Partial<KeyRow> = {}): KeyRow {
  return {
    keyId,
    arn: `arn:aws:kms:us-east-1:${accountId}:key/${keyId}`,
    region: 'us-east-1',
    keyState: 'ENABLED',
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    origin: 'AWS_KMS',
    description: '',
    policy: defaultKeyPolicy(accountId),
    tags: {},
    ...over,
  };
}

/** An AuthorizationDataSource over mutable in-memory accounts, with call counters and failure switches. */
export class FakeDataSource implements AuthorizationDataSource {
  readonly accounts = new Map<string, AccountAuthorizationData>();
  loads = 0;
  revisionCalls = 0;
  failing = false;
  /** When set, load() waits for it before answering. */
  gate: Promise<void> | undefined;

  constructor(...accounts: AccountAuthorizationData[]) {
    for (const a of accounts) this.accounts.set(a.accountId, a);
  }

  /** Replaces an account's rows and bumps its revision. */
  update(accountId: string, change: (data: AccountAuthorizationData) => Partial<AccountAuthorizationData>): bigint {
    const current = this.accounts.get(accountId)!;
    const next = { ...current, ...change(current), revision: current.revision + 1n };
    this.accounts.set(accountId, next);
    return next.revision;
  }

  async load(accountId: string): Promise<AccountAuthorizationData | null> {
    this.loads++;
    const data = this.accounts.get(accountId) ?? null;
    if (this.gate) await this.gate;
    if (this.failing) throw new Error('database unreachable');
    return data;
  }

  async revisions(accountIds?: readonly string[]): Promise<Map<string, bigint>> {
    this.revisionCalls++;
    if (this.failing) throw new Error('database unreachable');
    const ids = accountIds ?? [...this.accounts.keys()];
    const map = new Map<string, bigint>();
    for (const id of ids) {
      const a = this.accounts.get(id);
      if (a) map.set(id, a.revision);
    }
    return map;
  }
}
