/** Request context views: lower-cased key name -> values. */
import type { AuthorizationRequest } from '../types';
import { iamOnlyValue, serverValue } from './server-keys';

/** Read access to a request context. */
export interface ContextView {
  get(lowerKey: string): readonly string[] | undefined;
}

const ABSENT: readonly string[] = [];

/** One of the two views of a request context (no closure: the flag picks the view). */
class View implements ContextView {
  constructor(
    private readonly owner: RequestContext,
    private readonly iam: boolean,
  ) {}

  get(lowerKey: string): readonly string[] | undefined {
    return this.owner.lookup(lowerKey, this.iam);
  }
}

/**
 * The context of one request. Server keys are derived on first use and memoised (the memo itself is
 * created on first use); caller keys come from a map that never holds a server key. `forIam` also
 * sees the IAM-only ABAC keys (aws:ResourceTag/*, kms:ResourceAliases); `forResource` (key policies)
 * does not.
 */
export class RequestContext {
  readonly forIam: ContextView;
  readonly forResource: ContextView;
  private memo: Map<string, readonly string[]> | null = null;

  constructor(
    private readonly req: AuthorizationRequest,
    private readonly caller: ReadonlyMap<string, readonly string[]> | null,
  ) {
    this.forResource = new View(this, false);
    this.forIam = new View(this, true);
  }

  /** The values of a lower-cased key in the IAM (`iam`) or the key-policy view. */
  lookup(lower: string, iam: boolean): readonly string[] | undefined {
    const fromCaller = this.caller?.get(lower);
    if (fromCaller !== undefined) return fromCaller;
    const memoKey = iam ? lower : `\u0000${lower}`;
    const memo = (this.memo ??= new Map());
    let v = memo.get(memoKey);
    if (v === undefined) {
      v = serverValue(this.req, lower) ?? (iam ? iamOnlyValue(this.req, lower) : undefined) ?? ABSENT;
      memo.set(memoKey, v);
    }
    return v === ABSENT ? undefined : v;
  }
}
