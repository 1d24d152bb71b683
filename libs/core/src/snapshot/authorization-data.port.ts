/**
 * Port: the raw authorization data of ONE account, read in one consistent transaction.
 * Persistence implements it with a handful of bulk queries; compileSnapshot turns it into an
 * immutable, compiled AccountSnapshot.
 */

/** An inline policy of a user, group or role. */
export interface InlinePolicyRow {
  name: string;
  document: string;
}

/** A managed policy referenced by the account (its own, or an AWS managed one of account "aws"). */
export interface ManagedPolicyRow {
  /** The policy ARN; attachments and boundaries reference policies by it. */
  arn: string;
  /** The document of the default version. */
  document: string;
}

/** An IAM user. */
export interface UserRow {
  userId: string;
  name: string;
  path: string;
  arn: string;
  tags: Record<string, string>;
  /** ARN of the managed policy used as permissions boundary. */
  boundaryArn?: string;
  inlinePolicies: InlinePolicyRow[];
  /** ARNs of the attached managed policies. */
  managedPolicyArns: string[];
  groupIds: string[];
}

/** An IAM group. */
export interface GroupRow {
  groupId: string;
  name: string;
  arn: string;
  inlinePolicies: InlinePolicyRow[];
  managedPolicyArns: string[];
}

/** An IAM role. */
export interface RoleRow {
  roleId: string;
  name: string;
  path: string;
  arn: string;
  tags: Record<string, string>;
  boundaryArn?: string;
  inlinePolicies: InlinePolicyRow[];
  managedPolicyArns: string[];
  trustPolicy: string;
}

/** A KMS key. */
export interface KeyRow {
  keyId: string;
  arn: string;
  region: string;
  keyState: 'ENABLED' | 'DISABLED' | 'PENDING_DELETION' | 'PENDING_IMPORT';
  keySpec: string;
  keyUsage: string;
  origin: string;
  description: string;
  /** Key policy text as stored. */
  policy: string;
  /** Epoch ms of deletion_date (PENDING_DELETION keys); once it has passed the key no longer exists. */
  deletionDateMs?: number;
  tags: Record<string, string>;
  /** Changes with every change of the key, its tags, aliases or grants (absent: never reused). */
  changeToken?: string;
}

/** A KMS alias. */
export interface AliasRow {
  aliasName: string;
  targetKeyId: string;
}

/** A KMS grant. */
export interface GrantRow {
  grantId: string;
  keyId: string;
  granteePrincipal: string;
  retiringPrincipal?: string;
  operations: string[];
  constraints?: { encryptionContextEquals?: Record<string, string>; encryptionContextSubset?: Record<string, string> };
  grantToken: string;
  name?: string;
}

/** Everything authorization needs about one account, as of `revision`. */
export interface AccountAuthorizationData {
  accountId: string;
  /** The account revision read in the same transaction as the rows. */
  revision: bigint;
  users: UserRow[];
  groups: GroupRow[];
  roles: RoleRow[];
  /** Every managed policy attached to (or used as boundary by) a principal of the account. */
  managedPolicies: ManagedPolicyRow[];
  /** Every key, or with `keysChangedSince` only the keys changed at or after that revision. */
  keys: KeyRow[];
  /** Every alias of the account. */
  aliases: AliasRow[];
  /** The grants of the keys in `keys`. */
  grants: GrantRow[];
  /**
   * Set when the load was asked for the keys changed since a revision (LoadOptions): `keys` and
   * `grants` then cover only the keys whose key row, tags, aliases or grants changed at or after
   * it, and `keyTokens` lists every key of the account with its current change token.
   */
  keysChangedSince?: bigint;
  keyTokens?: Array<{ keyId: string; token: string }>;
  /**
   * The account's IAM token, read with the rows: it changes with every change of the account's
   * users, groups, roles, their tags, memberships and policies, or of the AWS managed policies.
   * Absent from sources that do not track it (their snapshots are never reused for IAM).
   */
  iamToken?: string;
  /**
   * Set when the load was given the IAM token (LoadOptions.iamToken) and it was still current:
   * `users`, `groups`, `roles` and `managedPolicies` are then empty, not read, and the IAM part of
   * the snapshot holding that token is current.
   */
  iamUnchanged?: true;
}

/** Options of AuthorizationDataSource.load(). */
export interface LoadOptions {
  /**
   * Read only the keys changed at or after this revision (plus every key's id and change token): the revision
   * of the snapshot being refreshed, whose entries the unchanged keys keep.
   */
  keysChangedSince?: bigint;
  /**
   * The IAM token of the snapshot being refreshed: while the account's token is still this one,
   * the IAM rows are not read (AccountAuthorizationData.iamUnchanged).
   */
  iamToken?: string;
}

/** Reads authorization data from the database. */
export interface AuthorizationDataSource {
  /** The rows of one account, all read from one MVCC snapshot; null when the account does not exist. */
  load(accountId: string, options?: LoadOptions): Promise<AccountAuthorizationData | null>;
  /** Current revisions (cheap); all accounts when `accountIds` is omitted. Missing accounts are absent. */
  revisions(accountIds?: readonly string[]): Promise<Map<string, bigint>>;
}

/** DI token for AuthorizationDataSource. */
export const AUTHORIZATION_DATA_SOURCE = Symbol('AUTHORIZATION_DATA_SOURCE');
