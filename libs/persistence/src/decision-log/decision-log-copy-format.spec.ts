import fc from 'fast-check';
import { encodeDecisionLogRow } from './decision-log-copy-format';
import type { DecisionLogRow } from './decision-log.repository';

const row = (over: Partial<DecisionLogRow>): DecisionLogRow => ({
  accountId: '111122223333',
  decisionId: '6f1c2f0e-9d1b-4c52-9a43-0d6c1f7e2a10',
  decidedAtMs: 0,
  revision: '7',
  principal: 'arn:aws:iam::111122223333:user/alice',
  action: 'kms:Decrypt',
  resource: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  decision: 'ALLOWED',
  allowed: true,
  matchedStatementIds: [],
  reason: 'ok',
  context: { keys: [] },
  ...over,
});
/** The fields of a COPY text line, unescaped as PostgreSQL reads them. */
const fields = (line: string) =>
  line
    .slice(0, -1)
    .split('\t')
    .map((f) => f.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r' })[c] ?? c));

describe('encodeDecisionLogRow', () => {
  it('writes decided_at as the ISO instant, for any sequence of instants (the per-second prefix cache never goes stale)', () => {
    // Instants close together (same second, next second, back in time) and far apart.
    const instant = fc.oneof(fc.integer({ min: 1_795_000_000_000, max: 1_795_000_003_000 }), fc.integer({ min: 0, max: 4_102_444_800_000 }));
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 30 }), (instants) => {
        for (const ms of instants) expect(fields(encodeDecisionLogRow(row({ decidedAtMs: ms })))[2]).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 300 },
    );
  });

  it('writes lone surrogates and NULs of the context as U+FFFD escapes, which jsonb accepts, and keeps the text of an escape', () => {
    const lone = 'a\ud800b\udc00';
    const json = fields(encodeDecisionLogRow(row({ context: { keys: [lone, 'n\u0000'], values: { [lone]: [lone] } } })))[11];
    expect(json).not.toMatch(/\\u(0000|[dD][89abAB])/);
    expect(JSON.parse(json)).toEqual({ keys: ['a\ufffdb\ufffd', 'n\ufffd'], values: { 'a\ufffdb\ufffd': ['a\ufffdb\ufffd'] } });
    // The text of an escape (a backslash, then "u0000" or "ud800") is kept.
    const texts = { keys: ['\\u0000', '\\ud800', '\\\u0000'] };
    expect(JSON.parse(fields(encodeDecisionLogRow(row({ context: texts })))[11])).toEqual({ keys: ['\\u0000', '\\ud800', '\\\ufffd'] });
    // A well-formed pair is kept as it is.
    expect(JSON.parse(fields(encodeDecisionLogRow(row({ context: { keys: ['\ud83d\ude00'] } })))[11])).toEqual({ keys: ['\ud83d\ude00'] });
  });

  it('writes the empty context as NULL, and keys, values and a resolved alias target as JSON', () => {
    // COPY's NULL marker, unescaped: the raw line ends with a tab, backslash, N.
    expect(encodeDecisionLogRow(row({})).endsWith('\t\\N\n')).toBe(true);
    const context = { keys: ['a', 'b"c'], values: { a: ['1'] }, resolvedKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k' };
    expect(JSON.parse(fields(encodeDecisionLogRow(row({ context })))[11])).toEqual(context);
    expect(JSON.parse(fields(encodeDecisionLogRow(row({ context: { keys: [], resolvedKeyArn: 'x' } })))[11])).toEqual({ keys: [], resolvedKeyArn: 'x' });
  });
});
