import { findingsOf, identity, keyPolicy } from './validation.fixture';
import { analysePolicy } from '../compile/compile-policy';

describe('document checks', () => {
  it('accepts valid documents without findings', () => {
    expect(findingsOf(identity({}))).toEqual([]);
    expect(findingsOf(keyPolicy({}), 'resource')).toEqual([]);
  });
  it('requires Version 2012-10-17 in identity policies (DECISIONS 2)', () => {
    expect(findingsOf({ Statement: identity({}).Statement })).toEqual(['ERROR MISSING_VERSION @']);
    expect(findingsOf({ Version: '2008-10-17', Statement: identity({}).Statement })).toEqual(['ERROR INVALID_VERSION @Version']);
    expect(findingsOf({ Version: '2012-10-18', Statement: identity({}).Statement })).toEqual(['ERROR INVALID_VERSION @Version']);
  });
  it('only warns about a key policy without Version', () => {
    expect(findingsOf({ Statement: keyPolicy({}).Statement }, 'resource')).toEqual(['WARNING MISSING_VERSION @']);
  });
  it('uses the IAM wording for the version error', () => {
    const [finding] = analysePolicy(JSON.stringify({ Statement: identity({}).Statement }), 'identity').findings;
    expect(finding.message).toBe('Policy document must be version 2012-10-17 or greater.');
  });
  it('enforces the identity quota excluding whitespace and the key-policy quota in bytes', () => {
    const big = identity({ Sid: 'A'.repeat(6200) });
    expect(findingsOf(big)).toContain('ERROR POLICY_SIZE_EXCEEDED @');
    const spaced = JSON.stringify(identity({}), null, 2).replace(/\n/g, '\n' + ' '.repeat(2000));
    expect(findingsOf(spaced)).toEqual([]);
    expect(findingsOf(keyPolicy({ Sid: 'x'.repeat(33000) }), 'resource')).toContain('ERROR POLICY_SIZE_EXCEEDED @');
  });
  it('allows only TAB, LF, CR and U+0020-U+00FF', () => {
    expect(findingsOf(identity({ Sid: 'caf\u00e9' }))).not.toContain('ERROR INVALID_CHARACTER @');
    expect(findingsOf(identity({ Sid: 'x\u4e2d' }))).toContain('ERROR INVALID_CHARACTER @');
  });
  it('checks Sids: alphanumeric and unique in identity policies, free text in key policies', () => {
    expect(findingsOf(identity({ Sid: 'has space' }))).toContain('ERROR UNSUPPORTED_SID @Statement[0].Sid');
    expect(findingsOf(keyPolicy({ Sid: 'Enable IAM User Permissions' }), 'resource')).toEqual([]);
    const twice = { Version: '2012-10-17', Statement: [identity({ Sid: 'A' }).Statement, identity({ Sid: 'A' }).Statement].flat() };
    expect(findingsOf(twice)).toContain('ERROR UNIQUE_SIDS_REQUIRED @Statement[1].Sid');
    expect(findingsOf(identity({ Sid: '' }))).toContain('SUGGESTION EMPTY_SID_VALUE @Statement[0].Sid');
  });
});
