import { compileCondition } from './compile-condition';
import { evaluateCondition } from './evaluate-condition';

type Ctx = Record<string, string[]>;
function check(operator: string, key: string, values: string | string[], ctx: Ctx, variables = true): boolean {
  const c = compileCondition(operator, key, Array.isArray(values) ? values : [values], variables);
  const map = new Map(Object.entries(ctx).map(([k, v]) => [k.toLowerCase(), v]));
  return evaluateCondition(c, map);
}

describe('string operators', () => {
  it('StringEquals is exact and case-sensitive; * is literal', () => {
    expect(check('StringEquals', 'aws:username', 'alice', { 'aws:username': ['alice'] })).toBe(true);
    expect(check('StringEquals', 'aws:username', 'Alice', { 'aws:username': ['alice'] })).toBe(false);
    expect(check('StringEquals', 'aws:username', 'a*', { 'aws:username': ['alice'] })).toBe(false);
  });
  it('StringEqualsIgnoreCase and StringNotEqualsIgnoreCase', () => {
    expect(check('StringEqualsIgnoreCase', 'k:x', 'ABC', { 'k:x': ['abc'] })).toBe(true);
    expect(check('StringNotEqualsIgnoreCase', 'k:x', 'ABC', { 'k:x': ['abc'] })).toBe(false);
  });
  it('StringLike supports * and ?', () => {
    expect(check('StringLike', 'k:x', 'ab*', { 'k:x': ['abcd'] })).toBe(true);
    expect(check('StringLike', 'k:x', 'a?c', { 'k:x': ['abbc'] })).toBe(false);
    expect(check('StringNotLike', 'k:x', 'ab*', { 'k:x': ['abcd'] })).toBe(false);
  });
  it('several values are OR for positive operators and NOR for negated ones', () => {
    expect(check('StringEquals', 'k:x', ['a', 'b'], { 'k:x': ['b'] })).toBe(true);
    expect(check('StringNotEquals', 'k:x', ['a', 'b'], { 'k:x': ['b'] })).toBe(false);
    expect(check('StringNotEquals', 'k:x', ['a', 'b'], { 'k:x': ['c'] })).toBe(true);
  });
  it('condition key names are case-insensitive', () => {
    expect(check('StringEquals', 'KMS:ViaService', 'ec2.us-east-1.amazonaws.com', { 'kms:viaservice': ['ec2.us-east-1.amazonaws.com'] })).toBe(true);
  });
});

describe('missing keys and IfExists', () => {
  it('a positive operator is false and a negated one true on a missing key', () => {
    expect(check('StringEquals', 'k:x', 'a', {})).toBe(false);
    expect(check('StringNotEquals', 'k:x', 'a', {})).toBe(true);
    expect(check('NotIpAddress', 'aws:SourceIp', '10.0.0.0/8', {})).toBe(true);
    expect(check('NumericNotEquals', 'k:n', '1', {})).toBe(true);
  });
  it('IfExists is true on a missing key and evaluates normally otherwise', () => {
    expect(check('StringEqualsIfExists', 'k:x', 'a', {})).toBe(true);
    expect(check('StringEqualsIfExists', 'k:x', 'a', { 'k:x': ['b'] })).toBe(false);
    expect(check('BoolIfExists', 'aws:MultiFactorAuthPresent', 'false', {})).toBe(true);
  });
  it('a plain operator on a key with several request values does not match', () => {
    expect(check('StringEquals', 'aws:TagKeys', 'a', { 'aws:tagkeys': ['a', 'b'] })).toBe(false);
    expect(check('StringNotEquals', 'aws:TagKeys', 'c', { 'aws:tagkeys': ['a', 'b'] })).toBe(false);
  });
});

describe('set operators', () => {
  const keys = { 'kms:encryptioncontextkeys': ['Department', 'Project'] };
  it('ForAllValues: every request value must match; vacuously true when missing or empty', () => {
    expect(check('ForAllValues:StringEquals', 'kms:EncryptionContextKeys', ['Department', 'Project', 'X'], keys)).toBe(true);
    expect(check('ForAllValues:StringEquals', 'kms:EncryptionContextKeys', ['Department'], keys)).toBe(false);
    expect(check('ForAllValues:StringEquals', 'kms:EncryptionContextKeys', ['Department'], {})).toBe(true);
    expect(check('ForAllValues:StringEquals', 'kms:EncryptionContextKeys', ['Department'], { 'kms:encryptioncontextkeys': [''] })).toBe(true);
  });
  it('ForAnyValue: one request value suffices; false when missing', () => {
    expect(check('ForAnyValue:StringEquals', 'kms:EncryptionContextKeys', ['Project'], keys)).toBe(true);
    expect(check('ForAnyValue:StringEquals', 'kms:EncryptionContextKeys', ['Other'], keys)).toBe(false);
    expect(check('ForAnyValue:StringEquals', 'kms:EncryptionContextKeys', ['Project'], {})).toBe(false);
  });
  it('negated set operators test each request value with NOR', () => {
    expect(check('ForAllValues:StringNotEquals', 'aws:TagKeys', ['secret'], { 'aws:tagkeys': ['a', 'b'] })).toBe(true);
    expect(check('ForAllValues:StringNotEquals', 'aws:TagKeys', ['secret'], { 'aws:tagkeys': ['a', 'secret'] })).toBe(false);
    expect(check('ForAnyValue:StringNotEquals', 'aws:TagKeys', ['a'], { 'aws:tagkeys': ['a', 'b'] })).toBe(true);
  });
  it('an empty policy value list: ForAnyValue never, ForAllValues only when the key is missing', () => {
    expect(check('ForAnyValue:StringEquals', 'aws:TagKeys', [], { 'aws:tagkeys': ['a'] })).toBe(false);
    expect(check('ForAllValues:StringEquals', 'aws:TagKeys', [], { 'aws:tagkeys': ['a'] })).toBe(false);
    expect(check('ForAllValues:StringEquals', 'aws:TagKeys', [], {})).toBe(true);
  });
});

describe('Null', () => {
  it('true means absent, false means present', () => {
    expect(check('Null', 'k:x', 'true', {})).toBe(true);
    expect(check('Null', 'k:x', 'true', { 'k:x': ['v'] })).toBe(false);
    expect(check('Null', 'k:x', 'false', { 'k:x': ['v'] })).toBe(true);
    expect(check('Null', 'k:x', 'false', {})).toBe(false);
  });
  it('with a set qualifier: ForAllValues always true, ForAnyValue always false', () => {
    expect(check('ForAllValues:Null', 'k:x', 'false', {})).toBe(true);
    expect(check('ForAnyValue:Null', 'k:x', 'true', {})).toBe(false);
  });
  it('NullIfExists and unknown operators never match', () => {
    expect(check('NullIfExists', 'k:x', 'true', {})).toBe(false);
    expect(check('StringEqualz', 'k:x', 'a', { 'k:x': ['a'] })).toBe(false);
  });
});

describe('numeric, date, bool, binary, IP, ARN', () => {
  it('Numeric comparisons', () => {
    expect(check('NumericLessThan', 'k:n', '10', { 'k:n': ['9.5'] })).toBe(true);
    expect(check('NumericLessThanEquals', 'k:n', '10', { 'k:n': ['10'] })).toBe(true);
    expect(check('NumericGreaterThan', 'k:n', '10', { 'k:n': ['10'] })).toBe(false);
    expect(check('NumericGreaterThanEquals', 'k:n', '10', { 'k:n': ['11'] })).toBe(true);
    expect(check('NumericEquals', 'k:n', '1.0', { 'k:n': ['1'] })).toBe(true);
    expect(check('NumericEquals', 'k:n', 'abc', { 'k:n': ['1'] })).toBe(false);
    expect(check('NumericEquals', 'k:n', '1', { 'k:n': ['x'] })).toBe(false);
  });
  it('Date with ISO-8601 and epoch seconds', () => {
    const now = { 'aws:currenttime': ['2026-01-01T00:00:00Z'], 'aws:epochtime': ['1767225600'] };
    expect(check('DateLessThan', 'aws:CurrentTime', '2026-06-01T00:00:00Z', now)).toBe(true);
    expect(check('DateGreaterThan', 'aws:CurrentTime', '2026-06-01', now)).toBe(false);
    expect(check('DateEquals', 'aws:EpochTime', '2026-01-01T00:00:00Z', now)).toBe(true);
    expect(check('DateLessThanEquals', 'aws:CurrentTime', '1767225600', now)).toBe(true);
    expect(check('DateNotEquals', 'aws:CurrentTime', '1767225601', now)).toBe(true);
  });
  it('Bool accepts true/false in any case', () => {
    expect(check('Bool', 'aws:SecureTransport', 'TRUE', { 'aws:securetransport': ['true'] })).toBe(true);
    expect(check('Bool', 'aws:SecureTransport', 'false', { 'aws:securetransport': ['true'] })).toBe(false);
  });
  it('BinaryEquals compares the base64 value exactly', () => {
    expect(check('BinaryEquals', 'k:b', 'QmluYXJ5', { 'k:b': ['QmluYXJ5'] })).toBe(true);
    expect(check('BinaryEquals', 'k:b', 'QmluYXJ5', { 'k:b': ['qmluYXJ5'] })).toBe(false);
  });
  it('IpAddress with IPv4, IPv6 and bare addresses', () => {
    expect(check('IpAddress', 'aws:SourceIp', '203.0.113.0/24', { 'aws:sourceip': ['203.0.113.7'] })).toBe(true);
    expect(check('IpAddress', 'aws:SourceIp', '203.0.113.7', { 'aws:sourceip': ['203.0.113.8'] })).toBe(false);
    expect(check('IpAddress', 'aws:SourceIp', '2001:db8::/32', { 'aws:sourceip': ['2001:db8::1'] })).toBe(true);
    expect(check('IpAddress', 'aws:SourceIp', '2001:db8::/32', { 'aws:sourceip': ['203.0.113.7'] })).toBe(false);
    expect(check('NotIpAddress', 'aws:SourceIp', '10.0.0.0/8', { 'aws:sourceip': ['10.1.2.3'] })).toBe(false);
    expect(check('IpAddress', 'aws:SourceIp', 'not-an-ip', { 'aws:sourceip': ['10.1.2.3'] })).toBe(false);
  });
  it('Arn operators compare part by part, case-sensitively', () => {
    const ctx = { 'aws:principalarn': ['arn:aws:iam::111122223333:role/Admin'] };
    expect(check('ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::*:role/Adm*', ctx)).toBe(true);
    expect(check('ArnEquals', 'aws:PrincipalArn', 'arn:aws:iam::111122223333:role/admin', ctx)).toBe(false);
    expect(check('ArnLike', 'aws:PrincipalArn', 'arn:aws:*:role/Admin', ctx)).toBe(false);
    expect(check('ArnNotLike', 'aws:PrincipalArn', 'arn:aws:iam::111122223333:role/*', ctx)).toBe(false);
  });
});

describe('policy variables in condition values', () => {
  const ctx = { 'aws:username': ['alice'], 'aws:principaltag/team': ['red'], 'k:x': ['alice'], 'k:y': ['red-team'] };
  it('substitutes variables under 2012-10-17 only', () => {
    expect(check('StringEquals', 'k:x', '${aws:username}', ctx)).toBe(true);
    expect(check('StringEquals', 'k:x', '${aws:username}', ctx, false)).toBe(false);
    expect(check('StringLike', 'k:y', '${aws:PrincipalTag/team}-*', ctx)).toBe(true);
  });
  it('an unresolvable variable matches nothing (negated operators then match)', () => {
    expect(check('StringEquals', 'k:x', '${aws:PrincipalTag/missing}', ctx)).toBe(false);
    expect(check('StringNotEquals', 'k:x', '${aws:PrincipalTag/missing}', ctx)).toBe(true);
  });
  it('substitutes variables in IgnoreCase, Bool and Arn operators', () => {
    const c = { ...ctx, 'aws:principalarn': ['arn:aws:iam::111122223333:user/alice'], 'k:flag': ['true'], 'aws:principaltag/flag': ['TRUE'] };
    expect(check('StringEqualsIgnoreCase', 'k:x', '${aws:PrincipalTag/team}', { ...c, 'k:x': ['RED'] })).toBe(true);
    expect(check('Bool', 'k:flag', '${aws:PrincipalTag/flag}', c)).toBe(true);
    expect(check('ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::*:user/${aws:username}', c)).toBe(true);
    expect(check('ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::*:user/${aws:userid}', c)).toBe(false);
    expect(check('StringLike', 'k:y', '${aws:userid}*', ctx)).toBe(false);
  });
  it('uses the default value when the key is absent', () => {
    expect(check('StringEquals', 'k:y', "${aws:PrincipalTag/dept, 'red-team'}", ctx)).toBe(true);
  });
});
