import { compilePolicyDocument } from '../compile/compile-policy';
import { findingsOf, identity, keyPolicy } from './validation.fixture';

const compile = (text: string) => compilePolicyDocument(text, { kind: 'identity', policyId: 'p', sourceType: 'IDENTITY' });

describe('structure checks', () => {
  it('reports JSON syntax errors with the IAM wording and no policy', () => {
    const r = compile('{"Version": "2012-10-17",');
    expect(r.policy).toBeUndefined();
    expect(r.findings[0].issueCode).toBe('JSON_SYNTAX_ERROR');
    expect(r.findings[0].message.startsWith('Syntax errors in policy.')).toBe(true);
  });
  it('has no policy for documents that are not policies', () => {
    expect(compile('[]').policy).toBeUndefined();
    expect(compile('{"Version":"2012-10-17"}').findings.map((f) => f.issueCode)).toEqual(['MISSING_STATEMENT']);
    expect(compile('{"Version":"2012-10-17","Statement":["x"]}').policy).toBeUndefined();
    expect(compile('{"Version":"2012-10-17","Statement":"x"}').policy).toBeUndefined();
  });
  it('still compiles documents with ERROR findings (DECISIONS 5)', () => {
    const r = compile(JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }] }));
    expect(r.policy?.version).toBe('2008-10-17');
    expect(r.findings.map((f) => f.findingType)).toEqual(['ERROR']);
  });
  it('accepts a single statement object, single strings and unquoted scalars', () => {
    const doc = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*', Condition: { NumericLessThan: { 'kms:ScheduleKeyDeletionPendingWindowInDays': 10 }, Bool: { 'aws:SecureTransport': true } } } };
    expect(findingsOf(doc)).toEqual([]);
  });
  it('flags unknown elements and keys differing only in case', () => {
    expect(findingsOf({ ...identity({}), Foo: 1 })).toEqual(['ERROR INVALID_POLICY_ELEMENT @Foo']);
    expect(findingsOf(identity({ action: 'x' }))).toContain('ERROR INVALID_POLICY_ELEMENT @Statement[0].action');
    expect(findingsOf(identity({ Condition: { StringEquals: { 'aws:username': 'a', 'AWS:UserName': 'b' } } }))).toContain(
      'ERROR DUPLICATE_KEYS_WITH_DIFFERENT_CASE @Statement[0].Condition.StringEquals',
    );
  });
  it('rejects exact duplicate keys as a syntax error', () => {
    expect(compile('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Effect":"Deny","Action":"*","Resource":"*"}}').policy).toBeUndefined();
  });
  it('flags non-string list members', () => {
    expect(findingsOf(identity({ Action: [{}] }))).toContain('ERROR INVALID_POLICY_ELEMENT @Statement[0].Action[0]');
  });
  it('checks key-policy statements', () => {
    const noPrincipal = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] };
    expect(findingsOf(noPrincipal, 'resource')).toEqual(['ERROR MISSING_PRINCIPAL @Statement[0]']);
    expect(findingsOf(keyPolicy({ Resource: undefined }), 'resource')).toEqual(['WARNING MISSING_RESOURCE @Statement[0]']);
  });
});
