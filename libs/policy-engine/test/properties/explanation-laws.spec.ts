/**
 * Explanation consistency (reliability plan §6d I2, I13, DECISIONS 8), through `simulate`: the
 * decision and its matchedStatements tell the same story, every entry points at a real statement,
 * and the whole answer is deterministic.
 */
import fc from 'fast-check';
import { simulate } from '../../src';
import type { MatchedStatement } from '../../src/types';
import { ROOT_A, ROOT_B, anyScenario, toInput, type Doc, type Scenario } from './arbitraries';

const runs = Number(process.env.PROP_RUNS ?? 300);

/** The generated statement an entry refers to (identity entries carry their index in the policy id). */
function statementOf(s: Scenario, m: MatchedStatement): Record<string, unknown> | undefined {
  const pick = (d: Doc | undefined) => d?.statements[m.statementIndex];
  if (m.sourcePolicyType === 'RESOURCE') return pick(s.resourcePolicy);
  if (m.sourcePolicyType === 'PERMISSIONS_BOUNDARY') return pick(s.boundary);
  const index = /\[(\d+)\]$/.exec(m.sourcePolicyId);
  if (index) return pick(s.identity[Number(index[1])]);
  return s.identity.map(pick).find((st) => st !== undefined && String(st.Effect).toUpperCase() === m.effect);
}

describe('explanation laws (engine, through simulate)', () => {
  it('I2: ALLOWED lists an Allow (except the root implicit allow), EXPLICIT_DENY a Deny, IMPLICIT_DENY no Deny', () => {
    fc.assert(
      fc.property(anyScenario, (s) => {
        const out = simulate(toInput(s));
        expect(out.ok).toBe(true);
        if (!out.ok) return;
        const { decision, matchedStatements } = out.result;
        const effects = new Set(matchedStatements.map((m) => m.effect));
        const root = s.principalArn === ROOT_A || s.principalArn === ROOT_B;
        if (decision === 'ALLOWED' && !root) expect(effects.has('ALLOW')).toBe(true);
        if (decision === 'EXPLICIT_DENY') expect(effects.has('DENY')).toBe(true);
        if (decision === 'IMPLICIT_DENY') expect(effects.has('DENY')).toBe(false);
      }),
      { numRuns: runs },
    );
  });

  it('I13 determinism: the same input gives the same decision, statements, missing keys and reason', () => {
    fc.assert(
      fc.property(anyScenario, (s) => {
        expect(simulate(toInput(s))).toEqual(simulate(toInput(s)));
      }),
      { numRuns: runs },
    );
  });

  it('I2: every matched entry points at a statement with that Effect and Sid (or at a given grant)', () => {
    fc.assert(
      fc.property(anyScenario, (s) => {
        const out = simulate(toInput(s));
        if (!out.ok) return;
        for (const m of out.result.matchedStatements) {
          if (m.sourcePolicyType === 'GRANT') {
            expect(m.effect).toBe('ALLOW');
            expect((s.grants ?? []).map((g) => g.grantId)).toContain(m.sourcePolicyId);
            continue;
          }
          const st = statementOf(s, m);
          expect(st).toBeDefined();
          expect(String(st?.Effect).toUpperCase()).toBe(m.effect);
          expect(m.sid).toBe(st?.Sid);
        }
      }),
      { numRuns: runs },
    );
  });
});
