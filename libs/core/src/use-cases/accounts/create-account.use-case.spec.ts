import { InMemoryStore } from '@keygate/testing';
import { hashSecret } from '../../auth/credentials';
import { DomainError } from '../../errors/domain-error';
import { CreateAccountUseCase, generateAccountId } from './create-account.use-case';

const operator = { kind: 'operator' } as const;

async function code(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).code;
}

describe('CreateAccountUseCase', () => {
  it('creates the account and its root key in one change, storing only the hash', async () => {
    const store = new InMemoryStore();
    const out = await new CreateAccountUseCase(store).execute(operator, { name: 'Acme', accountId: '111122223333' });
    expect(out.account).toEqual({ accountId: '111122223333', name: 'Acme', arn: 'arn:aws:iam::111122223333:root' });
    expect(out.rootAccessKey.status).toBe('Active');
    expect(out.revision).toBe(1n);
    const stored = await store.read((r) => r.accessKeys.findForAuthentication(out.rootAccessKey.accessKeyId));
    expect(stored).toMatchObject({ accountId: '111122223333', owner: { kind: 'root' }, secretHash: hashSecret(out.rootAccessKey.secretAccessKey) });
    expect(JSON.stringify(store.audit)).not.toContain(out.rootAccessKey.secretAccessKey);
    expect(store.audit).toHaveLength(1);
  });

  it('refuses principals with ACCESS_DENIED', async () => {
    const root = { kind: 'principal', accountId: '111122223333', arn: 'arn:aws:iam::111122223333:root', principalType: 'root', accessKeyId: 'AKIA' } as const;
    expect(await code(new CreateAccountUseCase(new InMemoryStore()).execute(root, { name: 'x' }))).toBe('ACCESS_DENIED');
  });

  it.each([
    [{ name: '' }],
    [{ name: 'x'.repeat(65) }],
    [{ name: 'bad\nname' }],
    [{ name: 'ok', accountId: '12345' }],
    [{ name: 'ok', accountId: '12345678901a' }],
  ])('rejects %p with VALIDATION_ERROR', async (input) => {
    expect(await code(new CreateAccountUseCase(new InMemoryStore()).execute(operator, input))).toBe('VALIDATION_ERROR');
  });

  it('answers a duplicate account id with ALREADY_EXISTS and keeps the first', async () => {
    const store = new InMemoryStore();
    const useCase = new CreateAccountUseCase(store);
    await useCase.execute(operator, { name: 'first', accountId: '111122223333' });
    expect(await code(useCase.execute(operator, { name: 'second', accountId: '111122223333' }))).toBe('ALREADY_EXISTS');
    expect((await store.read((r) => r.accounts.get('111122223333')))?.name).toBe('first');
  });

  it('retries a generated id that collides', async () => {
    const store = new InMemoryStore();
    const ids = ['111122223333', '111122223333', '444455556666'];
    const useCase = new CreateAccountUseCase(store, () => ids.shift()!);
    await useCase.execute(operator, { name: 'a' });
    const second = await useCase.execute(operator, { name: 'b' });
    expect(second.account.accountId).toBe('444455556666');
  });

  it('generates 12-digit ids', () => {
    for (let i = 0; i < 100; i++) expect(generateAccountId()).toMatch(/^[1-9]\d{11}$/);
  });
});
