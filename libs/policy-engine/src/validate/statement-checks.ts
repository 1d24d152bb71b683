/** Statement element presence and combination checks. */
import type { PolicyKind } from '../types';
import type { ParsedStatement } from '../parse/policy-model';
import type { FindingSink } from './finding';

/** Effect, required elements and element pairs. */
export function validateStatementElements(st: ParsedStatement, kind: PolicyKind, sink: FindingSink): void {
  const p = st.path;
  if (st.effect === undefined) sink.error('MISSING_EFFECT', 'The statement must include an Effect element.', p);
  else if (st.effect !== 'Allow' && st.effect !== 'Deny') sink.error('INVALID_EFFECT', `Invalid Effect '${st.effect}': the value must be Allow or Deny (case-sensitive).`, `${p}.Effect`);
  pair(st.action !== undefined, st.notAction !== undefined, 'Action', 'NotAction', p, sink);
  pair(st.resource !== undefined, st.notResource !== undefined, 'Resource', 'NotResource', p, sink);
  pair(st.principal !== undefined, st.notPrincipal !== undefined, 'Principal', 'NotPrincipal', p, sink);
  // KMS accepts key-policy statements without Action or Resource (they never apply): warnings there.
  if (st.action === undefined && st.notAction === undefined) {
    if (kind === 'identity') sink.error('MISSING_ACTION', 'The statement must include an Action or NotAction element.', p);
    else sink.warning('MISSING_ACTION', 'The statement has no Action or NotAction element and never applies.', p);
  }
  if (st.resource === undefined && st.notResource === undefined) {
    if (kind === 'identity') sink.error('MISSING_RESOURCE', 'The statement must include a Resource or NotResource element.', p);
    else sink.warning('MISSING_RESOURCE', 'The statement has no Resource element and never applies; use "Resource": "*" in a key policy.', p);
  }
  if (kind === 'resource' && st.principal === undefined && st.notPrincipal === undefined) {
    sink.error('MISSING_PRINCIPAL', 'Policy contains a statement with no principal: add a Principal element.', p);
  }
  if (kind === 'identity' && (st.principal !== undefined || st.notPrincipal !== undefined)) {
    sink.error('UNSUPPORTED_PRINCIPAL', 'Policy document should not specify a principal.', `${p}.${st.principal ? 'Principal' : 'NotPrincipal'}`);
  }
  if (st.notPrincipal !== undefined && st.effect === 'Allow') {
    sink.securityWarning('ALLOW_WITH_NOT_PRINCIPAL', 'Using Allow with NotPrincipal grants access to every principal except the listed ones; use Principal instead.', `${p}.NotPrincipal`);
  }
  for (const [list, name] of [[st.action, 'Action'], [st.notAction, 'NotAction'], [st.resource, 'Resource'], [st.notResource, 'NotResource']] as const) {
    if (list !== undefined && list.values.length === 0 && !list.malformed) {
      sink.suggestion(`EMPTY_ARRAY_${name === 'Action' || name === 'NotAction' ? 'ACTION' : 'RESOURCE'}`, `The ${name} element is an empty list and matches nothing.`, list.path);
    }
  }
}

function pair(a: boolean, b: boolean, nameA: string, nameB: string, path: string, sink: FindingSink): void {
  if (a && b) sink.error('UNSUPPORTED_ELEMENT_COMBINATION', `A statement cannot contain both ${nameA} and ${nameB}.`, path);
}
