/**
 * A bounded in-memory queue drained in batches by ONE writer at a time: on a timer, or as soon as
 * a full batch is queued. Used by the decision-log writer (reliability plan §0 item 8).
 */

/** Warnings and errors of the buffer (rate-limited: at most one of each kind per warnIntervalMs). */
export interface BatchBufferLog {
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

/** Options of {@link BoundedBatchBuffer}. */
export interface BoundedBatchBufferOptions<T> {
  /** Writes one batch; a rejection loses that batch (counted in `failed`). */
  write: (batch: T[]) => Promise<void>;
  /** Most items held in memory; further items are dropped and counted. Default 10,000. */
  capacity?: number;
  /** Most items per write; a full batch is written at once. Default 500. */
  batchSize?: number;
  /** Timer flush period. Default 250 ms. */
  flushIntervalMs?: number;
  /** Minimum time between two warnings of the same kind. Default 10,000 ms. */
  warnIntervalMs?: number;
  log?: BatchBufferLog;
  /** Clock for the warning rate limit (tests). */
  now?: () => number;
}

/** Counters of the buffer since it was created. */
export interface BatchBufferCounters {
  buffered: number;
  capacity: number;
  written: number;
  dropped: number;
  failed: number;
}

/**
 * INVARIANT: push() is synchronous, O(1) amortised, never throws and never does I/O; the buffer
 * never holds more than `capacity` items; at most one write is in flight.
 */
export class BoundedBatchBuffer<T> {
  private queue: T[] = [];
  private draining: Promise<void> | undefined;
  private drainScheduled = false;
  private closed = false;
  private readonly timer: NodeJS.Timeout;
  private readonly counters = { written: 0, dropped: 0, failed: 0 };
  private readonly lastWarning = { drop: -Infinity, failure: -Infinity };
  private readonly capacity: number;
  private readonly batchSize: number;
  private readonly warnIntervalMs: number;
  private readonly now: () => number;

  constructor(private readonly options: BoundedBatchBufferOptions<T>) {
    this.capacity = options.capacity ?? 10_000;
    this.batchSize = options.batchSize ?? 500;
    this.warnIntervalMs = options.warnIntervalMs ?? 10_000;
    this.now = options.now ?? Date.now;
    this.timer = setInterval(() => this.scheduleDrain(), options.flushIntervalMs ?? 250);
    this.timer.unref();
  }

  /** Queues one item, or drops and counts it when the buffer is full or closed. */
  push(item: T): void {
    if (this.closed || this.queue.length >= this.capacity) return this.dropOne();
    this.queue.push(item);
    if (this.queue.length >= this.batchSize) this.scheduleDrain();
  }

  /**
   * Like push(), but builds the item only when it will be queued: a full buffer drops without
   * paying for `make`. A throwing `make` loses that item (counted as dropped); offer() never throws.
   */
  offer(make: () => T): void {
    if (this.closed || this.queue.length >= this.capacity) return this.dropOne();
    let item: T;
    try {
      item = make();
    } catch {
      return this.dropOne();
    }
    this.push(item);
  }

  private dropOne(): void {
    this.counters.dropped++;
    this.warnOnce('drop', { dropped: this.counters.dropped, capacity: this.capacity }, 'decision log buffer full: entries dropped');
  }

  counts(): BatchBufferCounters {
    return { buffered: this.queue.length, capacity: this.capacity, ...this.counters };
  }

  /** Writes everything queued now (waits for a write in flight first). */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
    if (this.queue.length > 0) await this.drain();
  }

  /**
   * Stops accepting items and writes what is queued, waiting at most `timeoutMs`; whatever is
   * still queued after that is counted as dropped.
   */
  async close(timeoutMs = 2000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    let timeout: NodeJS.Timeout | undefined;
    const expired = new Promise<'expired'>((resolve) => {
      timeout = setTimeout(() => resolve('expired'), timeoutMs);
    });
    const outcome = await Promise.race([this.flush().then(() => 'flushed' as const), expired]);
    clearTimeout(timeout);
    if (outcome === 'expired') {
      this.counters.dropped += this.queue.length;
      this.queue = [];
    }
  }

  private scheduleDrain(): void {
    if (this.draining || this.drainScheduled || this.queue.length === 0) return;
    this.drainScheduled = true;
    // INVARIANT: the write starts on a later tick, never inside push() (the caller's request path).
    setImmediate(() => {
      this.drainScheduled = false;
      if (!this.draining && this.queue.length > 0) void this.drain();
    });
  }

  private drain(): Promise<void> {
    this.draining = this.writeAll().finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  private async writeAll(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.take();
      try {
        await this.options.write(batch);
        this.counters.written += batch.length;
      } catch (err) {
        this.counters.failed += batch.length;
        this.warnOnce('failure', { err, lost: batch.length, failed: this.counters.failed }, 'decision log write failed: entries lost');
      }
    }
  }

  private take(): T[] {
    if (this.queue.length <= this.batchSize) {
      const all = this.queue;
      this.queue = [];
      return all;
    }
    return this.queue.splice(0, this.batchSize);
  }

  private warnOnce(kind: 'drop' | 'failure', details: Record<string, unknown>, message: string): void {
    const now = this.now();
    if (now - this.lastWarning[kind] < this.warnIntervalMs) return;
    this.lastWarning[kind] = now;
    try {
      if (kind === 'drop') this.options.log?.warn(details, message);
      else this.options.log?.error(details, message);
    } catch {
      // INVARIANT: a failing logger never turns into an exception of push() or of a write.
    }
  }
}
