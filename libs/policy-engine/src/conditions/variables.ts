/**
 * Policy variables: `${key}`, `${key, 'default'}` and the escapes `${*}`, `${?}`, `${$}`.
 * Recognised only in documents with Version 2012-10-17 (the caller decides).
 */
import { GlobToken, pushWildcardText } from '../match/glob';
import type { ContextView } from '../context/context-view';

/** A parsed template token: literal text, an escaped literal character, or a variable. */
export type TemplateToken = string | { escape: string } | { variable: string; raw: string; fallback?: string };

/** A value or pattern that may contain variables. */
export interface Template {
  readonly tokens: readonly TemplateToken[];
  /** True when the text has a variable or an escape (it must be resolved, not used as is). */
  readonly hasVariables: boolean;
}

const VARIABLE_RE = /^\s*([^,\s}]+)\s*(?:,\s*'([^']*)'\s*)?$/;

/** Parse `${...}` occurrences; malformed ones stay literal text. */
export function parseTemplate(text: string): Template {
  const tokens: TemplateToken[] = [];
  let hasVariables = false;
  let i = 0;
  let lit = '';
  while (i < text.length) {
    const open = text.indexOf('${', i);
    if (open < 0) break;
    const close = text.indexOf('}', open + 2);
    if (close < 0) break;
    const inner = text.slice(open + 2, close);
    const token = parseInner(inner);
    lit += text.slice(i, open);
    if (token === undefined) {
      lit += text.slice(open, close + 1);
    } else {
      if (lit) tokens.push(lit);
      lit = '';
      tokens.push(token);
      hasVariables = true;
    }
    i = close + 1;
  }
  lit += text.slice(i);
  if (lit) tokens.push(lit);
  return { tokens, hasVariables };
}

function parseInner(inner: string): TemplateToken | undefined {
  if (inner === '*' || inner === '?' || inner === '$') return { escape: inner };
  const m = VARIABLE_RE.exec(inner);
  if (!m) return undefined;
  return m[2] === undefined ? { variable: m[1].toLowerCase(), raw: m[1] } : { variable: m[1].toLowerCase(), raw: m[1], fallback: m[2] };
}

/** Names of the variables a template uses, as written. */
export function templateVariables(t: Template): string[] {
  const out: string[] = [];
  for (const tok of t.tokens) if (typeof tok !== 'string' && 'variable' in tok) out.push(tok.raw);
  return out;
}

function variableValue(tok: { variable: string; fallback?: string }, ctx: ContextView): string | undefined {
  const v = ctx.get(tok.variable);
  // INVARIANT: only single-valued keys can be substituted; a multi-valued or absent key has no value.
  if (v !== undefined && v.length === 1) return v[0];
  return tok.fallback;
}

/** Resolve to plain text (escapes become their literal character); undefined if a variable has no value. */
export function resolveText(t: Template, ctx: ContextView): string | undefined {
  let out = '';
  for (const tok of t.tokens) {
    if (typeof tok === 'string') out += tok;
    else if ('escape' in tok) out += tok.escape;
    else {
      const v = variableValue(tok, ctx);
      if (v === undefined) return undefined;
      out += v;
    }
  }
  return out;
}

/** Resolve to glob tokens: `*`/`?` in literal text are wildcards; escapes and variable values are literal. */
export function resolveGlobTokens(t: Template, ctx: ContextView | null): GlobToken[] | undefined {
  const out: GlobToken[] = [];
  for (const tok of t.tokens) {
    if (typeof tok === 'string') pushWildcardText(out, tok);
    else if ('escape' in tok) out.push(tok.escape);
    else {
      const v = ctx === null ? undefined : variableValue(tok, ctx);
      if (v === undefined) return undefined;
      out.push(v);
    }
  }
  return out;
}

/**
 * Memoise compiled forms of a template per resolved variable values (bounded), so a pattern with
 * variables is compiled once per distinct principal rather than once per request.
 */
export class TemplateCache<T> {
  private readonly map = new Map<string, T | null>();
  constructor(
    private readonly template: Template,
    private readonly build: (tokens: GlobToken[]) => T,
  ) {}
  get(ctx: ContextView): T | undefined {
    let key = '';
    for (const tok of this.template.tokens) {
      if (typeof tok !== 'string' && 'variable' in tok) {
        const v = variableValue(tok, ctx);
        if (v === undefined) return undefined;
        key += v + '\u0000';
      }
    }
    const hit = this.map.get(key);
    if (hit !== undefined) return hit ?? undefined;
    const tokens = resolveGlobTokens(this.template, ctx);
    const built = tokens === undefined ? null : this.build(tokens);
    if (this.map.size >= 256) this.map.clear();
    this.map.set(key, built);
    return built ?? undefined;
  }
}
