/** Request context views: lower-cased key name -> values. */
import type { AuthorizationRequest } from '../types';
import { iamOnlyValue, serverValue } from './server-keys';

/** Read access to a request context. */
export interface ContextView {
  get(lowerKey: string): readonly string[] | undefined;
}

const ABSENT: readonly string[] = [];

/**
 * The context of one request. Server keys are derived on first use and memoised; caller keys come
 * from a map that never holds a server key. `forIam` also sees the IAM-only ABAC keys
 * (aws:ResourceTag/*, kms:ResourceAliases); `forResource` (key policies) does not.
 */
export class RequestContext {
  readonly forIam: ContextView;
  readonly forResource: ContextView;
  private readonly memo = new Map<string, readonly string[]>();

  constructor(
    private readonly req: AuthorizationRequest,
    private readonly caller: ReadonlyMap<string, readonly string[]> | null,
  ) {
    this.forResource = { get: (k) => this.lookup(k, false) };
    this.forIam = { get: (k) => this.lookup(k, true) };
  }

  private lookup(lower: string, iam: boolean): readonly string[] | undefined {
    const fromCaller = this.caller?.get(lower);
    if (fromCaller !== undefined) return fromCaller;
    const memoKey = iam ? lower : `\u0000${lower}`;
    let v = this.memo.get(memoKey);
    if (v === undefined) {
      v = serverValue(this.req, lower) ?? (iam ? iamOnlyValue(this.req, lower) : undefined) ?? ABSENT;
      this.memo.set(memoKey, v);
    }
    return v === ABSENT ? undefined : v;
  }
}
