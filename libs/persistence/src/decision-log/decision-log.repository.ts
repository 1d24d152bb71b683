/** decision_log over Prisma: the batched insert of the writer and the paged reader of decisionLog. */
import {
  type DecisionLogQuery,
  type DecisionLogReader,
  type DecisionLogRecord,
  type StoredDecisionContext,
} from '@keygate/core/use-cases/decision-log';
import type { Decision } from '@keygate/policy-engine';
import type { Prisma } from '../generated/prisma/client';
import type { PrismaDb } from '../prisma/prisma-client.factory';
import { DECISION_LOG_COPY_COLUMNS } from './decision-log-copy-format';

/** One row ready for insertion (the writer masks the context before building it); see encodeDecisionLogRow. */
export interface DecisionLogRow {
  accountId: string;
  decisionId: string;
  /** Epoch milliseconds (the column keeps milliseconds). */
  decidedAtMs: number;
  /** Decimal text. */
  revision: string;
  principal: string;
  action: string;
  resource: string;
  decision: Decision;
  allowed: boolean;
  matchedStatementIds: string[];
  reason: string;
  context: StoredDecisionContext;
}

/** The staging table of the fallback path (per session, emptied at commit). */
export const CREATE_DECISION_LOG_STAGING = `CREATE TEMP TABLE IF NOT EXISTS "decision_log_incoming" (LIKE "decision_log") ON COMMIT DELETE ROWS`;

/** The fast path: the batch straight into decision_log (fails as a whole on an unknown account or a replayed id). */
export const COPY_DECISION_LOG = `COPY "decision_log" (${DECISION_LOG_COPY_COLUMNS}) FROM STDIN`;

/** The fallback path, step 1: the batch into the staging table (same payload). */
export const COPY_DECISION_LOG_STAGING = `COPY "decision_log_incoming" (${DECISION_LOG_COPY_COLUMNS}) FROM STDIN`;

/**
 * The fallback path, step 2 (same transaction): rows of accounts that do not exist are skipped
 * instead of failing the batch, and a replayed row is ignored.
 */
export const INSERT_DECISION_LOG_BATCH = `
INSERT INTO "decision_log" (${DECISION_LOG_COPY_COLUMNS})
SELECT ${DECISION_LOG_COPY_COLUMNS.split(', ').map((c) => `i.${c}`).join(', ')}
FROM "decision_log_incoming" i
WHERE EXISTS (SELECT 1 FROM "account" a WHERE a."account_id" = i."account_id")
ON CONFLICT DO NOTHING`;

/** The COPY payload of a batch of rows encoded by encodeDecisionLogRow, as UTF-8 bytes. */
export function toInsertParameter(encodedRows: readonly Uint8Array[]): Buffer {
  return Buffer.concat(encodedRows);
}

/** Reads one account's decisions, newest first (decidedAt desc, decisionId desc). */
export class PrismaDecisionLogReader implements DecisionLogReader {
  constructor(private readonly db: PrismaDb) {}

  async find(query: DecisionLogQuery): Promise<DecisionLogRecord[]> {
    const rows = await this.db.decisionLog.findMany({
      where: whereOf(query),
      orderBy: [{ decidedAt: 'desc' }, { decisionId: 'desc' }],
      take: query.limit,
    });
    return rows.map(toRecord);
  }
}

function whereOf(query: DecisionLogQuery): Prisma.DecisionLogWhereInput {
  const and: Prisma.DecisionLogWhereInput[] = [{ accountId: query.accountId }];
  if (query.principalArn !== undefined) and.push({ principal: query.principalArn });
  if (query.decision !== undefined) and.push({ decision: query.decision });
  if (query.from !== undefined) and.push({ decidedAt: { gte: query.from } });
  if (query.to !== undefined) and.push({ decidedAt: { lte: query.to } });
  if (query.keyArn !== undefined) {
    and.push({ OR: [{ resource: query.keyArn }, { context: { path: ['resolvedKeyArn'], equals: query.keyArn } }] });
  }
  if (query.after !== undefined) {
    const { decidedAt, decisionId } = query.after;
    // The first term is implied by the second; it is what bounds the primary-key scan (account_id,
    // decided_at, decision_id) at the cursor, so a deep page does not re-read every newer row.
    and.push({ decidedAt: { lte: decidedAt } }, { OR: [{ decidedAt: { lt: decidedAt } }, { decidedAt, decisionId: { lt: decisionId } }] });
  }
  return { AND: and };
}

type StoredRow = Awaited<ReturnType<PrismaDb['decisionLog']['findFirstOrThrow']>>;

function toRecord(row: StoredRow): DecisionLogRecord {
  const context = (row.context ?? {}) as Partial<StoredDecisionContext>;
  return {
    decisionId: row.decisionId,
    accountId: row.accountId,
    decidedAt: row.decidedAt,
    revision: row.revision,
    principalArn: row.principal,
    action: row.action,
    resource: row.resource,
    resolvedKeyArn: typeof context.resolvedKeyArn === 'string' ? context.resolvedKeyArn : null,
    decision: row.decision as Decision,
    allowed: row.allowed,
    matchedStatementIds: row.matchedStatementIds,
    reason: row.reason,
    contextKeys: Array.isArray(context.keys) ? context.keys : [],
    contextValues: context.values ?? null,
  };
}
