import { createTestAccount, gql, startTestApp, type TestApp } from '@keygate/testing/e2e';

const CREATE_ACCOUNT = `mutation CreateAccount($input: CreateAccountInput!) {
  createAccount(input: $input) {
    account { accountId name arn }
    rootAccessKey { accessKeyId secretAccessKey status createDate }
  }
}`;

describe('createAccount and authentication (e2e)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('creates an account with its root access key (operator token)', async () => {
    const res = await gql(app.url, app.operatorToken, CREATE_ACCOUNT, { input: { name: 'Acme Corp' } });
    expect(res.errors).toBeUndefined();
    const { account, rootAccessKey } = res.data.createAccount;
    expect(account.accountId).toMatch(/^\d{12}$/);
    expect(account).toEqual({ accountId: account.accountId, name: 'Acme Corp', arn: `arn:aws:iam::${account.accountId}:root` });
    expect(rootAccessKey.accessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
    expect(rootAccessKey.secretAccessKey).toHaveLength(40);
    expect(rootAccessKey.status).toBe('Active');
    expect(Number.isNaN(Date.parse(rootAccessKey.createDate))).toBe(false);
  });

  it('accepts an explicit account id once, then answers ALREADY_EXISTS', async () => {
    const accountId = `9${String(Date.now()).slice(-8)}${String(process.pid % 1000).padStart(3, '0')}`;
    const first = await gql(app.url, app.operatorToken, CREATE_ACCOUNT, { input: { name: 'one', accountId } });
    expect(first.data?.createAccount.account.accountId).toBe(accountId);
    const second = await gql(app.url, app.operatorToken, CREATE_ACCOUNT, { input: { name: 'two', accountId } });
    expect(second.errors?.[0].extensions?.code).toBe('ALREADY_EXISTS');
  });

  it('rejects invalid names and account ids with VALIDATION_ERROR', async () => {
    for (const input of [{ name: '' }, { name: 'ok', accountId: '12345' }]) {
      const res = await gql(app.url, app.operatorToken, CREATE_ACCOUNT, { input });
      expect(res.errors?.[0].extensions?.code).toBe('VALIDATION_ERROR');
    }
  });

  it('refuses createAccount to an account root with ACCESS_DENIED', async () => {
    const root = await createTestAccount(app);
    const res = await gql(app.url, root.credential, CREATE_ACCOUNT, { input: { name: 'sneaky' } });
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions?.code).toBe('ACCESS_DENIED');
    expect(res.errors?.[0].message).toMatch(new RegExp(`^User: arn:aws:iam::${root.accountId}:root is not authorized to perform:`));
  });

  it('answers UNAUTHENTICATED without credentials or with a malformed one', async () => {
    for (const token of [undefined, 'garbage', 'AKIAXXXX:secret']) {
      const res = await gql(app.url, token, CREATE_ACCOUNT, { input: { name: 'x' } });
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('gives the same message for an unknown access key id and a wrong secret', async () => {
    const root = await createTestAccount(app);
    const unknown = await gql(app.url, `AKIA${'Z'.repeat(16)}:${root.secretAccessKey}`, CREATE_ACCOUNT, { input: { name: 'x' } });
    const wrong = await gql(app.url, `${root.accessKeyId}:${'A'.repeat(40)}`, CREATE_ACCOUNT, { input: { name: 'x' } });
    expect(unknown.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(wrong.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(wrong.errors?.[0].message).toBe(unknown.errors?.[0].message);
  });

  it('lets the root credential authenticate (placeholders still answer after authentication)', async () => {
    const root = await createTestAccount(app);
    const res = await gql(app.url, root.credential, 'query { listUsers { userName } }');
    expect(res.errors?.[0].extensions?.code).not.toBe('UNAUTHENTICATED');
  });
});
