/** Resource / NotResource matching (semantics §1.5). */
import { ArnPattern, arnPatternMatches, compileArnPattern, compileArnPatternText } from '../match/arn-pattern';
import { globMatch } from '../match/glob';
import { splitArnParts } from '../match/arn';
import type { ContextView } from '../context/context-view';
import { TemplateCache, parseTemplate } from '../conditions/variables';
import { InternTable } from './intern-table';

import { ACCOUNT_SCOPED_PATTERN_MATCHES_RESOURCELESS } from '../unconfirmed-choices';

/** A compiled Resource/NotResource value with a wildcard or a policy variable. */
export interface ResourceMatcher {
  readonly pattern: ArnPattern | null;
  /** Set when the value contains policy variables (resolved per request, memoised). */
  readonly template: TemplateCache<ArnPattern> | null;
  /** Static pattern whose resource part is exactly `*` (account-scoped). */
  readonly accountScoped: boolean;
}

/**
 * A compiled Resource/NotResource element. Literal ARNs (no wildcard, no variable) are kept as
 * normalised strings (see exactArnKey) and compared with the request's `key`; the rest are
 * matchers shared between statements.
 */
export interface ResourceElement {
  /** The element lists `*`: it matches every request. */
  readonly all: boolean;
  /** Literal ARNs, when there are at most EXACT_LIST_MAX of them (else null). */
  readonly exactList: readonly string[] | null;
  /** Literal ARNs, when there are more. */
  readonly exactSet: ReadonlySet<string> | null;
  readonly patterns: readonly ResourceMatcher[];
}

/** What a request's resource is matched against. */
export interface ResourceTarget {
  readonly raw: string;
  /** ARN split on its first five colons, head parts lower-cased; undefined when not an ARN. */
  readonly split: readonly string[] | undefined;
  /** `split` joined again (the exactArnKey form); null when not an ARN or resource-less. */
  readonly key: string | null;
  /** Filter bits of `key` (see ArnKey); 0 when `key` is null. */
  readonly keyBitA: number;
  readonly keyBitB: number;
  /** The request has no resource ("*"). Then `scope` is matched by account-scoped patterns. */
  readonly star: boolean;
  /** [partition, service, region, account] (lower-cased) for resource-less requests. */
  readonly scope: readonly string[];
}

const EXACT_LIST_MAX = 8;
const EMPTY: readonly never[] = Object.freeze([]);
const MATCH_ALL: ResourceElement = Object.freeze({ all: true, exactList: null, exactSet: null, patterns: EMPTY });
const exactKeys = new InternTable<ArnKey>(50_000);

/**
 * A literal ARN key with its filter bits: one bit in each of two 32-bit masks, a pure function of
 * the text (FNV-1a), so a policy's OR of its keys' bits tells most requests "not listed here"
 * without a Map lookup. INVARIANT: equal texts always have equal bits (never table state).
 */
export interface ArnKey {
  readonly text: string;
  readonly bitA: number;
  readonly bitB: number;
}

function arnKeyOf(text: string): ArnKey {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return Object.freeze({ text, bitA: 1 << (h & 31), bitB: 1 << ((h >>> 5) & 31) });
}
const matchers = new InternTable<ResourceMatcher | null>(20_000);

/**
 * Normalised form of an ARN for literal comparison: the head parts (partition, service, region,
 * account) lower-cased, the resource part as written. Undefined when the text is not ARN-shaped.
 * INVARIANT: head parts hold no colon, so equal keys ⇔ equal split parts (what the globs compare).
 */
export function exactArnKey(split: readonly string[] | undefined): string | undefined {
  if (split === undefined) return undefined;
  return `${split[0]}:${split[1]}:${split[2]}:${split[3]}:${split[4]}:${split[5]}`;
}

/**
 * The ArnKey of a request key: the shared one when a policy lists that ARN (literal comparisons
 * then hit by identity), else a fresh one.
 */
export function sharedArnKey(key: string): ArnKey {
  return exactKeys.peek(key) ?? arnKeyOf(key);
}

/** The ArnKey of a literal written in a policy (shared between policies). */
export function literalArnKey(text: string): ArnKey {
  return exactKeys.get(text, arnKeyOf);
}

function literalKey(value: string, variables: boolean): string | null | undefined {
  if (value.includes('*') || value.includes('?') || (variables && value.includes('${'))) return undefined;
  const parts = splitArnParts(value);
  if (parts === undefined) return null;
  for (let i = 0; i < 5; i++) parts[i] = parts[i].toLowerCase();
  return literalArnKey(exactArnKey(parts) as string).text;
}

/** Compile one wildcard/variable value; null when it can match nothing (malformed template aside). */
function compileMatcher(value: string, variables: boolean): ResourceMatcher | null {
  if (variables) {
    const tpl = parseTemplate(value);
    if (tpl.hasVariables) return Object.freeze({ pattern: null, template: new TemplateCache(tpl, (t) => compileArnPattern(t, true)), accountScoped: false });
  }
  const pattern = compileArnPatternText(value, true);
  if (pattern.parts === null && !pattern.matchAll) return null;
  const last = pattern.parts?.[5];
  const accountScoped = last !== undefined && last.segments.length === 2 && last.minLength === 0;
  return Object.freeze({ pattern, template: null, accountScoped });
}

/** Compile a Resource/NotResource element's values; variables only under Version 2012-10-17. */
export function compileResourceElement(values: readonly string[], variables: boolean): ResourceElement {
  if (values.includes('*')) return MATCH_ALL;
  const literals = new Set<string>();
  const patterns: ResourceMatcher[] = [];
  for (const value of values) {
    const literal = literalKey(value, variables);
    // A literal value that is not ARN-shaped matches nothing.
    if (literal === null) continue;
    if (literal !== undefined) {
      literals.add(literal);
      continue;
    }
    const m = matchers.get(`${variables ? 'v' : 's'}${value}`, (k) => compileMatcher(k.slice(1), variables));
    if (m !== null && !patterns.includes(m)) patterns.push(m);
  }
  const exact = [...literals];
  const many = exact.length > EXACT_LIST_MAX;
  return Object.freeze({
    all: false,
    exactList: exact.length > 0 && !many ? Object.freeze(exact) : null,
    exactSet: many ? literals : null,
    patterns: patterns.length > 0 ? Object.freeze(patterns) : EMPTY,
  });
}

/** True when any value of the element matches the request resource. */
export function matchResourceElement(el: ResourceElement, target: ResourceTarget, ctx: ContextView): boolean {
  if (el.all) return true;
  const key = target.key;
  if (key !== null) {
    const list = el.exactList;
    if (list !== null) {
      for (let i = 0; i < list.length; i++) if (list[i] === key) return true;
    } else if (el.exactSet !== null && el.exactSet.has(key)) return true;
  }
  const patterns = el.patterns;
  for (let i = 0; i < patterns.length; i++) if (matchResource(patterns[i], target, ctx)) return true;
  return false;
}

/** Match one compiled wildcard/variable value against the request resource. */
export function matchResource(m: ResourceMatcher, target: ResourceTarget, ctx: ContextView): boolean {
  if (target.star) {
    if (!ACCOUNT_SCOPED_PATTERN_MATCHES_RESOURCELESS || !m.accountScoped || m.pattern?.parts == null) return false;
    const parts = m.pattern.parts;
    for (let i = 0; i < 4; i++) if (!globMatch(parts[i + 1], target.scope[i] ?? '')) return false;
    return globMatch(parts[0], 'arn');
  }
  if (m.template !== null) {
    const pattern = m.template.get(ctx);
    // INVARIANT: an unresolvable variable makes this resource value match nothing.
    return pattern !== undefined && arnPatternMatches(pattern, target.split);
  }
  return arnPatternMatches(m.pattern as ArnPattern, target.split);
}
