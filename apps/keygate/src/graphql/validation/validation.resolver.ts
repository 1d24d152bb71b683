import { SelfAuthorizer } from '@keygate/core/authz';
import type { Caller } from '@keygate/core/auth';
import { validatePolicy } from '@keygate/policy-engine';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { FindingType, PolicyType } from '../common/enums';
import { PolicyValidation, ValidatePolicyInput } from './validation.types';

@Resolver()
export class ValidationResolver {
  constructor(private readonly authz: SelfAuthorizer) {}

  @Query(() => PolicyValidation, { description: 'Access Analyzer style findings; ERROR means AWS would reject the document.' })
  async validatePolicy(@CurrentCaller() caller: Caller, @Args('input') input: ValidatePolicyInput): Promise<PolicyValidation> {
    // The operator may validate; a principal needs what AWS asks for (access-analyzer:ValidatePolicy on *).
    if (caller.kind === 'principal') await this.authz.require(caller, 'access-analyzer:ValidatePolicy', '*');
    const kind = input.policyType === PolicyType.RESOURCE_POLICY ? 'resource' : 'identity';
    const findings = validatePolicy(input.policyDocument, kind);
    return { findings: findings.map((f) => ({ ...f, findingType: f.findingType as FindingType })) };
  }
}
