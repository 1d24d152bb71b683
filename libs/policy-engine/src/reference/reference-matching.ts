/**
 * Matching helpers of the REFERENCE evaluator (test oracle). Written straight from
 * aws-kms-iam-semantics.md §1-§2, for obviousness, not speed: documents are raw JSON,
 * patterns become a fresh RegExp on every call. Shares no code with the engine.
 */

/** A statement exactly as it came out of JSON.parse. */
export type RawStatement = Record<string, unknown>;

/** Request context: lower-cased key name -> values. */
export type RefContext = Map<string, string[]>;

/** Who is calling, as far as principal matching needs to know. */
export interface RefCaller {
  arn: string;
  account: string;
  isRoot: boolean;
  /** Role ARN for an assumed-role session (a role principal covers all its sessions). */
  roleArn?: string;
  userName?: string;
}

/** §1.1: a single string (or object) is equivalent to a one-element array. */
export function toList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Statements of a parsed document (§1.1: object or array of objects). */
export function statementsOf(doc: unknown): RawStatement[] {
  if (typeof doc !== 'object' || doc === null) return [];
  const list = toList((doc as Record<string, unknown>).Statement);
  return list.filter((s): s is RawStatement => typeof s === 'object' && s !== null && !Array.isArray(s));
}

/** Glob -> anchored RegExp: escape everything, then `*` = any run, `?` = one character. */
export function globToRegExp(pattern: string, ignoreCase: boolean): RegExp {
  let source = '';
  for (const ch of pattern) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[.+^${}()|[\]\\*?/-]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
}

/** §1.4: actions are matched case-insensitively over the whole `prefix:name` string. */
export function actionMatches(pattern: string, action: string): boolean {
  if (/\s/.test(pattern)) return false;
  return globToRegExp(pattern, true).test(action);
}

/** Split an ARN on its first five colons; undefined when it has fewer. */
function arnParts(value: string): string[] | undefined {
  const parts = value.split(':');
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/** §1.5: `*` alone matches everything; otherwise segment-wise, case-sensitive, wildcards in the
 * first five segments cannot span a colon, in the resource part they can. */
export function resourceMatches(pattern: string, resource: string): boolean {
  if (pattern === '*') return true;
  const p = arnParts(pattern);
  const r = arnParts(resource);
  if (!p || !r) return globToRegExp(pattern, false).test(resource);
  return p.every((segment, i) => globToRegExp(segment, false).test(r[i]));
}

/** §1.3: the principal values a resource-policy statement names ("*" for everyone). */
function principalValues(element: unknown): string[] {
  if (element === '*') return ['*'];
  if (typeof element !== 'object' || element === null) return [];
  const out: string[] = [];
  for (const [kind, raw] of Object.entries(element as Record<string, unknown>)) {
    for (const v of toList(raw)) {
      const s = String(v);
      if (kind !== 'AWS') out.push(`${kind}:${s}`);
      else if (/^\d{12}$/.test(s)) out.push(`arn:aws:iam::${s}:root`);
      else out.push(s);
    }
  }
  return out;
}

/** How a resource-policy statement names the caller: by its own ARN (user, session), by its role
 * ARN (covers every session), by "*", through its account principal, or not at all. */
export type PrincipalHit = 'exact' | 'role' | 'star' | 'account' | 'none';

/** §1.3 / §3.3: classify how the statement's Principal (or NotPrincipal) covers the caller. */
export function principalHit(st: RawStatement, caller: RefCaller): PrincipalHit {
  const accountArn = `arn:aws:iam::${caller.account}:root`;
  if ('NotPrincipal' in st) {
    const vals = principalValues(st.NotPrincipal);
    const excluded = vals.includes(caller.arn) || vals.includes(accountArn) || (!!caller.roleArn && vals.includes(caller.roleArn));
    return excluded ? 'none' : 'star';
  }
  const vals = principalValues(st.Principal);
  // INVARIANT: the root user's ARN is its account principal, so the root is never an 'exact' name.
  if (!caller.isRoot && vals.includes(caller.arn)) return 'exact';
  if (caller.roleArn && vals.includes(caller.roleArn)) return 'role';
  if (vals.includes('*')) return 'star';
  return vals.includes(accountArn) ? 'account' : 'none';
}

/** Action / NotAction element. A statement with neither never applies. */
export function statementCoversAction(st: RawStatement, action: string): boolean {
  if ('Action' in st) return toList(st.Action).some((p) => typeof p === 'string' && actionMatches(p, action));
  if ('NotAction' in st) return !toList(st.NotAction).some((p) => typeof p === 'string' && actionMatches(p, action));
  return false;
}

/** Resource / NotResource element. A statement with neither never applies (§1.2, §10.10). */
export function statementCoversResource(st: RawStatement, resource: string): boolean {
  if ('Resource' in st) return toList(st.Resource).some((p) => typeof p === 'string' && resourceMatches(p, resource));
  if ('NotResource' in st) return !toList(st.NotResource).some((p) => typeof p === 'string' && resourceMatches(p, resource));
  return false;
}
