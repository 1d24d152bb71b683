import { STORE, type Store } from '@keygate/core';
import { SelfAuthorizer } from '@keygate/core/authz';
import {
  IamAccessKeysUseCases,
  IamAttachmentsUseCases,
  IamBoundariesAndTagsUseCases,
  IamGroupsUseCases,
  IamInlinePoliciesUseCases,
  IamManagedPoliciesUseCases,
  IamPolicyVersionsUseCases,
  IamRolesUseCases,
  IamUsersUseCases,
} from '@keygate/core/use-cases/iam';
import { Module } from '@nestjs/common';
import { IamAccessKeysResolver } from './iam-access-keys.resolver';
import { IamAttachmentsResolver } from './iam-attachments.resolver';
import { IamGroupsResolver } from './iam-groups.resolver';
import { IamInlinePoliciesResolver } from './iam-inline-policies.resolver';
import { IamPoliciesResolver } from './iam-policies.resolver';
import { IamRolesResolver } from './iam-roles.resolver';
import { IamUsersResolver } from './iam-users.resolver';

const USE_CASES = [
  IamUsersUseCases,
  IamAccessKeysUseCases,
  IamGroupsUseCases,
  IamRolesUseCases,
  IamManagedPoliciesUseCases,
  IamPolicyVersionsUseCases,
  IamAttachmentsUseCases,
  IamInlinePoliciesUseCases,
  IamBoundariesAndTagsUseCases,
];

/** IAM operations: resolvers here, use cases in libs/core/src/use-cases/iam (bound with factories). */
@Module({
  providers: [
    IamUsersResolver,
    IamAccessKeysResolver,
    IamGroupsResolver,
    IamRolesResolver,
    IamPoliciesResolver,
    IamAttachmentsResolver,
    IamInlinePoliciesResolver,
    ...USE_CASES.map((UseCase) => ({
      provide: UseCase,
      useFactory: (store: Store, authz: SelfAuthorizer) => new UseCase({ store, authz }),
      inject: [STORE, SelfAuthorizer],
    })),
  ],
})
export class IamModule {}
