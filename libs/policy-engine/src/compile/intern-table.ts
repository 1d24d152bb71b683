/**
 * Bounded memo of immutable compiled parts keyed by their source text, so identical values
 * (the same key ARN, action or pattern in many policies) are compiled and stored once.
 * INVARIANT: only immutable values (or values whose mutable state is a pure cache) are shared;
 * when the table is full it is cleared, which only loses sharing, never changes a result.
 */
export class InternTable<T> {
  private readonly map = new Map<string, T>();

  constructor(private readonly limit: number) {}

  /** The shared value for `key` if there is one (never builds). */
  peek(key: string): T | undefined {
    return this.map.get(key);
  }

  /** The shared value for `key`, built with `build` on first use. */
  get(key: string, build: (key: string) => T): T {
    let v = this.map.get(key);
    if (v === undefined) {
      v = build(key);
      if (this.map.size >= this.limit) this.map.clear();
      this.map.set(key, v);
    }
    return v;
  }
}
