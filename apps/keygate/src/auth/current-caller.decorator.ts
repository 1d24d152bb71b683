/** Resolver parameter decorators and helpers that make the operator/principal split explicit. */
import type { Caller, OperatorCaller, PrincipalCaller } from '@keygate/core/auth';
import { errors } from '@keygate/core';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { KeygateContext } from './keygate-context';

/** The authenticated caller (operator or principal) of the current request. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  // The GraphQL context is the third resolver argument (root, args, context, info).
  const caller = context.getArgByIndex<KeygateContext>(2).caller;
  if (!caller) throw errors.unauthenticated();
  return caller;
});

/** Narrows to a principal; the operator token gets ACCESS_DENIED (it is no principal of any account). */
export function requirePrincipal(caller: Caller, action: string): PrincipalCaller {
  if (caller.kind === 'principal') return caller;
  throw errors.accessDenied(
    `User: operator is not authorized to perform: ${action} because the operator token is not a principal of any account`,
  );
}

/** Narrows to the operator; principals get ACCESS_DENIED. */
export function requireOperator(caller: Caller, action: string): OperatorCaller {
  if (caller.kind === 'operator') return caller;
  throw errors.accessDenied(`User: ${caller.arn} is not authorized to perform: ${action} because only the operator token may call it`);
}
