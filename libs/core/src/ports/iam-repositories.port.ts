/**
 * IAM storage ports. INVARIANT: every method takes the tenant's account id first and never sees
 * another tenant's rows (another tenant's object answers like a missing one: null / false / []).
 * Names are looked up case-insensitively (IAM names are unique per account ignoring case).
 */
import type {
  AttachedPolicyRecord,
  GroupRecord,
  IamTag,
  InlinePolicyRecord,
  ListedPolicyRecord,
  ManagedPolicyRecord,
  PolicyHolder,
  PolicyRef,
  PolicyVersionRecord,
  RoleRecord,
  TaggableKind,
  UserRecord,
} from './iam-records.port';

/** What creating a user, group, role or policy needs besides the account id. */
export interface NewIamEntity {
  id: string;
  name: string;
  path: string;
  arn: string;
}

/** IAM users. */
export interface IamUserRepository {
  create(accountId: string, user: NewIamEntity): Promise<UserRecord>;
  findByName(accountId: string, userName: string): Promise<UserRecord | null>;
  findById(accountId: string, userId: string): Promise<UserRecord | null>;
  list(accountId: string): Promise<UserRecord[]>;
  delete(accountId: string, userId: string): Promise<boolean>;
}

/** IAM groups and their memberships. */
export interface IamGroupRepository {
  create(accountId: string, group: NewIamEntity): Promise<GroupRecord>;
  findByName(accountId: string, groupName: string): Promise<GroupRecord | null>;
  list(accountId: string): Promise<GroupRecord[]>;
  delete(accountId: string, groupId: string): Promise<boolean>;
  /** Idempotent. */
  addMember(accountId: string, groupId: string, userId: string): Promise<void>;
  removeMember(accountId: string, groupId: string, userId: string): Promise<boolean>;
  listForUser(accountId: string, userId: string): Promise<GroupRecord[]>;
  listMembers(accountId: string, groupId: string): Promise<UserRecord[]>;
}

/** What creating a role needs. */
export interface NewRole extends NewIamEntity {
  assumeRolePolicyDocument: string;
  maxSessionDuration: number;
  description: string | null;
}

/** IAM roles. */
export interface IamRoleRepository {
  create(accountId: string, role: NewRole): Promise<RoleRecord>;
  findByName(accountId: string, roleName: string): Promise<RoleRecord | null>;
  list(accountId: string): Promise<RoleRecord[]>;
  delete(accountId: string, roleId: string): Promise<boolean>;
}

/** What creating a managed policy needs (its first version is v1, the default). */
export interface NewManagedPolicy extends NewIamEntity {
  description: string | null;
  document: string;
}

/** Managed policies and their versions. `ownerAccountId` is the tenant or "aws". */
export interface IamPolicyRepository {
  create(accountId: string, policy: NewManagedPolicy): Promise<ManagedPolicyRecord>;
  /** A policy owned by `ownerAccountId` ("aws" for AWS managed ones) with this exact ARN. */
  findByArn(ownerAccountId: string, arn: string): Promise<ManagedPolicyRecord | null>;
  findByName(accountId: string, policyName: string): Promise<ManagedPolicyRecord | null>;
  /** The tenant's policies plus the AWS managed ones, with the tenant's attachment counts. */
  listVisible(accountId: string): Promise<ListedPolicyRecord[]>;
  /** Attachments of the policy inside `accountId` (users + groups + roles). */
  attachmentCount(accountId: string, policy: PolicyRef): Promise<number>;
  /** Users and roles of `accountId` using the policy as their permissions boundary. */
  boundaryUsageCount(accountId: string, policy: PolicyRef): Promise<number>;
  delete(accountId: string, policyId: string): Promise<boolean>;
  listVersions(ownerAccountId: string, policyId: string): Promise<PolicyVersionRecord[]>;
  getVersion(ownerAccountId: string, policyId: string, versionId: string): Promise<PolicyVersionRecord | null>;
  /** Adds version `v<versionCounter>`, stores the counter, and moves the default when asked. */
  addVersion(accountId: string, policyId: string, versionCounter: number, document: string, setAsDefault: boolean): Promise<PolicyVersionRecord>;
  setDefaultVersion(accountId: string, policyId: string, versionId: string): Promise<void>;
  deleteVersion(accountId: string, policyId: string, versionId: string): Promise<boolean>;
}

/** Managed-policy attachments, inline policies and permissions boundaries of users, groups and roles. */
export interface IamHolderPolicyRepository {
  /** Idempotent (attaching twice keeps one attachment, as in IAM). */
  attach(accountId: string, holder: PolicyHolder, policy: PolicyRef): Promise<void>;
  detach(accountId: string, holder: PolicyHolder, policy: PolicyRef): Promise<boolean>;
  listAttached(accountId: string, holder: PolicyHolder): Promise<AttachedPolicyRecord[]>;
  isAttached(accountId: string, holder: PolicyHolder, policy: PolicyRef): Promise<boolean>;
  /** Creates or replaces (the name is matched case-insensitively; the new spelling is kept). */
  putInline(accountId: string, holder: PolicyHolder, policyName: string, document: string): Promise<void>;
  getInline(accountId: string, holder: PolicyHolder, policyName: string): Promise<InlinePolicyRecord | null>;
  deleteInline(accountId: string, holder: PolicyHolder, policyName: string): Promise<boolean>;
  listInline(accountId: string, holder: PolicyHolder): Promise<InlinePolicyRecord[]>;
  /** Users and roles only; null removes the boundary. */
  setBoundary(accountId: string, holder: PolicyHolder, policy: PolicyRef | null): Promise<void>;
}

/** Tags of users, roles and managed policies (keys unique case-insensitively). */
export interface IamTagRepository {
  list(accountId: string, kind: TaggableKind, id: string): Promise<IamTag[]>;
  /** Adds tags or overwrites the values of existing keys (matched case-insensitively). */
  put(accountId: string, kind: TaggableKind, id: string, tags: IamTag[]): Promise<void>;
  /** Removes the keys (matched case-insensitively); absent keys are ignored. */
  remove(accountId: string, kind: TaggableKind, id: string, keys: string[]): Promise<void>;
}
