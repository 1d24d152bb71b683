import { Module } from '@nestjs/common';
import { KmsAliasesGrantsResolver } from './kms-aliases-grants.resolver';
import { KmsKeysResolver } from './kms-keys.resolver';

/** KMS operations: resolvers here, use cases in libs/core/src/use-cases/kms (bound with factories). */
@Module({ providers: [KmsKeysResolver, KmsAliasesGrantsResolver] })
export class KmsModule {}
