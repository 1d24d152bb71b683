import { Module } from '@nestjs/common';
import { IamGroupsResolver } from './iam-groups.resolver';
import { IamPoliciesResolver } from './iam-policies.resolver';
import { IamRolesResolver } from './iam-roles.resolver';
import { IamUsersResolver } from './iam-users.resolver';

/** IAM operations: resolvers here, use cases in libs/core/src/use-cases/iam (bound with factories). */
@Module({ providers: [IamUsersResolver, IamGroupsResolver, IamRolesResolver, IamPoliciesResolver] })
export class IamModule {}
