/**
 * The service benchmark's data shape in-process: one account of bench/bench-data.ts (200 users,
 * 50 groups, 20 roles, 300 managed policies, 1,000 keys with their own key policies), compiled the
 * way libs/core compile-snapshot does (each distinct text once; a user carries its own policies
 * plus its groups', merged into an identity set when there are two or more), and a pool of engine requests built from bench-data's request generator
 * (aliases resolved to their key; requests the service answers before the engine are dropped).
 */
import { compilePolicy, createPolicySet, createPolicySetBudget, type PolicySetBudget } from '../src';
import type { AuthorizationRequest, CompiledPolicy, CompiledPolicySet, GrantFacts, KeyFacts, PolicyKind, PrincipalFacts } from '../src/types';
import { type AccountRows, type DataSetSize, REGION, accountIds, buildAccount, buildRequest } from '../../../bench/bench-data';

const SIZE: DataSetSize = { accounts: 1, users: 200, groups: 50, roles: 20, policies: 300, keys: 1000 };

interface KeyEntry {
  facts: KeyFacts;
  policy: CompiledPolicy;
  grants: GrantFacts[];
}

/** The compiled part of one account (what the service keeps in its snapshot). */
export interface CompiledAccount {
  principals: Map<string, { facts: PrincipalFacts; policies: CompiledPolicy[]; identitySet?: CompiledPolicySet }>;
  roles: Map<string, { arn: string; id: string; policies: CompiledPolicy[]; identitySet?: CompiledPolicySet }>;
  keys: Map<string, KeyEntry>;
  aliases: Map<string, string>;
}

/** Builds the raw rows of the account (texts only; nothing compiled). */
export function serviceAccountRows(): AccountRows {
  return buildAccount(accountIds(1)[0], SIZE);
}

function compiler() {
  const byText = new Map<string, CompiledPolicy>();
  return (text: string, kind: PolicyKind, policyId: string): CompiledPolicy => {
    const cacheKey = `${kind}|${text}`;
    const same = byText.get(cacheKey);
    if (same) return Object.freeze({ ...same, policyId });
    const { policy, findings } = compilePolicy(text, { kind, policyId, sourceType: kind === 'identity' ? 'IDENTITY' : 'RESOURCE' });
    if (!policy) throw new Error(`benchmark policy ${policyId} did not compile: ${JSON.stringify(findings)}`);
    byText.set(cacheKey, policy);
    return policy;
  };
}

/** Compiles an account the way compile-snapshot does. */
/** Frozen policies with their merged set (two or more policies), as compile-snapshot gives principals. */
function withSet(policies: CompiledPolicy[], budget: PolicySetBudget): { policies: CompiledPolicy[]; identitySet?: CompiledPolicySet } {
  const frozen = Object.freeze(policies) as CompiledPolicy[];
  return frozen.length >= 2 ? { policies: frozen, identitySet: createPolicySet(frozen, budget) } : { policies: frozen };
}

export function compileAccount(rows: AccountRows): CompiledAccount {
  const compile = compiler();
  const budget = createPolicySetBudget();
  const managed = new Map(rows.policies.map((p) => [p.policyId, compile(p.document, 'identity', p.arn)]));
  const attached = (links: Array<{ policyId: string }>) => links.map((l) => managed.get(l.policyId)!);
  const groupPolicies = new Map(rows.groups.map((g) => [g.groupId, attached(rows.groupPolicies.filter((l) => l.groupId === g.groupId))]));
  const principals: CompiledAccount['principals'] = new Map();
  const rootArn = `arn:aws:iam::${rows.accountId}:root`;
  principals.set(rootArn, { facts: { arn: rootArn, accountId: rows.accountId, type: 'Account', principalArn: rootArn, userId: rows.accountId }, policies: [] });
  for (const u of rows.users) {
    const policies = attached(rows.userPolicies.filter((l) => l.userId === u.userId));
    for (const m of rows.memberships) if (m.userId === u.userId) policies.push(...groupPolicies.get(m.groupId)!);
    const facts: PrincipalFacts = { arn: u.arn, accountId: rows.accountId, type: 'User', principalArn: u.arn, userName: u.name, userId: u.userId, tags: {} };
    principals.set(u.arn, { facts, ...withSet(policies, budget) });
  }
  const roles: CompiledAccount['roles'] = new Map(rows.roles.map((r) => [r.name, { arn: r.arn, id: r.roleId, ...withSet(attached(rows.rolePolicies.filter((l) => l.roleId === r.roleId)), budget) }]));
  const aliasesByKey = new Map<string, string[]>();
  for (const a of rows.aliases) aliasesByKey.set(a.keyId, [...(aliasesByKey.get(a.keyId) ?? []), a.aliasName]);
  const keys = new Map<string, KeyEntry>();
  for (const k of rows.keys) {
    const facts: KeyFacts = {
      arn: k.arn, accountId: rows.accountId, region: REGION, keyState: 'ENABLED', keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT',
      origin: 'AWS_KMS', multiRegion: false, aliases: aliasesByKey.get(k.keyId) ?? [], tags: {},
    };
    const grants: GrantFacts[] = rows.grants
      .filter((g) => g.keyId === k.keyId)
      .map((g) => ({ grantId: g.grantId, granteePrincipal: g.grantee, operations: g.operations, grantToken: g.token, effective: true }));
    keys.set(k.arn, { facts, policy: compile(k.policy, 'resource', k.arn), grants });
  }
  const aliases = new Map(rows.aliases.map((a) => [`arn:aws:kms:${REGION}:${rows.accountId}:${a.aliasName}`, `arn:aws:kms:${REGION}:${rows.accountId}:key/${a.keyId}`]));
  return { principals, roles, keys, aliases };
}

function principalOf(account: CompiledAccount, arn: string): { facts: PrincipalFacts; policies: CompiledPolicy[]; identitySet?: CompiledPolicySet } | undefined {
  const session = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/.exec(arn);
  if (!session) return account.principals.get(arn);
  const role = account.roles.get(session[2]);
  if (!role) return undefined;
  return { facts: { arn, accountId: session[1], type: 'AssumedRole', principalArn: role.arn, userId: `${role.id}:${session[3]}`, tags: {} }, policies: role.policies, identitySet: role.identitySet };
}

/** `count` engine requests shaped like the service's (fixed object shape, as evaluate-request builds them). */
export function serviceRequests(rows: AccountRows, account: CompiledAccount, count: number): AuthorizationRequest[] {
  const out: AuthorizationRequest[] = [];
  while (out.length < count) {
    const r = buildRequest(rows);
    const principal = principalOf(account, r.principalArn);
    const keyArn = account.aliases.get(r.resource) ?? r.resource;
    const key = account.keys.get(keyArn);
    // The service answers unknown principals and keys without the engine.
    if (!principal || !key) continue;
    out.push({
      principal: principal.facts,
      action: r.action,
      resource: keyArn,
      resourceAccount: key.facts.accountId,
      key: key.facts,
      requestAlias: keyArn !== r.resource ? r.resource.slice(r.resource.indexOf(':alias/') + 1) : undefined,
      identityPolicies: principal.policies,
      identitySet: principal.identitySet,
      permissionsBoundary: undefined,
      resourcePolicy: key.policy,
      grants: key.grants,
      grantTokens: undefined,
      context: r.context,
      timeMs: Date.UTC(2026, 0, 1),
      region: REGION,
    });
  }
  return out;
}
