/** Normalisation of statement elements: single string or list, numbers and booleans as text. */
import { JsonNumber, JsonObject, JsonValue, isObject, scalarText } from '../json/json-value';
import type { FindingSink } from '../validate/finding';
import type { ParsedCondition, ParsedList, ParsedPrincipal } from './policy-model';

/** Read a string-or-list element. Non-scalar members make the element malformed (ERROR). */
export function readList(v: JsonValue, path: string, name: string, sink: FindingSink): ParsedList {
  const items = Array.isArray(v) ? v : [v];
  const values: string[] = [];
  let malformed = false;
  items.forEach((item, i) => {
    const text = scalarText(item);
    if (text === undefined) {
      malformed = true;
      const p = Array.isArray(v) ? `${path}[${i}]` : path;
      sink.error('INVALID_POLICY_ELEMENT', `The ${name} element must be a string or a list of strings.`, p);
    } else values.push(text);
  });
  return { values, path, malformed, array: Array.isArray(v) };
}

const PRINCIPAL_KEYS = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

/** Read a Principal / NotPrincipal element. */
export function readPrincipal(v: JsonValue, path: string, name: string, sink: FindingSink): ParsedPrincipal {
  const out: ParsedPrincipal = { wildcard: false, entries: [], path };
  if (typeof v === 'string') {
    if (v === '*') out.wildcard = true;
    else sink.error('INVALID_PRINCIPAL_FORMAT', `The ${name} element must be "*" or an object such as {"AWS": "arn"}.`, path);
    return out;
  }
  if (!isObject(v)) {
    sink.error('INVALID_PRINCIPAL_FORMAT', `The ${name} element must be "*" or an object such as {"AWS": "arn"}.`, path);
    return out;
  }
  if (v.size === 0) sink.suggestion('EMPTY_OBJECT_PRINCIPAL', `The ${name} element is an empty object and matches no principal.`, path);
  for (const [key, value] of v.entries) {
    const p = `${path}.${key}`;
    if (!PRINCIPAL_KEYS.includes(key)) {
      sink.error('INVALID_PRINCIPAL_KEY', `Invalid principal key '${key}': use AWS, Service, Federated or CanonicalUser.`, p);
      continue;
    }
    const list = readList(value, p, name, sink);
    if (Array.isArray(value) && value.length === 0) sink.suggestion('EMPTY_ARRAY_PRINCIPAL', `The ${name} element has an empty list and matches no principal.`, p);
    if (!list.malformed) out.entries.push({ key, values: list.values, path: p, array: list.array });
  }
  return out;
}

/** Read a Condition block into (operator, key, values) triples. */
export function readConditions(v: JsonValue, path: string, sink: FindingSink): { conditions: ParsedCondition[]; malformed: boolean } {
  const conditions: ParsedCondition[] = [];
  if (!isObject(v)) {
    sink.error('INVALID_POLICY_ELEMENT', 'The Condition element must be an object.', path);
    return { conditions, malformed: true };
  }
  if (v.size === 0) sink.suggestion('EMPTY_OBJECT_CONDITION', 'The Condition element is an empty object and has no effect.', path);
  let malformed = false;
  for (const [operator, block] of v.entries) {
    const opPath = `${path}.${operator}`;
    if (!isObject(block)) {
      sink.error('INVALID_POLICY_ELEMENT', `The condition operator '${operator}' must map to an object of condition keys.`, opPath);
      malformed = true;
      continue;
    }
    if (block.size === 0) sink.suggestion('EMPTY_OBJECT_CONDITION', `The condition operator '${operator}' has no condition keys.`, opPath);
    for (const [key, raw] of block.entries) {
      const c = readConditionValues(operator, key, raw, `${opPath}.${key}`, sink);
      if (c === undefined) malformed = true;
      else conditions.push(c);
    }
  }
  return { conditions, malformed };
}

function readConditionValues(operator: string, key: string, raw: JsonValue, path: string, sink: FindingSink): ParsedCondition | undefined {
  const items = Array.isArray(raw) ? raw : [raw];
  const values: string[] = [];
  const valueTypes: string[] = [];
  for (const item of items) {
    const text = scalarText(item);
    if (text === undefined) {
      sink.error('DATA_TYPE_MISMATCH', `Condition values for '${key}' must be strings, numbers or booleans.`, path);
      return undefined;
    }
    values.push(text);
    valueTypes.push(typeof item === 'string' ? 'string' : item instanceof JsonNumber ? 'number' : 'boolean');
  }
  return { operator, key, values, valueTypes, path };
}

/** Keys of a JSON object, as written. */
export function keysOf(o: JsonObject): string[] {
  return [...o.entries.keys()];
}
