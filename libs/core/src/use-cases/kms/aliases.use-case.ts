/**
 * Aliases (semantics §3.3 item 6): createAlias, updateAlias, deleteAlias, listAliases. An alias
 * action needs the action on the ALIAS (IAM only; alias/aws/ is reserved and never allowed) AND on
 * each key it touches (key policy, or IAM enabled by it).
 */
import type { Caller, PrincipalCaller } from '../../auth/caller';
import { errors } from '../../errors/domain-error';
import type { KmsAliasRecord } from '../../ports/kms.repository';
import type { TenantRepositories } from '../../ports/store.port';
import { keyNotFound, requireOnKey, type ResolvedKey, resolveKey } from './key-access';
import { changeKey } from './key-change';
import { ALIAS_NAME, aliasArnOf, parseKeyRef, quote } from './key-identifier';
import { keyKind } from './key-spec';
import { type KmsDeps, principalOf } from './kms-deps';

/** At most 50 aliases per key. */
export const MAX_ALIASES_PER_KEY = 50;

/** An alias as listAliases returns it. */
export interface AliasEntry {
  aliasName: string;
  aliasArn: string;
  targetKeyId: string;
  creationDate: Date;
  lastUpdatedDate: Date;
}

function validateAliasName(aliasName: string): string {
  if (typeof aliasName !== 'string' || !ALIAS_NAME.test(aliasName)) {
    throw errors.validation(`Invalid aliasName ${quote(String(aliasName))}: use "alias/" followed by 1 to 250 of a-z A-Z 0-9 : / _ -.`);
  }
  return aliasName;
}

/** A target key must be named by key id or key ARN (not by an alias), as in AWS. */
function validateTargetKeyId(targetKeyId: string, region: string): string {
  const ref = parseKeyRef(targetKeyId, region);
  if (ref.kind === 'aliasName' || ref.kind === 'aliasArn') {
    throw errors.validation(`Invalid targetKeyId ${quote(targetKeyId)}: use a key id or key ARN, not an alias.`);
  }
  return targetKeyId;
}

/** Alias operations. */
export class AliasesUseCase {
  constructor(private readonly deps: KmsDeps) {}

  async createAlias(caller: Caller, input: { aliasName: string; targetKeyId: string }): Promise<{ revision: bigint }> {
    const principal = principalOf(caller, 'kms:CreateAlias');
    const aliasName = validateAliasName(input.aliasName);
    const targetKeyId = validateTargetKeyId(input.targetKeyId, this.deps.region);
    await this.requireOnAlias(principal, 'kms:CreateAlias', aliasName);
    const { revision } = await changeKey(this.deps, caller, {
      action: 'kms:CreateAlias',
      keyId: targetKeyId,
      details: { aliasName },
      mutate: async (repos, key) => {
        const existing = await repos.kms.aliases.get(key.accountId, aliasName);
        if (existing !== null) {
          // An alias of a deleted key (past its deletionDate, not yet swept) no longer exists.
          if (await repos.kms.keys.get(key.accountId, existing.targetKeyId, this.deps.now())) {
            throw errors.alreadyExists(`An alias with the name ${aliasArnOf(this.deps.region, key.accountId, aliasName)} already exists.`);
          }
          await repos.kms.aliases.delete(key.accountId, aliasName);
        }
        if ((await repos.kms.aliases.listForKey(key.accountId, key.keyId)).length >= MAX_ALIASES_PER_KEY) {
          throw errors.limitExceeded(`A key can have at most ${MAX_ALIASES_PER_KEY} aliases.`);
        }
        await repos.kms.aliases.create(key.accountId, aliasName, key.keyId);
      },
    });
    return { revision };
  }

  /** Points an alias at another key of the same type and usage (needs the alias, the old key and the new key). */
  async updateAlias(caller: Caller, input: { aliasName: string; targetKeyId: string }): Promise<{ revision: bigint }> {
    const principal = principalOf(caller, 'kms:UpdateAlias');
    const aliasName = validateAliasName(input.aliasName);
    const targetKeyId = validateTargetKeyId(input.targetKeyId, this.deps.region);
    await this.requireOnAlias(principal, 'kms:UpdateAlias', aliasName);
    await this.deps.store.read(async (repos) => {
      const current = await this.currentKey(repos, principal, aliasName);
      await requireOnKey(repos, this.deps, principal, 'kms:UpdateAlias', current);
    });
    const { revision } = await changeKey(this.deps, caller, {
      action: 'kms:UpdateAlias',
      keyId: targetKeyId,
      details: { aliasName },
      mutate: async (repos, newKey) => {
        if (newKey.keyState === 'PENDING_DELETION') throw errors.invalidState(`${newKey.arn} is pending deletion.`);
        const current = await this.currentKey(repos, principal, aliasName);
        if (keyKind(current.key.keyUsage, current.key.keySpec) !== keyKind(newKey.keyUsage, newKey.keySpec)) {
          throw errors.validation(`${aliasName} points at a key of another type or usage than ${newKey.arn}.`);
        }
        await repos.kms.aliases.retarget(principal.accountId, aliasName, newKey.keyId);
      },
    });
    return { revision };
  }

  /** Deletes an alias (needs the alias and its key); works in every key state. */
  async deleteAlias(caller: Caller, input: { aliasName: string }): Promise<{ revision: bigint }> {
    const principal = principalOf(caller, 'kms:DeleteAlias');
    const aliasName = validateAliasName(input.aliasName);
    await this.requireOnAlias(principal, 'kms:DeleteAlias', aliasName);
    const { revision } = await changeKey(this.deps, caller, {
      action: 'kms:DeleteAlias',
      keyId: aliasName,
      anyState: true,
      details: { aliasName },
      mutate: async (repos, key) => {
        if (!(await repos.kms.aliases.delete(key.accountId, aliasName))) throw this.aliasNotFound(principal, aliasName);
      },
    });
    return { revision };
  }

  /** ListAliases (IAM only, kms:ListAliases on "*"): the account's aliases, or those of one key. */
  async listAliases(caller: Caller, input: { keyId?: string | null } = {}): Promise<AliasEntry[]> {
    const principal = principalOf(caller, 'kms:ListAliases');
    await this.deps.authz.require(principal, 'kms:ListAliases', '*', { resourceAccount: principal.accountId });
    return this.deps.store.read(async (repos) => {
      let aliases: KmsAliasRecord[];
      if (input.keyId != null) {
        const resolved = await resolveKey(repos, this.deps, principal, validateTargetKeyId(input.keyId, this.deps.region), 'none');
        aliases = await repos.kms.aliases.listForKey(principal.accountId, resolved.key.keyId);
      } else {
        const live = new Set((await repos.kms.keys.list(principal.accountId, this.deps.now())).map((k) => k.keyId));
        aliases = (await repos.kms.aliases.list(principal.accountId)).filter((a) => live.has(a.targetKeyId));
      }
      return aliases.map((a) => ({
        aliasName: a.aliasName,
        aliasArn: aliasArnOf(this.deps.region, a.accountId, a.aliasName),
        targetKeyId: a.targetKeyId,
        creationDate: a.createdAt,
        lastUpdatedDate: a.updatedAt,
      }));
    });
  }

  private async requireOnAlias(principal: PrincipalCaller, action: string, aliasName: string): Promise<void> {
    await this.deps.authz.require(principal, action, aliasArnOf(this.deps.region, principal.accountId, aliasName), {
      resourceAccount: principal.accountId,
    });
  }

  private async currentKey(repos: TenantRepositories, principal: PrincipalCaller, aliasName: string): Promise<ResolvedKey> {
    try {
      return await resolveKey(repos, this.deps, principal, aliasName, 'none');
    } catch {
      throw this.aliasNotFound(principal, aliasName);
    }
  }

  private aliasNotFound(principal: PrincipalCaller, aliasName: string): Error {
    return keyNotFound(aliasArnOf(this.deps.region, principal.accountId, aliasName));
  }
}
