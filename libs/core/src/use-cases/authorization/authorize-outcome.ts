/** The answer of authorize: the engine's decision plus the final answer and the key state. */
import type { AuthorizationDecision, ContextEntry, KeyState } from '@keygate/policy-engine';

/** One authorize request as the API receives it. */
export interface AuthorizeRequest {
  principalArn: string;
  action: string;
  resource: string;
  context?: ContextEntry[];
  grantTokens?: string[];
  /** Read-your-writes: the principal's account must be at least at this revision (else a stale deny). */
  atLeastRevision?: bigint;
  /** Read-your-writes: the account of the key (or alias) of the resource must be at least at this revision. */
  atLeastKeyRevision?: bigint;
}

/** The contract's AuthorizationResult, plus the decision id and the snapshot revision. */
export interface AuthorizeOutcome extends AuthorizationDecision {
  /** decision is ALLOWED and the key state permits the action. */
  allowed: boolean;
  /** State of the key the resource resolved to. */
  keyState?: KeyState;
  decisionId: string;
  /** Revision of the principal's account snapshot the decision was made on. */
  revision?: bigint;
}

/** Internal: an outcome plus what the decision log needs. */
export interface EvaluatedOutcome {
  outcome: Omit<AuthorizeOutcome, 'decisionId'>;
  /** Accounts (of this deployment) the decision concerns, with the revision used for each. */
  accounts: Array<{ accountId: string; revision: bigint }>;
  resolvedKeyArn?: string;
}

/** A deny that did not come from policy evaluation (unknown object, stale data, error). */
export function denied(reason: string, accounts: EvaluatedOutcome['accounts'] = []): EvaluatedOutcome {
  return { outcome: { decision: 'IMPLICIT_DENY', allowed: false, reason, matchedStatements: [], missingContextKeys: [] }, accounts };
}

/** The AWS-form sentence for a request that names something that does not exist. */
export function notFoundReason(req: AuthorizeRequest, what: string): string {
  return `User: ${req.principalArn} is not authorized to perform: ${req.action} on resource: ${req.resource} because ${what}`;
}
