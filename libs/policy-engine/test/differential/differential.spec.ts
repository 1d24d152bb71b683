/**
 * Differential test (reliability plan §6d I12): the engine's `simulate` decision must equal the
 * independent reference evaluator's on random (policies, request, context). DIFF_RUNS raises the
 * number of cases (nightly: 1e6); DIFF_SEED replays a reported failure. Cases the semantics leave
 * open (the reference answers UNCONFIRMED: a boundary against a direct key-policy or "*" grant)
 * are skipped; they are a few per cent.
 */
import fc from 'fast-check';
import { simulate } from '../../src';
import { referenceVerdict } from '../../src/reference/reference-evaluator';
import { anyScenario, toInput } from '../properties/arbitraries';

const runs = Number(process.env.DIFF_RUNS ?? 2000);
const seed = process.env.DIFF_SEED === undefined ? undefined : Number(process.env.DIFF_SEED);

describe('differential: engine vs reference evaluator', () => {
  it(`agrees on ${runs} random scenarios`, () => {
    fc.assert(
      fc.property(anyScenario, (s) => {
        const input = toInput(s);
        const expected = referenceVerdict(input);
        fc.pre(expected !== 'UNCONFIRMED');
        const engine = simulate(input);
        expect(engine.ok).toBe(true);
        if (engine.ok) expect(engine.result.decision).toBe(expected);
      }),
      { numRuns: runs, seed },
    );
  });
});
