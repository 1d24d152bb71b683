/** GraphQL documents and small helpers shared by the IAM e2e specs (variables only, never spliced). */
import { gql, type GqlResponse, type TestApp } from '@keygate/testing/e2e';

const USER = 'userName userId arn path createDate permissionsBoundary { permissionsBoundaryType permissionsBoundaryArn }';
const GROUP = 'groupName groupId arn path createDate';
const ROLE = 'roleName roleId arn path assumeRolePolicyDocument createDate maxSessionDuration description permissionsBoundary { permissionsBoundaryArn }';
const POLICY = 'policyName policyId arn path defaultVersionId attachmentCount description isAttachable createDate updateDate';
const VERSION = 'versionId document isDefaultVersion createDate';

function mutation(name: string, inputType: string, selection = ''): string {
  return `mutation Op($input: ${inputType}!) { ${name}(input: $input)${selection ? ` { ${selection} }` : ''} }`;
}
function query(name: string, inputType: string | null, selection = '', optional = false): string {
  if (!inputType) return `query Op { ${name}${selection ? ` { ${selection} }` : ''} }`;
  return `query Op($input: ${inputType}${optional ? '' : '!'}) { ${name}(input: $input)${selection ? ` { ${selection} }` : ''} }`;
}

/** Every IAM operation, by its field name. */
export const OPS = {
  createUser: mutation('createUser', 'CreateUserInput', USER),
  getUser: query('getUser', 'GetUserInput', USER, true),
  listUsers: query('listUsers', null, USER),
  deleteUser: mutation('deleteUser', 'DeleteUserInput'),
  createAccessKey: mutation('createAccessKey', 'CreateAccessKeyInput', 'accessKeyId secretAccessKey status createDate'),
  updateAccessKey: mutation('updateAccessKey', 'UpdateAccessKeyInput'),
  deleteAccessKey: mutation('deleteAccessKey', 'DeleteAccessKeyInput'),
  listAccessKeys: query('listAccessKeys', 'ListAccessKeysInput', 'userName accessKeyId status createDate', true),
  createGroup: mutation('createGroup', 'CreateGroupInput', GROUP),
  getGroup: query('getGroup', 'GetGroupInput', `group { ${GROUP} } users { userName }`),
  listGroups: query('listGroups', null, GROUP),
  deleteGroup: mutation('deleteGroup', 'DeleteGroupInput'),
  addUserToGroup: mutation('addUserToGroup', 'AddUserToGroupInput'),
  removeUserFromGroup: mutation('removeUserFromGroup', 'RemoveUserFromGroupInput'),
  listGroupsForUser: query('listGroupsForUser', 'ListGroupsForUserInput', 'groupName'),
  createRole: mutation('createRole', 'CreateRoleInput', ROLE),
  getRole: query('getRole', 'GetRoleInput', ROLE),
  listRoles: query('listRoles', null, ROLE),
  deleteRole: mutation('deleteRole', 'DeleteRoleInput'),
  createPolicy: mutation('createPolicy', 'CreatePolicyInput', POLICY),
  getPolicy: query('getPolicy', 'GetPolicyInput', POLICY),
  listPolicies: query('listPolicies', null, POLICY),
  deletePolicy: mutation('deletePolicy', 'DeletePolicyInput'),
  getPolicyVersion: query('getPolicyVersion', 'GetPolicyVersionInput', VERSION),
  listPolicyVersions: query('listPolicyVersions', 'ListPolicyVersionsInput', VERSION),
  createPolicyVersion: mutation('createPolicyVersion', 'CreatePolicyVersionInput', VERSION),
  setDefaultPolicyVersion: mutation('setDefaultPolicyVersion', 'SetDefaultPolicyVersionInput'),
  deletePolicyVersion: mutation('deletePolicyVersion', 'DeletePolicyVersionInput'),
  attachUserPolicy: mutation('attachUserPolicy', 'AttachUserPolicyInput'),
  attachGroupPolicy: mutation('attachGroupPolicy', 'AttachGroupPolicyInput'),
  attachRolePolicy: mutation('attachRolePolicy', 'AttachRolePolicyInput'),
  detachUserPolicy: mutation('detachUserPolicy', 'DetachUserPolicyInput'),
  detachGroupPolicy: mutation('detachGroupPolicy', 'DetachGroupPolicyInput'),
  detachRolePolicy: mutation('detachRolePolicy', 'DetachRolePolicyInput'),
  listAttachedUserPolicies: query('listAttachedUserPolicies', 'ListAttachedUserPoliciesInput', 'policyName policyArn'),
  listAttachedGroupPolicies: query('listAttachedGroupPolicies', 'ListAttachedGroupPoliciesInput', 'policyName policyArn'),
  listAttachedRolePolicies: query('listAttachedRolePolicies', 'ListAttachedRolePoliciesInput', 'policyName policyArn'),
  putUserPolicy: mutation('putUserPolicy', 'PutUserPolicyInput'),
  putGroupPolicy: mutation('putGroupPolicy', 'PutGroupPolicyInput'),
  putRolePolicy: mutation('putRolePolicy', 'PutRolePolicyInput'),
  getUserPolicy: query('getUserPolicy', 'GetUserPolicyInput', 'userName policyName policyDocument'),
  getGroupPolicy: query('getGroupPolicy', 'GetGroupPolicyInput', 'groupName policyName policyDocument'),
  getRolePolicy: query('getRolePolicy', 'GetRolePolicyInput', 'roleName policyName policyDocument'),
  deleteUserPolicy: mutation('deleteUserPolicy', 'DeleteUserPolicyInput'),
  deleteGroupPolicy: mutation('deleteGroupPolicy', 'DeleteGroupPolicyInput'),
  deleteRolePolicy: mutation('deleteRolePolicy', 'DeleteRolePolicyInput'),
  listUserPolicies: query('listUserPolicies', 'ListUserPoliciesInput'),
  listGroupPolicies: query('listGroupPolicies', 'ListGroupPoliciesInput'),
  listRolePolicies: query('listRolePolicies', 'ListRolePoliciesInput'),
  putUserPermissionsBoundary: mutation('putUserPermissionsBoundary', 'PutUserPermissionsBoundaryInput'),
  deleteUserPermissionsBoundary: mutation('deleteUserPermissionsBoundary', 'DeleteUserPermissionsBoundaryInput'),
  putRolePermissionsBoundary: mutation('putRolePermissionsBoundary', 'PutRolePermissionsBoundaryInput'),
  deleteRolePermissionsBoundary: mutation('deleteRolePermissionsBoundary', 'DeleteRolePermissionsBoundaryInput'),
  tagUser: mutation('tagUser', 'TagUserInput'),
  untagUser: mutation('untagUser', 'UntagUserInput'),
  listUserTags: query('listUserTags', 'ListUserTagsInput', 'key value'),
  tagRole: mutation('tagRole', 'TagRoleInput'),
  untagRole: mutation('untagRole', 'UntagRoleInput'),
  listRoleTags: query('listRoleTags', 'ListRoleTagsInput', 'key value'),
  tagPolicy: mutation('tagPolicy', 'TagPolicyInput'),
  untagPolicy: mutation('untagPolicy', 'UntagPolicyInput'),
  listPolicyTags: query('listPolicyTags', 'ListPolicyTagsInput', 'key value'),
} as const;

/** An IAM operation name. */
export type IamOp = keyof typeof OPS;

/** Calls one IAM operation with `input` as its only variable. */
export function iam(app: TestApp, credential: string, op: IamOp, input?: Record<string, unknown>): Promise<GqlResponse> {
  return gql(app.url, credential, OPS[op], input === undefined ? {} : { input });
}

/** Calls an operation and fails the test with the errors when it does not succeed. */
export async function ok<T = any>(app: TestApp, credential: string, op: IamOp, input?: Record<string, unknown>): Promise<T> {
  const res = await iam(app, credential, op, input);
  if (res.errors) throw new Error(`${op} failed: ${JSON.stringify(res.errors)}`);
  return res.data[op] as T;
}

/** The extensions.code of the first error (undefined on success). */
export function codeOf(res: GqlResponse): string | undefined {
  return res.errors?.[0]?.extensions?.code as string | undefined;
}

/** The AWS managed policy every account can see. */
export const POWER_USER_ARN = 'arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser';

/** A small valid identity policy. */
export function allowPolicy(action = 'kms:DescribeKey', resource = '*'): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });
}

/** A valid role trust policy (a resource policy with a Principal). */
export function trustPolicy(accountId: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'sts:AssumeRole' }],
  });
}
