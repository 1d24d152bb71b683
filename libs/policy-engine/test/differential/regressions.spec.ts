/**
 * Regression cases found by the differential and property work, minimal and fixed. Each names
 * the rule it checks. A case here fails until the engine is fixed; it is never deleted.
 */
import { simulate } from '../../src';
import type { SimulationInput } from '../../src/types';

const A = '111122223333';
const KEY_A = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const ALLOW_ALL = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
const DENY_ALL = doc({ Effect: 'Deny', Action: '*', Resource: '*' });

describe('regressions (engine)', () => {
  // Found 2026-11-28: simulate compiles every permissionsBoundaries[i] but evaluates only [0];
  // a Deny in [1] was silently dropped and the request ALLOWED. §3.1 step 1: any matching Deny in
  // an applicable policy is final. AWS accepts a single boundary, so rejecting the input would also do.
  it('a Deny in the second permissions boundary is not ignored', () => {
    const input: SimulationInput = {
      principalArn: `arn:aws:iam::${A}:user/alice`,
      action: 'kms:Decrypt',
      resource: KEY_A,
      identityPolicies: [ALLOW_ALL],
      resourcePolicy: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'kms:*', Resource: '*' }),
      permissionsBoundaries: [ALLOW_ALL, DENY_ALL],
    };
    const out = simulate(input);
    expect(out.ok ? out.result.decision : 'REJECTED').not.toBe('ALLOWED');
  });
});
