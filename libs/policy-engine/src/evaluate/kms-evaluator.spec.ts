import { authorizeRequest as authorize } from './authorize';
import { ACCOUNT, KEY_ARN, OTHER, doc, policy, request, trustAccount } from './request.fixture';

const alice = `arn:aws:iam::${ACCOUNT}:user/alice`;
const bob = `arn:aws:iam::${OTHER}:user/bob`;
const iamAllow = (action = 'kms:Encrypt', resource = '*') => policy(doc({ Effect: 'Allow', Action: action, Resource: resource }));
const keyPolicy = (...statements: Record<string, unknown>[]) => policy({ Version: '2012-10-17', Statement: statements }, 'RESOURCE', KEY_ARN);

describe('KMS: same account', () => {
  it('root delegation enables IAM policies', () => {
    const r = authorize(request(alice, { identityPolicies: [iamAllow()], resourcePolicy: keyPolicy(trustAccount(ACCOUNT)) }));
    expect(r.decision).toBe('ALLOWED');
    expect(r.matchedStatements.map((m) => m.sourcePolicyType)).toEqual(['IDENTITY', 'RESOURCE']);
  });
  it('without the account statement IAM allows are dead letters', () => {
    const kp = keyPolicy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/carol` }, Action: 'kms:*', Resource: '*' });
    const r = authorize(request(alice, { identityPolicies: [iamAllow()], resourcePolicy: kp }));
    expect(r.decision).toBe('IMPLICIT_DENY');
    expect(r.reason).toContain('because no resource-based policy allows the kms:Encrypt action');
  });
  it('a direct key-policy grant needs no IAM allow', () => {
    const kp = keyPolicy({ Effect: 'Allow', Principal: { AWS: alice }, Action: 'kms:Encrypt', Resource: '*' });
    expect(authorize(request(alice, { resourcePolicy: kp })).decision).toBe('ALLOWED');
  });
  it('the account statement covers the root user without IAM policies', () => {
    const r = authorize(request(`arn:aws:iam::${ACCOUNT}:root`, { action: 'kms:ScheduleKeyDeletion', resourcePolicy: keyPolicy(trustAccount(ACCOUNT)) }));
    expect(r.decision).toBe('ALLOWED');
  });
  it('an explicit deny in the key policy beats an IAM allow', () => {
    const kp = keyPolicy(trustAccount(ACCOUNT), { Sid: 'NoEncrypt', Effect: 'Deny', Principal: '*', Action: 'kms:Encrypt', Resource: '*' });
    const r = authorize(request(alice, { identityPolicies: [iamAllow()], resourcePolicy: kp }));
    expect(r.decision).toBe('EXPLICIT_DENY');
    expect(r.reason).toBe(`User: ${alice} is not authorized to perform: kms:Encrypt on resource: ${KEY_ARN} with an explicit deny in a resource-based policy`);
    expect(r.matchedStatements.map((m) => m.effect).sort()).toEqual(['ALLOW', 'ALLOW', 'DENY']);
  });
  it('an IAM deny applies even when the key policy grants directly', () => {
    const kp = keyPolicy({ Effect: 'Allow', Principal: { AWS: alice }, Action: 'kms:Encrypt', Resource: '*' });
    const deny = policy(doc({ Effect: 'Deny', Action: 'kms:*', Resource: '*' }));
    const r = authorize(request(alice, { identityPolicies: [deny], resourcePolicy: kp }));
    expect(r.reason).toContain('with an explicit deny in an identity-based policy');
  });
  it('a permissions boundary limits IAM delegation', () => {
    const boundary = policy(doc({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }), 'PERMISSIONS_BOUNDARY', 'b');
    const r = authorize(request(alice, { identityPolicies: [iamAllow()], permissionsBoundary: boundary, resourcePolicy: keyPolicy(trustAccount(ACCOUNT)) }));
    expect(r.decision).toBe('IMPLICIT_DENY');
    expect(r.reason).toContain('because no permissions boundary allows the kms:Encrypt action');
  });
  it('a missing key policy leaves IAM powerless (DECISIONS 6); grants stay a separate allow path', () => {
    expect(authorize(request(`arn:aws:iam::${ACCOUNT}:root`, { identityPolicies: [iamAllow()] })).decision).toBe('IMPLICIT_DENY');
    const grants = [{ grantId: 'g', granteePrincipal: alice, operations: ['Encrypt'], effective: true }];
    expect(authorize(request(alice, { grants })).decision).toBe('ALLOWED');
  });
  it('IAM-only ABAC keys are invisible to the key policy', () => {
    const kp = keyPolicy({ Effect: 'Allow', Principal: { AWS: alice }, Action: 'kms:Encrypt', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } } });
    const req = request(alice, { resourcePolicy: kp });
    req.key = { ...req.key!, tags: { env: 'prod' } };
    expect(authorize(req).decision).toBe('IMPLICIT_DENY');
    const iam = policy(doc({ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } } }));
    expect(authorize({ ...req, identityPolicies: [iam], resourcePolicy: keyPolicy(trustAccount(ACCOUNT)) }).decision).toBe('ALLOWED');
  });
});

describe('KMS: NotPrincipal and service principals', () => {
  const admin = `arn:aws:iam::${ACCOUNT}:user/admin`;
  const kp = keyPolicy(trustAccount(ACCOUNT), { Sid: 'OnlyAdmin', Effect: 'Deny', NotPrincipal: { AWS: [admin, `arn:aws:iam::${ACCOUNT}:root`] }, Action: 'kms:ScheduleKeyDeletion', Resource: '*' });
  it('a NotPrincipal Deny hits everyone not listed, even when their account is listed', () => {
    const all = iamAllow('kms:*');
    expect(authorize(request(alice, { action: 'kms:ScheduleKeyDeletion', identityPolicies: [all], resourcePolicy: kp })).decision).toBe('EXPLICIT_DENY');
    expect(authorize(request(admin, { action: 'kms:ScheduleKeyDeletion', identityPolicies: [all], resourcePolicy: kp })).decision).toBe('ALLOWED');
    expect(authorize(request(`arn:aws:iam::${ACCOUNT}:root`, { action: 'kms:ScheduleKeyDeletion', resourcePolicy: kp })).decision).toBe('ALLOWED');
  });
  it('a service principal is decided by the key policy alone', () => {
    const svc = 'logs.us-east-1.amazonaws.com';
    const logs = keyPolicy({ Effect: 'Allow', Principal: { Service: svc }, Action: 'kms:Encrypt', Resource: '*' });
    expect(authorize(request(svc, { resourcePolicy: logs })).decision).toBe('ALLOWED');
    expect(authorize(request(svc, { resourcePolicy: keyPolicy(trustAccount(ACCOUNT)) })).decision).toBe('IMPLICIT_DENY');
  });
});

describe('KMS: cross account', () => {
  it('needs the key policy to trust the account and an IAM allow in the caller account', () => {
    const kp = keyPolicy(trustAccount(ACCOUNT), trustAccount(OTHER, ['kms:Encrypt', 'kms:ScheduleKeyDeletion']));
    expect(authorize(request(bob, { identityPolicies: [iamAllow()], resourcePolicy: kp })).decision).toBe('ALLOWED');
    const noIam = authorize(request(bob, { resourcePolicy: kp }));
    expect(noIam.reason).toContain('because no identity-based policy allows the kms:Encrypt action');
  });
  it('denies actions that do not work cross-account whatever the policies say', () => {
    const kp = keyPolicy(trustAccount(OTHER, 'kms:*'));
    const r = authorize(request(bob, { action: 'kms:ScheduleKeyDeletion', identityPolicies: [iamAllow('kms:*')], resourcePolicy: kp }));
    expect(r.decision).toBe('IMPLICIT_DENY');
  });
  it('the external root needs no IAM policy', () => {
    const kp = keyPolicy(trustAccount(OTHER, 'kms:Decrypt'));
    expect(authorize(request(`arn:aws:iam::${OTHER}:root`, { action: 'kms:Decrypt', resourcePolicy: kp })).decision).toBe('ALLOWED');
  });
});

describe('KMS: resource-less and alias actions', () => {
  it('resource-less actions are decided by IAM alone', () => {
    expect(authorize(request(alice, { action: 'kms:CreateKey', resource: '*', key: undefined, identityPolicies: [iamAllow('kms:CreateKey')] })).decision).toBe('ALLOWED');
    expect(authorize(request(alice, { action: 'kms:ListKeys', resource: '*', key: undefined })).reason).toBe(
      `User: ${alice} is not authorized to perform: kms:ListKeys because no identity-based policy allows the kms:ListKeys action`,
    );
  });
  it('an account-scoped pattern covers resource-less actions (UNCONFIRMED choice)', () => {
    const p = iamAllow('kms:CreateKey', `arn:aws:kms:us-east-1:${ACCOUNT}:*`);
    expect(authorize(request(alice, { action: 'kms:CreateKey', resource: '*', key: undefined, identityPolicies: [p] })).decision).toBe('ALLOWED');
    const other = iamAllow('kms:CreateKey', `arn:aws:kms:us-east-1:${OTHER}:*`);
    expect(authorize(request(alice, { action: 'kms:CreateKey', resource: '*', key: undefined, identityPolicies: [other] })).decision).toBe('IMPLICIT_DENY');
  });
  it('alias actions on an alias ARN are decided by IAM on the alias', () => {
    const aliasArn = `arn:aws:kms:us-east-1:${ACCOUNT}:alias/app`;
    const p = iamAllow('kms:CreateAlias', aliasArn);
    expect(authorize(request(alice, { action: 'kms:CreateAlias', resource: aliasArn, key: undefined, identityPolicies: [p] })).decision).toBe('ALLOWED');
  });
  it('alias/aws/ is reserved', () => {
    const aliasArn = `arn:aws:kms:us-east-1:${ACCOUNT}:alias/aws/s3`;
    const r = authorize(request(`arn:aws:iam::${ACCOUNT}:root`, { action: 'kms:DeleteAlias', resource: aliasArn, key: undefined, identityPolicies: [iamAllow('kms:*')] }));
    expect(r.decision).toBe('IMPLICIT_DENY');
    expect(r.reason).toContain('reserved');
  });
});
