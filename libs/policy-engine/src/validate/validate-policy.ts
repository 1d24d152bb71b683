/** Semantic validation of a parsed policy (Access Analyzer style). */
import type { PolicyKind } from '../types';
import type { ParsedPolicy } from '../parse/policy-model';
import type { FindingSink } from './finding';
import { validateDocument, validateRawText } from './document-checks';
import { validateStatementElements } from './statement-checks';
import { validateActions } from './action-checks';
import { validatePrincipals } from './principal-checks';
import { validateConditions } from './condition-checks';
import { validateResources } from './resource-checks';

export { validateRawText };

/** Run every check on a parsed policy. */
export function validateParsedPolicy(policy: ParsedPolicy, kind: PolicyKind, sink: FindingSink): void {
  validateDocument(policy, kind, sink);
  const variables = policy.version === '2012-10-17';
  for (const st of policy.statements) {
    validateStatementElements(st, kind, sink);
    validateActions(st, sink);
    validateResources(st, kind, variables, sink);
    validatePrincipals(st, kind, sink);
    validateConditions(st, kind, variables, sink);
  }
}
