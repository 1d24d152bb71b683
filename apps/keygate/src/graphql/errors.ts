/**
 * The one place where errors become GraphQL errors (ARCHITECTURE rule 4).
 * DomainError codes map through one exhaustive switch; anything unknown becomes INTERNAL with a
 * generic message and a server-side log line. No stack trace leaves the process.
 */
import { DomainError, type ErrorCode } from '@keygate/core';
import type { FastifyBaseLogger } from 'fastify';
import type { ExecutionResult, GraphQLError, GraphQLFormattedError } from 'graphql';

/** Extensions of a mapped DomainError. */
export function domainErrorExtensions(error: DomainError): Record<string, unknown> {
  const code: ErrorCode = error.code;
  switch (code) {
    case 'MALFORMED_POLICY_DOCUMENT':
      return { code, findings: error.details?.findings ?? [] };
    case 'THROTTLED': {
      // errors.throttled() always sets it: whole seconds (>= 1), also sent as the Retry-After header.
      const retryAfterSeconds = error.details?.retryAfterSeconds;
      return typeof retryAfterSeconds === 'number' ? { code, retryAfterSeconds } : { code };
    }
    case 'UNAUTHENTICATED':
    case 'ACCESS_DENIED':
    case 'NOT_FOUND':
    case 'ALREADY_EXISTS':
    case 'VALIDATION_ERROR':
    case 'LIMIT_EXCEEDED':
    case 'INVALID_STATE':
    case 'DISABLED':
    case 'INTERNAL':
      return { code };
    default: {
      const unreachable: never = code;
      return { code: 'INTERNAL', unmapped: String(unreachable) };
    }
  }
}

interface HttpLikeError {
  code?: string;
  statusCode?: number;
  message: string;
  errors?: unknown[];
}

type Logger = Pick<FastifyBaseLogger, 'debug' | 'error'>;
const INTERNAL_MESSAGE = 'Internal error.';

// INVARIANT: validation messages never reveal schema names the caller did not write.
function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean .*$/s, '');
}

function formatted(error: GraphQLError, message: string, extensions: Record<string, unknown>): GraphQLFormattedError {
  return {
    message,
    ...(error.locations ? { locations: error.locations } : {}),
    ...(error.path ? { path: error.path } : {}),
    extensions,
  };
}

/** A transport error (fastify body parser, mercurius routing): 4xx keeps its safe message. */
function transportError(error: GraphQLError, original: HttpLikeError, log: Logger): GraphQLFormattedError {
  if (original.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return formatted(error, 'Request body is too large.', { code: 'LIMIT_EXCEEDED' });
  }
  if (original.statusCode && original.statusCode >= 400 && original.statusCode < 500) {
    return formatted(error, withoutSuggestions(original.message), { code: 'VALIDATION_ERROR' });
  }
  log.error({ err: original }, 'unexpected transport error');
  return formatted(error, INTERNAL_MESSAGE, { code: 'INTERNAL' });
}

/** Maps one GraphQL error (possibly wrapping several validation errors) to client-safe errors. */
export function formatError(error: GraphQLError, log: Logger): GraphQLFormattedError[] {
  const original = error.originalError as (Error & HttpLikeError) | undefined;
  if (original instanceof DomainError) {
    log.debug({ code: original.code, path: error.path }, original.message);
    return [formatted(error, original.message, domainErrorExtensions(original))];
  }
  if (original && Array.isArray(original.errors)) {
    // mercurius wraps parse, validation, depth and variable errors in MER_ERR_GQL_VALIDATION.
    return original.errors.map((inner) => {
      const gql = inner as GraphQLError;
      return formatted(gql, withoutSuggestions(gql.message), { code: 'VALIDATION_ERROR' });
    });
  }
  if (!original) {
    if (!error.path) return [formatted(error, withoutSuggestions(error.message), { code: 'VALIDATION_ERROR' })];
    log.error({ path: error.path, message: error.message }, 'graphql execution error');
    return [formatted(error, INTERNAL_MESSAGE, { code: 'INTERNAL' })];
  }
  if (original.statusCode !== undefined || original.code?.startsWith('FST_') || original.code?.startsWith('MER_')) {
    return [transportError(error, original, log)];
  }
  log.error({ err: original, path: error.path }, 'unhandled error in resolver');
  return [formatted(error, INTERNAL_MESSAGE, { code: 'INTERNAL' })];
}

/** The HTTP status for an execution that failed before producing data (mercurius' semantics). */
function statusCodeOf(execution: ExecutionResult & { statusCode?: number }): number {
  if (execution.data) return 200;
  if (execution.statusCode !== undefined) return execution.statusCode;
  const only = execution.errors?.length === 1 ? (execution.errors[0].originalError as HttpLikeError | undefined) : undefined;
  return typeof only?.statusCode === 'number' ? only.statusCode : 200;
}

/** mercurius `errorFormatter`. */
export function mercuriusErrorFormatter(
  execution: ExecutionResult & { statusCode?: number },
  context: { reply?: { log: Logger }; app?: { log: Logger } },
): { statusCode: number; response: { data: unknown; errors: GraphQLFormattedError[] } } {
  const log = (context?.reply?.log ?? context?.app?.log)!;
  const errors = (execution.errors ?? []).flatMap((error) => formatError(error, log));
  return { statusCode: statusCodeOf(execution), response: { data: execution.data ?? null, errors } };
}
