/**
 * Statements indexed by action so a request only looks at statements that can match it:
 * an exact-action map, a wildcard list per service, and a global list (`*`, wildcarded
 * services, NotAction). Candidate lists are memoised per action (bounded).
 */
import { CompiledStatement, actionMatches } from './compiled-statement';

const MEMO_LIMIT = 4096;

type IndexKey = { kind: 'exact' | 'service' | 'global'; value: string };

/** Index over the applicable statements of one policy. */
export class ActionIndex {
  private readonly exact = new Map<string, CompiledStatement[]>();
  private readonly byService = new Map<string, CompiledStatement[]>();
  private readonly global: CompiledStatement[] = [];
  private readonly memo = new Map<string, readonly CompiledStatement[]>();

  constructor(statements: readonly CompiledStatement[]) {
    for (const st of statements) {
      if (!st.applicable) continue;
      if (st.notAction) {
        this.global.push(st);
        continue;
      }
      for (const key of this.keysFor(st)) {
        if (key.kind === 'global') pushUnique(this.global, st);
        else pushUnique(bucket(key.kind === 'exact' ? this.exact : this.byService, key.value), st);
      }
    }
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

  /** Statements that may match the lower-cased action, in document order. */
  candidates(actionLower: string): readonly CompiledStatement[] {
    const hit = this.memo.get(actionLower);
    if (hit !== undefined) return hit;
    const colon = actionLower.indexOf(':');
    const service = colon < 0 ? actionLower : actionLower.slice(0, colon);
    const set = new Set<CompiledStatement>([...(this.exact.get(actionLower) ?? []), ...(this.byService.get(service) ?? []), ...this.global]);
    const list = [...set].filter((st) => statementActionMatches(st, actionLower)).sort((a, b) => a.index - b.index);
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(actionLower, list);
    return list;
  }
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
