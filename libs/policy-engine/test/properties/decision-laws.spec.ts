/**
 * Decision-algebra properties of the engine (reliability plan §6d I1, I3-I6), through `simulate`.
 * PROP_RUNS raises the number of runs (nightly).
 */
import fc from 'fast-check';
import {
  CALLERS,
  PRINCIPALS,
  REQUESTS,
  ROOT_A,
  ROOT_B,
  identityDoc,
  identityStatement,
  isKeyRequest,
  resourceStatement,
  anyScenario,
  type Scenario,
  type Stmt,
} from './arbitraries';
import { addStatement, clone, decide, principalCovers, shuffle, type Placement } from './scenario-helpers';

const runs = Number(process.env.PROP_RUNS ?? 300);
const isRoot = (s: Scenario) => s.principalArn === ROOT_A || s.principalArn === ROOT_B;

const placement = (s: Scenario, allowResource: boolean): fc.Arbitrary<Placement> =>
  fc.oneof(
    fc.record({ target: fc.constant('identity' as const), policy: fc.nat(3), at: fc.nat(4) }),
    ...(allowResource ? [fc.record({ target: fc.constant('resource' as const), at: fc.nat(4) })] : []),
  );

/** A Deny that certainly matches the request: identity form (no Principal) or resource form. */
function matchingDeny(s: Scenario, place: Placement, variant: number): Stmt {
  const action = ['*', s.action, s.action.toUpperCase()][variant % 3];
  const resource = variant % 2 === 0 ? '*' : s.resource;
  const st: Stmt = { Effect: 'Deny', Action: action, Resource: place.target === 'identity' ? resource : '*' };
  if (place.target === 'resource') st.Principal = variant % 2 === 0 ? '*' : { AWS: s.principalArn };
  return st;
}

/** Non-key KMS actions ignore the key policy (§3.3 rule 5), so only key and generic requests take resource statements. */
const takesResourceStatements = (s: Scenario) => s.action.toLowerCase() !== 'kms:listkeys' && s.action !== 'kms:CreateKey';

describe('decision laws (engine, through simulate)', () => {
  it('I1 deny overrides: a matching Deny added anywhere gives EXPLICIT_DENY', () => {
    fc.assert(
      fc.property(
        anyScenario.chain((s) => fc.tuple(fc.constant(s), placement(s, takesResourceStatements(s)), fc.nat(5))),
        ([s, place, variant]) => {
          expect(decide(addStatement(s, matchingDeny(s, place, variant), place))).toBe('EXPLICIT_DENY');
        },
      ),
      { numRuns: runs },
    );
  });

  it('I3 default deny: no policies at all is never ALLOWED (roots: for key requests)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CALLERS), fc.constantFrom(...REQUESTS), (principalArn, request) => {
        const s: Scenario = { principalArn, ...request, identity: [], context: [] };
        fc.pre(!isRoot(s) || isKeyRequest(s));
        expect(decide(s)).toBe('IMPLICIT_DENY');
      }),
      { numRuns: 100 },
    );
  });

  it('I3 default deny: policies made only of Deny statements (and no grants) are never ALLOWED (non-root callers)', () => {
    fc.assert(
      fc.property(anyScenario, (s0) => {
        fc.pre(!isRoot(s0));
        const s = clone(s0);
        s.grants = undefined;
        for (const d of [...s.identity, ...(s.resourcePolicy ? [s.resourcePolicy] : [])]) {
          d.statements = d.statements.map((st) => ({ ...st, Effect: 'Deny' }));
        }
        expect(decide(s)).not.toBe('ALLOWED');
      }),
      { numRuns: runs },
    );
  });

  it('I4 order and duplicate independence', () => {
    fc.assert(
      fc.property(anyScenario, fc.integer(), fc.nat(), fc.nat(), (s, seed, dupPolicy, dupStmt) => {
        const before = decide(s);
        const permuted = clone(s);
        permuted.identity = shuffle(permuted.identity, seed).map((d, i) => ({ ...d, statements: shuffle(d.statements, seed + i) }));
        if (permuted.resourcePolicy) permuted.resourcePolicy.statements = shuffle(permuted.resourcePolicy.statements, seed - 1);
        if (permuted.boundary) permuted.boundary.statements = shuffle(permuted.boundary.statements, seed - 2);
        if (permuted.identity.length > 0) {
          const d = permuted.identity[dupPolicy % permuted.identity.length];
          permuted.identity.push(clone(d));
          if (d.statements.length > 0) d.statements.push(clone(d.statements[dupStmt % d.statements.length]));
          d.bare = false;
        }
        const rp = permuted.resourcePolicy;
        if (rp && rp.statements.length > 0) rp.statements.push(clone(rp.statements[dupStmt % rp.statements.length]));
        if (rp) rp.bare = false;
        expect(decide(permuted)).toBe(before);
      }),
      { numRuns: runs },
    );
  });

  it('I5 monotonicity: adding an Allow never removes access; adding a Deny never grants it', () => {
    const mutation = anyScenario.chain((s) =>
      fc.tuple(fc.constant(s), fc.oneof(identityStatement.map((st) => ({ st, resource: false })), resourceStatement.map((st) => ({ st, resource: true }))), placement(s, true)),
    );
    fc.assert(
      fc.property(mutation, fc.constantFrom('Allow', 'Deny'), ([s, { st, resource }, place], effect) => {
        const target: Placement = resource ? { target: 'resource', at: place.at } : place.target === 'resource' ? { target: 'identity', policy: 0, at: place.at } : place;
        const before = decide(s);
        const after = decide(addStatement(s, { ...st, Effect: effect }, target));
        if (effect === 'Allow' && before === 'ALLOWED') expect(after).toBe('ALLOWED');
        if (effect === 'Deny' && before !== 'ALLOWED') expect(after).not.toBe('ALLOWED');
        if (effect === 'Deny' && before === 'EXPLICIT_DENY') expect(after).toBe('EXPLICIT_DENY');
      }),
      { numRuns: runs },
    );
  });

  it('I6 key-policy primacy: an IAM Allow without a key-policy statement trusting the caller (nor a grant) is never ALLOWED', () => {
    const untrusting = (caller: string) => PRINCIPALS.filter((p) => !principalCovers(p, caller));
    const arb = anyScenario
      .filter(isKeyRequest)
      .chain((s) => fc.tuple(fc.constant(s), fc.array(resourceStatement.map((st) => st), { maxLength: 4 }), fc.array(fc.constantFrom(...untrusting(s.principalArn)), { minLength: 4, maxLength: 4 }), fc.boolean()));
    fc.assert(
      fc.property(arb, ([s0, statements, principals, noKeyPolicy]) => {
        const s = clone(s0);
        s.grants = undefined;
        s.identity.push({ version: '2012-10-17', statements: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
        s.resourcePolicy = noKeyPolicy ? undefined : { version: '2012-10-17', statements: statements.map((st, i) => ({ ...st, Principal: principals[i] })) };
        expect(decide(s)).not.toBe('ALLOWED');
      }),
      { numRuns: runs },
    );
  });

  it('I6 key-policy primacy: an identity Deny alone suffices against a key policy that allows everyone', () => {
    const arb = fc.tuple(anyScenario.filter(isKeyRequest), fc.array(identityDoc, { maxLength: 2 }), fc.nat(3));
    fc.assert(
      fc.property(arb, ([s0, extra, at]) => {
        const s = clone(s0);
        s.resourcePolicy = { version: '2012-10-17', statements: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' }] };
        s.identity = [...extra];
        s.identity.splice(at % (extra.length + 1), 0, { version: '2012-10-17', statements: [{ Effect: 'Deny', Action: s.action, Resource: s.resource }] });
        expect(decide(s)).toBe('EXPLICIT_DENY');
      }),
      { numRuns: runs },
    );
  });
});
