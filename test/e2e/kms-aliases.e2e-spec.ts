import { createTestAccount, startTestApp, type TestApp } from '@keygate/testing/e2e';
import {
  call,
  codeOf,
  CREATE_ALIAS,
  createKey,
  DELETE_ALIAS,
  DESCRIBE_KEY,
  GET_KEY_POLICY,
  LIST_ALIASES,
  ok,
  SCHEDULE_DELETION,
  UPDATE_ALIAS,
} from './kms-e2e.helpers';

describe('KMS aliases (e2e)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ KEYGATE_DEFAULT_REGION: 'us-west-2' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('creates an alias and resolves it by alias name and alias ARN', async () => {
    const acct = await createTestAccount(app);
    const key = await createKey(app, acct);
    expect((await ok(app, acct, CREATE_ALIAS, { input: { aliasName: 'alias/orders', targetKeyId: key.keyId } })).createAlias).toBe(true);
    const aliasArn = `arn:aws:kms:us-west-2:${acct.accountId}:alias/orders`;
    for (const keyId of ['alias/orders', aliasArn]) {
      expect((await ok(app, acct, DESCRIBE_KEY, { input: { keyId } })).describeKey.keyId).toBe(key.keyId);
      expect((await ok(app, acct, GET_KEY_POLICY, { input: { keyId } })).getKeyPolicy).toContain(acct.accountId);
    }
    const listed = (await ok(app, acct, LIST_ALIASES)).listAliases;
    expect(listed).toEqual([expect.objectContaining({ aliasName: 'alias/orders', aliasArn, targetKeyId: key.keyId })]);
    const missing = await call(app, acct, DESCRIBE_KEY, { input: { keyId: 'alias/nope' } });
    expect(codeOf(missing)).toBe('NOT_FOUND');
    expect(missing.errors?.[0].message).toBe(`Alias 'arn:aws:kms:us-west-2:${acct.accountId}:alias/nope' is not found.`);
  });

  it('enforces the alias rules: prefix, characters, reserved alias/aws/, duplicates, target by key id or ARN', async () => {
    const acct = await createTestAccount(app);
    const key = await createKey(app, acct);
    await ok(app, acct, CREATE_ALIAS, { input: { aliasName: 'alias/a:b/c_d-e', targetKeyId: key.arn } });
    for (const aliasName of ['orders', 'alias/', 'alias/has space', 'alias/ünicode', `alias/${'x'.repeat(251)}`]) {
      expect(codeOf(await call(app, acct, CREATE_ALIAS, { input: { aliasName, targetKeyId: key.keyId } }))).toBe('VALIDATION_ERROR');
    }
    const reserved = await call(app, acct, CREATE_ALIAS, { input: { aliasName: 'alias/aws/s3', targetKeyId: key.keyId } });
    expect(codeOf(reserved)).toBe('ACCESS_DENIED');
    expect(reserved.errors?.[0].message).toMatch(/alias\/aws\/s3 is reserved for AWS managed keys/);
    expect(codeOf(await call(app, acct, CREATE_ALIAS, { input: { aliasName: 'alias/a:b/c_d-e', targetKeyId: key.keyId } }))).toBe('ALREADY_EXISTS');
    expect(codeOf(await call(app, acct, CREATE_ALIAS, { input: { aliasName: 'alias/x', targetKeyId: 'alias/a:b/c_d-e' } }))).toBe('VALIDATION_ERROR');
    expect(codeOf(await call(app, acct, UPDATE_ALIAS, { input: { aliasName: 'alias/aws/s3', targetKeyId: key.keyId } }))).toBe('ACCESS_DENIED');
    expect(codeOf(await call(app, acct, DELETE_ALIAS, { input: { aliasName: 'alias/aws/s3' } }))).toBe('ACCESS_DENIED');
    expect((await ok(app, acct, LIST_ALIASES)).listAliases.map((a: { aliasName: string }) => a.aliasName)).toEqual(['alias/a:b/c_d-e']);
  });

  it('allows at most 50 aliases per key', async () => {
    const acct = await createTestAccount(app);
    const key = await createKey(app, acct);
    for (let i = 0; i < 50; i++) await ok(app, acct, CREATE_ALIAS, { input: { aliasName: `alias/k${i}`, targetKeyId: key.keyId } });
    expect(codeOf(await call(app, acct, CREATE_ALIAS, { input: { aliasName: 'alias/k50', targetKeyId: key.keyId } }))).toBe('LIMIT_EXCEEDED');
    expect((await ok(app, acct, LIST_ALIASES, { input: { keyId: key.keyId } })).listAliases).toHaveLength(50);
  });

  it('updates an alias to a key of the same type, not to a pending-deletion key, and deletes it', async () => {
    const acct = await createTestAccount(app);
    const k1 = await createKey(app, acct);
    const k2 = await createKey(app, acct);
    const rsa = await createKey(app, acct, { keyUsage: 'ENCRYPT_DECRYPT', keySpec: 'RSA_2048' });
    const doomed = await createKey(app, acct);
    await ok(app, acct, CREATE_ALIAS, { input: { aliasName: 'alias/app', targetKeyId: k1.keyId } });
    await ok(app, acct, UPDATE_ALIAS, { input: { aliasName: 'alias/app', targetKeyId: k2.keyId } });
    expect((await ok(app, acct, DESCRIBE_KEY, { input: { keyId: 'alias/app' } })).describeKey.keyId).toBe(k2.keyId);
    expect(codeOf(await call(app, acct, UPDATE_ALIAS, { input: { aliasName: 'alias/app', targetKeyId: rsa.keyId } }))).toBe('VALIDATION_ERROR');
    await ok(app, acct, SCHEDULE_DELETION, { input: { keyId: doomed.keyId } });
    expect(codeOf(await call(app, acct, UPDATE_ALIAS, { input: { aliasName: 'alias/app', targetKeyId: doomed.keyId } }))).toBe('INVALID_STATE');
    expect(codeOf(await call(app, acct, UPDATE_ALIAS, { input: { aliasName: 'alias/none', targetKeyId: k1.keyId } }))).toBe('NOT_FOUND');
    expect((await ok(app, acct, LIST_ALIASES, { input: { keyId: k1.keyId } })).listAliases).toEqual([]);
    expect((await ok(app, acct, DELETE_ALIAS, { input: { aliasName: 'alias/app' } })).deleteAlias).toBe(true);
    expect(codeOf(await call(app, acct, DELETE_ALIAS, { input: { aliasName: 'alias/app' } }))).toBe('NOT_FOUND');
    expect((await ok(app, acct, LIST_ALIASES)).listAliases).toEqual([]);
  });

  it('keeps aliases per account: the same name elsewhere, and another account\'s alias is invisible', async () => {
    const a = await createTestAccount(app);
    const b = await createTestAccount(app);
    const ka = await createKey(app, a);
    const kb = await createKey(app, b);
    await ok(app, a, CREATE_ALIAS, { input: { aliasName: 'alias/shared', targetKeyId: ka.keyId } });
    await ok(app, b, CREATE_ALIAS, { input: { aliasName: 'alias/shared', targetKeyId: kb.keyId } });
    expect((await ok(app, b, DESCRIBE_KEY, { input: { keyId: 'alias/shared' } })).describeKey.keyId).toBe(kb.keyId);
    await ok(app, a, CREATE_ALIAS, { input: { aliasName: 'alias/only-a', targetKeyId: ka.keyId } });
    expect(codeOf(await call(app, b, DESCRIBE_KEY, { input: { keyId: 'alias/only-a' } }))).toBe('NOT_FOUND');
    expect(codeOf(await call(app, b, DELETE_ALIAS, { input: { aliasName: 'alias/only-a' } }))).toBe('NOT_FOUND');
    expect(codeOf(await call(app, b, CREATE_ALIAS, { input: { aliasName: 'alias/b', targetKeyId: ka.arn } }))).toBe('NOT_FOUND');
  });
});
