/**
 * A realistic, deterministic account snapshot for the engine benchmark: 50 keys with 4-statement
 * key policies, 20 identity policies of 5-10 statements (about 5 % with conditions, 10 % with
 * wildcards), 30 users and 2 role sessions with 1-3 policies each, and a mixed request stream.
 */
import { prng } from '../../../bench/bench-data';
import type { AuthorizationRequest, KeyFacts, PrincipalFacts } from '../src/types';

export const ACCOUNT = '111122223333';
const EXTERNAL = '444455556666';
const REGION = 'us-east-1';

// Seeded PRNG: the snapshot is identical on every run.
const rand = prng(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const hex = (n: number) => Array.from({ length: n }, () => pick('0123456789abcdef'.split(''))).join('');

const CRYPTO = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:DescribeKey'];
const ADMIN = ['kms:PutKeyPolicy', 'kms:GetKeyPolicy', 'kms:EnableKey', 'kms:DisableKey', 'kms:ScheduleKeyDeletion', 'kms:TagResource', 'kms:CreateGrant', 'kms:ListGrants'];
const WILDCARD_ACTIONS = ['kms:Get*', 'kms:List*', 'kms:Describe*', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'];

export const KEYS: string[] = Array.from({ length: 50 }, () => `arn:aws:kms:${REGION}:${ACCOUNT}:key/${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`);

/** Key policy: the default "Enable IAM" statement, key administrators, key users, and a guarded deny. */
export function keyPolicyText(i: number): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Id: `key-policy-${i}`,
    Statement: [
      { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
      { Sid: 'Allow access for Key Administrators', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/KeyAdmin` }, Action: [...ADMIN, 'kms:Describe*', 'kms:List*'], Resource: '*' },
      { Sid: 'Allow use of the key', Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/App${i % 5}`, `arn:aws:iam::${EXTERNAL}:root`] }, Action: CRYPTO, Resource: '*' },
      { Sid: 'Deny deletion without MFA', Effect: 'Deny', Principal: '*', Action: 'kms:ScheduleKeyDeletion', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
    ],
  });
}

/** One identity-policy statement; about 5 % carry a condition and 10 % a wildcard. */
function identityStatement(): Record<string, unknown> {
  const r = rand();
  const wildcard = r < 0.1;
  const st: Record<string, unknown> = {
    Effect: rand() < 0.12 ? 'Deny' : 'Allow',
    Action: wildcard ? pick(WILDCARD_ACTIONS) : Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick([...CRYPTO, ...ADMIN])),
    Resource: wildcard && rand() < 0.5 ? `arn:aws:kms:*:${ACCOUNT}:key/*` : Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(KEYS)),
  };
  if (rand() < 0.05) st.Condition = pick([{ StringEquals: { 'kms:ViaService': `s3.${REGION}.amazonaws.com` } }, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }]);
  return st;
}

export const IDENTITY_POLICIES: string[] = Array.from({ length: 20 }, (_, i) =>
  JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: 5 + Math.floor(rand() * 6) }, (_unused, j) => ({ Sid: `P${i}S${j}`, ...identityStatement() })) }),
);

/** A principal with the indexes of its identity policies. */
export interface BenchPrincipal {
  facts: PrincipalFacts;
  policies: number[];
}

export const PRINCIPALS: BenchPrincipal[] = [
  ...Array.from({ length: 30 }, (_, i): BenchPrincipal => ({
    facts: { arn: `arn:aws:iam::${ACCOUNT}:user/user${i}`, accountId: ACCOUNT, type: 'User', principalArn: `arn:aws:iam::${ACCOUNT}:user/user${i}`, userName: `user${i}`, userId: `AIDA${hex(16).toUpperCase()}` },
    policies: Array.from({ length: 1 + Math.floor(rand() * 3) }, () => Math.floor(rand() * 20)),
  })),
  ...['KeyAdmin', 'App1'].map((role): BenchPrincipal => ({
    facts: { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/s1`, accountId: ACCOUNT, type: 'AssumedRole', principalArn: `arn:aws:iam::${ACCOUNT}:role/${role}`, userId: `AROA${hex(16).toUpperCase()}:s1` },
    policies: [Math.floor(rand() * 20)],
  })),
];

export function keyFacts(arn: string): KeyFacts {
  return { arn, accountId: ACCOUNT, region: REGION, keyState: 'ENABLED', keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', origin: 'AWS_KMS', aliases: [], tags: {} };
}

/** A request template: the compiled policies are filled in by the benchmark. */
export interface RequestTemplate {
  principal: BenchPrincipal;
  action: string;
  keyIndex: number;
  context: AuthorizationRequest['context'];
}

/** A mixed stream: mostly crypto actions, some admin actions, some with a kms:ViaService context. */
export function requestTemplates(count: number): RequestTemplate[] {
  return Array.from({ length: count }, () => ({
    principal: pick(PRINCIPALS),
    action: rand() < 0.7 ? pick(CRYPTO) : pick(ADMIN),
    keyIndex: Math.floor(rand() * KEYS.length),
    context: rand() < 0.3 ? [{ key: 'kms:ViaService', values: [`s3.${REGION}.amazonaws.com`] }] : [],
  }));
}

/** A ~6 KB identity policy for the compile benchmark. */
export function largePolicyText(): string {
  const statements: Record<string, unknown>[] = [];
  let text = '';
  while (text.length < 6000) {
    statements.push({ Sid: `Large${statements.length}`, ...identityStatement() });
    text = JSON.stringify({ Version: '2012-10-17', Statement: statements });
  }
  return text;
}
