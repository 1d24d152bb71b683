import { createTestAccount, startTestApp, type TestAccount, type TestApp } from '@keygate/testing/e2e';
import { ok as iamOk } from './iam-e2e.helpers';
import {
  call,
  codeOf,
  CREATE_ALIAS,
  createKey,
  DESCRIBE_KEY,
  doc,
  GET_KEY_POLICY,
  LIST_GRANTS,
  ok,
  REVOKE_GRANT,
  ROTATION_STATUS,
  SCHEDULE_DELETION,
  CREATE_GRANT,
} from './kms-e2e.helpers';

describe('KMS across accounts of one deployment (e2e)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const trustingPolicy = (owner: TestAccount, other: TestAccount) =>
    doc([
      { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: owner.arn }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'Partner',
        Effect: 'Allow',
        Principal: { AWS: other.arn },
        Action: ['kms:DescribeKey', 'kms:GetKeyRotationStatus', 'kms:ListGrants', 'kms:GetKeyPolicy', 'kms:ScheduleKeyDeletion'],
        Resource: '*',
      },
    ]);

  async function userCredential(acct: TestAccount, userName: string, policies: object[]): Promise<string> {
    await iamOk(app, acct.credential, 'createUser', { userName });
    for (const [i, statement] of policies.entries()) {
      await iamOk(app, acct.credential, 'putUserPolicy', { userName, policyName: `p${i}`, policyDocument: doc([statement]) });
    }
    const key = await iamOk(app, acct.credential, 'createAccessKey', { userName });
    return `${key.accessKeyId}:${key.secretAccessKey}`;
  }

  it('denies describeKey across accounts without trust, exactly like a missing key', async () => {
    const a = await createTestAccount(app);
    const b = await createTestAccount(app);
    const key = await createKey(app, a);
    const missingArn = key.arn.replace(key.keyId, '00000000-0000-4000-8000-000000000000');
    const denied = await call(app, b, DESCRIBE_KEY, { input: { keyId: key.arn } });
    const missing = await call(app, b, DESCRIBE_KEY, { input: { keyId: missingArn } });
    expect(codeOf(denied)).toBe('NOT_FOUND');
    expect(codeOf(missing)).toBe('NOT_FOUND');
    expect(denied.errors?.[0].message).toBe(`Key '${key.arn}' does not exist.`);
    expect(missing.errors?.[0].message).toBe(`Key '${missingArn}' does not exist.`);
    const unknownAccount = key.arn.replace(a.accountId, '999999999999');
    expect((await call(app, b, DESCRIBE_KEY, { input: { keyId: unknownAccount } })).errors?.[0].message).toBe(`Key '${unknownAccount}' does not exist.`);
  });

  it('allows the cross-account actions a key policy grants to the other account, and nothing else', async () => {
    const a = await createTestAccount(app);
    const b = await createTestAccount(app);
    const key = await createKey(app, a, { policy: trustingPolicy(a, b) });
    await ok(app, a, CREATE_ALIAS, { input: { aliasName: 'alias/shared', targetKeyId: key.keyId } });
    const described = (await ok(app, b, DESCRIBE_KEY, { input: { keyId: key.arn } })).describeKey;
    expect(described).toMatchObject({ keyId: key.keyId, awsAccountId: a.accountId, keyState: 'ENABLED' });
    const aliasArn = key.arn.replace(`key/${key.keyId}`, 'alias/shared');
    expect((await ok(app, b, DESCRIBE_KEY, { input: { keyId: aliasArn } })).describeKey.keyId).toBe(key.keyId);
    expect((await ok(app, b, ROTATION_STATUS, { input: { keyId: key.arn } })).getKeyRotationStatus.keyRotationEnabled).toBe(false);
    expect((await ok(app, b, LIST_GRANTS, { input: { keyId: key.arn } })).listGrants).toEqual([]);
    // A bare key id or alias name always resolves in the caller's own account.
    expect(codeOf(await call(app, b, DESCRIBE_KEY, { input: { keyId: key.keyId } }))).toBe('NOT_FOUND');
    expect(codeOf(await call(app, b, DESCRIBE_KEY, { input: { keyId: 'alias/shared' } }))).toBe('NOT_FOUND');
    // Never cross-account, whatever the key policy says.
    expect(codeOf(await call(app, b, GET_KEY_POLICY, { input: { keyId: key.arn } }))).toBe('NOT_FOUND');
    expect(codeOf(await call(app, b, SCHEDULE_DELETION, { input: { keyId: key.arn } }))).toBe('NOT_FOUND');
    expect((await ok(app, a, DESCRIBE_KEY, { input: { keyId: key.keyId } })).describeKey.keyState).toBe('ENABLED');
  });

  it('revokes grants across accounts only when the key policy allows kms:RevokeGrant', async () => {
    const a = await createTestAccount(app);
    const b = await createTestAccount(app);
    const policy = doc([
      { Sid: 'Root', Effect: 'Allow', Principal: { AWS: a.arn }, Action: 'kms:*', Resource: '*' },
      { Sid: 'Revoke', Effect: 'Allow', Principal: { AWS: b.arn }, Action: ['kms:RevokeGrant', 'kms:ListGrants'], Resource: '*' },
    ]);
    const trusting = await createKey(app, a, { policy });
    const closed = await createKey(app, a);
    const g1 = (await ok(app, a, CREATE_GRANT, { input: { keyId: trusting.keyId, granteePrincipal: b.arn, operations: ['Decrypt'] } })).createGrant;
    const g2 = (await ok(app, a, CREATE_GRANT, { input: { keyId: closed.keyId, granteePrincipal: b.arn, operations: ['Decrypt'] } })).createGrant;
    expect(codeOf(await call(app, b, REVOKE_GRANT, { input: { keyId: closed.arn, grantId: g2.grantId } }))).toBe('NOT_FOUND');
    expect((await ok(app, a, LIST_GRANTS, { input: { keyId: closed.keyId } })).listGrants).toHaveLength(1);
    expect((await ok(app, b, REVOKE_GRANT, { input: { keyId: trusting.arn, grantId: g1.grantId } })).revokeGrant).toBe(true);
    expect((await ok(app, b, LIST_GRANTS, { input: { keyId: trusting.arn } })).listGrants).toEqual([]);
  });

  it('needs an IAM allow in the caller account for its users (the key policy trusts the account)', async () => {
    const a = await createTestAccount(app);
    const b = await createTestAccount(app);
    const key = await createKey(app, a, { policy: trustingPolicy(a, b) });
    const withoutIam = await userCredential(b, 'nobody', []);
    const withIam = await userCredential(b, 'reader', [{ Effect: 'Allow', Action: 'kms:DescribeKey', Resource: '*' }]);
    expect(codeOf(await call(app, withoutIam, DESCRIBE_KEY, { input: { keyId: key.arn } }))).toBe('NOT_FOUND');
    expect((await ok(app, withIam, DESCRIBE_KEY, { input: { keyId: key.arn } })).describeKey.keyId).toBe(key.keyId);
  });
});
