/** Action / NotAction checks against the AWS action catalogue. */
import { ParsedStatement, memberPath } from '../parse/policy-model';
import { actionNames, isKnownService } from '../catalog/iam-data';
import { compileGlob, globMatch } from '../match/glob';
import type { FindingSink } from './finding';

/** Check the action names of a statement. */
export function validateActions(st: ParsedStatement, sink: FindingSink): void {
  const list = st.action ?? st.notAction;
  if (list === undefined) return;
  const seen = new Set<string>();
  list.values.forEach((action, i) => {
    const path = memberPath(list, i);
    if (seen.has(action.toLowerCase())) sink.suggestion('REDUNDANT_ACTION', `The action '${action}' is listed more than once.`, path);
    seen.add(action.toLowerCase());
    checkAction(action, path, sink);
  });
}

function checkAction(action: string, path: string, sink: FindingSink): void {
  if (action === '*') return;
  if (/\$\{/.test(action)) {
    sink.error('VARIABLE_UNSUPPORTED_IN_ELEMENT', 'Policy variables are not supported in the Action element.', path);
    return;
  }
  const colon = action.indexOf(':');
  if (colon <= 0 || /\s/.test(action) || action.indexOf(':', colon + 1) >= 0) {
    sink.error('INVALID_ACTION', 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.', path);
    return;
  }
  const service = action.slice(0, colon).toLowerCase();
  const name = action.slice(colon + 1).toLowerCase();
  if (/[*?]/.test(service)) {
    sink.suggestion('WILDCARD_IN_SERVICE_NAME', `The service prefix '${action.slice(0, colon)}' contains a wildcard; name the service.`, path);
    return;
  }
  if (!isKnownService(service)) {
    sink.warning('INVALID_SERVICE_IN_ACTION', `The service '${service}' in action '${action}' does not exist; the action never matches.`, path);
    return;
  }
  const glob = compileGlob(name);
  if (!actionNames(service).some((a) => globMatch(glob, a))) {
    sink.warning('INVALID_ACTION', `The action '${action}' does not exist; it never matches.`, path);
  }
}
