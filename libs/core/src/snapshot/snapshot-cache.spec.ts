import { SnapshotCache, type SnapshotCacheOptions } from './snapshot-cache';
import type { AuthorizationDataSource, LoadOptions } from './authorization-data.port';
import { emptyAccount, FakeDataSource, keyRow, policyDoc, userRow } from './snapshot.fixture';

const A = '111122223333';
const B = '444455556666';

function setup(over: Partial<SnapshotCacheOptions> = {}) {
  const clock = { now: 1_000_000 };
  const source = new FakeDataSource(emptyAccount(A, 5n), emptyAccount(B, 1n));
  const errors: unknown[] = [];
  const cache = new SnapshotCache({ source, now: () => clock.now, stalenessMs: 30_000, refreshWaitMs: 50, onError: (e) => errors.push(e), ...over });
  return { clock, source, cache, errors };
}

const revisionOf = (lookup: Awaited<ReturnType<SnapshotCache['get']>>) => (lookup.status === 'ok' ? lookup.snapshot.revision : undefined);

describe('SnapshotCache', () => {
  it('loads an account once and then serves it from memory', async () => {
    const { source, cache } = setup();
    expect(cache.peek(A)).toBeUndefined();
    expect(revisionOf(await cache.get(A))).toBe(5n);
    expect(revisionOf(await cache.get(A))).toBe(5n);
    expect(cache.peek(A)?.status).toBe('ok');
    expect(source.loads).toBe(1);
  });

  it('loads each account with a single flight under concurrency', async () => {
    const { source, cache } = setup();
    let open!: () => void;
    source.gate = new Promise((resolve) => (open = resolve));
    const pending = Array.from({ length: 20 }, () => cache.get(A));
    open();
    const results = await Promise.all(pending);
    expect(results.every((r) => r.status === 'ok')).toBe(true);
    expect(source.loads).toBe(1);
  });

  it('answers missing for an account that does not exist (and caches that)', async () => {
    const { source, cache } = setup();
    expect(await cache.get('999999999999')).toEqual({ status: 'missing', accountId: '999999999999' });
    expect(await cache.get('999999999999')).toEqual({ status: 'missing', accountId: '999999999999' });
    expect(source.loads).toBe(1);
  });

  it('reloads on a NOTIFY announcing a newer revision and ignores older ones', async () => {
    const { source, cache } = setup();
    await cache.get(A);
    cache.observeRevision(A, 5n);
    cache.observeRevision(A, 3n);
    expect(source.loads).toBe(1);
    const revision = source.update(A, (d) => ({ users: [userRow(A, 'alice')] }));
    cache.observeRevision(A, revision);
    // The request arriving right after the NOTIFY never sees the old snapshot.
    expect(cache.peek(A)).toBeUndefined();
    const lookup = await cache.get(A);
    expect(revisionOf(lookup)).toBe(6n);
    expect(lookup.status === 'ok' && lookup.snapshot.principals.has(`arn:aws:iam::${A}:user/alice`)).toBe(true);
    expect(source.loads).toBe(2);
  });

  it('reloads again when a NOTIFY arrives during a load', async () => {
    const { source, cache } = setup();
    let open!: () => void;
    source.gate = new Promise((resolve) => (open = resolve));
    const first = cache.get(A);
    await Promise.resolve();
    source.gate = undefined;
    // The in-flight load already captured revision 5; revision 6 commits and is announced.
    cache.observeRevision(A, source.update(A, () => ({})));
    open();
    await first;
    expect(revisionOf(await cache.get(A))).toBe(6n);
  });

  it('ignores NOTIFYs for accounts it does not hold', () => {
    const { source, cache } = setup();
    cache.observeRevision(A, 9n);
    expect(source.loads).toBe(0);
    expect(cache.size).toBe(0);
  });

  it('waits for atLeastRevision, and denies with a stale reason when it cannot be reached', async () => {
    const { source, cache } = setup();
    await cache.get(A);
    source.update(A, () => ({}));
    expect(revisionOf(await cache.get(A, { atLeastRevision: 6n }))).toBe(6n);
    const future = await cache.get(A, { atLeastRevision: 99n });
    expect(future).toEqual({ status: 'unavailable', accountId: A, reason: expect.stringMatching(/^Authorization data for account 111122223333 is stale: revision 99 was requested/) });
  });

  it('keeps a snapshot fresh through the revision poll', async () => {
    const { clock, source, cache } = setup();
    await cache.get(A);
    clock.now += 25_000;
    await cache.poll();
    clock.now += 25_000;
    expect(cache.peek(A)?.status).toBe('ok');
    expect(source.loads).toBe(1);
  });

  it('picks up a change missed by NOTIFY on the next poll', async () => {
    const { source, cache } = setup();
    await cache.get(A);
    source.update(A, () => ({}));
    await cache.poll();
    await Promise.resolve();
    expect(revisionOf(await cache.get(A))).toBe(6n);
    expect(source.loads).toBe(2);
  });

  it('fails closed once the database is unreachable for longer than the staleness bound', async () => {
    const { clock, source, cache, errors } = setup();
    await cache.get(A);
    source.failing = true;
    clock.now += 20_000;
    await cache.poll();
    expect(revisionOf(await cache.get(A))).toBe(5n);
    clock.now += 10_001;
    await cache.poll();
    const lookup = await cache.get(A);
    expect(lookup).toEqual({ status: 'unavailable', accountId: A, reason: 'Authorization data for account 111122223333 is stale (last synchronized 30 s ago, bound 30 s).' });
    expect(errors.length).toBeGreaterThan(0);
    source.failing = false;
    clock.now += 300;
    expect(revisionOf(await cache.get(A))).toBe(5n);
  });

  it('does not hammer an unreachable database: one load attempt per account per retry interval', async () => {
    const { clock, source, cache } = setup();
    source.failing = true;
    for (let i = 0; i < 10; i++) expect((await cache.get(A)).status).toBe('unavailable');
    expect(source.loads).toBe(1);
    clock.now += 250;
    await cache.get(A);
    expect(source.loads).toBe(2);
  });

  it('serves the previous snapshot within the bound when a newer revision cannot be loaded', async () => {
    const { source, cache } = setup();
    await cache.get(A);
    source.failing = true;
    cache.observeRevision(A, 6n);
    expect(revisionOf(await cache.get(A))).toBe(5n);
  });

  it('says unavailable when the first load fails', async () => {
    const { source, cache } = setup();
    source.failing = true;
    expect(await cache.get(A)).toEqual({ status: 'unavailable', accountId: A, reason: 'Authorization data for account 111122223333 is unavailable (the database could not be read).' });
  });

  it('reuses compiled policies whose text did not change', async () => {
    const { source, cache } = setup();
    const arn = `arn:aws:iam::${A}:policy/P`;
    source.update(A, () => ({ managedPolicies: [{ arn, document: policyDoc('Allow', 'kms:*') }], users: [userRow(A, 'alice', { managedPolicyArns: [arn] })] }));
    const first = await cache.get(A);
    source.update(A, (d) => ({ users: [...d.users, userRow(A, 'bob', { managedPolicyArns: [arn] })] }));
    const second = await cache.get(A, { atLeastRevision: 7n });
    const policyOf = (l: typeof first, name: string) => (l.status === 'ok' ? l.snapshot.principals.get(`arn:aws:iam::${A}:user/${name}`)?.identityPolicies[0] : undefined);
    expect(policyOf(second, 'alice')).toBe(policyOf(first, 'alice'));
    expect(policyOf(second, 'bob')).toBe(policyOf(first, 'alice'));
  });

  it('evicts the least recently used accounts beyond its bound', async () => {
    const { clock, source, cache } = setup({ maxAccounts: 2 });
    source.accounts.set('777777777777', emptyAccount('777777777777'));
    await cache.get(A);
    clock.now += 1;
    await cache.get(B);
    clock.now += 1;
    await cache.get(A);
    clock.now += 1;
    await cache.get('777777777777');
    expect(cache.size).toBeLessThanOrEqual(2);
    expect(cache.peek(B)).toBeUndefined();
    expect(cache.peek(A)?.status).toBe('ok');
  });

  describe('memory budget', () => {
    const C = '777777777777';
    const bytesOf = (lookup: Awaited<ReturnType<SnapshotCache['get']>>) => (lookup.status === 'ok' ? lookup.snapshot.estimatedBytes : 0);

    /** The sum of the estimates of the snapshots the cache holds (read from its entries, fresh or not). */
    const heldBytes = (cache: SnapshotCache) =>
      [...(cache as unknown as { entries: Map<string, { snapshot?: { estimatedBytes: number } }> }).entries.values()].reduce((n, e) => n + (e.snapshot?.estimatedBytes ?? 0), 0);

    /** Loads the accounts one after the other, each used one clock tick after the previous one. */
    async function loadInOrder(ctx: { clock: { now: number }; cache: SnapshotCache }, ...ids: string[]) {
      for (const id of ids) {
        await ctx.cache.get(id);
        ctx.clock.now += 1;
      }
    }

    /** A cache whose budget holds the empty snapshots of A and B but not a third one. */
    async function twoFit() {
      const probe = setup();
      const each = bytesOf(await probe.cache.get(A));
      expect(each).toBeGreaterThan(0);
      const ctx = setup({ maxBytes: 2 * each + each / 2 });
      ctx.source.accounts.set(C, emptyAccount(C));
      return { ...ctx, each };
    }

    it('keeps the byte total of what it holds, through reloads, missing accounts and evictions', async () => {
      const { source, cache } = setup({ maxAccounts: 2 });
      const a = bytesOf(await cache.get(A));
      const b = bytesOf(await cache.get(B));
      expect(cache.estimatedBytes).toBe(a + b);
      // A reload replaces the old snapshot's bytes with the new one's (more policy text: more bytes).
      const revision = source.update(A, () => ({ users: [userRow(A, 'alice')] }));
      const a2 = bytesOf(await cache.get(A, { atLeastRevision: revision }));
      expect(a2).toBeGreaterThan(a);
      expect(cache.estimatedBytes).toBe(a2 + b);
      // An account that no longer exists holds nothing.
      source.accounts.delete(B);
      cache.observeRevision(B, 99n);
      expect(await cache.get(B)).toEqual({ status: 'missing', accountId: B });
      expect(cache.estimatedBytes).toBe(a2);
      // The count bound evicts too, and gives the bytes back.
      source.accounts.set(C, emptyAccount(C));
      await cache.get(C);
      expect(cache.size).toBeLessThanOrEqual(2);
      expect(cache.estimatedBytes).toBe(heldBytes(cache));
    });

    it('drops the least recently used snapshots when a load goes over the budget', async () => {
      const ctx = await twoFit();
      const { clock, cache, errors, each } = ctx;
      await loadInOrder(ctx, A, B);
      cache.peek(A); // A is now used more recently than B.
      clock.now += 1;
      expect((await cache.get(C)).status).toBe('ok');
      expect(cache.peek(B)).toBeUndefined();
      expect(cache.peek(A)?.status).toBe('ok');
      expect(cache.peek(C)?.status).toBe('ok');
      expect(cache.estimatedBytes).toBe(2 * each);
      expect(errors).toEqual([]);
    });

    it('loads a dropped account again on its next request', async () => {
      const ctx = await twoFit();
      const { source, cache } = ctx;
      await loadInOrder(ctx, A, B, C);
      const loads = source.loads;
      expect(cache.peek(A)).toBeUndefined();
      expect((await cache.get(A)).status).toBe('ok');
      expect(source.loads).toBe(loads + 1);
    });

    it('never drops a snapshot that is being reloaded, even the least recently used', async () => {
      const ctx = await twoFit();
      const { source, cache, each } = ctx;
      await loadInOrder(ctx, B, A);
      // B (least recently used) starts a reload that stays open...
      let open!: () => void;
      source.gate = new Promise((resolve) => (open = resolve));
      const revision = source.update(B, () => ({}));
      const reload = cache.get(B, { atLeastRevision: revision });
      source.gate = undefined;
      // ...while C's load goes over the budget: A goes, B stays.
      await cache.get(C);
      expect(cache.peek(A)).toBeUndefined();
      open();
      expect(revisionOf(await reload)).toBe(revision);
      expect(cache.peek(C)?.status).toBe('ok');
      expect(cache.estimatedBytes).toBe(2 * each);
    });

    it('keeps its byte total equal to what it holds under concurrent loads, changes and evictions', async () => {
      const ids = ['100000000001', '100000000002', '100000000003', '100000000004', '100000000005'];
      const probe = setup();
      probe.source.accounts.set(ids[0], emptyAccount(ids[0]));
      const each = bytesOf(await probe.cache.get(ids[0]));
      let seed = 7;
      const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
      let evictions = 0;
      // Once bounded by the account count, once by memory (about two empty accounts' worth).
      for (const bound of [{ maxAccounts: 4 }, { maxBytes: 2 * each + each / 2 }]) {
        const { clock, source, cache } = setup(bound);
        for (const id of ids) source.accounts.set(id, emptyAccount(id));
        for (let round = 0; round < 60; round++) {
          const changed = ids[next(ids.length)];
          if (next(2) === 0) cache.observeRevision(changed, source.update(changed, (d) => ({ users: [...d.users, userRow(changed, `u${round}`)] })));
          clock.now += next(3);
          const before = cache.size;
          await Promise.all(Array.from({ length: 3 }, () => cache.get(ids[next(ids.length)])));
          if (cache.size < before) evictions++;
          expect(cache.estimatedBytes).toBe(heldBytes(cache));
        }
      }
      expect(evictions).toBeGreaterThan(0);
    });

    it('counts nothing for an entry dropped while its request waits for a newer revision, and serves that request', async () => {
      // C's first load is older than the revision its request asks for, so the request loads again;
      // meanwhile E's load (finishing after 0-9 extra microtask turns) goes over the budget.
      const [A1, B1, C1, E1] = ['100000000001', '100000000002', '100000000003', '100000000004'];
      for (let turns = 0; turns < 10; turns++) {
        const loads = new Map<string, number>();
        const source: AuthorizationDataSource = {
          async load(id) {
            const n = (loads.get(id) ?? 0) + 1;
            loads.set(id, n);
            if (id === E1) for (let i = 0; i < turns; i++) await Promise.resolve();
            const d = emptyAccount(id, BigInt(n));
            // Each load of C finds more users (a snapshot of another size).
            if (id === C1) d.users = Array.from({ length: 2 * (n - 1) }, (_, i) => userRow(id, `user-${i}`));
            return d;
          },
          revisions: async () => new Map(),
        };
        const clock = { now: 1000 };
        const each = bytesOf(await new SnapshotCache({ source, now: () => clock.now }).get(A1));
        loads.clear();
        const cache = new SnapshotCache({ source, now: () => clock.now, maxBytes: 2 * each + each / 2 });
        await loadInOrder({ clock, cache }, A1, B1);
        const [c] = await Promise.all([cache.get(C1, { atLeastRevision: 2n }), cache.get(E1)]);
        expect(revisionOf(c)! >= 2n).toBe(true);
        expect(cache.estimatedBytes).toBe(heldBytes(cache));
      }
    });

    it('keeps a snapshot larger than the whole budget, drops the others, and reports it', async () => {
      const { source, cache, errors } = setup({ maxBytes: 1 });
      await cache.get(B);
      source.update(A, () => ({ users: [userRow(A, 'alice')] }));
      const lookup = await cache.get(A);
      expect(lookup.status).toBe('ok');
      expect(cache.peek(B)).toBeUndefined();
      expect(cache.estimatedBytes).toBe(bytesOf(lookup));
      expect(String(errors.at(-1))).toMatch(/over the snapshot memory budget of 1 MB/);
    });
  });
});

describe('SnapshotCache reloads of changed keys only', () => {
  const K1 = '11111111-12ab-34cd-56ef-1234567890ab';
  const K2 = '22222222-12ab-34cd-56ef-1234567890ab';

  /** A source that honours keysChangedSince, optionally naming a key the previous snapshot never had. */
  function keyedSource(opts: { unknownKey?: boolean } = {}) {
    const calls: Array<bigint | undefined> = [];
    let revision = 1n;
    const rows = () => ({ ...emptyAccount(A, revision), keys: [keyRow(A, K1, { changeToken: 'k1' }), keyRow(A, K2, { description: `at ${revision}`, changeToken: `k2-${revision}` })] });
    const source: AuthorizationDataSource = {
      async load(_id, options = {}) {
        calls.push(options.keysChangedSince);
        const all = rows();
        if (options.keysChangedSince === undefined) return all;
        // K2 changes with every revision; K1 never does.
        const keyTokens = all.keys.map((k) => ({ keyId: k.keyId, token: k.changeToken! }));
        if (opts.unknownKey) keyTokens.push({ keyId: '99999999-12ab-34cd-56ef-1234567890ab', token: 'x' });
        return { ...all, keys: [all.keys[1]], keysChangedSince: options.keysChangedSince, keyTokens };
      },
      revisions: async () => new Map([[A, revision]]),
    };
    return { source, calls, bump: () => (revision += 1n) };
  }

  it('asks for the keys changed since the snapshot it refreshes and keeps the others', async () => {
    const { source, calls, bump } = keyedSource();
    const cache = new SnapshotCache({ source });
    const first = await cache.get(A);
    cache.observeRevision(A, bump());
    const second = await cache.get(A, { atLeastRevision: 2n });
    expect(calls).toEqual([undefined, 1n]);
    const keysOf = (l: typeof first) => (l.status === 'ok' ? l.snapshot.keys : new Map());
    expect(keysOf(second).get(K1)).toBe(keysOf(first).get(K1));
    expect(keysOf(second).get(K2).description).toBe('at 2');
  });

  it("passes the IAM token of the snapshot it refreshes and keeps its principals while the source says they are unchanged", async () => {
    const options: LoadOptions[] = [];
    let revision = 1n;
    const source: AuthorizationDataSource = {
      async load(_id, o = {}) {
        options.push(o);
        const all = { ...emptyAccount(A, revision), iamToken: 'iam-a' };
        return o.iamToken === 'iam-a' ? { ...all, iamUnchanged: true as const } : { ...all, users: [userRow(A, 'alice')] };
      },
      revisions: async () => new Map([[A, revision]]),
    };
    const cache = new SnapshotCache({ source });
    const first = await cache.get(A);
    cache.observeRevision(A, (revision += 1n));
    const second = await cache.get(A, { atLeastRevision: 2n });
    expect(options).toEqual([{}, { keysChangedSince: 1n, iamToken: 'iam-a' }]);
    const principalsOf = (l: typeof first) => (l.status === 'ok' ? l.snapshot.principals : undefined);
    expect(principalsOf(second)).toBe(principalsOf(first));
    expect(principalsOf(second)!.has(`arn:aws:iam::${A}:user/alice`)).toBe(true);
  });

  it('loads everything again when the changed keys cannot be completed from the snapshot', async () => {
    const { source, calls, bump } = keyedSource({ unknownKey: true });
    const errors: unknown[] = [];
    const cache = new SnapshotCache({ source, onError: (e) => errors.push(e) });
    await cache.get(A);
    cache.observeRevision(A, bump());
    const second = await cache.get(A, { atLeastRevision: 2n });
    expect(calls).toEqual([undefined, 1n, undefined]);
    expect(second.status === 'ok' && [...second.snapshot.keys.keys()]).toEqual([K1, K2]);
    // Reported: it is expected only after the database's revision went backwards.
    expect(errors.map((e) => (e as Error).message)).toEqual([expect.stringContaining('loading the whole account')]);
  });
});
