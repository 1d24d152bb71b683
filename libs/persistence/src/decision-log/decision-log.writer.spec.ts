import { randomUUID } from 'node:crypto';
import type { DecisionLogEntry } from '@keygate/core/use-cases/decision-log';
import type { PrismaClient } from '../prisma/prisma-client.factory';
import { testDatabaseUrl, testPrismaClient, uniqueAccountId } from '../test/test-database';
import { createDecisionLogInserter, type DecisionLogInserter } from './decision-log.inserter';
import { PrismaDecisionLogReader } from './decision-log.repository';
import { DecisionLogWriter } from './decision-log.writer';

describe('DecisionLogWriter and PrismaDecisionLogReader (embedded PostgreSQL)', () => {
  let prisma: PrismaClient;
  let reader: PrismaDecisionLogReader;
  const writers: DecisionLogWriter[] = [];

  beforeAll(() => {
    prisma = testPrismaClient();
    reader = new PrismaDecisionLogReader(prisma);
  });
  afterAll(async () => {
    await Promise.all(writers.map((w) => w.close(100)));
    await prisma.$disconnect();
  });

  function writer(options: ConstructorParameters<typeof DecisionLogWriter>[1] = {}): DecisionLogWriter {
    const created = new DecisionLogWriter(createDecisionLogInserter(testDatabaseUrl(), { queryTimeoutMillis: 20_000 }), { flushIntervalMs: 60_000, ...options });
    writers.push(created);
    return created;
  }

  async function account(): Promise<string> {
    const accountId = uniqueAccountId();
    await prisma.account.create({ data: { accountId, name: 'Acme' } });
    return accountId;
  }

  function entry(accountId: string, overrides: Partial<DecisionLogEntry> = {}): DecisionLogEntry {
    return {
      decisionId: randomUUID(),
      accountId,
      decidedAt: new Date('2026-11-28T08:00:00.000Z'),
      revision: 7n,
      principalArn: `arn:aws:iam::${accountId}:user/alice`,
      action: 'kms:Decrypt',
      resource: `arn:aws:kms:us-east-1:${accountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      decision: 'ALLOWED',
      allowed: true,
      matchedStatements: [
        { sourcePolicyType: 'RESOURCE', sourcePolicyId: 'key-policy', statementIndex: 0, effect: 'ALLOW', sid: 'Enable IAM User Permissions' },
      ],
      reason: 'Allowed by the key policy.',
      context: [{ key: 'kms:EncryptionContext:Department', values: ['secret-department-value'] }],
      ...overrides,
    };
  }

  it('writes a batch with one statement and reads it back, masking context values by default', async () => {
    const accountId = await account();
    const w = writer();
    const entries = Array.from({ length: 30 }, (_, i) => entry(accountId, { decidedAt: new Date(Date.UTC(2026, 10, 28, 8, 0, i)) }));
    entries.forEach((e) => w.record(e));
    await w.flush();
    expect(w.stats()).toMatchObject({ written: 30, buffered: 0, dropped: 0, failed: 0 });
    const rows = await reader.find({ accountId, limit: 100 });
    expect(rows).toHaveLength(30);
    expect(rows[0]).toMatchObject({
      decisionId: entries[29].decisionId,
      revision: 7n,
      matchedStatementIds: ['key-policy#0'],
      contextKeys: ['kms:EncryptionContext:Department'],
      contextValues: null,
      resolvedKeyArn: null,
    });
    const raw = await prisma.$queryRawUnsafe<Array<{ text: string }>>(
      'SELECT row_to_json(d)::text AS text FROM decision_log d WHERE account_id = $1',
      accountId,
    );
    expect(raw.map((r) => r.text).join('\n')).not.toContain('secret-department-value');
  });

  it('stores context values only when configured', async () => {
    const accountId = await account();
    const w = writer({ includeContextValues: true });
    w.record(entry(accountId));
    await w.flush();
    const [row] = await reader.find({ accountId, limit: 1 });
    expect(row.contextValues).toEqual({ 'kms:EncryptionContext:Department': ['secret-department-value'] });
  });

  it('stores an empty context as NULL and reads it back as empty; a context with only a resolved alias target is kept', async () => {
    const accountId = await account();
    const w = writer({ includeContextValues: true });
    const plain = entry(accountId, { context: [] });
    const viaAlias = entry(accountId, { context: [], resolvedKeyArn: `arn:aws:kms:us-east-1:${accountId}:key/k1` });
    w.record(plain);
    w.record(viaAlias);
    await w.flush();
    const rows = await reader.find({ accountId, limit: 10 });
    expect(rows.find((r) => r.decisionId === plain.decisionId)).toMatchObject({ contextKeys: [], contextValues: null, resolvedKeyArn: null });
    expect(rows.find((r) => r.decisionId === viaAlias.decisionId)).toMatchObject({ contextKeys: [], resolvedKeyArn: viaAlias.resolvedKeyArn });
    const raw = await prisma.$queryRawUnsafe<Array<{ id: string; context: unknown }>>('SELECT decision_id::text AS id, context FROM decision_log WHERE account_id = $1', accountId);
    expect(raw.find((r) => r.id === plain.decisionId)?.context).toBeNull();
  });

  it('skips entries of unknown accounts without losing the rest of the batch', async () => {
    const accountId = await account();
    const w = writer();
    w.record(entry(uniqueAccountId()));
    w.record(entry(accountId));
    await w.flush();
    expect(await reader.find({ accountId, limit: 10 })).toHaveLength(1);
    expect(w.stats().failed).toBe(0);
  });

  it('stores text with tabs, newlines, backslashes, quotes, multi-byte characters and NULs intact (NUL as U+FFFD) through the COPY path', async () => {
    const accountId = await account();
    const w = writer({ includeContextValues: true });
    const odd = 'a\tb\nc\rd\\e"f\\\\g é€😀';
    w.record(
      entry(accountId, {
        principalArn: `arn:aws:iam::${accountId}:user/${odd}`,
        resource: `x${odd}\u0000y`,
        reason: `because ${odd}`,
        matchedStatements: [{ sourcePolicyType: 'IDENTITY', sourcePolicyId: `p,"{}${odd}`, statementIndex: 3, effect: 'DENY' }],
        context: [{ key: `k${odd}`, values: [`v${odd}\u0000`] }],
      }),
    );
    await w.flush();
    expect(w.stats()).toMatchObject({ written: 1, failed: 0 });
    const [row] = await reader.find({ accountId, limit: 1 });
    expect(row).toMatchObject({
      principalArn: `arn:aws:iam::${accountId}:user/${odd}`,
      resource: `x${odd}\uFFFDy`,
      reason: `because ${odd}`,
      matchedStatementIds: [`p,"{}${odd}#3`],
      contextKeys: [`k${odd}`],
      contextValues: { [`k${odd}`]: [`v${odd}\uFFFD`] },
    });
  });

  it('stores lone surrogates (in any text field and in the context) as U+FFFD instead of failing the batch', async () => {
    const accountId = await account();
    const w = writer({ includeContextValues: true });
    const lone = 'a\ud800b\udc00c';
    const fixed = 'a\uFFFDb\uFFFDc';
    const good = entry(accountId);
    w.record(good);
    w.record(entry(accountId, { principalArn: `arn:aws:iam::${accountId}:user/${lone}`, reason: lone, context: [{ key: `k${lone}`, values: [lone] }] }));
    await w.flush();
    expect(w.stats()).toMatchObject({ written: 2, failed: 0 });
    const rows = await reader.find({ accountId, limit: 10 });
    expect(rows.map((r) => r.decisionId)).toContain(good.decisionId);
    expect(rows.find((r) => r.decisionId !== good.decisionId)).toMatchObject({
      principalArn: `arn:aws:iam::${accountId}:user/${fixed}`,
      reason: fixed,
      contextKeys: [`k${fixed}`],
      contextValues: { [`k${fixed}`]: [fixed] },
    });
  });

  it('cannot forge rows or columns through a line break or tab in any value', async () => {
    const accountId = await account();
    const w = writer();
    const forged = `\n${accountId}\t00000000-0000-4000-8000-000000000099\t2026-01-01T00:00:00Z\t1\tp\ta\tr\tALLOWED\tt\t{}\tforged\t{}`;
    // Not a UUID once escaped: the database refuses that row (skipped and counted), not a forged
    // one, and the rest of its batch is written.
    const kept = entry(accountId);
    w.record(entry(accountId, { decisionId: `00000000-0000-4000-8000-000000000001${forged}` }));
    w.record(kept);
    await w.flush();
    expect(w.stats()).toMatchObject({ failed: 0, written: 2, rejected: 1 });
    expect((await reader.find({ accountId, limit: 10 })).map((r) => r.decisionId)).toEqual([kept.decisionId]);
    w.record(entry(accountId, { action: `kms:Decrypt${forged}` }));
    await w.flush();
    const rows = await reader.find({ accountId, limit: 10 });
    expect(rows.map((r) => r.reason)).not.toContain('forged');
    expect(rows.map((r) => r.action).sort()).toEqual(['kms:Decrypt', `kms:Decrypt${forged}`]);
  });

  it('ignores a replayed decision id without losing the rest of the batch', async () => {
    const accountId = await account();
    const w = writer();
    const first = entry(accountId);
    w.record(first);
    await w.flush();
    w.record({ ...first, reason: 'replayed' });
    w.record(entry(accountId));
    await w.flush();
    const rows = await reader.find({ accountId, limit: 10 });
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.decisionId === first.decisionId)?.reason).toBe(first.reason);
    expect(w.stats()).toMatchObject({ written: 3, failed: 0 });
  });

  it('filters by principal, key (resource or resolved alias target), decision and time, newest first with a position', async () => {
    const accountId = await account();
    const key = `arn:aws:kms:us-east-1:${accountId}:key/k1`;
    const alias = `arn:aws:kms:us-east-1:${accountId}:alias/app`;
    const bob = `arn:aws:iam::${accountId}:user/bob`;
    const at = (s: number) => new Date(Date.UTC(2026, 10, 28, 9, 0, s));
    const w = writer();
    const e1 = entry(accountId, { decidedAt: at(1), resource: key });
    const e2 = entry(accountId, { decidedAt: at(2), resource: alias, resolvedKeyArn: key, principalArn: bob });
    const e3 = entry(accountId, { decidedAt: at(3), resource: '*', decision: 'EXPLICIT_DENY', allowed: false, principalArn: bob });
    [e1, e2, e3].forEach((e) => w.record(e));
    await w.flush();
    const ids = async (q: Partial<Parameters<typeof reader.find>[0]>) =>
      (await reader.find({ accountId, limit: 10, ...q })).map((r) => r.decisionId);
    expect(await ids({})).toEqual([e3, e2, e1].map((e) => e.decisionId));
    expect(await ids({ keyArn: key })).toEqual([e2.decisionId, e1.decisionId]);
    expect(await ids({ principalArn: bob })).toEqual([e3.decisionId, e2.decisionId]);
    expect(await ids({ decision: 'EXPLICIT_DENY' })).toEqual([e3.decisionId]);
    expect(await ids({ from: at(2), to: at(2) })).toEqual([e2.decisionId]);
    expect(await ids({ after: { decidedAt: e3.decidedAt, decisionId: e3.decisionId } })).toEqual([e2.decisionId, e1.decisionId]);
    expect(await ids({ limit: 1 })).toEqual([e3.decisionId]);
    expect(await reader.find({ accountId: uniqueAccountId(), limit: 10 })).toEqual([]);
  });

  it('counts a failed write and keeps record() silent when the database fails', async () => {
    const accountId = await account();
    let closed = false;
    const failing: DecisionLogInserter = {
      insert: async () => {
        throw new Error('connection terminated');
      },
      close: async () => {
        closed = true;
      },
    };
    const lost = new DecisionLogWriter(failing, { flushIntervalMs: 60_000 });
    writers.push(lost);
    expect(() => lost.record(entry(accountId))).not.toThrow();
    await lost.flush();
    expect(lost.stats()).toMatchObject({ failed: 1, written: 0 });
    await lost.close();
    expect(closed).toBe(true);
  });

  it('answers within its timeouts and counts the batch as failed when the database is unreachable', async () => {
    const url = new URL(testDatabaseUrl());
    url.port = '1';
    const unreachable = new DecisionLogWriter(createDecisionLogInserter(url.toString(), { connectionTimeoutMillis: 500 }), { flushIntervalMs: 60_000 });
    writers.push(unreachable);
    unreachable.record(entry(uniqueAccountId()));
    await unreachable.flush();
    expect(unreachable.stats()).toMatchObject({ failed: 1, written: 0, buffered: 0 });
  });

  it('strict: refuses decisions while the last write failed or the buffer is full, keeps the failed batch and writes it once the database is back', async () => {
    const accountId = await account();
    // The real database behind a switch that makes writes fail.
    const real = createDecisionLogInserter(testDatabaseUrl());
    let down = false;
    const switchable: DecisionLogInserter = {
      insert: async (rows) => {
        if (down) throw new Error('connection terminated');
        return real.insert(rows);
      },
      close: () => real.close(),
    };
    const strict = new DecisionLogWriter(switchable, { strict: true, capacity: 3, flushIntervalMs: 60_000 });
    writers.push(strict);
    expect(strict.refusal(1)).toBeUndefined();
    const kept = [entry(accountId), entry(accountId)];
    kept.forEach((e) => strict.record(e));
    down = true;
    await strict.flush();
    expect(strict.refusal(1)).toMatch(/cannot record this decision \(its last write to the database failed\)/);
    // Nothing lost: the batch waits, in order, for the next attempt.
    expect(strict.stats()).toMatchObject({ strict: true, buffered: 2, written: 0, failed: 0, refused: 1 });
    down = false;
    await strict.flush();
    expect(strict.refusal(1)).toBeUndefined();
    expect((await reader.find({ accountId, limit: 10 })).map((r) => r.decisionId).sort()).toEqual(kept.map((e) => e.decisionId).sort());
    // Room is checked for all entries of a decision (one per account it concerns).
    strict.record(entry(accountId));
    strict.record(entry(accountId));
    expect(strict.refusal(1)).toBeUndefined();
    expect(strict.refusal(2)).toMatch(/its buffer is full/);
    // A decision with no entry (it concerns no account of the deployment) has nothing to refuse.
    expect(strict.refusal(0)).toBeUndefined();
    expect(strict.stats()).toMatchObject({ written: 2, buffered: 2, refused: 2 });
    await strict.close();
    expect(strict.refusal(1)).toMatch(/shutting down/);
  });

  it('strict: a row the database cannot store is skipped (counted, with a warning), never blocks the log, with an unknown account in the same batch', async () => {
    const accountId = await account();
    const warnings: string[] = [];
    const strict = writer({ strict: true, log: { warn: (_d, message) => void warnings.push(message), error: () => undefined } });
    const good = entry(accountId);
    strict.record(good);
    strict.record(entry(uniqueAccountId()));
    strict.record(entry(accountId, { decisionId: 'not-a-uuid' }));
    await strict.flush();
    expect(strict.stats()).toMatchObject({ written: 3, rejected: 2, failed: 0, buffered: 0 });
    expect(warnings).toEqual([expect.stringContaining('the database skipped rows')]);
    expect(strict.refusal(1)).toBeUndefined();
    expect((await reader.find({ accountId, limit: 10 })).map((r) => r.decisionId)).toEqual([good.decisionId]);
  });

  it('outside strict mode never refuses, and loses a failed batch (counted)', async () => {
    const failing: DecisionLogInserter = { insert: async () => Promise.reject(new Error('down')), close: async () => undefined };
    const lenient = new DecisionLogWriter(failing, { capacity: 1, flushIntervalMs: 60_000 });
    writers.push(lenient);
    lenient.record(entry(uniqueAccountId()));
    expect(lenient.refusal(5)).toBeUndefined();
    await lenient.flush();
    expect(lenient.refusal(1)).toBeUndefined();
    expect(lenient.stats()).toMatchObject({ strict: false, failed: 1, buffered: 0, refused: 0 });
  });

  it('flushes on close', async () => {
    const accountId = await account();
    const w = writer();
    w.record(entry(accountId));
    await w.close();
    expect(await reader.find({ accountId, limit: 10 })).toHaveLength(1);
  });
});
