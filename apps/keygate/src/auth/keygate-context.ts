/** The per-request GraphQL context (mercurius creates one per HTTP request). */
import type { DomainError } from '@keygate/core';
import type { Caller } from '@keygate/core/auth';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface KeygateContext {
  req: FastifyRequest;
  reply: FastifyReply;
  /** Memoized authentication of this request (several root fields authenticate once). */
  authentication?: Promise<Caller>;
  /** Set by AuthenticationGuard before any resolver runs. */
  caller?: Caller;
  /** Set by AuthenticationGuard when this request was over its caller's rate limit (THROTTLED). */
  throttled?: DomainError;
}
