/** Read access to a request context: lower-cased key name -> values. */
export interface ContextView {
  get(lowerKey: string): readonly string[] | undefined;
}

/**
 * The request context as two layers: keys every policy sees, and keys only IAM policies see
 * (aws:ResourceTag/*, kms:ResourceAliases). `forIam` / `forResource` are the two views.
 */
export class RequestContext {
  readonly forIam: ContextView;
  readonly forResource: ContextView;
  constructor(
    readonly base: ReadonlyMap<string, readonly string[]>,
    readonly iamOnly: ReadonlyMap<string, readonly string[]>,
  ) {
    this.forResource = base;
    this.forIam = iamOnly.size === 0 ? base : { get: (k) => base.get(k) ?? iamOnly.get(k) };
  }
}
