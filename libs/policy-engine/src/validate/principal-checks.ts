/** Principal / NotPrincipal checks for resource policies. */
import type { PolicyKind } from '../types';
import { ParsedPrincipal, ParsedStatement, memberPath } from '../parse/policy-model';
import type { FindingSink } from './finding';

const AWS_PRINCIPAL = [
  /^\d{12}$/,
  /^arn:aws[a-z-]*:iam::\d{12}:(root|user\/.+|role\/.+|federated-user\/.+)$/,
  /^arn:aws[a-z-]*:sts::\d{12}:(assumed-role\/[^/]+\/.+|federated-user\/.+)$/,
  /^(AIDA|AROA)[A-Z0-9]+$/,
];

/** Check principal values. */
export function validatePrincipals(st: ParsedStatement, kind: PolicyKind, sink: FindingSink): void {
  if (kind !== 'resource') return;
  for (const p of [st.principal, st.notPrincipal]) if (p !== undefined) checkPrincipal(p, sink);
}

function checkPrincipal(p: ParsedPrincipal, sink: FindingSink): void {
  for (const entry of p.entries) {
    entry.values.forEach((v, i) => {
      const path = memberPath(entry, i);
      if (v.includes('${')) {
        sink.error('VARIABLE_UNSUPPORTED_IN_ELEMENT', 'Policy variables are not supported in the Principal element.', path);
        return;
      }
      if (entry.key === 'AWS') checkAws(v, path, sink);
      else if (entry.key === 'Service' && !/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/i.test(v)) {
        if (v.includes('*')) sink.error('UNSUPPORTED_WILDCARD_IN_PRINCIPAL', 'Wildcards are not allowed in a Service principal.', path);
        else sink.error('INVALID_PRINCIPAL_FORMAT', `Invalid service principal '${v}'.`, path);
      }
    });
  }
}

function checkAws(v: string, path: string, sink: FindingSink): void {
  if (v === '*') return;
  if (v.includes('*') || v.includes('?')) {
    sink.error('UNSUPPORTED_WILDCARD_IN_PRINCIPAL', 'Wildcards are not allowed in principal ARNs: use "*" with an aws:PrincipalArn condition.', path);
    return;
  }
  if (/^arn:[^:]*:iam::\d{12}:group\//.test(v)) {
    sink.error('INVALID_PRINCIPAL_FORMAT', 'IAM groups cannot be principals.', path);
    return;
  }
  if (!AWS_PRINCIPAL.some((re) => re.test(v))) sink.error('INVALID_PRINCIPAL_FORMAT', 'Policy contains a statement with one or more invalid principals.', path);
}
