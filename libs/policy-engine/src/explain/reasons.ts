/** Reason sentences in the AWS AccessDenied form (semantics §9). */

/** The policy type an implicit or explicit deny is attributed to. */
export type DenySource = 'identity' | 'resource' | 'boundary';

const IMPLICIT: Record<DenySource, string> = {
  identity: 'no identity-based policy allows',
  resource: 'no resource-based policy allows',
  boundary: 'no permissions boundary allows',
};
const EXPLICIT: Record<DenySource, string> = {
  identity: 'with an explicit deny in an identity-based policy',
  resource: 'with an explicit deny in a resource-based policy',
  boundary: 'with an explicit deny in a permissions boundary',
};

function head(callerArn: string, action: string, resource: string): string {
  const on = resource === '*' || resource === '' ? '' : ` on resource: ${resource}`;
  return `User: ${callerArn} is not authorized to perform: ${action}${on}`;
}

/** "... because no <type> allows the <action> action". */
export function implicitDenyReason(callerArn: string, action: string, resource: string, source: DenySource): string {
  return `${head(callerArn, action, resource)} because ${IMPLICIT[source]} the ${action} action`;
}

/** "... with an explicit deny in <type>". */
export function explicitDenyReason(callerArn: string, action: string, resource: string, source: DenySource): string {
  return `${head(callerArn, action, resource)} ${EXPLICIT[source]}`;
}

/** A denial that no policy can lift (e.g. a reserved alias or an action that does not work cross-account). */
export function structuralDenyReason(callerArn: string, action: string, resource: string, why: string): string {
  return `${head(callerArn, action, resource)} because ${why}`;
}

/** The first explicit-deny source by precedence: resource, identity, then the boundary (semantics §9). */
export function firstDenySource(resource: boolean, identity: boolean): DenySource {
  return resource ? 'resource' : identity ? 'identity' : 'boundary';
}

/** "Allowed by ..." for ALLOWED decisions. */
export function allowedReason(action: string, by: string): string {
  return `${action} is allowed by ${by}.`;
}
