/**
 * KMS storage port: keys (with their one key policy and tags), aliases and grants.
 * INVARIANT: every tenant method takes the account id first and answers for another tenant's
 * object exactly like for a missing one. A key whose deletionDate has passed is deleted: every
 * read takes `now` and treats such a key (with its aliases and grants) as absent, whether or not
 * the periodic sweep has purged its rows yet.
 */

/** Key states of the contract. */
export type KmsKeyState = 'ENABLED' | 'DISABLED' | 'PENDING_DELETION' | 'PENDING_IMPORT';

/** Key usages of the contract. */
export type KmsKeyUsage = 'ENCRYPT_DECRYPT' | 'SIGN_VERIFY' | 'GENERATE_VERIFY_MAC' | 'KEY_AGREEMENT';

/** A stored KMS key. */
export interface KmsKeyRecord {
  accountId: string;
  /** Lower-case UUID v4. */
  keyId: string;
  arn: string;
  region: string;
  description: string;
  keyState: KmsKeyState;
  keyUsage: KmsKeyUsage;
  keySpec: string;
  origin: string;
  creationDate: Date;
  deletionDate: Date | null;
  rotationEnabled: boolean;
  /** The key policy ("default"), byte-for-byte as written. */
  policy: string;
}

/** Fields a key update may change. */
export type KmsKeyPatch = Partial<Pick<KmsKeyRecord, 'description' | 'keyState' | 'deletionDate' | 'rotationEnabled' | 'policy'>>;

/** A stored alias ("alias/..." names are case-sensitive). */
export interface KmsAliasRecord {
  accountId: string;
  aliasName: string;
  targetKeyId: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Encryption-context constraints of a grant. */
export interface KmsGrantConstraints {
  encryptionContextEquals?: Record<string, string>;
  encryptionContextSubset?: Record<string, string>;
}

/** A stored grant (kept in the key's account). */
export interface KmsGrantRecord {
  accountId: string;
  grantId: string;
  keyId: string;
  granteePrincipal: string;
  retiringPrincipal: string | null;
  operations: string[];
  constraints: KmsGrantConstraints | null;
  name: string | null;
  grantToken: string;
  /** ARN of the account root that issued the grant (the caller's account). */
  issuingAccount: string;
  createdAt: Date;
}

/** Keys and their tags. */
export interface KmsKeyRepository {
  create(record: Omit<KmsKeyRecord, 'creationDate'>, tags: Record<string, string>): Promise<KmsKeyRecord>;
  /** The key, or null when missing, another tenant's, or past its deletionDate. */
  get(accountId: string, keyId: string, now: Date): Promise<KmsKeyRecord | null>;
  /** Live keys of the account, oldest first. */
  list(accountId: string, now: Date): Promise<KmsKeyRecord[]>;
  update(accountId: string, keyId: string, patch: KmsKeyPatch): Promise<KmsKeyRecord>;
  tags(accountId: string, keyId: string): Promise<Record<string, string>>;
  putTags(accountId: string, keyId: string, tags: Record<string, string>): Promise<void>;
  removeTags(accountId: string, keyId: string, tagKeys: string[]): Promise<void>;
  /** Keys of every account whose deletionDate is at or before `now` (for the sweep). */
  listExpired(now: Date, limit: number): Promise<Array<{ accountId: string; keyId: string }>>;
  /** Deletes the key with its tags, aliases and grants; false when it did not exist. */
  delete(accountId: string, keyId: string): Promise<boolean>;
}

/** Aliases. */
export interface KmsAliasRepository {
  get(accountId: string, aliasName: string): Promise<KmsAliasRecord | null>;
  list(accountId: string): Promise<KmsAliasRecord[]>;
  listForKey(accountId: string, keyId: string): Promise<KmsAliasRecord[]>;
  create(accountId: string, aliasName: string, targetKeyId: string): Promise<KmsAliasRecord>;
  retarget(accountId: string, aliasName: string, targetKeyId: string): Promise<void>;
  delete(accountId: string, aliasName: string): Promise<boolean>;
}

/** Grants. */
export interface KmsGrantRepository {
  create(record: Omit<KmsGrantRecord, 'createdAt'>): Promise<KmsGrantRecord>;
  get(accountId: string, grantId: string): Promise<KmsGrantRecord | null>;
  listForKey(accountId: string, keyId: string): Promise<KmsGrantRecord[]>;
  /** Global lookup by token (tokens are random secrets handed to the grant's creator). */
  findByToken(grantToken: string): Promise<KmsGrantRecord | null>;
  /** Grants of every account that name this retiring principal. */
  listByRetiringPrincipal(retiringPrincipal: string): Promise<KmsGrantRecord[]>;
  delete(accountId: string, grantId: string): Promise<boolean>;
}

/** Which principals of an account exist (for key-policy and grant principal checks). */
export interface KmsPrincipalDirectory {
  /** True when an IAM user or role with exactly this ARN exists in the account. */
  userOrRoleArnExists(accountId: string, arn: string): Promise<boolean>;
  /** True when a role with this name (any path) exists in the account (assumed-role session ARNs carry no path). */
  roleNameExists(accountId: string, roleName: string): Promise<boolean>;
  /** True when the account exists in this deployment. */
  accountExists(accountId: string): Promise<boolean>;
}

/** The KMS aggregate's repositories (one TenantRepositories member). */
export interface KmsRepository {
  keys: KmsKeyRepository;
  aliases: KmsAliasRepository;
  grants: KmsGrantRepository;
  principals: KmsPrincipalDirectory;
}
