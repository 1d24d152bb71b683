import { STORE, type Store } from '@keygate/core';
import { CreateAccountUseCase } from '@keygate/core/use-cases/accounts';
import { Module } from '@nestjs/common';
import { AccountsResolver } from './accounts.resolver';

/** createAccount. Ports (STORE) come from the global InfrastructureModule. */
@Module({
  providers: [
    AccountsResolver,
    { provide: CreateAccountUseCase, useFactory: (store: Store) => new CreateAccountUseCase(store), inject: [STORE] },
  ],
})
export class AccountsModule {}
