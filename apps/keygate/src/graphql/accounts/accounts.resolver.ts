import type { Caller } from '@keygate/core/auth';
import { CreateAccountUseCase } from '@keygate/core/use-cases/accounts';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { CreateAccountInput, CreateAccountPayload } from './account.types';

@Resolver()
export class AccountsResolver {
  constructor(private readonly createAccountUseCase: CreateAccountUseCase) {}

  @Mutation(() => CreateAccountPayload, { description: 'Operator token only. The root secret is returned once.' })
  async createAccount(@CurrentCaller() caller: Caller, @Args('input') input: CreateAccountInput): Promise<CreateAccountPayload> {
    const { account, rootAccessKey } = await this.createAccountUseCase.execute(caller, input);
    return { account, rootAccessKey };
  }
}
