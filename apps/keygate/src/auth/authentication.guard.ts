/** Global guard: authenticates every GraphQL resolver call (once per HTTP request). */
import { Authenticator } from '@keygate/core/auth';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { GqlContextType } from '@nestjs/graphql';
import type { KeygateContext } from './keygate-context';

/** Index of the GraphQL context in a resolver's arguments (root, args, context, info). */
const GQL_CONTEXT_ARG = 2;

@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(private readonly authenticator: Authenticator) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    // INVARIANT: HTTP routes (health) are public; every GraphQL operation needs a credential.
    if (context.getType<GqlContextType>() !== 'graphql') return true;
    const ctx = context.getArgByIndex<KeygateContext>(GQL_CONTEXT_ARG);
    if (ctx.caller) return true;
    // The operator token needs no I/O: no Promise for it (the common case of the authorize hot path).
    const operator = ctx.authentication ? undefined : this.authenticator.operatorIfPresented(ctx.req.headers.authorization);
    if (operator) {
      ctx.caller = operator;
      return true;
    }
    return this.authenticateOnce(ctx);
  }

  private async authenticateOnce(ctx: KeygateContext): Promise<boolean> {
    ctx.authentication ??= this.authenticator.authenticate(ctx.req.headers.authorization);
    ctx.caller = await ctx.authentication;
    return true;
  }
}
