/** Normalised view of the request: lower-cased action, resource target, owning account. */
import type { AuthorizationRequest } from '../types';
import { parseArn } from '../match/arn';
import { type ResourceTarget, exactArnKey, sharedArnKey } from '../compile/resource-matcher';
import { splitRequestArn } from '../match/arn-pattern';

/** Build the target a Resource element is matched against. */
export function resourceTarget(resource: string, req: AuthorizationRequest, actionLower: string): ResourceTarget {
  if (resource === '*') {
    const service = actionLower.slice(0, Math.max(0, actionLower.indexOf(':')));
    const account = req.resourceAccount ?? req.principal.accountId ?? '';
    const partition = parseArn(req.principal.arn)?.partition ?? 'aws';
    return { raw: '*', split: undefined, key: null, star: true, scope: [partition.toLowerCase(), service, req.region.toLowerCase(), account] };
  }
  const split = splitRequestArn(resource, true);
  return { raw: resource, split, key: targetKey(resource, split), star: false, scope: NO_SCOPE };
}

const NO_SCOPE: readonly string[] = Object.freeze([]);

/** The exactArnKey form of the request ARN: the raw text itself when its head has nothing to lower-case. */
function targetKey(raw: string, split: readonly string[] | undefined): string | null {
  if (split === undefined) return null;
  const headEnd = raw.length - split[5].length;
  for (let i = 0; i < headEnd; i++) {
    const c = raw.charCodeAt(i);
    // INVARIANT: any upper-case ASCII or non-ASCII character takes the lower-casing path.
    if ((c >= 65 && c <= 90) || c >= 128) return sharedArnKey(exactArnKey(split) as string);
  }
  return sharedArnKey(raw);
}

/** Owner account of the resource: the ARN's account, the key's account, or resourceAccount. */
export function resourceAccountOf(req: AuthorizationRequest): string | undefined {
  const fromArn = req.resource === '*' ? undefined : parseArn(req.resource)?.account;
  return fromArn || req.key?.accountId || req.resourceAccount || undefined;
}
