import { createTestAccount, startTestApp, type TestApp } from '@keygate/testing/e2e';
import { Client } from 'pg';
import {
  call,
  CANCEL_DELETION,
  codeOf,
  CREATE_ALIAS,
  CREATE_GRANT,
  createKey,
  DESCRIBE_KEY,
  DISABLE_KEY,
  DISABLE_ROTATION,
  ENABLE_KEY,
  ENABLE_ROTATION,
  GET_KEY_POLICY,
  LIST_KEYS,
  LIST_TAGS,
  ok,
  PUT_KEY_POLICY,
  ROTATION_STATUS,
  rootTrustPolicy,
  SCHEDULE_DELETION,
  TAG_RESOURCE,
  UNTAG_RESOURCE,
  UPDATE_DESCRIPTION,
} from './kms-e2e.helpers';

const DAY = 24 * 60 * 60 * 1000;

describe('KMS key states, description, tags and rotation (e2e)', () => {
  let app: TestApp;
  let db: Client;
  beforeAll(async () => {
    app = await startTestApp();
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await app.close();
  });

  it('disables and enables a key', async () => {
    const acct = await createTestAccount(app);
    const key = await createKey(app, acct);
    const disabled = (await ok(app, acct, DISABLE_KEY, { input: { keyId: key.keyId } })).disableKey;
    expect(disabled).toMatchObject({ keyState: 'DISABLED', enabled: false });
    expect((await ok(app, acct, DISABLE_KEY, { input: { keyId: key.arn } })).disableKey.keyState).toBe('DISABLED');
    const enabled = (await ok(app, acct, ENABLE_KEY, { input: { keyId: key.keyId } })).enableKey;
    expect(enabled).toMatchObject({ keyState: 'ENABLED', enabled: true });
  });

  it('schedules deletion (default 30 days, 7 to 30 accepted, 6 and 31 rejected) and cancels it to DISABLED', async () => {
    const acct = await createTestAccount(app);
    const key = await createKey(app, acct);
    for (const pendingWindowInDays of [6, 31, 0, -1]) {
      const res = await call(app, acct, SCHEDULE_DELETION, { input: { keyId: key.keyId, pendingWindowInDays } });
      expect(codeOf(res)).toBe('VALIDATION_ERROR');
    }
    expect((await ok(app, acct, DESCRIBE_KEY, { input: { keyId: key.keyId } })).describeKey).toMatchObject({ keyState: 'ENABLED', deletionDate: null });

    const t0 = Date.now();
    const scheduled = (await ok(app, acct, SCHEDULE_DELETION, { input: { keyId: key.keyId } })).scheduleKeyDeletion;
    expect(scheduled.keyState).toBe('PENDING_DELETION');
    const deletion = Date.parse(scheduled.deletionDate);
    expect(deletion).toBeGreaterThanOrEqual(t0 + 30 * DAY - 1000);
    expect(deletion).toBeLessThanOrEqual(Date.now() + 30 * DAY + 1000);
    expect(codeOf(await call(app, acct, SCHEDULE_DELETION, { input: { keyId: key.keyId, pendingWindowInDays: 7 } }))).toBe('INVALID_STATE');

    const cancelled = (await ok(app, acct, CANCEL_DELETION, { input: { keyId: key.keyId } })).cancelKeyDeletion;
    expect(cancelled).toMatchObject({ keyState: 'DISABLED', deletionDate: null, enabled: false });
    expect(codeOf(await call(app, acct, CANCEL_DELETION, { input: { keyId: key.keyId } }))).toBe('INVALID_STATE');

    const week = (await ok(app, acct, SCHEDULE_DELETION, { input: { keyId: key.keyId, pendingWindowInDays: 7 } })).scheduleKeyDeletion;
    expect(Date.parse(week.deletionDate)).toBeLessThanOrEqual(Date.now() + 7 * DAY + 1000);
    expect(Date.parse(week.deletionDate)).toBeGreaterThanOrEqual(Date.now() + 7 * DAY - 60_000);
  });

  it('refuses operations the key state forbids and changes nothing', async () => {
    const acct = await createTestAccount(app);
    const other = await createTestAccount(app);
    const key = await createKey(app, acct);
    const grant = { keyId: key.keyId, granteePrincipal: other.arn, operations: ['Decrypt'] };
    expect(codeOf(await call(app, acct, CANCEL_DELETION, { input: { keyId: key.keyId } }))).toBe('INVALID_STATE');

    await ok(app, acct, DISABLE_KEY, { input: { keyId: key.keyId } });
    expect(codeOf(await call(app, acct, CREATE_GRANT, { input: grant }))).toBe('DISABLED');
    expect(codeOf(await call(app, acct, ENABLE_ROTATION, { input: { keyId: key.keyId } }))).toBe('DISABLED');
    // Allowed on a disabled key: tags, description, aliases, policy reads and writes.
    expect((await ok(app, acct, TAG_RESOURCE, { input: { keyId: key.keyId, tags: [{ key: 'team', value: 'a' }] } })).tagResource).toBe(true);
    expect((await ok(app, acct, CREATE_ALIAS, { input: { aliasName: 'alias/disabled-ok', targetKeyId: key.keyId } })).createAlias).toBe(true);

    await ok(app, acct, SCHEDULE_DELETION, { input: { keyId: key.keyId, pendingWindowInDays: 7 } });
    const refused: Array<[string, Record<string, unknown>, string]> = [
      [ENABLE_KEY, { keyId: key.keyId }, 'INVALID_STATE'],
      [DISABLE_KEY, { keyId: key.keyId }, 'INVALID_STATE'],
      [TAG_RESOURCE, { keyId: key.keyId, tags: [{ key: 'team', value: 'b' }] }, 'INVALID_STATE'],
      [UNTAG_RESOURCE, { keyId: key.keyId, tagKeys: ['team'] }, 'INVALID_STATE'],
      [UPDATE_DESCRIPTION, { keyId: key.keyId, description: 'x' }, 'INVALID_STATE'],
      [CREATE_ALIAS, { aliasName: 'alias/too-late', targetKeyId: key.keyId }, 'INVALID_STATE'],
      [CREATE_GRANT, grant, 'INVALID_STATE'],
      [ENABLE_ROTATION, { keyId: key.keyId }, 'INVALID_STATE'],
      [DISABLE_ROTATION, { keyId: key.keyId }, 'INVALID_STATE'],
      [SCHEDULE_DELETION, { keyId: key.keyId }, 'INVALID_STATE'],
    ];
    for (const [query, input, code] of refused) {
      const res = await call(app, acct, query, { input });
      expect(codeOf(res)).toBe(code);
      expect(res.errors?.[0].message).toBe(`${key.arn} is pending deletion.`);
    }
    const after = (await ok(app, acct, DESCRIBE_KEY, { input: { keyId: key.keyId } })).describeKey;
    expect(after).toMatchObject({ keyState: 'PENDING_DELETION', description: '' });
    expect((await ok(app, acct, LIST_TAGS, { input: { keyId: key.keyId } })).listResourceTags).toEqual([{ tagKey: 'team', tagValue: 'a' }]);
    // Allowed in every state: key policy reads and writes.
    expect((await ok(app, acct, GET_KEY_POLICY, { input: { keyId: key.keyId } })).getKeyPolicy).toContain('key-default-1');
    expect((await ok(app, acct, PUT_KEY_POLICY, { input: { keyId: key.keyId, policy: rootTrustPolicy(acct.accountId) } })).putKeyPolicy).toBe(true);
  });

  it('treats a key past its deletionDate as deleted (NOT_FOUND, not listed)', async () => {
    const acct = await createTestAccount(app);
    const key = await createKey(app, acct);
    const keep = await createKey(app, acct);
    await ok(app, acct, SCHEDULE_DELETION, { input: { keyId: key.keyId, pendingWindowInDays: 7 } });
    // Simulate the end of the waiting period.
    await db.query(`UPDATE kms_key SET deletion_date = now() - interval '1 second' WHERE account_id = $1 AND key_id = $2`, [acct.accountId, key.keyId]);
    expect(codeOf(await call(app, acct, DESCRIBE_KEY, { input: { keyId: key.keyId } }))).toBe('NOT_FOUND');
    expect(codeOf(await call(app, acct, CANCEL_DELETION, { input: { keyId: key.keyId } }))).toBe('NOT_FOUND');
    expect((await ok(app, acct, LIST_KEYS)).listKeys).toEqual([{ keyId: keep.keyId, keyArn: keep.arn }]);
  });

  it('updates the description and manages tags (aws: prefix reserved, at most 50)', async () => {
    const acct = await createTestAccount(app);
    const key = await createKey(app, acct, { tags: [{ key: 'env', value: 'prod' }] });
    await ok(app, acct, UPDATE_DESCRIPTION, { input: { keyId: key.keyId, description: 'payments' } });
    expect((await ok(app, acct, DESCRIBE_KEY, { input: { keyId: key.keyId } })).describeKey.description).toBe('payments');
    expect(codeOf(await call(app, acct, UPDATE_DESCRIPTION, { input: { keyId: key.keyId, description: 'x'.repeat(8193) } }))).toBe('VALIDATION_ERROR');

    await ok(app, acct, TAG_RESOURCE, { input: { keyId: key.keyId, tags: [{ key: 'team', value: 'core' }, { key: 'env', value: 'dev' }] } });
    expect((await ok(app, acct, LIST_TAGS, { input: { keyId: key.keyId } })).listResourceTags).toEqual([
      { tagKey: 'env', tagValue: 'dev' },
      { tagKey: 'team', tagValue: 'core' },
    ]);
    await ok(app, acct, UNTAG_RESOURCE, { input: { keyId: key.keyId, tagKeys: ['env', 'absent'] } });
    expect((await ok(app, acct, LIST_TAGS, { input: { keyId: key.keyId } })).listResourceTags).toEqual([{ tagKey: 'team', tagValue: 'core' }]);
    for (const tags of [[{ key: 'aws:x', value: 'y' }], [{ key: '', value: 'y' }], [{ key: 'a', value: 'x'.repeat(257) }]]) {
      expect(codeOf(await call(app, acct, TAG_RESOURCE, { input: { keyId: key.keyId, tags } }))).toBe('VALIDATION_ERROR');
    }
    const many = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    expect(codeOf(await call(app, acct, TAG_RESOURCE, { input: { keyId: key.keyId, tags: many } }))).toBe('LIMIT_EXCEEDED');
    expect((await ok(app, acct, LIST_TAGS, { input: { keyId: key.keyId } })).listResourceTags).toHaveLength(1);
  });

  it('enables and disables automatic rotation of symmetric keys only', async () => {
    const acct = await createTestAccount(app);
    const key = await createKey(app, acct);
    expect((await ok(app, acct, ROTATION_STATUS, { input: { keyId: key.keyId } })).getKeyRotationStatus).toEqual({ keyId: key.keyId, keyRotationEnabled: false });
    await ok(app, acct, ENABLE_ROTATION, { input: { keyId: key.keyId } });
    expect((await ok(app, acct, ROTATION_STATUS, { input: { keyId: key.arn } })).getKeyRotationStatus.keyRotationEnabled).toBe(true);
    await ok(app, acct, DISABLE_ROTATION, { input: { keyId: key.keyId } });
    expect((await ok(app, acct, ROTATION_STATUS, { input: { keyId: key.keyId } })).getKeyRotationStatus.keyRotationEnabled).toBe(false);
    const rsa = await createKey(app, acct, { keyUsage: 'SIGN_VERIFY', keySpec: 'RSA_2048' });
    expect(codeOf(await call(app, acct, ENABLE_ROTATION, { input: { keyId: rsa.keyId } }))).toBe('VALIDATION_ERROR');
    expect(codeOf(await call(app, acct, ROTATION_STATUS, { input: { keyId: rsa.keyId } }))).toBe('VALIDATION_ERROR');
  });
});
