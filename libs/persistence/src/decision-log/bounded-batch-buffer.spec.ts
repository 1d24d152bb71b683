import { type BatchBufferLog, BoundedBatchBuffer } from './bounded-batch-buffer';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function recordingLog(): BatchBufferLog & { warnings: string[]; errors: string[] } {
  const warnings: string[] = [];
  const errors: string[] = [];
  return {
    warnings,
    errors,
    warn: (_details, message) => void warnings.push(message),
    error: (_details, message) => void errors.push(message),
  };
}

describe('BoundedBatchBuffer', () => {
  const open: BoundedBatchBuffer<number>[] = [];
  function buffer(options: Partial<ConstructorParameters<typeof BoundedBatchBuffer<number>>[0]> & { write: (b: number[]) => Promise<number | void> }) {
    const created = new BoundedBatchBuffer<number>({ flushIntervalMs: 60_000, ...options });
    open.push(created);
    return created;
  }
  afterEach(async () => {
    await Promise.all(open.splice(0).map((b) => b.close(10)));
  });

  it('writes in batches of at most maxBatchSize, in order', async () => {
    const batches: number[][] = [];
    const b = buffer({ batchSize: 10, maxBatchSize: 10, write: async (batch) => void batches.push(batch) });
    for (let i = 0; i < 25; i++) b.push(i);
    await b.flush();
    expect(batches.map((x) => x.length)).toEqual([10, 10, 5]);
    expect(batches.flat()).toEqual([...Array(25).keys()]);
    expect(b.counts()).toMatchObject({ buffered: 0, written: 25, dropped: 0, failed: 0 });
  });

  it('writes a backlog queued during a write in one larger write (up to maxBatchSize), not in batchSize pieces', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const b = buffer({
      batchSize: 2,
      maxBatchSize: 5,
      write: (batch) => {
        batches.push(batch);
        return batches.length === 1 ? first : Promise.resolve();
      },
    });
    b.push(0);
    b.push(1);
    await tick();
    await tick();
    expect(batches).toEqual([[0, 1]]);
    // Queued while the first write is in flight: 7 items, written as 5 + 2 once it completes.
    for (let i = 2; i < 9; i++) b.push(i);
    release();
    await b.flush();
    expect(batches).toEqual([[0, 1], [2, 3, 4, 5, 6], [7, 8]]);
    expect(b.counts()).toMatchObject({ buffered: 0, written: 9, dropped: 0 });
  });

  it('retryFailedWrites: keeps a failed batch at the head, says it is failing, and writes it on the next timer tick', async () => {
    const attempts: number[][] = [];
    let fail = true;
    const b = buffer({
      batchSize: 100,
      capacity: 4,
      flushIntervalMs: 20,
      retryFailedWrites: true,
      write: async (batch) => {
        attempts.push([...batch]);
        // Queued while the failing write is in flight: it must stay behind the batch.
        if (attempts.length === 1) b.push(3);
        if (fail) throw new Error('down');
      },
    });
    b.push(1);
    b.push(2);
    await b.flush();
    expect(b.failing).toBe(true);
    expect(b.counts()).toMatchObject({ buffered: 3, written: 0, failed: 0, dropped: 0 });
    expect(b.hasRoom(1)).toBe(true);
    expect(b.hasRoom(2)).toBe(false);
    fail = false;
    for (let i = 0; i < 50 && b.counts().written < 3; i++) await sleep(10);
    expect(b.failing).toBe(false);
    expect(attempts.at(-1)).toEqual([1, 2, 3]);
    expect(b.counts()).toMatchObject({ buffered: 0, written: 3, failed: 0 });
  });

  it.each([false, true])('counts the write in flight against the capacity (retryFailedWrites %s)', async (retryFailedWrites) => {
    let release!: () => void;
    const b = buffer({ batchSize: 2, capacity: 3, retryFailedWrites, write: () => new Promise<void>((resolve) => (release = resolve)) });
    b.push(1);
    b.push(2);
    await tick();
    await tick();
    // In flight: counted as buffered (not written yet).
    expect(b.counts().buffered).toBe(2);
    b.push(3);
    b.push(4);
    // Two in flight and one queued.
    expect(b.counts()).toMatchObject({ buffered: 3, dropped: 1 });
    release();
  });

  it('retryFailedWrites: close() keeps trying a failing write until it succeeds or the time is up', async () => {
    let attempts = 0;
    const b = buffer({ batchSize: 100, retryFailedWrites: true, write: async () => {
        if (++attempts < 3) throw new Error('down');
      },
    });
    b.push(1);
    b.push(2);
    await b.close(2000);
    expect(attempts).toBe(3);
    expect(b.counts()).toMatchObject({ written: 2, dropped: 0, buffered: 0 });

    let tries = 0;
    const never = buffer({ batchSize: 100, retryFailedWrites: true, write: async () => {
        throw new Error(`down ${++tries}`);
      },
    });
    never.push(1);
    await never.close(200);
    expect(tries).toBeGreaterThan(1);
    expect(never.counts()).toMatchObject({ written: 0, dropped: 1, failed: 0, buffered: 0 });
    const after = tries;
    await sleep(150);
    expect(tries).toBe(after);
  });

  it.each([false, true])('a write abandoned by close() that fails later is counted once, as dropped, and not tried again (retryFailedWrites %s)', async (retryFailedWrites) => {
    let fail!: (err: Error) => void;
    let writes = 0;
    const b = buffer({ batchSize: 1, retryFailedWrites, write: () => (writes++, new Promise<void>((_resolve, reject) => (fail = reject))) });
    b.push(1);
    b.push(2);
    await tick();
    await tick();
    await b.close(30);
    expect(b.counts()).toMatchObject({ buffered: 0, written: 0, dropped: 2, failed: 0 });
    fail(new Error('connection closed'));
    await sleep(100);
    expect(b.counts()).toMatchObject({ buffered: 0, written: 0, dropped: 2, failed: 0 });
    expect(writes).toBe(1);
  });

  it('counts the items a write says its sink skipped as rejected (of the written ones), with one warning per interval', async () => {
    const log = recordingLog();
    const b = buffer({ batchSize: 100, log, write: async (batch) => batch.filter((x) => x < 0).length });
    [1, -1, 2, -2].forEach((x) => b.push(x));
    await b.flush();
    b.push(-3);
    await b.flush();
    expect(b.counts()).toMatchObject({ written: 5, rejected: 3, failed: 0 });
    expect(log.warnings).toEqual([expect.stringContaining('skipped rows')]);
  });

  it('offer() builds an item only when it is queued; a full buffer or a throwing builder counts a drop', async () => {
    const written: number[][] = [];
    const b = buffer({ capacity: 2, batchSize: 10, write: async (batch) => void written.push(batch) });
    let built = 0;
    const make = (value: number) => () => {
      built++;
      return value;
    };
    b.offer(make(1));
    b.offer(make(2));
    b.offer(make(3));
    expect(built).toBe(2);
    expect(b.counts()).toMatchObject({ buffered: 2, dropped: 1 });
    await b.flush();
    expect(() =>
      b.offer(() => {
        throw new Error('cannot serialize');
      }),
    ).not.toThrow();
    b.offer(make(4));
    await b.flush();
    expect(written.flat()).toEqual([1, 2, 4]);
    expect(b.counts()).toMatchObject({ buffered: 0, written: 3, dropped: 2 });
  });

  it('starts a write as soon as a full batch is queued, never inside push()', async () => {
    const batches: number[][] = [];
    const b = buffer({ batchSize: 3, write: async (batch) => void batches.push(batch) });
    b.push(1);
    b.push(2);
    b.push(3);
    expect(batches).toEqual([]);
    await tick();
    await tick();
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('writes a partial batch on the timer', async () => {
    const batches: number[][] = [];
    const b = buffer({ batchSize: 100, flushIntervalMs: 10, write: async (batch) => void batches.push(batch) });
    b.push(7);
    b.push(8);
    await sleep(50);
    expect(batches).toEqual([[7, 8]]);
  });

  it('keeps at most capacity items, drops and counts the rest, warns once per interval', async () => {
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    const writes: number[][] = [];
    const log = recordingLog();
    const b = buffer({ capacity: 5, batchSize: 2, log, write: (batch) => (writes.push(batch), stuck) });
    b.push(1);
    b.push(2);
    await tick();
    await tick();
    expect(writes).toEqual([[1, 2]]);
    // Two in the write in flight, three queued: the rest is dropped.
    for (let i = 3; i <= 10; i++) b.push(i);
    expect(b.counts()).toMatchObject({ buffered: 5, capacity: 5, dropped: 5 });
    expect(log.warnings).toHaveLength(1);
    release();
    await b.flush();
    expect(writes.flat()).toEqual([1, 2, 3, 4, 5]);
    expect(b.counts()).toMatchObject({ buffered: 0, written: 5, dropped: 5 });
  });

  it('never throws when the database fails: the batch is lost and counted, later batches are written', async () => {
    const log = recordingLog();
    let fail = true;
    const written: number[] = [];
    const b = buffer({
      batchSize: 2,
      log,
      write: async (batch) => {
        if (fail) throw new Error('connection refused');
        written.push(...batch);
      },
    });
    expect(() => {
      b.push(1);
      b.push(2);
    }).not.toThrow();
    await b.flush();
    expect(b.counts()).toMatchObject({ failed: 2, written: 0 });
    expect(log.errors).toEqual(['decision log write failed: entries lost']);
    fail = false;
    b.push(3);
    await b.flush();
    expect(written).toEqual([3]);
    expect(b.counts()).toMatchObject({ failed: 2, written: 1 });
  });

  it('survives a write that throws synchronously and a logger that throws', async () => {
    const throwingLog: BatchBufferLog = { warn: () => { throw new Error('log down'); }, error: () => { throw new Error('log down'); } };
    const b = buffer({ capacity: 1, batchSize: 1, log: throwingLog, write: () => { throw new Error('sync'); } });
    expect(() => {
      b.push(1);
      b.push(2);
    }).not.toThrow();
    await b.flush();
    expect(b.counts()).toMatchObject({ dropped: 1, failed: 1 });
  });

  it('flushes what is buffered on close and drops (counts) anything pushed after', async () => {
    const written: number[] = [];
    const b = buffer({ batchSize: 100, write: async (batch) => void written.push(...batch) });
    b.push(1);
    b.push(2);
    await b.close();
    expect(written).toEqual([1, 2]);
    b.push(3);
    expect(b.counts()).toMatchObject({ written: 2, dropped: 1, buffered: 0 });
  });

  it('gives up on close after the timeout and counts what it could not write', async () => {
    const b = buffer({ batchSize: 1, maxBatchSize: 1, write: () => new Promise<void>(() => undefined) });
    b.push(1);
    b.push(2);
    b.push(3);
    const started = Date.now();
    await b.close(30);
    expect(Date.now() - started).toBeLessThan(1000);
    // Two still queued and one in the abandoned write.
    expect(b.counts()).toMatchObject({ buffered: 0, written: 0, dropped: 3 });
  });

  it('counts the items of a write abandoned on close as dropped, whatever the write answers later', async () => {
    let finish!: () => void;
    const b = buffer({ batchSize: 1, write: () => new Promise<void>((resolve) => (finish = resolve)) });
    b.push(1);
    b.push(2);
    b.push(3);
    await tick();
    await tick();
    await b.close(30);
    // All three went into the one stuck write (maxBatchSize 5,000 by default).
    expect(b.counts()).toMatchObject({ buffered: 0, written: 0, dropped: 3, failed: 0 });
    finish();
    await tick();
    expect(b.counts()).toMatchObject({ written: 0, dropped: 3, failed: 0 });
  });
});
