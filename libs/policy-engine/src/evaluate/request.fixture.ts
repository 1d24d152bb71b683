/** Test fixtures for evaluation specs: compiled policies and requests with sensible defaults. */
import type { AuthorizationRequest, CompiledPolicy, KeyFacts, PolicySourceType } from '../types';
import { compilePolicyDocument } from '../compile/compile-policy';
import { principalFactsFromArn } from '../catalog/principal-facts';

/** The key used by the specs (account 111122223333). */
export const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
export const ACCOUNT = '111122223333';
export const OTHER = '444455556666';

/** Compile a policy given as an object; throws when it cannot be parsed. */
export function policy(doc: unknown, sourceType: PolicySourceType = 'IDENTITY', policyId = 'p'): CompiledPolicy {
  const kind = sourceType === 'RESOURCE' ? 'resource' : 'identity';
  const r = compilePolicyDocument(typeof doc === 'string' ? doc : JSON.stringify(doc), { kind, policyId, sourceType });
  if (!r.policy) throw new Error(JSON.stringify(r.findings));
  return r.policy;
}

/** A one-statement document. */
export function doc(statement: Record<string, unknown>, version: string | null = '2012-10-17'): Record<string, unknown> {
  return version === null ? { Statement: [statement] } : { Version: version, Statement: [statement] };
}

/** Key facts for KEY_ARN. */
export function keyFacts(over: Partial<KeyFacts> = {}): KeyFacts {
  return { arn: KEY_ARN, accountId: ACCOUNT, region: 'us-east-1', keyState: 'ENABLED', keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', origin: 'AWS_KMS', aliases: [], tags: {}, ...over };
}

/** A request by `principalArn` with defaults (Encrypt on KEY_ARN, no policies). */
export function request(principalArn: string, over: Partial<AuthorizationRequest> = {}): AuthorizationRequest {
  return {
    principal: principalFactsFromArn(principalArn),
    action: 'kms:Encrypt',
    resource: KEY_ARN,
    key: keyFacts(),
    identityPolicies: [],
    timeMs: Date.parse('2026-01-01T00:00:00Z'),
    region: 'us-east-1',
    ...over,
  };
}

/** Key policy statement trusting an account principal. */
export function trustAccount(account: string, actions: string | string[] = 'kms:*'): Record<string, unknown> {
  return { Sid: `Trust${account}`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: actions, Resource: '*' };
}
