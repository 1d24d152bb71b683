/**
 * Builds the request context: server keys derived lazily from facts (never forgeable) plus
 * caller-supplied keys typed by the catalogue. A caller can never set or override a server key.
 */
import type { AuthorizationRequest, ContextEntry } from '../types';
import { conditionKeyType } from '../catalog/iam-data';
import { RequestContext } from './context-view';
import { isServerKey } from './server-keys';

export { isServerKey };

const EC_PREFIX = 'kms:encryptioncontext:';

const boolKeyCache = new Map<string, boolean>();
function isBoolKey(lower: string): boolean {
  let b = boolKeyCache.get(lower);
  if (b === undefined) {
    b = conditionKeyType(lower) === 'Bool';
    if (boolKeyCache.size > 4096) boolKeyCache.clear();
    boolKeyCache.set(lower, b);
  }
  return b;
}

/** Caller values typed by the catalogue: Bool keys are normalised to lower-case true/false. */
function typedValues(lower: string, values: readonly string[]): string[] {
  const bool = isBoolKey(lower);
  return values.map((v) => (bool ? String(v).toLowerCase() : String(v)));
}

function callerEntries(entries: readonly ContextEntry[], hasKey: boolean): Map<string, readonly string[]> | null {
  if (entries.length === 0) return null;
  const out = new Map<string, readonly string[]>();
  let ecKeys: string[] | null = null;
  for (const e of entries) {
    // An entry without values is the same as an absent key (§2.5).
    if (e === null || typeof e !== 'object' || typeof e.key !== 'string' || !Array.isArray(e.values) || e.values.length === 0) continue;
    const lower = e.key.toLowerCase();
    // INVARIANT: server keys are dropped here, so a caller value can never shadow a server value.
    if (isServerKey(lower, hasKey)) continue;
    if (lower.startsWith(EC_PREFIX)) (ecKeys ??= []).push(e.key.slice(EC_PREFIX.length));
    const existing = out.get(lower);
    const values = typedValues(lower, e.values);
    out.set(lower, existing === undefined ? values : [...existing, ...values]);
  }
  if (ecKeys !== null && !out.has('kms:encryptioncontextkeys')) out.set('kms:encryptioncontextkeys', ecKeys);
  return out;
}

/** Build the two-view request context of a request. */
export function buildRequestContext(req: AuthorizationRequest): RequestContext {
  return new RequestContext(req, callerEntries(Array.isArray(req.context) ? req.context : [], req.key !== undefined));
}

/** Encryption context pairs carried by the request (`kms:EncryptionContext:<k>` entries, key case kept). */
export function encryptionContextOf(req: AuthorizationRequest): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of Array.isArray(req.context) ? req.context : []) {
    if (e && typeof e.key === 'string' && e.key.toLowerCase().startsWith(EC_PREFIX) && Array.isArray(e.values) && e.values.length === 1) {
      out.set(e.key.slice(EC_PREFIX.length), String(e.values[0]));
    }
  }
  return out;
}
