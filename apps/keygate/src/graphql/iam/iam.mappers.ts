/** IAM records (core) to GraphQL output types. */
import type { GroupRecord, ListedPolicyRecord, PolicyVersionRecord, RoleRecord, UserRecord } from '@keygate/core';
import type { AttachedPermissionsBoundary, Group, ManagedPolicy, PolicyVersion, Role, User } from './iam.types';

function boundary(arn: string | null): AttachedPermissionsBoundary | null {
  return arn ? { permissionsBoundaryType: 'Policy', permissionsBoundaryArn: arn } : null;
}

/** A user. */
export function toUser(u: UserRecord): User {
  return { userName: u.userName, userId: u.userId, arn: u.arn, path: u.path, createDate: u.createdAt, permissionsBoundary: boundary(u.permissionsBoundaryArn) };
}

/** A group. */
export function toGroup(g: GroupRecord): Group {
  return { groupName: g.groupName, groupId: g.groupId, arn: g.arn, path: g.path, createDate: g.createdAt };
}

/** A role. */
export function toRole(r: RoleRecord): Role {
  return {
    roleName: r.roleName,
    roleId: r.roleId,
    arn: r.arn,
    path: r.path,
    assumeRolePolicyDocument: r.assumeRolePolicyDocument,
    createDate: r.createdAt,
    maxSessionDuration: r.maxSessionDuration,
    description: r.description,
    permissionsBoundary: boundary(r.permissionsBoundaryArn),
  };
}

/** A managed policy with the caller account's attachment count. */
export function toManagedPolicy(p: ListedPolicyRecord): ManagedPolicy {
  return {
    policyName: p.policyName,
    policyId: p.policyId,
    arn: p.arn,
    path: p.path,
    defaultVersionId: p.defaultVersionId,
    attachmentCount: p.attachmentCount,
    description: p.description,
    isAttachable: true,
    createDate: p.createdAt,
    updateDate: p.updatedAt,
  };
}

/** A policy version. */
export function toPolicyVersion(v: PolicyVersionRecord): PolicyVersion {
  return { versionId: v.versionId, document: v.document, isDefaultVersion: v.isDefaultVersion, createDate: v.createdAt };
}
