/**
 * Every place where the semantics reference says UNCONFIRMED and the engine had to pick a reading.
 * Each choice follows the documented-AWS reading; change it here and nowhere else.
 */

/**
 * §1.5: the KMS permissions page says an account-scoped pattern such as
 * `arn:aws:kms:REGION:ACCOUNT:*` also authorizes actions without a resource (CreateKey, ListKeys);
 * the reference implementation only accepts a literal "*". We follow the KMS documentation.
 */
export const ACCOUNT_SCOPED_PATTERN_MATCHES_RESOURCELESS = true;

/**
 * §3.1 (last paragraph): whether the §3.1 "boundary bypass" table applies to key policies. We apply
 * it: a same-account key-policy statement naming the role ARN or "*" is limited by the caller's
 * permissions boundary; one naming the user or the exact session ARN is not.
 */
export const KEY_POLICY_ROLE_GRANT_LIMITED_BY_BOUNDARY = true;

/** §1.7: condition operator names are matched case-insensitively (as the reference implementation does). */
export const CONDITION_OPERATORS_CASE_INSENSITIVE = true;

/**
 * §3.4: a grant whose grantee is the exact external principal (or its role) suffices cross-account
 * without an IAM allow; a grant to the external account root needs the account's IAM allow.
 */
export const CROSS_ACCOUNT_GRANT_TO_PRINCIPAL_SUFFICES = true;

/**
 * §4.2: cells marked "X[2]/[3]" (pending deletion) are reported as footnote 3
 * (KMSInvalidStateException); N/A cells for PendingImport fail with footnote 5.
 */
export const PENDING_DELETION_REPORTS_INVALID_STATE = true;

/**
 * §3.3 item 6: any alias action on an `alias/aws/` alias is an IMPLICIT_DENY (no policy can allow it;
 * no policy denies it either).
 */
export const RESERVED_ALIAS_DECISION = 'IMPLICIT_DENY' as const;

/**
 * §3.3 pseudo-code: a resource-policy Deny naming an account principal applies to every principal
 * of that account (as the reference implementation does), not only to the root user.
 */
export const ACCOUNT_PRINCIPAL_DENY_HITS_WHOLE_ACCOUNT = true;
