import { DomainError } from '../../errors/domain-error';
import { iamArn, newUniqueId, parsePolicyArn, quoted, validGroupName, validPath, validPolicyName, validRoleName, validTags, validUserName } from './iam-names';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return (e as DomainError).code;
  }
}

describe('IAM names, paths, tags and ARNs', () => {
  it.each(['a', 'Alice_1+=,.@-', 'x'.repeat(64)])('accepts user and role name %p', (name) => {
    expect(validUserName(name)).toBe(name);
    expect(validRoleName(name)).toBe(name);
  });

  it.each(['', 'x'.repeat(65), 'with space', '\u0430lice', 'a/b', 'a*', "a';--", 'tab\t'])('rejects user and role name %p', (name) => {
    expect(codeOf(() => validUserName(name))).toBe('VALIDATION_ERROR');
    expect(codeOf(() => validRoleName(name))).toBe('VALIDATION_ERROR');
  });

  it('allows 128 characters for group and policy names, not 129', () => {
    expect(validGroupName('g'.repeat(128))).toHaveLength(128);
    expect(validPolicyName('p'.repeat(128))).toHaveLength(128);
    expect(codeOf(() => validGroupName('g'.repeat(129)))).toBe('VALIDATION_ERROR');
    expect(codeOf(() => validPolicyName('p'.repeat(129)))).toBe('VALIDATION_ERROR');
  });

  it('quotes the input in validation messages', () => {
    expect(() => validUserName('bad name')).toThrow('"bad name"');
    expect(quoted('x'.repeat(500))).toHaveLength(133);
  });

  it.each([
    [undefined, '/'],
    [null, '/'],
    ['/', '/'],
    ['/a/b/', '/a/b/'],
    [`/${'a'.repeat(510)}/`, `/${'a'.repeat(510)}/`],
  ])('accepts path %p as %p', (path, expected) => {
    expect(validPath(path)).toBe(expected);
  });

  it.each(['', 'a', '/a', 'a/', '/a b/', `/${'a'.repeat(511)}/`, '/\u00e9/'])('rejects path %p', (path) => {
    expect(codeOf(() => validPath(path))).toBe('VALIDATION_ERROR');
  });

  it('validates tags: count, key and value lengths, characters, reserved prefix, case-insensitive duplicates', () => {
    expect(validTags([{ key: 'Team', value: '' }, { key: 'cost center', value: 'a:b/c=d+e-f@g_h.i' }])).toHaveLength(2);
    expect(validTags(undefined)).toEqual([]);
    expect(codeOf(() => validTags(Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: '' }))))).toBe('LIMIT_EXCEEDED');
    expect(validTags(Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: '' })))).toHaveLength(50);
    for (const tag of [{ key: '', value: '' }, { key: 'k'.repeat(129), value: '' }, { key: 'k', value: 'v'.repeat(257) }, { key: 'a*b', value: '' }, { key: 'aws:x', value: '' }]) {
      expect(codeOf(() => validTags([tag]))).toBe('VALIDATION_ERROR');
    }
    expect(codeOf(() => validTags([{ key: 'A', value: '1' }, { key: 'a', value: '2' }]))).toBe('VALIDATION_ERROR');
  });

  it('parses policy ARNs of an account or of AWS, with paths', () => {
    expect(parsePolicyArn('arn:aws:iam::123456789012:policy/team/x/Read')).toEqual({ owner: '123456789012', path: '/team/x/', name: 'Read' });
    expect(parsePolicyArn('arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser')).toEqual({ owner: 'aws', path: '/', name: 'AWSKeyManagementServicePowerUser' });
    for (const arn of ['', 'Read', 'arn:aws:iam::123:policy/x', 'arn:aws:iam::123456789012:user/x', 'arn:aws:iam::123456789012:policy/', 'arn:aws-cn:iam::123456789012:policy/x']) {
      expect(codeOf(() => parsePolicyArn(arn))).toBe('VALIDATION_ERROR');
    }
  });

  it('generates unique ids with the IAM prefixes and builds ARNs with paths', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newUniqueId('AIDA')));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^AIDA[A-Z0-9]{17}$/);
    expect(newUniqueId('ANPA')).toMatch(/^ANPA[A-Z0-9]{17}$/);
    expect(iamArn('123456789012', 'user', '/', 'bob')).toBe('arn:aws:iam::123456789012:user/bob');
    expect(iamArn('123456789012', 'role', '/ci/deploy/', 'r')).toBe('arn:aws:iam::123456789012:role/ci/deploy/r');
  });
});
