import { AWS_MANAGED_POLICIES } from '@keygate/policy-engine';
import { createTestAccount, startTestApp, type TestAccount, type TestApp } from '@keygate/testing/e2e';
import { allowPolicy, codeOf, iam, ok, POWER_USER_ARN } from './iam-e2e.helpers';

describe('IAM managed policies, versions and attachments (e2e)', () => {
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

  const customerPolicies = async () =>
    (await ok(app, cred, 'listPolicies')).filter((p: { arn: string }) => !p.arn.startsWith('arn:aws:iam::aws:'));

  it('creates and gets a policy; lists it beside the AWS managed ones with attachment counts', async () => {
    const created = await ok(app, cred, 'createPolicy', { policyName: 'KmsRead', policyDocument: allowPolicy(), path: '/team/', description: 'read keys' });
    expect(created).toMatchObject({
      policyName: 'KmsRead',
      arn: `arn:aws:iam::${root.accountId}:policy/team/KmsRead`,
      path: '/team/',
      defaultVersionId: 'v1',
      attachmentCount: 0,
      description: 'read keys',
      isAttachable: true,
    });
    expect(created.policyId).toMatch(/^ANPA[A-Z0-9]{17}$/);
    expect(await ok(app, cred, 'getPolicy', { policyArn: created.arn })).toEqual(created);
    await ok(app, cred, 'createUser', { userName: 'u1' });
    await ok(app, cred, 'createGroup', { groupName: 'g1' });
    await ok(app, cred, 'createRole', { roleName: 'r1', assumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: root.accountId }, Action: 'sts:AssumeRole' }] }) });
    await ok(app, cred, 'attachUserPolicy', { userName: 'u1', policyArn: created.arn });
    await ok(app, cred, 'attachUserPolicy', { userName: 'u1', policyArn: created.arn });
    await ok(app, cred, 'attachGroupPolicy', { groupName: 'g1', policyArn: created.arn });
    await ok(app, cred, 'attachRolePolicy', { roleName: 'r1', policyArn: POWER_USER_ARN });
    const listed = await ok(app, cred, 'listPolicies');
    const byArn = new Map(listed.map((p: { arn: string }) => [p.arn, p]));
    expect(byArn.get(created.arn)).toMatchObject({ attachmentCount: 2 });
    expect(byArn.get(POWER_USER_ARN)).toMatchObject({ policyName: 'AWSKeyManagementServicePowerUser', defaultVersionId: 'v2', attachmentCount: 1 });
    expect(await ok(app, cred, 'listAttachedUserPolicies', { userName: 'u1' })).toEqual([{ policyName: 'KmsRead', policyArn: created.arn }]);
    expect(await ok(app, cred, 'listAttachedGroupPolicies', { groupName: 'g1' })).toEqual([{ policyName: 'KmsRead', policyArn: created.arn }]);
    expect(await ok(app, cred, 'listAttachedRolePolicies', { roleName: 'r1' })).toEqual([
      { policyName: 'AWSKeyManagementServicePowerUser', policyArn: POWER_USER_ARN },
    ]);
  });

  it('reads the AWS managed power-user policy exactly as AWS publishes it, and refuses to change it', async () => {
    const version = await ok(app, cred, 'getPolicyVersion', { policyArn: POWER_USER_ARN, versionId: 'v2' });
    expect(version).toMatchObject({ versionId: 'v2', isDefaultVersion: true, document: AWS_MANAGED_POLICIES.AWSKeyManagementServicePowerUser.document });
    for (const [op, input] of [
      ['deletePolicy', { policyArn: POWER_USER_ARN }],
      ['createPolicyVersion', { policyArn: POWER_USER_ARN, policyDocument: allowPolicy(), setAsDefault: true }],
      ['setDefaultPolicyVersion', { policyArn: POWER_USER_ARN, versionId: 'v2' }],
      ['tagPolicy', { policyArn: POWER_USER_ARN, tags: [{ key: 'a', value: 'b' }] }],
    ] as const) {
      const res = await iam(app, cred, op, input);
      expect(codeOf(res)).toBe('ACCESS_DENIED');
      expect(res.errors?.[0].message).toMatch(
        new RegExp(`^User: ${root.arn} is not authorized to perform: ${'iam:'}\\w+ on resource: ${POWER_USER_ARN} because `),
      );
    }
    expect(await ok(app, cred, 'listPolicyVersions', { policyArn: POWER_USER_ARN })).toHaveLength(1);
  });

  it('answers MALFORMED_POLICY_DOCUMENT with the findings in extensions, and stores nothing', async () => {
    for (const policyDocument of ['{"Version":"2012-10-17","Statement":[', '[]', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*' }] })]) {
      const res = await iam(app, cred, 'createPolicy', { policyName: 'Bad', policyDocument });
      expect(codeOf(res)).toBe('MALFORMED_POLICY_DOCUMENT');
      const findings = res.errors?.[0].extensions?.findings as Array<{ findingType: string; issueCode: string }>;
      expect(findings.some((f) => f.findingType === 'ERROR' && f.issueCode.length > 0)).toBe(true);
    }
    const principal = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }] });
    expect(codeOf(await iam(app, cred, 'createPolicy', { policyName: 'Bad', policyDocument: principal }))).toBe('MALFORMED_POLICY_DOCUMENT');
    expect(await customerPolicies()).toEqual([]);
  });

  it('answers LIMIT_EXCEEDED above 6,144 non-whitespace characters but ignores whitespace', async () => {
    const actions = (n: number) => Array.from({ length: n }, (_, i) => `kms:Describe${String(i).padStart(4, '0')}`);
    const big = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions(400), Resource: '*' }] });
    expect(big.replace(/\s/g, '').length).toBeGreaterThan(6144);
    expect(codeOf(await iam(app, cred, 'createPolicy', { policyName: 'Big', policyDocument: big }))).toBe('LIMIT_EXCEEDED');
    const spaced = allowPolicy().replace('{', `{${' \n\t'.repeat(2500)}`);
    expect(spaced.length).toBeGreaterThan(6144);
    await ok(app, cred, 'createPolicy', { policyName: 'Spaced', policyDocument: spaced });
    expect((await customerPolicies()).map((p: { policyName: string }) => p.policyName)).toEqual(['Spaced']);
  });

  it('validates names, paths and ARNs (VALIDATION_ERROR) and duplicate names ignoring case (ALREADY_EXISTS)', async () => {
    for (const input of [{ policyName: '' }, { policyName: 'x'.repeat(129) }, { policyName: 'a/b' }, { policyName: 'ok', path: 'x' }]) {
      expect(codeOf(await iam(app, cred, 'createPolicy', { policyDocument: allowPolicy(), ...input }))).toBe('VALIDATION_ERROR');
    }
    await ok(app, cred, 'createPolicy', { policyName: 'Shared', policyDocument: allowPolicy() });
    expect(codeOf(await iam(app, cred, 'createPolicy', { policyName: 'SHARED', policyDocument: allowPolicy() }))).toBe('ALREADY_EXISTS');
    await ok(app, cred, 'createUser', { userName: 'u' });
    for (const policyArn of ['not-an-arn', `arn:aws:iam::${root.accountId}:user/u`, 'arn:aws:s3:::bucket']) {
      expect(codeOf(await iam(app, cred, 'attachUserPolicy', { userName: 'u', policyArn }))).toBe('VALIDATION_ERROR');
    }
    const missing = await iam(app, cred, 'attachUserPolicy', { userName: 'u', policyArn: `arn:aws:iam::${root.accountId}:policy/Nope` });
    expect(codeOf(missing)).toBe('NOT_FOUND');
    expect(await ok(app, cred, 'listAttachedUserPolicies', { userName: 'u' })).toEqual([]);
  });

  it('answers LIMIT_EXCEEDED for an 11th attached policy, for users, groups and roles', async () => {
    await ok(app, cred, 'createUser', { userName: 'u' });
    await ok(app, cred, 'createGroup', { groupName: 'g' });
    const arns: string[] = [];
    for (let i = 0; i < 11; i++) arns.push((await ok(app, cred, 'createPolicy', { policyName: `P${i}`, policyDocument: allowPolicy() })).arn);
    for (const arn of arns.slice(0, 10)) {
      await ok(app, cred, 'attachUserPolicy', { userName: 'u', policyArn: arn });
      await ok(app, cred, 'attachGroupPolicy', { groupName: 'g', policyArn: arn });
    }
    expect(codeOf(await iam(app, cred, 'attachUserPolicy', { userName: 'u', policyArn: arns[10] }))).toBe('LIMIT_EXCEEDED');
    expect(codeOf(await iam(app, cred, 'attachGroupPolicy', { groupName: 'g', policyArn: arns[10] }))).toBe('LIMIT_EXCEEDED');
    // Re-attaching an attached policy stays idempotent at the limit.
    await ok(app, cred, 'attachUserPolicy', { userName: 'u', policyArn: arns[0] });
    expect(await ok(app, cred, 'listAttachedUserPolicies', { userName: 'u' })).toHaveLength(10);
  });

  it('keeps at most 5 versions, moves the default, and deletes like IAM', async () => {
    const { arn } = await ok(app, cred, 'createPolicy', { policyName: 'V', policyDocument: allowPolicy() });
    for (let i = 2; i <= 5; i++) {
      const v = await ok(app, cred, 'createPolicyVersion', { policyArn: arn, policyDocument: allowPolicy(`kms:Op${i}`), setAsDefault: i === 3 });
      expect(v).toMatchObject({ versionId: `v${i}`, isDefaultVersion: i === 3 });
    }
    const sixth = await iam(app, cred, 'createPolicyVersion', { policyArn: arn, policyDocument: allowPolicy() });
    expect(codeOf(sixth)).toBe('LIMIT_EXCEEDED');
    expect((await ok(app, cred, 'getPolicy', { policyArn: arn })).defaultVersionId).toBe('v3');
    expect(codeOf(await iam(app, cred, 'deletePolicy', { policyArn: arn }))).toBe('INVALID_STATE');
    expect(codeOf(await iam(app, cred, 'deletePolicyVersion', { policyArn: arn, versionId: 'v3' }))).toBe('INVALID_STATE');
    await ok(app, cred, 'setDefaultPolicyVersion', { policyArn: arn, versionId: 'v5' });
    for (const versionId of ['v1', 'v2', 'v3', 'v4']) await ok(app, cred, 'deletePolicyVersion', { policyArn: arn, versionId });
    const created = await ok(app, cred, 'createPolicyVersion', { policyArn: arn, policyDocument: allowPolicy() });
    expect(created.versionId).toBe('v6');
    expect(codeOf(await iam(app, cred, 'setDefaultPolicyVersion', { policyArn: arn, versionId: 'v1' }))).toBe('NOT_FOUND');
    await ok(app, cred, 'deletePolicyVersion', { policyArn: arn, versionId: 'v6' });
    await ok(app, cred, 'createUser', { userName: 'u' });
    await ok(app, cred, 'attachUserPolicy', { userName: 'u', policyArn: arn });
    expect(codeOf(await iam(app, cred, 'deletePolicy', { policyArn: arn }))).toBe('INVALID_STATE');
    await ok(app, cred, 'detachUserPolicy', { userName: 'u', policyArn: arn });
    expect(codeOf(await iam(app, cred, 'detachUserPolicy', { userName: 'u', policyArn: arn }))).toBe('NOT_FOUND');
    expect(await ok(app, cred, 'deletePolicy', { policyArn: arn })).toBe(true);
    expect(codeOf(await iam(app, cred, 'getPolicy', { policyArn: arn }))).toBe('NOT_FOUND');
  });

  it('stores SQL-looking free text verbatim and rejects it in names (plan row 34)', async () => {
    const description = `alice';DROP TABLE "iam_user";-- ' OR '1'='1`;
    const created = await ok(app, cred, 'createPolicy', { policyName: 'Verbatim', policyDocument: allowPolicy(), description });
    expect((await ok(app, cred, 'getPolicy', { policyArn: created.arn })).description).toBe(description);
    expect(codeOf(await iam(app, cred, 'createPolicy', { policyName: "' OR '1'='1", policyDocument: allowPolicy() }))).toBe('VALIDATION_ERROR');
    await ok(app, cred, 'createUser', { userName: 'still-works' });
    expect((await ok(app, cred, 'listUsers')).map((u: { userName: string }) => u.userName)).toEqual(['still-works']);
  });

  it('tags and untags a customer managed policy', async () => {
    const { arn } = await ok(app, cred, 'createPolicy', { policyName: 'T', policyDocument: allowPolicy() });
    await ok(app, cred, 'tagPolicy', { policyArn: arn, tags: [{ key: 'owner', value: 'sec' }] });
    expect(await ok(app, cred, 'listPolicyTags', { policyArn: arn })).toEqual([{ key: 'owner', value: 'sec' }]);
    await ok(app, cred, 'untagPolicy', { policyArn: arn, tagKeys: ['OWNER'] });
    expect(await ok(app, cred, 'listPolicyTags', { policyArn: arn })).toEqual([]);
    expect(await ok(app, cred, 'listPolicyTags', { policyArn: POWER_USER_ARN })).toEqual([]);
  });

  it('sets and removes permissions boundaries (customer or AWS managed)', async () => {
    await ok(app, cred, 'createUser', { userName: 'b' });
    const { arn } = await ok(app, cred, 'createPolicy', { policyName: 'Boundary', policyDocument: allowPolicy('kms:*') });
    await ok(app, cred, 'putUserPermissionsBoundary', { userName: 'b', permissionsBoundary: arn });
    expect((await ok(app, cred, 'getUser', { userName: 'b' })).permissionsBoundary).toEqual({ permissionsBoundaryType: 'Policy', permissionsBoundaryArn: arn });
    expect(codeOf(await iam(app, cred, 'deletePolicy', { policyArn: arn }))).toBe('INVALID_STATE');
    await ok(app, cred, 'putUserPermissionsBoundary', { userName: 'b', permissionsBoundary: POWER_USER_ARN });
    expect((await ok(app, cred, 'getUser', { userName: 'b' })).permissionsBoundary.permissionsBoundaryArn).toBe(POWER_USER_ARN);
    await ok(app, cred, 'deleteUserPermissionsBoundary', { userName: 'b' });
    expect((await ok(app, cred, 'getUser', { userName: 'b' })).permissionsBoundary).toBeNull();
    expect(codeOf(await iam(app, cred, 'putUserPermissionsBoundary', { userName: 'b', permissionsBoundary: `arn:aws:iam::${root.accountId}:policy/None` }))).toBe(
      'NOT_FOUND',
    );
  });
});
