/** Entry point of evaluation: picks the KMS or the generic algorithm; fails closed. */
import type { AuthorizationDecision, AuthorizationRequest } from '../types';
import { KMS_ACTIONS_WITHOUT_RESOURCE, KMS_ALIAS_ACTIONS, RESERVED_ALIAS_PREFIX } from '../catalog/kms-tables';
import { isAliasArn, isKeyArn, parseArn } from '../match/arn';
import { buildRequestContext } from '../context/build-context';
import { structuralDenyReason } from '../explain/reasons';
import { Accumulator } from './policy-evaluator';
import { evaluateGeneric } from './generic-evaluator';
import { evaluateKms } from './kms-evaluator';
import { finish } from './finish';
import { RESERVED_ALIAS_DECISION } from '../unconfirmed-choices';
import { InternTable } from '../compile/intern-table';
import { isPolicySetOf } from '../compile/policy-set';

const VALID_ACTION = /^[^\s:]+:[^\s:]+$/;
/** Valid actions, lower-cased: one shared string per action, so the per-policy memo lookups compare by identity. */
const actionsLower = new InternTable<string | null>(4096);

function lowerActionOf(action: string): string | null {
  return actionsLower.get(action, (a) => (VALID_ACTION.test(a) ? a.toLowerCase() : null));
}

function checkShape(req: AuthorizationRequest): void {
  if (req === null || typeof req !== 'object') throw new Error('request must be an object');
  const p = req.principal;
  if (!p || typeof p.arn !== 'string' || typeof p.principalArn !== 'string' || typeof p.type !== 'string') throw new Error('principal facts are incomplete');
  if (typeof req.action !== 'string' || lowerActionOf(req.action) === null) throw new Error(`invalid action '${String(req.action)}'`);
  if (typeof req.resource !== 'string' || req.resource === '') throw new Error('resource must be a non-empty string');
  if (!Array.isArray(req.identityPolicies)) throw new Error('identityPolicies must be a list');
  if (typeof req.timeMs !== 'number' || !Number.isFinite(req.timeMs)) throw new Error('timeMs must be a finite number');
  if (typeof req.region !== 'string') throw new Error('region must be a string');
  // INVARIANT: a policy compiled for the other grammar is rejected (an identity policy in the
  // resource slot would otherwise apply to every principal).
  // A set of exactly these policies checked their kinds when it was created (createPolicySet).
  if (!isPolicySetOf(req.identitySet, req.identityPolicies)) {
    for (const p of req.identityPolicies) if (p?.kind !== 'identity') throw new Error('identityPolicies must be compiled as identity policies');
  }
  if (req.permissionsBoundary !== undefined && req.permissionsBoundary?.kind !== 'identity') throw new Error('permissionsBoundary must be compiled as an identity policy');
  if (req.resourcePolicy !== undefined && req.resourcePolicy?.kind !== 'resource') throw new Error('resourcePolicy must be compiled as a resource policy');
}

function aliasNameOf(resource: string): string | undefined {
  const p = parseArn(resource);
  return p !== undefined && p.service === 'kms' && p.resource.startsWith('alias/') ? p.resource : undefined;
}

function decide(req: AuthorizationRequest): AuthorizationDecision {
  checkShape(req);
  const actionLower = lowerActionOf(req.action) as string;
  const ctx = buildRequestContext(req);
  const acc = new Accumulator();
  if (!actionLower.startsWith('kms:')) return evaluateGeneric(req, actionLower, ctx, acc, { iamOnly: false });
  if (KMS_ALIAS_ACTIONS.has(actionLower)) {
    const alias = aliasNameOf(req.resource) ?? req.requestAlias;
    // alias/aws/ is reserved for AWS managed keys: no policy can allow a customer to manage it.
    if (alias !== undefined && alias.startsWith(RESERVED_ALIAS_PREFIX)) {
      return finish(RESERVED_ALIAS_DECISION, acc, structuralDenyReason(req.principal.arn, req.action, req.resource, `${alias} is reserved for AWS managed keys`));
    }
    if (isAliasArn(req.resource)) return evaluateGeneric(req, actionLower, ctx, acc, { iamOnly: true });
  }
  if (KMS_ACTIONS_WITHOUT_RESOURCE.has(actionLower)) return evaluateGeneric(req, actionLower, ctx, acc, { iamOnly: true });
  const keyArn = req.key?.arn ?? (isKeyArn(req.resource) ? req.resource : undefined);
  if (keyArn !== undefined) return evaluateKms(req, keyArn, actionLower, ctx, acc);
  return evaluateGeneric(req, actionLower, ctx, acc, { iamOnly: false });
}

/** Decide one request. Never throws: any internal error is an IMPLICIT_DENY "Evaluation error: ...". */
export function authorizeRequest(req: AuthorizationRequest): AuthorizationDecision {
  try {
    return decide(req);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { decision: 'IMPLICIT_DENY', matchedStatements: [], missingContextKeys: [], reason: `Evaluation error: ${message}` };
  }
}
