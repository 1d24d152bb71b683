/** Resource / NotResource checks. */
import type { PolicyKind } from '../types';
import { ParsedStatement, memberPath } from '../parse/policy-model';
import { splitArnParts } from '../match/arn';
import type { FindingSink } from './finding';

/** Check the resource patterns of a statement. */
export function validateResources(st: ParsedStatement, kind: PolicyKind, variables: boolean, sink: FindingSink): void {
  const list = st.resource ?? st.notResource;
  if (list === undefined) return;
  const seen = new Set<string>();
  list.values.forEach((r, i) => {
    const path = memberPath(list, i);
    if (seen.has(r)) sink.suggestion('REDUNDANT_RESOURCE', `The resource '${r}' is listed more than once.`, path);
    seen.add(r);
    if (r === '*') return;
    const parts = splitArnParts(r);
    if (!r.startsWith('arn:') || parts === undefined) {
      const message = `The resource '${r}' must be "*" or an ARN (arn:partition:service:region:account:resource).`;
      // IAM rejects it; KMS's handling of non-"*" key-policy resources is UNCONFIRMED (§1.5): a warning there.
      if (kind === 'identity') sink.error('INVALID_ARN_RESOURCE', message, path);
      else sink.warning('INVALID_ARN_RESOURCE', `${message} It never matches.`, path);
      return;
    }
    if (!variables && r.includes('${')) {
      sink.warning('VARIABLE_UNSUPPORTED_IN_VERSION', 'Policy variables are substituted only with "Version": "2012-10-17"; here they are literal text.', path);
    }
    if (variables && parts.slice(0, 5).some((p) => p.includes('${'))) {
      sink.error('VARIABLE_UNSUPPORTED_IN_ELEMENT', 'Policy variables are supported only in the resource part of an ARN.', path);
    }
  });
}
