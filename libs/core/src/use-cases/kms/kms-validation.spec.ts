import { DomainError } from '../../errors/domain-error';
import { accountOfPrincipal, grantRequestContext, sameGrantParameters, validateGrantRequest } from './grant-input';
import { parseKeyRef } from './key-identifier';
import { awsPrincipalsOf, checkKeyPolicyDocument } from './key-policy-checks';
import { grantOperationsFor, validateKeyType } from './key-spec';
import { validateTags } from './key-tags';

const R = 'eu-west-1';
const ID = '1234abcd-12ab-44cd-86ef-1234567890ab';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e instanceof DomainError ? e.code : 'OTHER';
  }
}

describe('parseKeyRef', () => {
  it('parses the four identifier forms', () => {
    expect(parseKeyRef(ID, R)).toEqual({ kind: 'keyId', keyId: ID });
    expect(parseKeyRef(`arn:aws:kms:${R}:111122223333:key/${ID}`, R)).toMatchObject({ kind: 'keyArn', accountId: '111122223333', keyId: ID });
    expect(parseKeyRef('alias/my-app/x:1', R)).toEqual({ kind: 'aliasName', aliasName: 'alias/my-app/x:1' });
    expect(parseKeyRef(`arn:aws:kms:${R}:111122223333:alias/app`, R)).toMatchObject({ kind: 'aliasArn', aliasName: 'alias/app' });
  });

  it('never matches case variants, other regions or partitions, or multi-Region ids (absent, not invalid)', () => {
    for (const ref of [ID.toUpperCase(), `arn:aws:kms:us-east-1:111122223333:key/${ID}`, `arn:aws-cn:kms:${R}:111122223333:key/${ID}`, `mrk-${'a'.repeat(32)}`]) {
      expect(parseKeyRef(ref, R).kind).toBe('absent');
    }
  });

  it('rejects malformed input with a short, quoted VALIDATION_ERROR', () => {
    for (const bad of ['', '../../etc/passwd', `${ID}\n`, 'alias/', 'alias/a b', 'arn:aws:kms', `arn:aws:kms:${R}:1111:key/${ID}`, 'x'.repeat(3000)]) {
      try {
        parseKeyRef(bad, R);
        throw new Error(`accepted ${bad}`);
      } catch (e) {
        expect((e as DomainError).code).toBe('VALIDATION_ERROR');
        expect((e as DomainError).message.length).toBeLessThan(200);
      }
    }
  });
});

describe('validateKeyType', () => {
  it('defaults to a symmetric encryption key and validates usage against spec', () => {
    expect(validateKeyType(undefined, undefined)).toEqual({ keyUsage: 'ENCRYPT_DECRYPT', keySpec: 'SYMMETRIC_DEFAULT' });
    expect(validateKeyType('KEY_AGREEMENT', 'SM2')).toEqual({ keyUsage: 'KEY_AGREEMENT', keySpec: 'SM2' });
    expect(code(() => validateKeyType('KEY_AGREEMENT', 'ECC_NIST_EDWARDS25519'))).toBe('VALIDATION_ERROR');
    expect(code(() => validateKeyType('SIGN_VERIFY', undefined))).toBe('VALIDATION_ERROR');
    expect(code(() => validateKeyType('GENERATE_VERIFY_MAC', 'HMAC_512'))).toBeUndefined();
  });

  it('knows which grant operations each kind of key supports', () => {
    expect(grantOperationsFor('ENCRYPT_DECRYPT', 'SYMMETRIC_DEFAULT')).toContain('GenerateDataKey');
    expect(grantOperationsFor('ENCRYPT_DECRYPT', 'RSA_2048')).not.toContain('GenerateDataKey');
    expect(grantOperationsFor('SIGN_VERIFY', 'RSA_2048')).toEqual(expect.arrayContaining(['Sign', 'Verify', 'GetPublicKey']));
    expect(grantOperationsFor('GENERATE_VERIFY_MAC', 'HMAC_256')).not.toContain('GetPublicKey');
  });
});

describe('key-policy document checks', () => {
  it('applies the 32,768-byte limit in UTF-8 bytes before validation', () => {
    const base = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"kms:*","Resource":"*"}]}';
    const pad = (bytes: number) => `${base.slice(0, -1)}${' '.repeat(bytes - base.length)}}`;
    expect(code(() => checkKeyPolicyDocument(pad(32_768)))).toBeUndefined();
    expect(code(() => checkKeyPolicyDocument(pad(32_769)))).toBe('LIMIT_EXCEEDED');
    expect(code(() => checkKeyPolicyDocument('{"Statement": ['))).toBe('MALFORMED_POLICY_DOCUMENT');
  });

  it('lists every AWS principal of Principal and NotPrincipal', () => {
    const doc = JSON.stringify({
      Statement: [
        { Principal: { AWS: ['a', 'b'], Service: 'x.amazonaws.com' } },
        { NotPrincipal: { AWS: 'c' } },
        { Principal: '*' },
      ],
    });
    expect(awsPrincipalsOf(doc).map((p) => p.value)).toEqual(['a', 'b', 'c']);
  });
});

describe('grant input', () => {
  const base = { keyId: 'k', granteePrincipal: 'arn:aws:iam::111122223333:role/svc/Worker', operations: ['Decrypt', 'Decrypt'] };

  it('accepts roots, users, roles and sessions, dedupes operations and builds the condition keys', () => {
    for (const p of ['arn:aws:iam::111122223333:root', 'arn:aws:iam::111122223333:user/a/b', 'arn:aws:sts::111122223333:assumed-role/R/s1']) {
      expect(accountOfPrincipal(validateGrantRequest({ ...base, granteePrincipal: p }).granteePrincipal)).toBe('111122223333');
    }
    const req = validateGrantRequest({ ...base, retiringPrincipal: 'arn:aws:iam::111122223333:root', constraints: { encryptionContextSubset: [{ key: 'Dept', value: 'IT' }] } });
    expect(req.operations).toEqual(['Decrypt']);
    expect(grantRequestContext(req)).toEqual(
      expect.arrayContaining([
        { key: 'kms:GrantOperations', values: ['Decrypt'] },
        { key: 'kms:GranteePrincipal', values: [base.granteePrincipal] },
        { key: 'kms:RetiringPrincipal', values: ['arn:aws:iam::111122223333:root'] },
        { key: 'kms:GrantConstraintType', values: ['EncryptionContextSubset'] },
        { key: 'kms:EncryptionContext:Dept', values: ['IT'] },
      ]),
    );
  });

  it('rejects groups, wildcards, unknown operations and oversize constraints', () => {
    const pairs = Array.from({ length: 9 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    for (const input of [
      { ...base, granteePrincipal: 'arn:aws:iam::111122223333:group/g' },
      { ...base, granteePrincipal: '*' },
      { ...base, operations: ['Encrypt', 'kms:Decrypt'] },
      { ...base, constraints: { encryptionContextEquals: pairs } },
      { ...base, grantTokens: Array.from({ length: 11 }, () => 't') },
    ]) {
      expect(code(() => validateGrantRequest(input))).toBe('VALIDATION_ERROR');
    }
  });

  it('compares grant parameters regardless of operation order', () => {
    const a = validateGrantRequest({ ...base, operations: ['Encrypt', 'Decrypt'] });
    expect(sameGrantParameters(a, validateGrantRequest({ ...base, operations: ['Decrypt', 'Encrypt'] }))).toBe(true);
    expect(sameGrantParameters(a, validateGrantRequest({ ...base, operations: ['Decrypt'] }))).toBe(false);
    expect(sameGrantParameters(a, validateGrantRequest({ ...base, operations: ['Encrypt', 'Decrypt'], constraints: { encryptionContextEquals: [{ key: 'a', value: 'b' }] } }))).toBe(false);
  });
});

describe('validateTags', () => {
  it('rejects the aws: prefix, duplicates and more than 50 tags', () => {
    expect(validateTags([{ key: 'env', value: '' }])).toEqual({ env: '' });
    expect(code(() => validateTags([{ key: 'AWS:x', value: 'y' }]))).toBe('VALIDATION_ERROR');
    expect(code(() => validateTags([{ key: 'a', value: '1' }, { key: 'a', value: '2' }]))).toBe('VALIDATION_ERROR');
    expect(code(() => validateTags(Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }))))).toBe('LIMIT_EXCEEDED');
  });
});
