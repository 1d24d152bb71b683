/**
 * Tenant isolation (reliability plan §3.4, rows 31-34): nothing of account B is visible or
 * changeable from account A. Every call A makes with B's names and ARNs is made twice: before B
 * creates the objects (they exist nowhere) and after; the two answers must be byte-identical, so A
 * cannot even tell that they exist. B's revision and data stay unchanged.
 */
import { createTestAccount, gql, startTestApp, type TestAccount, type TestApp } from '@keygate/testing/e2e';
import { allowPolicy, iam, type IamOp, ok, trustPolicy } from './iam-e2e.helpers';

const REVISION = 'query Revision { accountRevision }';

describe('tenant isolation (e2e)', () => {
  let app: TestApp;
  let a: TestAccount;
  let b: TestAccount;
  beforeAll(async () => {
    app = await startTestApp();
    a = await createTestAccount(app);
    b = await createTestAccount(app);
    await ok(app, a.credential, 'createUser', { userName: 'alice' });
  });
  afterAll(() => app.close());

  /** Every probe A makes with B's names and ARNs. */
  function probes(): Array<[IamOp, Record<string, unknown> | undefined]> {
    const policyArn = `arn:aws:iam::${b.accountId}:policy/team/Shared`;
    return [
      ['getUser', { userName: 'bob' }],
      ['deleteUser', { userName: 'bob' }],
      ['createAccessKey', { userName: 'bob' }],
      ['listAccessKeys', { userName: 'bob' }],
      ['listGroupsForUser', { userName: 'bob' }],
      ['tagUser', { userName: 'bob', tags: [{ key: 'k', value: 'v' }] }],
      ['untagUser', { userName: 'bob', tagKeys: ['team'] }],
      ['listUserTags', { userName: 'bob' }],
      ['putUserPolicy', { userName: 'bob', policyName: 'inline', policyDocument: allowPolicy() }],
      ['getUserPolicy', { userName: 'bob', policyName: 'inline' }],
      ['listUserPolicies', { userName: 'bob' }],
      ['deleteUserPolicy', { userName: 'bob', policyName: 'inline' }],
      ['attachUserPolicy', { userName: 'bob', policyArn }],
      ['attachUserPolicy', { userName: 'alice', policyArn }],
      ['detachUserPolicy', { userName: 'alice', policyArn }],
      ['putUserPermissionsBoundary', { userName: 'alice', permissionsBoundary: policyArn }],
      ['listAttachedUserPolicies', { userName: 'bob' }],
      ['getGroup', { groupName: 'team' }],
      ['deleteGroup', { groupName: 'team' }],
      ['addUserToGroup', { groupName: 'team', userName: 'bob' }],
      ['addUserToGroup', { groupName: 'team', userName: 'alice' }],
      ['removeUserFromGroup', { groupName: 'team', userName: 'bob' }],
      ['attachGroupPolicy', { groupName: 'team', policyArn }],
      ['putGroupPolicy', { groupName: 'team', policyName: 'inline', policyDocument: allowPolicy() }],
      ['getRole', { roleName: 'runner' }],
      ['deleteRole', { roleName: 'runner' }],
      ['tagRole', { roleName: 'runner', tags: [{ key: 'k', value: 'v' }] }],
      ['listRoleTags', { roleName: 'runner' }],
      ['attachRolePolicy', { roleName: 'runner', policyArn }],
      ['putRolePolicy', { roleName: 'runner', policyName: 'inline', policyDocument: allowPolicy() }],
      ['putRolePermissionsBoundary', { roleName: 'runner', permissionsBoundary: policyArn }],
      ['getPolicy', { policyArn }],
      ['deletePolicy', { policyArn }],
      ['getPolicyVersion', { policyArn, versionId: 'v1' }],
      ['listPolicyVersions', { policyArn }],
      ['createPolicyVersion', { policyArn, policyDocument: allowPolicy(), setAsDefault: true }],
      ['setDefaultPolicyVersion', { policyArn, versionId: 'v1' }],
      ['deletePolicyVersion', { policyArn, versionId: 'v1' }],
      ['tagPolicy', { policyArn, tags: [{ key: 'k', value: 'v' }] }],
      ['listPolicyTags', { policyArn }],
      ['listUsers', undefined],
      ['listGroups', undefined],
      ['listRoles', undefined],
      ['listPolicies', undefined],
    ];
  }

  async function probeAll(): Promise<string[]> {
    const answers: string[] = [];
    for (const [op, input] of probes()) {
      const res = await iam(app, a.credential, op, input);
      answers.push(`${op} ${JSON.stringify(input)} -> ${res.status} ${JSON.stringify({ data: res.data, errors: res.errors })}`);
    }
    return answers;
  }

  async function populateB(): Promise<string> {
    const cred = b.credential;
    await ok(app, cred, 'createUser', { userName: 'bob', tags: [{ key: 'team', value: 'b' }] });
    await ok(app, cred, 'createGroup', { groupName: 'team' });
    await ok(app, cred, 'addUserToGroup', { groupName: 'team', userName: 'bob' });
    await ok(app, cred, 'createRole', { roleName: 'runner', assumeRolePolicyDocument: trustPolicy(b.accountId) });
    const policy = await ok(app, cred, 'createPolicy', { policyName: 'Shared', path: '/team/', policyDocument: allowPolicy() });
    await ok(app, cred, 'attachUserPolicy', { userName: 'bob', policyArn: policy.arn });
    await ok(app, cred, 'putUserPolicy', { userName: 'bob', policyName: 'inline', policyDocument: allowPolicy() });
    const key = await ok(app, cred, 'createAccessKey', { userName: 'bob' });
    return key.accessKeyId as string;
  }

  async function snapshotB(): Promise<unknown> {
    const cred = b.credential;
    return {
      revision: (await gql(app.url, cred, REVISION)).data?.accountRevision,
      users: await ok(app, cred, 'listUsers'),
      groups: await ok(app, cred, 'getGroup', { groupName: 'team' }),
      roles: await ok(app, cred, 'listRoles'),
      policies: await ok(app, cred, 'listPolicies'),
      attached: await ok(app, cred, 'listAttachedUserPolicies', { userName: 'bob' }),
      inline: await ok(app, cred, 'getUserPolicy', { userName: 'bob', policyName: 'inline' }),
      keys: await ok(app, cred, 'listAccessKeys', { userName: 'bob' }),
      tags: await ok(app, cred, 'listUserTags', { userName: 'bob' }),
    };
  }

  it("answers A's calls with B's names and ARNs exactly as for objects that exist nowhere, and changes nothing of B", async () => {
    const before = await probeAll();
    const bobKeyId = await populateB();
    const bState = await snapshotB();
    expect((bState as { revision?: string }).revision).toMatch(/^\d+$/);
    const after = await probeAll();
    expect(after).toEqual(before);
    // Holders are looked up by name in A only: NOT_FOUND. Operations on B's policy ARN itself are
    // decided by the engine first: another account's IAM resource has no resource policy, so
    // ACCESS_DENIED, whatever exists there (AWS behaves the same way).
    for (const answer of after.filter((x) => !x.includes(' undefined -> '))) {
      const onPolicyArn = /^(getPolicy|deletePolicy|\w*PolicyVersions?|tagPolicy|listPolicyTags) /.test(answer);
      expect(answer).toContain(onPolicyArn ? '"code":"ACCESS_DENIED"' : '"code":"NOT_FOUND"');
    }
    const state = bState as { users: Array<{ userId: string }>; groups: { group: { groupId: string } }; roles: Array<{ roleId: string }>; policies: Array<{ policyId: string; arn: string }> };
    const bIds = [
      ...state.users.map((u) => u.userId),
      state.groups.group.groupId,
      ...state.roles.map((r) => r.roleId),
      ...state.policies.filter((p) => p.arn.includes(b.accountId)).map((p) => p.policyId),
    ];
    expect(bIds).toHaveLength(4);
    for (const answer of after) for (const id of bIds) expect(answer).not.toContain(id);

    // Access key ids are global: B's key answers like a random unknown id (ids substituted).
    const unknownKey = 'AKIAZZZZZZZZZZZZZZZZ';
    for (const op of ['updateAccessKey', 'deleteAccessKey'] as const) {
      const input = (id: string) => ({ accessKeyId: id, ...(op === 'updateAccessKey' ? { status: 'Inactive' } : {}) });
      const forB = await iam(app, a.credential, op, input(bobKeyId));
      const forUnknown = await iam(app, a.credential, op, input(unknownKey));
      expect(JSON.stringify(forB).split(bobKeyId).join('ID')).toBe(JSON.stringify(forUnknown).split(unknownKey).join('ID'));
      expect(forB.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    expect(await snapshotB()).toEqual(bState);
  });

  it('keeps names unique per account only: A may create the same names B uses', async () => {
    const c = await createTestAccount(app);
    await ok(app, c.credential, 'createUser', { userName: 'shared-name' });
    await ok(app, c.credential, 'createPolicy', { policyName: 'SharedPolicy', policyDocument: allowPolicy() });
    await ok(app, a.credential, 'createUser', { userName: 'SHARED-NAME' });
    await ok(app, a.credential, 'createPolicy', { policyName: 'sharedpolicy', policyDocument: allowPolicy() });
    expect((await ok(app, c.credential, 'listUsers')).map((u: { userName: string }) => u.userName)).toEqual(['shared-name']);
  });
});
