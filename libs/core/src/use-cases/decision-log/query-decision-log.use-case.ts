/** decisionLog: a page of the caller's account's authorize decisions (cloudtrail:LookupEvents on "*"). */
import type { Decision } from '@keygate/policy-engine';
import type { Caller } from '../../auth/caller';
import type { SelfAuthorizer } from '../../authz/self-authorizer';
import { errors } from '../../errors/domain-error';
import type { CursorScope, DecisionLogCursorCodec } from './decision-log-cursor';
import type { DecisionLogReader, DecisionLogRecord } from './decision-log-reader.port';

/** The action that reads the API activity log in AWS; decisionLog is authorized with it. */
export const LOOKUP_EVENTS_ACTION = 'cloudtrail:LookupEvents';
/** Page size bounds of decisionLog. */
export const DECISION_LOG_DEFAULT_PAGE = 50;
export const DECISION_LOG_MAX_PAGE = 100;

/** Input of decisionLog (contract extension: DecisionLogInput). */
export interface DecisionLogInput {
  /** Operator only (required for it); a principal may name its own account. */
  accountId?: string | null;
  principalArn?: string | null;
  keyArn?: string | null;
  decision?: Decision | null;
  from?: Date | null;
  to?: Date | null;
  first?: number | null;
  after?: string | null;
}

/** One page, newest first. */
export interface DecisionLogPage {
  entries: DecisionLogRecord[];
  nextCursor: string | null;
}

/** Dependencies of the decisionLog query. */
export interface QueryDecisionLogDeps {
  reader: DecisionLogReader;
  selfAuthorizer: Pick<SelfAuthorizer, 'require'>;
  cursors: DecisionLogCursorCodec;
}

const ACCOUNT_ID = /^\d{12}$/;
const MAX_ARN_LENGTH = 2048;

/** Reads the decision log of one account for the operator or for a principal of that account. */
export class QueryDecisionLogUseCase {
  constructor(private readonly deps: QueryDecisionLogDeps) {}

  async execute(caller: Caller, input: DecisionLogInput): Promise<DecisionLogPage> {
    const accountId = await this.accountOf(caller, input.accountId ?? undefined);
    const scope = validateScope(accountId, input);
    const first = pageSize(input.first);
    const after = input.after === undefined || input.after === null ? undefined : this.deps.cursors.decode(scope, input.after);
    const rows = await this.deps.reader.find({ ...scope, after, limit: first + 1 });
    const entries = rows.slice(0, first);
    const last = entries[entries.length - 1];
    const nextCursor = rows.length > first && last ? this.deps.cursors.encode(scope, last) : null;
    return { entries, nextCursor };
  }

  private async accountOf(caller: Caller, requested: string | undefined): Promise<string> {
    if (caller.kind === 'operator') {
      if (requested === undefined) throw errors.validation('accountId is required when the operator token reads the decision log.');
      if (!ACCOUNT_ID.test(requested)) throw errors.validation(`Account id ${JSON.stringify(requested.slice(0, 32))} must be exactly 12 digits.`);
      return requested;
    }
    await this.deps.selfAuthorizer.require(caller, LOOKUP_EVENTS_ACTION, '*');
    if (requested !== undefined && requested !== caller.accountId) {
      throw errors.accessDenied(
        `User: ${caller.arn} is not authorized to perform: ${LOOKUP_EVENTS_ACTION} on resource: * because only the operator token may read another account's decision log`,
      );
    }
    return caller.accountId;
  }
}

function validateScope(accountId: string, input: DecisionLogInput): CursorScope {
  const scope: CursorScope = { accountId };
  if (input.principalArn !== undefined && input.principalArn !== null) scope.principalArn = arnFilter('principalArn', input.principalArn);
  if (input.keyArn !== undefined && input.keyArn !== null) scope.keyArn = arnFilter('keyArn', input.keyArn);
  if (input.decision !== undefined && input.decision !== null) scope.decision = input.decision;
  if (input.from) scope.from = validDate('from', input.from);
  if (input.to) scope.to = validDate('to', input.to);
  if (scope.from && scope.to && scope.from.getTime() > scope.to.getTime()) {
    throw errors.validation(`"from" (${scope.from.toISOString()}) must not be later than "to" (${scope.to.toISOString()}).`);
  }
  return scope;
}

function arnFilter(name: string, value: string): string {
  if (value.length === 0 || value.length > MAX_ARN_LENGTH) {
    throw errors.validation(`${name} must be 1 to ${MAX_ARN_LENGTH} characters, got ${JSON.stringify(value.slice(0, 64))}.`);
  }
  return value;
}

function validDate(name: string, value: Date): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw errors.validation(`"${name}" is not a valid date-time.`);
  return value;
}

function pageSize(first: number | null | undefined): number {
  if (first === undefined || first === null) return DECISION_LOG_DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > DECISION_LOG_MAX_PAGE) {
    throw errors.validation(`first must be between 1 and ${DECISION_LOG_MAX_PAGE}, got ${first}.`);
  }
  return first;
}
