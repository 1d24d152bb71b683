/**
 * authorize / authorizeBatch: decisions served from in-memory account snapshots. The database is
 * not touched while the snapshots are fresh; stale data, unknown objects and errors are denies.
 */
import { randomUUID } from 'node:crypto';
import { type AuthorizationDecision, type AuthorizationRequest, authorize as engineAuthorize } from '@keygate/policy-engine';
import type { Caller, PrincipalCaller } from '../../auth/caller';
import { errors } from '../../errors/domain-error';
import type { SnapshotCache, SnapshotLookup } from '../../snapshot/snapshot-cache';
import type { DecisionRecorder } from '../decision-log/decision-recorder.port';
import { type AuthorizeOutcome, type AuthorizeRequest, denied, type EvaluatedOutcome } from './authorize-outcome';
import { accountsOf, evaluateRequest, keyFloorOf, type PreparedRequest, prepareRequest, principalFloorOf } from './evaluate-request';
import { resolvePrincipal } from './principal-resolution';

/** Most requests in one authorizeBatch. */
export const MAX_BATCH_SIZE = 100;

/** Dependencies of AuthorizeUseCase. */
export interface AuthorizeDeps {
  cache: SnapshotCache;
  /** KEYGATE_DEFAULT_REGION (aws:RequestedRegion). */
  region: string;
  now: () => number;
  recorder: DecisionRecorder;
  /** The engine's decision function; injectable for fault-injection tests. */
  decide?: (request: AuthorizationRequest) => AuthorizationDecision;
  newDecisionId?: () => string;
}

const SIMULATE_PRINCIPAL = 'iam:SimulatePrincipalPolicy';

/** The authorize use case (single and batch). */
export class AuthorizeUseCase {
  private readonly decide: (request: AuthorizationRequest) => AuthorizationDecision;
  private readonly newDecisionId: () => string;

  constructor(private readonly deps: AuthorizeDeps) {
    this.decide = deps.decide ?? engineAuthorize;
    this.newDecisionId = deps.newDecisionId ?? randomUUID;
  }

  /** One decision. */
  async execute(caller: Caller, request: AuthorizeRequest): Promise<AuthorizeOutcome> {
    return this.executeIfFresh(caller, request) ?? this.executeLoading(caller, request);
  }

  /** One decision after executeIfFresh() answered undefined: loads what it needs (no second fresh check). */
  async executeLoading(caller: Caller, request: AuthorizeRequest): Promise<AuthorizeOutcome> {
    return (await this.executeBatch(caller, [request], false))[0];
  }

  /**
   * Synchronous fast path of execute(): the decision when every snapshot it needs is fresh in the
   * cache (no Map, no closure per account, no Promise); undefined when a snapshot must be
   * (re)loaded, in which case executeBatch() decides. Throws what executeBatch() would reject with.
   */
  executeIfFresh(caller: Caller, request: AuthorizeRequest): AuthorizeOutcome | undefined {
    const p = prepareRequest(request);
    const { pRef, rRef } = p;
    if (caller.kind === 'principal') this.requireOwnAccount(caller, p);
    let pLookup: SnapshotLookup | undefined;
    let kLookup: SnapshotLookup | undefined;
    let keyAccount: string | undefined;
    if (pRef) {
      // INVARIANT: the same peeks, with the same revision floors, as fetch().
      pLookup = this.deps.cache.peek(pRef.accountId, principalFloorOf(p));
      if (!pLookup) return undefined;
      if (rRef.kind === 'key' && rRef.ref.accountId !== pRef.accountId) {
        keyAccount = rRef.ref.accountId;
        kLookup = this.deps.cache.peek(keyAccount, keyFloorOf(p));
        if (!kLookup) return undefined;
      }
    }
    const pAccount = pRef?.accountId;
    const lookup = (accountId: string): SnapshotLookup =>
      (accountId === pAccount ? pLookup : accountId === keyAccount ? kLookup : undefined) ?? unavailable(accountId);
    if (caller.kind === 'principal') this.requireSimulatePermission(caller, [p], lookup);
    const timeMs = this.deps.now();
    const env = { region: this.deps.region, timeMs, decide: this.decide, lookup };
    return this.finish(request, evaluateRequest(p, env), new Date(timeMs));
  }

  /** Up to MAX_BATCH_SIZE decisions against one consistent set of snapshots. */
  async executeBatch(caller: Caller, requests: readonly AuthorizeRequest[], isBatch = true): Promise<AuthorizeOutcome[]> {
    if (isBatch && requests.length > MAX_BATCH_SIZE) {
      throw errors.validation(`authorizeBatch accepts at most ${MAX_BATCH_SIZE} requests, got ${requests.length}.`);
    }
    const prepared = requests.map(prepareRequest);
    if (caller.kind === 'principal') for (const p of prepared) this.requireOwnAccount(caller, p);
    const lookups = await this.fetch(prepared);
    const lookup = (accountId: string) => lookups.get(accountId) ?? unavailable(accountId);
    if (caller.kind === 'principal') this.requireSimulatePermission(caller, prepared, lookup);
    const timeMs = this.deps.now();
    const env = { region: this.deps.region, timeMs, decide: this.decide, lookup };
    // One instant for the whole batch (the recorder only reads it).
    const decidedAt = new Date(timeMs);
    return prepared.map((p) => this.finish(p.req, evaluateRequest(p, env), decidedAt));
  }

  /** Snapshots of every account involved, each fetched once (synchronously when fresh). */
  private async fetch(prepared: readonly PreparedRequest[]): Promise<Map<string, SnapshotLookup>> {
    const wanted = new Map<string, bigint | undefined>();
    for (const p of prepared) {
      const ids = accountsOf(p);
      ids.forEach((id, i) => {
        const floor = i === 0 ? principalFloorOf(p) : keyFloorOf(p);
        const known = wanted.get(id);
        wanted.set(id, floor !== undefined && (known === undefined || floor > known) ? floor : known);
      });
    }
    const result = new Map<string, SnapshotLookup>();
    const pending: Promise<void>[] = [];
    for (const [id, atLeastRevision] of wanted) {
      const hit = this.deps.cache.peek(id, atLeastRevision);
      if (hit) result.set(id, hit);
      else pending.push(this.deps.cache.get(id, { atLeastRevision }).then((l) => void result.set(id, l)));
    }
    if (pending.length > 0) await Promise.all(pending);
    return result;
  }

  private requireOwnAccount(caller: PrincipalCaller, prepared: PreparedRequest): void {
    if (prepared.pRef?.accountId !== caller.accountId) throw denyCaller(caller, prepared.req.principalArn);
    // INVARIANT: a principal never learns about another tenant's account through a revision floor
    // (a stale deny would say whether it exists and how far its revision is): operator only.
    if (prepared.req.atLeastKeyRevision !== undefined && accountsOf(prepared).length === 2) {
      throw errors.accessDenied('atLeastKeyRevision for a key of another account needs the operator token.');
    }
  }

  /** A principal may evaluate principals of its account when it holds iam:SimulatePrincipalPolicy on them. */
  private requireSimulatePermission(caller: PrincipalCaller, prepared: readonly PreparedRequest[], lookup: (id: string) => SnapshotLookup): void {
    const own = lookup(caller.accountId);
    // Without trustworthy data nothing is revealed: every decision below is a stale deny anyway.
    if (own.status !== 'ok') return;
    const self = own.snapshot.principals.get(caller.arn);
    const checked = new Set<string>();
    for (const { req, pRef } of prepared) {
      const principalArn = req.principalArn;
      if (checked.has(principalArn)) continue;
      checked.add(principalArn);
      const target = resolvePrincipal(own.snapshot, principalArn, pRef!)?.iamArn ?? principalArn;
      if (!self || self.error) throw denyCaller(caller, target);
      const decision = this.decide({
        principal: self.facts,
        action: SIMULATE_PRINCIPAL,
        resource: target,
        resourceAccount: caller.accountId,
        identityPolicies: self.identityPolicies as AuthorizationRequest['identityPolicies'],
        ...(self.permissionsBoundary ? { permissionsBoundary: self.permissionsBoundary } : {}),
        timeMs: this.deps.now(),
        region: this.deps.region,
      });
      if (decision.decision !== 'ALLOWED') throw errors.accessDenied(decision.reason);
    }
  }

  /** The recorder's refusal; a recorder that throws refuses (fail closed, never an error). */
  private refusalOf(entries: number): string | undefined {
    try {
      return this.deps.recorder.refusal?.(entries);
    } catch {
      return 'The decision log could not say whether it can record this decision.';
    }
  }

  private finish(request: AuthorizeRequest, evaluated: EvaluatedOutcome, decidedAt: Date): AuthorizeOutcome {
    // Strict decision log: a decision whose entries the log cannot keep is a deny (fail closed).
    const refusal = this.refusalOf(evaluated.accounts.length);
    if (refusal !== undefined) return { ...denied(refusal).outcome, decisionId: this.newDecisionId() };
    const o = evaluated.outcome;
    const outcome: AuthorizeOutcome = {
      decision: o.decision,
      matchedStatements: o.matchedStatements,
      missingContextKeys: o.missingContextKeys,
      reason: o.reason,
      allowed: o.allowed,
      keyState: o.keyState,
      revision: o.revision,
      decisionId: this.newDecisionId(),
    };
    for (const { accountId, revision } of evaluated.accounts) {
      // INVARIANT: grant tokens never reach the decision log; context values are masked by the recorder.
      this.deps.recorder.record({
        decisionId: outcome.decisionId,
        accountId,
        decidedAt,
        revision,
        principalArn: request.principalArn,
        action: request.action,
        resource: request.resource,
        resolvedKeyArn: evaluated.resolvedKeyArn,
        decision: outcome.decision,
        allowed: outcome.allowed,
        matchedStatements: outcome.matchedStatements,
        reason: outcome.reason,
        context: request.context,
      });
    }
    return outcome;
  }
}

function unavailable(accountId: string): SnapshotLookup {
  return { status: 'unavailable', accountId, reason: `Authorization data for account ${accountId} is unavailable.` };
}

function denyCaller(caller: PrincipalCaller, target: string) {
  return errors.accessDenied(`User: ${caller.arn} is not authorized to perform: ${SIMULATE_PRINCIPAL} on resource: ${target}`);
}
