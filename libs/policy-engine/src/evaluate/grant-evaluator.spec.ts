import type { GrantFacts } from '../types';
import { authorizeRequest as authorize } from './authorize';
import { ACCOUNT, KEY_ARN, OTHER, doc, policy, request, trustAccount } from './request.fixture';

const alice = `arn:aws:iam::${ACCOUNT}:user/alice`;
const keyPolicy = policy({ Version: '2012-10-17', Statement: [trustAccount(ACCOUNT)] }, 'RESOURCE', KEY_ARN);
const grant = (over: Partial<GrantFacts> = {}): GrantFacts => ({ grantId: 'g1', granteePrincipal: alice, operations: ['Encrypt'], effective: true, ...over });
const ec = (pairs: Record<string, string>) => Object.entries(pairs).map(([k, v]) => ({ key: `kms:EncryptionContext:${k}`, values: [v] }));

describe('grants', () => {
  it('allow the listed operation for the grantee, with a GRANT entry', () => {
    const r = authorize(request(alice, { resourcePolicy: keyPolicy, grants: [grant()] }));
    expect(r.decision).toBe('ALLOWED');
    expect(r.matchedStatements).toContainEqual({ sourcePolicyType: 'GRANT', sourcePolicyId: 'g1', statementIndex: 0, effect: 'ALLOW' });
  });
  it('do not allow other operations or other principals', () => {
    expect(authorize(request(alice, { action: 'kms:Decrypt', resourcePolicy: keyPolicy, grants: [grant()] })).decision).toBe('IMPLICIT_DENY');
    expect(authorize(request(`arn:aws:iam::${ACCOUNT}:user/bob`, { resourcePolicy: keyPolicy, grants: [grant()] })).decision).toBe('IMPLICIT_DENY');
  });
  it('a grant to a role is usable by its sessions', () => {
    const session = `arn:aws:sts::${ACCOUNT}:assumed-role/App/s1`;
    const g = grant({ granteePrincipal: `arn:aws:iam::${ACCOUNT}:role/App` });
    expect(authorize(request(session, { resourcePolicy: keyPolicy, grants: [g] })).decision).toBe('ALLOWED');
  });
  it('a grant to the account root needs IAM delegation', () => {
    const g = grant({ granteePrincipal: `arn:aws:iam::${ACCOUNT}:root` });
    const bare = policy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/x` }, Action: 'kms:*', Resource: '*' }] }, 'RESOURCE', KEY_ARN);
    expect(authorize(request(alice, { resourcePolicy: bare, grants: [g] })).decision).toBe('IMPLICIT_DENY');
    const iam = policy(doc({ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }));
    expect(authorize(request(alice, { resourcePolicy: bare, grants: [g], identityPolicies: [iam] })).decision).toBe('ALLOWED');
  });
  it('EncryptionContextEquals needs exactly the pairs, case-sensitively', () => {
    const g = grant({ constraints: { encryptionContextEquals: { Dept: 'IT' } } });
    expect(authorize(request(alice, { resourcePolicy: keyPolicy, grants: [g], context: ec({ Dept: 'IT' }) })).decision).toBe('ALLOWED');
    expect(authorize(request(alice, { resourcePolicy: keyPolicy, grants: [g], context: ec({ Dept: 'it' }) })).decision).toBe('IMPLICIT_DENY');
    expect(authorize(request(alice, { resourcePolicy: keyPolicy, grants: [g], context: ec({ Dept: 'IT', X: 'y' }) })).decision).toBe('IMPLICIT_DENY');
  });
  it('EncryptionContextSubset allows extra pairs; constraints are ignored for DescribeKey', () => {
    const g = grant({ operations: ['Encrypt', 'DescribeKey'], constraints: { encryptionContextSubset: { Dept: 'IT' } } });
    expect(authorize(request(alice, { resourcePolicy: keyPolicy, grants: [g], context: ec({ Dept: 'IT', X: 'y' }) })).decision).toBe('ALLOWED');
    expect(authorize(request(alice, { resourcePolicy: keyPolicy, grants: [g] })).decision).toBe('IMPLICIT_DENY');
    expect(authorize(request(alice, { action: 'kms:DescribeKey', resourcePolicy: keyPolicy, grants: [g] })).decision).toBe('ALLOWED');
  });
  it('a grant that is not yet effective needs its token', () => {
    const g = grant({ effective: false, grantToken: 'tok' });
    expect(authorize(request(alice, { resourcePolicy: keyPolicy, grants: [g] })).decision).toBe('IMPLICIT_DENY');
    expect(authorize(request(alice, { resourcePolicy: keyPolicy, grants: [g], grantTokens: ['tok'] })).decision).toBe('ALLOWED');
  });
  it('an explicit deny beats a grant', () => {
    const deny = policy(doc({ Effect: 'Deny', Action: 'kms:Encrypt', Resource: '*' }));
    expect(authorize(request(alice, { resourcePolicy: keyPolicy, grants: [grant()], identityPolicies: [deny] })).decision).toBe('EXPLICIT_DENY');
  });
  it('a grant to an exact external principal works cross-account', () => {
    const bob = `arn:aws:iam::${OTHER}:user/bob`;
    expect(authorize(request(bob, { resourcePolicy: keyPolicy, grants: [grant({ granteePrincipal: bob })] })).decision).toBe('ALLOWED');
  });
});

describe('RetireGrant', () => {
  const keyPolicyAllowingRetire = policy({ Version: '2012-10-17', Statement: [trustAccount(ACCOUNT), { Effect: 'Allow', Principal: { AWS: alice }, Action: 'kms:RetireGrant', Resource: '*' }] }, 'RESOURCE', KEY_ARN);
  it('is authorized by the retiring principal of a grant', () => {
    const g = grant({ operations: ['Decrypt'], retiringPrincipal: alice, granteePrincipal: `arn:aws:iam::${ACCOUNT}:role/App` });
    expect(authorize(request(alice, { action: 'kms:RetireGrant', resourcePolicy: keyPolicy, grants: [g] })).decision).toBe('ALLOWED');
  });
  it('is authorized for the grantee only when the grant lists RetireGrant', () => {
    expect(authorize(request(alice, { action: 'kms:RetireGrant', resourcePolicy: keyPolicy, grants: [grant()] })).decision).toBe('IMPLICIT_DENY');
    expect(authorize(request(alice, { action: 'kms:RetireGrant', resourcePolicy: keyPolicy, grants: [grant({ operations: ['RetireGrant'] })] })).decision).toBe('ALLOWED');
  });
  it('ignores key-policy allows for kms:RetireGrant', () => {
    expect(authorize(request(alice, { action: 'kms:RetireGrant', resourcePolicy: keyPolicyAllowingRetire })).decision).toBe('IMPLICIT_DENY');
  });
});
