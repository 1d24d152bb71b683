import { parseArn } from './arn';
import { arnPatternMatches, compileArnPatternText, splitRequestArn } from './arn-pattern';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd';

function matches(pattern: string, arn: string, headInsensitive = true): boolean {
  return arnPatternMatches(compileArnPatternText(pattern, headInsensitive), splitRequestArn(arn, headInsensitive));
}

describe('ARN patterns', () => {
  it('parses ARNs on the first five colons', () => {
    expect(parseArn('arn:aws:kms:us-east-1:111122223333:alias/a:b')).toEqual({ partition: 'aws', service: 'kms', region: 'us-east-1', account: '111122223333', resource: 'alias/a:b' });
    expect(parseArn('arn:aws:kms')).toBeUndefined();
    expect(parseArn('not-an-arn')).toBeUndefined();
  });

  it('matches per part: wildcards cannot span the first five colons', () => {
    expect(matches('arn:aws:kms:*:111122223333:key/*', KEY)).toBe(true);
    expect(matches('arn:aws:kms:*:key/*', KEY)).toBe(false);
    expect(matches('arn:aws:*', KEY)).toBe(false);
    expect(matches('arn:aws:kms:us-east-1:*:*', KEY)).toBe(true);
  });

  it('lets * span colons and slashes in the resource part', () => {
    expect(matches('arn:aws:kms:us-east-1:111122223333:*', 'arn:aws:kms:us-east-1:111122223333:alias/a:b/c')).toBe(true);
  });

  it('is case-insensitive in the head and case-sensitive in the resource part (Resource element)', () => {
    expect(matches('ARN:AWS:KMS:US-EAST-1:111122223333:key/1234abcd', KEY)).toBe(true);
    expect(matches('arn:aws:kms:us-east-1:111122223333:key/1234ABCD', KEY)).toBe(false);
  });

  it('is case-sensitive everywhere for Arn* condition operators', () => {
    expect(matches('arn:aws:KMS:us-east-1:111122223333:key/1234abcd', KEY, false)).toBe(false);
  });

  it('matches the bare * against anything', () => {
    expect(matches('*', KEY)).toBe(true);
  });
});
