/** Normalised view of the request: lower-cased action, resource target, owning account. */
import type { AuthorizationRequest } from '../types';
import { parseArn } from '../match/arn';
import type { ResourceTarget } from '../compile/resource-matcher';
import { splitRequestArn } from '../match/arn-pattern';

/** Build the target a Resource element is matched against. */
export function resourceTarget(resource: string, req: AuthorizationRequest, actionLower: string): ResourceTarget {
  if (resource === '*') {
    const service = actionLower.slice(0, Math.max(0, actionLower.indexOf(':')));
    const account = req.resourceAccount ?? req.principal.accountId ?? '';
    const partition = parseArn(req.principal.arn)?.partition ?? 'aws';
    return { raw: '*', split: undefined, star: true, scope: [partition.toLowerCase(), service, req.region.toLowerCase(), account] };
  }
  return { raw: resource, split: splitRequestArn(resource, true), star: false, scope: [] };
}

/** Owner account of the resource: the ARN's account, the key's account, or resourceAccount. */
export function resourceAccountOf(req: AuthorizationRequest): string | undefined {
  const fromArn = req.resource === '*' ? undefined : parseArn(req.resource)?.account;
  return fromArn || req.key?.accountId || req.resourceAccount || undefined;
}
