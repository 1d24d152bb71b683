/**
 * The merged identity-policy set (createPolicySet) is an optimisation only: for any scenario, a
 * request carrying the set decides exactly what the same request without it decides, with the
 * same matched statements in the same order, the same missing keys and the same reason. Also with
 * a policy listed twice (a user's own policy also attached to its group) and with a budget too
 * small for the merged index (policy-by-policy fallback). PROP_RUNS raises the number of runs.
 */
import fc from 'fast-check';
import { type AuthorizationRequest, type CompiledPolicy, authorize, createPolicySet, createPolicySetBudget } from '../../src';
import { simulationRequest } from '../../src/simulate';
import { anyScenario, toInput } from './arbitraries';

const runs = Number(process.env.PROP_RUNS ?? 600);

function requestOf(s: Parameters<typeof toInput>[0]): AuthorizationRequest | undefined {
  const built = simulationRequest(toInput(s));
  return built.ok ? built.request : undefined;
}

function withSet(req: AuthorizationRequest, policies: CompiledPolicy[], budgetUnits?: number): AuthorizationRequest {
  const frozen = Object.freeze([...policies]);
  return { ...req, identityPolicies: frozen as CompiledPolicy[], identitySet: createPolicySet(frozen, createPolicySetBudget(budgetUnits)) };
}

describe('policy set laws', () => {
  it('a request with its identity set decides exactly like the request without it', () => {
    fc.assert(
      fc.property(anyScenario, fc.nat(3), fc.boolean(), (s, dupAt, duplicate) => {
        const req = requestOf(s);
        fc.pre(req !== undefined);
        const policies = [...req!.identityPolicies];
        // A policy listed twice is evaluated twice, with the set as without it.
        if (duplicate && policies.length > 0) policies.splice(dupAt % (policies.length + 1), 0, policies[dupAt % policies.length]);
        const plain = authorize({ ...req!, identityPolicies: policies });
        const merged = withSet(req!, policies);
        // Twice: the first call builds the merged index, the second reads the memoised lists.
        expect(authorize(merged)).toEqual(plain);
        expect(authorize(merged)).toEqual(plain);
        expect(authorize(withSet(req!, policies, 0))).toEqual(plain);
      }),
      { numRuns: runs },
    );
  });

  it('a set is used only for the very array it was built from', () => {
    fc.assert(
      fc.property(anyScenario, (s) => {
        const req = requestOf(s);
        fc.pre(req !== undefined && req.identityPolicies.length > 0);
        const other = withSet(req!, []).identitySet;
        // The set of no policies, attached to a request with policies, must be ignored.
        expect(authorize({ ...req!, identitySet: other })).toEqual(authorize(req!));
      }),
      { numRuns: Math.ceil(runs / 3) },
    );
  });

  it('rejects what would make it unsafe: unfrozen arrays and non-identity policies', () => {
    const req = requestOf({ principalArn: 'arn:aws:iam::111122223333:user/alice', action: 'kms:Decrypt', resource: '*', identity: [], context: [], resourcePolicy: { version: '2012-10-17', statements: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] } })!;
    expect(() => createPolicySet([], createPolicySetBudget())).toThrow(/frozen/);
    expect(() => createPolicySet(Object.freeze([req.resourcePolicy!]), createPolicySetBudget())).toThrow(/identity policies only/);
  });

  it('a forged set is never trusted: the request is decided policy by policy, or denied', () => {
    const req = requestOf({ principalArn: 'arn:aws:iam::111122223333:user/alice', action: 'kms:Decrypt', resource: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', identity: [], context: [], resourcePolicy: { version: '2012-10-17', statements: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] } })!;
    // A resource policy smuggled into the identity slot behind a forged set must still be rejected.
    const smuggled = Object.freeze([req.resourcePolicy!]) as CompiledPolicy[];
    const forged = { kind: 'identity-set' as const, policies: smuggled, internal: {} };
    const decision = authorize({ ...req, identityPolicies: smuggled, identitySet: forged });
    expect(decision.decision).not.toBe('ALLOWED');
    expect(decision.reason).toMatch(/^Evaluation error/);
  });
});
