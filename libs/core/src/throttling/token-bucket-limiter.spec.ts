import fc from 'fast-check';
import { retryAfterSeconds, TokenBucketLimiter, type TokenBucketOptions } from './token-bucket-limiter';

/** A limiter on a hand-driven clock (milliseconds). */
function setup(options: Omit<TokenBucketOptions, 'now'>) {
  const clock = { ms: 1_000_000 };
  const limiter = new TokenBucketLimiter({ ...options, now: () => clock.ms });
  const admitted = (key: string, times: number) => {
    let count = 0;
    for (let i = 0; i < times; i++) if (limiter.take(key) === 0) count++;
    return count;
  };
  return { clock, limiter, admitted };
}

describe('TokenBucketLimiter', () => {
  it('admits a full burst at once, then refuses with the wait until the next token', () => {
    const { limiter, admitted } = setup({ ratePerSecond: 10, burst: 5 });
    expect(admitted('a', 5)).toBe(5);
    expect(limiter.take('a')).toBe(100);
    expect(limiter.take('a')).toBe(100);
  });

  it('refills at the sustained rate, never above the burst', () => {
    const { clock, limiter, admitted } = setup({ ratePerSecond: 10, burst: 5 });
    expect(admitted('a', 5)).toBe(5);
    clock.ms += 250; // 2.5 tokens
    expect(admitted('a', 10)).toBe(2);
    expect(limiter.take('a')).toBe(50); // half a token left: 50 ms to the next one
    clock.ms += 50;
    expect(admitted('a', 10)).toBe(1);
    clock.ms += 3_600_000; // an hour idle refills to the burst, not to 36,000 tokens
    expect(admitted('a', 100)).toBe(5);
  });

  it('sustains exactly the configured rate over time', () => {
    const { clock, admitted } = setup({ ratePerSecond: 100, burst: 200 });
    let total = admitted('a', 1000);
    for (let tick = 0; tick < 100; tick++) {
      clock.ms += 10;
      total += admitted('a', 50);
    }
    // 200 burst + 1 s at 100/s.
    expect(total).toBe(300);
  });

  it('takes nothing for a refused request', () => {
    const { clock, admitted } = setup({ ratePerSecond: 1, burst: 1 });
    expect(admitted('a', 1)).toBe(1);
    expect(admitted('a', 1000)).toBe(0);
    clock.ms += 1000;
    expect(admitted('a', 1000)).toBe(1);
  });

  it('keeps keys apart: one key over its limit does not touch another', () => {
    const { admitted } = setup({ ratePerSecond: 1, burst: 3 });
    expect(admitted('tenant-a', 100)).toBe(3);
    expect(admitted('tenant-b', 100)).toBe(3);
  });

  it('turns waits into a Retry-After of whole seconds, at least 1', () => {
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(1000)).toBe(1);
    expect(retryAfterSeconds(1001)).toBe(2);
    const { limiter, admitted } = setup({ ratePerSecond: 0.25, burst: 1 });
    expect(admitted('slow', 1)).toBe(1);
    expect(retryAfterSeconds(limiter.take('slow'))).toBe(4);
  });

  describe('bounded memory', () => {
    it('never tracks more than maxBuckets keys, however many keys rotate through', () => {
      const { limiter } = setup({ ratePerSecond: 100, burst: 200, maxBuckets: 1000 });
      for (let i = 0; i < 100_000; i++) {
        limiter.take(`AKIA-rotated-${i}`);
        if (limiter.size > 1000) throw new Error(`size ${limiter.size} after ${i + 1} keys`);
      }
      expect(limiter.size).toBe(1000);
    });

    it('drops buckets idle long enough to be full again, lazily on later calls', () => {
      const { clock, limiter } = setup({ ratePerSecond: 10, burst: 20 });
      expect(limiter.idleMs).toBe(2000);
      for (let i = 0; i < 50; i++) limiter.take(`k${i}`);
      expect(limiter.size).toBe(50);
      clock.ms += 1999;
      limiter.take('k0');
      expect(limiter.size).toBe(50);
      clock.ms += 1;
      limiter.take('fresh');
      // k1..k49 were idle for 2 s (full again); k0 was touched 1 ms ago.
      expect(limiter.size).toBe(2);
    });

    it('evicts the least recently used bucket at the cap, keeping busy callers throttled', () => {
      const { clock, limiter, admitted } = setup({ ratePerSecond: 1, burst: 2, maxBuckets: 3 });
      expect(admitted('busy', 10)).toBe(2);
      for (let i = 0; i < 20; i++) {
        clock.ms += 10;
        limiter.take(`other-${i}`);
        // The busy caller keeps calling: its bucket stays recently used and is never reset.
        expect(limiter.take('busy')).toBeGreaterThan(0);
      }
      expect(limiter.size).toBe(3);
    });
  });

  describe('clock going backwards', () => {
    it('refills nothing while the clock is behind and throttles no longer than one refill', () => {
      const { clock, limiter, admitted } = setup({ ratePerSecond: 10, burst: 2 });
      expect(admitted('a', 2)).toBe(2);
      clock.ms -= 3_600_000;
      expect(admitted('a', 10)).toBe(0);
      expect(limiter.take('a')).toBe(100);
      clock.ms += 100;
      expect(admitted('a', 10)).toBe(1);
    });

    it('admits no more than burst + rate x (forward time) for any clock, any keys', () => {
      const op = fc.record({ dt: fc.integer({ min: -5000, max: 500 }), key: fc.constantFrom('a', 'b', 'c'), times: fc.integer({ min: 1, max: 5 }) });
      fc.assert(
        fc.property(fc.array(op, { maxLength: 200 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 10 }), (ops, rate, burst) => {
          const { clock, limiter } = setup({ ratePerSecond: rate, burst });
          const got: Record<string, number> = { a: 0, b: 0, c: 0 };
          let forwardMs = 0;
          for (const { dt, key, times } of ops) {
            clock.ms += dt;
            if (dt > 0) forwardMs += dt;
            for (let i = 0; i < times; i++) {
              const wait = limiter.take(key);
              expect(Number.isInteger(wait) && wait >= 0).toBe(true);
              if (wait === 0) got[key]++;
              // The wait never exceeds one token's refill time, whatever the clock did.
              expect(wait).toBeLessThanOrEqual(Math.ceil(1000 / rate));
            }
          }
          const bound = burst + Math.floor((rate * forwardMs) / 1000);
          for (const key of ['a', 'b', 'c']) expect(got[key]).toBeLessThanOrEqual(bound);
        }),
        { numRuns: 300 },
      );
    });
  });

  it('rejects nonsensical options', () => {
    expect(() => new TokenBucketLimiter({ ratePerSecond: 0, burst: 1 })).toThrow(RangeError);
    expect(() => new TokenBucketLimiter({ ratePerSecond: Number.NaN, burst: 1 })).toThrow(RangeError);
    expect(() => new TokenBucketLimiter({ ratePerSecond: 1, burst: 0.5 })).toThrow(RangeError);
    expect(() => new TokenBucketLimiter({ ratePerSecond: 1, burst: 1, maxBuckets: 0 })).toThrow(RangeError);
  });

  it('uses a monotonic clock by default', () => {
    const limiter = new TokenBucketLimiter({ ratePerSecond: 1, burst: 1 });
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBeGreaterThan(0);
  });
});
