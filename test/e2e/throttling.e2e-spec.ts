/**
 * Per-caller throttling (reliability plan, bad input #48): a principal over its rate limit gets
 * THROTTLED with retryAfterSeconds and a Retry-After header, before any evaluation; other callers
 * (another account's principal, the operator token) are unaffected; the caller recovers after the
 * refill time.
 */
import request from 'supertest';
import { createTestAccount, gql, startTestApp, type GqlResponse, type TestAccount, type TestApp } from '@keygate/testing/e2e';

const RATE = 4; // tokens per second: one every 250 ms
const BURST = 5;
const AUTHORIZE = `mutation Authorize($input: AuthorizeInput!) { authorize(input: $input) { decision } }`;
const DECISION_LOG = `query DecisionLog($input: DecisionLogInput!) { decisionLog(input: $input) { entries { decisionId } } }`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Answer = GqlResponse & { headers: Record<string, string> };

/** gql() plus the response headers (Retry-After). */
async function authorize(app: TestApp, credential: string, account: TestAccount): Promise<Answer> {
  const res = await request(app.url)
    .post('/graphql')
    .set('content-type', 'application/json')
    .set('authorization', `Bearer ${credential}`)
    .send({ query: AUTHORIZE, variables: { input: { principalArn: account.arn, action: 'kms:ListKeys', resource: '*' } } });
  return { status: res.status, data: res.body?.data, errors: res.body?.errors, headers: res.headers as Record<string, string> };
}

function isThrottled(res: GqlResponse): boolean {
  return res.errors?.[0]?.extensions?.code === 'THROTTLED';
}

async function loggedDecisions(app: TestApp, accountId: string): Promise<number> {
  const res = await gql(app.url, app.operatorToken, DECISION_LOG, { input: { accountId, first: 100 } });
  if (res.errors) throw new Error(`decisionLog failed: ${JSON.stringify(res.errors)}`);
  return res.data.decisionLog.entries.length;
}

describe('per-caller throttling (e2e)', () => {
  let app: TestApp;
  let a: TestAccount;
  let b: TestAccount;

  beforeAll(async () => {
    app = await startTestApp({ KEYGATE_RATE_LIMIT_PER_SECOND: String(RATE), KEYGATE_RATE_LIMIT_BURST: String(BURST) });
    a = await createTestAccount(app);
    b = await createTestAccount(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('throttles a principal past its burst, leaves other callers alone, and lets it recover', async () => {
    // 1. Caller a sends until refused: its burst, plus at most what refilled meanwhile.
    const started = performance.now();
    let admitted = 0;
    let throttled: Answer | undefined;
    for (let i = 0; i < 20 && !throttled; i++) {
      const res = await authorize(app, a.credential, a);
      if (isThrottled(res)) throttled = res;
      else {
        expect(res.errors).toBeUndefined();
        admitted++;
      }
    }
    const elapsedSeconds = (performance.now() - started) / 1000;
    expect(throttled).toBeDefined();
    expect(admitted).toBeGreaterThanOrEqual(BURST);
    expect(admitted).toBeLessThanOrEqual(BURST + Math.floor(elapsedSeconds * RATE));

    // 2. The refusal: typed, with a whole-second retry hint in the body and the header, no data.
    const refusal = throttled!;
    expect(refusal.data).toBeNull();
    expect(refusal.errors).toHaveLength(1);
    const retryAfterSeconds = refusal.errors![0].extensions!.retryAfterSeconds as number;
    expect(Number.isInteger(retryAfterSeconds)).toBe(true);
    expect(retryAfterSeconds).toBe(1); // the next token is at most 250 ms away
    expect(refusal.headers['retry-after']).toBe(String(retryAfterSeconds));
    // Names no account, principal or limit (nothing about this or any other tenant).
    expect(refusal.errors![0].message).toBe('Rate exceeded: this caller sent more requests than its rate limit allows; retry after 1 second.');

    // 3. Another account's principal has its own full burst.
    for (let i = 0; i < BURST; i++) {
      const res = await authorize(app, b.credential, b);
      expect(res.errors).toBeUndefined();
      expect(res.headers['retry-after']).toBeUndefined();
    }

    // 4. The operator token is not limited by default.
    for (let i = 0; i < 4 * BURST; i++) expect((await authorize(app, app.operatorToken, a)).errors).toBeUndefined();

    // 5. The throttled request was not evaluated: a's log holds its admitted decisions and the operator's, nothing more.
    const expected = admitted + 4 * BURST;
    const deadline = Date.now() + 5000;
    while ((await loggedDecisions(app, a.accountId)) < expected && Date.now() < deadline) await sleep(100);
    await sleep(400); // the writer flushes every 250 ms: anything extra would show by now
    expect(await loggedDecisions(app, a.accountId)).toBe(expected);

    // 6. After the advertised wait, caller a is admitted again.
    await sleep(retryAfterSeconds * 1000);
    const again = await authorize(app, a.credential, a);
    expect(again.errors).toBeUndefined();
    expect(again.data.authorize.decision).toBe('ALLOWED');
  });
});
