/**
 * Document-form invariance (semantics §1.1), through `simulate`: the decision depends on what a
 * document says, not on how it is written. Key order, whitespace, `\uXXXX` escapes and
 * "one string" vs "one-element list" never change the decision; JavaScript prototype names used
 * as condition keys behave like any absent key.
 */
import fc from 'fast-check';
import { simulate } from '../../src';
import { ALICE, KEY_A, ROOT_A, anyScenario, docText, toInput, type Doc, type Scenario } from './arbitraries';
import { decide, shuffle } from './scenario-helpers';

const runs = Number(process.env.PROP_RUNS ?? 300);

/** Rewrite a JSON value: shuffle object keys, and turn lists of one string into the string or back. */
function reshape(value: unknown, seed: number, listFlip: boolean): unknown {
  if (Array.isArray(value)) {
    if (listFlip && value.length === 1 && typeof value[0] === 'string') return value[0];
    return value.map((v, i) => reshape(v, seed + i, listFlip));
  }
  if (typeof value !== 'object' || value === null) return value;
  const entries = shuffle(Object.entries(value as Record<string, unknown>), seed);
  // INVARIANT: Statement stays as written (a bare statement is a different but equivalent form, tested by the generators).
  return Object.fromEntries(entries.map(([k, v], i) => [k, k === 'Statement' || k === 'Effect' ? v : reshapeLeaf(k, v, seed + i, listFlip)]));
}

/** Strings in Action/Resource/Principal/condition values may become one-element lists. */
function reshapeLeaf(key: string, value: unknown, seed: number, listFlip: boolean): unknown {
  // INVARIANT: a bare "*" Principal has no list form; Version and Sid are single strings.
  const single = ['Version', 'Sid', 'Principal', 'NotPrincipal'].includes(key);
  if (listFlip && typeof value === 'string' && !single) return [value];
  return reshape(value, seed, listFlip);
}

/** Serialise with indentation and with every n-th letter inside strings written as a \uXXXX escape. */
function writeOddly(value: unknown, indent: number, every: number): string {
  let out = '';
  let inString = false;
  let count = 0;
  const text = JSON.stringify(value, null, indent);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' && text[i - 1] !== '\\') inString = !inString;
    const escape = inString && /[A-Za-z]/.test(c) && text[i - 1] !== '\\' && ++count % every === 0;
    out += escape ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c;
  }
  return out;
}

function rewrite(d: Doc, seed: number, indent: number, every: number, listFlip: boolean): string {
  const parsed = JSON.parse(docText(d)) as Record<string, unknown>;
  const statements = parsed.Statement;
  const rewritten = {
    ...parsed,
    Statement: Array.isArray(statements) ? statements.map((st, i) => reshape(st, seed + i, listFlip)) : reshape(statements, seed, listFlip),
  };
  return writeOddly(reshape(rewritten, seed, false), indent, every);
}

describe('document-form laws (engine, through simulate)', () => {
  it('key order, whitespace, unicode escapes and string/list forms never change the decision', () => {
    const arb = fc.tuple(anyScenario, fc.integer(), fc.nat(4), fc.integer({ min: 2, max: 9 }), fc.boolean());
    fc.assert(
      fc.property(arb, ([s, seed, indent, every, listFlip]) => {
        const before = decide(s);
        const input = toInput(s);
        input.identityPolicies = s.identity.map((d) => rewrite(d, seed, indent, every, listFlip));
        if (s.resourcePolicy) input.resourcePolicy = rewrite(s.resourcePolicy, seed + 7, indent, every, listFlip);
        if (s.boundary) input.permissionsBoundaries = [rewrite(s.boundary, seed + 11, indent, every, listFlip)];
        const after = simulate(input);
        expect(after.ok).toBe(true);
        if (after.ok) expect(after.result.decision).toBe(before);
      }),
      { numRuns: runs },
    );
  });

  it('prototype names as condition keys behave like an absent key', () => {
    const names = fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype');
    const operators = fc.constantFrom('StringLike', 'StringNotEquals', 'Null', 'ForAnyValue:StringLike', 'ForAllValues:StringEquals', 'BoolIfExists');
    fc.assert(
      fc.property(names, operators, fc.boolean(), (name, operator, supplied) => {
        const withKey = (key: string): Scenario => ({
          principalArn: ALICE,
          action: 'kms:Decrypt',
          resource: KEY_A,
          identity: [{ version: '2012-10-17', statements: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { [operator]: { [key]: operator === 'Null' ? 'true' : '*' } } }] }],
          resourcePolicy: { version: '2012-10-17', statements: [{ Effect: 'Allow', Principal: { AWS: ROOT_A }, Action: 'kms:*', Resource: '*' }] },
          context: supplied ? [{ key: 'aws:SomethingElse', values: ['x'] }] : [],
        });
        expect(decide(withKey(name))).toBe(decide(withKey('aws:NotInTheRequest')));
      }),
      { numRuns: 100 },
    );
  });
});
