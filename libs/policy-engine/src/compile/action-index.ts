/**
 * Statements indexed by action so a request only looks at statements that can match it:
 * an exact-action map, a wildcard list per service, and a global list (`*`, wildcarded
 * services, NotAction). Candidate lists are memoised per action (bounded).
 * Statements whose Resource lists only literal ARNs ("keyed") are indexed by ARN instead: a
 * request reads the few listing its resource, not every statement that names its action.
 */
import { CompiledStatement, actionMatches } from './compiled-statement';
import { literalArnKey } from './resource-matcher';

const MEMO_LIMIT = 4096;
// INVARIANT (memory): a policy's by-id memo has at most MAX_ACTION_IDS slots (512 bytes); only KMS
// actions (the hot path of this service) get ids, so other traffic cannot use them up first.
export const MAX_ACTION_IDS = 64;
const NO_STATEMENTS: readonly CompiledStatement[] = Object.freeze([]);

/** Small ids of the first MAX_ACTION_IDS distinct KMS actions; never reassigned (the table is never cleared). */
const actionIds = new Map<string, number>();

/**
 * The id of a lower-cased action for ActionIndex.candidatesById, or -1 (not a KMS action, or
 * MAX_ACTION_IDS actions have ids). One lookup per request instead of one memo lookup per policy.
 */
export function actionIdOf(actionLower: string): number {
  let id = actionIds.get(actionLower);
  if (id === undefined) {
    if (actionIds.size >= MAX_ACTION_IDS || !actionLower.startsWith('kms:')) return -1;
    id = actionIds.size;
    actionIds.set(actionLower, id);
  }
  return id;
}

type IndexKey = { kind: 'exact' | 'service' | 'global'; value: string };

/** Index over the applicable statements of one policy. */
export class ActionIndex {
  private readonly exact = new Map<string, CompiledStatement[]>();
  private readonly byService = new Map<string, CompiledStatement[]>();
  private global: CompiledStatement[] = [];
  private readonly memo = new Map<string, readonly CompiledStatement[]>();
  /** Candidate lists by action id (a holey array of at most MAX_ACTION_IDS slots). */
  private byId: (readonly CompiledStatement[] | undefined)[] | null = null;
  private readonly hasGeneral: boolean;
  /** OR of the filter bits (ArnKey) of every keyed ARN. */
  private readonly keyedBitA: number;
  private readonly keyedBitB: number;
  /** Keyed statements by literal ARN (exactArnKey form), in document order; null when none. */
  private readonly byResource: Map<string, CompiledStatement[]> | null;

  constructor(statements: readonly CompiledStatement[]) {
    let byResource: Map<string, CompiledStatement[]> | null = null;
    let bitA = 0;
    let bitB = 0;
    for (const st of statements) {
      if (!st.applicable) continue;
      if (isKeyed(st)) {
        byResource ??= new Map();
        for (const key of st.resources.exactList ?? st.resources.exactSet ?? []) {
          pushUnique(bucket(byResource, key), st);
          const bits = literalArnKey(key);
          bitA |= bits.bitA;
          bitB |= bits.bitB;
        }
        continue;
      }
      if (st.notAction) {
        this.global.push(st);
        continue;
      }
      for (const key of this.keysFor(st)) {
        if (key.kind === 'global') pushUnique(this.global, st);
        else pushUnique(bucket(key.kind === 'exact' ? this.exact : this.byService, key.value), st);
      }
    }
    this.byResource = byResource;
    this.keyedBitA = bitA;
    this.keyedBitB = bitB;
    this.hasGeneral = this.exact.size > 0 || this.byService.size > 0 || this.global.length > 0;
    // slice(): exact-capacity copies (push-grown arrays keep spare slots).
    this.global = this.global.slice();
    for (const map of [this.exact, this.byService, byResource]) if (map !== null) for (const [k, list] of map) map.set(k, list.slice());
  }

  /**
   * Keyed statements listing the request ARN `key` (exactArnKey form), in document order; their
   * action is NOT checked (use statementActionMatches). Undefined when none. `bitA`/`bitB` are
   * the key's ArnKey bits (the defaults skip the filter).
   */
  keyed(key: string, bitA = -1, bitB = -1): readonly CompiledStatement[] | undefined {
    // INVARIANT: a listed key's bits are all set in keyedBit*, so a clear bit means "not listed".
    if (this.byResource === null || (this.keyedBitA & bitA) === 0 || (this.keyedBitB & bitB) === 0) return undefined;
    return this.byResource.get(key);
  }

  /** Every keyed statement list, by literal ARN (exactArnKey form); each list in document order. */
  keyedLists(): ReadonlyMap<string, readonly CompiledStatement[]> | null {
    return this.byResource;
  }

  private keysFor(st: CompiledStatement): IndexKey[] {
    return st.actions.flatMap((a): IndexKey[] => {
      if (a.glob === null) return [];
      const colon = a.lower.indexOf(':');
      const service = colon < 0 ? '' : a.lower.slice(0, colon);
      if (colon < 0 || /[*?]/.test(service)) return [{ kind: 'global', value: '' }];
      if (a.glob.exact !== null) return [{ kind: 'exact', value: a.lower }];
      return [{ kind: 'service', value: service }];
    });
  }

  /** Statements, other than keyed ones, that match the lower-cased action, in document order. */
  candidates(actionLower: string): readonly CompiledStatement[] {
    if (!this.hasGeneral) return NO_STATEMENTS;
    const hit = this.memo.get(actionLower);
    if (hit !== undefined) return hit;
    const list = this.compute(actionLower);
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(actionLower, list);
    return list;
  }

  /** The same as candidates(actionLower), memoised by `id` (actionIdOf(actionLower)) when it is not -1. */
  candidatesById(actionLower: string, id: number): readonly CompiledStatement[] {
    if (!this.hasGeneral) return NO_STATEMENTS;
    if (id < 0) return this.candidates(actionLower);
    const byId = (this.byId ??= []);
    let list = byId[id];
    if (list === undefined) {
      list = this.compute(actionLower);
      byId[id] = list;
    }
    return list;
  }

  private compute(actionLower: string): readonly CompiledStatement[] {
    const colon = actionLower.indexOf(':');
    const service = colon < 0 ? actionLower : actionLower.slice(0, colon);
    const set = new Set<CompiledStatement>([...(this.exact.get(actionLower) ?? []), ...(this.byService.get(service) ?? []), ...this.global]);
    const list = [...set].filter((st) => statementActionMatches(st, actionLower)).sort((a, b) => a.index - b.index);
    return list.length === 0 ? NO_STATEMENTS : list.slice();
  }
}

/**
 * True when the statement's Resource element is only literal ARNs: it matches exactly the requests
 * whose resource key is one of them (never a resource-less request).
 */
function isKeyed(st: CompiledStatement): boolean {
  const r = st.resources;
  return !st.notResource && !r.all && r.patterns.length === 0 && (r.exactList !== null || r.exactSet !== null);
}

/** Action / NotAction test of one statement. */
export function statementActionMatches(st: CompiledStatement, actionLower: string): boolean {
  let any = false;
  for (const a of st.actions) {
    if (actionMatches(a, actionLower)) {
      any = true;
      break;
    }
  }
  return st.notAction ? !any : any;
}

function bucket(map: Map<string, CompiledStatement[]>, key: string): CompiledStatement[] {
  let list = map.get(key);
  if (list === undefined) {
    list = [];
    map.set(key, list);
  }
  return list;
}

function pushUnique(list: CompiledStatement[], st: CompiledStatement): void {
  if (list[list.length - 1] !== st) list.push(st);
}
