/**
 * Per-key token buckets (pure TypeScript, clock injected).
 *
 * Each key owns a bucket of at most `burst` tokens that refills continuously at `ratePerSecond`;
 * a request takes one token or is refused with the time until one is available. A refused request
 * takes nothing, and a key only ever touches its own bucket.
 *
 * INVARIANT (bounded memory): at most `maxBuckets` buckets are kept. Buckets are kept in
 * least-recently-used order; a bucket untouched for `burst / ratePerSecond` seconds is full again,
 * indistinguishable from a new one, and is dropped lazily from the front on later calls (amortized
 * O(1), no timer, no full scan). When more than `maxBuckets` keys are active at once, the least
 * recently used bucket is dropped: its key starts again with a full burst (bounded memory wins over
 * exactness under such a flood).
 *
 * INVARIANT (clock): a clock that goes backwards refills nothing and never throttles longer than
 * the refill time measured from the new reading; the default clock (performance.now) is monotonic.
 */

/** Options of a TokenBucketLimiter. */
export interface TokenBucketOptions {
  /** Tokens added per second (sustained rate); > 0. */
  ratePerSecond: number;
  /** Bucket capacity: the largest burst a key may send at once; >= 1. */
  burst: number;
  /** Most keys tracked at once; default 10,000 (about 2 MB with ARN-sized keys). */
  maxBuckets?: number;
  /** Milliseconds from any fixed origin; default performance.now() (monotonic). */
  now?: () => number;
}

/** Default bound on tracked keys. */
export const DEFAULT_MAX_BUCKETS = 10_000;

interface Bucket {
  tokens: number;
  /** Clock reading of the last take (refill accounted up to here). */
  last: number;
}

const defaultClock = (): number => performance.now();

/** Token buckets keyed by caller. */
export class TokenBucketLimiter {
  readonly ratePerSecond: number;
  readonly burst: number;
  readonly maxBuckets: number;
  /** A bucket idle this long is full again (so dropping it loses nothing). */
  readonly idleMs: number;
  private readonly now: () => number;
  /** Least recently used first (re-inserted on every take). */
  private readonly buckets = new Map<string, Bucket>();

  constructor(options: TokenBucketOptions) {
    const { ratePerSecond, burst } = options;
    const maxBuckets = options.maxBuckets ?? DEFAULT_MAX_BUCKETS;
    if (!Number.isFinite(ratePerSecond) || ratePerSecond <= 0) throw new RangeError(`ratePerSecond must be a positive number, got ${ratePerSecond}.`);
    if (!Number.isFinite(burst) || burst < 1) throw new RangeError(`burst must be at least 1, got ${burst}.`);
    if (!Number.isInteger(maxBuckets) || maxBuckets < 1) throw new RangeError(`maxBuckets must be a positive integer, got ${maxBuckets}.`);
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.maxBuckets = maxBuckets;
    this.idleMs = (burst * 1000) / ratePerSecond;
    this.now = options.now ?? defaultClock;
  }

  /** Number of keys currently tracked (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  /**
   * Takes one token of `key`'s bucket.
   * @returns 0 when admitted; otherwise the whole milliseconds (>= 1) until a token is available.
   */
  take(key: string): number {
    const now = this.now();
    this.dropIdle(now);
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      if (this.buckets.size >= this.maxBuckets) this.dropLeastRecentlyUsed();
      bucket = { tokens: this.burst, last: now };
    } else {
      // Moved to the back: the map stays in least-recently-used order.
      this.buckets.delete(key);
      const elapsed = now - bucket.last;
      // A clock that went backwards (elapsed < 0) refills nothing; `last` follows the clock either way.
      if (elapsed > 0) bucket.tokens = Math.min(this.burst, bucket.tokens + (elapsed * this.ratePerSecond) / 1000);
      bucket.last = now;
    }
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil(((1 - bucket.tokens) * 1000) / this.ratePerSecond));
  }

  /** Forgets every bucket. */
  clear(): void {
    this.buckets.clear();
  }

  /** Drops buckets from the front while they have been idle long enough to be full again. */
  private dropIdle(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.last < this.idleMs) return;
      this.buckets.delete(key);
    }
  }

  private dropLeastRecentlyUsed(): void {
    const oldest = this.buckets.keys().next();
    if (!oldest.done) this.buckets.delete(oldest.value);
  }
}

/** Retry-After in whole seconds (>= 1) for a wait in milliseconds. */
export function retryAfterSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}
