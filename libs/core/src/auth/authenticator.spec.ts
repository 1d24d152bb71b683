import { InMemoryStore } from '@keygate/testing';
import { DomainError } from '../errors/domain-error';
import { Authenticator, type UserLookup } from './authenticator';
import { generateAccessKey } from './credentials';

const OPERATOR = 'operator-token-for-tests-0001';
const ACCOUNT = '123456789012';

async function setup(users: UserLookup = { findUser: async () => null }) {
  const store = new InMemoryStore();
  const root = generateAccessKey();
  const user = generateAccessKey();
  await store.change({ accountId: ACCOUNT, actorArn: 'operator', action: 'test', resource: '*' }, async (repos) => {
    await repos.accounts.create(ACCOUNT, 'acme');
    await repos.accessKeys.create({ accountId: ACCOUNT, accessKeyId: root.accessKeyId, secretHash: root.secretHash, owner: { kind: 'root' } });
    await repos.accessKeys.create({ accountId: ACCOUNT, accessKeyId: user.accessKeyId, secretHash: user.secretHash, owner: { kind: 'user', userId: 'AIDAEXAMPLE' } });
  });
  return { store, root, user, auth: new Authenticator({ operatorToken: OPERATOR, store, users }) };
}

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('Authenticator', () => {
  it('recognises the operator token', async () => {
    const { auth } = await setup();
    await expect(auth.authenticate(`Bearer ${OPERATOR}`)).resolves.toEqual({ kind: 'operator' });
  });

  it('recognises the operator token synchronously, and nothing else', async () => {
    const { auth } = await setup();
    expect(auth.operatorIfPresented(`Bearer ${OPERATOR}`)).toEqual({ kind: 'operator' });
    expect(auth.operatorIfPresented(`Bearer ${OPERATOR}x`)).toBeUndefined();
    expect(auth.operatorIfPresented(OPERATOR)).toBeUndefined();
    expect(auth.operatorIfPresented(undefined)).toBeUndefined();
  });

  it('authenticateNonOperator answers like authenticate for every header but the operator token', async () => {
    const { auth, root } = await setup();
    const key = `Bearer ${root.accessKeyId}:${root.secretAccessKey}`;
    await expect(auth.authenticateNonOperator(key)).resolves.toEqual(await auth.authenticate(key));
    for (const header of [undefined, 'Bearer', 'Bearer nonsense', `Bearer ${root.accessKeyId}:wrong`]) {
      const viaGeneral = await failure(auth.authenticate(header));
      const viaNonOperator = await failure(auth.authenticateNonOperator(header));
      expect([viaNonOperator.code, viaNonOperator.message]).toEqual([viaGeneral.code, viaGeneral.message]);
    }
    // Callers use it only after operatorIfPresented() said no: the operator token is not special here.
    expect((await failure(auth.authenticateNonOperator(`Bearer ${OPERATOR}`))).code).toBe('UNAUTHENTICATED');
  });

  it('authenticates the account root by access key', async () => {
    const { auth, root } = await setup();
    await expect(auth.authenticate(`Bearer ${root.accessKeyId}:${root.secretAccessKey}`)).resolves.toEqual({
      kind: 'principal',
      accountId: ACCOUNT,
      arn: `arn:aws:iam::${ACCOUNT}:root`,
      principalType: 'root',
      accessKeyId: root.accessKeyId,
    });
  });

  it('answers unknown key, wrong secret and inactive key with the same UNAUTHENTICATED message', async () => {
    const { auth, root, store } = await setup();
    const unknown = await failure(auth.authenticate(`Bearer AKIAAAAAAAAAAAAAAAAA:${root.secretAccessKey}`));
    const wrong = await failure(auth.authenticate(`Bearer ${root.accessKeyId}:${root.secretAccessKey.slice(1)}x`));
    await store.change({ accountId: ACCOUNT, actorArn: 'operator', action: 'test', resource: '*' }, (repos) =>
      repos.accessKeys.setStatus(ACCOUNT, root.accessKeyId, 'Inactive'),
    );
    const inactive = await failure(auth.authenticate(`Bearer ${root.accessKeyId}:${root.secretAccessKey}`));
    for (const error of [unknown, wrong, inactive]) {
      expect(error.code).toBe('UNAUTHENTICATED');
      expect(error.message).toBe(unknown.message);
    }
  });

  it.each([undefined, '', 'Basic abc', 'Bearer', 'Bearer not-a-key', 'Bearer AKIA:secret', `Bearer ${OPERATOR}x`])(
    'rejects %p as UNAUTHENTICATED',
    async (header) => {
      const { auth } = await setup();
      expect((await failure(auth.authenticate(header))).code).toBe('UNAUTHENTICATED');
    },
  );

  it('authenticates a user key through the UserLookup port, and rejects it when the user is gone', async () => {
    const arn = `arn:aws:iam::${ACCOUNT}:user/alice`;
    const present = await setup({ findUser: async () => ({ userId: 'AIDAEXAMPLE', userName: 'alice', arn }) });
    await expect(present.auth.authenticate(`Bearer ${present.user.accessKeyId}:${present.user.secretAccessKey}`)).resolves.toMatchObject({
      principalType: 'user',
      arn,
      userName: 'alice',
      userId: 'AIDAEXAMPLE',
    });
    const gone = await setup();
    const error = await failure(gone.auth.authenticate(`Bearer ${gone.user.accessKeyId}:${gone.user.secretAccessKey}`));
    expect(error.code).toBe('UNAUTHENTICATED');
  });
});
