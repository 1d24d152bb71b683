import { DEFAULT_KEY_POLICY, AWS_MANAGED_POLICIES } from './managed-policies';
import { keyStateCheck } from './key-state';
import { principalFactsFromArn } from './principal-facts';
import { actionHasNoResourceType, conditionKeyType, isKnownAction, isMultiValuedKey } from './iam-data';
import { compilePolicyDocument } from '../compile/compile-policy';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/k1';

describe('default key policy and managed policies', () => {
  it('produces the exact §7.2 text', () => {
    expect(DEFAULT_KEY_POLICY('111122223333')).toBe(
      '{\n  "Version" : "2012-10-17",\n  "Id" : "key-default-1",\n  "Statement" : [ {\n    "Sid" : "Enable IAM User Permissions",\n    "Effect" : "Allow",\n    "Principal" : {\n      "AWS" : "arn:aws:iam::111122223333:root"\n    },\n    "Action" : "kms:*",\n    "Resource" : "*"\n  } ]\n}',
    );
    expect(compilePolicyDocument(DEFAULT_KEY_POLICY('111122223333'), { kind: 'resource', policyId: KEY, sourceType: 'RESOURCE' }).findings).toEqual([]);
  });
  it('ships AWSKeyManagementServicePowerUser v2, valid as an identity policy', () => {
    const p = AWS_MANAGED_POLICIES.AWSKeyManagementServicePowerUser;
    expect(p.arn).toBe('arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser');
    expect(p.versionId).toBe('v2');
    expect(JSON.parse(p.document).Statement[0].Action).toHaveLength(12);
    expect(compilePolicyDocument(p.document, { kind: 'identity', policyId: p.arn, sourceType: 'IDENTITY' }).findings).toEqual([]);
  });
});

describe('key-state table (§4.2)', () => {
  it.each([
    ['kms:Encrypt', 'ENABLED', true],
    ['Decrypt', 'DISABLED', 'DISABLED'],
    ['kms:ReEncryptFrom', 'DISABLED', 'DISABLED'],
    ['kms:DescribeKey', 'DISABLED', true],
    ['kms:GetKeyPolicy', 'PENDING_DELETION', true],
    ['kms:PutKeyPolicy', 'PENDING_IMPORT', true],
    ['kms:ListGrants', 'DISABLED', true],
    ['kms:RevokeGrant', 'PENDING_DELETION', true],
    ['kms:RetireGrant', 'DISABLED', true],
    ['kms:DeleteAlias', 'PENDING_DELETION', true],
    ['kms:Encrypt', 'PENDING_DELETION', 'INVALID_STATE'],
    ['kms:EnableKey', 'PENDING_DELETION', 'INVALID_STATE'],
    ['kms:ScheduleKeyDeletion', 'PENDING_DELETION', 'INVALID_STATE'],
    ['kms:CancelKeyDeletion', 'PENDING_DELETION', true],
    ['kms:CancelKeyDeletion', 'ENABLED', 'INVALID_STATE'],
    ['kms:Encrypt', 'PENDING_IMPORT', 'INVALID_STATE'],
    ['kms:EnableKeyRotation', 'PENDING_IMPORT', 'UNSUPPORTED_OPERATION'],
    ['kms:EnableKey', 'DISABLED', true],
    ['kms:TagResource', 'DISABLED', true],
  ] as const)('%s in %s', (action, state, expected) => {
    const r = keyStateCheck(action, state, KEY);
    if (expected === true) expect(r).toEqual({ ok: true });
    else expect(r.ok === false && r.code).toBe(expected);
  });
  it('uses the AWS messages', () => {
    expect(keyStateCheck('kms:Encrypt', 'DISABLED', KEY)).toEqual({ ok: false, code: 'DISABLED', message: `${KEY} is disabled.` });
    expect(keyStateCheck('kms:Encrypt', 'PENDING_DELETION', KEY)).toEqual({ ok: false, code: 'INVALID_STATE', message: `${KEY} is pending deletion.` });
    expect(keyStateCheck('kms:CancelKeyDeletion', 'ENABLED', KEY)).toEqual({ ok: false, code: 'INVALID_STATE', message: `${KEY} is not pending deletion.` });
    expect(keyStateCheck('kms:Decrypt', 'PENDING_IMPORT', KEY)).toEqual({ ok: false, code: 'INVALID_STATE', message: `${KEY} is pending import.` });
  });
});

describe('principalFactsFromArn', () => {
  it('derives facts for every principal kind', () => {
    expect(principalFactsFromArn('arn:aws:iam::111122223333:root')).toEqual({ arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333', type: 'Account', principalArn: 'arn:aws:iam::111122223333:root', userId: '111122223333' });
    expect(principalFactsFromArn('arn:aws:iam::111122223333:user/dev/alice')).toMatchObject({ type: 'User', userName: 'alice', principalArn: 'arn:aws:iam::111122223333:user/dev/alice' });
    expect(principalFactsFromArn('arn:aws:sts::111122223333:assumed-role/App/s1')).toMatchObject({ type: 'AssumedRole', principalArn: 'arn:aws:iam::111122223333:role/App' });
    expect(principalFactsFromArn('arn:aws:sts::111122223333:assumed-role/App/s1', { roleArn: 'arn:aws:iam::111122223333:role/svc/App' }).principalArn).toBe('arn:aws:iam::111122223333:role/svc/App');
    expect(principalFactsFromArn('arn:aws:iam::111122223333:role/App')).toMatchObject({ type: 'AssumedRole', principalArn: 'arn:aws:iam::111122223333:role/App' });
    expect(principalFactsFromArn('arn:aws:sts::111122223333:federated-user/bob')).toMatchObject({ type: 'FederatedUser', userId: '111122223333:bob' });
    expect(principalFactsFromArn('logs.us-east-1.amazonaws.com')).toEqual({ arn: 'logs.us-east-1.amazonaws.com', type: 'Service', principalArn: 'logs.us-east-1.amazonaws.com' });
    expect(() => principalFactsFromArn('arn:aws:iam::111122223333:group/g')).toThrow();
  });
});

describe('AWS catalogue', () => {
  it('knows actions, resource-less actions and condition key types', () => {
    expect(isKnownAction('KMS', 'encrypt')).toBe(true);
    expect(isKnownAction('kms', 'ListBucket')).toBe(false);
    expect(actionHasNoResourceType('kms', 'CreateKey')).toBe(true);
    expect(conditionKeyType('kms:EncryptionContext:Dept')).toBe('String');
    expect(conditionKeyType('aws:PrincipalTag/team')).toBe('String');
    expect(isMultiValuedKey('kms:GrantOperations')).toBe(true);
    expect(conditionKeyType('aws:SourceIp')).toBe('IPAddress');
  });
});
