import { errors } from '@keygate/core';

/** An honest placeholder: the operation is in the contract but its feature has not landed yet. */
export function notImplemented(operation: string): never {
  throw errors.internal(`${operation} is not implemented yet`);
}
