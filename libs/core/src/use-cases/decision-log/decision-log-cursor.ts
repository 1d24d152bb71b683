/**
 * Opaque page cursors of decisionLog: base64url(JSON position) + "." + HMAC. A cursor is bound to
 * the account and the filters it was issued for, so a tampered, truncated or foreign cursor is a
 * VALIDATION_ERROR and never yields data.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { errors } from '../../errors/domain-error';
import type { DecisionLogPosition, DecisionLogQuery } from './decision-log-reader.port';

/** The filters a cursor is bound to (everything of the query but the position and page size). */
export type CursorScope = Omit<DecisionLogQuery, 'after' | 'limit'>;

interface CursorPayload {
  v: 1;
  a: string;
  f: string;
  t: number;
  d: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_CURSOR_LENGTH = 512;

/** Signs and verifies cursors with a deployment-wide secret (the same on every replica). */
export class DecisionLogCursorCodec {
  private readonly key: Buffer;

  constructor(secret: string) {
    // INVARIANT: the raw secret is never used or exposed directly; only a derived MAC key.
    this.key = createHash('sha256').update(`keygate-decision-log-cursor:${secret}`).digest();
  }

  encode(scope: CursorScope, position: DecisionLogPosition): string {
    const payload: CursorPayload = { v: 1, a: scope.accountId, f: fingerprint(scope), t: position.decidedAt.getTime(), d: position.decisionId };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  /** The position encoded in `cursor`; VALIDATION_ERROR unless it was issued for exactly this scope. */
  decode(scope: CursorScope, cursor: string): DecisionLogPosition {
    const payload = this.verify(cursor);
    if (!payload || payload.a !== scope.accountId || payload.f !== fingerprint(scope)) throw invalidCursor(cursor);
    return { decidedAt: new Date(payload.t), decisionId: payload.d };
  }

  private verify(cursor: string): CursorPayload | undefined {
    if (cursor.length > MAX_CURSOR_LENGTH) return undefined;
    const [body, signature, extra] = cursor.split('.');
    if (!body || !signature || extra !== undefined) return undefined;
    const expected = this.mac(body);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return parsePayload(Buffer.from(body, 'base64url').toString('utf8'));
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest();
  }
}

function parsePayload(json: string): CursorPayload | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  const p = value as Partial<CursorPayload> | null;
  const valid =
    p !== null && typeof p === 'object' && p.v === 1 && typeof p.a === 'string' && typeof p.f === 'string' &&
    Number.isSafeInteger(p.t) && typeof p.d === 'string' && UUID.test(p.d);
  return valid ? (p as CursorPayload) : undefined;
}

function fingerprint(scope: CursorScope): string {
  const parts = [scope.principalArn ?? null, scope.keyArn ?? null, scope.decision ?? null, scope.from?.toISOString() ?? null, scope.to?.toISOString() ?? null];
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

function invalidCursor(cursor: string): Error {
  const shown = cursor.length > 40 ? `${cursor.slice(0, 40)}...` : cursor;
  return errors.validation(`The cursor ${JSON.stringify(shown)} is not valid for this query (use nextCursor of the same query).`);
}
