/** Evaluation of compiled conditions against a request context (semantics §2.2-§2.6). */
import type { ContextView } from '../context/context-view';
import type { CompiledCondition } from './compile-condition';

function isEmpty(values: readonly string[] | undefined, setOperator: boolean): boolean {
  if (values === undefined || values.length === 0) return true;
  // INVARIANT: for ForAllValues/ForAnyValue a set holding only empty strings is a null data set (§2.5).
  if (!setOperator) return false;
  for (const v of values) if (v !== '') return false;
  return true;
}

function evaluateNull(c: CompiledCondition, present: boolean): boolean {
  const set = c.op?.set;
  if (set === 'all') return true;
  if (set === 'any') return false;
  for (const expectAbsent of c.nullExpect) {
    if (expectAbsent === true && !present) return true;
    if (expectAbsent === false && present) return true;
  }
  return false;
}

/** Evaluate one condition. */
export function evaluateCondition(c: CompiledCondition, ctx: ContextView): boolean {
  const op = c.op;
  if (op === undefined) return false;
  const req = ctx.get(c.keyLower);
  if (op.base.family === 'null') return evaluateNull(c, req !== undefined && req.length > 0);
  const set = op.set;
  if (isEmpty(req, set !== 'none')) {
    if (set === 'all') return true;
    if (set === 'any') return false;
    return op.ifExists || op.base.negated;
  }
  const values = req as readonly string[];
  const negated = op.base.negated;
  const tests = c.tests;
  const test = (rv: string): boolean => {
    if (negated) {
      for (const t of tests) if (t(rv, ctx)) return false;
      return true;
    }
    for (const t of tests) if (t(rv, ctx)) return true;
    return false;
  };
  if (set === 'none') {
    // INVARIANT: a plain operator on a key with several request values does not match (§2.4).
    return values.length === 1 && test(values[0]);
  }
  if (set === 'all') {
    for (const v of values) if (!test(v)) return false;
    return true;
  }
  for (const v of values) if (test(v)) return true;
  return false;
}

/** Evaluate a statement's conditions (AND). */
export function evaluateConditions(conditions: readonly CompiledCondition[], ctx: ContextView): boolean {
  for (const c of conditions) if (!evaluateCondition(c, ctx)) return false;
  return true;
}
