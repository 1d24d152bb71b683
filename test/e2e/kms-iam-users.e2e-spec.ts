import { createTestAccount, startTestApp, type TestAccount, type TestApp } from '@keygate/testing/e2e';
import { ok as iamOk } from './iam-e2e.helpers';
import {
  call,
  codeOf,
  CREATE_ALIAS,
  CREATE_GRANT,
  CREATE_KEY,
  DELETE_ALIAS,
  createKey,
  DESCRIBE_KEY,
  DISABLE_KEY,
  doc,
  ENABLE_KEY,
  LIST_KEYS,
  ok,
  PUT_KEY_POLICY,
  RETIRE_GRANT,
  SCHEDULE_DELETION,
  TAG_RESOURCE,
  UPDATE_ALIAS,
} from './kms-e2e.helpers';

/** AWS KMS developer guide: allow everything in KMS except disabling keys and scheduling their deletion. */
const ALLOW_ALL_BUT_DISABLE_OR_DELETE = doc([
  { Effect: 'Allow', Action: 'kms:*', Resource: '*' },
  { Effect: 'Deny', Action: ['kms:DisableKey', 'kms:ScheduleKeyDeletion'], Resource: '*' },
]);

describe('KMS admin self-authorization for IAM users (e2e)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  async function user(acct: TestAccount, userName: string, documents: string[], path?: string): Promise<{ arn: string; credential: string }> {
    const created = await iamOk(app, acct.credential, 'createUser', { userName, ...(path ? { path } : {}) });
    for (const [i, policyDocument] of documents.entries()) await iamOk(app, acct.credential, 'putUserPolicy', { userName, policyName: `p${i}`, policyDocument });
    const key = await iamOk(app, acct.credential, 'createAccessKey', { userName });
    return { arn: created.arn, credential: `${key.accessKeyId}:${key.secretAccessKey}` };
  }

  it('AWS guide example: kms:* but Deny DisableKey and ScheduleKeyDeletion -> ACCESS_DENIED, key stays ENABLED', async () => {
    const acct = await createTestAccount(app);
    const admin = await user(acct, 'keyadmin', [ALLOW_ALL_BUT_DISABLE_OR_DELETE]);
    const key = await createKey(app, admin.credential, { description: 'made by a user' });
    for (const [query, input] of [[DISABLE_KEY, { keyId: key.keyId }], [SCHEDULE_DELETION, { keyId: key.keyId, pendingWindowInDays: 7 }]] as const) {
      const res = await call(app, admin.credential, query, { input });
      expect(codeOf(res)).toBe('ACCESS_DENIED');
      expect(res.errors?.[0].message).toBe(
        `User: ${admin.arn} is not authorized to perform: ${query === DISABLE_KEY ? 'kms:DisableKey' : 'kms:ScheduleKeyDeletion'} on resource: ${key.arn} with an explicit deny in an identity-based policy`,
      );
    }
    expect((await ok(app, admin.credential, DESCRIBE_KEY, { input: { keyId: key.keyId } })).describeKey).toMatchObject({ keyState: 'ENABLED', deletionDate: null });
    expect((await ok(app, admin.credential, ENABLE_KEY, { input: { keyId: key.keyId } })).enableKey.keyState).toBe('ENABLED');
    expect((await ok(app, admin.credential, TAG_RESOURCE, { input: { keyId: key.keyId, tags: [{ key: 'k', value: 'v' }] } })).tagResource).toBe(true);
    // The root is not bound by the user's policy.
    expect((await ok(app, acct, DISABLE_KEY, { input: { keyId: key.keyId } })).disableKey.keyState).toBe('DISABLED');
  });

  it('denies a user without policies everything, including listKeys and createKey', async () => {
    const acct = await createTestAccount(app);
    const nobody = await user(acct, 'nobody', []);
    const key = await createKey(app, acct);
    expect(codeOf(await call(app, nobody.credential, LIST_KEYS))).toBe('ACCESS_DENIED');
    expect(codeOf(await call(app, nobody.credential, CREATE_KEY, { input: {} }))).toBe('ACCESS_DENIED');
    const res = await call(app, nobody.credential, DESCRIBE_KEY, { input: { keyId: key.keyId } });
    expect(res.errors?.[0].message).toBe(`User: ${nobody.arn} is not authorized to perform: kms:DescribeKey on resource: ${key.arn} because no identity-based policy allows the kms:DescribeKey action`);
  });

  it('needs kms:TagResource for createKey with tags, and the alias and the key for createAlias', async () => {
    const acct = await createTestAccount(app);
    const creator = await user(acct, 'creator', [doc([{ Effect: 'Allow', Action: ['kms:CreateKey', 'kms:CreateAlias'], Resource: 'arn:aws:kms:*:*:key/*' }, { Effect: 'Allow', Action: 'kms:CreateKey', Resource: '*' }])]);
    const key = await createKey(app, creator.credential);
    expect(codeOf(await call(app, creator.credential, CREATE_KEY, { input: { tags: [{ key: 'a', value: 'b' }] } }))).toBe('ACCESS_DENIED');
    const alias = await call(app, creator.credential, CREATE_ALIAS, { input: { aliasName: 'alias/mine', targetKeyId: key.keyId } });
    expect(codeOf(alias)).toBe('ACCESS_DENIED');
    expect(alias.errors?.[0].message).toContain(':alias/mine');
    const both = await user(acct, 'both', [doc([{ Effect: 'Allow', Action: 'kms:CreateAlias', Resource: ['arn:aws:kms:*:*:key/*', 'arn:aws:kms:*:*:alias/*'] }])]);
    expect((await ok(app, both.credential, CREATE_ALIAS, { input: { aliasName: 'alias/mine', targetKeyId: key.keyId } })).createAlias).toBe(true);
  });

  it('key policies: existing users of the account are valid principals; a policy without the account statement makes IAM allows dead letters', async () => {
    const acct = await createTestAccount(app);
    const bob = await user(acct, 'bob', [], '/team/');
    const alice = await user(acct, 'alice', [doc([{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }])]);
    expect(bob.arn).toBe(`arn:aws:iam::${acct.accountId}:user/team/bob`);
    const direct = doc([{ Sid: 'Bob reads', Effect: 'Allow', Principal: { AWS: bob.arn }, Action: ['kms:DescribeKey', 'kms:PutKeyPolicy'], Resource: '*' }]);
    // The root is not trusted by this policy: the lockout check stops the root without the bypass flag.
    expect(codeOf(await call(app, acct, CREATE_KEY, { input: { policy: direct } }))).toBe('MALFORMED_POLICY_DOCUMENT');
    const key = await createKey(app, acct, { policy: direct, bypassPolicyLockoutSafetyCheck: true });
    expect((await ok(app, bob.credential, DESCRIBE_KEY, { input: { keyId: key.keyId } })).describeKey.keyId).toBe(key.keyId);
    expect(codeOf(await call(app, alice.credential, DESCRIBE_KEY, { input: { keyId: key.keyId } }))).toBe('ACCESS_DENIED');
    expect(codeOf(await call(app, acct, DESCRIBE_KEY, { input: { keyId: key.keyId } }))).toBe('ACCESS_DENIED');
    // Bob may replace the policy as long as he keeps PutKeyPolicy (lockout check for a user).
    const dropsBob = doc([{ Sid: 'Alice only', Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 'kms:*', Resource: '*' }]);
    const res = await call(app, bob.credential, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy: dropsBob } });
    expect(res.errors?.[0].message).toBe('The new key policy will not allow you to update the key policy in the future.');
    const restores = doc([{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: acct.arn }, Action: 'kms:*', Resource: '*' }]);
    expect(codeOf(await call(app, bob.credential, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy: restores } }))).toBe('MALFORMED_POLICY_DOCUMENT');
    const keepsBob = doc([
      { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: acct.arn }, Action: 'kms:*', Resource: '*' },
      { Sid: 'Bob', Effect: 'Allow', Principal: { AWS: bob.arn }, Action: 'kms:PutKeyPolicy', Resource: '*' },
    ]);
    expect((await ok(app, bob.credential, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy: keepsBob } })).putKeyPolicy).toBe(true);
    expect((await ok(app, alice.credential, DESCRIBE_KEY, { input: { keyId: key.keyId } })).describeKey.keyId).toBe(key.keyId);
  });

  it('updateAlias needs the alias, the current key and the new key; deleteAlias the alias and its key', async () => {
    const acct = await createTestAccount(app);
    const k1 = await createKey(app, acct);
    const k2 = await createKey(app, acct);
    await ok(app, acct, CREATE_ALIAS, { input: { aliasName: 'alias/app', targetKeyId: k1.keyId } });
    const aliasArn = k1.arn.replace(`key/${k1.keyId}`, 'alias/app');
    const onlyOld = await user(acct, 'onlyold', [doc([{ Effect: 'Allow', Action: ['kms:UpdateAlias', 'kms:DeleteAlias'], Resource: [aliasArn, k1.arn] }])]);
    const onlyAlias = await user(acct, 'onlyalias', [doc([{ Effect: 'Allow', Action: ['kms:UpdateAlias', 'kms:DeleteAlias'], Resource: aliasArn }])]);
    const all = await user(acct, 'all', [doc([{ Effect: 'Allow', Action: ['kms:UpdateAlias', 'kms:DeleteAlias'], Resource: [aliasArn, k1.arn, k2.arn] }])]);
    const denied = await call(app, onlyOld.credential, UPDATE_ALIAS, { input: { aliasName: 'alias/app', targetKeyId: k2.keyId } });
    expect(codeOf(denied)).toBe('ACCESS_DENIED');
    expect(denied.errors?.[0].message).toContain(`on resource: ${k2.arn}`);
    expect(codeOf(await call(app, onlyAlias.credential, UPDATE_ALIAS, { input: { aliasName: 'alias/app', targetKeyId: k2.keyId } }))).toBe('ACCESS_DENIED');
    expect(codeOf(await call(app, onlyAlias.credential, DELETE_ALIAS, { input: { aliasName: 'alias/app' } }))).toBe('ACCESS_DENIED');
    expect((await ok(app, acct, DESCRIBE_KEY, { input: { keyId: 'alias/app' } })).describeKey.keyId).toBe(k1.keyId);
    expect((await ok(app, all.credential, UPDATE_ALIAS, { input: { aliasName: 'alias/app', targetKeyId: k2.keyId } })).updateAlias).toBe(true);
    expect((await ok(app, acct, DESCRIBE_KEY, { input: { keyId: 'alias/app' } })).describeKey.keyId).toBe(k2.keyId);
    expect((await ok(app, all.credential, DELETE_ALIAS, { input: { aliasName: 'alias/app' } })).deleteAlias).toBe(true);
  });

  it('retireGrant: the key account delegates to users through IAM; an IAM deny beats being the retiring principal', async () => {
    const acct = await createTestAccount(app);
    const other = await createTestAccount(app);
    const key = await createKey(app, acct);
    const retirer = await user(acct, 'retirer', [doc([{ Effect: 'Allow', Action: 'kms:RetireGrant', Resource: '*' }])]);
    const plain = await user(acct, 'plain', []);
    const forbidden = await user(acct, 'forbidden', [doc([{ Effect: 'Deny', Action: 'kms:RetireGrant', Resource: '*' }])]);
    const grant = (name: string, retiringPrincipal?: string) =>
      ok(app, acct, CREATE_GRANT, { input: { keyId: key.keyId, granteePrincipal: other.arn, operations: ['Decrypt'], name, ...(retiringPrincipal ? { retiringPrincipal } : {}) } });
    const g1 = (await grant('g1')).createGrant;
    expect(codeOf(await call(app, plain.credential, RETIRE_GRANT, { input: { keyId: key.keyId, grantId: g1.grantId } }))).toBe('ACCESS_DENIED');
    expect((await ok(app, retirer.credential, RETIRE_GRANT, { input: { keyId: key.keyId, grantId: g1.grantId } })).retireGrant).toBe(true);
    const g2 = (await grant('g2', forbidden.arn)).createGrant;
    expect(codeOf(await call(app, forbidden.credential, RETIRE_GRANT, { input: { grantToken: g2.grantToken } }))).toBe('ACCESS_DENIED');
    const g3 = (await grant('g3', plain.arn)).createGrant;
    expect((await ok(app, plain.credential, RETIRE_GRANT, { input: { grantToken: g3.grantToken } })).retireGrant).toBe(true);
  });

  it('lets an IAM policy forbid the lockout bypass (kms:BypassPolicyLockoutSafetyCheck)', async () => {
    const acct = await createTestAccount(app);
    const noBypass = await user(acct, 'careful', [
      doc([
        { Effect: 'Allow', Action: 'kms:*', Resource: '*' },
        { Effect: 'Deny', Action: ['kms:PutKeyPolicy', 'kms:CreateKey'], Resource: '*', Condition: { Bool: { 'kms:BypassPolicyLockoutSafetyCheck': 'true' } } },
      ]),
    ]);
    const key = await createKey(app, noBypass.credential);
    const policy = doc([{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: acct.arn }, Action: 'kms:*', Resource: '*' }]);
    expect((await ok(app, noBypass.credential, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy } })).putKeyPolicy).toBe(true);
    const bypass = await call(app, noBypass.credential, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy, bypassPolicyLockoutSafetyCheck: true } });
    expect(codeOf(bypass)).toBe('ACCESS_DENIED');
    expect(codeOf(await call(app, noBypass.credential, CREATE_KEY, { input: { bypassPolicyLockoutSafetyCheck: true } }))).toBe('ACCESS_DENIED');
  });

  it('accepts an existing role (with path) as a key-policy principal and its sessions', async () => {
    const acct = await createTestAccount(app);
    const trust = doc([{ Effect: 'Allow', Principal: { AWS: acct.arn }, Action: 'sts:AssumeRole' }]);
    const role = await iamOk(app, acct.credential, 'createRole', { roleName: 'Worker', path: '/svc/', assumeRolePolicyDocument: trust });
    expect(role.arn).toBe(`arn:aws:iam::${acct.accountId}:role/svc/Worker`);
    const policy = doc([
      { Sid: 'Root', Effect: 'Allow', Principal: { AWS: acct.arn }, Action: 'kms:*', Resource: '*' },
      { Sid: 'Role', Effect: 'Allow', Principal: { AWS: [role.arn, `arn:aws:sts::${acct.accountId}:assumed-role/Worker/job-1`] }, Action: 'kms:Decrypt', Resource: '*' },
    ]);
    expect((await createKey(app, acct, { policy })).keyState).toBe('ENABLED');
    const withoutPath = policy.replace('role/svc/Worker', 'role/Worker');
    expect(codeOf(await call(app, acct, CREATE_KEY, { input: { policy: withoutPath } }))).toBe('MALFORMED_POLICY_DOCUMENT');
  });
});
