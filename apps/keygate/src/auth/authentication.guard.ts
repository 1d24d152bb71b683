/** Global guard: authenticates every GraphQL resolver call (once per HTTP request). */
import { Authenticator } from '@keygate/core/auth';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { type GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import type { KeygateContext } from './keygate-context';

@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(private readonly authenticator: Authenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // INVARIANT: HTTP routes (health) are public; every GraphQL operation needs a credential.
    if (context.getType<GqlContextType>() !== 'graphql') return true;
    const ctx = GqlExecutionContext.create(context).getContext<KeygateContext>();
    ctx.authentication ??= this.authenticator.authenticate(ctx.req.headers.authorization);
    ctx.caller = await ctx.authentication;
    return true;
  }
}
