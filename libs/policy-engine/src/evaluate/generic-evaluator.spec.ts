import { authorizeRequest as authorize } from './authorize';
import { ACCOUNT, OTHER, doc, policy, request } from './request.fixture';

const BUCKET = 'arn:aws:s3:::example-bucket/*';
const alice = `arn:aws:iam::${ACCOUNT}:user/alice`;
const s3 = (principalArn: string, over = {}) => request(principalArn, { action: 's3:GetObject', resource: 'arn:aws:s3:::example-bucket/a.txt', key: undefined, resourceAccount: ACCOUNT, ...over });
const allowGet = policy(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET }));
const bucketPolicy = (principal: unknown) => policy({ Version: '2012-10-17', Statement: [{ Sid: 'B', Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: BUCKET }] }, 'RESOURCE', 'bucket');

describe('generic algorithm', () => {
  it('same account: an identity allow suffices', () => {
    expect(authorize(s3(alice, { identityPolicies: [allowGet] })).decision).toBe('ALLOWED');
  });
  it('same account: a resource policy naming the user suffices without IAM', () => {
    expect(authorize(s3(alice, { resourcePolicy: bucketPolicy({ AWS: alice }) })).decision).toBe('ALLOWED');
  });
  it('same account: an account-principal resource policy needs an identity allow', () => {
    const r = authorize(s3(alice, { resourcePolicy: bucketPolicy({ AWS: ACCOUNT }) }));
    expect(r.decision).toBe('IMPLICIT_DENY');
    expect(r.reason).toContain('because no identity-based policy allows the s3:GetObject action');
  });
  it('same account: a role-ARN grant is limited by the boundary, a session grant is not', () => {
    const session = `arn:aws:sts::${ACCOUNT}:assumed-role/App/s1`;
    const boundary = policy(doc({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }), 'PERMISSIONS_BOUNDARY', 'b');
    expect(authorize(s3(session, { permissionsBoundary: boundary, resourcePolicy: bucketPolicy({ AWS: `arn:aws:iam::${ACCOUNT}:role/App` }) })).decision).toBe('IMPLICIT_DENY');
    expect(authorize(s3(session, { permissionsBoundary: boundary, resourcePolicy: bucketPolicy({ AWS: session }) })).decision).toBe('ALLOWED');
  });
  it('cross account: both sides must allow', () => {
    const bob = `arn:aws:iam::${OTHER}:user/bob`;
    expect(authorize(s3(bob, { identityPolicies: [allowGet] })).reason).toContain('because no resource-based policy allows');
    expect(authorize(s3(bob, { resourcePolicy: bucketPolicy({ AWS: OTHER }) })).reason).toContain('because no identity-based policy allows');
    expect(authorize(s3(bob, { identityPolicies: [allowGet], resourcePolicy: bucketPolicy({ AWS: OTHER }) })).decision).toBe('ALLOWED');
  });
  it('a service principal needs the resource policy to name it', () => {
    const svc = 'cloudtrail.amazonaws.com';
    expect(authorize(s3(svc, { resourcePolicy: bucketPolicy({ Service: svc }) })).decision).toBe('ALLOWED');
    expect(authorize(s3(svc, { identityPolicies: [allowGet] })).decision).toBe('IMPLICIT_DENY');
  });
  it('the account root is not limited by IAM policies in its own account', () => {
    expect(authorize(s3(`arn:aws:iam::${ACCOUNT}:root`)).decision).toBe('ALLOWED');
  });
  it('a permissions boundary must also allow', () => {
    const boundary = policy(doc({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }), 'PERMISSIONS_BOUNDARY', 'b');
    const r = authorize(s3(alice, { identityPolicies: [allowGet], permissionsBoundary: boundary }));
    expect(r.reason).toContain('because no permissions boundary allows the s3:GetObject action');
    const deny = policy(doc({ Effect: 'Deny', Action: 's3:*', Resource: '*' }), 'PERMISSIONS_BOUNDARY', 'b');
    expect(authorize(s3(alice, { identityPolicies: [allowGet], permissionsBoundary: deny })).reason).toContain('with an explicit deny in a permissions boundary');
  });
  it('actions are case-insensitive, resources case-sensitive', () => {
    const p = policy(doc({ Effect: 'Allow', Action: 'S3:getobject', Resource: 'arn:aws:s3:::Example-Bucket/*' }));
    expect(authorize(s3(alice, { identityPolicies: [p] })).decision).toBe('IMPLICIT_DENY');
    const q = policy(doc({ Effect: 'Allow', Action: 'S3:getobject', Resource: BUCKET }));
    expect(authorize(s3(alice, { identityPolicies: [q] })).decision).toBe('ALLOWED');
  });
  it('NotAction and NotResource invert the match', () => {
    const p = policy(doc({ Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::other/*' }));
    expect(authorize(s3(alice, { identityPolicies: [p] })).decision).toBe('ALLOWED');
  });
  it('resource variables resolve per request; unresolvable ones match nothing', () => {
    const p = policy(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-bucket/${aws:username}/*' }));
    expect(authorize(s3(alice, { identityPolicies: [p], resource: 'arn:aws:s3:::example-bucket/alice/x' })).decision).toBe('ALLOWED');
    expect(authorize(s3(alice, { identityPolicies: [p], resource: 'arn:aws:s3:::example-bucket/bob/x' })).decision).toBe('IMPLICIT_DENY');
    const role = `arn:aws:sts::${ACCOUNT}:assumed-role/App/s1`;
    expect(authorize(s3(role, { identityPolicies: [p], resource: 'arn:aws:s3:::example-bucket/App/x' })).decision).toBe('IMPLICIT_DENY');
    const legacy = policy(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-bucket/${aws:username}/*' }, '2008-10-17'));
    expect(authorize(s3(alice, { identityPolicies: [legacy], resource: 'arn:aws:s3:::example-bucket/${aws:username}/x' })).decision).toBe('ALLOWED');
  });
  it('reports missing context keys of evaluated statements, sorted and as written', () => {
    const p = policy(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }));
    expect(authorize(s3(alice, { identityPolicies: [p] })).missingContextKeys).toEqual(['aws:MultiFactorAuthPresent', 'aws:SourceIp']);
  });
  it('fails closed on malformed requests', () => {
    const r = authorize({ ...s3(alice), action: 'not an action' });
    expect(r.decision).toBe('IMPLICIT_DENY');
    expect(r.reason.startsWith('Evaluation error:')).toBe(true);
    expect(authorize(null as never).reason.startsWith('Evaluation error:')).toBe(true);
    expect(authorize({ ...s3(alice), identityPolicies: [{ policyId: 'x', sourceType: 'IDENTITY', kind: 'identity', version: '2012-10-17', internal: {} }] }).decision).toBe('IMPLICIT_DENY');
    const wrongSlot = authorize(s3(alice, { resourcePolicy: allowGet }));
    expect(wrongSlot.decision).toBe('IMPLICIT_DENY');
    expect(wrongSlot.reason).toContain('Evaluation error: resourcePolicy must be compiled as a resource policy');
  });
});
