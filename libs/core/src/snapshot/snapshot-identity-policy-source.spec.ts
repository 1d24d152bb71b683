import { SelfAuthorizer } from '../authz/self-authorizer';
import type { PrincipalCaller } from '../auth/caller';
import { CurrentSnapshots } from './current-snapshots';
import { SnapshotCache } from './snapshot-cache';
import { SnapshotIdentityPolicySource } from './snapshot-identity-policy-source';
import { emptyAccount, FakeDataSource, policyDoc, userRow } from './snapshot.fixture';

const A = '111122223333';
const USER_ARN = `arn:aws:iam::${A}:user/eng/alice`;
const alice: PrincipalCaller = { kind: 'principal', accountId: A, arn: USER_ARN, principalType: 'user', accessKeyId: 'AKIA1', userId: 'AIDAALICE', userName: 'alice' };
const root: PrincipalCaller = { kind: 'principal', accountId: A, arn: `arn:aws:iam::${A}:root`, principalType: 'root', accessKeyId: 'AKIA0' };
const POLICY_ARN = `arn:aws:iam::${A}:policy/ListUsers`;

function setup() {
  const data = emptyAccount(A, 3n);
  data.managedPolicies = [{ arn: POLICY_ARN, document: policyDoc('Allow', 'iam:ListUsers') }];
  data.users = [userRow(A, 'alice', { path: '/eng/', arn: USER_ARN, managedPolicyArns: [POLICY_ARN] })];
  const source = new FakeDataSource(data);
  const cache = new SnapshotCache({ source, now: () => 1_000_000 });
  const identity = new SnapshotIdentityPolicySource(new CurrentSnapshots(cache, source));
  const authz = new SelfAuthorizer({ policies: identity, region: 'us-east-1', now: () => 1_000_000 });
  return { source, cache, identity, authz };
}

describe('SnapshotIdentityPolicySource', () => {
  it('gives a user its attached policies: iam:ListUsers allowed, iam:CreateUser denied', async () => {
    const { authz } = setup();
    expect((await authz.authorize(alice, 'iam:ListUsers', `arn:aws:iam::${A}:user/`)).decision).toBe('ALLOWED');
    const denied = await authz.authorize(alice, 'iam:CreateUser', `arn:aws:iam::${A}:user/bob`);
    expect(denied.decision).toBe('IMPLICIT_DENY');
    await expect(authz.require(alice, 'iam:CreateUser', `arn:aws:iam::${A}:user/bob`)).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
  });

  it('returns the facts of the snapshot (path, user id, tags) and the boundary', async () => {
    const { source, identity } = setup();
    source.update(A, (d) => ({
      managedPolicies: [...d.managedPolicies, { arn: `arn:aws:iam::${A}:policy/B`, document: policyDoc('Allow', 'iam:*') }],
      users: [{ ...d.users[0], tags: { Team: 'red' }, boundaryArn: `arn:aws:iam::${A}:policy/B` }],
    }));
    const policies = await identity.forCaller(alice);
    expect(policies.principal).toMatchObject({ arn: USER_ARN, type: 'User', userId: 'AIDAALICE', userName: 'alice', tags: { Team: 'red' } });
    expect(policies.identityPolicies.map((p) => p.policyId)).toEqual([POLICY_ARN]);
    expect(policies.permissionsBoundary?.policyId).toBe(`arn:aws:iam::${A}:policy/B`);
    expect(policies.permissionsBoundary?.sourceType).toBe('PERMISSIONS_BOUNDARY');
  });

  it('reads its own writes: a detached policy stops allowing at the next call', async () => {
    const { source, authz } = setup();
    expect((await authz.authorize(alice, 'iam:ListUsers', '*')).decision).toBe('ALLOWED');
    source.update(A, (d) => ({ users: [{ ...d.users[0], managedPolicyArns: [] }] }));
    expect((await authz.authorize(alice, 'iam:ListUsers', '*')).decision).toBe('IMPLICIT_DENY');
  });

  it('needs no database for the account root', async () => {
    const { source, identity } = setup();
    const policies = await identity.forCaller(root);
    expect(policies).toEqual({ principal: expect.objectContaining({ type: 'Account', arn: root.arn }), identityPolicies: [] });
    expect(source.loads + source.revisionCalls).toBe(0);
  });

  it('denies everything to a principal deleted after authentication', async () => {
    const { source, authz } = setup();
    source.update(A, () => ({ users: [] }));
    expect((await authz.authorize(alice, 'iam:ListUsers', '*')).decision).toBe('IMPLICIT_DENY');
  });

  it('fails with INTERNAL when the database cannot be read', async () => {
    const { source, identity } = setup();
    source.failing = true;
    await expect(identity.forCaller(alice)).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('fails with INTERNAL rather than skipping a policy it cannot compile', async () => {
    const { source, identity } = setup();
    source.update(A, () => ({ managedPolicies: [{ arn: POLICY_ARN, document: '{not json' }] }));
    await expect(identity.forCaller(alice)).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
