/** An account (tenant). */
export interface AccountRecord {
  accountId: string;
  name: string;
  revision: bigint;
  createdAt: Date;
}

/** Accounts. */
export interface AccountRepository {
  create(accountId: string, name: string): Promise<AccountRecord>;
  get(accountId: string): Promise<AccountRecord | null>;
  /** Current revision, or null when the account does not exist. */
  revision(accountId: string): Promise<bigint | null>;
}

/** Who an access key belongs to. */
export type AccessKeyOwner = { kind: 'root' } | { kind: 'user'; userId: string };

/** A stored access key: only a hash of the secret is kept. */
export interface AccessKeyRecord {
  accountId: string;
  accessKeyId: string;
  /** Hex HMAC/SHA-256 of the secret; compared in constant time. */
  secretHash: string;
  owner: AccessKeyOwner;
  status: 'Active' | 'Inactive';
  createdAt: Date;
}

/** Access keys. Access key ids are globally unique (as in AWS), so authentication can look one up by id. */
export interface AccessKeyRepository {
  create(record: Omit<AccessKeyRecord, 'createdAt' | 'status'>): Promise<AccessKeyRecord>;
  /** Global lookup by id, used only by authentication. */
  findForAuthentication(accessKeyId: string): Promise<AccessKeyRecord | null>;
  listForOwner(accountId: string, owner: AccessKeyOwner): Promise<AccessKeyRecord[]>;
  setStatus(accountId: string, accessKeyId: string, status: 'Active' | 'Inactive'): Promise<boolean>;
  delete(accountId: string, accessKeyId: string): Promise<boolean>;
}
