/** GraphQL documents and helpers shared by the KMS e2e specs (variables only, never spliced strings). */
import { gql, type GqlResponse, type TestAccount, type TestApp } from '@keygate/testing/e2e';

export const KEY_FIELDS = 'keyId arn awsAccountId description keyState keyUsage keySpec enabled creationDate deletionDate origin keyManager multiRegion';

export const CREATE_KEY = `mutation CreateKey($input: CreateKeyInput!) { createKey(input: $input) { ${KEY_FIELDS} } }`;
export const DESCRIBE_KEY = `query DescribeKey($input: KeyIdInput!) { describeKey(input: $input) { ${KEY_FIELDS} } }`;
export const LIST_KEYS = `query ListKeys { listKeys { keyId keyArn } }`;
export const GET_KEY_POLICY = `query GetKeyPolicy($input: KeyIdInput!) { getKeyPolicy(input: $input) }`;
export const LIST_KEY_POLICIES = `query ListKeyPolicies($input: KeyIdInput!) { listKeyPolicies(input: $input) }`;
export const PUT_KEY_POLICY = `mutation PutKeyPolicy($input: PutKeyPolicyInput!) { putKeyPolicy(input: $input) }`;
export const ENABLE_KEY = `mutation EnableKey($input: KeyIdInput!) { enableKey(input: $input) { ${KEY_FIELDS} } }`;
export const DISABLE_KEY = `mutation DisableKey($input: KeyIdInput!) { disableKey(input: $input) { ${KEY_FIELDS} } }`;
export const SCHEDULE_DELETION = `mutation Schedule($input: ScheduleKeyDeletionInput!) { scheduleKeyDeletion(input: $input) { ${KEY_FIELDS} } }`;
export const CANCEL_DELETION = `mutation Cancel($input: KeyIdInput!) { cancelKeyDeletion(input: $input) { ${KEY_FIELDS} } }`;
export const UPDATE_DESCRIPTION = `mutation UpdateDescription($input: UpdateKeyDescriptionInput!) { updateKeyDescription(input: $input) }`;
export const TAG_RESOURCE = `mutation Tag($input: TagResourceInput!) { tagResource(input: $input) }`;
export const UNTAG_RESOURCE = `mutation Untag($input: UntagResourceInput!) { untagResource(input: $input) }`;
export const LIST_TAGS = `query Tags($input: KeyIdInput!) { listResourceTags(input: $input) { tagKey tagValue } }`;
export const ENABLE_ROTATION = `mutation EnableRotation($input: KeyIdInput!) { enableKeyRotation(input: $input) }`;
export const DISABLE_ROTATION = `mutation DisableRotation($input: KeyIdInput!) { disableKeyRotation(input: $input) }`;
export const ROTATION_STATUS = `query Rotation($input: KeyIdInput!) { getKeyRotationStatus(input: $input) { keyId keyRotationEnabled } }`;
export const CREATE_ALIAS = `mutation CreateAlias($input: CreateAliasInput!) { createAlias(input: $input) }`;
export const UPDATE_ALIAS = `mutation UpdateAlias($input: UpdateAliasInput!) { updateAlias(input: $input) }`;
export const DELETE_ALIAS = `mutation DeleteAlias($input: DeleteAliasInput!) { deleteAlias(input: $input) }`;
export const LIST_ALIASES = `query ListAliases($input: ListAliasesInput) { listAliases(input: $input) { aliasName aliasArn targetKeyId creationDate lastUpdatedDate } }`;
export const CREATE_GRANT = `mutation CreateGrant($input: CreateGrantInput!) { createGrant(input: $input) { grantId grantToken } }`;
export const REVOKE_GRANT = `mutation RevokeGrant($input: RevokeGrantInput!) { revokeGrant(input: $input) }`;
export const RETIRE_GRANT = `mutation RetireGrant($input: RetireGrantInput!) { retireGrant(input: $input) }`;
const GRANT_FIELDS = 'keyId grantId name creationDate granteePrincipal retiringPrincipal issuingAccount operations constraints { encryptionContextSubset { key value } encryptionContextEquals { key value } }';
export const LIST_GRANTS = `query ListGrants($input: ListGrantsInput!) { listGrants(input: $input) { ${GRANT_FIELDS} } }`;
export const LIST_RETIRABLE = `query ListRetirable($input: ListRetirableGrantsInput!) { listRetirableGrants(input: $input) { ${GRANT_FIELDS} } }`;

/** A policy document as JSON text. */
export function doc(statements: object[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ Version: '2012-10-17', ...extra, Statement: statements });
}

/** A key policy whose only statement trusts the account root with kms:* (like the default, compact JSON). */
export function rootTrustPolicy(accountId: string): string {
  return doc([{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' }]);
}

/** The error code of a response (undefined when it succeeded). */
export function codeOf(res: GqlResponse): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}

/** Calls an operation as an account and fails loudly on errors. */
export async function ok<T = any>(app: TestApp, who: TestAccount | string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await gql<T>(app.url, typeof who === 'string' ? who : who.credential, query, variables);
  if (res.errors || !res.data) throw new Error(`GraphQL failed: ${JSON.stringify(res.errors)}`);
  return res.data;
}

/** Calls an operation and returns the raw response. */
export function call(app: TestApp, who: TestAccount | string, query: string, variables: Record<string, unknown> = {}): Promise<GqlResponse> {
  return gql(app.url, typeof who === 'string' ? who : who.credential, query, variables);
}

/** Creates a key and returns its metadata. */
export async function createKey(app: TestApp, who: TestAccount | string, input: Record<string, unknown> = {}): Promise<{ keyId: string; arn: string; keyState: string }> {
  return (await ok(app, who, CREATE_KEY, { input })).createKey;
}
