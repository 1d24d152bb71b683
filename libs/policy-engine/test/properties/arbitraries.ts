/**
 * fast-check generators shared by the property and differential suites (reliability plan §6d).
 * SMALL alphabets on purpose: 2 accounts, 3 users, 1 role (+ one session), 2 keys, a handful of
 * actions, resources and condition keys, so that random policies collide with random requests.
 * Scenarios are structured (objects) so properties can mutate them; `toInput` serialises them.
 */
import fc from 'fast-check';
import type { ContextEntry, GrantFacts, SimulationInput } from '../../src/types';

export const ACCOUNT_A = '111122223333';
export const ACCOUNT_B = '444455556666';
export const KEY_A = `arn:aws:kms:us-east-1:${ACCOUNT_A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const KEY_B = `arn:aws:kms:us-east-1:${ACCOUNT_B}:key/0987dcba-09fe-87dc-65ba-ab0987654321`;
export const QUEUE_A = `arn:aws:sqs:us-east-1:${ACCOUNT_A}:jobs`;
export const QUEUE_B = `arn:aws:sqs:us-east-1:${ACCOUNT_B}:jobs`;
export const ROOT_A = `arn:aws:iam::${ACCOUNT_A}:root`;
export const ROOT_B = `arn:aws:iam::${ACCOUNT_B}:root`;
export const ALICE = `arn:aws:iam::${ACCOUNT_A}:user/alice`;
export const BOB = `arn:aws:iam::${ACCOUNT_A}:user/bob`;
export const CAROL = `arn:aws:iam::${ACCOUNT_B}:user/carol`;
export const ROLE_OPS = `arn:aws:iam::${ACCOUNT_A}:role/ops`;
export const SESSION_OPS = `arn:aws:sts::${ACCOUNT_A}:assumed-role/ops/s1`;
export const SESSION_OPS_2 = `arn:aws:sts::${ACCOUNT_A}:assumed-role/ops/s2`;
export const DAVE = `arn:aws:iam::${ACCOUNT_A}:user/dev/dave`;

/** A policy statement as plain JSON. */
export type Stmt = Record<string, unknown>;

/** A policy document as plain JSON; `bare` serialises a one-statement list as a bare object. */
export interface Doc {
  version?: string;
  statements: Stmt[];
  bare?: boolean;
}

/** A structured simulation scenario. */
export interface Scenario {
  principalArn: string;
  action: string;
  resource: string;
  identity: Doc[];
  resourcePolicy?: Doc;
  /** At most one permissions boundary (AWS accepts one), never on a root caller. */
  boundary?: Doc;
  /** Grants on the requested key, and the grant tokens the request carries. */
  grants?: GrantFacts[];
  grantTokens?: string[];
  context: ContextEntry[];
}

/** Callers: both roots, 4 users in 2 accounts (one with a path), two sessions of one role. */
export const CALLERS = [ROOT_A, ALICE, BOB, DAVE, SESSION_OPS, SESSION_OPS_2, ROOT_B, CAROL];

/** Requests: key actions (incl. a non cross-account one and case variants), non-key KMS actions, a generic action. */
export const REQUESTS: Array<{ action: string; resource: string }> = [
  ...[KEY_A, KEY_B].flatMap((resource) =>
    ['kms:Decrypt', 'kms:Encrypt', 'kms:PutKeyPolicy', 'kms:GetKeyPolicy', 'KMS:decrypt', 'kms:DescribeKey'].map((action) => ({ action, resource })),
  ),
  { action: 'kms:ListKeys', resource: '*' },
  { action: 'kms:CreateKey', resource: '*' },
  { action: 'sqs:SendMessage', resource: QUEUE_A },
  { action: 'sqs:SendMessage', resource: QUEUE_B },
  { action: 'sqs:SendMessage', resource: `arn:aws:sqs:us-east-1:${ACCOUNT_A}:alice` },
];

export const ACTION_PATTERNS = [
  'kms:Decrypt', 'kms:Encrypt', 'kms:PutKeyPolicy', 'kms:*', '*', 'kms:Get*',
  'KMS:DECRYPT', 'kms:List?eys', 'kms:*Key*', 'sqs:*', 'sqs:SendMessage', 'kms:*crypt', 'kms:?ncrypt',
];

export const RESOURCE_PATTERNS = [
  '*', `arn:aws:kms:*:${ACCOUNT_A}:key/*`, `arn:aws:kms:us-east-1:${ACCOUNT_B}:key/*`, KEY_A, KEY_B,
  KEY_A.replace('1234abcd', '1234ABCD'), `${KEY_A.slice(0, -1)}?`, `arn:aws:kms:us-east-1:${ACCOUNT_A}:key/1234abcd-*`,
  QUEUE_A, QUEUE_B, `arn:aws:sqs:us-east-1:${ACCOUNT_A}:*`, `arn:aws:kms:us-east-1:*:key/*`,
  `arn:aws:kms:*:*:key/${KEY_A.split('/')[1]}`, `arn:aws:kms:us-east-?:${ACCOUNT_A}:key/*`, `arn:aws:sqs:*:${ACCOUNT_B}:jobs`,
  // Policy variables (§1.6): substituted in 2012-10-17 documents, no value = no match.
  `arn:aws:sqs:us-east-1:${ACCOUNT_A}:\${aws:username}`, `arn:aws:sqs:us-east-1:${ACCOUNT_A}:\${aws:username, 'jobs'}`,
  `arn:aws:sqs:us-east-1:${ACCOUNT_A}:\${kms:ViaService}`,
];

export const PRINCIPALS: unknown[] = [
  '*', { AWS: '*' }, { AWS: ACCOUNT_A }, { AWS: ROOT_A }, { AWS: ACCOUNT_B }, { AWS: ROOT_B },
  { AWS: ALICE }, { AWS: BOB }, { AWS: ALICE.replace('alice', 'Alice') }, { AWS: CAROL }, { AWS: ROLE_OPS },
  { AWS: SESSION_OPS }, { AWS: [BOB, CAROL] }, { Service: 'logs.us-east-1.amazonaws.com' }, { AWS: DAVE },
  { AWS: `arn:aws:iam::${ACCOUNT_A}:user/dave` }, { AWS: [ACCOUNT_B, SESSION_OPS_2] },
];

const VIA = ['ec2.us-east-1.amazonaws.com', 's3.us-east-1.amazonaws.com'];

export const CONDITIONS: Stmt[] = [
  { StringEquals: { 'kms:ViaService': VIA[0] } },
  { StringNotEquals: { 'kms:ViaService': VIA } },
  { StringLike: { 'kms:ViaService': '*.us-east-1.amazonaws.com' } },
  { StringNotLike: { 'kms:viaservice': 'ec2.*' } },
  { StringEqualsIfExists: { 'kms:ViaService': VIA[1] } },
  { StringEqualsIgnoreCase: { 'kms:EncryptionContext:department': 'FINANCE' } },
  { StringEquals: { 'kms:EncryptionContext:Department': 'Finance' } },
  { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  { BoolIfExists: { 'aws:MultiFactorAuthPresent': true } },
  { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
  { Null: { 'kms:ViaService': 'true' } },
  { Null: { 'aws:username': 'false' } },
  { 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['Department', 'Project'] } },
  { 'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': 'Project' } },
  { StringEquals: { 'kms:EncryptionContextKeys': 'Department' } },
  { StringEquals: { 'aws:PrincipalAccount': ACCOUNT_A } },
  { StringEquals: { 'kms:CallerAccount': ACCOUNT_B } },
  { StringEquals: { 'aws:username': 'alice' } },
  { StringLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT_A}:role/*` } },
  { StringNotEquals: { 'aws:PrincipalAccount': ACCOUNT_B }, Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
  { StringNotEqualsIgnoreCase: { 'kms:EncryptionContext:Department': 'finance' } },
  { 'ForAllValues:StringLike': { 'kms:EncryptionContextKeys': ['Dep*'] } },
  { 'ForAnyValue:StringNotEquals': { 'kms:EncryptionContextKeys': ['Department'] } },
  { 'ForAllValues:StringNotEquals': { 'KMS:EncryptionContextKeys': 'Project' } },
  { 'ForAnyValue:StringLike': { 'kms:ViaService': 'ec2.*' } },
  { StringNotLikeIfExists: { 'kms:ViaService': 's3.*' } },
  { NumericGreaterThanEquals: { 'aws:MultiFactorAuthAge': 30 } },
  { NumericLessThanIfExists: { 'aws:multifactorauthage': '100' } },
  { StringEquals: { 'kms:ViaService': VIA, 'kms:EncryptionContext:Department': 'Finance' } },
  { 'ForAllValues:Null': { 'kms:ViaService': 'false' } },
  { Null: { 'kms:EncryptionContextKeys': ['true', 'false'] } },
  { StringLike: { 'aws:PrincipalArn': '*:user/dev/*' } },
  { StringEqualsIgnoreCase: { 'aws:PrincipalArn': ROLE_OPS.toUpperCase() } },
  { StringEquals: { 'kms:EncryptionContext:Owner': '${aws:username}' } },
  { StringNotEquals: { 'kms:EncryptionContext:Owner': '${aws:username}' } },
  { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::${aws:PrincipalAccount}:*' } },
  { StringEquals: { 'kms:ViaService': "${kms:EncryptionContext:Owner, 'ec2.us-east-1.amazonaws.com'}" } },
  { StringLike: { 'kms:EncryptionContext:Department': ['Fin${*}', 'fin${?}nce'] } },
];

/** One string, or a list of 1-2 strings, from an alphabet (§1.1: both forms are equivalent). */
const oneOrList = (alphabet: unknown[]) =>
  fc.oneof(fc.constantFrom(...alphabet), fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 2 }));

/** Allow three times as often as Deny, so that allow paths are exercised too. */
const effect = fc.constantFrom('Allow', 'Allow', 'Allow', 'Deny');
const sid = fc.option(fc.constantFrom('S1', 'S2', 'Enable IAM'), { nil: undefined });
/** About one statement in four carries a condition. */
const condition = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 3 },
  { arbitrary: fc.constantFrom(...CONDITIONS), weight: 1 },
);

/** Identity-policy statement: Action|NotAction, Resource|NotResource, optional Condition. */
export const identityStatement: fc.Arbitrary<Stmt> = fc
  .tuple(sid, effect, fc.boolean(), oneOrList(ACTION_PATTERNS), fc.nat(9), oneOrList(RESOURCE_PATTERNS), condition)
  .map(([Sid, Effect, notAction, actions, r, resources, Condition]) => {
    const st: Stmt = { Sid, Effect };
    st[notAction && r % 3 === 0 ? 'NotAction' : 'Action'] = actions;
    st[r === 9 ? 'NotResource' : 'Resource'] = resources;
    if (Condition) st.Condition = Condition;
    return JSON.parse(JSON.stringify(st)) as Stmt;
  });

/** Resource-policy actions: mostly KMS (key policies), a little SQS (generic resource policies). */
const RESOURCE_POLICY_ACTIONS = ['kms:Decrypt', 'kms:Encrypt', 'kms:PutKeyPolicy', 'kms:*', '*', 'kms:Get*', 'KMS:DECRYPT', 'kms:*Key*', 'sqs:*'];

/** Principals, biased towards the trusting forms so that allow paths are common. */
const principal = fc.oneof(
  fc.constantFrom(...PRINCIPALS),
  fc.constantFrom<unknown>('*', { AWS: ROOT_A }, { AWS: ACCOUNT_B }, { AWS: ALICE }, { AWS: ROLE_OPS }, { AWS: [ROOT_A, CAROL] }),
);

/** Key-policy (resource-policy) statement: Principal, Action, Resource "*" or missing (a missing
 * Resource never applies, §1.2; other key-policy Resource values are UNCONFIRMED, so not generated). */
export const resourceStatement: fc.Arbitrary<Stmt> = fc
  .tuple(sid, effect, principal, oneOrList(RESOURCE_POLICY_ACTIONS), fc.constantFrom('*', '*', '*', undefined), condition)
  .map(([Sid, Effect, Principal, Action, Resource, Condition]) =>
    JSON.parse(JSON.stringify({ Sid, Effect, Principal, Action, Resource, Condition })) as Stmt,
  );

const doc = (statement: fc.Arbitrary<Stmt>, version: fc.Arbitrary<string | undefined>) =>
  fc
    .tuple(version, fc.array(statement, { minLength: 0, maxLength: 4 }), fc.boolean())
    .map(([v, statements, bare]): Doc => ({ version: v, statements, bare: bare && statements.length === 1 }));

export const identityDoc = doc(identityStatement, fc.constant('2012-10-17'));
export const resourceDoc = doc(resourceStatement, fc.constantFrom('2012-10-17', '2012-10-17', undefined));

/** Caller-supplied context; kms:EncryptionContextKeys is always consistent with the context pairs. */
export const context: fc.Arbitrary<ContextEntry[]> = fc
  .record({
    via: fc.option(fc.constantFrom<string[]>([VIA[0]], [VIA[1]], [VIA[0]], [VIA[1]], VIA), { nil: undefined }),
    department: fc.option(fc.constantFrom('Finance', 'finance'), { nil: undefined }),
    project: fc.option(fc.constant('Apollo'), { nil: undefined }),
    owner: fc.option(fc.constantFrom('alice', 'bob'), { nil: undefined }),
    mfa: fc.option(fc.constantFrom('true', 'false'), { nil: undefined }),
    mfaAge: fc.option(fc.constantFrom('30', '7200'), { nil: undefined }),
    keyCase: fc.constantFrom('kms:EncryptionContext:', 'kms:encryptioncontext:'),
  })
  .map((c) => {
    const out: ContextEntry[] = [];
    const ecKeys: string[] = [];
    if (c.via) out.push({ key: 'kms:ViaService', values: c.via });
    for (const [name, value] of [['Department', c.department], ['Project', c.project], ['Owner', c.owner]] as const) {
      if (value === undefined) continue;
      ecKeys.push(name);
      out.push({ key: `${c.keyCase}${name}`, values: [value] });
    }
    if (ecKeys.length > 0) out.push({ key: 'kms:EncryptionContextKeys', values: ecKeys });
    if (c.mfa) out.push({ key: 'aws:MultiFactorAuthPresent', values: [c.mfa] });
    if (c.mfaAge) out.push({ key: 'aws:MultiFactorAuthAge', values: [c.mfaAge] });
    return out;
  });

/** A grant (§3.4): small alphabets of grantees, operations and constraints; sometimes not yet effective. */
export const grant: fc.Arbitrary<GrantFacts> = fc
  .record({
    grantId: fc.constantFrom('g1', 'g2'),
    granteePrincipal: fc.constantFrom(ALICE, BOB, ROLE_OPS, SESSION_OPS, ROOT_A, CAROL, ROOT_B),
    operations: fc.subarray(['Decrypt', 'Encrypt', 'GenerateDataKey', 'DescribeKey'], { minLength: 1 }),
    constraints: fc.constantFrom<GrantFacts['constraints']>(
      undefined,
      undefined,
      { encryptionContextEquals: { Department: 'Finance' } },
      { encryptionContextSubset: { Project: 'Apollo' } },
      { encryptionContextSubset: { department: 'Finance' } },
    ),
    grantToken: fc.constantFrom('tok-1', 'tok-2'),
    effective: fc.constantFrom(true, true, false),
  })
  .map((g) => JSON.parse(JSON.stringify(g)) as GrantFacts);

/** A full random scenario: caller, request, 0-3 identity policies, optional resource policy,
 * optional permissions boundary (non-root callers), context. */
export const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    principalArn: fc.constantFrom(...CALLERS),
    request: fc.constantFrom(...REQUESTS),
    identity: fc.array(identityDoc, { minLength: 0, maxLength: 3 }),
    resourcePolicy: fc.option(resourceDoc, { nil: undefined, freq: 4 }),
    boundary: fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: identityDoc, weight: 1 }),
    grants: fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: fc.array(grant, { minLength: 1, maxLength: 2 }), weight: 1 }),
    grantTokens: fc.option(fc.constantFrom<string[]>(['tok-1'], ['tok-2', 'tok-1']), { nil: undefined }),
    context,
  })
  .map(({ request, boundary, ...rest }) => {
    const rootCaller = rest.principalArn === ROOT_A || rest.principalArn === ROOT_B;
    return { ...rest, ...request, ...(boundary && !rootCaller ? { boundary } : {}) };
  });

/** Scenarios whose resource policy also carries a broad trust statement (key owner root, the
 * other account, "*" or the caller), so that allow paths (delegation, direct, cross-account) are common. */
export const trustingScenario: fc.Arbitrary<Scenario> = fc
  .tuple(scenario, fc.constantFrom<unknown>({ AWS: ROOT_A }, { AWS: ACCOUNT_B }, '*', 'caller'), fc.nat(4), condition)
  .map(([s, p, at, Condition]) => {
    const trust = JSON.parse(JSON.stringify({ Effect: 'Allow', Principal: p === 'caller' ? { AWS: s.principalArn } : p, Action: 'kms:*', Resource: '*', Condition })) as Stmt;
    const base = s.resourcePolicy ?? { version: '2012-10-17', statements: [] };
    const statements = [...base.statements];
    statements.splice(at % (statements.length + 1), 0, trust);
    return { ...s, resourcePolicy: { ...base, statements, bare: false } };
  });

/** The mix every suite draws from: plain random scenarios and trusting ones, half and half. */
export const anyScenario: fc.Arbitrary<Scenario> = fc.oneof(scenario, trustingScenario);

/** Serialise one structured document. */
export function docText(d: Doc): string {
  const Statement = d.bare ? d.statements[0] : d.statements;
  return JSON.stringify(d.version === undefined ? { Statement } : { Version: d.version, Statement });
}

/** Structured scenario -> the engine's SimulationInput. */
export function toInput(s: Scenario): SimulationInput {
  return {
    principalArn: s.principalArn,
    action: s.action,
    resource: s.resource,
    identityPolicies: s.identity.map(docText),
    resourcePolicy: s.resourcePolicy && docText(s.resourcePolicy),
    permissionsBoundaries: s.boundary && [docText(s.boundary)],
    grants: s.grants,
    grantTokens: s.grantTokens,
    context: s.context,
  };
}

/** Is the request one the key policy decides (a KMS action on a key ARN)? */
export function isKeyRequest(s: Scenario): boolean {
  return s.resource.startsWith('arn:aws:kms:');
}
