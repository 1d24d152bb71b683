import { DomainError } from '../../errors/domain-error';
import { inlinePolicyDocument, managedPolicyDocument, policySize, trustPolicyDocument } from './iam-documents';

function failure(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  }
  throw new Error('expected a DomainError');
}

const identity = (actions: string[], resource = '*') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }] });

describe('IAM policy document checks', () => {
  it('counts size without whitespace', () => {
    expect(policySize(' { "a" :\n\t1 } ')).toBe(7);
  });

  it('accepts a valid identity policy byte-for-byte', () => {
    const doc = identity(['kms:DescribeKey']);
    expect(managedPolicyDocument(doc)).toBe(doc);
  });

  it('answers MALFORMED_POLICY_DOCUMENT with every finding for ERROR findings', () => {
    const error = failure(() => managedPolicyDocument('{"Version":"2012-10-17","Statement":['));
    expect(error.code).toBe('MALFORMED_POLICY_DOCUMENT');
    expect((error.details?.findings as unknown[]).length).toBeGreaterThan(0);
    expect(failure(() => managedPolicyDocument(42)).code).toBe('MALFORMED_POLICY_DOCUMENT');
  });

  it('answers LIMIT_EXCEEDED above 6,144 characters for managed policies, before validation', () => {
    const big = identity(Array.from({ length: 400 }, (_, i) => `kms:Describe${i}`));
    expect(policySize(big)).toBeGreaterThan(6144);
    expect(failure(() => managedPolicyDocument(big)).code).toBe('LIMIT_EXCEEDED');
    // Inline documents count towards the holder's aggregate quota instead (checked by the use case).
    expect(inlinePolicyDocument(big)).toBe(big);
  });

  it('validates trust policies as resource policies: a Principal is required, 2,048 characters at most', () => {
    const ok = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    expect(trustPolicyDocument(ok)).toBe(ok);
    const noPrincipal = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] });
    const error = failure(() => trustPolicyDocument(noPrincipal));
    expect(error.code).toBe('MALFORMED_POLICY_DOCUMENT');
    expect(error.details?.findings).toEqual(expect.arrayContaining([expect.objectContaining({ issueCode: 'MISSING_PRINCIPAL' })]));
    const big = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: Array.from({ length: 80 }, (_, i) => `arn:aws:iam::123456789012:user/u${i}`) }, Action: 'sts:AssumeRole' }] });
    expect(failure(() => trustPolicyDocument(big)).code).toBe('LIMIT_EXCEEDED');
  });

  it('refuses identity documents with a Principal', () => {
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }] });
    expect(failure(() => inlinePolicyDocument(doc)).code).toBe('MALFORMED_POLICY_DOCUMENT');
  });
});
