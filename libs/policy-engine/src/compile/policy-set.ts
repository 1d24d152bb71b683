/**
 * A principal's identity policies merged into one index (CompiledPolicySet). Evaluating N policies
 * one by one reads every policy's index on every request: about N x 5 objects scattered over a
 * large heap, which made identity policies ~75 % of a decision's time in the service (cache
 * misses, not computation). The set answers "which statements of all N policies can match this
 * action / this ARN" with one lookup. It decides exactly what evaluating the policies one by one
 * decides, with the same matched statements in the same order (policy order, then document order).
 *
 * The merged form is built on first use and costs memory in proportion to the statements and
 * literal ARNs of the policies; a PolicySetBudget shared by the sets of one snapshot bounds it.
 * A set that does not fit the budget is evaluated policy by policy (same result, slower).
 */
import type { CompiledPolicy, CompiledPolicySet } from '../types';
import type { CompiledStatement } from './compiled-statement';
import { internalOf } from './compile-policy';
import { MAX_ACTION_IDS } from './action-index';

/** One statement of one listed policy, with its position in evaluation order. */
export interface SetEntry {
  readonly policy: CompiledPolicy;
  readonly st: CompiledStatement;
  /** Rank in (policy position, document order); keyed and general lists merge by it. */
  readonly pos: number;
}

/** Units (statements plus literal-ARN index entries) that the merged sets of one snapshot may hold. */
export interface PolicySetBudget {
  remaining: number;
}

/**
 * Default budget of createPolicySetBudget(). Measured on the benchmark's data (engine bench: 206
 * principals of ~9 policies, ~220 units each, +4.2 MB): ~95 bytes a unit, so at most ~10 MB per
 * budget (per account snapshot), enough for ~450 such principals; principals beyond it are
 * evaluated policy by policy.
 */
export const DEFAULT_POLICY_SET_BUDGET_UNITS = 100_000;

/** A budget for the sets of one snapshot. */
export function createPolicySetBudget(units = DEFAULT_POLICY_SET_BUDGET_UNITS): PolicySetBudget {
  return { remaining: units };
}

const NO_ENTRIES: readonly SetEntry[] = Object.freeze([]);

/** The merged index of a set (built once, on first use). */
class MergedIndex {
  /** General (not literal-ARN-keyed) candidates by action id, memoised. */
  private readonly byId: (readonly SetEntry[] | undefined)[] = new Array(MAX_ACTION_IDS);

  constructor(
    private readonly policies: readonly CompiledPolicy[],
    /** entries[i][st.index]: the entry of statement st of policies[i]. */
    private readonly entries: readonly (readonly SetEntry[])[],
    private readonly keyed: ReadonlyMap<string, readonly SetEntry[]> | null,
  ) {}

  /** General candidates of every policy for the action, in evaluation order (id from actionIdOf, >= 0). */
  candidatesById(actionLower: string, id: number): readonly SetEntry[] {
    let list = this.byId[id];
    if (list === undefined) {
      const out: SetEntry[] = [];
      for (let i = 0; i < this.policies.length; i++) {
        for (const st of internalOf(this.policies[i]).index.candidatesById(actionLower, id)) out.push(this.entries[i][st.index]);
      }
      // slice(): an exact-capacity copy (a push-grown array keeps spare slots).
      list = out.length === 0 ? NO_ENTRIES : out.slice();
      this.byId[id] = list;
    }
    return list;
  }

  /** Literal-ARN-keyed entries naming `key`, in evaluation order (action NOT checked). */
  keyedFor(key: string): readonly SetEntry[] | undefined {
    return this.keyed === null ? undefined : this.keyed.get(key);
  }
}

/** Engine-internal state of a CompiledPolicySet. */
export class PolicySetInternal {
  private merged: MergedIndex | null = null;
  /** True once building was refused (budget) or failed: evaluate policy by policy. */
  private unmergeable = false;

  constructor(
    readonly policies: readonly CompiledPolicy[],
    private readonly budget: PolicySetBudget,
  ) {}

  /** The merged index, or null when this set is evaluated policy by policy. */
  index(): MergedIndex | null {
    if (this.merged !== null || this.unmergeable) return this.merged;
    this.merged = build(this.policies, this.budget);
    this.unmergeable = this.merged === null;
    return this.merged;
  }
}

function build(policies: readonly CompiledPolicy[], budget: PolicySetBudget): MergedIndex | null {
  let units = 0;
  for (const p of policies) {
    const internal = internalOf(p);
    units += internal.statements.length;
    for (const list of internal.index.keyedLists()?.values() ?? []) units += list.length;
  }
  if (units > budget.remaining) return null;
  budget.remaining -= units;
  let pos = 0;
  const entries = policies.map((policy) =>
    internalOf(policy).statements.map((st): SetEntry => Object.freeze({ policy, st, pos: pos++ })),
  );
  let keyed: Map<string, SetEntry[]> | null = null;
  policies.forEach((policy, i) => {
    const lists = internalOf(policy).index.keyedLists();
    if (lists === null) return;
    keyed ??= new Map();
    // INVARIANT: policies are visited in order and each list is in document order, so every merged list is in `pos` order.
    for (const [key, list] of lists) {
      let merged = keyed.get(key);
      if (merged === undefined) keyed.set(key, (merged = []));
      for (const st of list) merged.push(entries[i][st.index]);
    }
  });
  // INVARIANT (memory): exact-capacity lists; push-grown ones keep ~16 spare slots each, and most
  // keys name one statement.
  const lists = keyed as Map<string, SetEntry[]> | null;
  if (lists !== null) for (const [key, list] of lists) lists.set(key, list.slice());
  return new MergedIndex(policies, entries, keyed);
}

/**
 * The identity policies of one principal as a set. `policies` must be the very array passed as
 * AuthorizationRequest.identityPolicies (the engine uses the set only for that array). Cheap to
 * create: the merged index is built on first use, within `budget`.
 */
export function createPolicySet(policies: readonly CompiledPolicy[], budget: PolicySetBudget): CompiledPolicySet {
  // INVARIANT: the kinds are checked once, here; a frozen array cannot change afterwards.
  if (!Object.isFrozen(policies)) throw new Error('a policy set needs a frozen array of policies');
  for (const p of policies) if (p?.kind !== 'identity') throw new Error('a policy set holds identity policies only');
  return Object.freeze({ kind: 'identity-set' as const, policies, internal: new PolicySetInternal(policies, budget) });
}

/** True when `set` was produced by createPolicySet for exactly `policies` (their kinds are then checked). */
export function isPolicySetOf(set: CompiledPolicySet | undefined, policies: readonly CompiledPolicy[]): boolean {
  return set !== undefined && set.policies === policies && set.internal instanceof PolicySetInternal && set.internal.policies === policies;
}

/** The internal form of a set (throws on foreign objects: authorize fails closed). */
export function setInternalOf(set: CompiledPolicySet): PolicySetInternal {
  const internal = set.internal;
  if (!(internal instanceof PolicySetInternal) || internal.policies !== set.policies) throw new Error('identitySet was not produced by createPolicySet');
  return internal;
}
