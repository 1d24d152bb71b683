/** Write-time checks of IAM policy documents: quotas first (LIMIT_EXCEEDED), then the engine's findings. */
import { type Finding, type PolicyKind, validatePolicy } from '@keygate/policy-engine';
import { errors } from '../../errors/domain-error';

/** Managed policy document quota (characters, whitespace not counted). */
export const MANAGED_POLICY_MAX_CHARS = 6144;
/** Role trust policy quota (default). */
export const TRUST_POLICY_MAX_CHARS = 2048;
/** Aggregate inline policy quotas per holder. */
export const INLINE_POLICY_TOTAL_MAX_CHARS = { user: 2048, group: 5120, role: 10240 } as const;

/** Characters that count towards IAM size quotas (whitespace is not counted). */
export function policySize(document: string): number {
  return document.replace(/\s/g, '').length;
}

/** Throws MALFORMED_POLICY_DOCUMENT (with every finding) when the engine reports an ERROR. */
export function requireWellFormed(document: unknown, kind: PolicyKind, ignoreSizeFinding = false): string {
  if (typeof document !== 'string') throw errors.malformedPolicy('The policy document must be a JSON string.', []);
  const findings = validatePolicy(document, kind).filter((f) => !(ignoreSizeFinding && f.issueCode === 'POLICY_SIZE_EXCEEDED'));
  const failing = findings.filter((f: Finding) => f.findingType === 'ERROR');
  if (failing.length > 0) {
    throw errors.malformedPolicy(`The policy document is malformed: ${failing[0].message}`, findings);
  }
  return document;
}

/** A managed policy document (createPolicy, createPolicyVersion). */
export function managedPolicyDocument(document: unknown): string {
  if (typeof document === 'string' && policySize(document) > MANAGED_POLICY_MAX_CHARS) {
    throw errors.limitExceeded(`Cannot exceed quota for PolicySize: ${MANAGED_POLICY_MAX_CHARS}.`);
  }
  return requireWellFormed(document, 'identity');
}

/** A role trust policy: a resource policy (Principal required) of at most 2,048 characters. */
export function trustPolicyDocument(document: unknown): string {
  if (typeof document === 'string' && policySize(document) > TRUST_POLICY_MAX_CHARS) {
    throw errors.limitExceeded(`Cannot exceed quota for ACLSizePerRole: ${TRUST_POLICY_MAX_CHARS}.`);
  }
  return requireWellFormed(document, 'resource');
}

/**
 * An inline policy document. Its size counts towards the holder's aggregate quota, which the
 * caller checks with the other inline documents; the managed-policy size finding does not apply.
 */
export function inlinePolicyDocument(document: unknown): string {
  return requireWellFormed(document, 'identity', true);
}
