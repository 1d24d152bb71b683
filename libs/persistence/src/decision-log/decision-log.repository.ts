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

/**
 * One row ready for insertion (the writer masks the context before building it). Its JSON form is
 * the parameter of INSERT_DECISION_LOG_BATCH as is. INVARIANT (speed): only strings, numbers,
 * booleans, arrays and plain objects: a Date would send JSON.stringify through toJSON() on every
 * row (measured: twice the serialization cost of the batch).
 */
export interface DecisionLogRow {
  accountId: string;
  decisionId: string;
  /** Epoch milliseconds (the column keeps milliseconds). */
  decidedAtMs: number;
  /** Decimal text (JSON has no bigint). */
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

/**
 * The batch insert. INVARIANT: one statement per batch whatever its size (a single jsonb
 * parameter, see toInsertParameter); rows of accounts that do not exist are skipped instead of
 * failing the batch, and a replayed row is ignored.
 */
export const INSERT_DECISION_LOG_BATCH = `
INSERT INTO "decision_log" ("account_id", "decision_id", "decided_at", "revision", "principal", "action",
  "resource", "decision", "allowed", "matched_statement_ids", "reason", "context")
SELECT r."accountId", r."decisionId", 'epoch'::timestamptz + r."decidedAtMs" * interval '1 millisecond', r."revision", r."principal", r."action",
  r."resource", r."decision", r."allowed", r."matchedStatementIds", r."reason", r."context"
FROM jsonb_to_recordset($1::jsonb) AS r("accountId" varchar(12), "decisionId" uuid, "decidedAtMs" bigint,
  "revision" bigint, "principal" text, "action" text, "resource" text, "decision" "decision", "allowed" boolean,
  "matchedStatementIds" text[], "reason" text, "context" jsonb)
WHERE EXISTS (SELECT 1 FROM "account" a WHERE a."account_id" = r."accountId")
ON CONFLICT DO NOTHING`;

/** One row in the form the writer buffers (its JSON text: one flat string per decision). */
export function serializeDecisionLogRow(row: DecisionLogRow): string {
  return JSON.stringify(row);
}

/** The jsonb parameter of INSERT_DECISION_LOG_BATCH for a batch of rows serialized by serializeDecisionLogRow. */
export function toInsertParameter(serializedRows: readonly string[]): string {
  return `[${serializedRows.join(',')}]`;
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
    and.push({ OR: [{ decidedAt: { lt: decidedAt } }, { decidedAt, decisionId: { lt: decisionId } }] });
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
