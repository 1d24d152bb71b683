import { findingsOf, keyPolicy } from './validation.fixture';

const withPrincipal = (p: unknown) => findingsOf(keyPolicy({ Principal: p }), 'resource');

describe('principal checks', () => {
  it('accepts every documented principal form', () => {
    expect(withPrincipal('*')).toEqual([]);
    expect(withPrincipal({ AWS: ['*', '111122223333', 'arn:aws:iam::111122223333:root', 'arn:aws:iam::111122223333:user/a/b', 'arn:aws:iam::111122223333:role/r', 'arn:aws:sts::111122223333:assumed-role/r/s', 'arn:aws:sts::111122223333:federated-user/f'] })).toEqual([]);
    expect(withPrincipal({ Service: ['logs.us-east-1.amazonaws.com'] })).toEqual([]);
  });
  it('rejects unknown principal keys and formats', () => {
    expect(withPrincipal({ Aws: '*' })).toEqual(['ERROR INVALID_PRINCIPAL_KEY @Statement[0].Principal.Aws']);
    expect(withPrincipal('arn:aws:iam::111122223333:root')).toEqual(['ERROR INVALID_PRINCIPAL_FORMAT @Statement[0].Principal']);
    expect(withPrincipal({ AWS: 'alice' })).toEqual(['ERROR INVALID_PRINCIPAL_FORMAT @Statement[0].Principal.AWS']);
    expect(withPrincipal({ AWS: 'arn:aws:iam::111122223333:group/g' })).toEqual(['ERROR INVALID_PRINCIPAL_FORMAT @Statement[0].Principal.AWS']);
  });
  it('rejects partial wildcards and variables', () => {
    expect(withPrincipal({ AWS: 'arn:aws:iam::111122223333:role/*' })).toEqual(['ERROR UNSUPPORTED_WILDCARD_IN_PRINCIPAL @Statement[0].Principal.AWS']);
    expect(withPrincipal({ AWS: 'arn:aws:iam::111122223333:user/${aws:username}' })).toEqual(['ERROR VARIABLE_UNSUPPORTED_IN_ELEMENT @Statement[0].Principal.AWS']);
  });
});
