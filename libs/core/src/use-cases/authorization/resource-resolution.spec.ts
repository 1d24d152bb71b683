import { parseResource } from './resource-resolution';

const A = '111122223333';
const KEY = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ALIAS = `arn:aws:kms:us-east-1:${A}:alias/app`;

describe('parseResource', () => {
  it('takes "*" as no resource', () => {
    expect(parseResource('*', 'kms:ListKeys')).toEqual({ kind: 'none' });
  });

  it('names the key of a key ARN, with its account, region and ARN', () => {
    expect(parseResource(KEY, 'kms:Encrypt')).toEqual({
      kind: 'key',
      ref: { accountId: A, keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', region: 'us-east-1', arn: KEY },
    });
  });

  it('resolves an alias ARN for key actions, and keeps it as written for the alias actions (any case)', () => {
    expect(parseResource(ALIAS, 'kms:Decrypt')).toEqual({ kind: 'key', ref: { accountId: A, aliasName: 'alias/app', region: 'us-east-1', arn: ALIAS } });
    for (const action of ['kms:CreateAlias', 'kms:deletealias', 'KMS:UpdateAlias']) expect(parseResource(ALIAS, action)).toEqual({ kind: 'other', accountId: A });
  });

  it('evaluates other ARNs as written, with their account when it is a 12-digit id', () => {
    expect(parseResource(`arn:aws:iam::${A}:user/alice`, 'iam:GetUser')).toEqual({ kind: 'other', accountId: A });
    expect(parseResource('arn:aws:s3:::bucket/alias/x', 's3:GetObject')).toEqual({ kind: 'other', accountId: undefined });
    expect(parseResource('arn:aws:kms:us-east-1:1234:key/k', 'kms:Encrypt')).toEqual({ kind: 'other', accountId: undefined });
    expect(parseResource(`arn:aws:kms:us-east-1:${A}:grant/g`, 'kms:Encrypt')).toEqual({ kind: 'other', accountId: A });
    expect(parseResource(`arn:aws:kms:us-east-1:${A}:key/`, 'kms:Encrypt')).toEqual({ kind: 'other', accountId: A });
  });

  it('evaluates text that is not an ARN as written, without an account', () => {
    expect(parseResource('1234abcd-12ab-34cd-56ef-1234567890ab', 'kms:Encrypt')).toEqual({ kind: 'other', accountId: undefined });
    expect(parseResource('arn:aws:kms', 'kms:Encrypt')).toEqual({ kind: 'other', accountId: undefined });
  });
});
