import type { Caller, PrincipalCaller } from '../../auth/caller';
import { SnapshotCache } from '../../snapshot/snapshot-cache';
import { defaultKeyPolicy, emptyAccount, FakeDataSource, keyRow, policyDoc, userRow } from '../../snapshot/snapshot.fixture';
import type { DecisionLogEntry } from '../decision-log/decision-recorder.port';
import { AuthorizeUseCase } from './authorize.use-case';

const A = '111122223333';
const B = '444455556666';
const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';
const KEY_B = 'bbbbbbbb-12ab-34cd-56ef-1234567890ab';
const KEY_ARN = `arn:aws:kms:us-east-1:${A}:key/${KEY}`;
const KEY_B_ARN = `arn:aws:kms:us-east-1:${B}:key/${KEY_B}`;
const ALICE = `arn:aws:iam::${A}:user/eng/alice`;
const ROLE = `arn:aws:iam::${A}:role/svc/App`;
const operator: Caller = { kind: 'operator' };

function accounts() {
  const a = emptyAccount(A, 3n);
  const encrypt = `arn:aws:iam::${A}:policy/Encrypt`;
  a.managedPolicies = [
    { arn: encrypt, document: policyDoc('Allow', ['kms:Encrypt', 'kms:Decrypt', 'kms:ScheduleKeyDeletion'], '*') },
    { arn: `arn:aws:iam::${A}:policy/Simulate`, document: policyDoc('Allow', 'iam:SimulatePrincipalPolicy', `arn:aws:iam::${A}:*`) },
  ];
  a.users = [
    userRow(A, 'alice', { path: '/eng/', arn: ALICE, managedPolicyArns: [encrypt] }),
    userRow(A, 'bob', { managedPolicyArns: [] }),
    userRow(A, 'auditor', { managedPolicyArns: [`arn:aws:iam::${A}:policy/Simulate`] }),
  ];
  a.roles = [{ roleId: 'AROAAPP', name: 'App', path: '/svc/', arn: ROLE, tags: { Env: 'prod' }, inlinePolicies: [{ name: 'p', document: policyDoc('Allow', 'kms:Decrypt') }], managedPolicyArns: [], trustPolicy: '{}' }];
  const aliasOnly = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:RequestAlias': 'alias/app' } } }],
  });
  const sessionFacts = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow', Principal: '*', Action: 'kms:Sign', Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalArn': ROLE, 'aws:PrincipalType': 'AssumedRole', 'aws:PrincipalTag/Env': 'prod' }, StringLike: { 'aws:userid': 'AROAAPP:worker-*' } },
    }],
  });
  a.keys = [keyRow(A, 'ffffffff-12ab-34cd-56ef-1234567890ab', { policy: sessionFacts }), keyRow(A, KEY), keyRow(A, 'dddddddd-12ab-34cd-56ef-1234567890ab', { keyState: 'DISABLED' }), keyRow(A, 'eeeeeeee-12ab-34cd-56ef-1234567890ab', { policy: aliasOnly })];
  a.aliases = [{ aliasName: 'alias/app', targetKeyId: 'eeeeeeee-12ab-34cd-56ef-1234567890ab' }];
  const b = emptyAccount(B, 9n);
  const crossPolicy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      JSON.parse(defaultKeyPolicy(B)).Statement[0],
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: ['kms:Encrypt', 'kms:ScheduleKeyDeletion'], Resource: '*' },
    ],
  });
  b.keys = [keyRow(B, KEY_B, { policy: crossPolicy })];
  return [a, b];
}

function setup() {
  const source = new FakeDataSource(...accounts());
  const clock = { now: 1_800_000_000_000 };
  const cache = new SnapshotCache({ source, now: () => clock.now });
  const recorded: DecisionLogEntry[] = [];
  let n = 0;
  const useCase = new AuthorizeUseCase({ cache, region: 'us-east-1', now: () => clock.now, recorder: { record: (e) => recorded.push(e) }, newDecisionId: () => `d-${++n}` });
  return { source, clock, cache, recorded, useCase };
}

const user = (name: string, path = '/'): PrincipalCaller => ({
  kind: 'principal', accountId: A, arn: `arn:aws:iam::${A}:user${path}${name}`, principalType: 'user', accessKeyId: 'AKIAX', userId: `AIDA${name.toUpperCase()}`, userName: name,
});

describe('AuthorizeUseCase', () => {
  it('allows a user whose IAM policy is enabled by the default key policy, and denies one without', async () => {
    const { useCase } = setup();
    const allowed = await useCase.execute(operator, { principalArn: ALICE, action: 'kms:Encrypt', resource: KEY_ARN });
    expect(allowed).toMatchObject({ decision: 'ALLOWED', allowed: true, keyState: 'ENABLED', decisionId: 'd-1', revision: 3n });
    expect(allowed.matchedStatements.map((s) => s.sourcePolicyId)).toEqual(expect.arrayContaining([KEY_ARN, `arn:aws:iam::${A}:policy/Encrypt`]));
    const bob = await useCase.execute(operator, { principalArn: `arn:aws:iam::${A}:user/bob`, action: 'kms:Encrypt', resource: KEY_ARN });
    expect(bob).toMatchObject({ decision: 'IMPLICIT_DENY', allowed: false });
    expect((await useCase.execute(operator, { principalArn: `arn:aws:iam::${A}:root`, action: 'kms:Encrypt', resource: KEY_ARN })).allowed).toBe(true);
  });

  it('evaluates role sessions with the role policies and session facts', async () => {
    const { useCase } = setup();
    const session = `arn:aws:sts::${A}:assumed-role/App/worker-1`;
    expect((await useCase.execute(operator, { principalArn: session, action: 'kms:Decrypt', resource: KEY_ARN })).decision).toBe('ALLOWED');
    expect((await useCase.execute(operator, { principalArn: ROLE, action: 'kms:Decrypt', resource: KEY_ARN })).decision).toBe('ALLOWED');
    expect((await useCase.execute(operator, { principalArn: session, action: 'kms:Encrypt', resource: KEY_ARN })).decision).toBe('IMPLICIT_DENY');
    // Session facts: aws:PrincipalArn is the role ARN with path, aws:userid AROA...:session, role tags.
    const factsKey = `arn:aws:kms:us-east-1:${A}:key/ffffffff-12ab-34cd-56ef-1234567890ab`;
    expect((await useCase.execute(operator, { principalArn: session, action: 'kms:Sign', resource: factsKey })).decision).toBe('ALLOWED');
    expect((await useCase.execute(operator, { principalArn: `arn:aws:sts::${A}:assumed-role/App/other`, action: 'kms:Sign', resource: factsKey })).decision).toBe('IMPLICIT_DENY');
    // Wrong case of the role name, unknown role: unknown principal.
    for (const arn of [`arn:aws:sts::${A}:assumed-role/app/s1`, `arn:aws:sts::${A}:assumed-role/Nope/s1`]) {
      expect((await useCase.execute(operator, { principalArn: arn, action: 'kms:Decrypt', resource: KEY_ARN })).reason).toMatch(/no principal with this ARN exists/);
    }
  });

  it('denies, and does not record, a decision the strict decision log refuses (asked once per decision, with its entry count)', async () => {
    const source = new FakeDataSource(...accounts());
    const cache = new SnapshotCache({ source, now: () => 1_800_000_000_000 });
    const recorded: DecisionLogEntry[] = [];
    const asked: number[] = [];
    let refuse = false;
    const recorder = {
      record: (e: DecisionLogEntry) => void recorded.push(e),
      refusal: (count: number) => (asked.push(count), refuse ? 'The decision log cannot record this decision (its buffer is full).' : undefined),
    };
    const useCase = new AuthorizeUseCase({ cache, region: 'us-east-1', now: () => 1_800_000_000_000, recorder });
    const sameAccount = { principalArn: ALICE, action: 'kms:Encrypt', resource: KEY_ARN };
    const crossAccount = { principalArn: ALICE, action: 'kms:Encrypt', resource: KEY_B_ARN };
    expect(await useCase.execute(operator, sameAccount)).toMatchObject({ decision: 'ALLOWED', allowed: true });
    expect((await useCase.executeBatch(operator, [crossAccount])).map((o) => o.allowed)).toEqual([true]);
    expect(recorded).toHaveLength(3);
    refuse = true;
    // Both paths (the synchronous fresh one and the batch), ALLOWED and denied decisions alike.
    const refused = [
      await useCase.execute(operator, sameAccount),
      ...(await useCase.executeBatch(operator, [crossAccount, { ...sameAccount, principalArn: `arn:aws:iam::${A}:user/bob` }])),
    ];
    for (const outcome of refused) {
      expect(outcome).toMatchObject({ decision: 'IMPLICIT_DENY', allowed: false, matchedStatements: [], reason: 'The decision log cannot record this decision (its buffer is full).' });
      expect(outcome.decisionId).toEqual(expect.any(String));
    }
    expect(recorded).toHaveLength(3);
    // One entry per account the decision concerns (two across accounts).
    expect(asked).toEqual([1, 2, 1, 2, 1]);
  });

  it('denies when the recorder throws while asked whether it can record (fail closed, never an error)', async () => {
    const cache = new SnapshotCache({ source: new FakeDataSource(...accounts()), now: () => 1_800_000_000_000 });
    const recorded: DecisionLogEntry[] = [];
    const recorder = {
      record: (e: DecisionLogEntry) => void recorded.push(e),
      refusal: (): string | undefined => {
        throw new Error('broken recorder');
      },
    };
    const useCase = new AuthorizeUseCase({ cache, region: 'us-east-1', now: () => 1_800_000_000_000, recorder });
    const outcomes = await useCase.executeBatch(operator, [{ principalArn: ALICE, action: 'kms:Encrypt', resource: KEY_ARN }]);
    expect(outcomes).toEqual([expect.objectContaining({ decision: 'IMPLICIT_DENY', allowed: false, reason: expect.stringContaining('decision log') })]);
    expect(recorded).toEqual([]);
  });

  it('resolves an alias ARN to its key and sets kms:RequestAlias', async () => {
    const { useCase, recorded } = setup();
    const viaAlias = await useCase.execute(operator, { principalArn: ALICE, action: 'kms:Decrypt', resource: `arn:aws:kms:us-east-1:${A}:alias/app` });
    expect(viaAlias).toMatchObject({ decision: 'ALLOWED', keyState: 'ENABLED' });
    expect(recorded.at(-1)?.resolvedKeyArn).toBe(`arn:aws:kms:us-east-1:${A}:key/eeeeeeee-12ab-34cd-56ef-1234567890ab`);
    // The same key by ARN: no alias in the request, the conditional statement does not match.
    const byArn = await useCase.execute(operator, { principalArn: ALICE, action: 'kms:Decrypt', resource: `arn:aws:kms:us-east-1:${A}:key/eeeeeeee-12ab-34cd-56ef-1234567890ab` });
    expect(byArn.decision).toBe('IMPLICIT_DENY');
  });

  it('applies the cross-account rules between accounts of the deployment', async () => {
    const { useCase, recorded } = setup();
    const ok = await useCase.execute(operator, { principalArn: ALICE, action: 'kms:Encrypt', resource: KEY_B_ARN });
    expect(ok).toMatchObject({ decision: 'ALLOWED', allowed: true });
    // Filed under both accounts with their own revisions.
    expect(recorded.map((e) => [e.accountId, e.revision])).toEqual([[A, 3n], [B, 9n]]);
    // Never allowed across accounts, even if both sides allow it.
    expect((await useCase.execute(operator, { principalArn: ALICE, action: 'kms:ScheduleKeyDeletion', resource: KEY_B_ARN })).decision).toBe('IMPLICIT_DENY');
    // The key policy trusts account A, but bob has no IAM allow.
    expect((await useCase.execute(operator, { principalArn: `arn:aws:iam::${A}:user/bob`, action: 'kms:Encrypt', resource: KEY_B_ARN })).decision).toBe('IMPLICIT_DENY');
  });

  it('denies unknown principals, keys, aliases and accounts with a clear reason, never an error', async () => {
    const { useCase } = setup();
    const cases: Array<[string, string, RegExp]> = [
      [`arn:aws:iam::${A}:user/ghost`, KEY_ARN, /no principal with this ARN exists/],
      [`arn:aws:iam::999999999999:user/ghost`, KEY_ARN, /no principal with this ARN exists/],
      ['not-an-arn', KEY_ARN, /no principal with this ARN exists/],
      [ALICE, `arn:aws:kms:us-east-1:${A}:key/99999999-12ab-34cd-56ef-1234567890ab`, /no key with this ARN exists/],
      [ALICE, `arn:aws:kms:us-east-1:999999999999:key/${KEY}`, /no key with this ARN exists/],
      [ALICE, `arn:aws:kms:eu-west-1:${A}:key/${KEY}`, /no key with this ARN exists/],
      [ALICE, `arn:aws:kms:us-east-1:${A}:alias/none`, /no alias with this ARN exists/],
    ];
    for (const [principalArn, resource, reason] of cases) {
      const r = await useCase.execute(operator, { principalArn, action: 'kms:Encrypt', resource });
      expect(r).toMatchObject({ decision: 'IMPLICIT_DENY', allowed: false, matchedStatements: [] });
      expect(r.reason).toMatch(reason);
    }
    expect((await useCase.execute(operator, { principalArn: ALICE, action: 'not an action', resource: KEY_ARN })).reason).toMatch(/^Invalid request/);
  });

  it('reports a disabled key: decision ALLOWED, allowed false, keyState DISABLED', async () => {
    const { useCase } = setup();
    const arn = `arn:aws:kms:us-east-1:${A}:key/dddddddd-12ab-34cd-56ef-1234567890ab`;
    const r = await useCase.execute(operator, { principalArn: ALICE, action: 'kms:Encrypt', resource: arn });
    expect(r).toMatchObject({ decision: 'ALLOWED', allowed: false, keyState: 'DISABLED' });
    expect(r.reason).toMatch(/is disabled/);
    expect((await useCase.execute(operator, { principalArn: `arn:aws:iam::${A}:root`, action: 'kms:DescribeKey', resource: arn })).allowed).toBe(true);
  });

  it('treats a key past its deletion date as unknown', async () => {
    const { source, useCase } = setup();
    source.update(A, (d) => ({ keys: d.keys.map((k) => (k.keyId === KEY ? { ...k, keyState: 'PENDING_DELETION' as const, deletionDateMs: 1_800_000_000_000 } : k)) }));
    const r = await useCase.execute(operator, { principalArn: ALICE, action: 'kms:Encrypt', resource: KEY_ARN });
    expect(r.reason).toMatch(/no key with this ARN exists/);
  });

  it('fails closed when evaluation throws', async () => {
    const { cache } = setup();
    const useCase = new AuthorizeUseCase({ cache, region: 'us-east-1', now: () => 0, recorder: { record: () => undefined }, decide: () => { throw new Error('boom'); } });
    const r = await useCase.execute(operator, { principalArn: ALICE, action: 'kms:Encrypt', resource: KEY_ARN });
    expect(r).toMatchObject({ decision: 'IMPLICIT_DENY', allowed: false });
    expect(r.reason).toMatch(/^Evaluation error/);
  });

  it("holds a decision to atLeastKeyRevision on the key's account, across accounts and in the principal's own", async () => {
    const { useCase, source, cache } = setup();
    const crossAccount = { principalArn: ALICE, action: 'kms:Encrypt', resource: KEY_B_ARN };
    expect(await useCase.execute(operator, crossAccount)).toMatchObject({ allowed: true });
    // Account B is at 9: a write there (revision 10) denies account A's principal.
    const written = source.update(B, (b) => ({ keys: b.keys.map((k) => ({ ...k, keyState: 'DISABLED' as const })) }));
    expect(written).toBe(10n);
    // Without the floor the cached snapshot of B answers; with it, the decision waits for B's revision 10.
    expect(useCase.executeIfFresh(operator, crossAccount)).toMatchObject({ allowed: true });
    expect(useCase.executeIfFresh(operator, { ...crossAccount, atLeastKeyRevision: 10n })).toBeUndefined();
    // atLeastRevision names the principal's account (A, at 3): it does not hold B back.
    expect(useCase.executeIfFresh(operator, { ...crossAccount, atLeastRevision: 3n })).toMatchObject({ allowed: true });
    cache.observeRevision(B, written);
    const after = await useCase.execute(operator, { ...crossAccount, atLeastKeyRevision: 10n });
    expect(after).toMatchObject({ decision: 'ALLOWED', allowed: false, keyState: 'DISABLED' });
    // A floor the key's account never reaches is a stale deny naming that account.
    const future = await useCase.execute(operator, { ...crossAccount, atLeastKeyRevision: 50n });
    expect(future).toMatchObject({ decision: 'IMPLICIT_DENY', allowed: false });
    expect(future.reason).toMatch(new RegExp(`account ${B} is stale: revision 50 was requested`));
    // The key in the principal's own account: the larger of the two floors applies to it.
    const own = { principalArn: ALICE, action: 'kms:Encrypt', resource: KEY_ARN };
    expect(useCase.executeIfFresh(operator, { ...own, atLeastRevision: 3n, atLeastKeyRevision: 4n })).toBeUndefined();
    expect(useCase.executeIfFresh(operator, { ...own, atLeastRevision: 4n, atLeastKeyRevision: 3n })).toBeUndefined();
    expect(useCase.executeIfFresh(operator, { ...own, atLeastRevision: 3n, atLeastKeyRevision: 3n })).toMatchObject({ allowed: true });
    // No key in the resource: ignored.
    expect(useCase.executeIfFresh(operator, { principalArn: ALICE, action: 'kms:ListKeys', resource: '*', atLeastKeyRevision: 50n })).toBeDefined();
    // One batch, several floors on one account: the highest holds every request of it, in either order.
    for (const floors of [[50n, 1n], [1n, 50n]]) {
      const batch = await useCase.executeBatch(operator, floors.map((f) => ({ ...crossAccount, atLeastKeyRevision: f })));
      expect(batch.map((o) => o.reason)).toEqual(floors.map(() => expect.stringMatching(/is stale: revision 50 was requested/)));
    }
  });

  it('refuses atLeastKeyRevision on a key of another account to a principal caller (it would reveal that account), on both paths', async () => {
    const { useCase } = setup();
    // The auditor holds iam:SimulatePrincipalPolicy on the account's principals.
    const auditor = user('auditor');
    const crossAccount = { principalArn: ALICE, action: 'kms:Encrypt', resource: KEY_B_ARN, atLeastKeyRevision: 1n };
    expect(() => useCase.executeIfFresh(auditor, crossAccount)).toThrow(expect.objectContaining({ code: 'ACCESS_DENIED' }));
    await expect(useCase.executeBatch(auditor, [crossAccount])).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    await expect(useCase.executeBatch(auditor, [{ ...crossAccount, resource: `arn:aws:kms:us-east-1:${B}:alias/x` }])).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    // Its own account's keys, and the operator, may.
    await expect(useCase.execute(auditor, { principalArn: ALICE, action: 'kms:Encrypt', resource: KEY_ARN, atLeastKeyRevision: 1n })).resolves.toMatchObject({ decisionId: expect.any(String) });
    await expect(useCase.execute(operator, crossAccount)).resolves.toMatchObject({ decisionId: expect.any(String) });
  });

  it('fails closed on stale data and on an unreachable atLeastRevision', async () => {
    const { useCase, source, clock, cache } = setup();
    await useCase.execute(operator, { principalArn: ALICE, action: 'kms:Encrypt', resource: KEY_ARN });
    const future = await useCase.execute(operator, { principalArn: ALICE, action: 'kms:Encrypt', resource: KEY_ARN, atLeastRevision: 50n });
    expect(future).toMatchObject({ decision: 'IMPLICIT_DENY', allowed: false });
    expect(future.reason).toMatch(/is stale: revision 50 was requested/);
    source.failing = true;
    clock.now += 31_000;
    await cache.poll();
    const stale = await useCase.execute(operator, { principalArn: ALICE, action: 'kms:Encrypt', resource: KEY_ARN });
    expect(stale).toMatchObject({ decision: 'IMPLICIT_DENY', allowed: false });
    expect(stale.reason).toMatch(/^Authorization data for account 111122223333 is stale/);
  });

  it('serves warm decisions without touching the data source', async () => {
    const { useCase, source } = setup();
    await useCase.execute(operator, { principalArn: ALICE, action: 'kms:Encrypt', resource: KEY_B_ARN });
    const calls = source.loads + source.revisionCalls;
    for (let i = 0; i < 50; i++) await useCase.execute(operator, { principalArn: ALICE, action: 'kms:Encrypt', resource: KEY_B_ARN });
    expect(source.loads + source.revisionCalls).toBe(calls);
  });

  it('lets a principal evaluate principals of its own account only, with iam:SimulatePrincipalPolicy', async () => {
    const { useCase } = setup();
    const root: PrincipalCaller = { kind: 'principal', accountId: A, arn: `arn:aws:iam::${A}:root`, principalType: 'root', accessKeyId: 'AKIA0' };
    expect((await useCase.execute(root, { principalArn: ALICE, action: 'kms:Encrypt', resource: KEY_ARN })).allowed).toBe(true);
    expect((await useCase.execute(user('auditor'), { principalArn: ALICE, action: 'kms:Encrypt', resource: KEY_ARN })).allowed).toBe(true);
    await expect(useCase.execute(user('bob'), { principalArn: ALICE, action: 'kms:Encrypt', resource: KEY_ARN })).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    await expect(useCase.execute(root, { principalArn: `arn:aws:iam::${B}:root`, action: 'kms:Encrypt', resource: KEY_B_ARN })).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    // The resource may be in another account (cross-account evaluation), the principal may not.
    expect((await useCase.execute(root, { principalArn: ALICE, action: 'kms:Encrypt', resource: KEY_B_ARN })).allowed).toBe(true);
  });

  it('evaluates a batch on one set of snapshots and caps it at 100', async () => {
    const { useCase, source, recorded } = setup();
    const requests = Array.from({ length: 100 }, (_, i) => ({ principalArn: i % 2 ? ALICE : `arn:aws:iam::${A}:user/bob`, action: 'kms:Encrypt', resource: i % 3 ? KEY_ARN : KEY_B_ARN }));
    const results = await useCase.executeBatch(operator, requests);
    expect(results).toHaveLength(100);
    expect(results.filter((r) => r.allowed)).toHaveLength(50);
    expect(new Set(results.map((r) => r.decisionId)).size).toBe(100);
    expect(source.loads).toBe(2);
    expect(recorded.length).toBeGreaterThanOrEqual(100);
    await expect(useCase.executeBatch(operator, [...requests, requests[0]])).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(await useCase.executeBatch(operator, [])).toEqual([]);
  });

  it('never records grant tokens', async () => {
    const { useCase, recorded } = setup();
    await useCase.execute(operator, { principalArn: ALICE, action: 'kms:Encrypt', resource: KEY_ARN, grantTokens: ['secret-token'], context: [{ key: 'kms:EncryptionContext:a', values: ['b'] }] });
    expect(JSON.stringify(recorded, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain('secret-token');
  });

  it('decides synchronously only when every snapshot it needs is fresh (else executeBatch decides)', async () => {
    const { useCase, clock, recorded } = setup();
    const encrypt = { principalArn: ALICE, action: 'kms:Encrypt', resource: KEY_ARN };
    const cross = { principalArn: ALICE, action: 'kms:Encrypt', resource: KEY_B_ARN };
    expect(useCase.executeIfFresh(operator, encrypt)).toBeUndefined();
    expect(recorded).toHaveLength(0);
    await useCase.execute(operator, encrypt);
    expect(useCase.executeIfFresh(operator, encrypt)).toMatchObject({ decision: 'ALLOWED', allowed: true, revision: 3n });
    // The key's account is not loaded yet, and a revision above the snapshot's is never served from memory.
    expect(useCase.executeIfFresh(operator, cross)).toBeUndefined();
    expect(useCase.executeIfFresh(operator, { ...encrypt, atLeastRevision: 4n })).toBeUndefined();
    expect(useCase.executeIfFresh(operator, { ...encrypt, atLeastRevision: 3n })).toMatchObject({ allowed: true });
    expect(await useCase.execute(operator, cross)).toMatchObject({ decision: 'ALLOWED', allowed: true });
    expect(useCase.executeIfFresh(operator, cross)).toMatchObject({ decision: 'ALLOWED', allowed: true });
    expect(recorded.filter((e) => e.accountId === B)).toHaveLength(2);
    // Past the staleness bound nothing is fresh.
    clock.now += 31_000;
    expect(useCase.executeIfFresh(operator, encrypt)).toBeUndefined();
  });

  it('applies the caller checks on the synchronous path too', async () => {
    const { useCase } = setup();
    await useCase.execute(operator, { principalArn: ALICE, action: 'kms:Encrypt', resource: KEY_ARN });
    const other = { principalArn: `arn:aws:iam::${B}:root`, action: 'kms:Encrypt', resource: KEY_ARN };
    expect(() => useCase.executeIfFresh(user('bob'), other)).toThrow(/not authorized to perform: iam:SimulatePrincipalPolicy/);
    expect(() => useCase.executeIfFresh(user('bob'), { ...other, principalArn: ALICE })).toThrow(/not authorized to perform: iam:SimulatePrincipalPolicy/);
    expect(useCase.executeIfFresh(user('auditor'), { ...other, principalArn: ALICE })).toMatchObject({ allowed: true });
  });
});
