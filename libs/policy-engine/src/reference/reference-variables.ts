/**
 * Policy variables for the REFERENCE evaluator (aws-kms-iam-semantics.md §1.6): `${key}`,
 * `${key, 'default'}` and the literal escapes `${*}`, `${?}`, `${$}`. Only documents with
 * Version 2012-10-17 substitute; elsewhere the text is literal.
 */
import type { RefContext } from './reference-matching';

/** A piece of a pattern: raw policy text (wildcards active) or a literal (substituted or escaped). */
export interface Piece {
  text: string;
  literal: boolean;
}

/** Split `text` into pieces, substituting variables; undefined when a variable has no value and no default
 * (a multivalued or absent key has no single value). */
export function resolvePieces(text: string, context: RefContext): Piece[] | undefined {
  const pieces: Piece[] = [];
  const variable = /\$\{([^}]*)\}/g;
  let last = 0;
  for (let m = variable.exec(text); m !== null; m = variable.exec(text)) {
    pieces.push({ text: text.slice(last, m.index), literal: false });
    last = variable.lastIndex;
    const inner = m[1];
    if (inner === '*' || inner === '?' || inner === '$') {
      pieces.push({ text: inner, literal: true });
      continue;
    }
    const withDefault = /^(.*?), '(.*)'$/.exec(inner);
    const values = context.get((withDefault ? withDefault[1] : inner).trim().toLowerCase());
    if (values !== undefined && values.length === 1) pieces.push({ text: values[0], literal: true });
    else if (withDefault) pieces.push({ text: withDefault[2], literal: true });
    else return undefined;
  }
  pieces.push({ text: text.slice(last), literal: false });
  return pieces;
}

/** Pieces -> anchored RegExp: raw `*` = any run, raw `?` = one character, everything else literal. */
export function piecesToRegExp(pieces: Piece[], ignoreCase: boolean): RegExp {
  let source = '';
  for (const piece of pieces) {
    for (const ch of piece.text) {
      if (!piece.literal && ch === '*') source += '.*';
      else if (!piece.literal && ch === '?') source += '.';
      else source += ch.replace(/[.+^${}()|[\]\\*?/-]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
}

/** The text of resolved pieces (for exact comparisons). */
export function piecesText(pieces: Piece[]): string {
  return pieces.map((p) => p.text).join('');
}

/** Resolve `text` when variables are on; otherwise one raw piece. */
export function piecesOf(text: string, context: RefContext | undefined): Piece[] | undefined {
  return context === undefined ? [{ text, literal: false }] : resolvePieces(text, context);
}
