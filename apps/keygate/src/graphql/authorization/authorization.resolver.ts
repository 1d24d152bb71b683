/** authorize, authorizeBatch, simulateCustomPolicy, accountRevision: thin mapping to the use cases. */
import type { Caller } from '@keygate/core/auth';
import { errors } from '@keygate/core';
import {
  AccountRevisionUseCase,
  type AuthorizeOutcome,
  type AuthorizeRequest,
  AuthorizeUseCase,
  SimulateCustomPolicyUseCase,
} from '@keygate/core/use-cases/authorization';
import type { AuthorizationDecision } from '@keygate/policy-engine';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { Decision, KeyState } from '../common/enums';
import { AccountRevisionInput, AuthorizationResult, AuthorizeInput, type MatchedStatement, SimulateCustomPolicyInput } from './authorization.types';

const REVISION = /^\d{1,19}$/;

function toRequest(input: AuthorizeInput): AuthorizeRequest {
  const request: AuthorizeRequest = { principalArn: input.principalArn, action: input.action, resource: input.resource };
  if (input.context) request.context = input.context.map((c) => ({ key: c.key, values: c.values }));
  if (input.grantTokens) request.grantTokens = input.grantTokens;
  const atLeastRevision = revisionOf('atLeastRevision', input.atLeastRevision);
  if (atLeastRevision !== undefined) request.atLeastRevision = atLeastRevision;
  const atLeastKeyRevision = revisionOf('atLeastKeyRevision', input.atLeastKeyRevision);
  if (atLeastKeyRevision !== undefined) request.atLeastKeyRevision = atLeastKeyRevision;
  return request;
}

function revisionOf(field: string, value: string | null | undefined): bigint | undefined {
  if (value === undefined || value === null) return undefined;
  if (!REVISION.test(value)) throw errors.validation(`${field} must be a decimal revision number, got "${value.slice(0, 40)}".`);
  return BigInt(value);
}

// INVARIANT: the engine's MatchedStatement has the GraphQL type's fields with the same enum values
// (sid absent = null), so the decision's list is returned as is instead of copied per statement.
function toResult(d: AuthorizationDecision | AuthorizeOutcome): AuthorizationResult {
  const outcome = d as Partial<AuthorizeOutcome>;
  return {
    decision: d.decision as Decision,
    allowed: outcome.allowed ?? d.decision === 'ALLOWED',
    reason: d.reason,
    matchedStatements: d.matchedStatements as unknown as MatchedStatement[],
    missingContextKeys: d.missingContextKeys,
    keyState: (outcome.keyState as KeyState | undefined) ?? null,
    decisionId: outcome.decisionId ?? null,
    revision: outcome.revision !== undefined ? String(outcome.revision) : null,
  };
}

@Resolver()
export class AuthorizationResolver {
  constructor(
    private readonly authorizeUseCase: AuthorizeUseCase,
    private readonly simulateUseCase: SimulateCustomPolicyUseCase,
    private readonly revisionUseCase: AccountRevisionUseCase,
  ) {}

  @Mutation(() => AuthorizationResult)
  authorize(@CurrentCaller() caller: Caller, @Args('input') input: AuthorizeInput): AuthorizationResult | Promise<AuthorizationResult> {
    const request = toRequest(input);
    // Fresh snapshots (the common case) decide synchronously: no Promise of our own per request.
    // INVARIANT: a synchronous throw here becomes the same GraphQL error as a rejection (Nest's handler is async).
    const fresh = this.authorizeUseCase.executeIfFresh(caller, request);
    return fresh ? toResult(fresh) : this.authorizeUseCase.executeLoading(caller, request).then(toResult);
  }

  @Mutation(() => [AuthorizationResult])
  async authorizeBatch(@CurrentCaller() caller: Caller, @Args('inputs', { type: () => [AuthorizeInput] }) inputs: AuthorizeInput[]): Promise<AuthorizationResult[]> {
    return (await this.authorizeUseCase.executeBatch(caller, inputs.map(toRequest))).map(toResult);
  }

  @Query(() => AuthorizationResult)
  async simulateCustomPolicy(@CurrentCaller() caller: Caller, @Args('input') input: SimulateCustomPolicyInput): Promise<AuthorizationResult> {
    const decision = await this.simulateUseCase.execute(caller, {
      principalArn: input.principalArn,
      action: input.action,
      resource: input.resource,
      ...(input.resourceAccount ? { resourceAccount: input.resourceAccount } : {}),
      identityPolicies: input.identityPolicies,
      ...(input.resourcePolicy !== undefined && input.resourcePolicy !== null ? { resourcePolicy: input.resourcePolicy } : {}),
      ...(input.permissionsBoundaries ? { permissionsBoundaries: input.permissionsBoundaries } : {}),
      ...(input.context ? { context: input.context.map((c) => ({ key: c.key, values: c.values })) } : {}),
    });
    return toResult(decision);
  }

  @Query(() => String, { description: "The current revision of the caller's account (operator: of input.accountId); pass it to authorize as atLeastRevision." })
  async accountRevision(
    @CurrentCaller() caller: Caller,
    @Args('input', { type: () => AccountRevisionInput, nullable: true }) input?: AccountRevisionInput | null,
  ): Promise<string> {
    return String(await this.revisionUseCase.execute(caller, input?.accountId ?? undefined));
  }
}
