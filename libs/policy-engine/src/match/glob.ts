/**
 * Linear-time glob matching for IAM wildcards: `*` (any run, possibly empty) and `?` (exactly one
 * character). No regular expressions and no backtracking: the pattern is split on `*` into
 * segments; the first is anchored at the start, the last at the end, and the middle ones are
 * placed leftmost (if any placement works, the leftmost one does).
 */

/** A literal segment between stars; `q` marks positions that are a `?` wildcard. */
interface GlobSegment {
  text: string;
  q: Uint8Array | null;
}

/** A compiled glob: `segments.length - 1` stars separate the segments. */
export interface Glob {
  /** Set when the pattern has no wildcard at all: plain string equality. */
  readonly exact: string | null;
  readonly segments: readonly GlobSegment[];
  readonly minLength: number;
}

/** A token of a pattern: literal text, or a wildcard. Literal text never acts as a wildcard. */
export type GlobToken = string | { wildcard: '*' | '?' };

/** Compile a pattern where every `*` and `?` is a wildcard (optionally lower-cased first). */
export function compileGlob(pattern: string, lowerCase = false): Glob {
  const tokens: GlobToken[] = [];
  pushWildcardText(tokens, lowerCase ? pattern.toLowerCase() : pattern);
  return compileGlobTokens(tokens);
}

/** Split literal text into glob tokens (every `*` and `?` is a wildcard). */
export function pushWildcardText(out: GlobToken[], text: string): void {
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '*' || c === '?') {
      if (i > start) out.push(text.slice(start, i));
      out.push({ wildcard: c });
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
}

/** Compile a token list (used for patterns with policy variables and `${*}` escapes). */
export function compileGlobTokens(tokens: readonly GlobToken[]): Glob {
  const segments: GlobSegment[] = [];
  let text = '';
  let q: number[] = [];
  const flush = (): void => {
    segments.push({ text, q: q.length > 0 ? markQ(text.length, q) : null });
    text = '';
    q = [];
  };
  for (const t of tokens) {
    if (typeof t === 'string') text += t;
    else if (t.wildcard === '?') {
      q.push(text.length);
      text += '?';
    } else flush();
  }
  flush();
  const minLength = segments.reduce((n, s) => n + s.text.length, 0);
  const exact = segments.length === 1 && segments[0].q === null ? segments[0].text : null;
  // slice(): an exact-capacity copy (the push-grown array keeps spare slots).
  return { exact, segments: segments.slice(), minLength };
}

/** True when the pattern is exactly `*`. */
export function isMatchAll(g: Glob): boolean {
  return g.segments.length === 2 && g.minLength === 0;
}

function markQ(len: number, positions: number[]): Uint8Array {
  const m = new Uint8Array(len);
  for (const i of positions) m[i] = 1;
  return m;
}

function segmentAt(seg: GlobSegment, s: string, at: number): boolean {
  const { text, q } = seg;
  if (at < 0 || at + text.length > s.length) return false;
  if (q === null) return s.startsWith(text, at);
  for (let j = 0; j < text.length; j++) {
    if (q[j] === 0 && text.charCodeAt(j) !== s.charCodeAt(at + j)) return false;
  }
  return true;
}

function findSegment(seg: GlobSegment, s: string, from: number, limit: number): number {
  if (seg.q === null) {
    const i = s.indexOf(seg.text, from);
    return i === -1 || i + seg.text.length > limit ? -1 : i;
  }
  for (let i = from; i + seg.text.length <= limit; i++) if (segmentAt(seg, s, i)) return i;
  return -1;
}

/** Match `s` against a compiled glob. */
export function globMatch(g: Glob, s: string): boolean {
  if (g.exact !== null) return g.exact === s;
  const segs = g.segments;
  if (s.length < g.minLength) return false;
  if (segs.length === 1) return s.length === segs[0].text.length && segmentAt(segs[0], s, 0);
  const head = segs[0];
  const tail = segs[segs.length - 1];
  if (!segmentAt(head, s, 0)) return false;
  const end = s.length - tail.text.length;
  if (!segmentAt(tail, s, end)) return false;
  let pos = head.text.length;
  for (let i = 1; i < segs.length - 1; i++) {
    const seg = segs[i];
    if (seg.text.length === 0) continue;
    const at = findSegment(seg, s, pos, end);
    if (at < 0) return false;
    pos = at + seg.text.length;
  }
  return pos <= end;
}
