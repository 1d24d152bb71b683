import { DEFAULT_KEY_POLICY, simulate } from './index';
import type { SimulationInput } from './types';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const allow = (action: string, resource = '*'): string => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });
const run = (over: Partial<SimulationInput>) => {
  const r = simulate({ principalArn: 'arn:aws:iam::111122223333:user/alice', action: 'kms:Encrypt', resource: KEY, identityPolicies: [], resourcePolicy: DEFAULT_KEY_POLICY('111122223333'), ...over });
  if (!r.ok) throw new Error(JSON.stringify(r.findings));
  return r.result;
};

describe('simulate (end to end)', () => {
  it('allows a same-account user whose IAM policy is enabled by the default key policy', () => {
    const r = run({ identityPolicies: [allow('kms:Encrypt')] });
    expect(r.decision).toBe('ALLOWED');
    expect(r.matchedStatements.map((m) => m.sourcePolicyType)).toEqual(['IDENTITY', 'RESOURCE']);
  });
  it('denies without an IAM allow, naming identity-based policies', () => {
    expect(run({}).reason).toBe(
      `User: arn:aws:iam::111122223333:user/alice is not authorized to perform: kms:Encrypt on resource: ${KEY} because no identity-based policy allows the kms:Encrypt action`,
    );
  });
  it('denies cross-account callers the default key policy does not trust', () => {
    const r = run({ principalArn: 'arn:aws:iam::444455556666:user/bob', identityPolicies: [allow('kms:Encrypt')] });
    expect(r.decision).toBe('IMPLICIT_DENY');
    expect(r.reason).toContain('because no resource-based policy allows the kms:Encrypt action');
  });
  it('gives nothing when the key has no key policy, not even to the root (DECISIONS 6, 7)', () => {
    expect(run({ principalArn: 'arn:aws:iam::111122223333:root', resourcePolicy: undefined }).decision).toBe('IMPLICIT_DENY');
    expect(run({ principalArn: 'arn:aws:iam::111122223333:root' }).decision).toBe('ALLOWED');
  });
  it('rejects an unparsable document with its index', () => {
    const r = simulate({ principalArn: 'arn:aws:iam::111122223333:user/alice', action: 'kms:Encrypt', resource: KEY, identityPolicies: ['{'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.documentIndex).toBe('identityPolicies[0]');
  });
});
