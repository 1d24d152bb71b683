/** Error codes of the published contract (extensions.code). One list, mapped to GraphQL in one place. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'ACCESS_DENIED'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'MALFORMED_POLICY_DOCUMENT'
  | 'VALIDATION_ERROR'
  | 'LIMIT_EXCEEDED'
  | 'INVALID_STATE'
  | 'DISABLED'
  | 'THROTTLED'
  | 'INTERNAL';

/**
 * The one exception type of the domain: "cannot answer" (bad input, missing object, storage down).
 * A deny of the authorize mutation is a value, never a DomainError.
 * Messages are one line; user input appears quoted.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra data for extensions (e.g. validation findings). Never secrets. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Shorthand constructors, so call sites read like the contract. */
export const errors = {
  unauthenticated: (message = 'Missing or invalid credentials.') => new DomainError('UNAUTHENTICATED', message),
  accessDenied: (message: string) => new DomainError('ACCESS_DENIED', message),
  notFound: (message: string) => new DomainError('NOT_FOUND', message),
  alreadyExists: (message: string) => new DomainError('ALREADY_EXISTS', message),
  malformedPolicy: (message: string, findings: unknown[]) =>
    new DomainError('MALFORMED_POLICY_DOCUMENT', message, { findings }),
  validation: (message: string) => new DomainError('VALIDATION_ERROR', message),
  limitExceeded: (message: string) => new DomainError('LIMIT_EXCEEDED', message),
  invalidState: (message: string) => new DomainError('INVALID_STATE', message),
  disabled: (message: string) => new DomainError('DISABLED', message),
  /** Over a rate limit; retryAfterSeconds (integer >= 1) becomes extensions.retryAfterSeconds. */
  throttled: (message: string, retryAfterSeconds: number) => new DomainError('THROTTLED', message, { retryAfterSeconds }),
  internal: (message = 'Internal error.') => new DomainError('INTERNAL', message),
};
