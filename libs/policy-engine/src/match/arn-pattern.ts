/** ARN patterns: six globs (one per ARN part), so wildcards never span the first five colons. */
import { Glob, GlobToken, compileGlobTokens, globMatch, pushWildcardText } from './glob';
import { splitArnParts } from './arn';

/**
 * A compiled ARN pattern. `parts` is null when the pattern is not ARN-shaped (fewer than five
 * colons): then it matches nothing, unless it is the bare `*` (`matchAll`).
 */
export interface ArnPattern {
  parts: Glob[] | null;
  matchAll: boolean;
}

/** Split glob tokens on the first five literal colons into six token groups. */
export function splitTokensOnColons(tokens: readonly GlobToken[]): GlobToken[][] | undefined {
  const groups: GlobToken[][] = [[]];
  for (const t of tokens) {
    if (typeof t !== 'string' || groups.length === 6) {
      groups[groups.length - 1].push(t);
      continue;
    }
    let rest = t;
    for (;;) {
      const c = groups.length < 6 ? rest.indexOf(':') : -1;
      if (c < 0) {
        if (rest) groups[groups.length - 1].push(rest);
        break;
      }
      if (c > 0) groups[groups.length - 1].push(rest.slice(0, c));
      groups.push([]);
      rest = rest.slice(c + 1);
    }
  }
  return groups.length === 6 ? groups : undefined;
}

function lowerTokens(tokens: GlobToken[]): GlobToken[] {
  return tokens.map((t) => (typeof t === 'string' ? t.toLowerCase() : t));
}

/**
 * Compile ARN pattern tokens. `caseInsensitiveHead` lower-cases partition/service/region/account
 * (the Resource element); the resource part is always case-sensitive.
 */
export function compileArnPattern(tokens: readonly GlobToken[], caseInsensitiveHead: boolean): ArnPattern {
  const groups = splitTokensOnColons(tokens);
  const matchAll = tokens.length === 1 && typeof tokens[0] !== 'string' && tokens[0].wildcard === '*';
  if (groups === undefined) return { parts: null, matchAll };
  const parts = groups.map((g, i) => compileGlobTokens(caseInsensitiveHead && i < 5 ? lowerTokens(g) : g));
  return { parts, matchAll };
}

/** Compile a plain pattern string (every `*`/`?` a wildcard). */
export function compileArnPatternText(text: string, caseInsensitiveHead: boolean): ArnPattern {
  const tokens: GlobToken[] = [];
  pushWildcardText(tokens, text);
  return compileArnPattern(tokens, caseInsensitiveHead);
}

/** Match an ARN already split with splitArnParts (head parts lower-cased if the pattern is). */
export function arnPatternMatches(p: ArnPattern, split: readonly string[] | undefined): boolean {
  if (p.matchAll) return true;
  if (p.parts === null || split === undefined) return false;
  for (let i = 0; i < 6; i++) if (!globMatch(p.parts[i], split[i])) return false;
  return true;
}

/** Split a request ARN for matching; lower-cases the head parts when asked. */
export function splitRequestArn(raw: string, lowerHead: boolean): string[] | undefined {
  const parts = splitArnParts(raw);
  if (parts === undefined || !lowerHead) return parts;
  for (let i = 0; i < 5; i++) parts[i] = parts[i].toLowerCase();
  return parts;
}
