import type { PrincipalCaller } from '../auth/caller';
import { SelfAuthorizer } from '../authz/self-authorizer';
import { CurrentSnapshots } from './current-snapshots';
import { parseKeyReference } from './key-lookup';
import { SnapshotCache } from './snapshot-cache';
import { SnapshotKeyResolver } from './snapshot-key-resolver';
import { emptyAccount, FakeDataSource, keyRow } from './snapshot.fixture';

const A = '111122223333';
const B = '444455556666';
const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';
const KEY_B = '0000abcd-12ab-34cd-56ef-1234567890ab';
const root: PrincipalCaller = { kind: 'principal', accountId: A, arn: `arn:aws:iam::${A}:root`, principalType: 'root', accessKeyId: 'AKIA0' };

function setup() {
  const a = emptyAccount(A);
  a.keys = [keyRow(A, KEY)];
  a.aliases = [{ aliasName: 'alias/app', targetKeyId: KEY }];
  const b = emptyAccount(B);
  b.keys = [keyRow(B, KEY_B)];
  b.aliases = [{ aliasName: 'alias/other', targetKeyId: KEY_B }];
  const source = new FakeDataSource(a, b);
  const snapshots = new CurrentSnapshots(new SnapshotCache({ source }), source);
  return { source, resolver: new SnapshotKeyResolver(snapshots) };
}

describe('parseKeyReference', () => {
  it('parses the four forms', () => {
    expect(parseKeyReference(KEY, A)).toEqual({ accountId: A, keyId: KEY });
    expect(parseKeyReference('alias/app', A)).toEqual({ accountId: A, aliasName: 'alias/app' });
    expect(parseKeyReference(`arn:aws:kms:us-east-1:${B}:key/${KEY}`, A)).toMatchObject({ accountId: B, keyId: KEY, region: 'us-east-1' });
    expect(parseKeyReference(`arn:aws:kms:us-east-1:${B}:alias/x`, A)).toMatchObject({ accountId: B, aliasName: 'alias/x' });
    for (const bad of ['', 'alias/', 'arn:aws:iam::111122223333:user/x', 'arn:aws:kms:us-east-1:aws:key/x', 'has space']) expect(parseKeyReference(bad, A)).toBeUndefined();
  });
});

describe('SnapshotKeyResolver', () => {
  it('resolves key id, key ARN, alias name and alias ARN in the caller account', async () => {
    const { resolver } = setup();
    const arn = `arn:aws:kms:us-east-1:${A}:key/${KEY}`;
    for (const ref of [KEY, arn]) {
      const r = await resolver.resolve(root, ref);
      expect(r?.key.arn).toBe(arn);
      expect(r?.requestAlias).toBeUndefined();
      expect(r?.extras).toMatchObject({ resourceAccount: A, key: { arn, keyState: 'ENABLED', aliases: ['alias/app'] }, grants: [] });
      expect(r?.extras.resourcePolicy?.policyId).toBe(arn);
    }
    for (const ref of ['alias/app', `arn:aws:kms:us-east-1:${A}:alias/app`]) {
      const r = await resolver.resolve(root, ref);
      expect(r?.key.arn).toBe(arn);
      expect(r?.requestAlias).toBe('alias/app');
      expect(r?.extras.requestAlias).toBe('alias/app');
    }
  });

  it('finds another account of the deployment only by ARN', async () => {
    const { resolver } = setup();
    expect((await resolver.resolve(root, `arn:aws:kms:us-east-1:${B}:key/${KEY_B}`))?.key.accountId).toBe(B);
    expect((await resolver.resolve(root, `arn:aws:kms:us-east-1:${B}:alias/other`))?.key.accountId).toBe(B);
    expect(await resolver.resolve(root, KEY_B)).toBeNull();
    expect(await resolver.resolve(root, 'alias/other')).toBeNull();
  });

  it('answers null for unknown keys, aliases, accounts and wrong regions', async () => {
    const { resolver } = setup();
    for (const ref of ['alias/none', '99999999-12ab-34cd-56ef-1234567890ab', `arn:aws:kms:us-east-1:999999999999:key/${KEY}`, `arn:aws:kms:eu-west-1:${A}:key/${KEY}`, 'not a key']) {
      expect(await resolver.resolve(root, ref)).toBeNull();
    }
  });

  it('sees its own writes (the current revision) and plugs into SelfAuthorizer', async () => {
    const { source, resolver } = setup();
    expect((await resolver.resolve(root, KEY))?.key.facts.keyState).toBe('ENABLED');
    source.update(A, (d) => ({ keys: [{ ...d.keys[0], keyState: 'DISABLED', policy: JSON.stringify({ Version: '2012-10-17', Statement: [] }) }] }));
    const r = await resolver.resolve(root, KEY);
    expect(r?.key.facts.keyState).toBe('DISABLED');
    // A key policy that no longer trusts the account locks out even the root.
    const authz = new SelfAuthorizer({ policies: { forCaller: async () => ({ principal: { arn: root.arn, accountId: A, type: 'Account', principalArn: root.arn, userId: A }, identityPolicies: [] }) }, region: 'us-east-1', now: () => 0 });
    expect((await authz.authorize(root, 'kms:DescribeKey', r!.key.arn, r!.extras)).decision).toBe('IMPLICIT_DENY');
  });

  it('treats a key whose deletion date has passed as deleted (with its aliases)', async () => {
    const { source, resolver } = setup();
    source.update(A, (d) => ({ keys: [{ ...d.keys[0], keyState: 'PENDING_DELETION', deletionDateMs: Date.now() + 60_000 }] }));
    expect((await resolver.resolve(root, KEY))?.key.facts.keyState).toBe('PENDING_DELETION');
    source.update(A, (d) => ({ keys: [{ ...d.keys[0], deletionDateMs: Date.now() - 1 }] }));
    expect(await resolver.resolve(root, KEY)).toBeNull();
    expect(await resolver.resolve(root, 'alias/app')).toBeNull();
  });

  it('refuses to hand out a key whose policy cannot be compiled', async () => {
    const { source, resolver } = setup();
    source.update(A, (d) => ({ keys: [{ ...d.keys[0], policy: '{broken' }] }));
    await expect(resolver.resolve(root, KEY)).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
