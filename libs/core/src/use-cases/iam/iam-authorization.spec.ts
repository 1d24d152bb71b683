/**
 * Every IAM operation self-authorizes FIRST with the IAM action it mirrors and the ARN it touches;
 * a deny is ACCESS_DENIED and nothing is written (Store.change is never reached).
 */
import type { AuthorizationRequest } from '@keygate/policy-engine';
import type { PrincipalCaller } from '../../auth/caller';
import { FactsOnlyIdentityPolicySource } from '../../authz/identity-policy-source.port';
import { SelfAuthorizer } from '../../authz/self-authorizer';
import { DomainError } from '../../errors/domain-error';
import type { Store, TenantRepositories } from '../../ports/store.port';
import {
  IamAccessKeysUseCases,
  IamAttachmentsUseCases,
  IamBoundariesAndTagsUseCases,
  IamGroupsUseCases,
  IamInlinePoliciesUseCases,
  IamManagedPoliciesUseCases,
  IamPolicyVersionsUseCases,
  IamRolesUseCases,
  IamUsersUseCases,
} from './index';

const ACCT = '111122223333';
const arn = (type: string, name: string) => `arn:aws:iam::${ACCT}:${type}/p/${name}`;
const POLICY = `arn:aws:iam::${ACCT}:policy/p/Pol`;
const AWS_POLICY = 'arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser';
const DOC = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:DescribeKey","Resource":"*"}]}';

// Every entity "exists" under path /p/, so the ARN authorized is the stored one (path included).
const repos = {
  iamUsers: { findByName: async (_a: string, name: string) => ({ userId: 'AIDAX', userName: name, arn: arn('user', name) }) },
  iamGroups: { findByName: async (_a: string, name: string) => ({ groupId: 'AGPAX', groupName: name, arn: arn('group', name) }) },
  iamRoles: { findByName: async (_a: string, name: string) => ({ roleId: 'AROAX', roleName: name, arn: arn('role', name) }) },
  iamPolicies: { findByArn: async (owner: string, policyArn: string) => ({ accountId: owner, policyId: 'ANPAX', arn: policyArn }) },
} as unknown as TenantRepositories;

function setup() {
  const seen: AuthorizationRequest[] = [];
  const change = jest.fn(async () => {
    throw new Error('Store.change must not run for a denied call');
  });
  const store = { read: async <T>(work: (r: TenantRepositories) => Promise<T>) => work(repos), change } as unknown as Store;
  const authz = new SelfAuthorizer({
    policies: new FactsOnlyIdentityPolicySource(),
    region: 'us-east-1',
    now: () => 0,
    decide: (request) => {
      seen.push(request);
      return { decision: 'IMPLICIT_DENY', matchedStatements: [], missingContextKeys: [], reason: `User: u is not authorized to perform: ${request.action}` };
    },
  });
  const deps = { store, authz };
  const uc = {
    users: new IamUsersUseCases(deps),
    keys: new IamAccessKeysUseCases(deps),
    groups: new IamGroupsUseCases(deps),
    roles: new IamRolesUseCases(deps),
    policies: new IamManagedPoliciesUseCases(deps),
    versions: new IamPolicyVersionsUseCases(deps),
    attachments: new IamAttachmentsUseCases(deps),
    inline: new IamInlinePoliciesUseCases(deps),
    extras: new IamBoundariesAndTagsUseCases(deps),
  };
  return { uc, seen, change };
}

type UseCases = ReturnType<typeof setup>['uc'];
const caller: PrincipalCaller = { kind: 'principal', accountId: ACCT, arn: `arn:aws:iam::${ACCT}:user/p/me`, principalType: 'user', accessKeyId: 'AKIAX', userId: 'AIDAME', userName: 'me' };
const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ACCT }, Action: 'sts:AssumeRole' }] });
const tags = [{ key: 'k', value: 'v' }];

const CASES: Array<[string, (u: UseCases) => Promise<unknown>, string, string]> = [
  ['createUser', (u) => u.users.createUser(caller, { userName: 'bob', path: '/dev/' }), 'iam:CreateUser', `arn:aws:iam::${ACCT}:user/dev/bob`],
  ['getUser', (u) => u.users.getUser(caller, 'bob'), 'iam:GetUser', arn('user', 'bob')],
  ['getUser (self)', (u) => u.users.getUser(caller), 'iam:GetUser', arn('user', 'me')],
  ['listUsers', (u) => u.users.listUsers(caller), 'iam:ListUsers', '*'],
  ['deleteUser', (u) => u.users.deleteUser(caller, 'bob'), 'iam:DeleteUser', arn('user', 'bob')],
  ['createAccessKey', (u) => u.keys.createAccessKey(caller, 'bob'), 'iam:CreateAccessKey', arn('user', 'bob')],
  ['createAccessKey (self)', (u) => u.keys.createAccessKey(caller), 'iam:CreateAccessKey', arn('user', 'me')],
  ['updateAccessKey', (u) => u.keys.updateAccessKey(caller, { userName: 'bob', accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', status: 'Inactive' }), 'iam:UpdateAccessKey', arn('user', 'bob')],
  ['deleteAccessKey', (u) => u.keys.deleteAccessKey(caller, { userName: 'bob', accessKeyId: 'AKIAAAAAAAAAAAAAAAAA' }), 'iam:DeleteAccessKey', arn('user', 'bob')],
  ['listAccessKeys', (u) => u.keys.listAccessKeys(caller, 'bob'), 'iam:ListAccessKeys', arn('user', 'bob')],
  ['createGroup', (u) => u.groups.createGroup(caller, { groupName: 'devs' }), 'iam:CreateGroup', `arn:aws:iam::${ACCT}:group/devs`],
  ['getGroup', (u) => u.groups.getGroup(caller, 'devs'), 'iam:GetGroup', arn('group', 'devs')],
  ['listGroups', (u) => u.groups.listGroups(caller), 'iam:ListGroups', '*'],
  ['deleteGroup', (u) => u.groups.deleteGroup(caller, 'devs'), 'iam:DeleteGroup', arn('group', 'devs')],
  ['addUserToGroup', (u) => u.groups.addUserToGroup(caller, { groupName: 'devs', userName: 'bob' }), 'iam:AddUserToGroup', arn('group', 'devs')],
  ['removeUserFromGroup', (u) => u.groups.removeUserFromGroup(caller, { groupName: 'devs', userName: 'bob' }), 'iam:RemoveUserFromGroup', arn('group', 'devs')],
  ['listGroupsForUser', (u) => u.groups.listGroupsForUser(caller, 'bob'), 'iam:ListGroupsForUser', arn('user', 'bob')],
  ['createRole', (u) => u.roles.createRole(caller, { roleName: 'r', assumeRolePolicyDocument: trust }), 'iam:CreateRole', `arn:aws:iam::${ACCT}:role/r`],
  ['getRole', (u) => u.roles.getRole(caller, 'r'), 'iam:GetRole', arn('role', 'r')],
  ['listRoles', (u) => u.roles.listRoles(caller), 'iam:ListRoles', '*'],
  ['deleteRole', (u) => u.roles.deleteRole(caller, 'r'), 'iam:DeleteRole', arn('role', 'r')],
  ['createPolicy', (u) => u.policies.createPolicy(caller, { policyName: 'Pol', policyDocument: DOC, path: '/p/' }), 'iam:CreatePolicy', POLICY],
  ['getPolicy', (u) => u.policies.getPolicy(caller, POLICY), 'iam:GetPolicy', POLICY],
  ['getPolicy (AWS managed)', (u) => u.policies.getPolicy(caller, AWS_POLICY), 'iam:GetPolicy', AWS_POLICY],
  ['listPolicies', (u) => u.policies.listPolicies(caller), 'iam:ListPolicies', '*'],
  ['deletePolicy', (u) => u.policies.deletePolicy(caller, POLICY), 'iam:DeletePolicy', POLICY],
  ['getPolicyVersion', (u) => u.versions.getPolicyVersion(caller, { policyArn: POLICY, versionId: 'v1' }), 'iam:GetPolicyVersion', POLICY],
  ['listPolicyVersions', (u) => u.versions.listPolicyVersions(caller, POLICY), 'iam:ListPolicyVersions', POLICY],
  ['createPolicyVersion', (u) => u.versions.createPolicyVersion(caller, { policyArn: POLICY, policyDocument: DOC }), 'iam:CreatePolicyVersion', POLICY],
  ['setDefaultPolicyVersion', (u) => u.versions.setDefaultPolicyVersion(caller, { policyArn: POLICY, versionId: 'v1' }), 'iam:SetDefaultPolicyVersion', POLICY],
  ['deletePolicyVersion', (u) => u.versions.deletePolicyVersion(caller, { policyArn: POLICY, versionId: 'v1' }), 'iam:DeletePolicyVersion', POLICY],
  ['attachUserPolicy', (u) => u.attachments.attach(caller, { kind: 'user', holderName: 'bob', policyArn: POLICY }), 'iam:AttachUserPolicy', arn('user', 'bob')],
  ['attachGroupPolicy', (u) => u.attachments.attach(caller, { kind: 'group', holderName: 'devs', policyArn: POLICY }), 'iam:AttachGroupPolicy', arn('group', 'devs')],
  ['attachRolePolicy', (u) => u.attachments.attach(caller, { kind: 'role', holderName: 'r', policyArn: POLICY }), 'iam:AttachRolePolicy', arn('role', 'r')],
  ['detachUserPolicy', (u) => u.attachments.detach(caller, { kind: 'user', holderName: 'bob', policyArn: POLICY }), 'iam:DetachUserPolicy', arn('user', 'bob')],
  ['listAttachedRolePolicies', (u) => u.attachments.listAttached(caller, 'role', 'r'), 'iam:ListAttachedRolePolicies', arn('role', 'r')],
  ['putUserPolicy', (u) => u.inline.put(caller, { kind: 'user', holderName: 'bob', policyName: 'i', policyDocument: DOC }), 'iam:PutUserPolicy', arn('user', 'bob')],
  ['putGroupPolicy', (u) => u.inline.put(caller, { kind: 'group', holderName: 'devs', policyName: 'i', policyDocument: DOC }), 'iam:PutGroupPolicy', arn('group', 'devs')],
  ['getRolePolicy', (u) => u.inline.get(caller, { kind: 'role', holderName: 'r', policyName: 'i' }), 'iam:GetRolePolicy', arn('role', 'r')],
  ['deleteUserPolicy', (u) => u.inline.delete(caller, { kind: 'user', holderName: 'bob', policyName: 'i' }), 'iam:DeleteUserPolicy', arn('user', 'bob')],
  ['listGroupPolicies', (u) => u.inline.list(caller, 'group', 'devs'), 'iam:ListGroupPolicies', arn('group', 'devs')],
  ['putUserPermissionsBoundary', (u) => u.extras.putBoundary(caller, 'user', 'bob', POLICY), 'iam:PutUserPermissionsBoundary', arn('user', 'bob')],
  ['deleteRolePermissionsBoundary', (u) => u.extras.deleteBoundary(caller, 'role', 'r'), 'iam:DeleteRolePermissionsBoundary', arn('role', 'r')],
  ['tagUser', (u) => u.extras.tag(caller, { kind: 'user', name: 'bob' }, tags), 'iam:TagUser', arn('user', 'bob')],
  ['untagRole', (u) => u.extras.untag(caller, { kind: 'role', name: 'r' }, ['k']), 'iam:UntagRole', arn('role', 'r')],
  ['tagPolicy', (u) => u.extras.tag(caller, { kind: 'policy', arn: POLICY }, tags), 'iam:TagPolicy', POLICY],
  ['listUserTags', (u) => u.extras.listTags(caller, { kind: 'user', name: 'bob' }), 'iam:ListUserTags', arn('user', 'bob')],
];

describe('IAM self-authorization (unit)', () => {
  it.each(CASES)('%s asks for %s on %s first, and a deny changes nothing', async (_name, run, action, resource) => {
    const { uc, seen, change } = setup();
    const error = await run(uc).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('ACCESS_DENIED');
    expect(seen.map((r) => [r.action, r.resource])).toEqual([[action, resource]]);
    expect(seen[0].principal.arn).toBe(caller.arn);
    expect(change).not.toHaveBeenCalled();
  });

  it('denies the operator token without consulting the engine or the store', async () => {
    const { uc, seen, change } = setup();
    for (const run of [() => uc.users.listUsers({ kind: 'operator' }), () => uc.users.createUser({ kind: 'operator' }, { userName: 'x' })]) {
      await expect(run()).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    }
    expect(seen).toEqual([]);
    expect(change).not.toHaveBeenCalled();
  });
});
