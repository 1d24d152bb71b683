/**
 * Fail closed (reliability plan §6d I8, ARCHITECTURE rule 3), through `authorize`: a request with
 * a corrupted field never throws, and corrupting a required field with a value of the wrong type
 * never yields ALLOWED.
 */
import fc from 'fast-check';
import { authorize, compilePolicy } from '../../src';
import type { AuthorizationRequest, CompiledPolicy } from '../../src/types';
import { ACCOUNT_A, ALICE, KEY_A, ROOT_A } from './arbitraries';

const runs = Number(process.env.PROP_RUNS ?? 300);

function compiled(doc: object, kind: 'identity' | 'resource'): CompiledPolicy {
  const out = compilePolicy(JSON.stringify(doc), { kind, policyId: kind, sourceType: kind === 'identity' ? 'IDENTITY' : 'RESOURCE' });
  if (!out.policy) throw new Error(JSON.stringify(out.findings));
  return out.policy;
}

/** A request the engine ALLOWS: alice, an IAM allow-all, a key policy that enables IAM. */
function allowedRequest(): AuthorizationRequest {
  return {
    principal: { arn: ALICE, accountId: ACCOUNT_A, type: 'User', principalArn: ALICE, userName: 'alice' },
    action: 'kms:Decrypt',
    resource: KEY_A,
    key: { arn: KEY_A, accountId: ACCOUNT_A, region: 'us-east-1', keyState: 'ENABLED', keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', origin: 'AWS_KMS', aliases: [], tags: {} },
    identityPolicies: [compiled({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'kms:*', Resource: '*' } }, 'identity')],
    resourcePolicy: compiled({ Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: { AWS: ROOT_A }, Action: 'kms:*', Resource: '*' } }, 'resource'),
    context: [],
    timeMs: Date.UTC(2026, 0, 1),
    region: 'us-east-1',
  };
}

/** Paths whose value must have a given type for the request to mean anything. */
const REQUIRED: Array<{ path: string[]; type: 'string' | 'object' | 'array' | 'number' }> = [
  { path: ['principal'], type: 'object' },
  { path: ['principal', 'arn'], type: 'string' },
  { path: ['principal', 'principalArn'], type: 'string' },
  { path: ['principal', 'accountId'], type: 'string' },
  { path: ['action'], type: 'string' },
  { path: ['resource'], type: 'string' },
  { path: ['identityPolicies'], type: 'array' },
  { path: ['resourcePolicy'], type: 'object' },
  { path: ['timeMs'], type: 'number' },
];

const hasType = (v: unknown, type: string) => (type === 'array' ? Array.isArray(v) : typeof v === type && v !== null && !Array.isArray(v));

function withValue(req: AuthorizationRequest, path: string[], value: unknown): AuthorizationRequest {
  const copy = { ...req, principal: { ...req.principal } } as unknown as Record<string, Record<string, unknown>>;
  if (path.length === 1) (copy as Record<string, unknown>)[path[0]] = value;
  else copy[path[0]][path[1]] = value;
  return copy as unknown as AuthorizationRequest;
}

describe('fail closed (engine, through authorize)', () => {
  it('the unmodified request is ALLOWED (the property below can fail)', () => {
    expect(authorize(allowedRequest()).decision).toBe('ALLOWED');
  });

  it('a required field of the wrong type never throws and is never ALLOWED', () => {
    const garbage = fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer(), fc.boolean(), fc.object(), fc.array(fc.anything(), { maxLength: 3 }), fc.string());
    fc.assert(
      fc.property(fc.constantFrom(...REQUIRED), garbage, ({ path, type }, value) => {
        fc.pre(!hasType(value, type));
        const decision = authorize(withValue(allowedRequest(), path, value));
        expect(decision.decision).not.toBe('ALLOWED');
      }),
      { numRuns: runs },
    );
  });

  it('garbage inside the policy and context lists never throws and is never ALLOWED', () => {
    const junk = fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.object());
    fc.assert(
      fc.property(fc.constantFrom('identityPolicies', 'context', 'grants'), junk, (field, value) => {
        const req = allowedRequest() as unknown as Record<string, unknown>;
        const list = [value, ...((req[field] as unknown[]) ?? [])];
        const decision = authorize({ ...(req as unknown as AuthorizationRequest), [field]: list });
        if (field === 'identityPolicies') expect(decision.decision).not.toBe('ALLOWED');
        else expect(['ALLOWED', 'IMPLICIT_DENY', 'EXPLICIT_DENY']).toContain(decision.decision);
      }),
      { numRuns: runs },
    );
  });
});
