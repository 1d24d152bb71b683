import { STORE, type Store } from '@keygate/core';
import { SelfAuthorizer } from '@keygate/core/authz';
import {
  AliasesUseCase,
  CreateKeyUseCase,
  GrantsUseCase,
  KeyAttributesUseCase,
  KeyLifecycleUseCase,
  KeyQueriesUseCase,
  type KmsDeps,
  PurgeExpiredKeysUseCase,
  PutKeyPolicyUseCase,
} from '@keygate/core/use-cases/kms';
import { Module } from '@nestjs/common';
import { KmsAliasesGrantsResolver } from './kms-aliases-grants.resolver';
import { KmsExpiredKeySweeper } from './kms-expired-key.sweeper';
import { KmsKeyAttributesResolver } from './kms-key-attributes.resolver';
import { KmsKeysResolver } from './kms-keys.resolver';
import { KMS_REGION } from './kms.tokens';

const KMS_DEPS = Symbol('KMS_DEPS');
const USE_CASES = [
  CreateKeyUseCase,
  KeyQueriesUseCase,
  PutKeyPolicyUseCase,
  KeyLifecycleUseCase,
  KeyAttributesUseCase,
  AliasesUseCase,
  GrantsUseCase,
  PurgeExpiredKeysUseCase,
] as const;

/** KMS operations: resolvers here, use cases in libs/core/src/use-cases/kms (bound with factories). */
@Module({
  providers: [
    {
      provide: KMS_DEPS,
      useFactory: (store: Store, authz: SelfAuthorizer, region: string): KmsDeps => ({ store, authz, region, now: () => new Date() }),
      inject: [STORE, SelfAuthorizer, KMS_REGION],
    },
    ...USE_CASES.map((useCase) => ({ provide: useCase, useFactory: (deps: KmsDeps) => new useCase(deps), inject: [KMS_DEPS] })),
    KmsKeysResolver,
    KmsKeyAttributesResolver,
    KmsAliasesGrantsResolver,
    KmsExpiredKeySweeper,
  ],
})
export class KmsModule {}
