import { findingsOf, identity } from './validation.fixture';

describe('action checks', () => {
  it('rejects actions without a service prefix', () => {
    expect(findingsOf(identity({ Action: 'Encrypt' }))).toEqual(['ERROR INVALID_ACTION @Statement[0].Action']);
    expect(findingsOf(identity({ Action: 'kms: Encrypt' }))).toEqual(['ERROR INVALID_ACTION @Statement[0].Action']);
  });
  it('only warns about unknown services and actions (DECISIONS 3)', () => {
    expect(findingsOf(identity({ Action: ['fsx:ListBucket', 'nosuchservice:Do'] }))).toEqual([
      'WARNING INVALID_ACTION @Statement[0].Action[0]',
      'WARNING INVALID_SERVICE_IN_ACTION @Statement[0].Action[1]',
    ]);
  });
  it('accepts known actions in any case and wildcards that match something', () => {
    expect(findingsOf(identity({ Action: ['KMS:encrypt', 'kms:Get*', 'kms:*', '*'] }))).toEqual([]);
    expect(findingsOf(identity({ Action: 'kms:Nothing*' }))).toEqual(['WARNING INVALID_ACTION @Statement[0].Action']);
  });
  it('rejects variables in actions and suggests fixes for redundancy and service wildcards', () => {
    expect(findingsOf(identity({ Action: 'kms:${aws:username}' }))).toEqual(['ERROR VARIABLE_UNSUPPORTED_IN_ELEMENT @Statement[0].Action']);
    expect(findingsOf(identity({ Action: ['kms:Encrypt', 'kms:encrypt'] }))).toEqual(['SUGGESTION REDUNDANT_ACTION @Statement[0].Action[1]']);
    expect(findingsOf(identity({ Action: 'km*:Encrypt' }))).toEqual(['SUGGESTION WILDCARD_IN_SERVICE_NAME @Statement[0].Action']);
  });
});
