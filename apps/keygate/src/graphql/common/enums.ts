/** Contract enums, registered with the exact names and values of keygate.graphql. */
import { registerEnumType } from '@nestjs/graphql';

export enum Decision {
  ALLOWED = 'ALLOWED',
  IMPLICIT_DENY = 'IMPLICIT_DENY',
  EXPLICIT_DENY = 'EXPLICIT_DENY',
}

export enum Effect {
  ALLOW = 'ALLOW',
  DENY = 'DENY',
}

export enum PolicySourceType {
  IDENTITY = 'IDENTITY',
  RESOURCE = 'RESOURCE',
  PERMISSIONS_BOUNDARY = 'PERMISSIONS_BOUNDARY',
  GRANT = 'GRANT',
}

export enum KeyState {
  ENABLED = 'ENABLED',
  DISABLED = 'DISABLED',
  PENDING_DELETION = 'PENDING_DELETION',
  PENDING_IMPORT = 'PENDING_IMPORT',
}

export enum KeyUsage {
  ENCRYPT_DECRYPT = 'ENCRYPT_DECRYPT',
  SIGN_VERIFY = 'SIGN_VERIFY',
  GENERATE_VERIFY_MAC = 'GENERATE_VERIFY_MAC',
  KEY_AGREEMENT = 'KEY_AGREEMENT',
}

export enum FindingType {
  ERROR = 'ERROR',
  SECURITY_WARNING = 'SECURITY_WARNING',
  WARNING = 'WARNING',
  SUGGESTION = 'SUGGESTION',
}

export enum PolicyType {
  IDENTITY_POLICY = 'IDENTITY_POLICY',
  RESOURCE_POLICY = 'RESOURCE_POLICY',
}

registerEnumType(Decision, { name: 'Decision' });
registerEnumType(Effect, { name: 'Effect' });
registerEnumType(PolicySourceType, { name: 'PolicySourceType' });
registerEnumType(KeyState, { name: 'KeyState' });
registerEnumType(KeyUsage, { name: 'KeyUsage' });
registerEnumType(FindingType, { name: 'FindingType' });
registerEnumType(PolicyType, { name: 'PolicyType' });
