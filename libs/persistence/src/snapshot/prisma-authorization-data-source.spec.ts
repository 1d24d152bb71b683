import { type AccountSnapshot, compileSnapshot, IncompleteSnapshotDataError } from '@keygate/core/snapshot';
import * as fc from 'fast-check';
import type { PrismaClient } from '../prisma/prisma-client.factory';
import { PrismaStore } from '../store/prisma-store';
import { testPrismaClient, uniqueAccountId } from '../test/test-database';
import { Prisma } from '../generated/prisma/client';
import { accountQuery, PrismaAuthorizationDataSource } from './prisma-authorization-data-source';

const AWS_POLICY_ARN = 'arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser';
const doc = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

/*
 * Reloads of the changed keys only (keysChangedSince): random changes of an account's KMS rows,
 * applied as the store applies a change (the work, then the revision bump, in one transaction).
 */
type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

const POLICIES = [
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }] }),
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }] }),
  '{ "not": "a policy"',
];

/** One change of an account's KMS rows (indices pick among what exists; out of range = no-op). */
type Change =
  | { op: 'createKey'; policy: number }
  | { op: 'updateKey'; key: number; field: 'description' | 'keyState' | 'policy' | 'deletionDate'; value: number }
  | { op: 'deleteKey'; key: number }
  | { op: 'recreateKey'; key: number; policy: number }
  | { op: 'putTag'; key: number; tag: number; value: number }
  | { op: 'deleteTag'; key: number; tag: number }
  | { op: 'createAlias'; key: number; alias: number }
  | { op: 'retargetAlias'; alias: number; key: number }
  | { op: 'deleteAlias'; alias: number }
  | { op: 'createGrant'; key: number; grant: number; constrained: boolean }
  | { op: 'deleteGrant'; grant: number }
  | { op: 'revisionOnly' };

const n = fc.nat({ max: 3 });
const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ op: fc.constant('createKey' as const), policy: fc.nat({ max: POLICIES.length - 1 }) }),
  fc.record({ op: fc.constant('updateKey' as const), key: n, field: fc.constantFrom('description' as const, 'keyState' as const, 'policy' as const, 'deletionDate' as const), value: fc.nat({ max: 2 }) }),
  fc.record({ op: fc.constant('deleteKey' as const), key: n }),
  fc.record({ op: fc.constant('recreateKey' as const), key: n, policy: fc.nat({ max: POLICIES.length - 1 }) }),
  fc.record({ op: fc.constant('putTag' as const), key: n, tag: fc.nat({ max: 2 }), value: fc.nat({ max: 2 }) }),
  fc.record({ op: fc.constant('deleteTag' as const), key: n, tag: fc.nat({ max: 2 }) }),
  fc.record({ op: fc.constant('createAlias' as const), key: n, alias: fc.nat({ max: 3 }) }),
  fc.record({ op: fc.constant('retargetAlias' as const), alias: fc.nat({ max: 3 }), key: n }),
  fc.record({ op: fc.constant('deleteAlias' as const), alias: fc.nat({ max: 3 }) }),
  fc.record({ op: fc.constant('createGrant' as const), key: n, grant: fc.nat({ max: 3 }), constrained: fc.boolean() }),
  fc.record({ op: fc.constant('deleteGrant' as const), grant: fc.nat({ max: 3 }) }),
  fc.record({ op: fc.constant('revisionOnly' as const) }),
);

async function apply(tx: Tx, accountId: string, c: Change, serial: () => number): Promise<void> {
  const keys = (await tx.kmsKey.findMany({ where: { accountId }, orderBy: { keyId: 'asc' }, select: { keyId: true } })).map((k) => k.keyId);
  const key = 'key' in c ? keys[c.key] : undefined;
  const arnOf = (keyId: string) => `arn:aws:kms:us-east-1:${accountId}:key/${keyId}`;
  switch (c.op) {
    case 'createKey': {
      const keyId = `00000000-0000-4000-8000-${String(serial()).padStart(12, '0')}`;
      await tx.kmsKey.create({ data: { accountId, keyId, arn: arnOf(keyId), region: 'us-east-1', policy: POLICIES[c.policy] } });
      return;
    }
    case 'updateKey': {
      if (!key) return;
      const data =
        c.field === 'description'
          ? { description: `d${c.value}` }
          : c.field === 'keyState'
            ? { keyState: (['ENABLED', 'DISABLED', 'PENDING_DELETION'] as const)[c.value] }
            : c.field === 'deletionDate'
              ? { deletionDate: c.value === 0 ? null : new Date(Date.UTC(2030, 0, c.value)) }
              : { policy: POLICIES[c.value] };
      await tx.kmsKey.update({ where: { accountId_keyId: { accountId, keyId: key } }, data });
      return;
    }
    case 'deleteKey':
      if (key) await tx.kmsKey.delete({ where: { accountId_keyId: { accountId, keyId: key } } });
      return;
    case 'recreateKey':
      // The same key id again, with nothing of the old key's tags, aliases and grants.
      if (key) {
        await tx.kmsKey.delete({ where: { accountId_keyId: { accountId, keyId: key } } });
        await tx.kmsKey.create({ data: { accountId, keyId: key, arn: arnOf(key), region: 'us-east-1', policy: POLICIES[c.policy] } });
      }
      return;
    case 'putTag':
      if (key) {
        await tx.kmsKeyTag.upsert({
          where: { accountId_keyId_tagKey: { accountId, keyId: key, tagKey: `t${c.tag}` } },
          create: { accountId, keyId: key, tagKey: `t${c.tag}`, tagValue: `v${c.value}` },
          update: { tagValue: `v${c.value}` },
        });
      }
      return;
    case 'deleteTag':
      if (key) await tx.kmsKeyTag.deleteMany({ where: { accountId, keyId: key, tagKey: `t${c.tag}` } });
      return;
    case 'createAlias':
      if (key) await tx.kmsAlias.createMany({ data: [{ accountId, aliasName: `alias/a${c.alias}`, targetKeyId: key }], skipDuplicates: true });
      return;
    case 'retargetAlias':
      if (key) await tx.kmsAlias.updateMany({ where: { accountId, aliasName: `alias/a${c.alias}` }, data: { targetKeyId: key } });
      return;
    case 'deleteAlias':
      await tx.kmsAlias.deleteMany({ where: { accountId, aliasName: `alias/a${c.alias}` } });
      return;
    case 'createGrant':
      if (key) {
        await tx.kmsGrant.createMany({
          data: [
            {
              accountId, grantId: `g${c.grant}`, keyId: key, granteePrincipal: `arn:aws:iam::${accountId}:role/app`, operations: ['Encrypt', 'Decrypt'],
              ...(c.constrained ? { constraints: { encryptionContextEquals: { Dept: 'IT' } } } : {}), grantToken: `tok${c.grant}`, issuingAccount: `arn:aws:iam::${accountId}:root`,
            },
          ],
          skipDuplicates: true,
        });
      }
      return;
    case 'deleteGrant':
      await tx.kmsGrant.deleteMany({ where: { accountId, grantId: `g${c.grant}` } });
      return;
    case 'revisionOnly':
      return;
  }
}

/*
 * Reloads without the IAM rows (iamToken): random changes of an account's IAM rows. Indices pick
 * users u0..u2, groups g0..g1, roles r0..r1 and policies: 0 and 1 the account's own (ANPA0,
 * ANPA1), 2 the seeded AWS managed policy. Changes of something missing do nothing.
 */
/** The tables of an account's IAM part (migration 20261208000000_account_iam_change_token). */
const IAM_TABLES = [
  'iam_user', 'user_tag', 'user_inline_policy', 'user_policy_attachment', 'group_membership',
  'iam_group', 'group_inline_policy', 'group_policy_attachment',
  'iam_role', 'role_tag', 'role_inline_policy', 'role_policy_attachment',
  'managed_policy', 'policy_version',
];
const IAM_DOCS = [doc('kms:Encrypt'), doc('kms:Decrypt'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'kms:*', Resource: '*' }] }), '{ "broken"'];

type IamChange =
  | { op: 'createUser' | 'deleteUser' | 'createGroup' | 'deleteGroup' | 'createRole' | 'deleteRole'; n: number }
  | { op: 'tagUser' | 'tagRole'; n: number; value: number }
  | { op: 'untagUser' | 'untagRole'; n: number }
  | { op: 'putInline'; owner: 'user' | 'group' | 'role'; n: number; doc: number }
  | { op: 'deleteInline'; owner: 'user' | 'group' | 'role'; n: number }
  | { op: 'attach' | 'detach'; owner: 'user' | 'group' | 'role'; n: number; policy: number }
  | { op: 'join' | 'leave'; user: number; group: number }
  | { op: 'boundary'; owner: 'user' | 'role'; n: number; policy: number | null }
  | { op: 'trust'; n: number; doc: number }
  | { op: 'createPolicy' | 'newPolicyVersion'; policy: number; doc: number }
  | { op: 'deletePolicy'; policy: number };

const small = fc.nat({ max: 2 });
const owner = fc.constantFrom('user' as const, 'group' as const, 'role' as const);
const iamDoc = fc.nat({ max: IAM_DOCS.length - 1 });
const iamChange: fc.Arbitrary<IamChange> = fc.oneof(
  fc.record({ op: fc.constantFrom('createUser' as const, 'deleteUser' as const, 'createGroup' as const, 'deleteGroup' as const, 'createRole' as const, 'deleteRole' as const), n: small }),
  fc.record({ op: fc.constantFrom('tagUser' as const, 'tagRole' as const), n: small, value: small }),
  fc.record({ op: fc.constantFrom('untagUser' as const, 'untagRole' as const), n: small }),
  fc.record({ op: fc.constant('putInline' as const), owner, n: small, doc: iamDoc }),
  fc.record({ op: fc.constant('deleteInline' as const), owner, n: small }),
  fc.record({ op: fc.constantFrom('attach' as const, 'detach' as const), owner, n: small, policy: small }),
  fc.record({ op: fc.constantFrom('join' as const, 'leave' as const), user: small, group: small }),
  fc.record({ op: fc.constant('boundary' as const), owner: fc.constantFrom('user' as const, 'role' as const), n: small, policy: fc.option(small, { nil: null }) }),
  fc.record({ op: fc.constant('trust' as const), n: small, doc: iamDoc }),
  fc.record({ op: fc.constantFrom('createPolicy' as const, 'newPolicyVersion' as const), policy: fc.nat({ max: 1 }), doc: iamDoc }),
  fc.record({ op: fc.constant('deletePolicy' as const), policy: fc.nat({ max: 1 }) }),
);

async function applyIam(tx: Tx, accountId: string, c: IamChange): Promise<void> {
  const a = `arn:aws:iam::${accountId}`;
  const awsPolicyId = (await tx.managedPolicy.findFirstOrThrow({ where: { accountId: 'aws', arn: AWS_POLICY_ARN } })).policyId;
  const policyRef = (i: number) => (i === 2 ? { policyAccountId: 'aws', policyId: awsPolicyId } : { policyAccountId: accountId, policyId: `ANPA${i}` });
  const policyExists = async (i: number) => i === 2 || (await tx.managedPolicy.count({ where: { accountId, policyId: `ANPA${i}` } })) > 0;
  const exists = async (kind: 'user' | 'group' | 'role', n: number) =>
    kind === 'user'
      ? (await tx.user.count({ where: { accountId, userId: `AIDA${n}` } })) > 0
      : kind === 'group'
        ? (await tx.group.count({ where: { accountId, groupId: `AGPA${n}` } })) > 0
        : (await tx.role.count({ where: { accountId, roleId: `AROA${n}` } })) > 0;
  switch (c.op) {
    case 'createUser':
      await tx.user.createMany({ data: [{ accountId, userId: `AIDA${c.n}`, name: `u${c.n}`, nameLower: `u${c.n}`, arn: `${a}:user/u${c.n}` }], skipDuplicates: true });
      return;
    case 'deleteUser':
      await tx.user.deleteMany({ where: { accountId, userId: `AIDA${c.n}` } });
      return;
    case 'createGroup':
      await tx.group.createMany({ data: [{ accountId, groupId: `AGPA${c.n}`, name: `g${c.n}`, nameLower: `g${c.n}`, arn: `${a}:group/g${c.n}` }], skipDuplicates: true });
      return;
    case 'deleteGroup':
      await tx.group.deleteMany({ where: { accountId, groupId: `AGPA${c.n}` } });
      return;
    case 'createRole':
      await tx.role.createMany({ data: [{ accountId, roleId: `AROA${c.n}`, name: `R${c.n}`, nameLower: `r${c.n}`, path: '/svc/', arn: `${a}:role/svc/R${c.n}`, assumeRolePolicyDocument: '{}' }], skipDuplicates: true });
      return;
    case 'deleteRole':
      await tx.role.deleteMany({ where: { accountId, roleId: `AROA${c.n}` } });
      return;
    case 'tagUser':
      if (await exists('user', c.n)) {
        await tx.userTag.upsert({
          where: { accountId_userId_keyLower: { accountId, userId: `AIDA${c.n}`, keyLower: 'team' } },
          create: { accountId, userId: `AIDA${c.n}`, tagKey: 'Team', keyLower: 'team', tagValue: `v${c.value}` },
          update: { tagValue: `v${c.value}` },
        });
      }
      return;
    case 'tagRole':
      if (await exists('role', c.n)) {
        await tx.roleTag.upsert({
          where: { accountId_roleId_keyLower: { accountId, roleId: `AROA${c.n}`, keyLower: 'env' } },
          create: { accountId, roleId: `AROA${c.n}`, tagKey: 'Env', keyLower: 'env', tagValue: `v${c.value}` },
          update: { tagValue: `v${c.value}` },
        });
      }
      return;
    case 'untagUser':
      await tx.userTag.deleteMany({ where: { accountId, userId: `AIDA${c.n}` } });
      return;
    case 'untagRole':
      await tx.roleTag.deleteMany({ where: { accountId, roleId: `AROA${c.n}` } });
      return;
    case 'putInline': {
      if (!(await exists(c.owner, c.n))) return;
      const document = IAM_DOCS[c.doc];
      if (c.owner === 'user') {
        const key = { accountId, userId: `AIDA${c.n}`, nameLower: 'p' };
        await tx.userInlinePolicy.upsert({ where: { accountId_userId_nameLower: key }, create: { ...key, policyName: 'P', document }, update: { document } });
      } else if (c.owner === 'group') {
        const key = { accountId, groupId: `AGPA${c.n}`, nameLower: 'p' };
        await tx.groupInlinePolicy.upsert({ where: { accountId_groupId_nameLower: key }, create: { ...key, policyName: 'P', document }, update: { document } });
      } else {
        const key = { accountId, roleId: `AROA${c.n}`, nameLower: 'p' };
        await tx.roleInlinePolicy.upsert({ where: { accountId_roleId_nameLower: key }, create: { ...key, policyName: 'P', document }, update: { document } });
      }
      return;
    }
    case 'deleteInline':
      if (c.owner === 'user') await tx.userInlinePolicy.deleteMany({ where: { accountId, userId: `AIDA${c.n}` } });
      else if (c.owner === 'group') await tx.groupInlinePolicy.deleteMany({ where: { accountId, groupId: `AGPA${c.n}` } });
      else await tx.roleInlinePolicy.deleteMany({ where: { accountId, roleId: `AROA${c.n}` } });
      return;
    case 'attach':
      if (!(await exists(c.owner, c.n)) || !(await policyExists(c.policy))) return;
      if (c.owner === 'user') await tx.userPolicyAttachment.createMany({ data: [{ accountId, userId: `AIDA${c.n}`, ...policyRef(c.policy) }], skipDuplicates: true });
      else if (c.owner === 'group') await tx.groupPolicyAttachment.createMany({ data: [{ accountId, groupId: `AGPA${c.n}`, ...policyRef(c.policy) }], skipDuplicates: true });
      else await tx.rolePolicyAttachment.createMany({ data: [{ accountId, roleId: `AROA${c.n}`, ...policyRef(c.policy) }], skipDuplicates: true });
      return;
    case 'detach':
      if (c.owner === 'user') await tx.userPolicyAttachment.deleteMany({ where: { accountId, userId: `AIDA${c.n}`, ...policyRef(c.policy) } });
      else if (c.owner === 'group') await tx.groupPolicyAttachment.deleteMany({ where: { accountId, groupId: `AGPA${c.n}`, ...policyRef(c.policy) } });
      else await tx.rolePolicyAttachment.deleteMany({ where: { accountId, roleId: `AROA${c.n}`, ...policyRef(c.policy) } });
      return;
    case 'join':
      if ((await exists('user', c.user)) && (await exists('group', c.group))) {
        await tx.groupMembership.createMany({ data: [{ accountId, userId: `AIDA${c.user}`, groupId: `AGPA${c.group}` }], skipDuplicates: true });
      }
      return;
    case 'leave':
      await tx.groupMembership.deleteMany({ where: { accountId, userId: `AIDA${c.user}`, groupId: `AGPA${c.group}` } });
      return;
    case 'boundary': {
      if (c.policy !== null && !(await policyExists(c.policy))) return;
      const ref = c.policy === null ? { boundaryAccountId: null, boundaryPolicyId: null } : { boundaryAccountId: policyRef(c.policy).policyAccountId, boundaryPolicyId: policyRef(c.policy).policyId };
      if (c.owner === 'user') await tx.user.updateMany({ where: { accountId, userId: `AIDA${c.n}` }, data: ref });
      else await tx.role.updateMany({ where: { accountId, roleId: `AROA${c.n}` }, data: ref });
      return;
    }
    case 'trust':
      await tx.role.updateMany({ where: { accountId, roleId: `AROA${c.n}` }, data: { assumeRolePolicyDocument: IAM_DOCS[c.doc] } });
      return;
    case 'createPolicy':
      if (await policyExists(c.policy)) return;
      await tx.managedPolicy.create({ data: { accountId, policyId: `ANPA${c.policy}`, name: `m${c.policy}`, nameLower: `m${c.policy}`, arn: `${a}:policy/m${c.policy}`, defaultVersionId: 'v1' } });
      await tx.policyVersion.create({ data: { accountId, policyId: `ANPA${c.policy}`, versionId: 'v1', document: IAM_DOCS[c.doc] } });
      return;
    case 'newPolicyVersion': {
      const policy = await tx.managedPolicy.findUnique({ where: { accountId_policyId: { accountId, policyId: `ANPA${c.policy}` } } });
      if (!policy) return;
      const versionId = `v${policy.versionCounter + 1}`;
      await tx.policyVersion.create({ data: { accountId, policyId: policy.policyId, versionId, document: IAM_DOCS[c.doc] } });
      await tx.managedPolicy.update({ where: { accountId_policyId: { accountId, policyId: policy.policyId } }, data: { defaultVersionId: versionId, versionCounter: policy.versionCounter + 1 } });
      return;
    }
    case 'deletePolicy':
      await tx.user.updateMany({ where: { accountId, boundaryAccountId: accountId, boundaryPolicyId: `ANPA${c.policy}` }, data: { boundaryAccountId: null, boundaryPolicyId: null } });
      await tx.role.updateMany({ where: { accountId, boundaryAccountId: accountId, boundaryPolicyId: `ANPA${c.policy}` }, data: { boundaryAccountId: null, boundaryPolicyId: null } });
      await tx.managedPolicy.deleteMany({ where: { accountId, policyId: `ANPA${c.policy}` } });
      return;
  }
}

/** What a snapshot says about principals, as plain data (each policy as its id and compiled text). */
function iamView(s: AccountSnapshot) {
  const policy = (sourceType: string, p: { policyId: string; internal: unknown }) => {
    const entry = s.compiled.get(`${sourceType}|${p.policyId}`);
    // The policy decisions use is the one compiled from that text.
    return { policyId: p.policyId, text: entry?.text, isCompiledText: entry?.policy?.internal === p.internal };
  };
  const principals = [...s.principals.values()]
    .map((p) => ({
      kind: p.kind,
      arn: p.arn,
      id: p.id,
      name: p.name,
      facts: p.facts,
      identityPolicies: p.identityPolicies.map((x) => policy('IDENTITY', x)),
      identitySet: p.identitySet !== undefined,
      boundary: p.permissionsBoundary ? policy('PERMISSIONS_BOUNDARY', p.permissionsBoundary) : undefined,
      error: p.error,
    }))
    .sort((x, y) => x.arn.localeCompare(y.arn));
  return { iamToken: s.iamToken, principals, rolesByName: [...s.rolesByName].map(([name, p]) => [name, p.arn]).sort() };
}

/** What a snapshot says about keys and aliases, as plain data (the opaque key target left out). */
function kmsView(s: AccountSnapshot) {
  const keys = [...s.keys.values()]
    .map((k) => ({
      keyId: k.keyId,
      arn: k.arn,
      description: k.description,
      deletionDateMs: k.deletionDateMs,
      facts: { ...k.facts, target: undefined },
      targetOk: k.facts.target !== undefined,
      policy: k.keyPolicy ? s.compiled.get(`RESOURCE|${k.arn}`)?.text : undefined,
      // The policy decisions use is the one compiled from that text.
      policyIsCompiledText: k.keyPolicy?.internal === s.compiled.get(`RESOURCE|${k.arn}`)?.policy?.internal,
      policyId: k.keyPolicy?.policyId,
      error: k.error,
      grants: k.grants,
    }))
    .sort((a, b) => a.keyId.localeCompare(b.keyId));
  return { revision: s.revision, keys, aliases: [...s.aliases].sort(), compiled: [...s.compiled.keys()].sort(), problems: [...s.problems].sort(), estimatedBytes: s.estimatedBytes };
}

describe('PrismaAuthorizationDataSource (embedded PostgreSQL)', () => {
  let prisma: PrismaClient;
  let source: PrismaAuthorizationDataSource;

  beforeAll(() => {
    prisma = testPrismaClient();
    source = new PrismaAuthorizationDataSource(prisma);
  });
  afterAll(() => prisma.$disconnect());

  async function seed(accountId: string): Promise<{ keyId: string; awsPolicyId: string }> {
    const a = `arn:aws:iam::${accountId}`;
    await prisma.account.create({ data: { accountId, name: 'loader', revision: 7n } });
    // A seeded AWS managed policy (account "aws"), attached to the group. INVARIANT: specs never add
    // rows under "aws" (the database is shared by the whole run; "aws" holds only the seeded policies).
    const awsPolicyId = (await prisma.managedPolicy.findFirstOrThrow({ where: { accountId: 'aws', arn: AWS_POLICY_ARN } })).policyId;
    await prisma.managedPolicy.create({
      data: { accountId, policyId: 'ANPA1', name: 'Mine', nameLower: 'mine', path: '/team/', arn: `${a}:policy/team/Mine`, defaultVersionId: 'v2', versionCounter: 2 },
    });
    await prisma.policyVersion.createMany({
      data: [
        { accountId, policyId: 'ANPA1', versionId: 'v1', document: doc('iam:Old') },
        { accountId, policyId: 'ANPA1', versionId: 'v2', document: doc('iam:ListUsers') },
      ],
    });
    await prisma.managedPolicy.create({ data: { accountId, policyId: 'ANPA2', name: 'Bound', nameLower: 'bound', arn: `${a}:policy/Bound`, defaultVersionId: 'v1' } });
    await prisma.policyVersion.create({ data: { accountId, policyId: 'ANPA2', versionId: 'v1', document: doc('*') } });
    await prisma.user.create({
      data: { accountId, userId: 'AIDA1', name: 'alice', nameLower: 'alice', path: '/eng/', arn: `${a}:user/eng/alice`, boundaryAccountId: accountId, boundaryPolicyId: 'ANPA2' },
    });
    await prisma.userTag.create({ data: { accountId, userId: 'AIDA1', tagKey: 'Team', keyLower: 'team', tagValue: 'red' } });
    await prisma.userInlinePolicy.create({ data: { accountId, userId: 'AIDA1', policyName: 'own', nameLower: 'own', document: doc('kms:Encrypt') } });
    await prisma.userPolicyAttachment.create({ data: { accountId, userId: 'AIDA1', policyAccountId: accountId, policyId: 'ANPA1' } });
    await prisma.group.create({ data: { accountId, groupId: 'AGPA1', name: 'devs', nameLower: 'devs', arn: `${a}:group/devs` } });
    await prisma.groupMembership.create({ data: { accountId, groupId: 'AGPA1', userId: 'AIDA1' } });
    await prisma.groupInlinePolicy.create({ data: { accountId, groupId: 'AGPA1', policyName: 'g', nameLower: 'g', document: doc('kms:Decrypt') } });
    await prisma.groupPolicyAttachment.create({ data: { accountId, groupId: 'AGPA1', policyAccountId: 'aws', policyId: awsPolicyId } });
    await prisma.role.create({
      data: { accountId, roleId: 'AROA1', name: 'app', nameLower: 'app', path: '/svc/', arn: `${a}:role/svc/app`, assumeRolePolicyDocument: '{"trust":1}' },
    });
    await prisma.roleTag.create({ data: { accountId, roleId: 'AROA1', tagKey: 'Env', keyLower: 'env', tagValue: 'prod' } });
    await prisma.roleInlinePolicy.create({ data: { accountId, roleId: 'AROA1', policyName: 'r', nameLower: 'r', document: doc('kms:Sign') } });
    await prisma.rolePolicyAttachment.create({ data: { accountId, roleId: 'AROA1', policyAccountId: accountId, policyId: 'ANPA1' } });
    const keyId = '11111111-2222-4333-8444-' + accountId;
    await prisma.kmsKey.create({
      data: { accountId, keyId, arn: `arn:aws:kms:us-east-1:${accountId}:key/${keyId}`, region: 'us-east-1', description: 'd', keyState: 'DISABLED', policy: '{"kp":1}' },
    });
    await prisma.kmsKeyTag.create({ data: { accountId, keyId, tagKey: 'Project', tagValue: 'x' } });
    await prisma.kmsKey.create({
      data: {
        accountId, keyId: keyId.replace('11111111', '22222222'), arn: `arn:aws:kms:us-east-1:${accountId}:key/${keyId.replace('11111111', '22222222')}`, region: 'us-east-1',
        keyState: 'PENDING_DELETION', deletionDate: new Date('2030-01-02T03:04:05.678Z'), policy: '{}',
      },
    });
    await prisma.kmsAlias.create({ data: { accountId, aliasName: 'alias/app', targetKeyId: keyId } });
    await prisma.kmsGrant.create({
      data: {
        accountId, grantId: 'g1', keyId, granteePrincipal: `${a}:role/svc/app`, operations: ['Encrypt', 'Decrypt'],
        constraints: { encryptionContextSubset: { Dept: 'IT' } }, grantToken: 'tok', issuingAccount: `${a}:root`,
      },
    });
    return { keyId, awsPolicyId };
  }

  it('loads every row of one account with the revision of the same transaction', async () => {
    const accountId = uniqueAccountId();
    const a = `arn:aws:iam::${accountId}`;
    const { keyId, awsPolicyId } = await seed(accountId);
    const other = uniqueAccountId();
    await seed(other);

    const data = await source.load(accountId);
    expect(data).not.toBeNull();
    expect(data!.revision).toBe(7n);
    expect(data!.users).toEqual([
      {
        userId: 'AIDA1', name: 'alice', path: '/eng/', arn: `${a}:user/eng/alice`, tags: { Team: 'red' }, boundaryArn: `${a}:policy/Bound`,
        inlinePolicies: [{ name: 'own', document: doc('kms:Encrypt') }], managedPolicyArns: [`${a}:policy/team/Mine`], groupIds: ['AGPA1'],
      },
    ]);
    expect(data!.groups).toEqual([
      { groupId: 'AGPA1', name: 'devs', arn: `${a}:group/devs`, inlinePolicies: [{ name: 'g', document: doc('kms:Decrypt') }], managedPolicyArns: [AWS_POLICY_ARN] },
    ]);
    expect(data!.roles).toEqual([
      {
        roleId: 'AROA1', name: 'app', path: '/svc/', arn: `${a}:role/svc/app`, tags: { Env: 'prod' }, inlinePolicies: [{ name: 'r', document: doc('kms:Sign') }],
        managedPolicyArns: [`${a}:policy/team/Mine`], trustPolicy: '{"trust":1}',
      },
    ]);
    const policies = new Map(data!.managedPolicies.map((p) => [p.arn, p.document]));
    expect(policies.get(`${a}:policy/team/Mine`)).toBe(doc('iam:ListUsers'));
    const seeded = await prisma.policyVersion.findFirstOrThrow({ where: { accountId: 'aws', policyId: awsPolicyId, versionId: 'v2' } });
    expect(policies.get(AWS_POLICY_ARN)).toBe(seeded.document);
    // Only the AWS managed policies this account references.
    expect([...policies.keys()].filter((arn) => arn.includes(':aws:policy/'))).toEqual([AWS_POLICY_ARN]);
    expect(awsPolicyId).toBeDefined();
    expect(data!.keys.find((k) => k.keyState === 'PENDING_DELETION')?.deletionDateMs).toBe(Date.parse('2030-01-02T03:04:05.678Z'));
    expect(data!.keys.filter((k) => k.keyState !== 'PENDING_DELETION')).toEqual([
      {
        keyId, arn: `arn:aws:kms:us-east-1:${accountId}:key/${keyId}`, region: 'us-east-1', keyState: 'DISABLED', keySpec: 'SYMMETRIC_DEFAULT',
        keyUsage: 'ENCRYPT_DECRYPT', origin: 'AWS_KMS', description: 'd', policy: '{"kp":1}', tags: { Project: 'x' }, changeToken: expect.any(String),
      },
    ]);
    expect(data!.aliases).toEqual([{ aliasName: 'alias/app', targetKeyId: keyId }]);
    expect(data!.grants).toEqual([
      { grantId: 'g1', keyId, granteePrincipal: `${a}:role/svc/app`, operations: ['Encrypt', 'Decrypt'], constraints: { encryptionContextSubset: { Dept: 'IT' } }, grantToken: 'tok' },
    ]);
  });

  it('answers null for a missing account and reads revisions in bulk', async () => {
    expect(await source.load(uniqueAccountId())).toBeNull();
    const a = uniqueAccountId();
    const b = uniqueAccountId();
    const store = new PrismaStore(prisma);
    await store.change({ accountId: a, actorArn: 'operator', action: 'keygate:CreateAccount', resource: '*' }, (r) => r.accounts.create(a, 'a'));
    await prisma.account.create({ data: { accountId: b, name: 'b' } });
    const revisions = await source.revisions([a, b, uniqueAccountId()]);
    expect(revisions).toEqual(new Map([[a, 1n], [b, 0n]]));
    expect((await source.revisions()).get(a)).toBe(1n);
  });

  it('reads everything with one statement (one MVCC snapshot, one round trip)', async () => {
    const spy = jest.spyOn(prisma, '$queryRaw');
    const accountId = uniqueAccountId();
    await prisma.account.create({ data: { accountId, name: 'one' } });
    await expect(source.load(accountId)).resolves.toMatchObject({ accountId, revision: 0n, users: [], keys: [] });
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });
  /** A full load, or, with `previous`, a reload as the snapshot cache asks for one. */
  async function snapshotOf(accountId: string, previous?: AccountSnapshot): Promise<AccountSnapshot> {
    const data = await source.load(accountId, previous ? { keysChangedSince: previous.revision, iamToken: previous.iamToken } : {});
    return compileSnapshot(data!, { loadedAtMs: 0, previous });
  }

  it('with keysChangedSince reads only the keys changed since that revision, and the ids of all keys', async () => {
    const accountId = uniqueAccountId();
    await prisma.account.create({ data: { accountId, name: 'inc', revision: 1n } });
    const ids = ['1', '2', '3'].map((d) => `00000000-0000-4000-8000-00000000000${d}`);
    for (const keyId of ids) await prisma.kmsKey.create({ data: { accountId, keyId, arn: `arn:aws:kms:us-east-1:${accountId}:key/${keyId}`, region: 'us-east-1', policy: POLICIES[0] } });
    await prisma.account.update({ where: { accountId }, data: { revision: 2n } });
    // At revision 2: a tag on key 2 and an alias on key 3 stamp those keys with 2.
    await prisma.kmsKeyTag.create({ data: { accountId, keyId: ids[1], tagKey: 'k', tagValue: 'v' } });
    await prisma.kmsAlias.create({ data: { accountId, aliasName: 'alias/x', targetKeyId: ids[2] } });
    const data = await source.load(accountId, { keysChangedSince: 2n });
    expect(data!.keysChangedSince).toBe(2n);
    expect(data!.keys.map((k) => k.keyId).sort()).toEqual([ids[1], ids[2]]);
    expect(data!.keys.find((k) => k.keyId === ids[1])!.tags).toEqual({ k: 'v' });
    expect(data!.keyTokens!.map((t) => t.keyId).sort()).toEqual(ids);
    expect(data!.keyTokens!.find((t) => t.keyId === ids[1])!.token).toBe(data!.keys.find((k) => k.keyId === ids[1])!.changeToken);
    expect(data!.aliases).toEqual([{ aliasName: 'alias/x', targetKeyId: ids[2] }]);
    // Without the option: every key, and no token list.
    const full = await source.load(accountId);
    expect(full!.keysChangedSince).toBeUndefined();
    expect(full!.keyTokens).toBeUndefined();
    expect(full!.keys).toHaveLength(3);
  });

  /** One change as the store makes it: the work, then the revision bump, in one transaction. */
  const commit = (accountId: string, c: Change, serial: () => number) =>
    prisma.$transaction(async (tx) => {
      await apply(tx, accountId, c, serial);
      await tx.$executeRaw`UPDATE "account" SET "revision" = "revision" + 1 WHERE "account_id" = ${accountId}`;
    });

  it('with keysChangedSince builds the same snapshot as a full load after any sequence of key, tag, alias and grant changes', async () => {
    let serial = 0;
    const next = () => ++serial;
    await fc.assert(
      // Each change, and whether a reload follows it: replicas skip revisions (coalesced NOTIFYs, the poll).
      fc.asyncProperty(fc.array(fc.tuple(change, fc.boolean()), { minLength: 1, maxLength: 14 }), async (steps) => {
        const accountId = uniqueAccountId();
        await prisma.account.create({ data: { accountId, name: 'inc' } });
        // Three keys to begin with, so that most changes find the key they name.
        for (let i = 0; i < 3; i++) await commit(accountId, { op: 'createKey', policy: i % 2 }, next);
        let previous = await snapshotOf(accountId);
        for (const [i, [c, reload]] of steps.entries()) {
          await commit(accountId, c, next);
          if (!reload && i < steps.length - 1) continue;
          const incremental = await snapshotOf(accountId, previous);
          expect(kmsView(incremental)).toEqual(kmsView(await snapshotOf(accountId)));
          previous = incremental;
        }
      }),
      { numRuns: 60 },
    );
  });

  it('with iamToken builds the same snapshot as a full load after any sequence of IAM and key changes, and reads no IAM row while the token holds', async () => {
    let serial = 0;
    const next = () => ++serial;
    const commitIam = (accountId: string, c: IamChange) =>
      prisma.$transaction(async (tx) => {
        await applyIam(tx, accountId, c);
        await tx.$executeRaw`UPDATE "account" SET "revision" = "revision" + 1 WHERE "account_id" = ${accountId}`;
      });
    let skipped = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.oneof({ weight: 3, arbitrary: iamChange.map((c) => ({ iam: c })) }, { weight: 1, arbitrary: change.map((c) => ({ kms: c })) }), fc.boolean()), { minLength: 1, maxLength: 14 }), async (steps) => {
        const accountId = uniqueAccountId();
        await prisma.account.create({ data: { accountId, name: 'iam' } });
        // Something to change from the start: a user in a group with a policy, a role, a key.
        for (const c of [{ op: 'createPolicy', policy: 0, doc: 0 }, { op: 'createUser', n: 0 }, { op: 'createGroup', n: 0 }, { op: 'join', user: 0, group: 0 }, { op: 'attach', owner: 'group', n: 0, policy: 0 }, { op: 'createRole', n: 0 }] as IamChange[]) {
          await commitIam(accountId, c);
        }
        await commit(accountId, { op: 'createKey', policy: 0 }, next);
        let previous = await snapshotOf(accountId);
        for (const [i, [step, reload]] of steps.entries()) {
          if ('iam' in step) await commitIam(accountId, step.iam);
          else await commit(accountId, step.kms, next);
          if (!reload && i < steps.length - 1) continue;
          const data = await source.load(accountId, { keysChangedSince: previous.revision, iamToken: previous.iamToken });
          if (data!.iamUnchanged) {
            skipped++;
            expect(data!.users).toEqual([]);
          }
          const incremental = compileSnapshot(data!, { loadedAtMs: 0, previous });
          const full = await snapshotOf(accountId);
          expect({ iam: iamView(incremental), kms: kmsView(incremental) }).toEqual({ iam: iamView(full), kms: kmsView(full) });
          previous = incremental;
        }
      }),
      { numRuns: 60 },
    );
    // Key-only steps before a reload happen: the IAM rows were skipped some of the time.
    expect(skipped).toBeGreaterThan(0);
  });

  it('gives an account a new IAM token on every write to its IAM rows, and only that account', async () => {
    const accountId = uniqueAccountId();
    const other = uniqueAccountId();
    const { awsPolicyId } = await seed(accountId);
    await seed(other);
    const tokenOf = async (id: string) => (await prisma.account.findUniqueOrThrow({ where: { accountId: id }, select: { iamChangeToken: true } })).iamChangeToken;
    const a = `arn:aws:iam::${accountId}`;
    const writes: Array<[string, () => Promise<unknown>]> = [
      ['user insert', () => prisma.user.create({ data: { accountId, userId: 'AIDA2', name: 'bob', nameLower: 'bob', arn: `${a}:user/bob` } })],
      ['user update', () => prisma.user.updateMany({ where: { accountId, userId: 'AIDA2' }, data: { path: '/x/' } })],
      ['user tag insert', () => prisma.userTag.create({ data: { accountId, userId: 'AIDA2', tagKey: 'K', keyLower: 'k', tagValue: 'v' } })],
      ['user tag update', () => prisma.userTag.updateMany({ where: { accountId, userId: 'AIDA2' }, data: { tagValue: 'w' } })],
      ['user tag delete', () => prisma.userTag.deleteMany({ where: { accountId, userId: 'AIDA2' } })],
      ['user inline insert', () => prisma.userInlinePolicy.create({ data: { accountId, userId: 'AIDA2', policyName: 'x', nameLower: 'x', document: doc('kms:Sign') } })],
      ['user inline update', () => prisma.userInlinePolicy.updateMany({ where: { accountId, userId: 'AIDA2' }, data: { document: doc('kms:Verify') } })],
      ['user inline delete', () => prisma.userInlinePolicy.deleteMany({ where: { accountId, userId: 'AIDA2' } })],
      ['user attachment insert', () => prisma.userPolicyAttachment.create({ data: { accountId, userId: 'AIDA2', policyAccountId: accountId, policyId: 'ANPA1' } })],
      ['user attachment delete', () => prisma.userPolicyAttachment.deleteMany({ where: { accountId, userId: 'AIDA2' } })],
      ['group insert', () => prisma.group.create({ data: { accountId, groupId: 'AGPA2', name: 'ops', nameLower: 'ops', arn: `${a}:group/ops` } })],
      ['membership insert', () => prisma.groupMembership.create({ data: { accountId, groupId: 'AGPA2', userId: 'AIDA2' } })],
      ['membership delete', () => prisma.groupMembership.deleteMany({ where: { accountId, groupId: 'AGPA2' } })],
      ['group inline insert', () => prisma.groupInlinePolicy.create({ data: { accountId, groupId: 'AGPA2', policyName: 'x', nameLower: 'x', document: doc('kms:Sign') } })],
      ['group inline update', () => prisma.groupInlinePolicy.updateMany({ where: { accountId, groupId: 'AGPA2' }, data: { document: doc('kms:Verify') } })],
      ['group attachment insert', () => prisma.groupPolicyAttachment.create({ data: { accountId, groupId: 'AGPA2', policyAccountId: accountId, policyId: 'ANPA1' } })],
      ['group attachment delete', () => prisma.groupPolicyAttachment.deleteMany({ where: { accountId, groupId: 'AGPA2' } })],
      ['group update', () => prisma.group.updateMany({ where: { accountId, groupId: 'AGPA2' }, data: { path: '/y/' } })],
      ['group delete (cascading to its inline policy)', () => prisma.group.deleteMany({ where: { accountId, groupId: 'AGPA2' } })],
      ['role insert', () => prisma.role.create({ data: { accountId, roleId: 'AROA2', name: 'db', nameLower: 'db', arn: `${a}:role/db`, assumeRolePolicyDocument: '{}' } })],
      ['role update', () => prisma.role.updateMany({ where: { accountId, roleId: 'AROA2' }, data: { assumeRolePolicyDocument: '{"x":1}' } })],
      ['role tag insert', () => prisma.roleTag.create({ data: { accountId, roleId: 'AROA2', tagKey: 'K', keyLower: 'k', tagValue: 'v' } })],
      ['role tag update', () => prisma.roleTag.updateMany({ where: { accountId, roleId: 'AROA2' }, data: { tagValue: 'w' } })],
      ['role inline insert', () => prisma.roleInlinePolicy.create({ data: { accountId, roleId: 'AROA2', policyName: 'x', nameLower: 'x', document: doc('kms:Sign') } })],
      ['role inline delete', () => prisma.roleInlinePolicy.deleteMany({ where: { accountId, roleId: 'AROA2' } })],
      ['role attachment of an AWS managed policy insert', () => prisma.rolePolicyAttachment.create({ data: { accountId, roleId: 'AROA2', policyAccountId: 'aws', policyId: awsPolicyId } })],
      ['role delete (cascading to its tag)', () => prisma.role.deleteMany({ where: { accountId, roleId: 'AROA2' } })],
      ['managed policy insert', () => prisma.managedPolicy.create({ data: { accountId, policyId: 'ANPA3', name: 'n', nameLower: 'n', arn: `${a}:policy/n`, defaultVersionId: 'v1' } })],
      ['policy version insert', () => prisma.policyVersion.create({ data: { accountId, policyId: 'ANPA3', versionId: 'v1', document: doc('kms:Sign') } })],
      ['policy version update', () => prisma.policyVersion.updateMany({ where: { accountId, policyId: 'ANPA3' }, data: { document: doc('kms:Verify') } })],
      ['managed policy update', () => prisma.managedPolicy.updateMany({ where: { accountId, policyId: 'ANPA3' }, data: { description: 'd' } })],
      ['policy version delete', () => prisma.policyVersion.deleteMany({ where: { accountId, policyId: 'ANPA3' } })],
      ['managed policy delete', () => prisma.managedPolicy.deleteMany({ where: { accountId, policyId: 'ANPA3' } })],
      ['users of two accounts updated by one statement', () => prisma.user.updateMany({ where: { accountId: { in: [accountId, other] } }, data: { path: '/both/' } })],
      ['user delete (cascading to its memberships, inline policies, attachments and tags)', () => prisma.user.deleteMany({ where: { accountId, userId: 'AIDA1' } })],
    ];
    for (const [what, write] of writes) {
      const before = [await tokenOf(accountId), await tokenOf(other)];
      await write();
      const both = what.includes('two accounts');
      expect({ what, changed: [(await tokenOf(accountId)) !== before[0], (await tokenOf(other)) !== before[1]] }).toEqual({ what, changed: [true, both] });
    }
    // Key writes leave the IAM token alone.
    const before = await tokenOf(accountId);
    await prisma.kmsKey.updateMany({ where: { accountId }, data: { description: 'x' } });
    await prisma.kmsKeyTag.deleteMany({ where: { accountId } });
    expect(await tokenOf(accountId)).toBe(before);
    // A change of an AWS managed policy (account "aws") changes the token every account's load reads;
    // rolled back, so that the seeded policies stay as they are for the rest of the run.
    const loaded = (await source.load(accountId))!.iamToken;
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.policyVersion.updateMany({ where: { accountId: 'aws', policyId: awsPolicyId }, data: { createdAt: new Date(0) } });
        const [{ token }] = await tx.$queryRaw<Array<{ token: string }>>`SELECT "iam_change_token"::text || '' AS "token" FROM "account" WHERE "account_id" = ${accountId}`;
        const data = await new PrismaAuthorizationDataSource(tx as unknown as PrismaClient).load(accountId, { iamToken: loaded });
        expect(token).toBe(loaded!.split('/')[0]);
        expect(data!.iamUnchanged).toBeUndefined();
        expect(data!.iamToken).not.toBe(loaded);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect((await source.load(accountId))!.iamToken).toBe(loaded);
  });

  it('has the three IAM-token triggers on each of the 14 IAM tables, and each fires on its own statement (no cascade)', async () => {
    const triggers = await prisma.$queryRaw<Array<{ table: string; events: string[] }>>`
      SELECT c.relname AS "table", array_agg(t.tgname::text ORDER BY t.tgname) AS "events"
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE NOT t.tgisinternal AND t.tgfoid = 'account_iam_changed'::regproc GROUP BY c.relname`;
    expect(new Map(triggers.map((t) => [t.table, t.events]))).toEqual(new Map(IAM_TABLES.map((t) => [t, [`${t}_iam_deleted`, `${t}_iam_inserted`, `${t}_iam_updated`]])));
    const accountId = uniqueAccountId();
    const other = uniqueAccountId();
    await seed(accountId);
    await seed(other);
    // Children before parents (no delete cascades), parents before children for the inserts.
    const order = ['user_tag', 'user_inline_policy', 'user_policy_attachment', 'group_membership', 'group_inline_policy', 'group_policy_attachment', 'role_tag', 'role_inline_policy', 'role_policy_attachment', 'iam_user', 'iam_group', 'iam_role', 'policy_version', 'managed_policy'];
    expect([...order].sort()).toEqual([...IAM_TABLES].sort());
    const seen: string[] = [];
    await prisma.$transaction(
      async (tx) => {
        const tokens = async () => (await tx.$queryRaw<Array<{ t: string }>>`SELECT "iam_change_token"::text AS "t" FROM "account" WHERE "account_id" IN (${accountId}, ${other}) ORDER BY "account_id" = ${accountId} DESC`).map((r) => r.t);
        const changes = async (what: string, statement: Prisma.Sql) => {
          const before = await tokens();
          const rows = await tx.$executeRaw(statement);
          const after = await tokens();
          seen.push(`${what}: ${rows > 0 ? 'rows' : 'NO ROWS'}, account ${after[0] !== before[0] ? 'changed' : 'SAME'}, other ${after[1] !== before[1] ? 'CHANGED' : 'same'}`);
        };
        for (const table of order) {
          const t = Prisma.raw(`"${table}"`);
          await tx.$executeRaw`CREATE TEMP TABLE ${Prisma.raw(`"copy_${table}"`)} ON COMMIT DROP AS SELECT * FROM ${t} WHERE "account_id" = ${accountId}`;
          await changes(`${table} update`, Prisma.sql`UPDATE ${t} SET "account_id" = "account_id" WHERE "account_id" = ${accountId}`);
          await changes(`${table} delete`, Prisma.sql`DELETE FROM ${t} WHERE "account_id" = ${accountId}`);
        }
        for (const table of [...order].reverse()) await changes(`${table} insert`, Prisma.sql`INSERT INTO ${Prisma.raw(`"${table}"`)} SELECT * FROM ${Prisma.raw(`"copy_${table}"`)}`);
      },
      { timeout: 20_000 },
    );
    expect(seen).toEqual(
      [...order.flatMap((t) => [`${t} update`, `${t} delete`]), ...[...order].reverse().map((t) => `${t} insert`)].map((what) => `${what}: rows, account changed, other same`),
    );
  });

  it('with iamToken does not run the IAM sub-selects while the token holds', async () => {
    const accountId = uniqueAccountId();
    await seed(accountId);
    const { iamToken } = (await source.load(accountId))!;
    const unchanged = await source.load(accountId, { iamToken });
    expect(unchanged).toMatchObject({ iamUnchanged: true, iamToken, users: [], groups: [], roles: [], managedPolicies: [] });
    expect(unchanged!.keys).toHaveLength(2);
    // The plan: the sub-selects of iam_user and the IAM tables are never executed.
    const explain = async (token: string) => {
      const rows = await prisma.$queryRaw<Array<{ 'QUERY PLAN': unknown }>>(Prisma.sql`EXPLAIN (ANALYZE, FORMAT JSON) ${accountQuery(accountId, undefined, token)}`);
      return JSON.stringify(rows[0]['QUERY PLAN']);
    };
    const loopsOf = (plan: string, table: string) => [...plan.matchAll(new RegExp(`"Relation Name":"${table}"[^}]*?"Actual Loops":(\\d+)`, 'g'))].map((m) => Number(m[1]));
    const skippedPlan = await explain(iamToken!);
    expect(loopsOf(skippedPlan, 'iam_user').length).toBeGreaterThan(0);
    expect(loopsOf(skippedPlan, 'iam_user').every((n) => n === 0)).toBe(true);
    expect(loopsOf(skippedPlan, 'kms_key').some((n) => n > 0)).toBe(true);
    const readPlan = await explain('another token');
    expect(loopsOf(readPlan, 'iam_user').some((n) => n > 0)).toBe(true);
    const changed = await source.load(accountId, { iamToken: 'another token' });
    expect(changed!.iamUnchanged).toBeUndefined();
    expect(changed!.users).toHaveLength(1);
  });

  it('stamps a key with the current revision and a new token on every write to its row, tags, aliases and grants', async () => {
    const accountId = uniqueAccountId();
    await prisma.account.create({ data: { accountId, name: 'stamp', revision: 1n } });
    const [k1, k2, k3] = [903, 904, 905].map((i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    for (const keyId of [k1, k2]) await prisma.kmsKey.create({ data: { accountId, keyId, arn: `arn:aws:kms:us-east-1:${accountId}:key/${keyId}`, region: 'us-east-1', policy: '{}' } });
    const stampOf = async (keyId: string) => prisma.kmsKey.findUniqueOrThrow({ where: { accountId_keyId: { accountId, keyId } }, select: { changedRevision: true, changeToken: true } });
    const writes: Array<[string, () => Promise<unknown>, string[]]> = [
      ['key row update', () => prisma.kmsKey.update({ where: { accountId_keyId: { accountId, keyId: k1 } }, data: { description: 'x' } }), [k1]],
      ['tag insert', () => prisma.kmsKeyTag.create({ data: { accountId, keyId: k1, tagKey: 't', tagValue: 'a' } }), [k1]],
      ['tag update', () => prisma.kmsKeyTag.updateMany({ where: { accountId, keyId: k1, tagKey: 't' }, data: { tagValue: 'b' } }), [k1]],
      ['tag delete', () => prisma.kmsKeyTag.deleteMany({ where: { accountId, keyId: k1 } }), [k1]],
      ['alias insert', () => prisma.kmsAlias.create({ data: { accountId, aliasName: 'alias/s', targetKeyId: k1 } }), [k1]],
      ['alias retarget', () => prisma.kmsAlias.updateMany({ where: { accountId, aliasName: 'alias/s' }, data: { targetKeyId: k2 } }), [k1, k2]],
      ['alias delete', () => prisma.kmsAlias.deleteMany({ where: { accountId, aliasName: 'alias/s' } }), [k2]],
      ['grant insert', () => prisma.kmsGrant.create({ data: { accountId, grantId: 'gs', keyId: k1, granteePrincipal: 'p', operations: ['Encrypt'], grantToken: 't', issuingAccount: 'i' } }), [k1]],
      ['grant update', () => prisma.kmsGrant.updateMany({ where: { accountId, grantId: 'gs' }, data: { operations: ['Decrypt'] } }), [k1]],
      ['grant delete', () => prisma.kmsGrant.deleteMany({ where: { accountId, grantId: 'gs' } }), [k1]],
      // One statement over the rows of two keys: each key is stamped (the triggers run per statement).
      [
        'grants of two keys inserted by one statement',
        () => prisma.kmsGrant.createMany({ data: [k1, k1, k2].map((keyId, i) => ({ accountId, grantId: `gm${i}`, keyId, granteePrincipal: 'p', operations: ['Encrypt'], grantToken: 't', issuingAccount: 'i' })) }),
        [k1, k2],
      ],
      ['grants of two keys updated by one statement', () => prisma.kmsGrant.updateMany({ where: { accountId }, data: { name: 'n' } }), [k1, k2]],
      ['grants of two keys deleted by one statement', () => prisma.kmsGrant.deleteMany({ where: { accountId } }), [k1, k2]],
      ['tags of two keys inserted by one statement', () => prisma.kmsKeyTag.createMany({ data: [k1, k2].map((keyId) => ({ accountId, keyId, tagKey: 'm', tagValue: 'v' })) }), [k1, k2]],
      ['a key inserted', () => prisma.kmsKey.create({ data: { accountId, keyId: k3, arn: `arn:aws:kms:us-east-1:${accountId}:key/${k3}`, region: 'us-east-1', policy: '{}' } }), [k3]],
    ];
    for (const [what, write, touched] of writes) {
      const revision = (await prisma.account.update({ where: { accountId }, data: { revision: { increment: 1 } } })).revision;
      const before = new Map([[k1, await stampOf(k1)], [k2, await stampOf(k2)]]);
      await write();
      if (touched.includes(k3)) expect({ what, changedRevision: (await stampOf(k3)).changedRevision }).toEqual({ what, changedRevision: revision });
      for (const keyId of [k1, k2]) {
        const after = await stampOf(keyId);
        const expected = touched.includes(keyId) ? { changedRevision: revision, tokenChanged: true } : { changedRevision: before.get(keyId)!.changedRevision, tokenChanged: false };
        expect({ what, keyId, changedRevision: after.changedRevision, tokenChanged: after.changeToken !== before.get(keyId)!.changeToken }).toEqual({ what, keyId, ...expected });
      }
    }
  });

  it('with keysChangedSince sees a change that was in flight while the replaced snapshot was read', async () => {
    const accountId = uniqueAccountId();
    await prisma.account.create({ data: { accountId, name: 'inc' } });
    await commit(accountId, { op: 'createKey', policy: 0 }, () => 901);
    let release!: () => void;
    let changed!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const keyChanged = new Promise<void>((resolve) => (changed = resolve));
    // A change holds the account's lock, has disabled the key (stamped with the current revision)
    // and has not bumped the revision or committed yet.
    const inFlight = prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${0x4b47}::int4, hashtext(${accountId}))`;
        await apply(tx, accountId, { op: 'updateKey', key: 0, field: 'keyState', value: 1 }, () => 0);
        changed();
        await gate;
        await tx.$executeRaw`UPDATE "account" SET "revision" = "revision" + 1 WHERE "account_id" = ${accountId}`;
      },
      { timeout: 10_000 },
    );
    await keyChanged;
    const before = await snapshotOf(accountId);
    expect([...before.keys.values()].map((k) => k.facts.keyState)).toEqual(['ENABLED']);
    release();
    await inFlight;
    const after = await snapshotOf(accountId, before);
    expect(after.revision).toBe(before.revision + 1n);
    expect([...after.keys.values()].map((k) => k.facts.keyState)).toEqual(['DISABLED']);
  });

  it('with keysChangedSince refuses to keep an entry whose key changed after the revision went backwards (a restored database)', async () => {
    const accountId = uniqueAccountId();
    await prisma.account.create({ data: { accountId, name: 'inc', revision: 5n } });
    await commit(accountId, { op: 'createKey', policy: 0 }, () => 902);
    const held = await snapshotOf(accountId);
    expect(held.revision).toBe(6n);
    // Restored to revision 3: the key is disabled at 3 (stamped 3), and the revision climbs past 6.
    await prisma.account.update({ where: { accountId }, data: { revision: 3n } });
    await commit(accountId, { op: 'updateKey', key: 0, field: 'keyState', value: 1 }, () => 0);
    await prisma.account.update({ where: { accountId }, data: { revision: 7n } });
    const data = await source.load(accountId, { keysChangedSince: held.revision });
    expect(data!.keys).toEqual([]);
    expect(() => compileSnapshot(data!, { loadedAtMs: 0, previous: held })).toThrow(IncompleteSnapshotDataError);
  });
});
