/**
 * Storage ports. Persistence implements them (libs/persistence); use cases depend only on these.
 * INVARIANT: every repository method takes the account id first; a lookup of another tenant's
 * object answers exactly like a missing one (null / empty).
 *
 * Each feature adds its repository to TenantRepositories (one member per aggregate).
 */
import type { AccessKeyRepository, AccountRepository } from './account.repository';
import type { KmsRepository } from './kms.repository';
import type {
  IamGroupRepository,
  IamHolderPolicyRepository,
  IamPolicyRepository,
  IamRoleRepository,
  IamTagRepository,
  IamUserRepository,
} from './iam-repositories.port';

/** All repositories, bound either to a transaction (change) or to the pool (read). */
export interface TenantRepositories {
  accounts: AccountRepository;
  accessKeys: AccessKeyRepository;
  kms: KmsRepository;
  iamUsers: IamUserRepository;
  iamGroups: IamGroupRepository;
  iamRoles: IamRoleRepository;
  iamPolicies: IamPolicyRepository;
  iamHolderPolicies: IamHolderPolicyRepository;
  iamTags: IamTagRepository;
}

/** What an admin change records in the audit log. */
export interface ChangeMeta {
  accountId: string;
  /** ARN of the caller ("operator" for the operator token). */
  actorArn: string;
  /** The IAM/KMS action the change mirrors, e.g. "iam:CreateUser". */
  action: string;
  /** ARN of the object changed (or "*"). */
  resource: string;
  /** Non-secret request details for the audit row. */
  details?: Record<string, unknown>;
}

/** The result of a committed change: the work's result and the account's new revision. */
export interface ChangeResult<T> {
  result: T;
  revision: bigint;
}

/** Unit of work over the database. */
export interface Store {
  /**
   * Runs `work` in ONE transaction that also writes the audit row, bumps the account revision and
   * sends NOTIFY (delivered at commit). Any throw rolls everything back: nothing half-written.
   * The account row must exist when work returns (createAccount inserts it inside work).
   */
  change<T>(meta: ChangeMeta, work: (repos: TenantRepositories) => Promise<T>): Promise<ChangeResult<T>>;
  /** Runs reads outside a transaction. */
  read<T>(work: (repos: TenantRepositories) => Promise<T>): Promise<T>;
}

/** DI token for the Store. */
export const STORE = Symbol('STORE');
