/** Turns the raw rows of one account into an immutable AccountSnapshot, compiling each policy once. */
import {
  compilePolicy,
  type CompiledPolicy,
  type CompiledPolicySet,
  createPolicySet,
  createPolicySetBudget,
  type PolicySetBudget,
  type GrantFacts,
  type KeyFacts,
  keyTargetOf,
  type PolicyKind,
  type PolicySourceType,
} from '@keygate/policy-engine';
import { rootArn } from '../auth/caller';
import type { AccountSnapshot, CompiledEntry, KeyEntry, PrincipalEntry } from './account-snapshot';
import type { AccountAuthorizationData, GrantRow, InlinePolicyRow, KeyRow, RoleRow, UserRow } from './authorization-data.port';

/** Options of compileSnapshot. */
export interface CompileSnapshotOptions {
  /** Epoch ms stamped as loadedAtMs. */
  loadedAtMs: number;
  /** The previous snapshot of the account: unchanged documents reuse its compiled policies. */
  previous?: AccountSnapshot;
  /** Memory bound of the merged identity-policy sets (engine default when absent). */
  policySetBudgetUnits?: number;
}

/** Key of a compiled entry in AccountSnapshot.compiled (reused by the next snapshot). */
const cacheKeyOf = (sourceType: PolicySourceType, policyId: string) => `${sourceType}|${policyId}`;
/** Key of a compiled body shared by identical texts. */
const textKeyOf = (kind: PolicyKind, sourceType: PolicySourceType, text: string) => `${kind}|${sourceType}|${text}`;

/** Compiles documents, each (source type, policy id, text) once per snapshot. */
class PolicyCompiler {
  readonly compiled = new Map<string, CompiledEntry>();
  readonly problems: string[] = [];
  /** Compiled documents by (kind, source type, text): identical texts (e.g. 1,000 default key policies) compile once. */
  private readonly byText = new Map<string, CompiledEntry>();
  /**
   * Entries taken from the previous snapshot (reused or carried) and not yet in byText: a text
   * compiled later shares their body, as in a compile without a previous snapshot. Their text keys
   * cost a hash of the whole text, so they are made only when some text is compiled.
   */
  private unindexed: Array<{ kind: PolicyKind; sourceType: PolicySourceType; entry: CompiledEntry }> = [];

  constructor(private readonly previous?: ReadonlyMap<string, CompiledEntry>) {}

  compile(text: string, kind: PolicyKind, sourceType: PolicySourceType, policyId: string): CompiledEntry {
    const cacheKey = cacheKeyOf(sourceType, policyId);
    const known = this.compiled.get(cacheKey);
    if (known && known.text === text) return known;
    const reused = this.previous?.get(cacheKey);
    let entry: CompiledEntry;
    if (reused && reused.text === text) {
      entry = this.byText.size > 0 ? this.sharedWith(reused, kind, sourceType, policyId) : reused;
      if (entry === reused) this.unindexed.push({ kind, sourceType, entry });
    } else {
      entry = this.compileText(text, kind, sourceType, policyId);
    }
    if (entry.error) this.problems.push(entry.error);
    this.compiled.set(cacheKey, entry);
    return entry;
  }

  /**
   * Keeps the previous snapshot's compiled entry of (source type, policy id) for an unchanged owner.
   * Throws IncompleteSnapshotDataError when there is none.
   */
  carry(kind: PolicyKind, sourceType: PolicySourceType, policyId: string): void {
    const cacheKey = cacheKeyOf(sourceType, policyId);
    const entry = this.previous?.get(cacheKey);
    if (!entry) throw new IncompleteSnapshotDataError(`The previous snapshot has no compiled policy ${cacheKey}.`);
    if (entry.error) this.problems.push(entry.error);
    this.compiled.set(cacheKey, entry);
    this.unindexed.push({ kind, sourceType, entry });
  }

  /**
   * Keeps every compiled identity policy and permissions boundary of the previous snapshot (its
   * IAM part is kept whole).
   */
  carryIam(): void {
    for (const key of this.previous?.keys() ?? []) {
      const sourceType = key.slice(0, key.indexOf('|'));
      if (sourceType === 'IDENTITY' || sourceType === 'PERMISSIONS_BOUNDARY') this.carry('identity', sourceType, key.slice(sourceType.length + 1));
    }
  }

  /**
   * A reused entry, or, when this compile already holds another body for its text, an entry
   * sharing that body: identical texts share one body whichever order they come in.
   */
  private sharedWith(reused: CompiledEntry, kind: PolicyKind, sourceType: PolicySourceType, policyId: string): CompiledEntry {
    this.indexUnindexed();
    const same = this.byText.get(textKeyOf(kind, sourceType, reused.text));
    if (same?.policy && reused.policy && same.policy.internal !== reused.policy.internal) return { text: reused.text, policy: Object.freeze({ ...same.policy, policyId }) };
    return reused;
  }

  private indexUnindexed(): void {
    for (const u of this.unindexed) {
      const key = textKeyOf(u.kind, u.sourceType, u.entry.text);
      if (!this.byText.has(key)) this.byText.set(key, u.entry);
    }
    this.unindexed = [];
  }

  private compileText(text: string, kind: PolicyKind, sourceType: PolicySourceType, policyId: string): CompiledEntry {
    this.indexUnindexed();
    const textKey = textKeyOf(kind, sourceType, text);
    const same = this.byText.get(textKey);
    // INVARIANT: a CompiledPolicy is immutable and the engine reads policyId only from its top
    // level (reported as sourcePolicyId), so one compiled body can be shared under several ids.
    if (same?.policy) return { text, policy: Object.freeze({ ...same.policy, policyId }) };
    const entry = compileOne(text, kind, sourceType, policyId);
    this.byText.set(textKey, entry);
    return entry;
  }
}

function compileOne(text: string, kind: PolicyKind, sourceType: PolicySourceType, policyId: string): CompiledEntry {
  try {
    const { policy } = compilePolicy(text, { kind, policyId, sourceType });
    if (policy) return { text, policy };
    return { text, error: `Policy ${policyId} could not be parsed.` };
  } catch (e) {
    return { text, error: `Policy ${policyId} could not be compiled: ${e instanceof Error ? e.message : String(e)}` };
  }
}

interface Attachable {
  arn: string;
  inlinePolicies: InlinePolicyRow[];
  managedPolicyArns: string[];
}

/** Identity policies of one user/group/role, plus the first compile error if any. */
function identityPolicies(owner: Attachable, documents: Map<string, string>, compiler: PolicyCompiler): { policies: CompiledPolicy[]; error?: string } {
  const policies: CompiledPolicy[] = [];
  let error: string | undefined;
  const add = (entry: CompiledEntry) => {
    if (entry.policy) policies.push(entry.policy);
    else error ??= entry.error;
  };
  for (const inline of owner.inlinePolicies) add(compiler.compile(inline.document, 'identity', 'IDENTITY', `${owner.arn}/inline/${inline.name}`));
  for (const arn of owner.managedPolicyArns) {
    const text = documents.get(arn);
    if (text === undefined) error ??= `Managed policy ${arn} attached to ${owner.arn} was not loaded.`;
    else add(compiler.compile(text, 'identity', 'IDENTITY', arn));
  }
  return { policies, error };
}

function boundaryOf(arn: string | undefined, documents: Map<string, string>, compiler: PolicyCompiler): { policy?: CompiledPolicy; error?: string } {
  if (arn === undefined) return {};
  const text = documents.get(arn);
  if (text === undefined) return { error: `Permissions boundary ${arn} was not loaded.` };
  const entry = compiler.compile(text, 'identity', 'PERMISSIONS_BOUNDARY', arn);
  return entry.policy ? { policy: entry.policy } : { error: entry.error };
}

/**
 * The merged form of a principal's identity policies (built on first use, within the snapshot's
 * budget); none for fewer than two policies, where it would save nothing.
 */
function identitySetOf(policies: readonly CompiledPolicy[], budget: PolicySetBudget): { identitySet?: CompiledPolicySet } {
  return policies.length >= 2 ? { identitySet: createPolicySet(policies, budget) } : {};
}

function userEntry(
  accountId: string,
  user: UserRow,
  groups: Map<string, { policies: CompiledPolicy[]; error?: string }>,
  documents: Map<string, string>,
  compiler: PolicyCompiler,
  budget: PolicySetBudget,
): PrincipalEntry {
  const own = identityPolicies(user, documents, compiler);
  const boundary = boundaryOf(user.boundaryArn, documents, compiler);
  const policies = [...own.policies];
  let error = own.error ?? boundary.error;
  for (const groupId of user.groupIds) {
    const group = groups.get(groupId);
    if (!group) continue;
    policies.push(...group.policies);
    error ??= group.error;
  }
  const frozen = Object.freeze(policies);
  return Object.freeze({
    kind: 'user' as const,
    arn: user.arn,
    id: user.userId,
    name: user.name,
    facts: Object.freeze({ arn: user.arn, accountId, type: 'User' as const, principalArn: user.arn, userName: user.name, userId: user.userId, tags: user.tags }),
    identityPolicies: frozen,
    ...identitySetOf(frozen, budget),
    ...(boundary.policy ? { permissionsBoundary: boundary.policy } : {}),
    ...(error ? { error } : {}),
  });
}

function roleEntry(accountId: string, role: RoleRow, documents: Map<string, string>, compiler: PolicyCompiler, budget: PolicySetBudget): PrincipalEntry {
  const own = identityPolicies(role, documents, compiler);
  const frozen = Object.freeze(own.policies);
  const boundary = boundaryOf(role.boundaryArn, documents, compiler);
  const error = own.error ?? boundary.error;
  return Object.freeze({
    kind: 'role' as const,
    arn: role.arn,
    id: role.roleId,
    name: role.name,
    facts: Object.freeze({ arn: role.arn, accountId, type: 'AssumedRole' as const, principalArn: role.arn, userId: role.roleId, tags: role.tags }),
    identityPolicies: frozen,
    ...identitySetOf(frozen, budget),
    ...(boundary.policy ? { permissionsBoundary: boundary.policy } : {}),
    ...(error ? { error } : {}),
  });
}

function rootEntry(accountId: string): PrincipalEntry {
  const arn = rootArn(accountId);
  return Object.freeze({
    kind: 'root' as const,
    arn,
    id: accountId,
    facts: Object.freeze({ arn, accountId, type: 'Account' as const, principalArn: arn, userId: accountId }),
    identityPolicies: Object.freeze([]),
  });
}

function grantFacts(row: GrantRow): GrantFacts {
  const constraints = row.constraints && (row.constraints.encryptionContextEquals || row.constraints.encryptionContextSubset) ? row.constraints : undefined;
  return Object.freeze({
    grantId: row.grantId,
    granteePrincipal: row.granteePrincipal,
    ...(row.retiringPrincipal ? { retiringPrincipal: row.retiringPrincipal } : {}),
    operations: Object.freeze([...row.operations]) as string[],
    ...(constraints ? { constraints } : {}),
    grantToken: row.grantToken,
    // Keygate stores grants as effective at once (the token is still accepted).
    effective: true,
  });
}

function keyEntry(accountId: string, key: KeyRow, aliases: string[], grants: GrantFacts[], compiler: PolicyCompiler): KeyEntry {
  const compiled = compiler.compile(key.policy, 'resource', 'RESOURCE', key.arn);
  const facts: KeyFacts = Object.freeze({
    arn: key.arn,
    accountId,
    region: key.region,
    keyState: key.keyState,
    keySpec: key.keySpec,
    keyUsage: key.keyUsage,
    origin: key.origin,
    multiRegion: key.keyId.startsWith('mrk-'),
    aliases: Object.freeze(aliases) as string[],
    tags: Object.freeze({ ...key.tags }),
    target: keyTargetOf(key.arn),
  });
  return Object.freeze({
    keyId: key.keyId,
    arn: key.arn,
    accountId,
    description: key.description,
    deletionDateMs: key.deletionDateMs,
    facts,
    ...(compiled.policy ? { keyPolicy: compiled.policy } : { error: compiled.error ?? `Key policy of ${key.arn} could not be compiled.` }),
    grants: Object.freeze(grants),
    ...(key.changeToken !== undefined ? { changeToken: key.changeToken } : {}),
  });
}

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return map;
}

/**
 * The rows hold only the keys changed since a revision (AccountAuthorizationData.keysChangedSince),
 * and the previous snapshot given cannot supply the others: the account must be loaded in full.
 */
export class IncompleteSnapshotDataError extends Error {
  override readonly name = 'IncompleteSnapshotDataError';
}

/** The key entries of the snapshot: every key from its row, or the changed ones and the previous snapshot's others. */
function keyEntries(data: AccountAuthorizationData, previous: AccountSnapshot | undefined, compiler: PolicyCompiler): Map<string, KeyEntry> {
  const aliasesByKey = groupBy(data.aliases, (a) => a.targetKeyId);
  const grantsByKey = groupBy(data.grants, (g) => g.keyId);
  const build = (key: KeyRow): KeyEntry => {
    const aliasNames = (aliasesByKey.get(key.keyId) ?? []).map((a) => a.aliasName).sort();
    const grants = (grantsByKey.get(key.keyId) ?? []).map(grantFacts);
    return keyEntry(data.accountId, key, aliasNames, grants, compiler);
  };
  const keys = new Map<string, KeyEntry>();
  if (data.keysChangedSince === undefined) {
    for (const key of data.keys) keys.set(key.keyId, build(key));
    return keys;
  }
  // INVARIANT: a key whose row, tags, aliases and grants did not change since keysChangedSince (the
  // database's triggers stamp every change) keeps its entry from the snapshot of that revision, and
  // only while its change token is still the one the entry was built from.
  const usable = previous && previous.accountId === data.accountId && previous.revision === data.keysChangedSince && data.revision >= previous.revision;
  if (!usable || !data.keyTokens) {
    throw new IncompleteSnapshotDataError(`Changed keys since revision ${data.keysChangedSince} need the snapshot of that revision.`);
  }
  const changed = new Map(data.keys.map((k) => [k.keyId, k]));
  // The kept keys first, so that a changed key with the same policy text shares their compiled body.
  for (const { keyId, token } of data.keyTokens) {
    if (changed.has(keyId)) continue;
    const kept = previous.keys.get(keyId);
    if (kept?.changeToken === undefined || kept.changeToken !== token) {
      throw new IncompleteSnapshotDataError(`Key ${keyId} is not among the changed keys, and the previous snapshot does not hold its current version.`);
    }
    compiler.carry('resource', 'RESOURCE', kept.arn);
  }
  for (const { keyId } of data.keyTokens) {
    const row = changed.get(keyId);
    keys.set(keyId, row ? build(row) : previous.keys.get(keyId)!);
  }
  return keys;
}

/** The principals of the snapshot, built from the IAM rows. */
function iamEntries(data: AccountAuthorizationData, compiler: PolicyCompiler, budgetUnits: number | undefined): Pick<AccountSnapshot, 'principals' | 'rolesByName'> {
  // INVARIANT (memory): the merged identity sets of one snapshot share one budget.
  const budget = createPolicySetBudget(budgetUnits);
  const documents = new Map(data.managedPolicies.map((p) => [p.arn, p.document]));
  const principals = new Map<string, PrincipalEntry>();
  const rolesByName = new Map<string, PrincipalEntry>();
  const root = rootEntry(data.accountId);
  principals.set(root.arn, root);
  const groups = new Map(data.groups.map((g) => [g.groupId, identityPolicies(g, documents, compiler)]));
  for (const user of data.users) principals.set(user.arn, userEntry(data.accountId, user, groups, documents, compiler, budget));
  for (const role of data.roles) {
    const entry = roleEntry(data.accountId, role, documents, compiler, budget);
    principals.set(entry.arn, entry);
    rolesByName.set(role.name.toLowerCase(), entry);
  }
  return { principals, rolesByName };
}

/**
 * The previous snapshot's principals, for rows read without the IAM part (data.iamUnchanged).
 * INVARIANT: only from a snapshot of the same account built from rows with the same IAM token
 * (equal tokens mean equal IAM rows); its maps are never mutated, so they are shared as they are.
 */
function keptIamEntries(data: AccountAuthorizationData, previous: AccountSnapshot | undefined, compiler: PolicyCompiler): Pick<AccountSnapshot, 'principals' | 'rolesByName'> {
  if (!previous || previous.accountId !== data.accountId || previous.iamToken === undefined || previous.iamToken !== data.iamToken) {
    throw new IncompleteSnapshotDataError(`The IAM rows were not read (IAM token ${data.iamToken}), and the previous snapshot does not hold that version of them.`);
  }
  compiler.carryIam();
  return { principals: previous.principals, rolesByName: previous.rolesByName };
}

/** Compiles an account's rows into an immutable snapshot (each managed policy compiled once). */
export function compileSnapshot(data: AccountAuthorizationData, options: CompileSnapshotOptions): AccountSnapshot {
  const compiler = new PolicyCompiler(options.previous?.compiled);
  const { principals, rolesByName } = data.iamUnchanged ? keptIamEntries(data, options.previous, compiler) : iamEntries(data, compiler, options.policySetBudgetUnits);
  const keys = keyEntries(data, options.previous, compiler);
  let grants = 0;
  for (const key of keys.values()) grants += key.grants.length;
  const aliases = new Map(data.aliases.map((a) => [a.aliasName, a.targetKeyId]));
  return Object.freeze({
    accountId: data.accountId,
    revision: data.revision,
    loadedAtMs: options.loadedAtMs,
    principals,
    rolesByName,
    keys,
    aliases,
    ...(data.iamToken !== undefined ? { iamToken: data.iamToken } : {}),
    compiled: compiler.compiled,
    problems: Object.freeze(compiler.problems),
    estimatedBytes: estimateSnapshotBytes(compiler.compiled, principals.size, keys.size, data.aliases.length + grants),
  });
}

/** Heap bytes per compiled policy body, plus per character of its text (a body shared by identical texts counts once). */
export const SNAPSHOT_BYTES_PER_BODY = 500;
export const SNAPSHOT_BYTES_PER_BODY_CHAR = 3;
/** Heap bytes per character of policy text: the snapshot keeps every text, to recognise an unchanged policy on the next load. */
export const SNAPSHOT_BYTES_PER_TEXT_CHAR = 1;
/** Heap bytes per key entry (entry, facts, resource target, map slot, id and ARN strings). */
export const SNAPSHOT_BYTES_PER_KEY = 1000;
/** Heap bytes per principal entry (entry, facts, policy lists, map slots, strings). */
export const SNAPSHOT_BYTES_PER_PRINCIPAL = 3200;
/** Heap bytes per alias or grant. */
export const SNAPSHOT_BYTES_PER_ALIAS_OR_GRANT = 300;

/**
 * A rough size of a snapshot, for the cache's memory budget. The constants were fitted to heap
 * measurements of four account shapes (`npm run bench:snapshot-memory` and the bench:authorize
 * data set; README, "Snapshot memory"), each within 2%; accounts of other shapes land further off.
 */
export function estimateSnapshotBytes(compiled: ReadonlyMap<string, CompiledEntry>, principals: number, keys: number, aliasesAndGrants: number): number {
  let textChars = 0;
  let bodyChars = 0;
  const bodies = new Set<unknown>();
  for (const entry of compiled.values()) {
    textChars += entry.text.length;
    const body = entry.policy?.internal;
    if (body === undefined || bodies.has(body)) continue;
    bodies.add(body);
    bodyChars += entry.text.length;
  }
  return (
    textChars * SNAPSHOT_BYTES_PER_TEXT_CHAR +
    bodies.size * SNAPSHOT_BYTES_PER_BODY +
    bodyChars * SNAPSHOT_BYTES_PER_BODY_CHAR +
    keys * SNAPSHOT_BYTES_PER_KEY +
    principals * SNAPSHOT_BYTES_PER_PRINCIPAL +
    aliasesAndGrants * SNAPSHOT_BYTES_PER_ALIAS_OR_GRANT
  );
}
