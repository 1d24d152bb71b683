/**
 * Resolving a keyId argument to a key, and authorizing a KMS action on it with the engine: the
 * caller's identity policies (IdentityPolicySource) + the key policy + the key's grants + key facts.
 */
import {
  type AuthorizationDecision,
  type CompiledPolicy,
  compilePolicy,
  type ContextEntry,
  type GrantFacts,
  type KeyFacts,
  keyStateCheck,
  KMS_CROSS_ACCOUNT_ACTIONS,
} from '@keygate/policy-engine';
import type { PrincipalCaller } from '../../auth/caller';
import { errors } from '../../errors/domain-error';
import type { KmsGrantRecord, KmsKeyRecord } from '../../ports/kms.repository';
import type { TenantRepositories } from '../../ports/store.port';
import { aliasArnOf, type KeyRef, keyArnOf, parseKeyRef } from './key-identifier';
import type { KmsDeps } from './kms-deps';

/** How a keyId argument may name a key of another account (semantics §8). */
export type CrossAccountMode = 'none' | 'keyArn' | 'keyOrAliasArn';

/** A keyId argument resolved to a live key. */
export interface ResolvedKey {
  key: KmsKeyRecord;
  /** The alias name the caller used (kms:RequestAlias), if any. */
  requestAlias?: string;
  /** True when the key belongs to another account than the caller's. */
  crossAccount: boolean;
  /** How the caller named the key, for NOT_FOUND messages (the same for missing and invisible keys). */
  display: string;
}

/** Actions that carry kms:RequestAlias (crypto operations, DescribeKey, GetPublicKey). */
const REQUEST_ALIAS_ACTIONS = new Set(['kms:describekey', 'kms:getpublickey']);

/** The NOT_FOUND error of a key reference (identical for missing keys and other tenants' keys). */
export function keyNotFound(display: string): Error {
  return display.includes(':alias/') || display.startsWith('alias/')
    ? errors.notFound(`Alias '${display}' is not found.`)
    : errors.notFound(`Key '${display}' does not exist.`);
}

function displayOf(ref: KeyRef, caller: PrincipalCaller, region: string): string {
  switch (ref.kind) {
    case 'keyId':
      return keyArnOf(region, caller.accountId, ref.keyId);
    case 'aliasName':
      return aliasArnOf(region, caller.accountId, ref.aliasName);
    case 'absent':
      return ref.display;
    default:
      return ref.arn;
  }
}

function targetOf(ref: KeyRef, caller: PrincipalCaller, mode: CrossAccountMode): { accountId: string; keyId?: string; aliasName?: string } | null {
  switch (ref.kind) {
    case 'absent':
      return null;
    case 'keyId':
      return { accountId: caller.accountId, keyId: ref.keyId };
    case 'aliasName':
      return { accountId: caller.accountId, aliasName: ref.aliasName };
    case 'keyArn':
      return ref.accountId === caller.accountId || mode !== 'none' ? { accountId: ref.accountId, keyId: ref.keyId } : null;
    case 'aliasArn':
      return ref.accountId === caller.accountId || mode === 'keyOrAliasArn' ? { accountId: ref.accountId, aliasName: ref.aliasName } : null;
  }
}

/** Resolves a keyId argument; NOT_FOUND when missing, past deletion, or not reachable from the caller's account. */
export async function resolveKey(
  repos: TenantRepositories,
  deps: KmsDeps,
  caller: PrincipalCaller,
  keyIdInput: string,
  mode: CrossAccountMode,
): Promise<ResolvedKey> {
  const ref = parseKeyRef(keyIdInput, deps.region);
  const display = displayOf(ref, caller, deps.region);
  const target = targetOf(ref, caller, mode);
  if (target === null) throw keyNotFound(display);
  let keyId = target.keyId;
  if (target.aliasName !== undefined) {
    const alias = await repos.kms.aliases.get(target.accountId, target.aliasName);
    keyId = alias?.targetKeyId;
  }
  const key = keyId === undefined ? null : await repos.kms.keys.get(target.accountId, keyId, deps.now());
  if (key === null) throw keyNotFound(display);
  return { key, requestAlias: target.aliasName, crossAccount: key.accountId !== caller.accountId, display };
}

/** Grant records as the engine sees them. Keygate grants are effective at once (their token also works). */
export function grantFacts(grants: KmsGrantRecord[]): GrantFacts[] {
  return grants.map((g) => ({
    grantId: g.grantId,
    granteePrincipal: g.granteePrincipal,
    ...(g.retiringPrincipal ? { retiringPrincipal: g.retiringPrincipal } : {}),
    operations: g.operations,
    ...(g.constraints ? { constraints: g.constraints } : {}),
    grantToken: g.grantToken,
    effective: true,
  }));
}

/** Compiles a stored key policy for evaluation (stored policies were validated on write). */
export function compileKeyPolicy(policy: string, keyArn: string): CompiledPolicy | undefined {
  return compilePolicy(policy, { kind: 'resource', policyId: keyArn, sourceType: 'RESOURCE' }).policy;
}

/** What the engine needs about a key besides the caller: facts, key policy, grants. */
export interface KeyAuthorizationData {
  facts: KeyFacts;
  policy: CompiledPolicy | undefined;
  grants: GrantFacts[];
}

/** Loads the key's tags, aliases and grants and compiles its policy. */
export async function keyAuthorizationData(repos: TenantRepositories, key: KmsKeyRecord): Promise<KeyAuthorizationData> {
  const [tags, aliases, grants] = await Promise.all([
    repos.kms.keys.tags(key.accountId, key.keyId),
    repos.kms.aliases.listForKey(key.accountId, key.keyId),
    repos.kms.grants.listForKey(key.accountId, key.keyId),
  ]);
  const facts: KeyFacts = {
    arn: key.arn,
    accountId: key.accountId,
    region: key.region,
    keyState: key.keyState,
    keySpec: key.keySpec,
    keyUsage: key.keyUsage,
    origin: key.origin,
    multiRegion: false,
    aliases: aliases.map((a) => a.aliasName),
    tags,
  };
  return { facts, policy: compileKeyPolicy(key.policy, key.arn), grants: grantFacts(grants) };
}

/** Extra request parts of one KMS authorization. */
export interface KeyActionOptions {
  context?: ContextEntry[];
  grantTokens?: string[];
  /** Evaluate against this key policy instead of the stored one (lockout check). */
  policyOverride?: CompiledPolicy;
  /** Already loaded key data (saves the reads). */
  data?: KeyAuthorizationData;
}

/** The engine's decision for `action` on the resolved key. */
export async function decideOnKey(
  repos: TenantRepositories,
  deps: KmsDeps,
  caller: PrincipalCaller,
  action: string,
  resolved: ResolvedKey,
  options: KeyActionOptions = {},
): Promise<AuthorizationDecision> {
  const data = options.data ?? (await keyAuthorizationData(repos, resolved.key));
  const requestAlias = REQUEST_ALIAS_ACTIONS.has(action.toLowerCase()) ? resolved.requestAlias : undefined;
  return deps.authz.authorize(caller, action, resolved.key.arn, {
    resourceAccount: resolved.key.accountId,
    key: data.facts,
    resourcePolicy: options.policyOverride ?? data.policy,
    grants: data.grants,
    ...(requestAlias ? { requestAlias } : {}),
    ...(options.context ? { context: options.context } : {}),
    ...(options.grantTokens ? { grantTokens: options.grantTokens } : {}),
  });
}

/**
 * Requires `action` on the key. A denial is ACCESS_DENIED with the engine's AWS-form reason in the
 * caller's own account; for another account's key it is the same NOT_FOUND as a missing key.
 */
export async function requireOnKey(
  repos: TenantRepositories,
  deps: KmsDeps,
  caller: PrincipalCaller,
  action: string,
  resolved: ResolvedKey,
  options: KeyActionOptions = {},
): Promise<AuthorizationDecision> {
  if (resolved.crossAccount && !KMS_CROSS_ACCOUNT_ACTIONS.has(action.toLowerCase())) throw keyNotFound(resolved.display);
  const decision = await decideOnKey(repos, deps, caller, action, resolved, options);
  if (decision.decision === 'ALLOWED') return decision;
  // INVARIANT: nothing about another tenant's key leaks: denied and missing answer alike.
  if (resolved.crossAccount) throw keyNotFound(resolved.display);
  throw errors.accessDenied(decision.reason || `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${resolved.key.arn}`);
}

/** Fails with DISABLED / INVALID_STATE (or VALIDATION_ERROR for unsupported) when the key state forbids the operation. */
export function requireKeyState(action: string, key: KmsKeyRecord): void {
  const check = keyStateCheck(action, key.keyState, key.arn);
  if (check.ok) return;
  if (check.code === 'DISABLED') throw errors.disabled(check.message);
  if (check.code === 'INVALID_STATE') throw errors.invalidState(check.message);
  throw errors.validation(check.message);
}

/** Re-reads the key inside a change (it may have changed since authorization); NOT_FOUND when gone. */
export async function reloadKey(repos: TenantRepositories, deps: KmsDeps, resolved: ResolvedKey): Promise<KmsKeyRecord> {
  const key = await repos.kms.keys.get(resolved.key.accountId, resolved.key.keyId, deps.now());
  if (key === null) throw keyNotFound(resolved.display);
  return key;
}
