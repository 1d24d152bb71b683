/**
 * Per-caller request throttling (reliability plan, bad input #48): one token per HTTP GraphQL
 * request, charged by AuthenticationGuard right after authentication, before any resolver runs.
 *
 * INVARIANT: keyed on the authenticated caller, never on the network address: a principal by its
 * ARN (which contains its account id, so no two tenants share a bucket; every access key of the
 * principal draws from the same one), the operator token by its own separately configured bucket.
 * Limits are in memory and per replica.
 */
import type { Caller } from '@keygate/core/auth';
import { DomainError, errors } from '@keygate/core';
import { DEFAULT_MAX_BUCKETS, retryAfterSeconds, TokenBucketLimiter } from '@keygate/core/throttling';

/** The limits (0 requests per second = unlimited). */
export interface CallerThrottleLimits {
  rateLimitPerSecond: number;
  rateLimitBurst: number;
  operatorRateLimitPerSecond: number;
  operatorRateLimitBurst: number;
}

const OPERATOR_KEY = 'operator';

function limiter(perSecond: number, burst: number, maxBuckets: number, now?: () => number): TokenBucketLimiter | undefined {
  return perSecond > 0 ? new TokenBucketLimiter({ ratePerSecond: perSecond, burst, maxBuckets, now }) : undefined;
}

/** Throttles principals and the operator token separately. */
export class CallerThrottle {
  /** undefined = the operator is not limited (the default): the guard skips the call entirely. */
  readonly operator: TokenBucketLimiter | undefined;
  private readonly principals: TokenBucketLimiter | undefined;

  constructor(limits: CallerThrottleLimits, now?: () => number) {
    this.principals = limiter(limits.rateLimitPerSecond, limits.rateLimitBurst, DEFAULT_MAX_BUCKETS, now);
    this.operator = limiter(limits.operatorRateLimitPerSecond, limits.operatorRateLimitBurst, 1, now);
  }

  /** Charges one request of `caller`: undefined when admitted, else the THROTTLED error to raise. */
  charge(caller: Caller): DomainError | undefined {
    const bucket = caller.kind === 'operator' ? this.operator : this.principals;
    if (bucket === undefined) return undefined;
    const waitMs = bucket.take(caller.kind === 'operator' ? OPERATOR_KEY : caller.arn);
    if (waitMs === 0) return undefined;
    const seconds = retryAfterSeconds(waitMs);
    // INVARIANT: the message names no caller, account or limit of anyone else.
    return errors.throttled(`Rate exceeded: this caller sent more requests than its rate limit allows; retry after ${seconds} second${seconds === 1 ? '' : 's'}.`, seconds);
  }
}
