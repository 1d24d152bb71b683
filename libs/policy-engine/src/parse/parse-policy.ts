/** JSON text -> ParsedPolicy, reporting structural findings (Access Analyzer style). */
import { JsonObject, JsonValue, isObject, scalarText } from '../json/json-value';
import { parseStrictJson } from '../json/strict-json-parser';
import { FindingSink, SYNTAX_ERROR_MESSAGE } from '../validate/finding';
import { keysOf, readConditions, readList, readPrincipal } from './parse-elements';
import type { ParsedPolicy, ParsedStatement } from './policy-model';

const TOP_LEVEL = ['Version', 'Id', 'Statement'];

/** Parse a document; `policy` is undefined when the text cannot be read as a policy at all. */
export function parsePolicy(text: string, sink: FindingSink): ParsedPolicy | undefined {
  if (typeof text !== 'string') {
    sink.error('JSON_SYNTAX_ERROR', SYNTAX_ERROR_MESSAGE, '');
    return undefined;
  }
  const parsed = parseStrictJson(text);
  if (!parsed.ok) {
    sink.error('JSON_SYNTAX_ERROR', `${SYNTAX_ERROR_MESSAGE} ${parsed.message} at offset ${parsed.offset}.`, '');
    return undefined;
  }
  for (const d of parsed.caseDuplicates) {
    sink.error('DUPLICATE_KEYS_WITH_DIFFERENT_CASE', `Keys '${d.keys[0]}' and '${d.keys[1]}' differ only in case.`, d.path);
  }
  const root = parsed.value;
  if (!isObject(root)) {
    sink.error('JSON_SYNTAX_ERROR', `${SYNTAX_ERROR_MESSAGE} The document must be a JSON object.`, '');
    return undefined;
  }
  for (const key of root.entries.keys()) {
    if (!TOP_LEVEL.includes(key)) sink.error('INVALID_POLICY_ELEMENT', `Invalid policy element '${key}'.`, key);
  }
  const statementValue = root.get('Statement');
  if (statementValue === undefined) {
    sink.error('MISSING_STATEMENT', 'The policy must contain a Statement element.', '');
    return undefined;
  }
  const statements = readStatements(statementValue, sink);
  if (statements === undefined) return undefined;
  return { version: readTopString(root, 'Version', sink), id: readTopString(root, 'Id', sink), statements, elementNames: keysOf(root) };
}

function readTopString(root: JsonObject, key: string, sink: FindingSink): string | undefined {
  const v = root.get(key);
  if (v === undefined) return undefined;
  // A non-string Version is reported once, by the version check, as an invalid version.
  if (typeof v !== 'string' && key !== 'Version') sink.error('INVALID_POLICY_ELEMENT', `The ${key} element must be a string.`, key);
  return typeof v === 'string' ? v : (scalarText(v) ?? '');
}

function readStatements(v: JsonValue, sink: FindingSink): ParsedStatement[] | undefined {
  if (isObject(v)) return [readStatement(v, 0, 'Statement', sink)];
  if (!Array.isArray(v)) {
    sink.error('JSON_SYNTAX_ERROR', `${SYNTAX_ERROR_MESSAGE} The Statement element must be an object or a list of objects.`, 'Statement');
    return undefined;
  }
  if (v.length === 0) {
    sink.error('MISSING_STATEMENT', 'The policy must contain at least one statement.', 'Statement');
    return [];
  }
  const out: ParsedStatement[] = [];
  for (let i = 0; i < v.length; i++) {
    const s = v[i];
    if (!isObject(s)) {
      sink.error('JSON_SYNTAX_ERROR', `${SYNTAX_ERROR_MESSAGE} Every statement must be an object.`, `Statement[${i}]`);
      return undefined;
    }
    out.push(readStatement(s, i, `Statement[${i}]`, sink));
  }
  return out;
}

function readStatement(o: JsonObject, index: number, path: string, sink: FindingSink): ParsedStatement {
  const st: ParsedStatement = { index, path, conditions: [], conditionMalformed: false, elementNames: keysOf(o) };
  for (const [key, value] of o.entries) {
    const p = `${path}.${key}`;
    switch (key) {
      case 'Sid':
        st.sid = scalarText(value) ?? '';
        if (scalarText(value) === undefined) sink.error('INVALID_POLICY_ELEMENT', 'The Sid element must be a string.', p);
        break;
      case 'Effect':
        st.effect = typeof value === 'string' ? value : (scalarText(value) ?? '');
        break;
      case 'Principal':
        st.principal = readPrincipal(value, p, key, sink);
        break;
      case 'NotPrincipal':
        st.notPrincipal = readPrincipal(value, p, key, sink);
        break;
      case 'Action':
      case 'NotAction':
      case 'Resource':
      case 'NotResource':
        assignList(st, key, readList(value, p, key, sink));
        break;
      case 'Condition': {
        const c = readConditions(value, p, sink);
        st.conditions = c.conditions;
        st.conditionMalformed = c.malformed;
        break;
      }
      default:
        sink.error('INVALID_POLICY_ELEMENT', `Invalid policy element '${key}' in statement.`, p);
    }
  }
  return st;
}

function assignList(st: ParsedStatement, key: 'Action' | 'NotAction' | 'Resource' | 'NotResource', list: ParsedStatement['action']): void {
  if (key === 'Action') st.action = list;
  else if (key === 'NotAction') st.notAction = list;
  else if (key === 'Resource') st.resource = list;
  else st.notResource = list;
}
