import type { Caller, PrincipalCaller } from '../../auth/caller';
import { DomainError, errors } from '../../errors/domain-error';
import { DecisionLogCursorCodec } from './decision-log-cursor';
import type { DecisionLogQuery, DecisionLogReader, DecisionLogRecord } from './decision-log-reader.port';
import { DecisionLogStatsUseCase } from './decision-log-stats.use-case';
import { NOOP_DECISION_RECORDER } from './decision-recorder.port';
import { QueryDecisionLogUseCase } from './query-decision-log.use-case';
import { toStoredContext } from './stored-context';

const ACCOUNT = '111122223333';
const OTHER = '444455556666';
const operator: Caller = { kind: 'operator' };
const root: PrincipalCaller = { kind: 'principal', accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, principalType: 'root', accessKeyId: 'AKIA0' };

function record(i: number, accountId = ACCOUNT): DecisionLogRecord {
  return {
    decisionId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    accountId,
    decidedAt: new Date(Date.UTC(2026, 10, 28, 8, 0, 0, 1000 - i)),
    revision: 1n,
    principalArn: `arn:aws:iam::${accountId}:user/u${i % 2}`,
    action: 'kms:Decrypt',
    resource: '*',
    resolvedKeyArn: null,
    decision: 'ALLOWED',
    allowed: true,
    matchedStatementIds: [],
    reason: 'ok',
    contextKeys: [],
    contextValues: null,
  };
}

/** An in-memory reader over 7 rows per account, newest first, honouring the position. */
function fakeReader(): DecisionLogReader & { queries: DecisionLogQuery[] } {
  const rows = [...Array.from({ length: 7 }, (_, i) => record(i)), ...Array.from({ length: 3 }, (_, i) => record(i, OTHER))];
  const queries: DecisionLogQuery[] = [];
  return {
    queries,
    find: async (q) => {
      queries.push(q);
      return rows
        .filter((r) => r.accountId === q.accountId && (!q.principalArn || r.principalArn === q.principalArn))
        .filter((r) => !q.after || r.decidedAt < q.after.decidedAt || (r.decidedAt.getTime() === q.after.decidedAt.getTime() && r.decisionId < q.after.decisionId))
        .slice(0, q.limit);
    },
  };
}

function useCase(allow = true) {
  const reader = fakeReader();
  const checks: Array<[string, string]> = [];
  const selfAuthorizer = {
    require: async (caller: Caller, action: string, resource: string) => {
      checks.push([action, resource]);
      if (!allow) throw errors.accessDenied(`User: ${caller.kind} is not authorized to perform: ${action} on resource: ${resource}`);
    },
  };
  const cursors = new DecisionLogCursorCodec('secret-a');
  return { reader, checks, cursors, uc: new QueryDecisionLogUseCase({ reader, selfAuthorizer, cursors }) };
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
}

describe('QueryDecisionLogUseCase', () => {
  it('self-authorizes a principal with cloudtrail:LookupEvents on "*" and reads its own account', async () => {
    const { uc, checks, reader } = useCase();
    const page = await uc.execute(root, {});
    expect(checks).toEqual([['cloudtrail:LookupEvents', '*']]);
    expect(reader.queries[0]).toMatchObject({ accountId: ACCOUNT, limit: 51 });
    expect(page.entries).toHaveLength(7);
    expect(page.nextCursor).toBeNull();
  });

  it('denies without the permission and before reading anything', async () => {
    const { uc, reader } = useCase(false);
    expect(await code(uc.execute(root, {}))).toBe('ACCESS_DENIED');
    expect(reader.queries).toEqual([]);
  });

  it('lets a principal name its own account only', async () => {
    const { uc, reader } = useCase();
    await uc.execute(root, { accountId: ACCOUNT });
    expect(await code(uc.execute(root, { accountId: OTHER }))).toBe('ACCESS_DENIED');
    expect(reader.queries.map((q) => q.accountId)).toEqual([ACCOUNT]);
  });

  it('requires a valid accountId from the operator and reads any account', async () => {
    const { uc, checks } = useCase();
    expect(await code(uc.execute(operator, {}))).toBe('VALIDATION_ERROR');
    expect(await code(uc.execute(operator, { accountId: '12' }))).toBe('VALIDATION_ERROR');
    expect((await uc.execute(operator, { accountId: OTHER })).entries).toHaveLength(3);
    expect(checks).toEqual([]);
  });

  it('pages with opaque cursors until the end', async () => {
    const { uc } = useCase();
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof uc.execute>> = await uc.execute(root, { first: 3, after });
      seen.push(...page.entries.map((e) => e.decisionId));
      after = page.nextCursor;
      pages++;
    } while (after && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => record(i).decisionId));
  });

  it('rejects tampered, foreign and re-scoped cursors with VALIDATION_ERROR and reads nothing', async () => {
    const { uc, reader, cursors } = useCase();
    const { nextCursor } = await uc.execute(root, { first: 2 });
    const cursor = nextCursor!;
    const [body, mac] = cursor.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), a: OTHER })).toString('base64url');
    const readsBefore = reader.queries.length;
    for (const bad of [`${forged}.${mac}`, `${body}.${mac.slice(1)}`, `${body}x.${mac}`, 'garbage', '', `${cursor}.x`]) {
      expect(await code(uc.execute(root, { first: 2, after: bad }))).toBe('VALIDATION_ERROR');
    }
    const otherSecret = new DecisionLogCursorCodec('secret-b').encode({ accountId: ACCOUNT }, record(1));
    expect(await code(uc.execute(root, { first: 2, after: otherSecret }))).toBe('VALIDATION_ERROR');
    const otherAccount = cursors.encode({ accountId: OTHER }, record(1));
    expect(await code(uc.execute(root, { first: 2, after: otherAccount }))).toBe('VALIDATION_ERROR');
    expect(await code(uc.execute(root, { first: 2, after: cursor, principalArn: `arn:aws:iam::${ACCOUNT}:user/u0` }))).toBe('VALIDATION_ERROR');
    expect(reader.queries.length).toBe(readsBefore);
    expect(await code(uc.execute(root, { first: 2, after: cursor }))).toBe('resolved');
  });

  it.each([
    ['first 0', { first: 0 }],
    ['first 101', { first: 101 }],
    ['a fractional first', { first: 1.5 }],
    ['an empty principalArn', { principalArn: '' }],
    ['a keyArn of 2049 characters', { keyArn: 'x'.repeat(2049) }],
    ['from after to', { from: new Date('2026-11-28T10:00:00Z'), to: new Date('2026-11-28T09:00:00Z') }],
    ['an invalid date', { from: new Date('nope') }],
  ])('rejects %s with VALIDATION_ERROR', async (_label, input) => {
    const { uc } = useCase();
    expect(await code(uc.execute(root, input))).toBe('VALIDATION_ERROR');
  });

  it('passes the filters to the reader', async () => {
    const { uc, reader } = useCase();
    const from = new Date('2026-11-28T07:00:00Z');
    await uc.execute(root, { principalArn: 'p', keyArn: 'k', decision: 'EXPLICIT_DENY', from, first: 100 });
    expect(reader.queries[0]).toEqual({ accountId: ACCOUNT, principalArn: 'p', keyArn: 'k', decision: 'EXPLICIT_DENY', from, after: undefined, limit: 101 });
  });
});

describe('DecisionLogStatsUseCase', () => {
  it('answers the operator and denies principals', () => {
    const uc = new DecisionLogStatsUseCase(NOOP_DECISION_RECORDER);
    expect(uc.execute(operator)).toEqual({ buffered: 0, capacity: 0, written: 0, dropped: 0, failed: 0, strict: false, refused: 0, rejected: 0 });
    expect(() => uc.execute(root)).toThrow(DomainError);
  });
});

describe('toStoredContext', () => {
  const context = [
    { key: 'kms:EncryptionContext:b', values: ['v1'] },
    { key: 'kms:EncryptionContext:a', values: ['v2', 'v3'] },
    { key: 'kms:EncryptionContext:a', values: ['v4'] },
  ];
  it('keeps sorted unique keys only by default', () => {
    expect(toStoredContext(context, undefined, false)).toEqual({ keys: ['kms:EncryptionContext:a', 'kms:EncryptionContext:b'] });
    expect(JSON.stringify(toStoredContext(context, 'arn:k', false))).not.toMatch(/v[1-4]/);
  });
  it('keeps values when enabled, and the resolved key', () => {
    expect(toStoredContext(context, 'arn:k', true)).toEqual({
      keys: ['kms:EncryptionContext:a', 'kms:EncryptionContext:b'],
      values: { 'kms:EncryptionContext:b': ['v1'], 'kms:EncryptionContext:a': ['v2', 'v3', 'v4'] },
      resolvedKeyArn: 'arn:k',
    });
    expect(toStoredContext(undefined, undefined, true)).toEqual({ keys: [] });
  });
});
