import { ACCESS_KEY_ID_PATTERN, generateAccessKey, hashSecret, secretMatches, tokensEqual } from './credentials';

describe('access key credentials', () => {
  it('generates AWS-shaped ids and 40-character secrets, unique per call', () => {
    const a = generateAccessKey();
    const b = generateAccessKey();
    expect(a.accessKeyId).toMatch(ACCESS_KEY_ID_PATTERN);
    expect(a.secretAccessKey).toHaveLength(40);
    expect(a.accessKeyId).not.toBe(b.accessKeyId);
    expect(a.secretAccessKey).not.toBe(b.secretAccessKey);
    expect(a.secretHash).toBe(hashSecret(a.secretAccessKey));
    expect(a.secretHash).not.toContain(a.secretAccessKey);
  });

  it('matches only the right secret', () => {
    const key = generateAccessKey();
    expect(secretMatches(key.secretAccessKey, key.secretHash)).toBe(true);
    expect(secretMatches(`${key.secretAccessKey}x`, key.secretHash)).toBe(false);
    expect(secretMatches(key.secretAccessKey, 'not-hex')).toBe(false);
  });

  it('compares tokens of any length', () => {
    expect(tokensEqual('abc', 'abc')).toBe(true);
    expect(tokensEqual('abc', 'abcd')).toBe(false);
    expect(tokensEqual('', 'abc')).toBe(false);
  });
});
