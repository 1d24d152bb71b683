import { arnPatternMatches, compileArnPatternText } from '../match/arn-pattern';
import { resourceTarget } from '../evaluate/request-target';
import { request } from '../evaluate/request.fixture';
import type { ContextView } from '../context/context-view';
import { compileResourceElement, matchResourceElement } from './resource-matcher';

const CTX: ContextView = { get: (k) => (k === 'aws:username' ? ['alice'] : undefined) };
const REQ = request('arn:aws:iam::111122223333:user/alice');
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd';

function elementMatches(values: string[], resource: string, variables = true): boolean {
  return matchResourceElement(compileResourceElement(values, variables), resourceTarget(resource, REQ, 'kms:decrypt'), CTX);
}

/** The per-value glob matcher the literal fast path must agree with. */
function globMatches(values: string[], resource: string): boolean {
  const target = resourceTarget(resource, REQ, 'kms:decrypt');
  return values.some((v) => v === '*' || arnPatternMatches(compileArnPatternText(v, true), target.split));
}

describe('Resource elements', () => {
  const values = [
    KEY,
    'ARN:AWS:KMS:US-EAST-1:111122223333:key/1234abcd',
    'arn:aws:kms:us-east-1:111122223333:key/1234ABCD',
    'arn:aws:kms:us-east-1:111122223333:key/1234abcd:extra',
    'arn:aws:kms:us-east-1:111122223333',
    'key/1234abcd',
    'arn:aws:kms:eu-west-1:111122223333:key/1234abcd',
  ];
  const resources = [
    KEY,
    'arn:AWS:Kms:US-east-1:111122223333:key/1234abcd',
    'arn:aws:kms:us-east-1:111122223333:key/1234ABCD',
    'arn:aws:kms:us-east-1:111122223333:key/1234abcd:extra',
    'arn:aws:kms:us-east-1:111122223333:key/1234abc',
    'arn:aws:kms:us-east-1:111122223333',
    'arn:aws:kms:us-east-İ:111122223333:key/1234abcd',
    'not-an-arn',
  ];

  it('compares literal ARNs like the glob matcher (head case-insensitive, resource part case-sensitive)', () => {
    for (const v of values) for (const r of resources) expect([v, r, elementMatches([v], r)]).toEqual([v, r, globMatches([v], r)]);
  });

  it('gives the same answer with many literals (set form) as with few (list form)', () => {
    const many = Array.from({ length: 20 }, (_, i) => `arn:aws:kms:us-east-1:111122223333:key/k${i}`);
    expect(elementMatches(many, 'arn:aws:kms:US-EAST-1:111122223333:key/k17')).toBe(true);
    expect(elementMatches(many, 'arn:aws:kms:us-east-1:111122223333:key/K17')).toBe(false);
    expect(elementMatches([...many, 'arn:aws:kms:*:111122223333:key/x*'], 'arn:aws:kms:us-east-1:111122223333:key/xyz')).toBe(true);
  });

  it('treats a literal that is not ARN-shaped as matching nothing, and * as matching everything', () => {
    expect(elementMatches(['key/1234abcd'], 'key/1234abcd')).toBe(false);
    expect(elementMatches(['key/1234abcd', '*'], 'key/1234abcd')).toBe(true);
  });

  it('resolves variables only when the document allows them', () => {
    const v = 'arn:aws:kms:us-east-1:111122223333:key/${aws:username}';
    expect(elementMatches([v], 'arn:aws:kms:us-east-1:111122223333:key/alice')).toBe(true);
    expect(elementMatches([v], 'arn:aws:kms:us-east-1:111122223333:key/alice', false)).toBe(false);
    expect(elementMatches([v], v, false)).toBe(true);
  });
});
