import { createTestAccount, gql, startTestApp, type TestAccount, type TestApp } from '@keygate/testing/e2e';
import { allowPolicy, codeOf, iam, ok, POWER_USER_ARN } from './iam-e2e.helpers';

/** IAM users act only with what their identity policies (own, groups', boundary) allow. */
describe('IAM self-authorization of IAM users (e2e)', () => {
  let app: TestApp;
  let root: TestAccount;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    root = await createTestAccount(app);
  });

  async function userWithKey(userName: string): Promise<{ arn: string; cred: string }> {
    const user = await ok(app, root.credential, 'createUser', { userName });
    const key = await ok(app, root.credential, 'createAccessKey', { userName });
    return { arn: user.arn, cred: `${key.accessKeyId}:${key.secretAccessKey}` };
  }

  it('denies a user without policies in the AWS form and changes nothing', async () => {
    const bob = await userWithKey('bob');
    const revision = async () => (await gql(app.url, root.credential, 'query Revision { accountRevision }')).data?.accountRevision;
    const before = await revision();
    expect(before).toMatch(/^\d+$/);
    const res = await iam(app, bob.cred, 'createUser', { userName: 'mallory' });
    expect(codeOf(res)).toBe('ACCESS_DENIED');
    expect(res.errors?.[0].message).toBe(
      `User: ${bob.arn} is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${root.accountId}:user/mallory because no identity-based policy allows the iam:CreateUser action`,
    );
    const attach = await iam(app, bob.cred, 'attachUserPolicy', { userName: 'bob', policyArn: POWER_USER_ARN });
    expect(codeOf(attach)).toBe('ACCESS_DENIED');
    expect(attach.errors?.[0].message).toContain(`iam:AttachUserPolicy on resource: ${bob.arn} because`);
    expect((await ok(app, root.credential, 'listUsers')).map((u: { userName: string }) => u.userName)).toEqual(['bob']);
    expect(await ok(app, root.credential, 'listAttachedUserPolicies', { userName: 'bob' })).toEqual([]);
    expect(await revision()).toBe(before);
  });

  it('lets the AWS managed power-user policy list users but not create them', async () => {
    const ann = await userWithKey('ann');
    await ok(app, root.credential, 'attachUserPolicy', { userName: 'ann', policyArn: POWER_USER_ARN });
    expect((await ok(app, ann.cred, 'listUsers')).map((u: { userName: string }) => u.userName)).toEqual(['ann']);
    expect(codeOf(await iam(app, ann.cred, 'createUser', { userName: 'x' }))).toBe('ACCESS_DENIED');
    expect(codeOf(await iam(app, ann.cred, 'getPolicy', { policyArn: POWER_USER_ARN }))).toBe('ACCESS_DENIED');
  });

  it('honours resource ARNs with paths, policy variables, group policies, explicit denies and boundaries', async () => {
    const cat = await userWithKey('cat');
    const ownKeys = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['iam:CreateAccessKey', 'iam:ListAccessKeys', 'iam:GetUser'], Resource: 'arn:aws:iam::*:user/${aws:username}' },
        { Effect: 'Allow', Action: 'iam:CreateUser', Resource: `arn:aws:iam::${root.accountId}:user/dev/*` },
      ],
    });
    await ok(app, root.credential, 'putUserPolicy', { userName: 'cat', policyName: 'self', policyDocument: ownKeys });
    expect((await ok(app, cat.cred, 'getUser')).arn).toBe(cat.arn);
    expect(await ok(app, cat.cred, 'listAccessKeys')).toHaveLength(1);
    expect((await ok(app, cat.cred, 'createAccessKey', {})).accessKeyId).toMatch(/^AKIA/);
    expect(codeOf(await iam(app, cat.cred, 'listAccessKeys', { userName: 'other' }))).toBe('ACCESS_DENIED');
    await ok(app, cat.cred, 'createUser', { userName: 'intern', path: '/dev/' });
    expect(codeOf(await iam(app, cat.cred, 'createUser', { userName: 'boss' }))).toBe('ACCESS_DENIED');

    await ok(app, root.credential, 'createGroup', { groupName: 'readers' });
    await ok(app, root.credential, 'putGroupPolicy', { groupName: 'readers', policyName: 'roles', policyDocument: allowPolicy('iam:ListRoles') });
    expect(codeOf(await iam(app, cat.cred, 'listRoles'))).toBe('ACCESS_DENIED');
    await ok(app, root.credential, 'addUserToGroup', { groupName: 'readers', userName: 'cat' });
    expect(await ok(app, cat.cred, 'listRoles')).toEqual([]);

    const deny = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:List*', Resource: '*' }] });
    const { arn: denyArn } = await ok(app, root.credential, 'createPolicy', { policyName: 'NoLists', policyDocument: deny });
    await ok(app, root.credential, 'attachGroupPolicy', { groupName: 'readers', policyArn: denyArn });
    const denied = await iam(app, cat.cred, 'listRoles');
    expect(denied.errors?.[0].message).toBe(`User: ${cat.arn} is not authorized to perform: iam:ListRoles with an explicit deny in an identity-based policy`);
    await ok(app, root.credential, 'detachGroupPolicy', { groupName: 'readers', policyArn: denyArn });

    const { arn: boundaryArn } = await ok(app, root.credential, 'createPolicy', { policyName: 'OnlyGetUser', policyDocument: allowPolicy('iam:GetUser') });
    await ok(app, root.credential, 'putUserPermissionsBoundary', { userName: 'cat', permissionsBoundary: boundaryArn });
    expect((await ok(app, cat.cred, 'getUser')).userName).toBe('cat');
    const bounded = await iam(app, cat.cred, 'listRoles');
    expect(bounded.errors?.[0].message).toBe(`User: ${cat.arn} is not authorized to perform: iam:ListRoles because no permissions boundary allows the iam:ListRoles action`);
  });
});
