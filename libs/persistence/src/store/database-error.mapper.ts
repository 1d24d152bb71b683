import { DomainError, errors } from '@keygate/core';

/** Postgres SQLSTATE of a unique violation. */
const UNIQUE_VIOLATION = '23505';

/**
 * Turns whatever a unit of work threw into a DomainError. DomainErrors pass through unchanged;
 * a unique violation (a concurrent create won the race) becomes ALREADY_EXISTS; anything else
 * becomes INTERNAL. INVARIANT: the message never carries SQL, Prisma, table or column text; the
 * original error is kept only as the non-enumerable `cause` for logs.
 */
export function toDomainError(err: unknown): DomainError {
  if (err instanceof DomainError) return err;
  const mapped = isUniqueViolation(err)
    ? errors.alreadyExists('The object already exists.')
    : errors.internal('The request could not be completed because of a storage error.');
  Object.defineProperty(mapped, 'cause', { value: err, enumerable: false });
  return mapped;
}

/** True for Prisma's P2002, a raw query failing with 23505, or a node-postgres 23505 error. */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; meta?: { code?: unknown; driverAdapterError?: { cause?: { code?: unknown; originalCode?: unknown; kind?: unknown } } } };
  if (e.code === 'P2002' || e.code === UNIQUE_VIOLATION) return true;
  if (e.code === 'P2010' && e.meta?.code === UNIQUE_VIOLATION) return true;
  const cause = e.meta?.driverAdapterError?.cause;
  return cause?.kind === 'UniqueConstraintViolation' || cause?.originalCode === UNIQUE_VIOLATION;
}
