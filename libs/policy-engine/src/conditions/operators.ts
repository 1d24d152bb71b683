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

// UNCONFIRMED (semantics §1.7): operator names are matched case-insensitively, as the reference
// implementation does. Keep this the only place that decides it.
const BY_LOWER_NAME = new Map(BASE_OPERATORS.map((o) => [o.name.toLowerCase(), o]));

/** Set qualifier of an operator. */
export type SetQualifier = 'none' | 'all' | 'any';

/** A fully parsed operator. */
export interface ParsedOperator {
  base: BaseOperator;
  set: SetQualifier;
  ifExists: boolean;
}

/** Parse an operator name; undefined when it is not a valid operator (including `NullIfExists`). */
export function parseOperator(raw: string): ParsedOperator | undefined {
  let rest = raw;
  let set: SetQualifier = 'none';
  const lower = raw.toLowerCase();
  if (lower.startsWith('forallvalues:')) {
    set = 'all';
    rest = raw.slice('forallvalues:'.length);
  } else if (lower.startsWith('foranyvalue:')) {
    set = 'any';
    rest = raw.slice('foranyvalue:'.length);
  }
  let name = rest.toLowerCase();
  let base = BY_LOWER_NAME.get(name);
  let ifExists = false;
  if (base === undefined && name.endsWith('ifexists')) {
    name = name.slice(0, -'ifexists'.length);
    base = BY_LOWER_NAME.get(name);
    ifExists = true;
    if (base?.family === 'null') return undefined;
  }
  return base === undefined ? undefined : { base, set, ifExists };
}

/** True when the operator name is `NullIfExists` (its own Access Analyzer error). */
export function isNullIfExists(raw: string): boolean {
  return /^(forallvalues:|foranyvalue:)?nullifexists$/i.test(raw);
}
