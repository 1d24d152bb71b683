/**
 * decision_log has no per-row foreign key (migration 20261128100000): a statement trigger checks
 * the accounts of inserted rows and an account trigger deletes an account's decisions. These are
 * the foreign key's guarantees, checked against the embedded PostgreSQL.
 */
import { Client } from 'pg';
import { testDatabaseUrl, uniqueAccountId } from '../test/test-database';
import { copyFromStdin } from './copy-from-stdin';
import { encodeDecisionLogRow } from './decision-log-copy-format';
import { COPY_DECISION_LOG } from './decision-log.repository';

let n = 0;
/** COPY payload of one row per account id. */
const rowsOf = (...accountIds: string[]) => Buffer.from(accountIds.map(rowOf).join(''), 'utf8');
const rowOf = (accountId: string) =>
  encodeDecisionLogRow({
    accountId,
    decisionId: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    decidedAtMs: Date.UTC(2026, 10, 28),
    revision: '1',
    principal: `arn:aws:iam::${accountId}:root`,
    action: 'kms:Decrypt',
    resource: '*',
    decision: 'ALLOWED',
    allowed: true,
    matchedStatementIds: [],
    reason: 'ok',
    context: { keys: [] },
  });

describe('decision_log account check (embedded PostgreSQL)', () => {
  const clients: Client[] = [];
  async function client(): Promise<Client> {
    const c = new Client({ connectionString: testDatabaseUrl() });
    await c.connect();
    clients.push(c);
    return c;
  }
  async function account(c: Client): Promise<string> {
    const id = uniqueAccountId();
    await c.query(`INSERT INTO "account" ("account_id", "name") VALUES ($1, 'Acme')`, [id]);
    return id;
  }
  const count = async (c: Client, id: string) => Number((await c.query(`SELECT count(*) AS n FROM "decision_log" WHERE "account_id" = $1`, [id])).rows[0].n);
  afterAll(() => Promise.all(clients.map((c) => c.end())));

  it('accepts a batch of existing accounts and rejects a whole batch naming an unknown one with SQLSTATE 23503', async () => {
    const c = await client();
    const a = await account(c);
    const b = await account(c);
    await expect(copyFromStdin(c, COPY_DECISION_LOG, rowsOf(a, b, a))).resolves.toBe(3);
    await expect(copyFromStdin(c, COPY_DECISION_LOG, rowsOf(a, uniqueAccountId()))).rejects.toMatchObject({ code: '23503' });
    expect(await count(c, a)).toBe(2);
  });

  it('deletes the decisions of a deleted account (the former ON DELETE CASCADE)', async () => {
    const c = await client();
    const a = await account(c);
    const kept = await account(c);
    await copyFromStdin(c, COPY_DECISION_LOG, rowsOf(a, a, kept));
    await c.query(`DELETE FROM "account" WHERE "account_id" = $1`, [a]);
    expect(await count(c, a)).toBe(0);
    expect(await count(c, kept)).toBe(1);
  });

  it('makes an account delete wait for an open log write naming it, then deletes what it wrote: no orphans', async () => {
    const writer = await client();
    const admin = await client();
    const a = await account(admin);
    await writer.query('BEGIN');
    await copyFromStdin(writer, COPY_DECISION_LOG, rowsOf(a));
    // The log transaction holds KEY SHARE on the account: the delete cannot go ahead.
    await admin.query(`SET lock_timeout = '300ms'`);
    await expect(admin.query(`DELETE FROM "account" WHERE "account_id" = $1`, [a])).rejects.toMatchObject({ code: '55P03' });
    await admin.query(`SET lock_timeout = 0`);
    const deleting = admin.query(`DELETE FROM "account" WHERE "account_id" = $1`, [a]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await writer.query('COMMIT');
    await deleting;
    expect(await count(admin, a)).toBe(0);
  });

  it('fails a log write that waited for an account delete which then committed', async () => {
    const writer = await client();
    const admin = await client();
    const a = await account(admin);
    await admin.query('BEGIN');
    await admin.query(`DELETE FROM "account" WHERE "account_id" = $1`, [a]);
    const writing = copyFromStdin(writer, COPY_DECISION_LOG, rowsOf(a)).then(
      () => 'inserted',
      (e: { code?: string }) => e.code,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    await admin.query('COMMIT');
    expect(await writing).toBe('23503');
    expect(await count(admin, a)).toBe(0);
  });
});
