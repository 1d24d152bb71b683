/** IAM records as the repositories return them (all scoped to one account). */

/** The account id of the pseudo-account that owns the read-only AWS managed policies. */
export const AWS_MANAGED_ACCOUNT = 'aws';

/** A tag of a user, role or policy (keys unique case-insensitively per object). */
export interface IamTag {
  key: string;
  value: string;
}

/** Points at a managed policy: of the tenant itself or of the "aws" pseudo-account. */
export interface PolicyRef {
  accountId: string;
  policyId: string;
}

/** An IAM user. */
export interface UserRecord {
  accountId: string;
  userId: string;
  userName: string;
  path: string;
  arn: string;
  createdAt: Date;
  /** ARN of the permissions boundary (a managed policy), if any. */
  permissionsBoundaryArn: string | null;
}

/** An IAM group. */
export interface GroupRecord {
  accountId: string;
  groupId: string;
  groupName: string;
  path: string;
  arn: string;
  createdAt: Date;
}

/** An IAM role. */
export interface RoleRecord {
  accountId: string;
  roleId: string;
  roleName: string;
  path: string;
  arn: string;
  assumeRolePolicyDocument: string;
  maxSessionDuration: number;
  description: string | null;
  createdAt: Date;
  permissionsBoundaryArn: string | null;
}

/** A managed policy (customer managed, or AWS managed when accountId is "aws"). */
export interface ManagedPolicyRecord {
  accountId: string;
  policyId: string;
  policyName: string;
  path: string;
  arn: string;
  description: string | null;
  defaultVersionId: string;
  /** Number of the last version created; version ids are never reused. */
  versionCounter: number;
  createdAt: Date;
  updatedAt: Date;
}

/** One version of a managed policy. */
export interface PolicyVersionRecord {
  versionId: string;
  document: string;
  isDefaultVersion: boolean;
  createdAt: Date;
}

/** A managed policy as a list shows it to one account: with that account's attachment count. */
export interface ListedPolicyRecord extends ManagedPolicyRecord {
  attachmentCount: number;
}

/** The principals and groups policies attach to. */
export type PolicyHolderKind = 'user' | 'group' | 'role';

/** A user, group or role, by its unique id. */
export interface PolicyHolder {
  kind: PolicyHolderKind;
  id: string;
}

/** A managed policy attached to a holder. */
export interface AttachedPolicyRecord {
  policyName: string;
  policyArn: string;
}

/** An inline policy of a holder. */
export interface InlinePolicyRecord {
  policyName: string;
  document: string;
}

/** Objects that carry IAM tags. */
export type TaggableKind = 'user' | 'role' | 'policy';
