/**
 * Builds the request context from server facts (never forgeable) plus caller-supplied keys,
 * typed by the catalogue. A caller can never set or override a server-derived key.
 */
import type { AuthorizationRequest, ContextEntry } from '../types';
import { conditionKeyType } from '../catalog/iam-data';
import { RequestContext } from './context-view';

/** Keys only the server may set, whatever the request (lower case). */
const SERVER_KEYS: ReadonlySet<string> = new Set([
  'aws:principalarn', 'aws:principalaccount', 'aws:principaltype', 'aws:username', 'aws:userid', 'aws:currenttime',
  'aws:epochtime', 'aws:requestedregion', 'aws:securetransport', 'aws:principalisawsservice', 'aws:principalservicename',
  'aws:principalservicenameslist', 'aws:principalorgid', 'aws:principalorgpaths', 'kms:calleraccount', 'kms:requestalias',
]);
/** Prefixes only the server may set (lower case). */
const SERVER_PREFIXES = ['aws:principaltag/'];
/** Resource properties: server-derived whenever the request names a key (lower case). */
const KEY_PROPERTY_KEYS: ReadonlySet<string> = new Set([
  'kms:keyspec', 'kms:keyusage', 'kms:keyorigin', 'kms:multiregion', 'kms:multiregionkeytype', 'kms:resourcealiases',
  'kms:customermasterkeyspec', 'kms:customermasterkeyusage', 'aws:resourceaccount',
]);
const KEY_PROPERTY_PREFIXES = ['aws:resourcetag/'];

const EC_PREFIX = 'kms:encryptioncontext:';

/** True when the caller may not supply this key for this request. */
export function isServerKey(lower: string, hasKey: boolean): boolean {
  if (SERVER_KEYS.has(lower) || SERVER_PREFIXES.some((p) => lower.startsWith(p))) return true;
  return hasKey && (KEY_PROPERTY_KEYS.has(lower) || KEY_PROPERTY_PREFIXES.some((p) => lower.startsWith(p)));
}

let lastTimeMs = NaN;
let lastIso = '';
function isoSeconds(ms: number): string {
  if (ms !== lastTimeMs) {
    lastIso = new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
    lastTimeMs = ms;
  }
  return lastIso;
}

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

function serverContext(req: AuthorizationRequest): { base: Map<string, string[]>; iamOnly: Map<string, string[]> } {
  const base = new Map<string, string[]>();
  const iamOnly = new Map<string, string[]>();
  const p = req.principal;
  const set = (k: string, v: string | undefined): void => {
    if (v !== undefined) base.set(k, [v]);
  };
  set('aws:principalarn', p.principalArn);
  set('aws:principalaccount', p.accountId);
  set('aws:principaltype', p.type);
  set('aws:username', p.type === 'User' ? p.userName : undefined);
  set('aws:userid', p.userId);
  set('aws:principalisawsservice', p.type === 'Service' ? 'true' : 'false');
  if (p.type === 'Service') set('aws:principalservicename', p.arn);
  for (const [k, v] of Object.entries(p.tags ?? {})) set(`aws:principaltag/${k.toLowerCase()}`, v);
  set('aws:currenttime', isoSeconds(req.timeMs));
  set('aws:epochtime', String(Math.floor(req.timeMs / 1000)));
  set('aws:requestedregion', req.region);
  set('aws:securetransport', req.secureTransport === false ? 'false' : 'true');
  if (req.action.toLowerCase().startsWith('kms:')) set('kms:calleraccount', p.accountId);
  set('kms:requestalias', req.requestAlias);
  const key = req.key;
  if (key !== undefined) {
    set('kms:keyspec', key.keySpec);
    set('kms:keyusage', key.keyUsage);
    set('kms:keyorigin', key.origin);
    set('kms:customermasterkeyspec', key.keySpec);
    set('kms:customermasterkeyusage', key.keyUsage);
    set('kms:multiregion', key.multiRegion ? 'true' : 'false');
    set('aws:resourceaccount', key.accountId);
    // INVARIANT: ABAC keys live in the IAM-only layer: key policies never see them (§3.3 item 12).
    for (const [k, v] of Object.entries(key.tags ?? {})) iamOnly.set(`aws:resourcetag/${k.toLowerCase()}`, [v]);
    if (key.aliases !== undefined && key.aliases.length > 0) iamOnly.set('kms:resourcealiases', [...key.aliases]);
  }
  return { base, iamOnly };
}

/** Caller values typed by the catalogue: Bool keys are normalised to lower-case true/false. */
function typedValues(lower: string, values: readonly string[]): string[] {
  const bool = isBoolKey(lower);
  return values.map((v) => (bool ? String(v).toLowerCase() : String(v)));
}

function addCallerEntries(base: Map<string, string[]>, entries: readonly ContextEntry[], hasKey: boolean): void {
  let ecKeys: string[] | null = null;
  for (const e of entries) {
    if (e === null || typeof e !== 'object' || typeof e.key !== 'string' || !Array.isArray(e.values)) continue;
    const lower = e.key.toLowerCase();
    // INVARIANT: every key serverContext sets is a server key here, so a caller can never override one.
    if (isServerKey(lower, hasKey)) continue;
    if (lower.startsWith(EC_PREFIX)) (ecKeys ??= []).push(e.key.slice(EC_PREFIX.length));
    const existing = base.get(lower);
    const values = typedValues(lower, e.values);
    base.set(lower, existing === undefined ? values : [...existing, ...values]);
  }
  if (ecKeys !== null && !base.has('kms:encryptioncontextkeys')) base.set('kms:encryptioncontextkeys', ecKeys);
}

/** Build the two-layer request context of a request. */
export function buildRequestContext(req: AuthorizationRequest): RequestContext {
  const { base, iamOnly } = serverContext(req);
  addCallerEntries(base, Array.isArray(req.context) ? req.context : [], req.key !== undefined);
  return new RequestContext(base, iamOnly);
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
