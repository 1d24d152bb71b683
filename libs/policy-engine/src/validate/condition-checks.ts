/** Condition block checks: operators, keys, qualifiers, variables, data types (semantics §2, §6.5). */
import type { PolicyKind } from '../types';
import type { ParsedCondition, ParsedStatement } from '../parse/policy-model';
import { OperatorFamily, isNullIfExists, parseOperator, ParsedOperator } from '../conditions/operators';
import { parseTemplate } from '../conditions/variables';
import { parseCidr, parseDate, parseNumber } from '../conditions/value-parsers';
import { conditionKeyType } from '../catalog/iam-data';
import type { FindingSink } from './finding';

const KEY_FORMAT = /^[A-Za-z0-9-]+:[^\s]+$/;
const DEPRECATED_KEYS: Record<string, string> = { 'aws:arn': 'aws:PrincipalArn' };

/** Check every condition of a statement. */
export function validateConditions(st: ParsedStatement, kind: PolicyKind, variables: boolean, sink: FindingSink): void {
  // Keys differing only in case inside one operator are reported by the JSON parser.
  for (const c of st.conditions) checkCondition(c, kind, variables, sink);
}

function checkCondition(c: ParsedCondition, kind: PolicyKind, variables: boolean, sink: FindingSink): void {
  const opPath = c.path.slice(0, c.path.length - c.key.length - 1);
  if (isNullIfExists(c.operator)) {
    sink.error('NULL_WITH_IF_EXISTS', 'The Null condition operator cannot be used with IfExists.', opPath);
    return;
  }
  const op = parseOperator(c.operator);
  if (op === undefined) {
    sink.error('INVALID_CONDITION_OPERATOR', `Invalid Condition type : ${c.operator}`, opPath);
    return;
  }
  if (c.key.includes('${')) sink.error('VARIABLE_UNSUPPORTED_IN_ELEMENT', 'Policy variables are not supported in condition keys.', c.path);
  if (!KEY_FORMAT.test(c.key)) {
    sink.error('INVALID_CONDITION_KEY_FORMAT', `Invalid condition key '${c.key}': use the form prefix:name.`, c.path);
    return;
  }
  const deprecated = DEPRECATED_KEYS[c.key.toLowerCase()];
  if (deprecated) sink.warning('DEPRECATED_GLOBAL_CONDITION_KEY', `The condition key '${c.key}' is deprecated; use ${deprecated}.`, c.path);
  checkQualifier(c, op, kind, sink);
  checkTypeMatch(c, op, sink);
  checkValues(c, op, variables, sink);
}

/** Operator families that suit each catalogue key type (ArrayOf<T> as T). */
const FAMILIES_FOR_TYPE: Record<string, OperatorFamily[]> = {
  String: ['string', 'stringIgnoreCase', 'stringLike'],
  ARN: ['arn', 'string', 'stringIgnoreCase', 'stringLike'],
  Date: ['date', 'numeric'],
  Numeric: ['numeric'],
  Bool: ['bool'],
  IPAddress: ['ip'],
  Binary: ['binary'],
};

function checkTypeMatch(c: ParsedCondition, op: ParsedOperator, sink: FindingSink): void {
  const type = conditionKeyType(c.key)?.replace(/^ArrayOf/, '');
  const families = type === undefined ? undefined : FAMILIES_FOR_TYPE[type];
  if (families === undefined || op.base.family === 'null' || families.includes(op.base.family)) return;
  sink.warning('TYPE_MISMATCH', `The ${op.base.name} operator does not suit the ${type} condition key '${c.key}'.`, c.path);
}

function checkQualifier(c: ParsedCondition, op: ParsedOperator, kind: PolicyKind, sink: FindingSink): void {
  const type = conditionKeyType(c.key);
  const multi = type?.startsWith('ArrayOf') ?? false;
  const lower = c.key.toLowerCase();
  if (op.base.family === 'null') {
    if (op.set !== 'none') sink.suggestion('NULL_WITH_QUALIFIER', 'Null with ForAllValues or ForAnyValue always has the same result; remove the qualifier.', c.path);
    return;
  }
  if (op.set === 'none' && multi) {
    // Access Analyzer calls this an error, but IAM and KMS accept it on write (DECISIONS 1): a warning.
    sink.warning('MISSING_QUALIFIER', `The condition key '${c.key}' is multi-valued: use ForAllValues: or ForAnyValue: with ${op.base.name}.`, c.path);
  }
  if (op.set === 'all' && type !== undefined && !multi) {
    const kmsRejected = lower.startsWith('kms:encryptioncontext:') || lower.startsWith('aws:requesttag/');
    if (kind === 'resource' && kmsRejected) {
      sink.error('OVERLY_PERMISSIVE_CONDITION', 'OverlyPermissiveCondition: Using the ForAllValues set operator with a single-valued condition key matches requests without the specified encryption context or tag or with an unspecified one. To fix, remove ForAllValues.', c.path);
    } else {
      sink.securityWarning('FOR_ALL_VALUES_WITH_SINGLE_VALUED_KEY', `ForAllValues with the single-valued key '${c.key}' also matches requests without the key; use the operator without ForAllValues.`, c.path);
    }
  }
  if (c.values.length === 0) {
    const code = op.set === 'all' ? 'EMPTY_ARRAY_CONDITION_FORALLVALUES' : op.set === 'any' ? 'EMPTY_ARRAY_CONDITION_FORANYVALUE' : op.ifExists ? 'EMPTY_ARRAY_CONDITION_IFEXISTS' : 'EMPTY_ARRAY_CONDITION';
    sink.suggestion(code, `The condition key '${c.key}' has an empty list of values.`, c.path);
  }
}

function checkValues(c: ParsedCondition, op: ParsedOperator, variables: boolean, sink: FindingSink): void {
  const family = op.base.family;
  const hasVar = c.values.some((v) => parseTemplate(v).tokens.some((t) => typeof t !== 'string' && 'variable' in t));
  if (hasVar && variables && !op.base.variables) {
    sink.error('INVALID_VARIABLE_FOR_OPERATOR', `Policy variables cannot be used with the ${op.base.name} operator.`, c.path);
    return;
  }
  if (family === 'bool' && c.values.length > 1) sink.error('INVALID_CONDITION_MULTIPLE_BOOLEAN', `The Bool condition key '${c.key}' must have a single value.`, c.path);
  if ((family === 'string' || family === 'stringIgnoreCase') && c.values.some((v) => v.includes('*'))) {
    sink.warning('WILDCARD_WITHOUT_LIKE_OPERATOR', `The value of '${c.key}' contains '*' but ${op.base.name} compares literally; use StringLike.`, c.path);
  }
  for (const v of c.values) {
    if (hasVar && op.base.variables) continue;
    const bad =
      (family === 'numeric' && Number.isNaN(parseNumber(v))) ||
      (family === 'date' && Number.isNaN(parseDate(v))) ||
      (family === 'bool' && !/^(true|false)$/i.test(v)) ||
      (family === 'ip' && parseCidr(v) === undefined) ||
      (family === 'binary' && !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) ||
      (family === 'null' && !/^(true|false)$/i.test(v));
    if (bad) sink.error('DATA_TYPE_MISMATCH', `The value '${v}' of '${c.key}' does not match the type of the ${op.base.name} operator.`, c.path);
  }
}
