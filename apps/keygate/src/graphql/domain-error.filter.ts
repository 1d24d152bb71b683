/**
 * Hands DomainErrors back to GraphQL untouched, so Nest does not log expected outcomes (denials,
 * validation) as server errors. graphql-js turns the returned Error into a field error, which
 * errors.ts then maps. Unknown errors keep Nest's default handling and are logged by errors.ts.
 */
import { DomainError } from '@keygate/core';
import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';

@Catch(DomainError)
export class DomainErrorFilter implements GqlExceptionFilter {
  catch(exception: DomainError): DomainError {
    return exception;
  }
}
