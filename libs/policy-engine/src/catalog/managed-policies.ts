/** Documents AWS defines: the default key policy (§7.2) and AWS managed policies (§7.1). */

/**
 * The default key policy CreateKey installs when no policy is given, byte-for-byte as
 * GetKeyPolicy returns it (note AWS's `" : "` spacing).
 */
export function DEFAULT_KEY_POLICY(accountId: string): string {
  return [
    '{',
    '  "Version" : "2012-10-17",',
    '  "Id" : "key-default-1",',
    '  "Statement" : [ {',
    '    "Sid" : "Enable IAM User Permissions",',
    '    "Effect" : "Allow",',
    '    "Principal" : {',
    `      "AWS" : "arn:aws:iam::${accountId}:root"`,
    '    },',
    '    "Action" : "kms:*",',
    '    "Resource" : "*"',
    '  } ]',
    '}',
  ].join('\n');
}

/** An AWS managed policy. */
export interface AwsManagedPolicy {
  name: string;
  arn: string;
  versionId: string;
  document: string;
}

const POWER_USER_DOCUMENT = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "kms:CreateAlias",
        "kms:CreateKey",
        "kms:DeleteAlias",
        "kms:Describe*",
        "kms:GenerateRandom",
        "kms:Get*",
        "kms:List*",
        "kms:TagResource",
        "kms:UntagResource",
        "iam:ListGroups",
        "iam:ListRoles",
        "iam:ListUsers"
      ],
      "Resource": "*"
    }
  ]
}`;

/** AWS managed policies Keygate provides, by name. */
export const AWS_MANAGED_POLICIES: Readonly<Record<string, AwsManagedPolicy>> = Object.freeze({
  AWSKeyManagementServicePowerUser: Object.freeze({
    name: 'AWSKeyManagementServicePowerUser',
    arn: 'arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser',
    versionId: 'v2',
    document: POWER_USER_DOCUMENT,
  }),
});
