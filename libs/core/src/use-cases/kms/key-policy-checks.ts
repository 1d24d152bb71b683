/**
 * Key-policy write checks (semantics §6.4) shared by createKey and putKeyPolicy: size, engine
 * validation as a RESOURCE policy, principal existence, and the lockout safety check.
 */
import { type Finding, KEY_POLICY_MAX_BYTES, validatePolicy } from '@keygate/policy-engine';
import type { PrincipalCaller } from '../../auth/caller';
import { errors } from '../../errors/domain-error';
import type { TenantRepositories } from '../../ports/store.port';
import { compileKeyPolicy, decideOnKey, type KeyAuthorizationData, type ResolvedKey } from './key-access';
import type { KmsDeps } from './kms-deps';

/** MalformedPolicyDocumentException text for principals that do not exist. */
export const INVALID_PRINCIPALS_MESSAGE = 'Policy contains a statement with one or more invalid principals.';
/** MalformedPolicyDocumentException text of the lockout safety check. */
export const LOCKOUT_MESSAGE = 'The new key policy will not allow you to update the key policy in the future.';

/** Size (LIMIT_EXCEEDED) and engine validation (MALFORMED_POLICY_DOCUMENT with the ERROR findings). */
export function checkKeyPolicyDocument(policy: string): void {
  if (typeof policy !== 'string' || policy.length === 0) throw errors.malformedPolicy('The key policy must not be empty.', []);
  const bytes = Buffer.byteLength(policy, 'utf8');
  if (bytes > KEY_POLICY_MAX_BYTES) {
    throw errors.limitExceeded(`The key policy is ${bytes} bytes; the limit is ${KEY_POLICY_MAX_BYTES} bytes.`);
  }
  const failures = validatePolicy(policy, 'resource').filter((f) => f.findingType === 'ERROR');
  if (failures.length > 0) throw errors.malformedPolicy(failures[0].message, failures);
}

interface NamedPrincipal {
  value: string;
  path: string;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** Every "AWS" principal named in Principal / NotPrincipal of a document that passed validation. */
export function awsPrincipalsOf(policy: string): NamedPrincipal[] {
  const doc = JSON.parse(policy) as { Statement?: unknown };
  const out: NamedPrincipal[] = [];
  listOf(doc.Statement).forEach((statement, i) => {
    if (statement === null || typeof statement !== 'object') return;
    for (const element of ['Principal', 'NotPrincipal']) {
      const principal = (statement as Record<string, unknown>)[element];
      if (principal === null || typeof principal !== 'object') continue;
      const aws = (principal as Record<string, unknown>).AWS;
      for (const value of listOf(aws)) {
        if (typeof value === 'string') out.push({ value, path: `Statement[${i}].${element}.AWS` });
      }
    }
  });
  return out;
}

const OWN_PRINCIPAL = /^arn:aws:(iam|sts)::(\d{12}):(.+)$/;

/** Whether a principal of the caller's own account exists; principals of other accounts are not checked. */
async function principalExists(repos: TenantRepositories, accountId: string, value: string): Promise<boolean> {
  if (value === '*' || /^\d{12}$/.test(value)) return true;
  const m = OWN_PRINCIPAL.exec(value);
  if (!m || m[2] !== accountId) return true;
  const [, service, , resource] = m;
  if (service === 'iam' && resource === 'root') return true;
  if (service === 'iam' && (resource.startsWith('user/') || resource.startsWith('role/'))) {
    return repos.kms.principals.userOrRoleArnExists(accountId, value);
  }
  if (service === 'sts' && resource.startsWith('assumed-role/')) {
    const role = resource.split('/')[1] ?? '';
    return role !== '' && repos.kms.principals.roleNameExists(accountId, role);
  }
  return service === 'sts' && resource.startsWith('federated-user/');
}

/**
 * Principals of the key's own account must exist (user, role, role of a session, the root).
 * INVARIANT: principals of any other account are accepted without looking anything up, so the
 * answer never depends on whether another tenant's principal exists (test plan §6a row 13).
 */
export async function checkKeyPolicyPrincipals(repos: TenantRepositories, accountId: string, policy: string): Promise<void> {
  for (const p of awsPrincipalsOf(policy)) {
    if (!(await principalExists(repos, accountId, p.value))) {
      const finding: Finding = { findingType: 'ERROR', issueCode: 'INVALID_PRINCIPAL', message: INVALID_PRINCIPALS_MESSAGE, path: p.path };
      throw errors.malformedPolicy(INVALID_PRINCIPALS_MESSAGE, [finding]);
    }
  }
}

/**
 * Lockout safety check: the caller must be able to call kms:PutKeyPolicy on the key under the NEW
 * policy (with its current identity policies and the key's grants); otherwise nothing is stored.
 */
export async function checkLockout(
  repos: TenantRepositories,
  deps: KmsDeps,
  caller: PrincipalCaller,
  resolved: ResolvedKey,
  data: KeyAuthorizationData,
  policy: string,
): Promise<void> {
  const compiled = compileKeyPolicy(policy, resolved.key.arn);
  if (compiled === undefined) throw errors.malformedPolicy(LOCKOUT_MESSAGE, []);
  const decision = await decideOnKey(repos, deps, caller, 'kms:PutKeyPolicy', resolved, { data, policyOverride: compiled });
  if (decision.decision !== 'ALLOWED') throw errors.malformedPolicy(LOCKOUT_MESSAGE, []);
}
