/** Resource / NotResource matching (semantics §1.5). */
import { ArnPattern, arnPatternMatches, compileArnPattern, compileArnPatternText } from '../match/arn-pattern';
import { globMatch } from '../match/glob';
import type { ContextView } from '../context/context-view';
import { TemplateCache, parseTemplate } from '../conditions/variables';

import { ACCOUNT_SCOPED_PATTERN_MATCHES_RESOURCELESS } from '../unconfirmed-choices';

/** A compiled Resource/NotResource value. */
export interface ResourceMatcher {
  readonly all: boolean;
  readonly pattern: ArnPattern | null;
  /** Set when the value contains policy variables (resolved per request, memoised). */
  readonly template: TemplateCache<ArnPattern> | null;
  /** Static pattern whose resource part is exactly `*` (account-scoped). */
  readonly accountScoped: boolean;
}

/** What a request's resource is matched against. */
export interface ResourceTarget {
  readonly raw: string;
  /** ARN split on its first five colons, head parts lower-cased; undefined when not an ARN. */
  readonly split: readonly string[] | undefined;
  /** The request has no resource ("*"). Then `scope` is matched by account-scoped patterns. */
  readonly star: boolean;
  /** [partition, service, region, account] (lower-cased) for resource-less requests. */
  readonly scope: readonly string[];
}

/** Compile one Resource value; variables only under Version 2012-10-17. */
export function compileResource(value: string, variables: boolean): ResourceMatcher {
  if (value === '*') return { all: true, pattern: null, template: null, accountScoped: false };
  if (variables) {
    const tpl = parseTemplate(value);
    if (tpl.hasVariables) return { all: false, pattern: null, template: new TemplateCache(tpl, (t) => compileArnPattern(t, true)), accountScoped: false };
  }
  const pattern = compileArnPatternText(value, true);
  const last = pattern.parts?.[5];
  const accountScoped = last !== undefined && last.segments.length === 2 && last.minLength === 0;
  return { all: false, pattern, template: null, accountScoped };
}

/** Match one compiled Resource value against the request resource. */
export function matchResource(m: ResourceMatcher, target: ResourceTarget, ctx: ContextView): boolean {
  if (m.all) return true;
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
