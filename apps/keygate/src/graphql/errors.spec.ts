import { DomainError, errors } from '@keygate/core';
import { GraphQLError } from 'graphql';
import { formatError, mercuriusErrorFormatter } from './errors';

const log = { debug: jest.fn(), error: jest.fn() };

function wrap(original: Error): GraphQLError {
  return new GraphQLError(original.message, { path: ['op'], originalError: original });
}

describe('GraphQL error mapping', () => {
  it('keeps DomainError codes and messages; findings travel for malformed policies', () => {
    const findings = [{ findingType: 'ERROR', issueCode: 'MISSING_EFFECT', message: 'm', path: 'Statement[0]' }];
    const [mapped] = formatError(wrap(errors.malformedPolicy('Syntax errors in policy.', findings)), log);
    expect(mapped).toEqual({ message: 'Syntax errors in policy.', path: ['op'], extensions: { code: 'MALFORMED_POLICY_DOCUMENT', findings } });
    for (const code of ['UNAUTHENTICATED', 'ACCESS_DENIED', 'NOT_FOUND', 'ALREADY_EXISTS', 'VALIDATION_ERROR', 'LIMIT_EXCEEDED', 'INVALID_STATE', 'DISABLED', 'THROTTLED', 'INTERNAL'] as const) {
      expect(formatError(wrap(new DomainError(code, 'x')), log)[0].extensions).toEqual({ code });
    }
  });

  it('hides unknown errors behind INTERNAL and logs them', () => {
    log.error.mockClear();
    const [mapped] = formatError(wrap(new Error('connection refused at 10.0.0.1 (secret)')), log);
    expect(mapped).toEqual({ message: 'Internal error.', path: ['op'], extensions: { code: 'INTERNAL' } });
    expect(log.error).toHaveBeenCalledTimes(1);
  });

  it('strips "Did you mean" suggestions from validation errors', () => {
    const inner = new GraphQLError('Cannot query field "authoriz" on type "Mutation". Did you mean "authorize"?');
    const wrapper = Object.assign(new Error('Graphql validation error'), { code: 'MER_ERR_GQL_VALIDATION', statusCode: 400, errors: [inner] });
    const out = mercuriusErrorFormatter({ errors: [wrap(wrapper)] }, { reply: { log } });
    expect(out.statusCode).toBe(400);
    expect(out.response.errors).toEqual([{ message: 'Cannot query field "authoriz" on type "Mutation".', extensions: { code: 'VALIDATION_ERROR' } }]);
  });

  it('answers an oversized body with 413 LIMIT_EXCEEDED', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 });
    const out = mercuriusErrorFormatter({ errors: [new GraphQLError(tooLarge.message, { originalError: tooLarge })] }, { reply: { log } });
    expect(out.statusCode).toBe(413);
    expect(out.response.errors[0].extensions).toEqual({ code: 'LIMIT_EXCEEDED' });
  });
});
