import type { SimulationInput } from '../types';
import { referenceSimulate, referenceVerdict } from './reference-evaluator';

const A = '111122223333';
const B = '444455556666';
const KEY_A = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ALICE = `arn:aws:iam::${A}:user/alice`;
const CAROL = `arn:aws:iam::${B}:user/carol`;
const SESSION = `arn:aws:sts::${A}:assumed-role/ops/s1`;

const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const allow = (extra: object = {}) => ({ Effect: 'Allow', Action: 'kms:*', Resource: '*', ...extra });
const deny = (extra: object = {}) => ({ Effect: 'Deny', Action: 'kms:*', Resource: '*', ...extra });
const trust = (principal: unknown, extra: object = {}) => allow({ Principal: principal, ...extra });
const DEFAULT_KEY_POLICY = doc(trust({ AWS: `arn:aws:iam::${A}:root` }));

function run(partial: Partial<SimulationInput>) {
  return referenceSimulate({
    principalArn: ALICE,
    action: 'kms:Decrypt',
    resource: KEY_A,
    identityPolicies: [],
    ...partial,
  });
}

describe('referenceSimulate', () => {
  it('denies by default: no policies at all', () => {
    expect(run({})).toBe('IMPLICIT_DENY');
  });

  it('DECISIONS 6: an IAM allow without a key policy is not enough', () => {
    expect(run({ identityPolicies: [doc(allow())] })).toBe('IMPLICIT_DENY');
  });

  it('§10.1: the account statement enables IAM, but grants nothing by itself', () => {
    expect(run({ resourcePolicy: DEFAULT_KEY_POLICY })).toBe('IMPLICIT_DENY');
    expect(run({ resourcePolicy: DEFAULT_KEY_POLICY, identityPolicies: [doc(allow())] })).toBe('ALLOWED');
  });

  it('DECISIONS 7: the root is covered by the account statement, and only by it', () => {
    const root = `arn:aws:iam::${A}:root`;
    expect(run({ principalArn: root, resourcePolicy: DEFAULT_KEY_POLICY })).toBe('ALLOWED');
    expect(run({ principalArn: root, resourcePolicy: doc(trust({ AWS: ALICE })) })).toBe('IMPLICIT_DENY');
  });

  it('§10.2: a same-account direct grant needs no IAM policy; a role grant covers its sessions', () => {
    expect(run({ resourcePolicy: doc(trust({ AWS: ALICE })) })).toBe('ALLOWED');
    const rolePolicy = doc(trust({ AWS: `arn:aws:iam::${A}:role/ops` }));
    expect(run({ principalArn: SESSION, resourcePolicy: rolePolicy })).toBe('ALLOWED');
  });

  it('§3.3 rule 4: cross-account needs the key policy AND the caller IAM allow', () => {
    const keyPolicy = doc(trust({ AWS: B }));
    expect(run({ principalArn: CAROL, resourcePolicy: keyPolicy })).toBe('IMPLICIT_DENY');
    expect(run({ principalArn: CAROL, resourcePolicy: keyPolicy, identityPolicies: [doc(allow())] })).toBe('ALLOWED');
  });

  it('§3.3 rule 4: actions outside the cross-account list never work across accounts', () => {
    const input = { principalArn: CAROL, resourcePolicy: doc(trust('*')), identityPolicies: [doc(allow())] };
    expect(run({ ...input, action: 'kms:PutKeyPolicy' })).toBe('IMPLICIT_DENY');
    expect(run({ ...input, action: 'KMS:encrypt' })).toBe('ALLOWED');
  });

  it('§10.1: an IAM Deny wins over a direct key-policy grant', () => {
    const input = { resourcePolicy: doc(trust('*')), identityPolicies: [doc(deny({ Action: 'kms:Decrypt' }))] };
    expect(run(input)).toBe('EXPLICIT_DENY');
  });

  it('§3.3 rule 5: non-key actions are decided by IAM alone', () => {
    const input = { action: 'kms:ListKeys', resource: '*', resourcePolicy: doc(trust('*')) };
    expect(run(input)).toBe('IMPLICIT_DENY');
    expect(run({ ...input, identityPolicies: [doc(allow({ Action: 'kms:List*' }))] })).toBe('ALLOWED');
    // §5.1: kms:CallerAccount is not in the request context of ListKeys (it is for key operations).
    const callerIs = (action: string) => doc(allow({ Action: action, Condition: { StringEquals: { 'kms:CallerAccount': A } } }));
    expect(run({ ...input, identityPolicies: [callerIs('kms:ListKeys')] })).toBe('IMPLICIT_DENY');
    expect(run({ resourcePolicy: DEFAULT_KEY_POLICY, identityPolicies: [callerIs('kms:Decrypt')] })).toBe('ALLOWED');
  });

  it('§1.4/§1.5: actions are case-insensitive, resource ARNs case-sensitive', () => {
    const upper = KEY_A.replace('1234abcd', '1234ABCD');
    expect(run({ resourcePolicy: DEFAULT_KEY_POLICY, identityPolicies: [doc(allow({ Action: 'KMS:DECRYPT', Resource: upper }))] })).toBe('IMPLICIT_DENY');
    expect(run({ resourcePolicy: DEFAULT_KEY_POLICY, identityPolicies: [doc(allow({ Action: 'kms:de?rypt', Resource: `arn:aws:kms:*:${A}:key/*` }))] })).toBe('ALLOWED');
  });

  it('§10.4: a negated operator matches a missing key, and is NOR over its values', () => {
    const cond = { StringNotEquals: { 'kms:ViaService': ['ec2.us-east-1.amazonaws.com', 's3.us-east-1.amazonaws.com'] } };
    const input = { resourcePolicy: doc(trust('*')), identityPolicies: [doc(deny({ Condition: cond }))] };
    expect(run(input)).toBe('EXPLICIT_DENY');
    expect(run({ ...input, context: [{ key: 'KMS:viaService', values: ['s3.us-east-1.amazonaws.com'] }] })).toBe('ALLOWED');
  });

  it('§10.3: ForAllValues is vacuously true, ForAnyValue false, on a missing key', () => {
    const keys = (op: string) => doc(trust('*', { Condition: { [op]: { 'kms:EncryptionContextKeys': ['Department'] } } }));
    expect(run({ resourcePolicy: keys('ForAllValues:StringEquals') })).toBe('ALLOWED');
    expect(run({ resourcePolicy: keys('ForAnyValue:StringEquals') })).toBe('IMPLICIT_DENY');
  });

  it('§2.2: IfExists and Null on absent and present keys', () => {
    const kp = (cond: object) => doc(trust('*', { Condition: cond }));
    const mfa = [{ key: 'aws:MultiFactorAuthPresent', values: ['false'] }];
    expect(run({ resourcePolicy: kp({ BoolIfExists: { 'aws:MultiFactorAuthPresent': true } }) })).toBe('ALLOWED');
    expect(run({ resourcePolicy: kp({ BoolIfExists: { 'aws:MultiFactorAuthPresent': true } }), context: mfa })).toBe('IMPLICIT_DENY');
    expect(run({ resourcePolicy: kp({ Null: { 'aws:username': 'false' } }) })).toBe('ALLOWED');
    expect(run({ principalArn: SESSION, resourcePolicy: kp({ Null: { 'aws:username': 'false' } }) })).toBe('IMPLICIT_DENY');
  });

  it('§1.2: a key-policy statement without Resource never applies', () => {
    expect(run({ resourcePolicy: doc({ Effect: 'Allow', Principal: '*', Action: 'kms:*' }) })).toBe('IMPLICIT_DENY');
  });

  it('§3.1 steps 1 and 6: a boundary must allow the IAM path, and its Deny is explicit', () => {
    const input = { resourcePolicy: DEFAULT_KEY_POLICY, identityPolicies: [doc(allow())] };
    expect(run({ ...input, permissionsBoundaries: [doc(allow({ Action: 'kms:Encrypt' }))] })).toBe('IMPLICIT_DENY');
    expect(run({ ...input, permissionsBoundaries: [doc(allow({ Action: 'kms:*crypt' }))] })).toBe('ALLOWED');
    expect(run({ ...input, permissionsBoundaries: [doc(allow(), deny({ Action: 'kms:Decrypt' }))] })).toBe('EXPLICIT_DENY');
  });

  it('UNCONFIRMED: a boundary against a direct key-policy grant, several boundaries', () => {
    const boundary = doc(allow({ Action: 'kms:Encrypt' }));
    expect(referenceVerdict({ principalArn: ALICE, action: 'kms:Decrypt', resource: KEY_A, identityPolicies: [], resourcePolicy: doc(trust({ AWS: ALICE })), permissionsBoundaries: [boundary] })).toBe('UNCONFIRMED');
    expect(referenceVerdict({ principalArn: ALICE, action: 'kms:Decrypt', resource: KEY_A, identityPolicies: [], permissionsBoundaries: [boundary, boundary] })).toBe('UNCONFIRMED');
    expect(() => referenceSimulate({ principalArn: ALICE, action: 'kms:Decrypt', resource: KEY_A, identityPolicies: [], permissionsBoundaries: [boundary, boundary] })).toThrow(/UNCONFIRMED/);
  });

  it('§3.1 table: a same-account grant to the user ARN is not limited by the boundary, one to the role ARN is', () => {
    const queue = `arn:aws:sqs:us-east-1:${A}:q1`;
    const grant = (p: string) => doc({ Effect: 'Allow', Principal: { AWS: p }, Action: 'sqs:*', Resource: queue });
    const input = { action: 'sqs:SendMessage', resource: queue, permissionsBoundaries: [doc(allow())] };
    expect(run({ ...input, resourcePolicy: grant(ALICE) })).toBe('ALLOWED');
    expect(run({ ...input, principalArn: SESSION, resourcePolicy: grant(`arn:aws:iam::${A}:role/ops`) })).toBe('IMPLICIT_DENY');
    expect(run({ ...input, principalArn: SESSION, resourcePolicy: grant(SESSION) })).toBe('ALLOWED');
  });

  it('§1.6: variables are substituted only in 2012-10-17 documents; no value = no match', () => {
    const queue = (name: string) => `arn:aws:sqs:us-east-1:${A}:${name}`;
    const own = { Effect: 'Allow', Action: 'sqs:*', Resource: queue('${aws:username}') };
    const input = { action: 'sqs:SendMessage', resource: queue('alice') };
    expect(run({ ...input, identityPolicies: [doc(own)] })).toBe('ALLOWED');
    expect(run({ ...input, identityPolicies: [JSON.stringify({ Version: '2008-10-17', Statement: own })] })).toBe('IMPLICIT_DENY');
    expect(run({ ...input, principalArn: SESSION, resource: queue('ops'), identityPolicies: [doc(own)] })).toBe('IMPLICIT_DENY');
    const withDefault = { ...own, Resource: queue("${aws:username, 'jobs'}") };
    expect(run({ ...input, principalArn: SESSION, resource: queue('jobs'), identityPolicies: [doc(withDefault)] })).toBe('ALLOWED');
    const literalStar = { ...own, Resource: queue('al${*}') };
    expect(run({ ...input, identityPolicies: [doc(literalStar)] })).toBe('IMPLICIT_DENY');
    expect(run({ ...input, resource: queue('al*'), identityPolicies: [doc(literalStar)] })).toBe('ALLOWED');
  });

  it('§3.4: a grant allows its operations for its grantee, under its constraints, with its token', () => {
    const grant = { grantId: 'g1', granteePrincipal: ALICE, operations: ['Decrypt'], effective: true, grantToken: 't1' };
    const input = { resourcePolicy: doc(trust({ AWS: CAROL })), grants: [grant] };
    expect(run(input)).toBe('ALLOWED');
    expect(run({ ...input, action: 'kms:Encrypt' })).toBe('IMPLICIT_DENY');
    expect(run({ ...input, grants: [{ ...grant, effective: false }] })).toBe('IMPLICIT_DENY');
    expect(run({ ...input, grants: [{ ...grant, effective: false }], grantTokens: ['t1'] })).toBe('ALLOWED');
    const subset = { ...grant, constraints: { encryptionContextSubset: { Project: 'Apollo' } } };
    expect(run({ ...input, grants: [subset] })).toBe('IMPLICIT_DENY');
    expect(run({ ...input, grants: [subset], context: [{ key: 'kms:EncryptionContext:Project', values: ['Apollo'] }] })).toBe('ALLOWED');
    expect(run({ ...input, grants: [grant], identityPolicies: [doc(deny())] })).toBe('EXPLICIT_DENY');
    expect(referenceVerdict({ principalArn: ALICE, action: 'kms:Decrypt', resource: KEY_A, identityPolicies: [], grants: [grant] })).toBe('UNCONFIRMED');
  });

  it('§3.1: generic resources: same-account identity OR direct resource grant; cross-account both', () => {
    const queue = `arn:aws:sqs:us-east-1:${A}:q1`;
    const qp = doc({ Effect: 'Allow', Principal: { AWS: [ALICE, CAROL] }, Action: 'sqs:SendMessage', Resource: queue });
    const input = { action: 'sqs:SendMessage', resource: queue, resourcePolicy: qp };
    expect(run(input)).toBe('ALLOWED');
    expect(run({ ...input, principalArn: CAROL })).toBe('IMPLICIT_DENY');
    expect(run({ ...input, principalArn: CAROL, identityPolicies: [doc(allow({ Action: 'sqs:*' }))] })).toBe('ALLOWED');
  });
});
