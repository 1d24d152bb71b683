/** The parsed (not yet compiled) form of a policy document: normalised lists, raw texts, JSON paths. */

/** A principal element: bare `"*"` or a map of principal keys to value lists. */
export interface ParsedPrincipal {
  /** The bare string "*" form. */
  wildcard: boolean;
  entries: { key: string; values: string[]; path: string; array: boolean }[];
  path: string;
}

/** One (operator, key) pair of a Condition block with its policy values as text. */
export interface ParsedCondition {
  operator: string;
  key: string;
  values: string[];
  /** JSON types of the values as written ('string' | 'number' | 'boolean'). */
  valueTypes: string[];
  path: string;
}

/** A list element (Action, Resource, ...) with the path of the element. */
export interface ParsedList {
  values: string[];
  path: string;
  /** A value was of a type AWS rejects (object, null, nested array): the element never matches. */
  malformed: boolean;
  /** Written as a JSON array (member paths then carry an index). */
  array: boolean;
}

/** JSON path of the i-th member of a list element. */
export function memberPath(list: { path: string; array: boolean }, i: number): string {
  return list.array ? `${list.path}[${i}]` : list.path;
}

/** One statement with every element normalised to lists. */
export interface ParsedStatement {
  index: number;
  path: string;
  sid?: string;
  effect?: string;
  principal?: ParsedPrincipal;
  notPrincipal?: ParsedPrincipal;
  action?: ParsedList;
  notAction?: ParsedList;
  resource?: ParsedList;
  notResource?: ParsedList;
  conditions: ParsedCondition[];
  /** The Condition element exists but is malformed (not an object of objects): never matches. */
  conditionMalformed: boolean;
  /** Keys of the statement object, as written. */
  elementNames: string[];
}

/** A parsed policy document. */
export interface ParsedPolicy {
  version?: string;
  id?: string;
  statements: ParsedStatement[];
  /** Keys of the top-level object, as written. */
  elementNames: string[];
}
