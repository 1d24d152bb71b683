import { findingsOf, identity, keyPolicy } from './validation.fixture';

describe('statement checks', () => {
  it('requires a valid Effect', () => {
    expect(findingsOf(identity({ Effect: undefined }))).toEqual(['ERROR MISSING_EFFECT @Statement[0]']);
    expect(findingsOf(identity({ Effect: 'allow' }))).toEqual(['ERROR INVALID_EFFECT @Statement[0].Effect']);
  });
  it('requires Action and Resource in identity policies', () => {
    expect(findingsOf(identity({ Action: undefined }))).toEqual(['ERROR MISSING_ACTION @Statement[0]']);
    expect(findingsOf(identity({ Resource: undefined }))).toEqual(['ERROR MISSING_RESOURCE @Statement[0]']);
  });
  it('rejects both members of an element pair', () => {
    expect(findingsOf(identity({ NotAction: 'kms:Decrypt' }))).toEqual(['ERROR UNSUPPORTED_ELEMENT_COMBINATION @Statement[0]']);
    expect(findingsOf(identity({ NotResource: 'arn:aws:kms:*:*:key/x' }))).toEqual(['ERROR UNSUPPORTED_ELEMENT_COMBINATION @Statement[0]']);
  });
  it('rejects a Principal in identity policies', () => {
    expect(findingsOf(identity({ Principal: '*' }))).toEqual(['ERROR UNSUPPORTED_PRINCIPAL @Statement[0].Principal']);
  });
  it('warns about Allow with NotPrincipal', () => {
    expect(findingsOf(keyPolicy({ Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } }), 'resource')).toEqual([
      'SECURITY_WARNING ALLOW_WITH_NOT_PRINCIPAL @Statement[0].NotPrincipal',
    ]);
  });
  it('suggests removing empty lists', () => {
    expect(findingsOf(identity({ Action: [] }))).toEqual(['SUGGESTION EMPTY_ARRAY_ACTION @Statement[0].Action']);
  });
});
