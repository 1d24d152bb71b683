/**
 * Wildcard matching laws (reliability plan §6d I14), observed through policies and `simulate`:
 * `*` = any sequence (including empty, across `/` and `:` in the resource part), `?` = exactly
 * one character, no wildcard = exact; actions case-insensitive, resources case-sensitive.
 * Setup: alice in account A, a key in account A whose key policy enables IAM, and one identity
 * Allow carrying the pattern under test, so ALLOWED <=> the pattern matches.
 */
import fc from 'fast-check';
import { ACCOUNT_A, ALICE, KEY_A, ROOT_A, type Scenario } from './arbitraries';
import { decide } from './scenario-helpers';

const runs = Number(process.env.PROP_RUNS ?? 300);

const KEY_ACTIONS = ['Decrypt', 'Encrypt', 'GenerateDataKey', 'ReEncryptFrom', 'DescribeKey', 'GetKeyPolicy', 'PutKeyPolicy', 'ScheduleKeyDeletion', 'TagResource', 'Sign'];
const RESOURCE_PREFIX = `arn:aws:kms:us-east-1:${ACCOUNT_A}:key/`;

function decideWith(action: string, resource: string, actionPattern: string, resourcePattern: string) {
  const s: Scenario = {
    principalArn: ALICE,
    action,
    resource,
    identity: [{ version: '2012-10-17', statements: [{ Effect: 'Allow', Action: actionPattern, Resource: resourcePattern }] }],
    resourcePolicy: { version: '2012-10-17', statements: [{ Effect: 'Allow', Principal: { AWS: ROOT_A }, Action: 'kms:*', Resource: '*' }] },
    context: [],
  };
  return decide(s);
}

const actionName = fc.constantFrom(...KEY_ACTIONS);
/** Resource part of a key ARN from a tiny alphabet (collisions, `/` and `:` to test spanning). */
const keyId = fc.string({ unit: fc.constantFrom('a', 'b', 'A', '1', '-', '/', ':'), minLength: 1, maxLength: 10 });
const cut = (text: string) => fc.tuple(fc.nat(text.length), fc.nat(text.length)).map(([i, j]) => [Math.min(i, j), Math.max(i, j)] as const);
const randomCase = (text: string) => fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }).map((up) => [...text].map((c, i) => (up[i] ? c.toUpperCase() : c.toLowerCase())).join(''));

describe('matching laws (engine, through policies)', () => {
  it('action: replacing any substring with * still matches (case-insensitively)', () => {
    fc.assert(
      fc.property(actionName.chain((n) => fc.tuple(fc.constant(n), cut(n), randomCase(`kms:${n}`))), ([name, [i, j], requestAction]) => {
        const pattern = `kms:${name.slice(0, i)}*${name.slice(j)}`;
        expect(decideWith(requestAction, KEY_A, pattern, '*')).toBe('ALLOWED');
      }),
      { numRuns: runs },
    );
  });

  it('action: ? stands for exactly one character', () => {
    fc.assert(
      fc.property(actionName.chain((n) => fc.tuple(fc.constant(n), fc.nat(n.length - 1), fc.boolean())), ([name, i, extra]) => {
        const replaced = `kms:${name.slice(0, i)}?${name.slice(i + 1)}`;
        const inserted = `kms:${name.slice(0, i)}?${name.slice(i)}`;
        expect(decideWith(`kms:${name}`, KEY_A, extra ? inserted : replaced, '*')).toBe(extra ? 'IMPLICIT_DENY' : 'ALLOWED');
      }),
      { numRuns: runs },
    );
  });

  it('action: a pattern without wildcards matches exactly one action, in any case', () => {
    fc.assert(
      fc.property(actionName, actionName, fc.boolean(), (requested, written, upper) => {
        const pattern = upper ? `KMS:${written.toUpperCase()}` : `kms:${written.toLowerCase()}`;
        expect(decideWith(`kms:${requested}`, KEY_A, pattern, '*')).toBe(requested === written ? 'ALLOWED' : 'IMPLICIT_DENY');
      }),
      { numRuns: runs },
    );
  });

  it('resource: replacing any part of the resource segment with * still matches (also across / and :)', () => {
    fc.assert(
      fc.property(keyId.chain((k) => fc.tuple(fc.constant(k), cut(k))), ([id, [i, j]]) => {
        const pattern = `${RESOURCE_PREFIX}${id.slice(0, i)}*${id.slice(j)}`;
        expect(decideWith('kms:Decrypt', RESOURCE_PREFIX + id, 'kms:Decrypt', pattern)).toBe('ALLOWED');
      }),
      { numRuns: runs },
    );
  });

  it('resource: ? stands for exactly one character', () => {
    fc.assert(
      fc.property(keyId.chain((k) => fc.tuple(fc.constant(k), fc.nat(k.length - 1), fc.boolean())), ([id, i, extra]) => {
        const pattern = RESOURCE_PREFIX + id.slice(0, i) + '?' + id.slice(extra ? i : i + 1);
        expect(decideWith('kms:Decrypt', RESOURCE_PREFIX + id, 'kms:Decrypt', pattern)).toBe(extra ? 'IMPLICIT_DENY' : 'ALLOWED');
      }),
      { numRuns: runs },
    );
  });

  it('resource: without wildcards the match is exact and case-sensitive', () => {
    fc.assert(
      fc.property(keyId, keyId, (requested, written) => {
        const expected = requested === written ? 'ALLOWED' : 'IMPLICIT_DENY';
        expect(decideWith('kms:Decrypt', RESOURCE_PREFIX + requested, 'kms:Decrypt', RESOURCE_PREFIX + written)).toBe(expected);
      }),
      { numRuns: runs },
    );
  });

  it('resource: flipping the case of one letter of the key id stops the match', () => {
    fc.assert(
      fc.property(keyId.filter((k) => /[a-z]/i.test(k)), fc.nat(), (id, n) => {
        const letters = [...id].map((c, i) => (/[a-z]/i.test(c) ? i : -1)).filter((i) => i >= 0);
        const at = letters[n % letters.length];
        const c = id[at];
        const flipped = id.slice(0, at) + (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) + id.slice(at + 1);
        expect(decideWith('kms:Decrypt', RESOURCE_PREFIX + id, 'kms:Decrypt', RESOURCE_PREFIX + flipped)).toBe('IMPLICIT_DENY');
        expect(decideWith('kms:Decrypt', RESOURCE_PREFIX + id, 'kms:Decrypt', `${RESOURCE_PREFIX}*`)).toBe('ALLOWED');
      }),
      { numRuns: runs },
    );
  });
});
