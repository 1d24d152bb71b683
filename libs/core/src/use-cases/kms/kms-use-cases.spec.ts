import { DEFAULT_KEY_POLICY } from '@keygate/policy-engine';
import type { PrincipalCaller } from '../../auth/caller';
import { FactsOnlyIdentityPolicySource } from '../../authz/identity-policy-source.port';
import { SelfAuthorizer } from '../../authz/self-authorizer';
import { DomainError } from '../../errors/domain-error';
import { CreateKeyUseCase } from './create-key.use-case';
import { GrantsUseCase } from './grants.use-case';
import { KeyLifecycleUseCase } from './key-lifecycle.use-case';
import { KeyQueriesUseCase } from './key-queries.use-case';
import type { KmsDeps } from './kms-deps';
import { KmsMemoryStore } from './kms-store.fixture';
import { PurgeExpiredKeysUseCase } from './purge-expired-keys.use-case';
import { PutKeyPolicyUseCase } from './put-key-policy.use-case';

const A = '111122223333';
const B = '444455556666';
const root = (accountId: string): PrincipalCaller => ({ kind: 'principal', accountId, arn: `arn:aws:iam::${accountId}:root`, principalType: 'root', accessKeyId: 'AKIA' });
const DAY = 24 * 60 * 60 * 1000;

function setup(start = Date.parse('2026-11-28T07:00:00Z')) {
  const store = new KmsMemoryStore();
  store.addAccount(A);
  store.addAccount(B);
  let now = start;
  const authz = new SelfAuthorizer({ policies: new FactsOnlyIdentityPolicySource(), region: 'eu-west-1', now: () => now });
  const deps: KmsDeps = { store, authz, region: 'eu-west-1', now: () => new Date(now) };
  return {
    store,
    advance: (ms: number) => (now += ms),
    createKey: new CreateKeyUseCase(deps),
    queries: new KeyQueriesUseCase(deps),
    putKeyPolicy: new PutKeyPolicyUseCase(deps),
    lifecycle: new KeyLifecycleUseCase(deps),
    grants: new GrantsUseCase(deps),
    purge: new PurgeExpiredKeysUseCase(deps),
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  return error instanceof DomainError ? error.code : `no DomainError: ${String(error)}`;
}

const policy = (principal: string, action: string | string[] = 'kms:*') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: action, Resource: '*' }] });

describe('KMS use cases (in-memory store)', () => {
  it('creates a key with the default policy in one audited change', async () => {
    const t = setup();
    const { key, revision } = await t.createKey.execute(root(A), {});
    expect(revision).toBe(1n);
    expect(key.arn).toBe(`arn:aws:kms:eu-west-1:${A}:key/${key.keyId}`);
    expect(await t.queries.getKeyPolicy(root(A), { keyId: key.keyId })).toBe(DEFAULT_KEY_POLICY(A));
    expect(t.store.audit).toEqual([expect.objectContaining({ accountId: A, action: 'kms:CreateKey', resource: key.arn, actorArn: root(A).arn })]);
  });

  it('stores nothing when a key-policy check fails (size, lockout, principals)', async () => {
    const t = setup();
    const { key } = await t.createKey.execute(root(A), {});
    const huge = `${policy(A).slice(0, -1)}${' '.repeat(33_000)}}`;
    expect(await codeOf(t.putKeyPolicy.execute(root(A), { keyId: key.keyId, policy: huge }))).toBe('LIMIT_EXCEEDED');
    expect(await codeOf(t.putKeyPolicy.execute(root(A), { keyId: key.keyId, policy: policy(B) }))).toBe('MALFORMED_POLICY_DOCUMENT');
    expect(await codeOf(t.putKeyPolicy.execute(root(A), { keyId: key.keyId, policy: policy(`arn:aws:iam::${A}:user/ghost`, 'kms:Decrypt') }))).toBe('MALFORMED_POLICY_DOCUMENT');
    expect(await codeOf(t.createKey.execute(root(A), { policy: policy(B) }))).toBe('MALFORMED_POLICY_DOCUMENT');
    expect(t.store.revision(A)).toBe(1n);
    expect(await t.queries.getKeyPolicy(root(A), { keyId: key.keyId })).toBe(DEFAULT_KEY_POLICY(A));
    await t.putKeyPolicy.execute(root(A), { keyId: key.keyId, policy: policy(B), bypassPolicyLockoutSafetyCheck: true });
    expect(t.store.audit.at(-1)?.details).toMatchObject({ bypassPolicyLockoutSafetyCheck: true });
    expect(await codeOf(t.queries.describeKey(root(A), { keyId: key.keyId }))).toBe('ACCESS_DENIED');
  });

  it('accepts an existing user of the own account as a principal', async () => {
    const t = setup();
    t.store.addPrincipal(`arn:aws:iam::${A}:user/bob`);
    const doc = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'kms:*', Resource: '*' },
        { Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${A}:user/bob`, `arn:aws:iam::${B}:user/unknown`] }, Action: 'kms:Decrypt', Resource: '*' },
      ],
    });
    expect((await t.createKey.execute(root(A), { policy: doc })).key.policy).toBe(doc);
  });

  it('deletes a key when its pending window ends: reads say NOT_FOUND, the sweep removes it', async () => {
    const t = setup();
    const { key } = await t.createKey.execute(root(A), {});
    const scheduled = await t.lifecycle.scheduleKeyDeletion(root(A), { keyId: key.keyId, pendingWindowInDays: 7 });
    expect(scheduled.key.deletionDate?.getTime()).toBe(Date.parse('2026-11-28T07:00:00Z') + 7 * DAY);
    t.advance(7 * DAY - 1);
    expect((await t.queries.describeKey(root(A), { keyId: key.keyId })).keyState).toBe('PENDING_DELETION');
    t.advance(1);
    expect(await codeOf(t.queries.describeKey(root(A), { keyId: key.keyId }))).toBe('NOT_FOUND');
    expect(await codeOf(t.lifecycle.cancelKeyDeletion(root(A), { keyId: key.keyId }))).toBe('NOT_FOUND');
    expect(await t.purge.execute()).toBe(1);
    expect(t.store.audit.at(-1)).toMatchObject({ action: 'kms:DeleteKey', resource: key.arn });
  });

  it('answers another account exactly like a missing key, and lets a trusted account describe by ARN', async () => {
    const t = setup();
    const { key } = await t.createKey.execute(root(A), {});
    const missing = key.arn.replace(key.keyId, '00000000-0000-4000-8000-000000000000');
    const denied = await t.queries.describeKey(root(B), { keyId: key.arn }).catch((e: DomainError) => e);
    const absent = await t.queries.describeKey(root(B), { keyId: missing }).catch((e: DomainError) => e);
    expect([(denied as DomainError).code, (absent as DomainError).code]).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect((denied as DomainError).message.replace(key.arn, 'X')).toBe((absent as DomainError).message.replace(missing, 'X'));
    const trusting = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'kms:*', Resource: '*' },
        { Effect: 'Allow', Principal: { AWS: B }, Action: 'kms:DescribeKey', Resource: '*' },
      ],
    });
    await t.putKeyPolicy.execute(root(A), { keyId: key.keyId, policy: trusting });
    expect((await t.queries.describeKey(root(B), { keyId: key.arn })).keyId).toBe(key.keyId);
  });

  it('makes grants effective at once and idempotent by name', async () => {
    const t = setup();
    const { key } = await t.createKey.execute(root(A), {});
    const input = { keyId: key.keyId, granteePrincipal: `arn:aws:iam::${B}:root`, operations: ['Decrypt', 'CreateGrant'], name: 'g' };
    const first = await t.grants.createGrant(root(A), input);
    const second = await t.grants.createGrant(root(A), input);
    expect(second.grantId).toBe(first.grantId);
    // B creates a child grant through the parent grant, without its token.
    const child = await t.grants.createGrant(root(B), { keyId: key.arn, granteePrincipal: `arn:aws:iam::${B}:root`, operations: ['Decrypt'] });
    expect(child.grantId).not.toBe(first.grantId);
    expect(await codeOf(t.grants.createGrant(root(B), { keyId: key.arn, granteePrincipal: `arn:aws:iam::${B}:root`, operations: ['Encrypt'] }))).toBe('ACCESS_DENIED');
    expect((await t.grants.listGrants(root(A), { keyId: key.keyId })).map((g) => g.grantId)).toHaveLength(2);
  });
});
