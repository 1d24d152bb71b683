import { createTestAccount, startTestApp, type TestAccount, type TestApp } from '@keygate/testing/e2e';
import { allowPolicy, codeOf, iam, ok, trustPolicy } from './iam-e2e.helpers';

describe('IAM groups, roles and inline policies (e2e)', () => {
  let app: TestApp;
  let root: TestAccount;
  let cred: string;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    root = await createTestAccount(app);
    cred = root.credential;
  });

  it('creates groups, manages members, and refuses an 11th group for a user', async () => {
    const group = await ok(app, cred, 'createGroup', { groupName: 'Admins', path: '/ops/' });
    expect(group).toMatchObject({ groupName: 'Admins', path: '/ops/', arn: `arn:aws:iam::${root.accountId}:group/ops/Admins` });
    expect(group.groupId).toMatch(/^AGPA[A-Z0-9]{17}$/);
    expect(codeOf(await iam(app, cred, 'createGroup', { groupName: 'admins' }))).toBe('ALREADY_EXISTS');
    expect(codeOf(await iam(app, cred, 'createGroup', { groupName: 'g'.repeat(129) }))).toBe('VALIDATION_ERROR');
    await ok(app, cred, 'createUser', { userName: 'ann' });
    await ok(app, cred, 'addUserToGroup', { groupName: 'admins', userName: 'ann' });
    await ok(app, cred, 'addUserToGroup', { groupName: 'Admins', userName: 'ANN' });
    expect(await ok(app, cred, 'getGroup', { groupName: 'Admins' })).toEqual({ group, users: [{ userName: 'ann' }] });
    expect(await ok(app, cred, 'listGroupsForUser', { userName: 'ann' })).toEqual([{ groupName: 'Admins' }]);
    for (let i = 0; i < 9; i++) {
      await ok(app, cred, 'createGroup', { groupName: `g${i}` });
      await ok(app, cred, 'addUserToGroup', { groupName: `g${i}`, userName: 'ann' });
    }
    await ok(app, cred, 'createGroup', { groupName: 'eleventh' });
    expect(codeOf(await iam(app, cred, 'addUserToGroup', { groupName: 'eleventh', userName: 'ann' }))).toBe('LIMIT_EXCEEDED');
    expect(await ok(app, cred, 'listGroupsForUser', { userName: 'ann' })).toHaveLength(10);
    expect(codeOf(await iam(app, cred, 'deleteGroup', { groupName: 'Admins' }))).toBe('INVALID_STATE');
    await ok(app, cred, 'removeUserFromGroup', { groupName: 'Admins', userName: 'ann' });
    expect(codeOf(await iam(app, cred, 'removeUserFromGroup', { groupName: 'Admins', userName: 'ann' }))).toBe('NOT_FOUND');
    await ok(app, cred, 'deleteGroup', { groupName: 'Admins' });
    expect((await ok(app, cred, 'listGroups')).map((g: { groupName: string }) => g.groupName)).not.toContain('Admins');
    expect(codeOf(await iam(app, cred, 'addUserToGroup', { groupName: 'g0', userName: 'nobody' }))).toBe('NOT_FOUND');
  });

  it('creates a role with its trust policy stored byte-for-byte, gets, tags, lists and deletes it', async () => {
    const document = `{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::${root.accountId}:root" }, "Action": "sts:AssumeRole" } ] }`;
    const role = await ok(app, cred, 'createRole', { roleName: 'Deployer', assumeRolePolicyDocument: document, path: '/ci/', description: 'CI', maxSessionDuration: 7200, tags: [{ key: 'k', value: 'v' }] });
    expect(role).toMatchObject({ roleName: 'Deployer', arn: `arn:aws:iam::${root.accountId}:role/ci/Deployer`, assumeRolePolicyDocument: document, maxSessionDuration: 7200, description: 'CI' });
    expect(role.roleId).toMatch(/^AROA[A-Z0-9]{17}$/);
    expect(await ok(app, cred, 'getRole', { roleName: 'deployer' })).toEqual(role);
    expect(await ok(app, cred, 'listRoles')).toEqual([role]);
    expect(await ok(app, cred, 'listRoleTags', { roleName: 'Deployer' })).toEqual([{ key: 'k', value: 'v' }]);
    await ok(app, cred, 'tagRole', { roleName: 'Deployer', tags: [{ key: 'x', value: 'y' }] });
    await ok(app, cred, 'untagRole', { roleName: 'Deployer', tagKeys: ['k'] });
    expect(await ok(app, cred, 'listRoleTags', { roleName: 'Deployer' })).toEqual([{ key: 'x', value: 'y' }]);
    await ok(app, cred, 'putRolePermissionsBoundary', { roleName: 'Deployer', permissionsBoundary: 'arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser' });
    expect((await ok(app, cred, 'getRole', { roleName: 'Deployer' })).permissionsBoundary).toEqual({ permissionsBoundaryArn: 'arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser' });
    await ok(app, cred, 'deleteRolePermissionsBoundary', { roleName: 'Deployer' });
    const powerUser = 'arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser';
    await ok(app, cred, 'attachRolePolicy', { roleName: 'Deployer', policyArn: powerUser });
    expect(codeOf(await iam(app, cred, 'deleteRole', { roleName: 'Deployer' }))).toBe('INVALID_STATE');
    await ok(app, cred, 'detachRolePolicy', { roleName: 'Deployer', policyArn: powerUser });
    expect(await ok(app, cred, 'listAttachedRolePolicies', { roleName: 'Deployer' })).toEqual([]);
    await ok(app, cred, 'putRolePolicy', { roleName: 'Deployer', policyName: 'inline', policyDocument: allowPolicy() });
    expect(codeOf(await iam(app, cred, 'deleteRole', { roleName: 'Deployer' }))).toBe('INVALID_STATE');
    await ok(app, cred, 'deleteRolePolicy', { roleName: 'Deployer', policyName: 'INLINE' });
    await ok(app, cred, 'deleteRole', { roleName: 'Deployer' });
    expect(await ok(app, cred, 'listRoles')).toEqual([]);
  });

  it('validates the trust policy as a resource policy (Principal required) and its size', async () => {
    const noPrincipal = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] });
    const res = await iam(app, cred, 'createRole', { roleName: 'R', assumeRolePolicyDocument: noPrincipal });
    expect(codeOf(res)).toBe('MALFORMED_POLICY_DOCUMENT');
    expect(res.errors?.[0].extensions?.findings).toEqual(expect.arrayContaining([expect.objectContaining({ issueCode: 'MISSING_PRINCIPAL', findingType: 'ERROR' })]));
    expect(codeOf(await iam(app, cred, 'createRole', { roleName: 'R', assumeRolePolicyDocument: 'not json' }))).toBe('MALFORMED_POLICY_DOCUMENT');
    const principals = Array.from({ length: 60 }, (_, i) => `arn:aws:iam::${root.accountId}:user/user-number-${i}`);
    const big = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principals }, Action: 'sts:AssumeRole' }] });
    expect(codeOf(await iam(app, cred, 'createRole', { roleName: 'R', assumeRolePolicyDocument: big }))).toBe('LIMIT_EXCEEDED');
    for (const input of [{ roleName: 'r'.repeat(65) }, { roleName: 'R', path: '//x' }, { roleName: 'R', maxSessionDuration: 60 }]) {
      expect(codeOf(await iam(app, cred, 'createRole', { assumeRolePolicyDocument: trustPolicy(root.accountId), ...input }))).toBe('VALIDATION_ERROR');
    }
    await ok(app, cred, 'createRole', { roleName: 'R', assumeRolePolicyDocument: trustPolicy(root.accountId) });
    expect(codeOf(await iam(app, cred, 'createRole', { roleName: 'r', assumeRolePolicyDocument: trustPolicy(root.accountId) }))).toBe('ALREADY_EXISTS');
    expect((await ok(app, cred, 'listRoles')).map((r: { roleName: string }) => r.roleName)).toEqual(['R']);
  });

  it.each([
    ['user', 'putUserPolicy', 'getUserPolicy', 'listUserPolicies', 'deleteUserPolicy', 'userName', 2048],
    ['group', 'putGroupPolicy', 'getGroupPolicy', 'listGroupPolicies', 'deleteGroupPolicy', 'groupName', 5120],
    ['role', 'putRolePolicy', 'getRolePolicy', 'listRolePolicies', 'deleteRolePolicy', 'roleName', 10240],
  ] as const)('inline %s policies: create or replace, get, list, delete, aggregate size quota', async (kind, put, get, list, del, field, max) => {
    if (kind === 'user') await ok(app, cred, 'createUser', { userName: 'h' });
    if (kind === 'group') await ok(app, cred, 'createGroup', { groupName: 'h' });
    if (kind === 'role') await ok(app, cred, 'createRole', { roleName: 'h', assumeRolePolicyDocument: trustPolicy(root.accountId) });
    await ok(app, cred, put, { [field]: 'h', policyName: 'Read', policyDocument: allowPolicy('kms:DescribeKey') });
    await ok(app, cred, put, { [field]: 'h', policyName: 'read', policyDocument: allowPolicy('kms:GetKeyPolicy') });
    expect(await ok(app, cred, get, { [field]: 'h', policyName: 'READ' })).toEqual({ [field]: 'h', policyName: 'read', policyDocument: allowPolicy('kms:GetKeyPolicy') });
    expect(await ok(app, cred, list, { [field]: 'h' })).toEqual(['read']);
    const malformed = await iam(app, cred, put, { [field]: 'h', policyName: 'Bad', policyDocument: '{"Statement":[]}' });
    expect(codeOf(malformed)).toBe('MALFORMED_POLICY_DOCUMENT');
    expect(codeOf(await iam(app, cred, put, { [field]: 'h', policyName: 'bad name', policyDocument: allowPolicy() }))).toBe('VALIDATION_ERROR');
    // Fill up to the aggregate quota with a second document, then one character more is refused.
    const used = allowPolicy('kms:GetKeyPolicy').length;
    const filler = (n: number) => allowPolicy('kms:DescribeKey', `arn:aws:kms:us-east-1:${root.accountId}:key/${'k'.repeat(n)}`);
    const base = filler(0).length;
    await ok(app, cred, put, { [field]: 'h', policyName: 'Filler', policyDocument: filler(max - used - base) });
    const over = await iam(app, cred, put, { [field]: 'h', policyName: 'Extra', policyDocument: allowPolicy() });
    expect(codeOf(over)).toBe('LIMIT_EXCEEDED');
    expect(await ok(app, cred, list, { [field]: 'h' })).toEqual(['Filler', 'read']);
    await ok(app, cred, del, { [field]: 'h', policyName: 'Filler' });
    expect(codeOf(await iam(app, cred, del, { [field]: 'h', policyName: 'Filler' }))).toBe('NOT_FOUND');
    expect(codeOf(await iam(app, cred, get, { [field]: 'h', policyName: 'Filler' }))).toBe('NOT_FOUND');
    expect(codeOf(await iam(app, cred, put, { [field]: 'nope', policyName: 'x', policyDocument: allowPolicy() }))).toBe('NOT_FOUND');
  });
});
