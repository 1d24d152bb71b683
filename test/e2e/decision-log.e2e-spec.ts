import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestAccount, gql, startTestApp, type TestAccount, type TestApp } from '@keygate/testing/e2e';

const AUTHORIZE = `mutation Authorize($input: AuthorizeInput!) { authorize(input: $input) { decision allowed } }`;
const CREATE_KEY = `mutation CreateKey($input: CreateKeyInput!) { createKey(input: $input) { arn } }`;
const CREATE_ALIAS = `mutation CreateAlias($input: CreateAliasInput!) { createAlias(input: $input) }`;
const DECISION_LOG = `query DecisionLog($input: DecisionLogInput!) {
  decisionLog(input: $input) {
    entries { decisionId accountId decidedAt revision principalArn action resource resolvedKeyArn decision allowed
      matchedStatementIds reason contextKeys context { key values } }
    nextCursor
  }
}`;
const STATS = `query { decisionLogStats { buffered capacity written rejected dropped failed } }`;
const CREATE_USER = `mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { arn } }`;
const CREATE_ACCESS_KEY = `mutation CreateAccessKey($input: CreateAccessKeyInput!) { createAccessKey(input: $input) { accessKeyId secretAccessKey } }`;
const PUT_USER_POLICY = `mutation PutUserPolicy($input: PutUserPolicyInput!) { putUserPolicy(input: $input) }`;

const SECRET_CONTEXT_VALUE = `ec-value-${randomUUID()}`;
const CONTEXT_KEY = 'kms:EncryptionContext:Department';

interface Sent {
  principalArn: string;
  action: string;
  resource: string;
  decision: string;
}

/** Authorizes each request as `account` and returns what it sent with the decision it got. */
async function authorizeAll(app: TestApp, account: TestAccount, requests: Array<Omit<Sent, 'decision'> & { context?: unknown }>): Promise<Sent[]> {
  const sent: Sent[] = [];
  for (const request of requests) {
    const res = await gql(app.url, account.credential, AUTHORIZE, { input: request });
    if (res.errors) throw new Error(`authorize failed: ${JSON.stringify(res.errors)}`);
    sent.push({ principalArn: request.principalArn, action: request.action, resource: request.resource, decision: res.data.authorize.decision });
  }
  return sent;
}

async function readLog(app: TestApp, token: string, input: Record<string, unknown>) {
  return gql(app.url, token, DECISION_LOG, { input });
}

/** Polls the operator's view of an account until `count` entries are visible (the writer flushes every 250 ms). */
async function waitForEntries(app: TestApp, accountId: string, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const res = await readLog(app, app.operatorToken, { accountId, first: 100 });
    if ((res.data?.decisionLog.entries.length ?? 0) >= count) return;
    if (Date.now() > deadline) throw new Error(`decision log of ${accountId} has ${res.data?.decisionLog.entries.length} entries, expected ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function storedRowsText(accountId: string): Promise<string> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT row_to_json(d)::text AS text FROM decision_log d WHERE account_id = $1', [accountId]);
    return rows.map((row) => row.text as string).join('\n');
  } finally {
    await client.end();
  }
}

describe('decision log (e2e)', () => {
  let app: TestApp;
  let a: TestAccount;
  let b: TestAccount;
  let sentA: Sent[];
  let keyArn: string;
  let missingKeyArn: string;
  let ghostArn: string;
  let aliasArn: string;

  beforeAll(async () => {
    app = await startTestApp();
    a = await createTestAccount(app);
    b = await createTestAccount(app);
    const key = await gql(app.url, a.credential, CREATE_KEY, { input: { description: 'decision log e2e' } });
    if (key.errors) throw new Error(`createKey failed: ${JSON.stringify(key.errors)}`);
    keyArn = key.data.createKey.arn;
    missingKeyArn = `arn:aws:kms:us-east-1:${a.accountId}:key/${randomUUID()}`;
    ghostArn = `arn:aws:iam::${a.accountId}:user/ghost`;
    const alias = await gql(app.url, a.credential, CREATE_ALIAS, { input: { aliasName: 'alias/decision-log-e2e', targetKeyId: keyArn } });
    if (alias.errors) throw new Error(`createAlias failed: ${JSON.stringify(alias.errors)}`);
    aliasArn = `arn:aws:kms:us-east-1:${a.accountId}:alias/decision-log-e2e`;
    const context = [{ key: CONTEXT_KEY, values: [SECRET_CONTEXT_VALUE] }];
    sentA = await authorizeAll(app, a, [
      { principalArn: a.arn, action: 'kms:Decrypt', resource: keyArn, context },
      { principalArn: a.arn, action: 'kms:Encrypt', resource: keyArn },
      { principalArn: ghostArn, action: 'kms:Decrypt', resource: keyArn, context },
      { principalArn: a.arn, action: 'kms:Decrypt', resource: missingKeyArn },
      { principalArn: ghostArn, action: 'kms:GenerateDataKey', resource: missingKeyArn },
      { principalArn: a.arn, action: 'kms:Decrypt', resource: aliasArn },
    ]);
    await authorizeAll(app, b, [{ principalArn: b.arn, action: 'kms:ListKeys', resource: '*' }]);
    await waitForEntries(app, a.accountId, sentA.length);
    await waitForEntries(app, b.accountId, 1);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('records every decision with its id, revision, principal, action, resource, decision and statements, newest first', async () => {
    const res = await readLog(app, a.credential, {});
    expect(res.errors).toBeUndefined();
    const { entries, nextCursor } = res.data.decisionLog;
    expect(nextCursor).toBeNull();
    expect(entries).toHaveLength(sentA.length);
    const times = entries.map((e: { decidedAt: string }) => Date.parse(e.decidedAt));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    expect(new Set(entries.map((e: { decisionId: string }) => e.decisionId)).size).toBe(sentA.length);
    for (const entry of entries) {
      expect(entry.accountId).toBe(a.accountId);
      expect(entry.decisionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(entry.revision).toMatch(/^\d+$/);
      expect(typeof entry.reason).toBe('string');
    }
    const asSent = entries.map((e: Sent) => ({ principalArn: e.principalArn, action: e.action, resource: e.resource, decision: e.decision }));
    expect(asSent).toEqual(expect.arrayContaining(sentA));
    const allowed = entries.find((e: { decision: string }) => e.decision === 'ALLOWED');
    expect(allowed?.matchedStatementIds.length).toBeGreaterThan(0);
    expect(allowed?.allowed).toBe(true);
  });

  it('filters by principal, key, decision and time range', async () => {
    const ids = async (input: Record<string, unknown>) => {
      const res = await readLog(app, a.credential, input);
      expect(res.errors).toBeUndefined();
      return res.data.decisionLog.entries as Sent[];
    };
    expect(await ids({ principalArn: ghostArn })).toHaveLength(sentA.filter((s) => s.principalArn === ghostArn).length);
    const byKey = (await ids({ keyArn })) as Array<Sent & { resolvedKeyArn: string | null }>;
    expect(byKey).toHaveLength(sentA.filter((s) => s.resource === keyArn || s.resource === aliasArn).length);
    expect(byKey.every((e) => e.resource === keyArn || (e.resource === aliasArn && e.resolvedKeyArn === keyArn))).toBe(true);
    expect(await ids({ keyArn: aliasArn })).toHaveLength(1);
    expect(await ids({ keyArn: missingKeyArn })).toHaveLength(2);
    for (const decision of ['ALLOWED', 'IMPLICIT_DENY', 'EXPLICIT_DENY']) {
      const got = await ids({ decision });
      expect(got).toHaveLength(sentA.filter((s) => s.decision === decision).length);
      expect(got.every((e) => e.decision === decision)).toBe(true);
    }
    expect(await ids({ from: new Date(Date.now() + 60_000).toISOString() })).toHaveLength(0);
    expect(await ids({ to: new Date(Date.now() - 3_600_000).toISOString() })).toHaveLength(0);
    expect(await ids({ from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date().toISOString() })).toHaveLength(sentA.length);
  });

  it('pages with nextCursor without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res = await readLog(app, a.credential, { first: 2, after });
      expect(res.errors).toBeUndefined();
      seen.push(...res.data.decisionLog.entries.map((e: { decisionId: string }) => e.decisionId));
      after = res.data.decisionLog.nextCursor;
      pages++;
    } while (after !== null && pages < 10);
    expect(pages).toBe(Math.ceil(sentA.length / 2));
    expect(new Set(seen).size).toBe(sentA.length);
  });

  it('answers a tampered or foreign cursor with VALIDATION_ERROR and no data', async () => {
    const first = await readLog(app, a.credential, { first: 1 });
    const cursor: string = first.data.decisionLog.nextCursor;
    const tampered = `${cursor.slice(0, 5)}${cursor[5] === 'A' ? 'B' : 'A'}${cursor.slice(6)}`;
    for (const [token, input] of [
      [a.credential, { first: 1, after: tampered }],
      [a.credential, { first: 1, after: 'not-a-cursor' }],
      [a.credential, { first: 1, after: cursor, decision: 'ALLOWED' }],
      [b.credential, { first: 1, after: cursor }],
    ] as const) {
      const res = await readLog(app, token, input);
      expect(res.data).toBeNull();
      expect(res.errors?.[0].extensions?.code).toBe('VALIDATION_ERROR');
    }
  });

  it("never shows another account's entries", async () => {
    const res = await readLog(app, b.credential, { first: 100 });
    expect(res.data.decisionLog.entries.map((e: { accountId: string }) => e.accountId)).toEqual([b.accountId]);
    const byKey = await readLog(app, b.credential, { keyArn });
    expect(byKey.data.decisionLog.entries).toEqual([]);
    const foreign = await readLog(app, b.credential, { accountId: a.accountId });
    expect(foreign.data).toBeNull();
    expect(foreign.errors?.[0].extensions?.code).toBe('ACCESS_DENIED');
  });

  it('requires cloudtrail:LookupEvents on "*" from an IAM user', async () => {
    const call = async (query: string, input: Record<string, unknown>, token = a.credential) => {
      const res = await gql(app.url, token, query, { input });
      if (res.errors) throw new Error(`${query.split('(')[0]} failed: ${JSON.stringify(res.errors)}`);
      return res.data;
    };
    await call(CREATE_USER, { userName: 'auditor' });
    const { createAccessKey } = await call(CREATE_ACCESS_KEY, { userName: 'auditor' });
    const auditor = `${createAccessKey.accessKeyId}:${createAccessKey.secretAccessKey}`;
    const denied = await readLog(app, auditor, {});
    expect(denied.data).toBeNull();
    expect(denied.errors?.[0].extensions?.code).toBe('ACCESS_DENIED');
    expect(denied.errors?.[0].message).toMatch(/^User: arn:aws:iam::\d{12}:user\/auditor is not authorized to perform: cloudtrail:LookupEvents\b/);
    const policyDocument = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'cloudtrail:LookupEvents', Resource: '*' }] });
    await call(PUT_USER_POLICY, { userName: 'auditor', policyName: 'read-decisions', policyDocument });
    const allowed = await readLog(app, auditor, { first: 100 });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data.decisionLog.entries).toHaveLength(sentA.length);
  });

  it('lets the operator read any account (accountId required) and see the counters', async () => {
    const res = await readLog(app, app.operatorToken, { accountId: a.accountId, first: 100 });
    expect(res.data.decisionLog.entries).toHaveLength(sentA.length);
    const missing = await readLog(app, app.operatorToken, {});
    expect(missing.errors?.[0].extensions?.code).toBe('VALIDATION_ERROR');
    const stats = await gql(app.url, app.operatorToken, STATS);
    expect(stats.data.decisionLogStats).toMatchObject({ capacity: 20_000, dropped: 0, failed: 0, rejected: 0 });
    expect(stats.data.decisionLogStats.written).toBeGreaterThanOrEqual(sentA.length + 1);
    const denied = await gql(app.url, a.credential, STATS);
    expect(denied.errors?.[0].extensions?.code).toBe('ACCESS_DENIED');
  });

  it('stores encryption-context keys but never their values by default', async () => {
    const res = await readLog(app, a.credential, { principalArn: ghostArn, keyArn });
    const [entry] = res.data.decisionLog.entries;
    expect(entry.contextKeys).toEqual([CONTEXT_KEY]);
    expect(entry.context).toBeNull();
    expect(JSON.stringify(res.data)).not.toContain(SECRET_CONTEXT_VALUE);
    expect(await storedRowsText(a.accountId)).not.toContain(SECRET_CONTEXT_VALUE);
  });

  it('KEYGATE_DECISION_LOG_STRICT=true: denies while the log cannot write, answers again once it can, and every decision it answered is logged', async () => {
    const strict = await startTestApp({ KEYGATE_DECISION_LOG_STRICT: 'true' });
    const db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    // Writes of this account's rows fail (as on a full disk); other suites' rows are not touched.
    const fn = `fail_decision_log_${randomUUID().replaceAll('-', '')}`;
    let failing = false;
    try {
      const c = await createTestAccount(strict);
      const key = await gql(strict.url, c.credential, CREATE_KEY, { input: { description: 'strict log' } });
      if (key.errors) throw new Error(`createKey failed: ${JSON.stringify(key.errors)}`);
      const request = { principalArn: c.arn, action: 'kms:Encrypt', resource: key.data.createKey.arn };
      const answers: Array<{ decision: string; allowed: boolean; reason: string }> = [];
      const ask = async () => {
        const res = await gql(strict.url, c.credential, `mutation A($input: AuthorizeInput!) { authorize(input: $input) { decision allowed reason } }`, { input: request });
        if (res.errors) throw new Error(`authorize failed: ${JSON.stringify(res.errors)}`);
        answers.push(res.data.authorize);
        return res.data.authorize as { decision: string; allowed: boolean; reason: string };
      };
      const until = async (wanted: (a: { allowed: boolean; reason: string }) => boolean) => {
        const deadline = Date.now() + 10_000;
        while (!wanted(await ask())) {
          if (Date.now() > deadline) throw new Error(`no such answer within 10 s: ${JSON.stringify(answers.slice(-3))}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      };
      expect(await ask()).toMatchObject({ decision: 'ALLOWED', allowed: true });
      await waitForEntries(strict, c.accountId, 1);

      await db.query(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.account_id = '${c.accountId}' THEN RAISE EXCEPTION 'could not extend file: No space left on device'; END IF; RETURN NEW; END $$`);
      await db.query(`CREATE TRIGGER ${fn} BEFORE INSERT ON decision_log FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
      failing = true;
      // Answered (the entry is buffered) until the first write fails; from then on, denied.
      await until((a) => !a.allowed);
      const refused = answers.at(-1)!;
      expect(refused).toMatchObject({ decision: 'IMPLICIT_DENY', allowed: false });
      expect(refused.reason).toMatch(/decision log cannot record this decision \(its last write to the database failed\)/);
      const stats = await gql(strict.url, strict.operatorToken, `query { decisionLogStats { strict refused failed } }`);
      expect(stats.data.decisionLogStats).toMatchObject({ strict: true, failed: 0 });
      expect(stats.data.decisionLogStats.refused).toBeGreaterThanOrEqual(1);

      await db.query(`DROP TRIGGER ${fn} ON decision_log`);
      await db.query(`DROP FUNCTION ${fn}()`);
      failing = false;
      await until((a) => a.allowed);
      // Every decision answered ALLOWED is in the log, the ones held back by the failure included;
      // none of the refused ones is.
      const allowed = answers.filter((a) => a.allowed).length;
      expect(answers.filter((a) => !a.allowed).every((a) => /decision log cannot record/.test(a.reason))).toBe(true);
      await waitForEntries(strict, c.accountId, allowed);
      const logged = await readLog(strict, c.credential, { first: 100 });
      expect(logged.data.decisionLog.entries).toHaveLength(allowed);
      expect(logged.data.decisionLog.entries.every((e: { decision: string }) => e.decision === 'ALLOWED')).toBe(true);
    } finally {
      if (failing) {
        await db.query(`DROP TRIGGER IF EXISTS ${fn} ON decision_log`);
        await db.query(`DROP FUNCTION IF EXISTS ${fn}()`);
      }
      await db.end();
      await strict.close();
    }
  });

  it('stores context values when KEYGATE_DECISION_LOG_CONTEXT=true', async () => {
    const withValues = await startTestApp({ KEYGATE_DECISION_LOG_CONTEXT: 'true' });
    try {
      const c = await createTestAccount(withValues);
      await authorizeAll(withValues, c, [
        { principalArn: c.arn, action: 'kms:Decrypt', resource: '*', context: [{ key: CONTEXT_KEY, values: ['Finance'] }] },
      ]);
      await waitForEntries(withValues, c.accountId, 1);
      const res = await readLog(withValues, c.credential, {});
      expect(res.data.decisionLog.entries[0].context).toEqual([{ key: CONTEXT_KEY, values: ['Finance'] }]);
    } finally {
      await withValues.close();
    }
  });
});
