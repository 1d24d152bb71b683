/**
 * Condition evaluation of the REFERENCE evaluator, a literal transcription of
 * aws-kms-iam-semantics.md §2.6 for the operator subset the test generators use.
 */
import { toList, type RefContext } from './reference-matching';
import { piecesOf, piecesText, piecesToRegExp, type Piece } from './reference-variables';

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

/** §1.6: operators whose values may hold variables. */
const VARIABLE_OPERATORS = /^(String|Arn|Bool)/;

/** The positive comparison of one request value with one policy value (undefined: a variable
 * without value, which matches nothing); unknown operators never match. */
function positive(base: string, requestValue: string, pieces: Piece[] | undefined): boolean {
  if (pieces === undefined) return false;
  const policyValue = piecesText(pieces);
  const a = Number(requestValue);
  const b = Number(policyValue);
  const numeric = requestValue.trim() !== '' && policyValue.trim() !== '' && !isNaN(a) && !isNaN(b);
  switch (base) {
    case 'StringEquals':
      return requestValue === policyValue;
    case 'StringEqualsIgnoreCase':
      return requestValue.toLowerCase() === policyValue.toLowerCase();
    case 'StringLike':
      return piecesToRegExp(pieces, false).test(requestValue);
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

/** One key under one operator (§2.6 inner loop). `context` is set when variables are on. */
function keyHolds(op: ParsedOperator, policyValues: string[], requestValues: string[] | undefined, context?: RefContext): boolean {
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
  const resolved = policyValues.map((pv) => piecesOf(pv, VARIABLE_OPERATORS.test(op.base) ? context : undefined));
  const test = (rv: string) =>
    negatedOf !== undefined
      ? resolved.every((pv) => !positive(negatedOf, rv, pv))
      : resolved.some((pv) => positive(op.base, rv, pv));
  if (op.set === 'ForAllValues') return requestValues.every(test);
  if (op.set === 'ForAnyValue') return requestValues.some(test);
  return test(requestValues[0]);
}

/** A whole Condition block: AND over operators, AND over keys. Absent or empty block = true.
 * `variables`: the document is 2012-10-17, so policy values may hold variables (§1.6). */
export function conditionHolds(block: unknown, context: RefContext, variables: boolean): boolean {
  if (block === undefined) return true;
  if (typeof block !== 'object' || block === null) return false;
  for (const [rawOp, keys] of Object.entries(block as Record<string, unknown>)) {
    if (typeof keys !== 'object' || keys === null) return false;
    const op = parseOperator(rawOp);
    for (const [key, rawValues] of Object.entries(keys as Record<string, unknown>)) {
      const policyValues = toList(rawValues).map((v) => String(v));
      const requestValues = context.get(key.toLowerCase());
      if (!keyHolds(op, policyValues, requestValues, variables ? context : undefined)) return false;
    }
  }
  return true;
}
