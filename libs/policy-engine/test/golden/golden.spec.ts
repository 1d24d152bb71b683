/**
 * Golden decision cases: every JSON file under this folder (one folder per topic) holds cases written
 * from the AWS documentation; each is run through simulate() and its expectation asserted.
 */
import { simulate, type SimulationResult } from '@keygate/policy-engine';
import { loadGoldenCases, type GoldenCase } from './golden-case.loader';

const MIN_CASES = 150;
const cases = loadGoldenCases(__dirname);

function sidsOf(result: SimulationResult): string[] {
  if (!result.ok) return [];
  const sids = result.result.matchedStatements.map((s) => s.sid).filter((s): s is string => !!s);
  return [...new Set(sids)].sort();
}

function describeResult(result: SimulationResult): string {
  return JSON.stringify(result.ok ? result.result : result, null, 1);
}

function assertCase(c: GoldenCase): void {
  const result = simulate(c.input);
  const context = `${c.title}\nwhy: ${c.why}\nsource: ${c.source}\nresult: ${describeResult(result)}`;
  if (c.expect.unparsable) {
    expect({ context, ok: result.ok }).toEqual({ context, ok: false });
    return;
  }
  expect({ context, ok: result.ok }).toEqual({ context, ok: true });
  if (!result.ok) return;
  const r = result.result;
  expect({ context, decision: r.decision }).toEqual({ context, decision: c.expect.decision });
  if (c.expect.matchedSids) {
    expect({ context, sids: sidsOf(result) }).toEqual({ context, sids: [...c.expect.matchedSids].sort() });
  }
  if (c.expect.reasonContains) {
    expect({ context, reason: r.reason }).toEqual({ context, reason: expect.stringContaining(c.expect.reasonContains) });
  }
  if (c.expect.missingContextKeys) {
    const missing = [...r.missingContextKeys].sort();
    expect({ context, missing }).toEqual({ context, missing: [...c.expect.missingContextKeys].sort() });
  }
}

describe('golden decision cases (AWS documentation)', () => {
  it(`has at least ${MIN_CASES} cases`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(MIN_CASES);
  });

  it('has unique case titles', () => {
    const titles = cases.map((c) => c.title);
    expect(titles.filter((t, i) => titles.indexOf(t) !== i)).toEqual([]);
  });

  test.each(cases.map((c) => [c.title, c] as const))('%s', (_title, c) => assertCase(c));
});
