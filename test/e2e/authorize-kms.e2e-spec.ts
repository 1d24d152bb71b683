import { createTestAccount, startTestApp, type TestAccount, type TestApp } from '@keygate/testing/e2e';
import { authorize, keyOf, policy, userWith } from './authorize-e2e.helpers';
import { CREATE_ALIAS, CREATE_GRANT, PUT_KEY_POLICY, REVOKE_GRANT, ok as kmsOk } from './kms-e2e.helpers';

const allow = (action: string | string[], resource: string | string[] = '*', extra: object = {}) => policy([{ Effect: 'Allow', Action: action, Resource: resource, ...extra }]);
const trustRoot = (accountId: string) => ({ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' });

describe('authorize: cross-account, aliases, encryption context, grants (e2e)', () => {
  let app: TestApp;
  let a: TestAccount;
  let b: TestAccount;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    a = await createTestAccount(app);
    b = await createTestAccount(app);
  });

  it('cross-account: needs the key policy of the owner AND an IAM allow in the caller account; some actions never cross', async () => {
    const alice = await userWith(app, a, 'alice', [allow(['kms:Encrypt', 'kms:ScheduleKeyDeletion', 'kms:Decrypt'])]);
    const bob = await userWith(app, a, 'bob');
    const key = await keyOf(app, b);
    const external = { Sid: 'External', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${a.accountId}:root` }, Action: ['kms:Encrypt', 'kms:ScheduleKeyDeletion'], Resource: '*' };
    expect((await authorize(app, { principalArn: alice, action: 'kms:Encrypt', resource: key.arn })).decision).toBe('IMPLICIT_DENY');
    await kmsOk(app, b, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy: policy([trustRoot(b.accountId), external]) } });
    const ok = await authorize(app, { principalArn: alice, action: 'kms:Encrypt', resource: key.arn });
    expect(ok).toMatchObject({ decision: 'ALLOWED', allowed: true, keyState: 'ENABLED' });
    expect(ok.matchedStatements.map((s) => s.sourcePolicyType).sort()).toEqual(['IDENTITY', 'RESOURCE']);
    expect((await authorize(app, { principalArn: alice, action: 'kms:ScheduleKeyDeletion', resource: key.arn })).decision).toBe('IMPLICIT_DENY');
    expect((await authorize(app, { principalArn: alice, action: 'kms:Decrypt', resource: key.arn })).decision).toBe('IMPLICIT_DENY');
    expect((await authorize(app, { principalArn: bob, action: 'kms:Encrypt', resource: key.arn })).decision).toBe('IMPLICIT_DENY');
    // Within B, B's root may do what its key policy lets the account do.
    expect((await authorize(app, { principalArn: b.arn, action: 'kms:ScheduleKeyDeletion', resource: key.arn }, b.credential)).allowed).toBe(true);
  });

  it('aliases: an alias ARN resolves to its key and sets kms:RequestAlias; cross-account alias ARNs work too', async () => {
    const carol = await userWith(app, a, 'carol', [allow('kms:Encrypt', '*', { Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/tagged' } } })]);
    const key = await keyOf(app, a);
    const viaAlias = { Sid: 'ViaAlias', Effect: 'Allow', Principal: { AWS: carol }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:RequestAlias': 'alias/app' } } };
    await kmsOk(app, a, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy: policy([trustRoot(a.accountId), viaAlias]) } });
    await kmsOk(app, a, CREATE_ALIAS, { input: { aliasName: 'alias/app', targetKeyId: key.keyId } });
    const aliasArn = `arn:aws:kms:us-east-1:${a.accountId}:alias/app`;
    const r = await authorize(app, { principalArn: carol, action: 'kms:Decrypt', resource: aliasArn });
    expect(r).toMatchObject({ decision: 'ALLOWED', keyState: 'ENABLED' });
    expect(r.matchedStatements).toContainEqual(expect.objectContaining({ sourcePolicyId: key.arn, sid: 'ViaAlias' }));
    expect((await authorize(app, { principalArn: carol, action: 'kms:Decrypt', resource: key.arn })).decision).toBe('IMPLICIT_DENY');
    // kms:ResourceAliases (IAM only): effective once the key carries the alias.
    expect((await authorize(app, { principalArn: carol, action: 'kms:Encrypt', resource: key.arn })).decision).toBe('IMPLICIT_DENY');
    await kmsOk(app, a, CREATE_ALIAS, { input: { aliasName: 'alias/tagged', targetKeyId: key.keyId } });
    expect((await authorize(app, { principalArn: carol, action: 'kms:Encrypt', resource: key.arn })).decision).toBe('ALLOWED');
    const missing = await authorize(app, { principalArn: carol, action: 'kms:Decrypt', resource: `arn:aws:kms:us-east-1:${a.accountId}:alias/none` });
    expect(missing.reason).toMatch(/no alias with this ARN exists/);
    // An alias of another account of the deployment, by ARN.
    const keyB = await keyOf(app, b);
    await kmsOk(app, b, PUT_KEY_POLICY, {
      input: { keyId: keyB.keyId, policy: policy([trustRoot(b.accountId), { Effect: 'Allow', Principal: { AWS: a.arn }, Action: 'kms:Encrypt', Resource: '*' }]) },
    });
    await kmsOk(app, b, CREATE_ALIAS, { input: { aliasName: 'alias/shared', targetKeyId: keyB.keyId } });
    const dave = await userWith(app, a, 'dave', [allow('kms:Encrypt')]);
    expect((await authorize(app, { principalArn: dave, action: 'kms:Encrypt', resource: `arn:aws:kms:us-east-1:${b.accountId}:alias/shared` })).decision).toBe('ALLOWED');
  });

  it('encryption-context conditions in the key policy', async () => {
    const erin = await userWith(app, a, 'erin');
    const key = await keyOf(app, a);
    const byContext = { Effect: 'Allow', Principal: { AWS: erin }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:EncryptionContext:Project': 'alpha' } } };
    await kmsOk(app, a, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy: policy([trustRoot(a.accountId), byContext]) } });
    const req = { principalArn: erin, action: 'kms:Decrypt', resource: key.arn };
    expect((await authorize(app, { ...req, context: [{ key: 'kms:EncryptionContext:Project', values: ['alpha'] }] })).decision).toBe('ALLOWED');
    expect((await authorize(app, { ...req, context: [{ key: 'kms:EncryptionContext:Project', values: ['beta'] }] })).decision).toBe('IMPLICIT_DENY');
    const none = await authorize(app, req);
    expect(none.decision).toBe('IMPLICIT_DENY');
    expect(none.missingContextKeys).toContain('kms:EncryptionContext:Project');
  });

  it('grants: constraints, tokens and revocation', async () => {
    const frank = await userWith(app, a, 'frank');
    const key = await keyOf(app, a);
    const grant = (
      await kmsOk(app, a, CREATE_GRANT, {
        input: { keyId: key.keyId, granteePrincipal: frank, operations: ['Encrypt', 'Decrypt'], constraints: { encryptionContextSubset: [{ key: 'Dept', value: 'IT' }] } },
      })
    ).createGrant;
    const req = { principalArn: frank, action: 'kms:Encrypt', resource: key.arn };
    const allowed = await authorize(app, { ...req, context: [{ key: 'kms:EncryptionContext:Dept', values: ['IT'] }, { key: 'kms:EncryptionContext:Other', values: ['x'] }] });
    expect(allowed).toMatchObject({ decision: 'ALLOWED', allowed: true });
    expect(allowed.matchedStatements).toContainEqual(expect.objectContaining({ sourcePolicyType: 'GRANT', sourcePolicyId: grant.grantId }));
    expect((await authorize(app, req)).decision).toBe('IMPLICIT_DENY');
    expect((await authorize(app, { ...req, context: [{ key: 'kms:EncryptionContext:Dept', values: ['HR'] }] })).decision).toBe('IMPLICIT_DENY');
    // The operation list limits the grant.
    expect((await authorize(app, { principalArn: frank, action: 'kms:ReEncryptFrom', resource: key.arn, context: [{ key: 'kms:EncryptionContext:Dept', values: ['IT'] }] })).decision).toBe('IMPLICIT_DENY');
    // The grant token is accepted (the grant is usable at once either way).
    expect((await authorize(app, { ...req, grantTokens: [grant.grantToken], context: [{ key: 'kms:EncryptionContext:Dept', values: ['IT'] }] })).decision).toBe('ALLOWED');
    await kmsOk(app, a, REVOKE_GRANT, { input: { keyId: key.keyId, grantId: grant.grantId } });
    expect((await authorize(app, { ...req, context: [{ key: 'kms:EncryptionContext:Dept', values: ['IT'] }] })).decision).toBe('IMPLICIT_DENY');
  });
});
