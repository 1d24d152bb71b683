import { CONDITION_OPERATORS_CASE_INSENSITIVE } from '../unconfirmed-choices';

/** Condition operator names: `[ForAllValues:|ForAnyValue:] Base [IfExists]`. */

/** Operator families: how policy and request values are compared. */
export type OperatorFamily = 'string' | 'stringIgnoreCase' | 'stringLike' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn' | 'null';

/** Comparison for numeric and date operators. */
export type Comparison = 'eq' | 'lt' | 'lte' | 'gt' | 'gte';

/** A base operator (no set qualifier, no IfExists). */
export interface BaseOperator {
  name: string;
  family: OperatorFamily;
  /** Negated operators (…Not…, NotIpAddress) match a missing key and are NOR across policy values. */
  negated: boolean;
  cmp: Comparison;
  /** Whether policy variables are allowed in this operator's values. */
  variables: boolean;
}

function op(name: string, family: OperatorFamily, negated = false, cmp: Comparison = 'eq'): BaseOperator {
  const variables = family === 'string' || family === 'stringIgnoreCase' || family === 'stringLike' || family === 'arn' || family === 'bool';
  return { name, family, negated, cmp, variables };
}

const BASE_OPERATORS: BaseOperator[] = [
  op('StringEquals', 'string'),
  op('StringNotEquals', 'string', true),
  op('StringEqualsIgnoreCase', 'stringIgnoreCase'),
  op('StringNotEqualsIgnoreCase', 'stringIgnoreCase', true),
  op('StringLike', 'stringLike'),
  op('StringNotLike', 'stringLike', true),
  op('NumericEquals', 'numeric'),
  op('NumericNotEquals', 'numeric', true),
  op('NumericLessThan', 'numeric', false, 'lt'),
  op('NumericLessThanEquals', 'numeric', false, 'lte'),
  op('NumericGreaterThan', 'numeric', false, 'gt'),
  op('NumericGreaterThanEquals', 'numeric', false, 'gte'),
  op('DateEquals', 'date'),
  op('DateNotEquals', 'date', true),
  op('DateLessThan', 'date', false, 'lt'),
  op('DateLessThanEquals', 'date', false, 'lte'),
  op('DateGreaterThan', 'date', false, 'gt'),
  op('DateGreaterThanEquals', 'date', false, 'gte'),
  op('Bool', 'bool'),
  op('BinaryEquals', 'binary'),
  op('IpAddress', 'ip'),
  op('NotIpAddress', 'ip', true),
  op('ArnEquals', 'arn'),
  op('ArnLike', 'arn'),
  op('ArnNotEquals', 'arn', true),
  op('ArnNotLike', 'arn', true),
  op('Null', 'null'),
];

/** Set qualifier of an operator. */
export type SetQualifier = 'none' | 'all' | 'any';

/** A fully parsed operator. */
export interface ParsedOperator {
  base: BaseOperator;
  set: SetQualifier;
  ifExists: boolean;
}

const normalise = (name: string): string => (CONDITION_OPERATORS_CASE_INSENSITIVE ? name.toLowerCase() : name);
const BY_NAME = new Map(BASE_OPERATORS.map((o) => [normalise(o.name), o]));
const FOR_ALL = normalise('ForAllValues:');
const FOR_ANY = normalise('ForAnyValue:');
const IF_EXISTS = normalise('IfExists');

/** Parse an operator name; undefined when it is not a valid operator (including `NullIfExists`). */
export function parseOperator(raw: string): ParsedOperator | undefined {
  let name = normalise(raw);
  let set: SetQualifier = 'none';
  if (name.startsWith(FOR_ALL)) {
    set = 'all';
    name = name.slice(FOR_ALL.length);
  } else if (name.startsWith(FOR_ANY)) {
    set = 'any';
    name = name.slice(FOR_ANY.length);
  }
  const plain = BY_NAME.get(name);
  if (plain !== undefined) return { base: plain, set, ifExists: false };
  if (!name.endsWith(IF_EXISTS)) return undefined;
  const base = BY_NAME.get(name.slice(0, -IF_EXISTS.length));
  // INVARIANT: Null cannot take IfExists (Access Analyzer "Null with if exists").
  if (base === undefined || base.family === 'null') return undefined;
  return { base, set, ifExists: true };
}

/** True when the operator name is `NullIfExists` (its own Access Analyzer error). */
export function isNullIfExists(raw: string): boolean {
  return /^(forallvalues:|foranyvalue:)?nullifexists$/i.test(raw);
}
