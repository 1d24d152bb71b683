import { createTestAccount, gql, startTestApp, type TestAccount, type TestApp } from '@keygate/testing/e2e';
import { ACCOUNT_REVISION, AUTHORIZE, AUTHORIZE_BATCH, SIMULATE, authorize, authorizeRaw, credentialOf, keyOf, policy, revisionOf, userWith } from './authorize-e2e.helpers';
import { codeOf, iam, ok as iamOk, trustPolicy } from './iam-e2e.helpers';
import { DISABLE_KEY, PUT_KEY_POLICY, ok as kmsOk } from './kms-e2e.helpers';

const allow = (action: string | string[], resource: string | string[] = '*', extra: object = {}) => policy([{ Effect: 'Allow', Action: action, Resource: resource, ...extra }]);

describe('authorize (e2e)', () => {
  let app: TestApp;
  let root: TestAccount;
  let acct: string;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    root = await createTestAccount(app);
    acct = root.accountId;
  });

  describe('admin self-authorization from snapshots', () => {
    it('lets a user with an attached policy allowing iam:ListUsers list users, at once after each change', async () => {
      await userWith(app, root, 'alice');
      const alice = await credentialOf(app, root, 'alice');
      expect(codeOf(await iam(app, alice, 'listUsers'))).toBe('ACCESS_DENIED');
      const managed = await iamOk(app, root.credential, 'createPolicy', { policyName: 'ListUsers', policyDocument: allow('iam:ListUsers') });
      await iamOk(app, root.credential, 'attachUserPolicy', { userName: 'alice', policyArn: managed.arn });
      expect((await iamOk(app, alice, 'listUsers')).map((u: { userName: string }) => u.userName)).toEqual(['alice']);
      expect(codeOf(await iam(app, alice, 'createUser', { userName: 'mallory' }))).toBe('ACCESS_DENIED');
      await iamOk(app, root.credential, 'detachUserPolicy', { userName: 'alice', policyArn: managed.arn });
      expect(codeOf(await iam(app, alice, 'listUsers'))).toBe('ACCESS_DENIED');
    });

    it('gives group policies to members', async () => {
      await userWith(app, root, 'bob');
      const bob = await credentialOf(app, root, 'bob');
      await iamOk(app, root.credential, 'createGroup', { groupName: 'readers' });
      await iamOk(app, root.credential, 'putGroupPolicy', { groupName: 'readers', policyName: 'list', policyDocument: allow('iam:ListUsers') });
      expect(codeOf(await iam(app, bob, 'listUsers'))).toBe('ACCESS_DENIED');
      await iamOk(app, root.credential, 'addUserToGroup', { groupName: 'readers', userName: 'bob' });
      expect(codeOf(await iam(app, bob, 'listUsers'))).toBeUndefined();
    });
  });

  describe('KMS evaluation', () => {
    it('default key policy: an IAM allow is enabled, no IAM allow is an implicit deny, the root is trusted', async () => {
      const key = await keyOf(app, root);
      const alice = await userWith(app, root, 'alice', [allow(['kms:Encrypt', 'kms:Decrypt'])]);
      const bob = await userWith(app, root, 'bob');
      const ok = await authorize(app, { principalArn: alice, action: 'kms:Encrypt', resource: key.arn });
      expect(ok).toMatchObject({ decision: 'ALLOWED', allowed: true, keyState: 'ENABLED' });
      expect(ok.decisionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(ok.matchedStatements).toEqual(
        expect.arrayContaining([
          { sourcePolicyType: 'RESOURCE', sourcePolicyId: key.arn, sid: 'Enable IAM User Permissions', statementIndex: 0, effect: 'ALLOW' },
          { sourcePolicyType: 'IDENTITY', sourcePolicyId: `${alice}/inline/p0`, sid: null, statementIndex: 0, effect: 'ALLOW' },
        ]),
      );
      const denied = await authorize(app, { principalArn: bob, action: 'kms:Encrypt', resource: key.arn });
      expect(denied).toMatchObject({ decision: 'IMPLICIT_DENY', allowed: false, keyState: 'ENABLED' });
      expect(denied.reason).toBe(`User: ${bob} is not authorized to perform: kms:Encrypt on resource: ${key.arn} because no identity-based policy allows the kms:Encrypt action`);
      expect((await authorize(app, { principalArn: root.arn, action: 'kms:ScheduleKeyDeletion', resource: key.arn })).allowed).toBe(true);
    });

    it('a key policy that does not enable IAM: the IAM allow does nothing, a direct key-policy grant needs no IAM', async () => {
      const alice = await userWith(app, root, 'alice', [allow('kms:*')]);
      const carol = await userWith(app, root, 'carol');
      const key = await keyOf(app, root);
      const onlyCarol = policy([{ Effect: 'Allow', Principal: { AWS: carol }, Action: 'kms:Decrypt', Resource: '*' }]);
      await kmsOk(app, root, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy: onlyCarol, bypassPolicyLockoutSafetyCheck: true } });
      const aliceResult = await authorize(app, { principalArn: alice, action: 'kms:Decrypt', resource: key.arn });
      expect(aliceResult).toMatchObject({ decision: 'IMPLICIT_DENY', allowed: false });
      expect(aliceResult.reason).toContain('because no resource-based policy allows the kms:Decrypt action');
      expect(await authorize(app, { principalArn: carol, action: 'kms:Decrypt', resource: key.arn })).toMatchObject({ decision: 'ALLOWED', allowed: true });
      expect((await authorize(app, { principalArn: root.arn, action: 'kms:Decrypt', resource: key.arn })).decision).toBe('IMPLICIT_DENY');
    });

    it('an explicit deny in the key policy beats an IAM allow', async () => {
      const alice = await userWith(app, root, 'alice', [allow('kms:*')]);
      const key = await keyOf(app, root);
      const denyAlice = policy([
        { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct}:root` }, Action: 'kms:*', Resource: '*' },
        { Sid: 'NoDecryptForAlice', Effect: 'Deny', Principal: { AWS: alice }, Action: 'kms:Decrypt', Resource: '*' },
      ]);
      await kmsOk(app, root, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy: denyAlice } });
      const r = await authorize(app, { principalArn: alice, action: 'kms:Decrypt', resource: key.arn });
      expect(r).toMatchObject({ decision: 'EXPLICIT_DENY', allowed: false });
      expect(r.matchedStatements).toContainEqual({ sourcePolicyType: 'RESOURCE', sourcePolicyId: key.arn, sid: 'NoDecryptForAlice', statementIndex: 1, effect: 'DENY' });
      expect((await authorize(app, { principalArn: alice, action: 'kms:Encrypt', resource: key.arn })).decision).toBe('ALLOWED');
    });

    it('groups: policies of the groups a user belongs to apply', async () => {
      const key = await keyOf(app, root);
      const dave = await userWith(app, root, 'dave');
      await iamOk(app, root.credential, 'createGroup', { groupName: 'crypto', path: '/teams/' });
      const managed = await iamOk(app, root.credential, 'createPolicy', { policyName: 'Encrypt', policyDocument: allow('kms:Encrypt', `arn:aws:kms:*:${acct}:key/*`) });
      await iamOk(app, root.credential, 'attachGroupPolicy', { groupName: 'crypto', policyArn: managed.arn });
      expect((await authorize(app, { principalArn: dave, action: 'kms:Encrypt', resource: key.arn })).decision).toBe('IMPLICIT_DENY');
      await iamOk(app, root.credential, 'addUserToGroup', { groupName: 'crypto', userName: 'dave' });
      const r = await authorize(app, { principalArn: dave, action: 'kms:Encrypt', resource: key.arn });
      expect(r.decision).toBe('ALLOWED');
      expect(r.matchedStatements.map((s) => s.sourcePolicyId)).toContain(managed.arn);
    });

    it('roles and role sessions are evaluated with the role policies and session facts', async () => {
      const key = await keyOf(app, root);
      const role = await iamOk(app, root.credential, 'createRole', { roleName: 'Worker', path: '/svc/', assumeRolePolicyDocument: trustPolicy(acct), tags: [{ key: 'Env', value: 'prod' }] });
      await iamOk(app, root.credential, 'putRolePolicy', {
        roleName: 'Worker', policyName: 'dec',
        policyDocument: allow('kms:Decrypt', '*', { Condition: { StringEquals: { 'aws:PrincipalTag/Env': 'prod', 'aws:PrincipalArn': role.arn } } }),
      });
      const session = `arn:aws:sts::${acct}:assumed-role/Worker/job-42`;
      expect((await authorize(app, { principalArn: role.arn, action: 'kms:Decrypt', resource: key.arn })).decision).toBe('ALLOWED');
      const viaSession = await authorize(app, { principalArn: session, action: 'kms:Decrypt', resource: key.arn });
      expect(viaSession.decision).toBe('ALLOWED');
      expect(viaSession.matchedStatements.map((s) => s.sourcePolicyId)).toContain(`${role.arn}/inline/dec`);
      const encrypt = await authorize(app, { principalArn: session, action: 'kms:Encrypt', resource: key.arn });
      expect(encrypt.reason).toContain(`User: ${session} is not authorized`);
      expect((await authorize(app, { principalArn: `arn:aws:sts::${acct}:assumed-role/Nobody/job`, action: 'kms:Decrypt', resource: key.arn })).reason).toMatch(/no principal with this ARN exists/);
    });

    it('key states: a disabled key is ALLOWED by policy but not allowed; DescribeKey still works', async () => {
      const key = await keyOf(app, root);
      await kmsOk(app, root, DISABLE_KEY, { input: { keyId: key.keyId } });
      const r = await authorize(app, { principalArn: root.arn, action: 'kms:Encrypt', resource: key.arn });
      expect(r).toMatchObject({ decision: 'ALLOWED', allowed: false, keyState: 'DISABLED' });
      expect(r.reason).toMatch(/is disabled/);
      expect(await authorize(app, { principalArn: root.arn, action: 'kms:DescribeKey', resource: key.arn })).toMatchObject({ decision: 'ALLOWED', allowed: true, keyState: 'DISABLED' });
    });

    it('unknown principals and keys are denies with a clear reason, never errors', async () => {
      const key = await keyOf(app, root);
      const ghost = await authorize(app, { principalArn: `arn:aws:iam::${acct}:user/ghost`, action: 'kms:Encrypt', resource: key.arn });
      expect(ghost).toMatchObject({ decision: 'IMPLICIT_DENY', allowed: false, keyState: null, matchedStatements: [] });
      expect(ghost.reason).toMatch(/no principal with this ARN exists/);
      const noKey = await authorize(app, { principalArn: root.arn, action: 'kms:Encrypt', resource: `arn:aws:kms:us-east-1:${acct}:key/00000000-0000-4000-8000-000000000000` });
      expect(noKey.reason).toMatch(/no key with this ARN exists/);
      const noAccount = await authorize(app, { principalArn: 'arn:aws:iam::000000000001:root', action: 'kms:Encrypt', resource: key.arn });
      expect(noAccount.reason).toMatch(/no principal with this ARN exists/);
      expect((await authorize(app, { principalArn: root.arn, action: 'kms:CreateKey', resource: '*' })).decision).toBe('ALLOWED');
    });
  });

  describe('authorizeBatch', () => {
    it('answers up to 100 requests in order, and refuses 101', async () => {
      const key = await keyOf(app, root);
      const alice = await userWith(app, root, 'alice', [allow('kms:Encrypt')]);
      const inputs = [
        { principalArn: alice, action: 'kms:Encrypt', resource: key.arn },
        { principalArn: alice, action: 'kms:Decrypt', resource: key.arn },
        { principalArn: root.arn, action: 'kms:Decrypt', resource: key.arn },
      ];
      const res = await gql(app.url, app.operatorToken, AUTHORIZE_BATCH, { inputs });
      expect(res.errors).toBeUndefined();
      expect(res.data.authorizeBatch.map((r: { decision: string }) => r.decision)).toEqual(['ALLOWED', 'IMPLICIT_DENY', 'ALLOWED']);
      const hundred = Array.from({ length: 100 }, (_, i) => inputs[i % 3]);
      expect((await gql(app.url, app.operatorToken, AUTHORIZE_BATCH, { inputs: hundred })).data.authorizeBatch).toHaveLength(100);
      const tooMany = await gql(app.url, app.operatorToken, AUTHORIZE_BATCH, { inputs: [...hundred, inputs[0]] });
      expect(codeOf(tooMany)).toBe('VALIDATION_ERROR');
    });
  });

  describe('who may call', () => {
    it('principals: own account only, with iam:SimulatePrincipalPolicy; unauthenticated callers are refused', async () => {
      const key = await keyOf(app, root);
      const alice = await userWith(app, root, 'alice', [allow('kms:Encrypt')]);
      await userWith(app, root, 'auditor', [allow('iam:SimulatePrincipalPolicy', `arn:aws:iam::${acct}:user/*`)]);
      const auditor = await credentialOf(app, root, 'auditor');
      await userWith(app, root, 'nobody');
      const nobody = await credentialOf(app, root, 'nobody');
      const request = { principalArn: alice, action: 'kms:Encrypt', resource: key.arn };
      expect((await authorize(app, request, root.credential)).allowed).toBe(true);
      expect((await authorize(app, request, auditor)).allowed).toBe(true);
      const denied = await authorizeRaw(app, request, nobody);
      expect(codeOf(denied)).toBe('ACCESS_DENIED');
      expect(denied.errors?.[0].message).toContain('iam:SimulatePrincipalPolicy');
      const other = await createTestAccount(app);
      expect(codeOf(await authorizeRaw(app, request, other.credential))).toBe('ACCESS_DENIED');
      expect(codeOf(await gql(app.url, undefined, AUTHORIZE, { input: request }))).toBe('UNAUTHENTICATED');
    });
  });

  describe('revisions', () => {
    it('exposes the account revision and honours atLeastRevision', async () => {
      const key = await keyOf(app, root);
      const own = await gql(app.url, root.credential, ACCOUNT_REVISION, {});
      expect(own.data.accountRevision).toBe(await revisionOf(app, acct));
      const alice = await userWith(app, root, 'alice');
      const before = await authorize(app, { principalArn: alice, action: 'kms:Encrypt', resource: key.arn });
      expect(before.decision).toBe('IMPLICIT_DENY');
      await iamOk(app, root.credential, 'putUserPolicy', { userName: 'alice', policyName: 'enc', policyDocument: allow('kms:Encrypt') });
      const revision = await revisionOf(app, acct);
      expect(BigInt(revision)).toBeGreaterThan(BigInt(before.revision!));
      const after = await authorize(app, { principalArn: alice, action: 'kms:Encrypt', resource: key.arn, atLeastRevision: revision });
      expect(after).toMatchObject({ decision: 'ALLOWED', revision });
      const future = await authorize(app, { principalArn: alice, action: 'kms:Encrypt', resource: key.arn, atLeastRevision: String(BigInt(revision) + 1000n) });
      expect(future).toMatchObject({ decision: 'IMPLICIT_DENY', allowed: false });
      expect(future.reason).toMatch(/is stale/);
      expect(codeOf(await authorizeRaw(app, { principalArn: alice, action: 'kms:Encrypt', resource: key.arn, atLeastRevision: 'abc' }))).toBe('VALIDATION_ERROR');
      expect(codeOf(await authorizeRaw(app, { principalArn: alice, action: 'kms:Encrypt', resource: key.arn, atLeastKeyRevision: '-1' }))).toBe('VALIDATION_ERROR');
      // The key in the principal's own account: atLeastKeyRevision holds the decision to that account too.
      const keyFuture = await authorize(app, { principalArn: alice, action: 'kms:Encrypt', resource: key.arn, atLeastKeyRevision: String(BigInt(revision) + 1000n) });
      expect(keyFuture).toMatchObject({ decision: 'IMPLICIT_DENY', allowed: false });
      expect(keyFuture.reason).toMatch(/is stale/);
      expect(codeOf(await gql(app.url, app.operatorToken, ACCOUNT_REVISION, {}))).toBe('VALIDATION_ERROR');
      expect(codeOf(await gql(app.url, app.operatorToken, ACCOUNT_REVISION, { input: { accountId: '000000000001' } }))).toBe('NOT_FOUND');
    });
  });

  describe('simulateCustomPolicy', () => {
    const principalArn = 'arn:aws:iam::111122223333:user/sim';
    const keyArn = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const keyPolicy = policy([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }]);

    it('evaluates the given documents statelessly', async () => {
      const input = { principalArn, action: 'kms:Encrypt', resource: keyArn, identityPolicies: [allow('kms:Encrypt')], resourcePolicy: keyPolicy };
      const res = await gql(app.url, app.operatorToken, SIMULATE, { input });
      expect(res.data.simulateCustomPolicy).toMatchObject({ decision: 'ALLOWED', allowed: true, decisionId: null, revision: null });
      const noKeyPolicy = await gql(app.url, root.credential, SIMULATE, { input: { ...input, resourcePolicy: undefined } });
      expect(noKeyPolicy.data.simulateCustomPolicy.decision).toBe('IMPLICIT_DENY');
    });

    it('rejects unparsable documents with MALFORMED_POLICY_DOCUMENT and findings', async () => {
      const res = await gql(app.url, app.operatorToken, SIMULATE, { input: { principalArn, action: 'kms:Encrypt', resource: '*', identityPolicies: ['{"Version": '] } });
      expect(codeOf(res)).toBe('MALFORMED_POLICY_DOCUMENT');
      expect((res.errors?.[0].extensions?.findings as unknown[]).length).toBeGreaterThan(0);
    });

    it('needs iam:SimulateCustomPolicy for principals', async () => {
      await userWith(app, root, 'eve');
      const eve = await credentialOf(app, root, 'eve');
      const input = { principalArn, action: 'kms:Encrypt', resource: '*', identityPolicies: [allow('kms:Encrypt')] };
      expect(codeOf(await gql(app.url, eve, SIMULATE, { input }))).toBe('ACCESS_DENIED');
      await iamOk(app, root.credential, 'putUserPolicy', { userName: 'eve', policyName: 'sim', policyDocument: allow('iam:SimulateCustomPolicy') });
      expect((await gql(app.url, eve, SIMULATE, { input })).data.simulateCustomPolicy.decision).toBe('ALLOWED');
    });
  });
});
