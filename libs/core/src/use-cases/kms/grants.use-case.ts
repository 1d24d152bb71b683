/**
 * Grants (semantics §3.4): createGrant, listGrants, revokeGrant, retireGrant, listRetirableGrants.
 * Keygate grants are effective as soon as createGrant returns (no eventual consistency); the grant
 * token is accepted as well, wherever AWS accepts one.
 */
import { randomBytes } from 'node:crypto';
import type { GrantFacts } from '@keygate/policy-engine';
import { type Caller, type PrincipalCaller, rootArn } from '../../auth/caller';
import { errors } from '../../errors/domain-error';
import type { KmsGrantRecord } from '../../ports/kms.repository';
import type { TenantRepositories } from '../../ports/store.port';
import { decideOnKey, grantFacts, type KeyAuthorizationData, keyAuthorizationData, keyNotFound, requireOnKey, type ResolvedKey, resolveKey } from './key-access';
import { changeKey } from './key-change';
import { quote } from './key-identifier';
import { grantOperationsFor, isSymmetricEncryption } from './key-spec';
import {
  accountOfPrincipal,
  type CreateGrantInput,
  type GrantRequest,
  grantRequestContext,
  sameGrantParameters,
  validateGrantPrincipal,
  validateGrantRequest,
} from './grant-input';
import { type KmsDeps, principalOf } from './kms-deps';

/** Grants per customer managed key. */
export const MAX_GRANTS_PER_KEY = 50_000;
const GRANT_ID = /^[a-zA-Z0-9]{1,128}$/;

/** A grant as listed (never with its token). */
export type GrantEntry = Omit<KmsGrantRecord, 'grantToken' | 'accountId'>;

function entry(g: KmsGrantRecord): GrantEntry {
  const { grantToken: _token, accountId: _account, ...rest } = g;
  return rest;
}

function grantNotFound(grantId: string): Error {
  return errors.notFound(`Grant ${quote(grantId)} does not exist.`);
}

function validateGrantId(grantId: string): string {
  if (typeof grantId !== 'string' || !GRANT_ID.test(grantId)) throw errors.validation(`Invalid grantId ${quote(String(grantId))}.`);
  return grantId;
}

/** Grant operations. */
export class GrantsUseCase {
  constructor(private readonly deps: KmsDeps) {}

  /** Authorized by policy (kms:CreateGrant with the grant condition keys) or by a grant that includes CreateGrant. */
  async createGrant(caller: Caller, input: CreateGrantInput): Promise<{ grantId: string; grantToken: string; revision: bigint }> {
    const request = validateGrantRequest(input);
    const { result, revision } = await changeKey(this.deps, caller, {
      action: 'kms:CreateGrant',
      keyId: input.keyId,
      mode: 'keyArn',
      context: grantRequestContext(request),
      grantTokens: request.grantTokens,
      details: { granteePrincipal: request.granteePrincipal, operations: request.operations, name: request.name },
      check: (repos, principal, resolved, data) => this.checkGrantRequest(repos, principal, resolved, data, request),
      mutate: async (repos, key, principal) => {
        const existing = await repos.kms.grants.listForKey(key.accountId, key.keyId);
        const same = request.name === null ? undefined : existing.find((g) => g.name === request.name && sameGrantParameters(g, request));
        if (same) return { grantId: same.grantId, grantToken: same.grantToken };
        if (existing.length >= MAX_GRANTS_PER_KEY) throw errors.limitExceeded(`A key can have at most ${MAX_GRANTS_PER_KEY} grants.`);
        const created = await repos.kms.grants.create({
          accountId: key.accountId,
          grantId: randomBytes(32).toString('hex'),
          keyId: key.keyId,
          granteePrincipal: request.granteePrincipal,
          retiringPrincipal: request.retiringPrincipal,
          operations: request.operations,
          constraints: request.constraints,
          name: request.name,
          grantToken: randomBytes(48).toString('base64url'),
          issuingAccount: rootArn(principal.accountId),
        });
        return { grantId: created.grantId, grantToken: created.grantToken };
      },
    });
    return { ...result, revision };
  }

  /** ListGrants (kms:ListGrants; key ARN across accounts), optionally one grant or one grantee. */
  async listGrants(caller: Caller, input: { keyId: string; grantId?: string | null; granteePrincipal?: string | null }): Promise<GrantEntry[]> {
    const principal = principalOf(caller, 'kms:ListGrants');
    return this.deps.store.read(async (repos) => {
      const resolved = await resolveKey(repos, this.deps, principal, input.keyId, 'keyArn');
      await requireOnKey(repos, this.deps, principal, 'kms:ListGrants', resolved);
      const grants = await repos.kms.grants.listForKey(resolved.key.accountId, resolved.key.keyId);
      return grants
        .filter((g) => input.grantId == null || g.grantId === input.grantId)
        .filter((g) => input.granteePrincipal == null || g.granteePrincipal === input.granteePrincipal)
        .map(entry);
    });
  }

  /** RevokeGrant: authorized by policy (kms:RevokeGrant), in every key state. */
  async revokeGrant(caller: Caller, input: { keyId: string; grantId: string }): Promise<{ revision: bigint }> {
    const grantId = validateGrantId(input.grantId);
    const { revision } = await changeKey(this.deps, caller, {
      action: 'kms:RevokeGrant',
      keyId: input.keyId,
      mode: 'keyArn',
      anyState: true,
      details: { grantId },
      mutate: async (repos, key) => {
        const grant = await repos.kms.grants.get(key.accountId, grantId);
        if (grant === null || grant.keyId !== key.keyId) throw grantNotFound(grantId);
        await repos.kms.grants.delete(key.accountId, grantId);
      },
    });
    return { revision };
  }

  /**
   * RetireGrant: authorized by the grant itself: its retiring principal, its grantee when it lists
   * RetireGrant, the account that created it or the key's account (the root, or users with an IAM
   * allow); an IAM deny wins.
   */
  async retireGrant(caller: Caller, input: { grantToken?: string | null; keyId?: string | null; grantId?: string | null }): Promise<{ revision: bigint }> {
    const principal = principalOf(caller, 'kms:RetireGrant');
    const { resolved, grant } = await this.deps.store.read(async (repos) => {
      const found = await this.findGrantToRetire(repos, principal, input);
      const data = await keyAuthorizationData(repos, found.resolved.key);
      const grants: GrantFacts[] = grantFacts([found.grant]);
      // INVARIANT: only THIS grant can authorize retiring it; the account that created it and the
      // key's account act as retiring principals (their root, or users their IAM policies allow).
      const own = rootArn(principal.accountId);
      if (found.grant.issuingAccount === own || found.resolved.key.accountId === principal.accountId) grants.push({ ...grants[0], retiringPrincipal: own });
      const tokens = input.grantToken ? [input.grantToken] : undefined;
      await requireOnKey(repos, this.deps, principal, 'kms:RetireGrant', found.resolved, { data: { ...data, grants }, grantTokens: tokens });
      return found;
    });
    const meta = { accountId: resolved.key.accountId, actorArn: principal.arn, action: 'kms:RetireGrant', resource: resolved.key.arn, details: { grantId: grant.grantId } };
    const { revision } = await this.deps.store.change(meta, async (repos) => {
      if (!(await repos.kms.grants.delete(grant.accountId, grant.grantId))) throw grantNotFound(grant.grantId);
    });
    return { revision };
  }

  /** ListRetirableGrants (IAM only, on "*"): grants of any account naming a principal of the caller's account as retiring principal. */
  async listRetirableGrants(caller: Caller, input: { retiringPrincipal: string }): Promise<GrantEntry[]> {
    const principal = principalOf(caller, 'kms:ListRetirableGrants');
    const retiring = validateGrantPrincipal('retiringPrincipal', input.retiringPrincipal);
    if (accountOfPrincipal(retiring) !== principal.accountId) {
      throw errors.validation(`retiringPrincipal ${quote(retiring)} must be a principal of your account.`);
    }
    await this.deps.authz.require(principal, 'kms:ListRetirableGrants', '*', { resourceAccount: principal.accountId });
    return this.deps.store.read(async (repos) => {
      const grants = await repos.kms.grants.listByRetiringPrincipal(retiring);
      const live: KmsGrantRecord[] = [];
      for (const g of grants) if (await repos.kms.keys.get(g.accountId, g.keyId, this.deps.now())) live.push(g);
      return live.map(entry);
    });
  }

  private async checkGrantRequest(
    repos: TenantRepositories,
    principal: PrincipalCaller,
    resolved: ResolvedKey,
    data: KeyAuthorizationData,
    request: GrantRequest,
  ): Promise<void> {
    const key = resolved.key;
    const supported = grantOperationsFor(key.keyUsage, key.keySpec);
    const unsupported = request.operations.filter((op) => !supported.includes(op));
    if (unsupported.length > 0) throw errors.validation(`Grant operations ${unsupported.join(', ')} are not supported by ${key.keySpec} ${key.keyUsage} keys.`);
    if (request.constraints && !isSymmetricEncryption(key.keySpec)) {
      throw errors.validation('Encryption-context constraints are valid only for symmetric encryption keys.');
    }
    for (const [field, arn] of [['granteePrincipal', request.granteePrincipal], ['retiringPrincipal', request.retiringPrincipal]] as const) {
      if (arn !== null && !(await this.ownPrincipalExists(repos, principal.accountId, arn))) {
        throw errors.validation(`Invalid ${field} ${quote(arn)}: no such principal in your account.`);
      }
    }
    await this.checkParentGrant(repos, principal, resolved, data, request);
  }

  /** A grant obtained from a parent grant may only include operations of that parent grant. */
  private async checkParentGrant(repos: TenantRepositories, principal: PrincipalCaller, resolved: ResolvedKey, data: KeyAuthorizationData, request: GrantRequest): Promise<void> {
    const context = grantRequestContext(request);
    const byPolicy = await decideOnKey(repos, this.deps, principal, 'kms:CreateGrant', resolved, { data: { ...data, grants: [] }, context });
    if (byPolicy.decision === 'ALLOWED') return;
    const full = await decideOnKey(repos, this.deps, principal, 'kms:CreateGrant', resolved, { data, context, grantTokens: request.grantTokens });
    const parents = new Set(full.matchedStatements.filter((s) => s.sourcePolicyType === 'GRANT').map((s) => s.sourcePolicyId));
    const covered = data.grants.some((g) => parents.has(g.grantId) && request.operations.every((op) => g.operations.includes(op)));
    if (!covered) {
      throw errors.accessDenied(
        `User: ${principal.arn} is not authorized to perform: kms:CreateGrant on resource: ${resolved.key.arn} because the grant that allows it does not include every requested operation`,
      );
    }
  }

  private async ownPrincipalExists(repos: TenantRepositories, accountId: string, arn: string): Promise<boolean> {
    if (accountOfPrincipal(arn) !== accountId || arn.endsWith(':root')) return true;
    if (arn.startsWith('arn:aws:sts::')) return repos.kms.principals.roleNameExists(accountId, arn.split('/')[1] ?? '');
    return repos.kms.principals.userOrRoleArnExists(accountId, arn);
  }

  private async findGrantToRetire(
    repos: TenantRepositories,
    principal: PrincipalCaller,
    input: { grantToken?: string | null; keyId?: string | null; grantId?: string | null },
  ): Promise<{ resolved: ResolvedKey; grant: KmsGrantRecord }> {
    if (input.grantToken) {
      const grant = await repos.kms.grants.findByToken(input.grantToken);
      if (grant === null || (input.grantId != null && input.grantId !== grant.grantId)) throw errors.notFound('The grant token does not name an existing grant.');
      const key = await repos.kms.keys.get(grant.accountId, grant.keyId, this.deps.now());
      if (key === null) throw errors.notFound('The grant token does not name an existing grant.');
      return { resolved: { key, crossAccount: key.accountId !== principal.accountId, display: key.arn }, grant };
    }
    if (input.keyId == null || input.grantId == null) throw errors.validation('retireGrant needs grantToken, or keyId and grantId.');
    const grantId = validateGrantId(input.grantId);
    const resolved = await resolveKey(repos, this.deps, principal, input.keyId, 'keyArn');
    const grant = await repos.kms.grants.get(resolved.key.accountId, grantId);
    if (grant === null || grant.keyId !== resolved.key.keyId) {
      if (resolved.crossAccount) throw keyNotFound(resolved.display);
      throw grantNotFound(grantId);
    }
    return { resolved, grant };
  }
}
