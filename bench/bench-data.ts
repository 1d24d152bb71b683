/**
 * Deterministic data set of the authorize benchmark (reliability plan §6c cardinalities): per
 * account 200 users, 50 groups, 20 roles, 300 managed policies of 5-10 statements (about 5 % with
 * conditions, 10 % with wildcards), 1-5 policies per principal, at most 10 group memberships per
 * user, 1,000 keys whose key policy is the default statement plus a few naming users, aliases and
 * grants; and a pool of authorize requests (allowed and denied) over all of it.
 */
import { createHash } from 'node:crypto';

export const REGION = 'us-east-1';

/** Sizes of the data set; BENCH_SMALL=1 shrinks it for a quick check of the script. */
export interface DataSetSize {
  accounts: number;
  users: number;
  groups: number;
  roles: number;
  policies: number;
  keys: number;
}

/** Seeded PRNG (mulberry32): every run builds the same data set. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = prng(20261128);
const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const sample = <T>(items: readonly T[], n: number): T[] => {
  const chosen = new Set<T>();
  while (chosen.size < Math.min(n, items.length)) chosen.add(pick(items));
  return [...chosen];
};
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A stable pseudo-random id suffix (uppercase base32-ish, like AWS unique ids). */
function awsId(prefix: string, seed: string): string {
  const digest = createHash('sha256').update(seed).digest('base64').replace(/[^A-Z2-7]/g, '');
  return `${prefix}${digest.slice(0, 17).padEnd(17, 'Q')}`;
}

function uuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const CRYPTO_ACTIONS = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:DescribeKey'];
const ADMIN_ACTIONS = ['kms:PutKeyPolicy', 'kms:GetKeyPolicy', 'kms:EnableKey', 'kms:DisableKey', 'kms:ScheduleKeyDeletion', 'kms:TagResource', 'kms:CreateGrant', 'kms:ListGrants'];
const OTHER_ACTIONS = ['s3:GetObject', 's3:PutObject', 'dynamodb:Query', 'sqs:SendMessage', 'logs:PutLogEvents', 'iam:GetUser'];
const WILDCARD_ACTIONS = ['kms:*', 'kms:Get*', 'kms:List*', 'kms:Describe*', 'kms:GenerateDataKey*', 'kms:ReEncrypt*', 's3:*'];
const DEPARTMENTS = ['Finance', 'Engineering', 'Legal', 'Sales'];

/** Rows of one account, ready for the bulk insert. */
export interface AccountRows {
  accountId: string;
  users: Array<{ userId: string; name: string; path: string; arn: string }>;
  groups: Array<{ groupId: string; name: string; arn: string }>;
  roles: Array<{ roleId: string; name: string; arn: string; trust: string }>;
  policies: Array<{ policyId: string; name: string; arn: string; document: string }>;
  userPolicies: Array<{ userId: string; policyId: string }>;
  groupPolicies: Array<{ groupId: string; policyId: string }>;
  rolePolicies: Array<{ roleId: string; policyId: string }>;
  memberships: Array<{ groupId: string; userId: string }>;
  keys: Array<{ keyId: string; arn: string; policy: string }>;
  aliases: Array<{ aliasName: string; keyId: string }>;
  grants: Array<{ grantId: string; keyId: string; grantee: string; operations: string[]; token: string }>;
}

interface Statement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

function condition(): Statement['Condition'] {
  switch (int(0, 2)) {
    case 0:
      return { StringEquals: { 'kms:EncryptionContext:Department': pick(DEPARTMENTS) } };
    case 1:
      return { Bool: { 'aws:SecureTransport': 'true' } };
    default:
      return { StringLike: { 'kms:ViaService': 'ec2.*.amazonaws.com' } };
  }
}

function identityStatement(accountId: string, keyArns: readonly string[], index: number): Statement {
  const wildcard = rand() < 0.1;
  const kms = rand() < 0.8;
  const actions = wildcard ? [pick(WILDCARD_ACTIONS)] : sample(kms ? (rand() < 0.8 ? CRYPTO_ACTIONS : ADMIN_ACTIONS) : OTHER_ACTIONS, int(1, 4));
  const onKeys = actions.some((a) => a.startsWith('kms:'));
  const resource = !onKeys
    ? `arn:aws:s3:::bucket-${accountId}-${int(1, 20)}/*`
    : wildcard || rand() < 0.1
      ? `arn:aws:kms:${REGION}:${accountId}:key/*`
      : sample(keyArns, int(1, 4));
  const statement: Statement = { Sid: `S${index}`, Effect: rand() < 0.9 ? 'Allow' : 'Deny', Action: actions, Resource: resource };
  if (rand() < 0.05) statement.Condition = condition();
  return statement;
}

function keyPolicy(accountId: string, userArns: readonly string[]): string {
  const statements: unknown[] = [
    { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' },
  ];
  for (let i = 0; i < int(1, 3); i++) {
    statements.push({
      Sid: `Allow use of the key ${i}`,
      Effect: 'Allow',
      Principal: { AWS: sample(userArns, int(1, 5)) },
      Action: sample(CRYPTO_ACTIONS, int(2, 5)),
      Resource: '*',
      ...(rand() < 0.05 ? { Condition: condition() } : {}),
    });
  }
  if (rand() < 0.2) {
    statements.push({ Sid: 'Deny deletion', Effect: 'Deny', Principal: '*', Action: 'kms:ScheduleKeyDeletion', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } });
  }
  return JSON.stringify({ Version: '2012-10-17', Id: 'key-policy', Statement: statements }, null, 2);
}

/** Account ids of the data set. */
export function accountIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `7000000000${pad(i, 2)}`);
}

/** Builds the rows of one account. */
export function buildAccount(accountId: string, size: DataSetSize): AccountRows {
  const users = Array.from({ length: size.users }, (_, i) => {
    const path = i % 4 === 0 ? '/engineering/' : '/';
    const name = `user-${pad(i, 4)}`;
    return { userId: awsId('AIDA', `${accountId}/u/${i}`), name, path, arn: `arn:aws:iam::${accountId}:user${path}${name}` };
  });
  const groups = Array.from({ length: size.groups }, (_, i) => ({ groupId: awsId('AGPA', `${accountId}/g/${i}`), name: `group-${pad(i, 2)}`, arn: `arn:aws:iam::${accountId}:group/group-${pad(i, 2)}` }));
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'sts:AssumeRole' }] });
  const roles = Array.from({ length: size.roles }, (_, i) => ({ roleId: awsId('AROA', `${accountId}/r/${i}`), name: `role-${pad(i, 2)}`, arn: `arn:aws:iam::${accountId}:role/role-${pad(i, 2)}`, trust }));
  const keys = Array.from({ length: size.keys }, (_, i) => {
    const keyId = uuid(`${accountId}/k/${i}`);
    return { keyId, arn: `arn:aws:kms:${REGION}:${accountId}:key/${keyId}`, policy: keyPolicy(accountId, users.map((u) => u.arn)) };
  });
  const keyArns = keys.map((k) => k.arn);
  const policies = Array.from({ length: size.policies }, (_, i) => {
    const statements = Array.from({ length: int(5, 10) }, (_, s) => identityStatement(accountId, keyArns, s));
    const name = `policy-${pad(i, 3)}`;
    return { policyId: awsId('ANPA', `${accountId}/p/${i}`), name, arn: `arn:aws:iam::${accountId}:policy/${name}`, document: JSON.stringify({ Version: '2012-10-17', Statement: statements }) };
  });
  const policyIds = policies.map((p) => p.policyId);
  const attach = <T extends string>(owners: Array<Record<T, string>>, key: T) =>
    owners.flatMap((owner) => sample(policyIds, int(1, 5)).map((policyId) => ({ [key]: owner[key], policyId }) as Record<T, string> & { policyId: string }));
  const memberships = users.flatMap((u) => sample(groups, Math.floor(rand() * rand() * 11)).map((g) => ({ groupId: g.groupId, userId: u.userId })));
  const aliases = keys.filter((_, i) => i % 5 === 0).map((k, i) => ({ aliasName: `alias/app-${pad(i, 3)}`, keyId: k.keyId }));
  const grants = keys.filter((_, i) => i % 20 === 0).map((k, i) => ({
    grantId: createHash('sha256').update(`${accountId}/grant/${i}`).digest('hex'),
    keyId: k.keyId,
    grantee: pick(users).arn,
    operations: ['Decrypt', 'Encrypt', 'GenerateDataKey'],
    token: createHash('sha256').update(`${accountId}/token/${i}`).digest('base64url'),
  }));
  return {
    accountId, users, groups, roles, policies, keys, aliases, grants, memberships,
    userPolicies: attach(users, 'userId'),
    groupPolicies: attach(groups, 'groupId'),
    rolePolicies: attach(roles, 'roleId'),
  };
}

/** One authorize input as the contract takes it. */
export interface AuthorizeRequest {
  principalArn: string;
  action: string;
  resource: string;
  context?: Array<{ key: string; values: string[] }>;
}

/** One request: half are built from a principal's own Allow statements (mostly allowed), half at random. */
export function buildRequest(account: AccountRows): AuthorizeRequest {
  const user = pick(account.users);
  const r = rand();
  const key = pick(account.keys);
  const context = rand() < 0.3 ? [{ key: 'kms:EncryptionContext:Department', values: [pick(DEPARTMENTS)] }] : undefined;
  const withContext = (req: AuthorizeRequest): AuthorizeRequest => (context ? { ...req, context } : req);
  if (r < 0.5) {
    const own = account.userPolicies.filter((a) => a.userId === user.userId).map((a) => account.policies.find((p) => p.policyId === a.policyId)!);
    const statements = own.flatMap((p) => (JSON.parse(p.document) as { Statement: Statement[] }).Statement).filter((s) => s.Effect === 'Allow' && s.Action.some((a) => a.startsWith('kms:') && !a.includes('*')));
    if (statements.length > 0) {
      const s = pick(statements);
      const resources = Array.isArray(s.Resource) ? s.Resource : [key.arn];
      return withContext({ principalArn: user.arn, action: pick(s.Action.filter((a) => a.startsWith('kms:') && !a.includes('*'))), resource: pick(resources) });
    }
  }
  if (r < 0.6) {
    const alias = pick(account.aliases);
    return withContext({ principalArn: user.arn, action: pick(CRYPTO_ACTIONS), resource: `arn:aws:kms:${REGION}:${account.accountId}:${alias.aliasName}` });
  }
  if (r < 0.65) return { principalArn: `arn:aws:iam::${account.accountId}:root`, action: pick(CRYPTO_ACTIONS), resource: key.arn };
  if (r < 0.7) return withContext({ principalArn: `arn:aws:sts::${account.accountId}:assumed-role/${pick(account.roles).name}/bench-session`, action: pick(CRYPTO_ACTIONS), resource: key.arn });
  if (r < 0.73) return { principalArn: `arn:aws:iam::${account.accountId}:user/nobody`, action: 'kms:Decrypt', resource: key.arn };
  if (r < 0.76) return { principalArn: user.arn, action: 'kms:Decrypt', resource: `arn:aws:kms:${REGION}:${account.accountId}:key/${uuid(`missing/${rand()}`)}` };
  return withContext({ principalArn: user.arn, action: pick([...CRYPTO_ACTIONS, ...ADMIN_ACTIONS]), resource: key.arn });
}
