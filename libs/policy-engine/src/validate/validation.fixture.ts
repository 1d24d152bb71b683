/** Helpers for validation specs. */
import type { PolicyKind } from '../types';
import { analysePolicy } from '../compile/compile-policy';

/** Findings as "TYPE CODE @path" strings. */
export function findingsOf(doc: unknown, kind: PolicyKind = 'identity'): string[] {
  const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
  return analysePolicy(text, kind).findings.map((f) => `${f.findingType} ${f.issueCode} @${f.path}`);
}

/** A valid identity document around one statement. */
export function identity(statement: Record<string, unknown>): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*', ...statement }] };
}

/** A valid key policy around one statement. */
export function keyPolicy(statement: Record<string, unknown>): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*', ...statement }] };
}
