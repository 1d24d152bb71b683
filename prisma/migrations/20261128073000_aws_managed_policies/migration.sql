-- AWS managed policies (read-only data of the pseudo-account "aws", created by the init migration).
-- INVARIANT: each document is byte-identical to AWS_MANAGED_POLICIES in libs/policy-engine
-- (libs/persistence/src/repositories/iam-aws-managed-policies.spec.ts checks it). To change or add
-- one, write a NEW migration; never edit this one.

INSERT INTO "managed_policy" ("account_id", "policy_id", "name", "name_lower", "path", "arn", "description", "default_version_id", "version_counter", "created_at", "updated_at")
VALUES ('aws', 'ANPAJNPP7PPPPMJRV2SA4', 'AWSKeyManagementServicePowerUser', 'awskeymanagementservicepoweruser', '/',
        'arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser', 'Provides access to AWS Key Management Service (AWS KMS).',
        'v2', 2, '2017-03-07T00:00:00Z', '2017-03-07T00:00:00Z');

INSERT INTO "policy_version" ("account_id", "policy_id", "version_id", "document", "created_at")
VALUES ('aws', 'ANPAJNPP7PPPPMJRV2SA4', 'v2', '{
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
}', '2017-03-07T00:00:00Z');
