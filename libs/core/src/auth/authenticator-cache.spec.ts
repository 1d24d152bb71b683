import { InMemoryStore } from '@keygate/testing';
import type { Store } from '../ports/store.port';
import { Authenticator } from './authenticator';
import { generateAccessKey } from './credentials';

const ACCOUNT = '123456789012';
const META = { accountId: ACCOUNT, actorArn: 'operator', action: 'test', resource: '*' };

async function setup(ttlMs: number) {
  const inner = new InMemoryStore();
  const key = generateAccessKey();
  await inner.change(META, async (repos) => {
    await repos.accounts.create(ACCOUNT, 'acme');
    await repos.accessKeys.create({ accountId: ACCOUNT, accessKeyId: key.accessKeyId, secretHash: key.secretHash, owner: { kind: 'root' } });
  });
  let reads = 0;
  let clock = 1_000;
  const store: Store = { change: (m, w) => inner.change(m, w), read: (w) => ((reads += 1), inner.read(w)) };
  const auth = new Authenticator({ operatorToken: 'operator-token-0000000', store, users: { findUser: async () => null }, cacheTtlMs: ttlMs, now: () => clock });
  return {
    auth,
    header: `Bearer ${key.accessKeyId}:${key.secretAccessKey}`,
    wrong: `Bearer ${key.accessKeyId}:${'x'.repeat(40)}`,
    reads: () => reads,
    tick: (ms: number) => (clock += ms),
    deactivate: () => inner.change(META, (repos) => repos.accessKeys.setStatus(ACCOUNT, key.accessKeyId, 'Inactive')),
  };
}

describe('Authenticator credential cache', () => {
  it('serves a repeated credential from memory but still checks the secret', async () => {
    const t = await setup(30_000);
    await t.auth.authenticate(t.header);
    await t.auth.authenticate(t.header);
    expect(t.reads()).toBe(1);
    await expect(t.auth.authenticate(t.wrong)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('stops accepting a deactivated key once its account changed', async () => {
    const t = await setup(30_000);
    await t.auth.authenticate(t.header);
    await t.deactivate();
    t.auth.accountChanged('999999999999');
    await expect(t.auth.authenticate(t.header)).resolves.toMatchObject({ kind: 'principal' });
    t.auth.accountChanged(ACCOUNT);
    await expect(t.auth.authenticate(t.header)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('stops accepting a deactivated key after the TTL even without a notification', async () => {
    const t = await setup(30_000);
    await t.auth.authenticate(t.header);
    await t.deactivate();
    t.tick(30_001);
    await expect(t.auth.authenticate(t.header)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('forgets everything after a reconnect, and caches nothing with a zero TTL', async () => {
    const t = await setup(30_000);
    await t.auth.authenticate(t.header);
    t.auth.forgetAll();
    await t.auth.authenticate(t.header);
    expect(t.reads()).toBe(2);
    const uncached = await setup(0);
    await uncached.auth.authenticate(uncached.header);
    await uncached.auth.authenticate(uncached.header);
    expect(uncached.reads()).toBe(2);
  });
});
