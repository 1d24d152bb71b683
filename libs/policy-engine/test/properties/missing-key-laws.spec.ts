/**
 * Missing-key semantics (reliability plan §6d I15, semantics §2.2/§2.4), through policies: on a key
 * the request does not carry, positive operators are false, negated ones true, `...IfExists` true,
 * `ForAllValues:` true, `ForAnyValue:` false, and `Null` answers "true" exactly.
 */
import fc from 'fast-check';
import { ALICE, KEY_A, ROOT_A, type Scenario } from './arbitraries';
import { decide } from './scenario-helpers';

/** Operator -> a context key of its type and a well-formed policy value. */
const OPERATORS: Record<string, { key: string; value: string; negated: boolean }> = {
  StringEquals: { key: 'aws:SourceVpce', value: 'vpce-1', negated: false },
  StringNotEquals: { key: 'aws:SourceVpce', value: 'vpce-1', negated: true },
  StringEqualsIgnoreCase: { key: 'aws:SourceVpce', value: 'vpce-1', negated: false },
  StringNotEqualsIgnoreCase: { key: 'aws:SourceVpce', value: 'vpce-1', negated: true },
  StringLike: { key: 'aws:SourceVpce', value: '*', negated: false },
  StringNotLike: { key: 'aws:SourceVpce', value: 'vpce-*', negated: true },
  NumericEquals: { key: 'aws:MultiFactorAuthAge', value: '10', negated: false },
  NumericNotEquals: { key: 'aws:MultiFactorAuthAge', value: '10', negated: true },
  NumericLessThan: { key: 'aws:MultiFactorAuthAge', value: '10', negated: false },
  NumericGreaterThanEquals: { key: 'aws:MultiFactorAuthAge', value: '0', negated: false },
  DateLessThan: { key: 'aws:TokenIssueTime', value: '2030-01-01T00:00:00Z', negated: false },
  DateNotEquals: { key: 'aws:TokenIssueTime', value: '2030-01-01T00:00:00Z', negated: true },
  Bool: { key: 'aws:MultiFactorAuthPresent', value: 'true', negated: false },
  IpAddress: { key: 'aws:SourceIp', value: '0.0.0.0/0', negated: false },
  NotIpAddress: { key: 'aws:SourceIp', value: '203.0.113.0/24', negated: true },
  ArnLike: { key: 'aws:SourceArn', value: 'arn:aws:*:*:*:*', negated: false },
  ArnEquals: { key: 'aws:SourceArn', value: 'arn:aws:s3:::bucket', negated: false },
  ArnNotLike: { key: 'aws:SourceArn', value: 'arn:aws:s3:::*', negated: true },
  ArnNotEquals: { key: 'aws:SourceArn', value: 'arn:aws:s3:::bucket', negated: true },
};

/** ALLOWED <=> the condition holds: alice, a key whose policy enables IAM, one conditional Allow. */
function holds(condition: Record<string, unknown>): boolean {
  const s: Scenario = {
    principalArn: ALICE,
    action: 'kms:Decrypt',
    resource: KEY_A,
    identity: [{ version: '2012-10-17', statements: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: condition }] }],
    resourcePolicy: { version: '2012-10-17', statements: [{ Effect: 'Allow', Principal: { AWS: ROOT_A }, Action: 'kms:*', Resource: '*' }] },
    context: [{ key: 'kms:ViaService', values: ['ec2.us-east-1.amazonaws.com'] }],
  };
  return decide(s) === 'ALLOWED';
}

describe('missing-key laws (engine, through policies)', () => {
  it('absent key: positive false, negated true, IfExists true, ForAllValues true, ForAnyValue false', () => {
    const qualifier = fc.constantFrom('', 'ForAllValues:', 'ForAnyValue:');
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(OPERATORS)), qualifier, fc.boolean(), (base, set, ifExists) => {
        const { key, value, negated } = OPERATORS[base];
        const operator = `${set}${base}${ifExists ? 'IfExists' : ''}`;
        const expected = set === 'ForAllValues:' ? true : set === 'ForAnyValue:' ? false : ifExists || negated;
        expect(holds({ [operator]: { [key]: value } })).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('Null: "true" holds exactly when the key is absent', () => {
    fc.assert(
      fc.property(fc.constantFrom('aws:SourceVpce', 'kms:ViaService', 'aws:username', 'aws:SourceIp'), fc.boolean(), (key, nullValue) => {
        const present = key === 'kms:ViaService' || key === 'aws:username';
        expect(holds({ Null: { [key]: String(nullValue) } })).toBe(nullValue !== present);
      }),
      { numRuns: 50 },
    );
  });
});
