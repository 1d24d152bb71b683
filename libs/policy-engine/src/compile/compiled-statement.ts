/** The compiled, immutable form of one statement. */
import { Glob, compileGlob, globMatch } from '../match/glob';
import { CompiledCondition, compileCondition } from '../conditions/compile-condition';
import type { ParsedStatement } from '../parse/policy-model';
import type { PolicyKind, StatementEffect } from '../types';
import { PrincipalMatcher, compilePrincipal } from './principal-matcher';
import { ResourceElement, compileResourceElement } from './resource-matcher';
import { InternTable } from './intern-table';

/** A compiled action pattern over the lower-cased `service:action` text. */
export interface ActionPattern {
  readonly raw: string;
  readonly lower: string;
  readonly glob: Glob | null;
}

/** A compiled statement. `applicable` is false when an element AWS would reject makes it unusable. */
export interface CompiledStatement {
  readonly index: number;
  readonly sid?: string;
  readonly effect: StatementEffect;
  readonly applicable: boolean;
  readonly actions: readonly ActionPattern[];
  readonly notAction: boolean;
  readonly resources: ResourceElement;
  readonly notResource: boolean;
  /** null when the statement has no Principal/NotPrincipal element. */
  readonly principal: PrincipalMatcher | null;
  readonly notPrincipal: boolean;
  readonly conditions: readonly CompiledCondition[];
  /** Distinct condition keys (lower-cased, as written) for missingContextKeys. */
  readonly conditionKeys: readonly { lower: string; raw: string }[];
}

const VALID_ACTION = /^[^\s:]+:[^\s:]*$/;

const actionPatterns = new InternTable<ActionPattern>(20_000);
const NO_CONDITIONS: readonly never[] = Object.freeze([]);
/** Sids shared between policies (generated policies repeat the same few). */
const sids = new InternTable<string>(20_000);

function buildAction(raw: string): ActionPattern {
  const lower = raw.toLowerCase();
  if (raw === '*') return Object.freeze({ raw, lower, glob: compileGlob('*') });
  return Object.freeze({ raw, lower, glob: VALID_ACTION.test(raw) ? compileGlob(lower) : null });
}

/** Compile an action pattern (shared between statements); a malformed one (no prefix, whitespace) never matches. */
export function compileAction(raw: string): ActionPattern {
  return actionPatterns.get(raw, buildAction);
}

/** True when an action pattern matches a lower-cased action. */
export function actionMatches(p: ActionPattern, actionLower: string): boolean {
  return p.glob !== null && globMatch(p.glob, actionLower);
}

/** Compile a parsed statement. */
export function compileStatement(st: ParsedStatement, kind: PolicyKind, variables: boolean): CompiledStatement {
  const effect: StatementEffect = st.effect === 'Deny' ? 'DENY' : 'ALLOW';
  const actionList = st.action ?? st.notAction;
  const resourceList = st.resource ?? st.notResource;
  const principalEl = st.principal ?? st.notPrincipal;
  const applicable =
    (st.effect === 'Allow' || st.effect === 'Deny') &&
    actionList !== undefined && !actionList.malformed && !(st.action && st.notAction) &&
    resourceList !== undefined && !resourceList.malformed && !(st.resource && st.notResource) &&
    !st.conditionMalformed &&
    (kind === 'identity' || (principalEl !== undefined && !(st.principal && st.notPrincipal)));
  const conditions = st.conditions.length === 0 ? NO_CONDITIONS : st.conditions.map((c) => compileCondition(c.operator, c.key, c.values, variables));
  const seen = new Map<string, string>();
  for (const c of st.conditions) if (!seen.has(c.key.toLowerCase())) seen.set(c.key.toLowerCase(), c.key);
  return {
    index: st.index,
    sid: st.sid === undefined ? undefined : sids.get(st.sid, (t) => t),
    effect,
    applicable,
    actions: (actionList?.values ?? []).map(compileAction),
    notAction: st.action === undefined && st.notAction !== undefined,
    resources: compileResourceElement(resourceList?.values ?? [], variables),
    notResource: st.resource === undefined && st.notResource !== undefined,
    principal: kind === 'resource' && principalEl !== undefined ? compilePrincipal(principalEl) : null,
    notPrincipal: st.principal === undefined && st.notPrincipal !== undefined,
    conditions,
    conditionKeys: seen.size === 0 ? NO_CONDITIONS : [...seen].map(([lower, raw]) => ({ lower, raw })),
  };
}
