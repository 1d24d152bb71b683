/**
 * "The parser never throws anything but a validation result" (reliability plan §6d I11):
 * validatePolicy, compilePolicy and simulate on random strings, random JSON, mutated valid
 * policies and deeply nested documents always return findings, never throw.
 */
import fc from 'fast-check';
import { compilePolicy, simulate, validatePolicy } from '../../src';
import type { Finding, PolicyKind } from '../../src/types';
import { ALICE, KEY_A, docText, identityDoc, resourceDoc } from './arbitraries';

const runs = Number(process.env.PROP_RUNS ?? 300);
const FINDING_TYPES = ['ERROR', 'SECURITY_WARNING', 'WARNING', 'SUGGESTION'];

function expectFindings(findings: Finding[]): void {
  expect(Array.isArray(findings)).toBe(true);
  for (const f of findings) {
    expect(FINDING_TYPES).toContain(f.findingType);
    expect(typeof f.issueCode).toBe('string');
    expect(typeof f.message).toBe('string');
    expect(typeof f.path).toBe('string');
  }
}

/** Every public entry point that reads a document must answer with findings. */
function checkDocument(text: string, kind: PolicyKind): void {
  expectFindings(validatePolicy(text, kind));
  const compiled = compilePolicy(text, { kind, policyId: 'p', sourceType: kind === 'identity' ? 'IDENTITY' : 'RESOURCE' });
  expectFindings(compiled.findings);
  const sim = simulate({
    principalArn: ALICE,
    action: 'kms:Decrypt',
    resource: KEY_A,
    identityPolicies: kind === 'identity' ? [text] : [],
    resourcePolicy: kind === 'resource' ? text : undefined,
  });
  if (sim.ok) expect(['ALLOWED', 'IMPLICIT_DENY', 'EXPLICIT_DENY']).toContain(sim.result.decision);
  else expectFindings(sim.findings);
}

const kind = fc.constantFrom<PolicyKind>('identity', 'resource');

/** Random structural mutations of a valid policy object. */
const jsonValue = fc.jsonValue({ maxDepth: 3 });
function mutate(value: unknown, path: number[], replacement: unknown, op: number): unknown {
  if (typeof value !== 'object' || value === null) return replacement;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return replacement;
  const [key, child] = entries[path[0] % entries.length];
  const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as unknown as Record<string, unknown>) : { ...value };
  if (path.length === 1 || op === 0) {
    if (op === 1) delete copy[key];
    else if (op === 2) copy[key.toLowerCase() === key ? key.toUpperCase() : key.toLowerCase()] = child;
    else if (op === 3) copy[key] = [child, child];
    else copy[key] = replacement;
    return copy;
  }
  copy[key] = mutate(child, path.slice(1), replacement, op);
  return copy;
}

describe('parser robustness (engine)', () => {
  it('random strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), kind, (text, k) => checkDocument(text, k)), { numRuns: runs });
  });

  it('random JSON', () => {
    fc.assert(fc.property(fc.json({ maxDepth: 4 }), kind, (text, k) => checkDocument(text, k)), { numRuns: runs });
  });

  it('random mutations of valid policies', () => {
    const arb = fc.tuple(fc.oneof(identityDoc, resourceDoc), fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), jsonValue, fc.nat(4), kind);
    fc.assert(
      fc.property(arb, ([d, path, replacement, op, k]) => {
        checkDocument(JSON.stringify(mutate(JSON.parse(docText(d)), path, replacement, op)), k);
      }),
      { numRuns: runs },
    );
  });

  it('random bytes spliced into valid policies', () => {
    const arb = fc.tuple(identityDoc, fc.nat(), fc.string({ maxLength: 8 }), kind);
    fc.assert(
      fc.property(arb, ([d, at, junk, k]) => {
        const text = docText(d);
        const i = at % (text.length + 1);
        checkDocument(text.slice(0, i) + junk + text.slice(i), k);
      }),
      { numRuns: runs },
    );
  });

  it('deep nesting (arrays, objects, conditions) up to 20,000 levels', () => {
    for (const depth of [10, 1_000, 20_000]) {
      const arrays = '['.repeat(depth) + ']'.repeat(depth);
      const objects = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
      const inStatement = `{"Version":"2012-10-17","Statement":${arrays}}`;
      const inCondition = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":${objects}}}`;
      const inAction = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":${arrays},"Resource":"*"}}`;
      for (const text of [arrays, objects, inStatement, inCondition, inAction]) {
        checkDocument(text, 'identity');
        checkDocument(text, 'resource');
      }
    }
  });
});
