import { authorize } from '@keygate/policy-engine';
import type { AccountAuthorizationData } from './authorization-data.port';
import { IncompleteSnapshotDataError, SNAPSHOT_BYTES_PER_BODY, SNAPSHOT_BYTES_PER_BODY_CHAR, compileSnapshot } from './compile-snapshot';
import { emptyAccount, keyRow, policyDoc, userRow } from './snapshot.fixture';

const A = '111122223333';
const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';
const P = `arn:aws:iam::${A}:policy/Shared`;
const AWS_P = 'arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser';

function data() {
  const d = emptyAccount(A, 4n);
  d.managedPolicies = [
    { arn: P, document: policyDoc('Allow', 'kms:Encrypt') },
    { arn: AWS_P, document: policyDoc('Allow', 'kms:Describe*') },
  ];
  d.groups = [{ groupId: 'AGPA1', name: 'devs', arn: `arn:aws:iam::${A}:group/devs`, inlinePolicies: [{ name: 'gi', document: policyDoc('Allow', 'kms:Decrypt') }], managedPolicyArns: [AWS_P] }];
  d.users = [
    userRow(A, 'alice', { path: '/eng/', arn: `arn:aws:iam::${A}:user/eng/alice`, managedPolicyArns: [P], groupIds: ['AGPA1'], inlinePolicies: [{ name: 'own', document: policyDoc('Deny', 'kms:Sign') }], tags: { Team: 'red' } }),
    userRow(A, 'bob', { managedPolicyArns: [P], boundaryArn: P }),
  ];
  d.roles = [{ roleId: 'AROA1', name: 'App', path: '/svc/', arn: `arn:aws:iam::${A}:role/svc/App`, tags: { Env: 'prod' }, inlinePolicies: [], managedPolicyArns: [P], trustPolicy: '{}' }];
  d.keys = [keyRow(A, KEY, { keyState: 'DISABLED', tags: { Project: 'x' } })];
  d.aliases = [{ aliasName: 'alias/b', targetKeyId: KEY }, { aliasName: 'alias/a', targetKeyId: KEY }];
  d.grants = [{ grantId: 'g1', keyId: KEY, granteePrincipal: `arn:aws:iam::${A}:role/svc/App`, operations: ['Encrypt'], constraints: { encryptionContextEquals: { k: 'v' } }, grantToken: 't1' }];
  return d;
}

describe('compileSnapshot', () => {
  const snapshot = compileSnapshot(data(), { loadedAtMs: 42 });

  it('indexes root, users and roles by ARN with their facts', () => {
    expect(snapshot).toMatchObject({ accountId: A, revision: 4n, loadedAtMs: 42, problems: [] });
    expect(snapshot.principals.get(`arn:aws:iam::${A}:root`)).toMatchObject({ kind: 'root', facts: { type: 'Account', userId: A }, identityPolicies: [] });
    expect(snapshot.principals.get(`arn:aws:iam::${A}:user/eng/alice`)?.facts).toEqual({
      arn: `arn:aws:iam::${A}:user/eng/alice`, accountId: A, type: 'User', principalArn: `arn:aws:iam::${A}:user/eng/alice`, userName: 'alice', userId: 'AIDAALICE', tags: { Team: 'red' },
    });
    const role = snapshot.rolesByName.get('app');
    expect(role).toBe(snapshot.principals.get(`arn:aws:iam::${A}:role/svc/App`));
    expect(role?.facts).toMatchObject({ type: 'AssumedRole', principalArn: `arn:aws:iam::${A}:role/svc/App`, userId: 'AROA1', tags: { Env: 'prod' } });
  });

  it("gives users their own and their groups' policies with the contract's policy ids", () => {
    const alice = snapshot.principals.get(`arn:aws:iam::${A}:user/eng/alice`)!;
    expect(alice.identityPolicies.map((p) => [p.policyId, p.sourceType])).toEqual([
      [`arn:aws:iam::${A}:user/eng/alice/inline/own`, 'IDENTITY'],
      [P, 'IDENTITY'],
      [`arn:aws:iam::${A}:group/devs/inline/gi`, 'IDENTITY'],
      [AWS_P, 'IDENTITY'],
    ]);
    expect(alice.permissionsBoundary).toBeUndefined();
  });

  it('compiles a managed policy once and shares it; a boundary is compiled as PERMISSIONS_BOUNDARY', () => {
    const alice = snapshot.principals.get(`arn:aws:iam::${A}:user/eng/alice`)!;
    const bob = snapshot.principals.get(`arn:aws:iam::${A}:user/bob`)!;
    const role = snapshot.rolesByName.get('app')!;
    expect(bob.identityPolicies[0]).toBe(alice.identityPolicies[1]);
    expect(role.identityPolicies[0]).toBe(alice.identityPolicies[1]);
    expect(bob.permissionsBoundary).toMatchObject({ policyId: P, sourceType: 'PERMISSIONS_BOUNDARY' });
  });

  it('builds keys with facts, sorted aliases, grants and the compiled key policy', () => {
    const key = snapshot.keys.get(KEY)!;
    expect(key.facts).toMatchObject({ arn: `arn:aws:kms:us-east-1:${A}:key/${KEY}`, accountId: A, keyState: 'DISABLED', aliases: ['alias/a', 'alias/b'], tags: { Project: 'x' }, multiRegion: false });
    expect(key.keyPolicy).toMatchObject({ policyId: key.arn, sourceType: 'RESOURCE', kind: 'resource' });
    expect(key.grants).toEqual([
      { grantId: 'g1', granteePrincipal: `arn:aws:iam::${A}:role/svc/App`, operations: ['Encrypt'], constraints: { encryptionContextEquals: { k: 'v' } }, grantToken: 't1', effective: true },
    ]);
    expect(snapshot.aliases.get('alias/a')).toBe(KEY);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(snapshot)).toBe(true);
    expect(Object.isFrozen(snapshot.principals.get(`arn:aws:iam::${A}:user/bob`))).toBe(true);
    expect(Object.isFrozen(snapshot.keys.get(KEY)!.facts)).toBe(true);
  });

  it('marks principals and keys whose policies cannot be compiled or were not loaded', () => {
    const d = data();
    d.managedPolicies = [{ arn: P, document: '{"Version": ' }];
    d.keys = [keyRow(A, KEY, { policy: 'nope' })];
    const broken = compileSnapshot(d, { loadedAtMs: 0 });
    expect(broken.principals.get(`arn:aws:iam::${A}:user/bob`)?.error).toMatch(/could not be parsed/);
    // The AWS managed policy of alice's group is missing from the rows altogether.
    expect(broken.principals.get(`arn:aws:iam::${A}:user/eng/alice`)?.error).toBeDefined();
    expect(broken.keys.get(KEY)?.error).toBeDefined();
    expect(broken.keys.get(KEY)?.keyPolicy).toBeUndefined();
    expect(broken.problems.length).toBeGreaterThan(0);
    expect(broken.principals.get(`arn:aws:iam::${A}:root`)?.error).toBeUndefined();
  });
});

describe('compileSnapshot sharing identical documents', () => {
  it('compiles identical key policies once, each keeping its own policy id in decisions', () => {
    const d = emptyAccount(A);
    const ids = ['aaaaaaaa-12ab-34cd-56ef-1234567890ab', 'bbbbbbbb-12ab-34cd-56ef-1234567890ab'];
    d.keys = ids.map((id) => keyRow(A, id));
    const s = compileSnapshot(d, { loadedAtMs: 0 });
    const [k1, k2] = ids.map((id) => s.keys.get(id)!);
    expect(k1.keyPolicy!.internal).toBe(k2.keyPolicy!.internal);
    for (const k of [k1, k2]) {
      const root = s.principals.get(`arn:aws:iam::${A}:root`)!;
      const decision = authorize({
        principal: root.facts, action: 'kms:Encrypt', resource: k.arn, resourceAccount: A, key: k.facts, resourcePolicy: k.keyPolicy,
        identityPolicies: [], timeMs: 0, region: 'us-east-1',
      });
      expect(decision.decision).toBe('ALLOWED');
      expect(decision.matchedStatements.map((m) => m.sourcePolicyId)).toEqual([k.arn]);
    }
  });

  it('merges the identity policies of principals with two or more into a set of the same array; none for fewer', () => {
    const snapshot = compileSnapshot(data(), { loadedAtMs: 42 });
    const alice = snapshot.principals.get(`arn:aws:iam::${A}:user/eng/alice`)!;
    const bob = snapshot.principals.get(`arn:aws:iam::${A}:user/bob`)!;
    expect(alice.identitySet?.policies).toBe(alice.identityPolicies);
    expect(Object.isFrozen(alice.identityPolicies)).toBe(true);
    expect(bob.identitySet).toBeUndefined();
    expect(snapshot.principals.get(`arn:aws:iam::${A}:root`)?.identitySet).toBeUndefined();
  });

  it('decides the same with the set, and with a budget too small for any merged index', () => {
    const snapshot = compileSnapshot(data(), { loadedAtMs: 42 });
    const starved = compileSnapshot(data(), { loadedAtMs: 42, policySetBudgetUnits: 0 });
    const keyArn = `arn:aws:kms:us-east-1:${A}:key/${KEY}`;
    for (const s of [snapshot, starved]) {
      const alice = s.principals.get(`arn:aws:iam::${A}:user/eng/alice`)!;
      const key = s.keys.get(KEY)!;
      const decide = (action: string) =>
        authorize({
          principal: alice.facts,
          action,
          resource: keyArn,
          key: key.facts,
          identityPolicies: alice.identityPolicies as never,
          identitySet: alice.identitySet,
          resourcePolicy: key.keyPolicy,
          timeMs: 0,
          region: 'us-east-1',
        });
      const identityMatches = (action: string) => decide(action).matchedStatements.filter((m) => m.sourcePolicyType === 'IDENTITY').map((m) => m.sourcePolicyId);
      expect(decide('kms:Encrypt').decision).toBe('ALLOWED');
      expect(identityMatches('kms:Encrypt')).toEqual([P]);
      expect(decide('kms:Sign').decision).toBe('EXPLICIT_DENY');
      expect(identityMatches('kms:Decrypt')).toEqual([`arn:aws:iam::${A}:group/devs/inline/gi`]);
      expect(identityMatches('kms:DescribeKey')).toEqual([AWS_P]);
    }
  });
});

describe('estimatedBytes', () => {
  const keyIds = (n: number) => Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  const withKeys = (ids: string[], policyOf: (i: number) => string) => {
    const d = emptyAccount(A);
    d.keys = ids.map((id, i) => keyRow(A, id, { policy: policyOf(i) }));
    return compileSnapshot(d, { loadedAtMs: 0 }).estimatedBytes;
  };
  const policy = (i: number) => policyDoc('Allow', 'kms:Encrypt', '*', { Sid: `S${i}`, Principal: { AWS: `arn:aws:iam::${A}:root` } });

  it('is the same for the same data', () => {
    expect(compileSnapshot(data(), { loadedAtMs: 1 }).estimatedBytes).toBe(compileSnapshot(data(), { loadedAtMs: 2 }).estimatedBytes);
  });

  it('grows with keys, principals and policy text', () => {
    const one = withKeys(keyIds(1), policy);
    expect(withKeys(keyIds(10), policy)).toBeGreaterThan(one);
    const withUser = emptyAccount(A);
    withUser.users = [userRow(A, 'alice')];
    expect(compileSnapshot(withUser, { loadedAtMs: 0 }).estimatedBytes).toBeGreaterThan(compileSnapshot(emptyAccount(A), { loadedAtMs: 0 }).estimatedBytes);
    expect(withKeys(keyIds(1), () => policyDoc('Allow', ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'], '*', { Principal: { AWS: `arn:aws:iam::${A}:root` } }))).toBeGreaterThan(one);
  });

  it('shares the body of a policy kept from the previous snapshot with a new identical text, as a compile without one does', () => {
    const ids = keyIds(2);
    const one = emptyAccount(A);
    one.keys = [keyRow(A, ids[0], { policy: policy(0) })];
    const two = { ...emptyAccount(A, 2n), keys: [keyRow(A, ids[0], { policy: policy(0) }), keyRow(A, ids[1], { policy: policy(0) })] };
    const reloaded = compileSnapshot(two, { loadedAtMs: 0, previous: compileSnapshot(one, { loadedAtMs: 0 }) });
    expect(reloaded.estimatedBytes).toBe(compileSnapshot(two, { loadedAtMs: 0 }).estimatedBytes);
    expect(reloaded.keys.get(ids[1])!.keyPolicy!.internal).toBe(reloaded.keys.get(ids[0])!.keyPolicy!.internal);
  });

  it('counts a policy body shared by identical texts once (its texts each time)', () => {
    const ids = keyIds(10);
    const shared = withKeys(ids, () => policy(0));
    const distinct = withKeys(ids, policy);
    // Ten distinct texts of the same length cost nine more compiled bodies than ten copies of one text.
    expect(distinct - shared).toBe(9 * (SNAPSHOT_BYTES_PER_BODY + policy(0).length * SNAPSHOT_BYTES_PER_BODY_CHAR));
  });
});

describe('compileSnapshot with only the changed keys (keysChangedSince)', () => {
  const K2 = '22222222-12ab-34cd-56ef-1234567890ab';
  const K3 = '33333333-12ab-34cd-56ef-1234567890ab';
  const full = (): AccountAuthorizationData => ({
    ...data(),
    keys: [keyRow(A, KEY, { keyState: 'DISABLED', tags: { Project: 'x' }, changeToken: 't-key' }), keyRow(A, K2, { changeToken: 't-k2' }), keyRow(A, K3, { changeToken: 't-k3' })],
  });
  const previous = compileSnapshot(full(), { loadedAtMs: 1 });
  /** Revision 5: K2 changed (disabled), K3 deleted, KEY unchanged (so neither its row nor its grants are read). */
  const changed = (): AccountAuthorizationData => ({
    ...data(),
    revision: 5n,
    keys: [keyRow(A, K2, { keyState: 'DISABLED', changeToken: 't-k2b' })],
    grants: [],
    keysChangedSince: 4n,
    keyTokens: [
      { keyId: KEY, token: 't-key' },
      { keyId: K2, token: 't-k2b' },
    ],
  });

  it('keeps the entries of unchanged keys, rebuilds the changed ones and drops the deleted ones', () => {
    const next = compileSnapshot(changed(), { loadedAtMs: 2, previous });
    expect([...next.keys.keys()]).toEqual([KEY, K2]);
    expect(next.keys.get(KEY)).toBe(previous.keys.get(KEY));
    expect(next.keys.get(KEY)!.grants).toHaveLength(1);
    expect(next.keys.get(K2)!.facts.keyState).toBe('DISABLED');
    expect(next.compiled.get(`RESOURCE|${previous.keys.get(KEY)!.arn}`)).toBe(previous.compiled.get(`RESOURCE|${previous.keys.get(KEY)!.arn}`));
    expect(next.compiled.has(`RESOURCE|${previous.keys.get(K3)!.arn}`)).toBe(false);
    // The same snapshot as from all rows at revision 5.
    const all = compileSnapshot(
      { ...full(), revision: 5n, keys: [keyRow(A, KEY, { keyState: 'DISABLED', tags: { Project: 'x' }, changeToken: 't-key' }), keyRow(A, K2, { keyState: 'DISABLED', changeToken: 't-k2b' })] },
      { loadedAtMs: 2 },
    );
    expect(next.estimatedBytes).toBe(all.estimatedBytes);
    expect([...next.keys.values()].map((k) => k.facts.keyState)).toEqual([...all.keys.values()].map((k) => k.facts.keyState));
  });

  it('refuses rows it cannot complete: no previous snapshot, another revision or account, an older database, an unknown unchanged key, or another version of one', () => {
    expect(() => compileSnapshot({ ...changed(), keyTokens: [{ keyId: KEY, token: 't-other' }] }, { loadedAtMs: 2, previous })).toThrow(IncompleteSnapshotDataError);
    const untokened = compileSnapshot({ ...full(), keys: [keyRow(A, KEY)] }, { loadedAtMs: 1 });
    expect(() => compileSnapshot({ ...changed(), keys: [], keyTokens: [{ keyId: KEY, token: 't-key' }] }, { loadedAtMs: 2, previous: untokened })).toThrow(IncompleteSnapshotDataError);
    expect(() => compileSnapshot({ ...changed(), revision: 3n }, { loadedAtMs: 2, previous })).toThrow(IncompleteSnapshotDataError);
    expect(() => compileSnapshot(changed(), { loadedAtMs: 2 })).toThrow(IncompleteSnapshotDataError);
    expect(() => compileSnapshot({ ...changed(), keysChangedSince: 3n }, { loadedAtMs: 2, previous })).toThrow(IncompleteSnapshotDataError);
    expect(() => compileSnapshot({ ...changed(), accountId: '444455556666' }, { loadedAtMs: 2, previous })).toThrow(IncompleteSnapshotDataError);
    expect(() => compileSnapshot({ ...changed(), keyTokens: [...changed().keyTokens!, { keyId: '99999999-12ab-34cd-56ef-1234567890ab', token: 't' }] }, { loadedAtMs: 2, previous })).toThrow(
      IncompleteSnapshotDataError,
    );
  });
});

describe('compileSnapshot without the IAM rows (iamUnchanged)', () => {
  const withToken = (): AccountAuthorizationData => ({ ...data(), iamToken: 'iam-1/aws-1' });
  const previous = compileSnapshot(withToken(), { loadedAtMs: 1 });
  /** The rows of revision 5 read with the IAM token of `previous`, still current: no IAM rows. */
  const unchanged = (): AccountAuthorizationData => ({ ...withToken(), revision: 5n, users: [], groups: [], roles: [], managedPolicies: [], iamUnchanged: true });

  it("keeps the previous snapshot's principals, roles and compiled identity policies, and builds the keys from the rows", () => {
    const next = compileSnapshot(unchanged(), { loadedAtMs: 2, previous });
    expect(next.principals).toBe(previous.principals);
    expect(next.rolesByName).toBe(previous.rolesByName);
    expect(next.iamToken).toBe('iam-1/aws-1');
    expect(next.revision).toBe(5n);
    for (const [key, entry] of previous.compiled) expect(next.compiled.get(key)).toBe(entry);
    expect([...next.compiled.keys()].sort()).toEqual([...previous.compiled.keys()].sort());
    // The same snapshot as from all rows.
    const all = compileSnapshot({ ...withToken(), revision: 5n }, { loadedAtMs: 2 });
    expect(next.estimatedBytes).toBe(all.estimatedBytes);
    expect([...next.principals.keys()]).toEqual([...all.principals.keys()]);
    const request = (s: typeof next) => {
      const alice = s.principals.get(`arn:aws:iam::${A}:user/eng/alice`)!;
      return authorize({ principal: alice.facts, action: 'kms:Decrypt', resource: '*', resourceAccount: A, identityPolicies: [...alice.identityPolicies], timeMs: 0, region: 'us-east-1' }).decision;
    };
    expect(request(next)).toBe(request(all));
  });

  it('carries the compile problems of the kept policies', () => {
    const broken = (): AccountAuthorizationData => ({ ...withToken(), users: [userRow(A, 'carol', { inlinePolicies: [{ name: 'bad', document: '{ "broken"' }] })] });
    const before = compileSnapshot(broken(), { loadedAtMs: 1 });
    expect(before.problems).toHaveLength(1);
    const next = compileSnapshot({ ...broken(), users: [], groups: [], roles: [], managedPolicies: [], iamUnchanged: true }, { loadedAtMs: 2, previous: before });
    expect(next.problems).toEqual(before.problems);
    expect(next.principals.get(`arn:aws:iam::${A}:user/carol`)!.error).toBeDefined();
  });

  it('refuses without a previous snapshot of that account holding that IAM token', () => {
    expect(() => compileSnapshot(unchanged(), { loadedAtMs: 2 })).toThrow(IncompleteSnapshotDataError);
    expect(() => compileSnapshot({ ...unchanged(), iamToken: 'iam-2/aws-1' }, { loadedAtMs: 2, previous })).toThrow(IncompleteSnapshotDataError);
    expect(() => compileSnapshot({ ...unchanged(), accountId: '444455556666' }, { loadedAtMs: 2, previous })).toThrow(IncompleteSnapshotDataError);
    const untokened = compileSnapshot(data(), { loadedAtMs: 1 });
    expect(untokened.iamToken).toBeUndefined();
    expect(() => compileSnapshot({ ...unchanged(), iamToken: undefined }, { loadedAtMs: 2, previous: untokened })).toThrow(IncompleteSnapshotDataError);
  });
});
