/**
 * The README's worked IAM example, step by step over HTTP: an account, a user, a policy copied from
 * the AWS KMS documentation, attached to the user, an access key, and calls made as that user.
 * Keep the README (section "Worked example: IAM") and this spec in step.
 */
import { gql, startTestApp, type TestApp } from '@keygate/testing/e2e';

// https://docs.aws.amazon.com/kms/latest/developerguide/customer-managed-policies.html#iam-policy-example-read-only-console
function readOnlyConsolePolicy(accountId: string): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReadOnlyAccessForAllKMSKeysInAccount',
          Effect: 'Allow',
          Action: ['kms:GetPublicKey', 'kms:GetKeyRotationStatus', 'kms:GetKeyPolicy', 'kms:DescribeKey', 'kms:ListKeyPolicies', 'kms:ListResourceTags', 'tag:GetResources'],
          Resource: `arn:aws:kms:*:${accountId}:key/*`,
        },
        {
          Sid: 'ReadOnlyAccessForOperationsWithNoKMSKey',
          Effect: 'Allow',
          Action: ['kms:ListKeys', 'kms:ListAliases', 'iam:ListRoles', 'iam:ListUsers'],
          Resource: '*',
        },
      ],
    },
    null,
    2,
  );
}

const CREATE_ACCOUNT = 'mutation CreateAccount($input: CreateAccountInput!) { createAccount(input: $input) { account { accountId } rootAccessKey { accessKeyId secretAccessKey } } }';
const CREATE_USER = 'mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { userName userId arn } }';
const CREATE_POLICY = 'mutation CreatePolicy($input: CreatePolicyInput!) { createPolicy(input: $input) { policyName arn defaultVersionId attachmentCount } }';
const ATTACH = 'mutation Attach($input: AttachUserPolicyInput!) { attachUserPolicy(input: $input) }';
const CREATE_KEY_FOR_USER = 'mutation CreateAccessKey($input: CreateAccessKeyInput!) { createAccessKey(input: $input) { accessKeyId secretAccessKey status } }';
const CREATE_KMS_KEY = 'mutation CreateKey($input: CreateKeyInput!) { createKey(input: $input) { keyId arn } }';
const LIST_KEYS = 'query ListKeys { listKeys { keyId keyArn } }';
const DESCRIBE_KEY = 'query DescribeKey($input: KeyIdInput!) { describeKey(input: $input) { keyId keyState } }';
const LIST_USERS = 'query ListUsers { listUsers { userName } }';

describe('README worked example: IAM (e2e)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('creates an account, a user with a KMS-docs policy and a key, then calls the API as that user', async () => {
    const account = await gql(app.url, app.operatorToken, CREATE_ACCOUNT, { input: { name: 'Acme' } });
    const { accountId } = account.data.createAccount.account;
    const rootKey = account.data.createAccount.rootAccessKey;
    const root = `${rootKey.accessKeyId}:${rootKey.secretAccessKey}`;

    const kmsKey = await gql(app.url, root, CREATE_KMS_KEY, { input: { description: 'orders' } });
    expect(kmsKey.errors).toBeUndefined();
    const user = await gql(app.url, root, CREATE_USER, { input: { userName: 'ConsoleViewer' } });
    expect(user.data.createUser.arn).toBe(`arn:aws:iam::${accountId}:user/ConsoleViewer`);
    const policy = await gql(app.url, root, CREATE_POLICY, { input: { policyName: 'KmsReadOnlyConsole', policyDocument: readOnlyConsolePolicy(accountId) } });
    expect(policy.data.createPolicy).toEqual({
      policyName: 'KmsReadOnlyConsole',
      arn: `arn:aws:iam::${accountId}:policy/KmsReadOnlyConsole`,
      defaultVersionId: 'v1',
      attachmentCount: 0,
    });
    const attach = await gql(app.url, root, ATTACH, { input: { userName: 'ConsoleViewer', policyArn: policy.data.createPolicy.arn } });
    expect(attach.data.attachUserPolicy).toBe(true);
    const key = await gql(app.url, root, CREATE_KEY_FOR_USER, { input: { userName: 'ConsoleViewer' } });
    expect(key.data.createAccessKey.status).toBe('Active');
    const viewer = `${key.data.createAccessKey.accessKeyId}:${key.data.createAccessKey.secretAccessKey}`;

    const keys = await gql(app.url, viewer, LIST_KEYS);
    expect(keys.data.listKeys).toEqual([{ keyId: kmsKey.data.createKey.keyId, keyArn: kmsKey.data.createKey.arn }]);
    const described = await gql(app.url, viewer, DESCRIBE_KEY, { input: { keyId: kmsKey.data.createKey.keyId } });
    expect(described.data.describeKey).toEqual({ keyId: kmsKey.data.createKey.keyId, keyState: 'ENABLED' });
    expect((await gql(app.url, viewer, LIST_USERS)).data.listUsers).toEqual([{ userName: 'ConsoleViewer' }]);

    const denied = await gql(app.url, viewer, CREATE_USER, { input: { userName: 'intruder' } });
    expect(denied.errors?.[0].extensions?.code).toBe('ACCESS_DENIED');
    expect(denied.errors?.[0].message).toBe(
      `User: arn:aws:iam::${accountId}:user/ConsoleViewer is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${accountId}:user/intruder because no identity-based policy allows the iam:CreateUser action`,
    );
  });
});
