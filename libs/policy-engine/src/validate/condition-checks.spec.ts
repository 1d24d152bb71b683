import { findingsOf, identity, keyPolicy } from './validation.fixture';

const cond = (c: unknown, kind: 'identity' | 'resource' = 'identity') => findingsOf(kind === 'identity' ? identity({ Condition: c }) : keyPolicy({ Condition: c }), kind);

describe('condition checks', () => {
  it('accepts well-formed conditions', () => {
    expect(cond({ StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' }, 'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': 'a' } })).toEqual([]);
  });
  it('rejects unknown operators and NullIfExists', () => {
    expect(cond({ StringEqualz: { 'aws:username': 'a' } })).toEqual(['ERROR INVALID_CONDITION_OPERATOR @Statement[0].Condition.StringEqualz']);
    expect(cond({ NullIfExists: { 'aws:username': 'true' } })).toEqual(['ERROR NULL_WITH_IF_EXISTS @Statement[0].Condition.NullIfExists']);
  });
  it('rejects malformed condition keys', () => {
    expect(cond({ StringEquals: { username: 'a' } })).toEqual(['ERROR INVALID_CONDITION_KEY_FORMAT @Statement[0].Condition.StringEquals.username']);
  });
  it('requires a qualifier for multi-valued keys', () => {
    expect(cond({ StringEquals: { 'aws:TagKeys': 'a' } })).toEqual(['WARNING MISSING_QUALIFIER @Statement[0].Condition.StringEquals.aws:TagKeys']);
  });
  it('flags ForAllValues with a single-valued key, as an error in key policies for KMS-rejected keys', () => {
    expect(cond({ 'ForAllValues:StringEquals': { 'aws:username': 'a' } })).toEqual([
      'SECURITY_WARNING FOR_ALL_VALUES_WITH_SINGLE_VALUED_KEY @Statement[0].Condition.ForAllValues:StringEquals.aws:username',
    ]);
    expect(cond({ 'ForAllValues:StringEquals': { 'kms:EncryptionContext:dept': 'a' } }, 'resource')).toEqual([
      'ERROR OVERLY_PERMISSIVE_CONDITION @Statement[0].Condition.ForAllValues:StringEquals.kms:EncryptionContext:dept',
    ]);
  });
  it('checks value types', () => {
    expect(cond({ NumericLessThan: { 'kms:ScheduleKeyDeletionPendingWindowInDays': 'ten' } })).toEqual([
      'ERROR DATA_TYPE_MISMATCH @Statement[0].Condition.NumericLessThan.kms:ScheduleKeyDeletionPendingWindowInDays',
    ]);
    expect(cond({ IpAddress: { 'aws:SourceIp': '300.1.1.1' } })).toEqual(['ERROR DATA_TYPE_MISMATCH @Statement[0].Condition.IpAddress.aws:SourceIp']);
    expect(cond({ DateLessThan: { 'aws:CurrentTime': 'tomorrow' } })).toEqual(['ERROR DATA_TYPE_MISMATCH @Statement[0].Condition.DateLessThan.aws:CurrentTime']);
    expect(cond({ Bool: { 'aws:SecureTransport': ['true', 'false'] } })).toEqual(['ERROR INVALID_CONDITION_MULTIPLE_BOOLEAN @Statement[0].Condition.Bool.aws:SecureTransport']);
  });
  it('checks where variables may appear', () => {
    expect(cond({ NumericLessThan: { 'kms:ScheduleKeyDeletionPendingWindowInDays': '${aws:username}' } })).toEqual([
      'ERROR INVALID_VARIABLE_FOR_OPERATOR @Statement[0].Condition.NumericLessThan.kms:ScheduleKeyDeletionPendingWindowInDays',
    ]);
    expect(cond({ StringEquals: { 'aws:PrincipalTag/${aws:username}': 'a' } })).toContain('ERROR VARIABLE_UNSUPPORTED_IN_ELEMENT @Statement[0].Condition.StringEquals.aws:PrincipalTag/${aws:username}');
  });
  it('warns about wildcards without a Like operator and type mismatches', () => {
    expect(cond({ StringEquals: { 'aws:username': 'a*' } })).toEqual(['WARNING WILDCARD_WITHOUT_LIKE_OPERATOR @Statement[0].Condition.StringEquals.aws:username']);
    expect(cond({ StringEquals: { 'aws:SourceIp': '10.0.0.1' } })).toEqual(['WARNING TYPE_MISMATCH @Statement[0].Condition.StringEquals.aws:SourceIp']);
  });
  it('suggests dropping set qualifiers on Null', () => {
    expect(cond({ 'ForAllValues:Null': { 'aws:TagKeys': 'true' } })).toEqual(['SUGGESTION NULL_WITH_QUALIFIER @Statement[0].Condition.ForAllValues:Null.aws:TagKeys']);
  });
});
