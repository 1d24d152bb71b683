import { createTestAccount, startTestApp, type TestAccount, type TestApp } from '@keygate/testing/e2e';
import { codeOf, iam, ok } from './iam-e2e.helpers';

describe('IAM users and access keys (e2e)', () => {
  let app: TestApp;
  let root: TestAccount;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    root = await createTestAccount(app);
  });

  it('creates, gets, lists and deletes a user with AWS-shaped ids and ARNs', async () => {
    const user = await ok(app, root.credential, 'createUser', { userName: 'alice', path: '/engineering/', tags: [{ key: 'team', value: 'kms' }] });
    expect(user).toMatchObject({ userName: 'alice', path: '/engineering/', arn: `arn:aws:iam::${root.accountId}:user/engineering/alice`, permissionsBoundary: null });
    expect(user.userId).toMatch(/^AIDA[A-Z0-9]{17}$/);
    expect(await ok(app, root.credential, 'getUser', { userName: 'ALICE' })).toEqual(user);
    expect(await ok(app, root.credential, 'listUsers')).toEqual([user]);
    expect(await ok(app, root.credential, 'listUserTags', { userName: 'alice' })).toEqual([{ key: 'team', value: 'kms' }]);
    expect(await ok(app, root.credential, 'deleteUser', { userName: 'alice' })).toBe(true);
    expect(await ok(app, root.credential, 'listUsers')).toEqual([]);
    expect(codeOf(await iam(app, root.credential, 'getUser', { userName: 'alice' }))).toBe('NOT_FOUND');
  });

  it('answers ALREADY_EXISTS for a name differing only in case, and stores nothing', async () => {
    await ok(app, root.credential, 'createUser', { userName: 'alice' });
    const res = await iam(app, root.credential, 'createUser', { userName: 'Alice' });
    expect(codeOf(res)).toBe('ALREADY_EXISTS');
    expect(res.errors?.[0].message).toContain('"Alice"');
    expect((await ok(app, root.credential, 'listUsers')).map((u: { userName: string }) => u.userName)).toEqual(['alice']);
  });

  it.each([
    [{ userName: '' }],
    [{ userName: 'x'.repeat(65) }],
    [{ userName: 'bad name' }],
    [{ userName: '\u0430lice' }],
    [{ userName: "alice';DROP TABLE \"iam_user\";--" }],
    [{ userName: 'ok', path: 'no-slashes' }],
    [{ userName: 'ok', path: '/missing-trailing' }],
    [{ userName: 'ok', path: `/${'a'.repeat(511)}/` }],
    [{ userName: 'ok', path: '/sp ace/' }],
    [{ userName: 'ok', tags: [{ key: '', value: 'v' }] }],
    [{ userName: 'ok', tags: [{ key: 'k', value: 'v'.repeat(257) }] }],
    [{ userName: 'ok', tags: [{ key: 'Team', value: 'a' }, { key: 'team', value: 'b' }] }],
  ])('rejects %j with VALIDATION_ERROR quoting the input, and stores nothing', async (input) => {
    const res = await iam(app, root.credential, 'createUser', input);
    expect(codeOf(res)).toBe('VALIDATION_ERROR');
    expect(res.errors?.[0].message).toMatch(/"/);
    expect(await ok(app, root.credential, 'listUsers')).toEqual([]);
  });

  it('answers LIMIT_EXCEEDED for 51 tags', async () => {
    const tags = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    expect(codeOf(await iam(app, root.credential, 'createUser', { userName: 'ok', tags }))).toBe('LIMIT_EXCEEDED');
    expect(await ok(app, root.credential, 'listUsers')).toEqual([]);
  });

  it('tags and untags a user (keys case-insensitive) and refuses a 51st tag', async () => {
    await ok(app, root.credential, 'createUser', { userName: 'bob' });
    await ok(app, root.credential, 'tagUser', { userName: 'bob', tags: [{ key: 'Env', value: 'dev' }] });
    await ok(app, root.credential, 'tagUser', { userName: 'bob', tags: [{ key: 'env', value: 'prod' }] });
    expect(await ok(app, root.credential, 'listUserTags', { userName: 'bob' })).toEqual([{ key: 'env', value: 'prod' }]);
    const many = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: '' }));
    expect(codeOf(await iam(app, root.credential, 'tagUser', { userName: 'bob', tags: many }))).toBe('LIMIT_EXCEEDED');
    await ok(app, root.credential, 'untagUser', { userName: 'bob', tagKeys: ['ENV', 'absent'] });
    expect(await ok(app, root.credential, 'listUserTags', { userName: 'bob' })).toEqual([]);
  });

  it('creates at most 2 access keys per user; lists, deactivates and deletes them', async () => {
    await ok(app, root.credential, 'createUser', { userName: 'carol' });
    const first = await ok(app, root.credential, 'createAccessKey', { userName: 'carol' });
    expect(first.accessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
    expect(first.secretAccessKey).toHaveLength(40);
    await ok(app, root.credential, 'createAccessKey', { userName: 'carol' });
    expect(codeOf(await iam(app, root.credential, 'createAccessKey', { userName: 'carol' }))).toBe('LIMIT_EXCEEDED');
    const listed = await ok(app, root.credential, 'listAccessKeys', { userName: 'carol' });
    expect(listed).toHaveLength(2);
    expect(JSON.stringify(listed)).not.toContain(first.secretAccessKey);
    await ok(app, root.credential, 'updateAccessKey', { userName: 'carol', accessKeyId: first.accessKeyId, status: 'Inactive' });
    const asCarol = `${first.accessKeyId}:${first.secretAccessKey}`;
    expect(codeOf(await iam(app, asCarol, 'getUser'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await iam(app, root.credential, 'updateAccessKey', { userName: 'carol', accessKeyId: first.accessKeyId, status: 'Off' }))).toBe(
      'VALIDATION_ERROR',
    );
    await ok(app, root.credential, 'deleteAccessKey', { userName: 'carol', accessKeyId: first.accessKeyId });
    expect(await ok(app, root.credential, 'listAccessKeys', { userName: 'carol' })).toHaveLength(1);
    expect(codeOf(await iam(app, root.credential, 'deleteAccessKey', { userName: 'carol', accessKeyId: first.accessKeyId }))).toBe('NOT_FOUND');
  });

  it("lets the root manage its own keys but never lose the last active one", async () => {
    const keys = await ok(app, root.credential, 'listAccessKeys');
    expect(keys).toEqual([expect.objectContaining({ accessKeyId: root.accessKeyId, userName: null, status: 'Active' })]);
    const res = await iam(app, root.credential, 'deleteAccessKey', { accessKeyId: root.accessKeyId });
    expect(codeOf(res)).toBe('INVALID_STATE');
    expect(await ok(app, root.credential, 'listAccessKeys')).toHaveLength(1);
  });

  it('authenticates a user key as that user (getUser without a name is the caller)', async () => {
    const user = await ok(app, root.credential, 'createUser', { userName: 'dave' });
    const key = await ok(app, root.credential, 'createAccessKey', { userName: 'dave' });
    const asDave = `${key.accessKeyId}:${key.secretAccessKey}`;
    const res = await iam(app, asDave, 'listUsers');
    expect(codeOf(res)).toBe('ACCESS_DENIED');
    expect(res.errors?.[0].message).toBe(
      `User: ${user.arn} is not authorized to perform: iam:ListUsers because no identity-based policy allows the iam:ListUsers action`,
    );
  });

  it('refuses to delete a user that still has keys, policies or groups (INVALID_STATE), then deletes it', async () => {
    await ok(app, root.credential, 'createUser', { userName: 'erin' });
    const key = await ok(app, root.credential, 'createAccessKey', { userName: 'erin' });
    expect(codeOf(await iam(app, root.credential, 'deleteUser', { userName: 'erin' }))).toBe('INVALID_STATE');
    await ok(app, root.credential, 'deleteAccessKey', { userName: 'erin', accessKeyId: key.accessKeyId });
    await ok(app, root.credential, 'createGroup', { groupName: 'devs' });
    await ok(app, root.credential, 'addUserToGroup', { groupName: 'devs', userName: 'erin' });
    expect(codeOf(await iam(app, root.credential, 'deleteUser', { userName: 'erin' }))).toBe('INVALID_STATE');
    await ok(app, root.credential, 'removeUserFromGroup', { groupName: 'devs', userName: 'erin' });
    expect(await ok(app, root.credential, 'deleteUser', { userName: 'erin' })).toBe(true);
  });

  it('refuses the operator token with ACCESS_DENIED', async () => {
    expect(codeOf(await iam(app, app.operatorToken, 'listUsers'))).toBe('ACCESS_DENIED');
    expect(codeOf(await iam(app, app.operatorToken, 'createUser', { userName: 'x' }))).toBe('ACCESS_DENIED');
  });
});
