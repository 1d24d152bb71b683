/** KMS aliases and grants. One-line resolvers over core use cases. */
import type { Caller } from '@keygate/core/auth';
import { AliasesUseCase, type GrantEntry, GrantsUseCase } from '@keygate/core/use-cases/kms';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import {
  CreateAliasInput,
  CreateGrantInput,
  DeleteAliasInput,
  ListAliasesInput,
  ListGrantsInput,
  ListRetirableGrantsInput,
  RetireGrantInput,
  RevokeGrantInput,
  UpdateAliasInput,
} from './kms.inputs';
import { AliasListEntry, CreateGrantPayload, GrantListEntry } from './kms.types';

function toGrantListEntry(g: GrantEntry): GrantListEntry {
  const pairs = (m: Record<string, string> | undefined) => (m ? Object.entries(m).map(([key, value]) => ({ key, value })) : null);
  return {
    keyId: g.keyId,
    grantId: g.grantId,
    name: g.name,
    creationDate: g.createdAt,
    granteePrincipal: g.granteePrincipal,
    retiringPrincipal: g.retiringPrincipal,
    issuingAccount: g.issuingAccount,
    operations: g.operations,
    constraints: g.constraints
      ? { encryptionContextEquals: pairs(g.constraints.encryptionContextEquals), encryptionContextSubset: pairs(g.constraints.encryptionContextSubset) }
      : null,
  };
}

@Resolver()
export class KmsAliasesGrantsResolver {
  constructor(
    private readonly aliases: AliasesUseCase,
    private readonly grants: GrantsUseCase,
  ) {}

  @Query(() => [AliasListEntry], { description: 'kms:ListAliases (IAM only); optionally the aliases of one key.' })
  async listAliases(
    @CurrentCaller() caller: Caller,
    @Args('input', { type: () => ListAliasesInput, nullable: true }) input?: ListAliasesInput | null,
  ): Promise<AliasListEntry[]> {
    return this.aliases.listAliases(caller, input ?? {});
  }

  @Mutation(() => Boolean)
  async createAlias(@CurrentCaller() caller: Caller, @Args('input') input: CreateAliasInput): Promise<boolean> {
    await this.aliases.createAlias(caller, input);
    return true;
  }

  @Mutation(() => Boolean)
  async updateAlias(@CurrentCaller() caller: Caller, @Args('input') input: UpdateAliasInput): Promise<boolean> {
    await this.aliases.updateAlias(caller, input);
    return true;
  }

  @Mutation(() => Boolean)
  async deleteAlias(@CurrentCaller() caller: Caller, @Args('input') input: DeleteAliasInput): Promise<boolean> {
    await this.aliases.deleteAlias(caller, input);
    return true;
  }

  @Mutation(() => CreateGrantPayload, { description: 'The grant is effective at once; its token is accepted as well.' })
  async createGrant(@CurrentCaller() caller: Caller, @Args('input') input: CreateGrantInput): Promise<CreateGrantPayload> {
    const { grantId, grantToken } = await this.grants.createGrant(caller, input);
    return { grantId, grantToken };
  }

  @Mutation(() => Boolean)
  async revokeGrant(@CurrentCaller() caller: Caller, @Args('input') input: RevokeGrantInput): Promise<boolean> {
    await this.grants.revokeGrant(caller, input);
    return true;
  }

  @Mutation(() => Boolean)
  async retireGrant(@CurrentCaller() caller: Caller, @Args('input') input: RetireGrantInput): Promise<boolean> {
    await this.grants.retireGrant(caller, input);
    return true;
  }

  @Query(() => [GrantListEntry])
  async listGrants(@CurrentCaller() caller: Caller, @Args('input') input: ListGrantsInput): Promise<GrantListEntry[]> {
    return (await this.grants.listGrants(caller, input)).map(toGrantListEntry);
  }

  @Query(() => [GrantListEntry])
  async listRetirableGrants(@CurrentCaller() caller: Caller, @Args('input') input: ListRetirableGrantsInput): Promise<GrantListEntry[]> {
    return (await this.grants.listRetirableGrants(caller, input)).map(toGrantListEntry);
  }
}
