/**
 * KeyFacts.target (keyTargetOf) is an optimisation only: for any scenario on a key, a request whose
 * key carries the prebuilt target decides exactly what the same request without it decides (same
 * decision, matched statements, missing keys and reason). A target built for another ARN, or one
 * not built by keyTargetOf, is ignored. PROP_RUNS raises the number of runs.
 */
import fc from 'fast-check';
import { type AuthorizationRequest, type KeyTarget, authorize, keyTargetOf } from '../../src';
import { simulationRequest } from '../../src/simulate';
import { KEY_A, KEY_B, anyScenario, toInput } from './arbitraries';

const runs = Number(process.env.PROP_RUNS ?? 600);

function keyRequestOf(s: Parameters<typeof toInput>[0]): AuthorizationRequest | undefined {
  const built = simulationRequest(toInput(s));
  return built.ok && built.request.key !== undefined ? built.request : undefined;
}

const withTarget = (req: AuthorizationRequest, target: KeyTarget): AuthorizationRequest => ({ ...req, key: { ...req.key!, target } });

describe('key target laws', () => {
  it('a request whose key carries its prebuilt target decides exactly like the request without it', () => {
    let keyed = 0;
    fc.assert(
      fc.property(anyScenario, (s) => {
        const req = keyRequestOf(s);
        fc.pre(req !== undefined);
        keyed++;
        const plain = authorize(req!);
        const target = keyTargetOf(req!.key!.arn);
        // Twice: the target's lazily split ARN is computed by the first use and reused by the second.
        expect(authorize(withTarget(req!, target))).toEqual(plain);
        expect(authorize(withTarget(req!, target))).toEqual(plain);
      }),
      { numRuns: runs },
    );
    // The law must not hold vacuously: most scenarios are on a key.
    expect(keyed).toBeGreaterThan(runs / 4);
  });

  it('a target built for another ARN, or not built by keyTargetOf, is ignored', () => {
    fc.assert(
      fc.property(anyScenario, (s) => {
        const req = keyRequestOf(s);
        fc.pre(req !== undefined);
        const plain = authorize(req!);
        const other = keyTargetOf(req!.key!.arn === KEY_A ? KEY_B : KEY_A);
        expect(authorize(withTarget(req!, other))).toEqual(plain);
        // A look-alike claiming the key ARN but listing another one as its literal key...
        const forged = { kind: 'key-target' as const, internal: { raw: req!.key!.arn, key: KEY_B, keyBitA: -1, keyBitB: -1, star: false, scope: [], split: KEY_B.split(':') } };
        expect(authorize(withTarget(req!, forged))).toEqual(plain);
        // ...and one that even shares the real targets' prototype.
        const sameProto = Object.create(Object.getPrototypeOf(other), { kind: { value: 'key-target' }, internal: { value: forged.internal } }) as KeyTarget;
        expect(authorize(withTarget(req!, sameProto))).toEqual(plain);
      }),
      { numRuns: Math.ceil(runs / 3) },
    );
  });
});
