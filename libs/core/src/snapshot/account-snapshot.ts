/** The immutable, compiled authorization view of one account at one revision. */
import type { CompiledPolicy, CompiledPolicySet, GrantFacts, KeyFacts, PrincipalFacts } from '@keygate/policy-engine';

/** A principal that can be evaluated: the account root, an IAM user or an IAM role. */
export interface PrincipalEntry {
  readonly kind: 'root' | 'user' | 'role';
  /** Root ARN, user ARN (with path) or role ARN (with path). */
  readonly arn: string;
  /** Account id (root), AIDA... (user) or AROA... (role). */
  readonly id: string;
  readonly name?: string;
  /** Facts for a call made by this principal itself (for a role: "any session of the role"). */
  readonly facts: PrincipalFacts;
  /** Own inline and managed policies plus those of the user's groups. */
  readonly identityPolicies: readonly CompiledPolicy[];
  /** identityPolicies merged for fast evaluation (two or more policies); the engine uses it when given. */
  readonly identitySet?: CompiledPolicySet;
  readonly permissionsBoundary?: CompiledPolicy;
  /**
   * Set when one of the principal's policies could not be compiled. INVARIANT: such a principal
   * is never evaluated (a skipped Deny would fail open): every decision for it is a deny.
   */
  readonly error?: string;
}

/** A KMS key with everything the engine needs. */
export interface KeyEntry {
  readonly keyId: string;
  readonly arn: string;
  readonly accountId: string;
  readonly description: string;
  /** Epoch ms after which the key is deleted (treated as absent before its rows are swept). */
  readonly deletionDateMs?: number;
  readonly facts: KeyFacts;
  /** Absent only together with `error`. */
  readonly keyPolicy?: CompiledPolicy;
  readonly grants: readonly GrantFacts[];
  /** Set when the key policy could not be compiled: every decision on the key is a deny. */
  readonly error?: string;
  /** The change token of the rows it was built from (KeyRow.changeToken). */
  readonly changeToken?: string;
}

/** A compiled policy and the text it was compiled from (reused by the next snapshot when unchanged). */
export interface CompiledEntry {
  readonly text: string;
  readonly policy?: CompiledPolicy;
  readonly error?: string;
}

/** One account's snapshot. Never mutated after compileSnapshot returns. */
export interface AccountSnapshot {
  readonly accountId: string;
  readonly revision: bigint;
  /** When the rows were read (epoch ms). */
  readonly loadedAtMs: number;
  /** Root, users and roles by exact ARN. */
  readonly principals: ReadonlyMap<string, PrincipalEntry>;
  /** Roles by lower-cased name (assumed-role session ARNs carry the name without the path). */
  readonly rolesByName: ReadonlyMap<string, PrincipalEntry>;
  /** Keys by key id. */
  readonly keys: ReadonlyMap<string, KeyEntry>;
  /** Alias name ("alias/x") to key id. */
  readonly aliases: ReadonlyMap<string, string>;
  /** The IAM token of the rows (AccountAuthorizationData.iamToken): the next reload skips the IAM rows while it is current. */
  readonly iamToken?: string;
  /** Compiled policies by "<sourceType>|<policyId>" for reuse by the next snapshot. */
  readonly compiled: ReadonlyMap<string, CompiledEntry>;
  /** Policies that could not be compiled (for logs). */
  readonly problems: readonly string[];
  /**
   * Rough heap bytes of this snapshot (estimateSnapshotBytes), for the cache's memory budget. The
   * merged identity-policy sets, built lazily, are not included: they have their own budget.
   */
  readonly estimatedBytes: number;
}
