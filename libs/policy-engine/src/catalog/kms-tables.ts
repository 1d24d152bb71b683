/** KMS facts the AWS data set does not carry (semantics §3.3, §3.4). Lower-cased action names. */

/** Actions that work cross-account (§3.3 item 4), as `kms:<name>` lower-cased. */
export const KMS_CROSS_ACCOUNT_ACTIONS: ReadonlySet<string> = new Set(
  [
    'CreateGrant', 'Decrypt', 'DeriveSharedSecret', 'DescribeKey', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyPair',
    'GenerateDataKeyPairWithoutPlaintext', 'GenerateDataKeyWithoutPlaintext', 'GenerateMac', 'GetKeyRotationStatus',
    'GetPublicKey', 'ListGrants', 'ReEncryptFrom', 'ReEncryptTo', 'RetireGrant', 'RevokeGrant', 'Sign', 'Verify', 'VerifyMac',
  ].map((a) => `kms:${a.toLowerCase()}`),
);

/** Actions without a resource (§3.3 item 5): decided by IAM alone in the caller's own account. */
export const KMS_ACTIONS_WITHOUT_RESOURCE: ReadonlySet<string> = new Set(
  [
    'CreateKey', 'ListKeys', 'ListAliases', 'GenerateRandom', 'ListRetirableGrants', 'CreateCustomKeyStore',
    'ConnectCustomKeyStore', 'DisconnectCustomKeyStore', 'UpdateCustomKeyStore', 'DeleteCustomKeyStore', 'DescribeCustomKeyStores',
  ].map((a) => `kms:${a.toLowerCase()}`),
);

/** Alias actions: on an alias ARN they are decided by IAM on the alias (§3.3 item 6). */
export const KMS_ALIAS_ACTIONS: ReadonlySet<string> = new Set(['kms:createalias', 'kms:deletealias', 'kms:updatealias']);

/** Alias names reserved for AWS managed keys. */
export const RESERVED_ALIAS_PREFIX = 'alias/aws/';

/** Grant operations (§3.4), as written in grants. */
export const GRANT_OPERATIONS: readonly string[] = [
  'Decrypt', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext', 'ReEncryptFrom', 'ReEncryptTo', 'Sign', 'Verify', 'GenerateMac', 'VerifyMac',
  'DeriveSharedSecret', 'GetPublicKey', 'DescribeKey', 'CreateGrant', 'RetireGrant',
];

/** Grant operations whose encryption-context constraints are ignored (§3.4). */
export const GRANT_OPERATIONS_IGNORING_CONSTRAINTS: ReadonlySet<string> = new Set(['describekey', 'retiregrant']);
