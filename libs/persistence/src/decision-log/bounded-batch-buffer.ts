/**
 * A bounded in-memory queue drained in batches by ONE writer at a time: on a timer, or as soon as
 * a full batch is queued. Used by the decision-log writer (reliability plan §0 item 8).
 */

/** Pause between two attempts of the shutdown flush when writes fail (retryFailedWrites). */
const CLOSE_RETRY_PAUSE_MS = 50;

/** Warnings and errors of the buffer (rate-limited: at most one of each kind per warnIntervalMs). */
export interface BatchBufferLog {
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

/** Options of {@link BoundedBatchBuffer}. */
export interface BoundedBatchBufferOptions<T> {
  /**
   * Writes one batch; a rejection loses that batch (counted in `failed`), or with retryFailedWrites
   * keeps it queued. It may resolve to the number of items the sink skipped (counted in `rejected`,
   * with a warning).
   */
  write: (batch: T[]) => Promise<number | void>;
  /** Most items held in memory, queued or in the write in flight; further items are dropped and counted. Default 20,000. */
  capacity?: number;
  /** Items that start a write at once (else the timer starts it). Default 500. */
  batchSize?: number;
  /**
   * Most items per write. Default 5,000. A write takes everything queued up to this: a backlog
   * (items queued while the previous write was in flight) goes in fewer, larger writes.
   */
  maxBatchSize?: number;
  /** Timer flush period. Default 250 ms. */
  flushIntervalMs?: number;
  /** Minimum time between two warnings of the same kind. Default 10,000 ms. */
  warnIntervalMs?: number;
  /**
   * Keep a batch whose write failed and write it again on the next timer tick, before anything
   * queued after it (strict decision log). Default false: a failed batch is lost and counted.
   */
  retryFailedWrites?: boolean;
  log?: BatchBufferLog;
  /** Clock for the warning rate limit (tests). */
  now?: () => number;
}

/** Counters of the buffer since it was created. */
export interface BatchBufferCounters {
  buffered: number;
  capacity: number;
  written: number;
  /** Of the written items, those the sink skipped. */
  rejected: number;
  dropped: number;
  failed: number;
}

/**
 * INVARIANT: push() is synchronous, O(1) amortised, never throws and never does I/O; at most one
 * write is in flight; the queue and the write in flight together never hold more than `capacity`
 * items.
 */
export class BoundedBatchBuffer<T> {
  private queue: T[] = [];
  private draining: Promise<void> | undefined;
  private drainScheduled = false;
  private closed = false;
  /** Items of the write in flight; abandoned: close() gave up on it (its outcome is not counted). */
  private inFlight = 0;
  private abandoned = false;
  /** The last write failed and none has succeeded since. */
  private failingNow = false;
  private readonly timer: NodeJS.Timeout;
  private readonly counters = { written: 0, rejected: 0, dropped: 0, failed: 0 };
  private readonly lastWarning = { drop: -Infinity, failure: -Infinity, reject: -Infinity };
  private readonly capacity: number;
  private readonly batchSize: number;
  private readonly maxBatchSize: number;
  private readonly warnIntervalMs: number;
  private readonly now: () => number;

  constructor(private readonly options: BoundedBatchBufferOptions<T>) {
    this.capacity = options.capacity ?? 20_000;
    this.batchSize = options.batchSize ?? 500;
    this.maxBatchSize = Math.max(this.batchSize, options.maxBatchSize ?? 5000);
    this.warnIntervalMs = options.warnIntervalMs ?? 10_000;
    this.now = options.now ?? Date.now;
    this.timer = setInterval(() => this.scheduleDrain(), options.flushIntervalMs ?? 250);
    this.timer.unref();
  }

  /** Whether `count` more items would be queued now (not closed, and room for them). */
  hasRoom(count: number): boolean {
    return !this.closed && this.held() + count <= this.capacity;
  }

  /** The last write failed and none has succeeded since. */
  get failing(): boolean {
    return this.failingNow;
  }

  /** close() was called: nothing is accepted any more. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Items held: the queue and the write in flight (not written yet; with retryFailedWrites it may come back). */
  private held(): number {
    return this.queue.length + this.inFlight;
  }

  /** Queues one item, or drops and counts it when the buffer is full or closed. */
  push(item: T): void {
    if (this.closed || this.held() >= this.capacity) return this.dropOne();
    this.queue.push(item);
    if (this.queue.length >= this.batchSize) this.scheduleDrain();
  }

  /**
   * Like push(), but builds the item only when it will be queued: a full buffer drops without
   * paying for `make`. A throwing `make` loses that item (counted as dropped); offer() never throws.
   */
  offer(make: () => T): void {
    if (this.closed || this.held() >= this.capacity) return this.dropOne();
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

  /** The counters; `buffered` counts the write in flight too (not written yet). */
  counts(): BatchBufferCounters {
    return { buffered: this.held(), capacity: this.capacity, ...this.counters };
  }

  /**
   * Writes everything queued now (waits for a write in flight first). With retryFailedWrites, a
   * failed write leaves its batch queued for the next timer tick.
   */
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
    const outcome = await Promise.race([this.flushUntilDone(), expired]);
    clearTimeout(timeout);
    if (outcome === 'expired') {
      // The write in flight is abandoned too (its connection is closed next): counted as dropped,
      // whatever it answers later.
      this.counters.dropped += this.inFlight;
      this.inFlight = 0;
      this.abandoned = true;
    }
    // Left only when close() gave up: never written.
    this.counters.dropped += this.queue.length;
    this.queue = [];
  }

  /**
   * flush(), and with retryFailedWrites again after a pause while a failed write left its batch
   * queued, until everything is written or close() gave up (abandoned).
   */
  private async flushUntilDone(): Promise<'flushed'> {
    for (;;) {
      await this.flush();
      if (this.queue.length === 0 || !this.options.retryFailedWrites || this.abandoned) return 'flushed';
      await new Promise((resolve) => setTimeout(resolve, CLOSE_RETRY_PAUSE_MS));
      if (this.abandoned) return 'flushed';
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
      this.inFlight = batch.length;
      try {
        const skipped = await this.options.write(batch);
        if (this.abandoned) return;
        this.counters.written += batch.length;
        this.failingNow = false;
        if (typeof skipped === 'number' && skipped > 0) {
          this.counters.rejected += skipped;
          this.warnOnce('reject', { rejected: this.counters.rejected }, 'decision log: the database skipped rows (deleted account, replayed id or a value it cannot store); their decisions were answered');
        }
      } catch (err) {
        if (this.abandoned) return;
        this.failingNow = true;
        if (this.options.retryFailedWrites) {
          // Back at the head, in order; the next timer tick tries again (no retry loop here).
          this.queue = batch.concat(this.queue);
          this.warnOnce('failure', { err, kept: this.queue.length }, 'decision log write failed: entries kept, retrying');
          return;
        }
        this.counters.failed += batch.length;
        this.warnOnce('failure', { err, lost: batch.length, failed: this.counters.failed }, 'decision log write failed: entries lost');
      } finally {
        this.inFlight = 0;
      }
    }
  }

  private take(): T[] {
    if (this.queue.length <= this.maxBatchSize) {
      const all = this.queue;
      this.queue = [];
      return all;
    }
    return this.queue.splice(0, this.maxBatchSize);
  }

  private warnOnce(kind: 'drop' | 'failure' | 'reject', details: Record<string, unknown>, message: string): void {
    const now = this.now();
    if (now - this.lastWarning[kind] < this.warnIntervalMs) return;
    this.lastWarning[kind] = now;
    try {
      if (kind !== 'failure') this.options.log?.warn(details, message);
      else this.options.log?.error(details, message);
    } catch {
      // INVARIANT: a failing logger never turns into an exception of push() or of a write.
    }
  }
}
