/**
 * The README's worked KMS example, step by step over HTTP: createKey with the default policy,
 * putKeyPolicy with the console policy of the AWS KMS guide, createAlias, createGrant, listGrants,
 * and the lockout safety check. Keep the README (section "Worked example: KMS") and this spec in step.
 */
import { DEFAULT_KEY_POLICY } from '@keygate/policy-engine';
import { createTestAccount, startTestApp, type TestApp } from '@keygate/testing/e2e';
import { call, codeOf, CREATE_ALIAS, CREATE_GRANT, CREATE_KEY, GET_KEY_POLICY, LIST_ALIASES, LIST_GRANTS, ok, PUT_KEY_POLICY } from './kms-e2e.helpers';

const CREATE_USER = 'mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { arn } }';

// https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html (console default, reference §7.3)
function consolePolicy(accountId: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Id: 'key-consolepolicy-3',
    Statement: [
      { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'Allow access for Key Administrators',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${accountId}:user/KMSAdminUser` },
        Action: ['kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*', 'kms:Disable*', 'kms:Get*', 'kms:Delete*', 'kms:TagResource', 'kms:UntagResource', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion'],
        Resource: '*',
      },
      {
        Sid: 'Allow use of the key',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::444455556666:root' },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        Resource: '*',
      },
    ],
  });
}

describe('README worked example: KMS (e2e)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ KEYGATE_DEFAULT_REGION: 'us-east-1' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('runs the README steps', async () => {
    const acct = await createTestAccount(app);
    // 1. createKey with the default key policy.
    const key = (await ok(app, acct, CREATE_KEY, { input: { description: 'orders' } })).createKey;
    expect(key).toMatchObject({ arn: `arn:aws:kms:us-east-1:${acct.accountId}:key/${key.keyId}`, keyState: 'ENABLED', keyUsage: 'ENCRYPT_DECRYPT', keySpec: 'SYMMETRIC_DEFAULT' });
    expect((await ok(app, acct, GET_KEY_POLICY, { input: { keyId: key.keyId } })).getKeyPolicy).toBe(DEFAULT_KEY_POLICY(acct.accountId));

    // 2. The console policy needs KMSAdminUser to exist; the other account is not looked up.
    const policy = consolePolicy(acct.accountId);
    expect(codeOf(await call(app, acct, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy } }))).toBe('MALFORMED_POLICY_DOCUMENT');
    await ok(app, acct, CREATE_USER, { input: { userName: 'KMSAdminUser' } });
    expect((await ok(app, acct, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy } })).putKeyPolicy).toBe(true);
    expect((await ok(app, acct, GET_KEY_POLICY, { input: { keyId: key.keyId } })).getKeyPolicy).toBe(policy);

    // 3. createAlias; the alias names the key from now on.
    expect((await ok(app, acct, CREATE_ALIAS, { input: { aliasName: 'alias/orders', targetKeyId: key.keyId } })).createAlias).toBe(true);
    expect((await ok(app, acct, LIST_ALIASES)).listAliases).toEqual([
      expect.objectContaining({ aliasName: 'alias/orders', aliasArn: `arn:aws:kms:us-east-1:${acct.accountId}:alias/orders`, targetKeyId: key.keyId }),
    ]);

    // 4. createGrant by alias, idempotent by name; listGrants never shows the token.
    const grantInput = {
      keyId: 'alias/orders',
      granteePrincipal: 'arn:aws:iam::444455556666:root',
      operations: ['Encrypt', 'Decrypt'],
      name: 'orders-service',
      constraints: { encryptionContextSubset: [{ key: 'Department', value: 'IT' }] },
    };
    const grant = (await ok(app, acct, CREATE_GRANT, { input: grantInput })).createGrant;
    expect(grant.grantId).toMatch(/^[0-9a-f]{64}$/);
    expect((await ok(app, acct, CREATE_GRANT, { input: grantInput })).createGrant).toEqual(grant);
    const listed = (await ok(app, acct, LIST_GRANTS, { input: { keyId: 'alias/orders' } })).listGrants;
    expect(listed).toEqual([expect.objectContaining({ grantId: grant.grantId, granteePrincipal: 'arn:aws:iam::444455556666:root', operations: ['Encrypt', 'Decrypt'] })]);
    expect(JSON.stringify(listed)).not.toContain(grant.grantToken);

    // 5. The lockout safety check.
    const lockout = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'kms:Decrypt', Resource: '*' }] });
    const refused = await call(app, acct, PUT_KEY_POLICY, { input: { keyId: 'alias/orders', policy: lockout } });
    expect(codeOf(refused)).toBe('MALFORMED_POLICY_DOCUMENT');
    expect(refused.errors?.[0].message).toBe('The new key policy will not allow you to update the key policy in the future.');
    expect((await ok(app, acct, GET_KEY_POLICY, { input: { keyId: key.keyId } })).getKeyPolicy).toBe(policy);
  });
});
