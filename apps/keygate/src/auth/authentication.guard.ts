/** Global guard: authenticates every GraphQL resolver call (once per HTTP request) and charges the caller's rate limit. */
import { Authenticator, type Caller } from '@keygate/core/auth';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { GqlContextType } from '@nestjs/graphql';
import { CallerThrottle } from './caller-throttle';
import type { KeygateContext } from './keygate-context';

/** Index of the GraphQL context in a resolver's arguments (root, args, context, info). */
const GQL_CONTEXT_ARG = 2;

@Injectable()
export class AuthenticationGuard implements CanActivate {
  /**
   * The Authorization header that last proved to carry the operator token on each connection
   * (keep-alive clients send the same header on every request: no SHA-256 per request).
   * INVARIANT: a header is stored only after the constant-time check succeeded on that very
   * connection, so the plain string comparison below can reveal nothing about the token to a
   * connection that has not already presented it.
   */
  private readonly operatorHeaders = new WeakMap<object, string>();

  constructor(
    private readonly authenticator: Authenticator,
    private readonly throttle: CallerThrottle,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    // INVARIANT: HTTP routes (health) are public; every GraphQL operation needs a credential.
    if (context.getType<GqlContextType>() !== 'graphql') return true;
    const ctx = context.getArgByIndex<KeygateContext>(GQL_CONTEXT_ARG);
    if (ctx.caller) return true;
    // The operator token needs no I/O: no Promise for it (the common case of the authorize hot path).
    const operator = ctx.authentication ? undefined : this.operator(ctx);
    if (operator) {
      // The operator's limit is off by default: then nothing is charged (no call, no allocation).
      if (this.throttle.operator !== undefined) this.charge(ctx, operator);
      ctx.caller = operator;
      return true;
    }
    return this.authenticateOnce(ctx);
  }

  private operator(ctx: KeygateContext): Caller | undefined {
    const header = ctx.req.headers.authorization;
    const socket = ctx.req.raw.socket as object | undefined;
    if (header === undefined) return undefined;
    if (socket && this.operatorHeaders.get(socket) === header) return this.authenticator.operatorCaller;
    const operator = this.authenticator.operatorIfPresented(header);
    if (operator && socket) this.operatorHeaders.set(socket, header);
    return operator;
  }

  private async authenticateOnce(ctx: KeygateContext): Promise<boolean> {
    // INVARIANT: when no authentication is pending, operator() has just found the header not to carry
    // the operator token, so it is not hashed against the operator digest a second time.
    ctx.authentication ??= this.authenticateAndCharge(ctx);
    ctx.caller = await ctx.authentication;
    return true;
  }

  /** Memoized per request (ctx.authentication): every root field shares its one charge. */
  private async authenticateAndCharge(ctx: KeygateContext): Promise<Caller> {
    const caller = await this.authenticator.authenticateNonOperator(ctx.req.headers.authorization);
    this.charge(ctx, caller);
    return caller;
  }

  /**
   * Takes one token of the caller's bucket, or throws THROTTLED (with a Retry-After header) before
   * any resolver runs: a throttled request is not evaluated, logged as a decision or sent to the
   * database (only its authentication may read the access key, on a credential-cache miss).
   * INVARIANT: charged only after authentication succeeded, so nobody can spend another caller's
   * tokens by presenting its access key id without the secret.
   */
  private charge(ctx: KeygateContext, caller: Caller): void {
    // INVARIANT: one charge per HTTP request: further root fields of a throttled request get the same
    // error (a principal's rejection is also memoized in ctx.authentication).
    if (ctx.throttled) throw ctx.throttled;
    const throttled = this.throttle.charge(caller);
    if (throttled === undefined) return;
    ctx.throttled = throttled;
    ctx.reply?.header('retry-after', String(throttled.details?.retryAfterSeconds));
    throw throttled;
  }
}
