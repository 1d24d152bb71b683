import { findingsOf, identity, keyPolicy } from './validation.fixture';

describe('resource checks', () => {
  it('requires "*" or an ARN', () => {
    expect(findingsOf(identity({ Resource: 'my-key' }))).toEqual(['ERROR INVALID_ARN_RESOURCE @Statement[0].Resource']);
    expect(findingsOf(keyPolicy({ Resource: 'my-key' }), 'resource')).toEqual(['WARNING INVALID_ARN_RESOURCE @Statement[0].Resource']);
    expect(findingsOf(identity({ Resource: 'arn:aws:kms:*:111122223333:key/*' }))).toEqual([]);
  });
  it('allows variables only in the resource part', () => {
    expect(findingsOf(identity({ Resource: 'arn:aws:s3:::bucket/${aws:username}/*' }))).toEqual([]);
    expect(findingsOf(identity({ Resource: 'arn:aws:kms:us-east-1:${aws:PrincipalAccount}:key/*' }))).toEqual(['ERROR VARIABLE_UNSUPPORTED_IN_ELEMENT @Statement[0].Resource']);
  });
  it('flags repeated resources', () => {
    expect(findingsOf(identity({ Resource: ['*', '*'] }))).toEqual(['SUGGESTION REDUNDANT_RESOURCE @Statement[0].Resource[1]']);
  });
});
