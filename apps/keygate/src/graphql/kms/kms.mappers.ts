/** Maps core KMS records to the GraphQL output types. */
import type { KmsKeyRecord } from '@keygate/core';
import { KeyState, KeyUsage } from '../common/enums';
import type { KeyMetadata } from './kms.types';

/** KeyMetadata of a stored key. */
export function toKeyMetadata(key: KmsKeyRecord): KeyMetadata {
  return {
    keyId: key.keyId,
    arn: key.arn,
    awsAccountId: key.accountId,
    description: key.description,
    keyState: key.keyState as KeyState,
    keyUsage: key.keyUsage as KeyUsage,
    keySpec: key.keySpec,
    enabled: key.keyState === 'ENABLED',
    creationDate: key.creationDate,
    deletionDate: key.deletionDate,
    origin: key.origin,
    keyManager: 'CUSTOMER',
    multiRegion: false,
  };
}
