/** Policy validation types and inputs of the contract. */
import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { FindingType, PolicyType } from '../common/enums';

@InputType()
export class ValidatePolicyInput {
  @Field() policyDocument!: string;
  @Field(() => PolicyType) policyType!: PolicyType;
}

@ObjectType()
export class ValidationFinding {
  @Field(() => FindingType) findingType!: FindingType;
  @Field() issueCode!: string;
  @Field() message!: string;
  @Field() path!: string;
}

@ObjectType()
export class PolicyValidation {
  @Field(() => [ValidationFinding]) findings!: ValidationFinding[];
}
