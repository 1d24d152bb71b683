/** Compile one (operator, key, values) condition into value tests evaluated per request. */
import { compileGlobTokens, globMatch, pushWildcardText, GlobToken } from '../match/glob';
import { ArnPattern, arnPatternMatches, compileArnPattern } from '../match/arn-pattern';
import { splitArnParts } from '../match/arn';
import type { ContextView } from '../context/context-view';
import { ParsedOperator, parseOperator } from './operators';
import { Template, TemplateCache, parseTemplate, resolveGlobTokens, resolveText } from './variables';
import { Cidr, compare, ipInRange, parseCidr, parseDate, parseIp, parseNumber } from './value-parsers';

/** Positive test of one policy value against one request value. */
export type ValueTest = (requestValue: string, ctx: ContextView) => boolean;

/** A compiled condition. `op` is undefined for an invalid operator: the condition never matches. */
export interface CompiledCondition {
  readonly keyLower: string;
  readonly keyRaw: string;
  readonly op: ParsedOperator | undefined;
  readonly tests: readonly ValueTest[];
  /** For Null: the expected "absent" flags of the policy values (undefined entry = invalid value). */
  readonly nullExpect: readonly (boolean | undefined)[];
}

const NEVER: ValueTest = () => false;

/** Compile a condition; `variables` is false for documents without Version 2012-10-17. */
export function compileCondition(operator: string, key: string, values: readonly string[], variables: boolean): CompiledCondition {
  const op = parseOperator(operator);
  const keyLower = key.toLowerCase();
  if (op === undefined) return { keyLower, keyRaw: key, op, tests: [], nullExpect: [] };
  if (op.base.family === 'null') {
    const nullExpect = values.map((v) => (v.toLowerCase() === 'true' ? true : v.toLowerCase() === 'false' ? false : undefined));
    return { keyLower, keyRaw: key, op, tests: [], nullExpect };
  }
  const useVars = variables && op.base.variables;
  const tests = values.map((v) => compileValue(op, v, useVars));
  return { keyLower, keyRaw: key, op, tests, nullExpect: [] };
}

function compileValue(op: ParsedOperator, value: string, useVars: boolean): ValueTest {
  const tpl = useVars ? parseTemplate(value) : undefined;
  const dynamic = tpl !== undefined && tpl.hasVariables;
  const { family, cmp } = op.base;
  switch (family) {
    case 'string':
      return dynamic ? (rv, ctx) => resolveText(tpl, ctx) === rv : (rv) => rv === value;
    case 'stringIgnoreCase': {
      const lower = value.toLowerCase();
      return dynamic ? (rv, ctx) => resolveText(tpl, ctx)?.toLowerCase() === rv.toLowerCase() : (rv) => rv.toLowerCase() === lower;
    }
    case 'bool': {
      const lower = value.toLowerCase();
      return dynamic ? (rv, ctx) => resolveText(tpl, ctx)?.toLowerCase() === rv.toLowerCase() : (rv) => rv.toLowerCase() === lower;
    }
    case 'stringLike':
      return compileLike(value, tpl, dynamic);
    case 'arn':
      return compileArn(value, tpl, dynamic);
    case 'numeric': {
      const n = parseNumber(value);
      return Number.isNaN(n) ? NEVER : (rv) => compare(parseNumber(rv), n, cmp);
    }
    case 'date': {
      const d = parseDate(value);
      return Number.isNaN(d) ? NEVER : (rv) => compare(parseDate(rv), d, cmp);
    }
    case 'binary':
      return (rv) => rv === value;
    case 'ip':
      return compileIp(parseCidr(value));
    default:
      return NEVER;
  }
}

function staticTokens(value: string): GlobToken[] {
  const out: GlobToken[] = [];
  pushWildcardText(out, value);
  return out;
}

function compileLike(value: string, tpl: Template | undefined, dynamic: boolean): ValueTest {
  if (dynamic && tpl !== undefined) {
    const cache = new TemplateCache(tpl, compileGlobTokens);
    return (rv, ctx) => {
      const glob = cache.get(ctx);
      return glob !== undefined && globMatch(glob, rv);
    };
  }
  const glob = compileGlobTokens(tpl !== undefined ? (resolveGlobTokens(tpl, null) ?? []) : staticTokens(value));
  return (rv) => globMatch(glob, rv);
}

function compileArn(value: string, tpl: Template | undefined, dynamic: boolean): ValueTest {
  if (dynamic && tpl !== undefined) {
    const cache = new TemplateCache(tpl, (t) => compileArnPattern(t, false));
    return (rv, ctx) => {
      const pattern = cache.get(ctx);
      return pattern !== undefined && arnPatternMatches(pattern, splitArnParts(rv));
    };
  }
  const pattern: ArnPattern = compileArnPattern(tpl !== undefined ? (resolveGlobTokens(tpl, null) ?? []) : staticTokens(value), false);
  return (rv) => arnPatternMatches(pattern, splitArnParts(rv));
}

function compileIp(range: Cidr | undefined): ValueTest {
  if (range === undefined) return NEVER;
  return (rv) => {
    const addr = parseIp(rv);
    return addr !== undefined && ipInRange(addr, range);
  };
}
