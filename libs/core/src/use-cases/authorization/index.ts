/** authorize, authorizeBatch, simulateCustomPolicy and accountRevision. */

/** AuthorizeUseCase (single and batch, MAX_BATCH_SIZE) over the snapshot cache. */
export * from './authorize.use-case';
/** Request and outcome types of authorize. */
export type { AuthorizeOutcome, AuthorizeRequest } from './authorize-outcome';
/** evaluateRequest: pure evaluation of one request against snapshot lookups. */
export { evaluateRequest, accountsOf, prepareRequest } from './evaluate-request';
/** A request with its principal and resource parsed. */
export type { PreparedRequest, EvaluationEnv } from './evaluate-request';
/** Principal ARN parsing and resolution (root, user, role, assumed-role session). */
export * from './principal-resolution';
/** Resource parsing (key ARN, alias ARN, "*", other ARNs). */
export * from './resource-resolution';
/** SimulateCustomPolicyUseCase: the stateless simulator behind the API. */
export * from './simulate-custom-policy.use-case';
/** AccountRevisionUseCase: the current revision of an account. */
export * from './account-revision.use-case';
