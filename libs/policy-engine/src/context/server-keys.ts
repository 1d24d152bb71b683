/**
 * Server-derived context keys: computed on demand from the request facts, never from caller input.
 * Resource-property ABAC keys (aws:ResourceTag/*, kms:ResourceAliases) are visible to IAM policies only.
 */
import type { AuthorizationRequest } from '../types';

/** Keys only the server may set, whatever the request (lower case). */
const SERVER_KEYS: ReadonlySet<string> = new Set([
  'aws:principalarn', 'aws:principalaccount', 'aws:principaltype', 'aws:username', 'aws:userid', 'aws:currenttime',
  'aws:epochtime', 'aws:requestedregion', 'aws:securetransport', 'aws:principalisawsservice', 'aws:principalservicename',
  'aws:principalservicenameslist', 'aws:principalorgid', 'aws:principalorgpaths', 'kms:calleraccount', 'kms:requestalias',
]);
/** Resource properties: server-derived whenever the request names a key (lower case). */
const KEY_PROPERTY_KEYS: ReadonlySet<string> = new Set([
  'kms:keyspec', 'kms:keyusage', 'kms:keyorigin', 'kms:multiregion', 'kms:multiregionkeytype', 'kms:resourcealiases',
  'kms:customermasterkeyspec', 'kms:customermasterkeyusage', 'aws:resourceaccount',
]);
const PRINCIPAL_TAG = 'aws:principaltag/';
const RESOURCE_TAG = 'aws:resourcetag/';

/** True when the caller may not supply this key for this request. */
export function isServerKey(lower: string, hasKey: boolean): boolean {
  if (SERVER_KEYS.has(lower) || lower.startsWith(PRINCIPAL_TAG)) return true;
  return hasKey && (KEY_PROPERTY_KEYS.has(lower) || lower.startsWith(RESOURCE_TAG));
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

function tagValue(tags: Record<string, string> | undefined, lowerTagKey: string): string | undefined {
  if (tags === undefined || tags === null) return undefined;
  for (const k in tags) if (Object.prototype.hasOwnProperty.call(tags, k) && k.toLowerCase() === lowerTagKey) return String(tags[k]);
  return undefined;
}

/** KMS actions that do not support kms:CallerAccount (§4.1 table, CA/VS column "—"). */
const NO_CALLER_ACCOUNT = new Set(['kms:generaterandom', 'kms:listaliases', 'kms:listkeys', 'kms:listretirablegrants']);

function hasCallerAccount(action: string): boolean {
  const lower = action.toLowerCase();
  return lower.startsWith('kms:') && !NO_CALLER_ACCOUNT.has(lower);
}

const one = (v: string | undefined): readonly string[] | undefined => (v === undefined ? undefined : [v]);

/** The value of a server key visible to every policy (undefined when absent). */
export function serverValue(req: AuthorizationRequest, lower: string): readonly string[] | undefined {
  const p = req.principal;
  const key = req.key;
  switch (lower) {
    case 'aws:principalarn': return one(p.principalArn);
    case 'aws:principalaccount': return one(p.accountId);
    case 'aws:principaltype': return one(p.type);
    case 'aws:username': return one(p.type === 'User' ? p.userName : undefined);
    case 'aws:userid': return one(p.userId);
    case 'aws:principalisawsservice': return one(p.type === 'Service' ? 'true' : 'false');
    case 'aws:principalservicename': return one(p.type === 'Service' ? p.arn : undefined);
    case 'aws:currenttime': return one(isoSeconds(req.timeMs));
    case 'aws:epochtime': return one(String(Math.floor(req.timeMs / 1000)));
    case 'aws:requestedregion': return one(req.region);
    case 'aws:securetransport': return one(req.secureTransport === false ? 'false' : 'true');
    case 'kms:calleraccount': return one(hasCallerAccount(req.action) ? p.accountId : undefined);
    case 'kms:requestalias': return one(req.requestAlias);
    case 'kms:keyspec':
    case 'kms:customermasterkeyspec': return one(key?.keySpec);
    case 'kms:keyusage':
    case 'kms:customermasterkeyusage': return one(key?.keyUsage);
    case 'kms:keyorigin': return one(key?.origin);
    case 'kms:multiregion': return one(key === undefined ? undefined : key.multiRegion ? 'true' : 'false');
    case 'aws:resourceaccount': return one(key?.accountId);
    default:
      return lower.startsWith(PRINCIPAL_TAG) ? one(tagValue(p.tags, lower.slice(PRINCIPAL_TAG.length))) : undefined;
  }
}

/** The value of an IAM-only server key (aws:ResourceTag/*, kms:ResourceAliases). */
export function iamOnlyValue(req: AuthorizationRequest, lower: string): readonly string[] | undefined {
  const key = req.key;
  if (key === undefined) return undefined;
  if (lower === 'kms:resourcealiases') return Array.isArray(key.aliases) && key.aliases.length > 0 ? key.aliases : undefined;
  return lower.startsWith(RESOURCE_TAG) ? one(tagValue(key.tags, lower.slice(RESOURCE_TAG.length))) : undefined;
}
