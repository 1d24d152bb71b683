/** authorize, authorizeBatch, simulateCustomPolicy. Placeholders until the authorize feature lands. */
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { notImplemented } from '../common/not-implemented';
import { AuthorizationResult, AuthorizeInput, SimulateCustomPolicyInput } from './authorization.types';

@Resolver()
export class AuthorizationResolver {
  @Mutation(() => AuthorizationResult)
  async authorize(@Args('input') _input: AuthorizeInput): Promise<AuthorizationResult> {
    return notImplemented('authorize');
  }

  @Mutation(() => [AuthorizationResult])
  async authorizeBatch(@Args('inputs', { type: () => [AuthorizeInput] }) _inputs: AuthorizeInput[]): Promise<AuthorizationResult[]> {
    return notImplemented('authorizeBatch');
  }

  @Query(() => AuthorizationResult)
  async simulateCustomPolicy(@Args('input') _input: SimulateCustomPolicyInput): Promise<AuthorizationResult> {
    return notImplemented('simulateCustomPolicy');
  }
}
