/**
 * Condition evaluation of the REFERENCE evaluator, a literal transcription of
 * aws-kms-iam-semantics.md §2.6 for the operator subset the test generators use.
 */
import { globToRegExp, toList, type RefContext } from './reference-matching';

interface ParsedOperator {
  set?: 'ForAllValues' | 'ForAnyValue';
  base: string;
  ifExists: boolean;
}

/** "ForAnyValue:StringLikeIfExists" -> { set, base: "StringLike", ifExists }. */
function parseOperator(raw: string): ParsedOperator {
  let rest = raw;
  let set: ParsedOperator['set'];
  for (const q of ['ForAllValues', 'ForAnyValue'] as const) {
    if (rest.startsWith(`${q}:`)) {
      set = q;
      rest = rest.slice(q.length + 1);
    }
  }
  const ifExists = rest.endsWith('IfExists');
  return { set, base: ifExists ? rest.slice(0, -'IfExists'.length) : rest, ifExists };
}

const NEGATED: Record<string, string> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  NumericNotEquals: 'NumericEquals',
};

/** The positive comparison of one request value with one policy value; unknown operators never match. */
function positive(base: string, requestValue: string, policyValue: string): boolean {
  const a = Number(requestValue);
  const b = Number(policyValue);
  const numeric = requestValue.trim() !== '' && policyValue.trim() !== '' && !isNaN(a) && !isNaN(b);
  switch (base) {
    case 'StringEquals':
      return requestValue === policyValue;
    case 'StringEqualsIgnoreCase':
      return requestValue.toLowerCase() === policyValue.toLowerCase();
    case 'StringLike':
      return globToRegExp(policyValue, false).test(requestValue);
    case 'Bool':
      return requestValue.toLowerCase() === policyValue.toLowerCase();
    case 'NumericEquals':
      return numeric && a === b;
    case 'NumericLessThan':
      return numeric && a < b;
    case 'NumericLessThanEquals':
      return numeric && a <= b;
    case 'NumericGreaterThan':
      return numeric && a > b;
    case 'NumericGreaterThanEquals':
      return numeric && a >= b;
    default:
      return false;
  }
}

/** Null: "true" <=> key absent, "false" <=> key present; several values are OR'ed. */
function nullTest(policyValues: string[], present: boolean): boolean {
  return policyValues.some((v) => (v.toLowerCase() === 'true' ? !present : v.toLowerCase() === 'false' && present));
}

/** One key under one operator (§2.6 inner loop). */
function keyHolds(op: ParsedOperator, policyValues: string[], requestValues: string[] | undefined): boolean {
  if (op.base === 'Null') {
    if (op.set) return op.set === 'ForAllValues';
    return nullTest(policyValues, requestValues !== undefined);
  }
  const negatedOf = NEGATED[op.base];
  if (requestValues === undefined || requestValues.length === 0) {
    if (op.set === 'ForAllValues') return true;
    if (op.set === 'ForAnyValue') return false;
    return op.ifExists || negatedOf !== undefined;
  }
  if (!op.set && requestValues.length > 1) return false;
  const test = (rv: string) =>
    negatedOf !== undefined
      ? policyValues.every((pv) => !positive(negatedOf, rv, pv))
      : policyValues.some((pv) => positive(op.base, rv, pv));
  if (op.set === 'ForAllValues') return requestValues.every(test);
  if (op.set === 'ForAnyValue') return requestValues.some(test);
  return test(requestValues[0]);
}

/** A whole Condition block: AND over operators, AND over keys. Absent or empty block = true. */
export function conditionHolds(block: unknown, context: RefContext): boolean {
  if (block === undefined) return true;
  if (typeof block !== 'object' || block === null) return false;
  for (const [rawOp, keys] of Object.entries(block as Record<string, unknown>)) {
    if (typeof keys !== 'object' || keys === null) return false;
    const op = parseOperator(rawOp);
    for (const [key, rawValues] of Object.entries(keys as Record<string, unknown>)) {
      const policyValues = toList(rawValues).map((v) => String(v));
      if (!keyHolds(op, policyValues, context.get(key.toLowerCase()))) return false;
    }
  }
  return true;
}
