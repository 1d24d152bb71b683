/** KMS aliases and grants. Placeholders until the KMS feature lands (they still authenticate). */
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { notImplemented } from '../common/not-implemented';
import { CreateAliasInput, CreateGrantInput, RevokeGrantInput } from './kms.inputs';
import { AliasListEntry, CreateGrantPayload } from './kms.types';

@Resolver()
export class KmsAliasesGrantsResolver {
  @Query(() => [AliasListEntry])
  async listAliases(): Promise<AliasListEntry[]> {
    return notImplemented('listAliases');
  }

  @Mutation(() => Boolean)
  async createAlias(@Args('input') _input: CreateAliasInput): Promise<boolean> {
    return notImplemented('createAlias');
  }

  @Mutation(() => CreateGrantPayload)
  async createGrant(@Args('input') _input: CreateGrantInput): Promise<CreateGrantPayload> {
    return notImplemented('createGrant');
  }

  @Mutation(() => Boolean)
  async revokeGrant(@Args('input') _input: RevokeGrantInput): Promise<boolean> {
    return notImplemented('revokeGrant');
  }
}
