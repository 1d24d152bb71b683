/**
 * In-memory cache of compiled account snapshots: single-flight loading per account, invalidation
 * by NOTIFY (observeRevision), a periodic revision poll, a staleness bound and a bounded size.
 * No Nest, no timers unless start() is called: tests drive it with an injected clock.
 */
import type { AccountSnapshot } from './account-snapshot';
import type { AccountAuthorizationData, AuthorizationDataSource } from './authorization-data.port';
import { compileSnapshot, IncompleteSnapshotDataError } from './compile-snapshot';

/** Options of SnapshotCache. */
export interface SnapshotCacheOptions {
  source: AuthorizationDataSource;
  /** Epoch ms; default Date.now. */
  now?: () => number;
  /** A snapshot not confirmed against the database for longer than this is stale; default 30,000. */
  stalenessMs?: number;
  /** Revision poll period; default 5,000. */
  pollIntervalMs?: number;
  /** Accounts kept in memory (least recently used evicted); default 10,000. */
  maxAccounts?: number;
  /**
   * Memory budget of the snapshots, in estimated bytes (AccountSnapshot.estimatedBytes); when a
   * load takes the total over it, the least recently used snapshots are dropped. Default 1 GiB.
   */
  maxBytes?: number;
  /** How long a request waits for a newer revision when an older usable snapshot exists; default 150. */
  refreshWaitMs?: number;
  /** How long a request waits for the first load of an account; default 2,000. */
  loadWaitMs?: number;
  /** After a failed load, no new load of that account starts for this long; default 200. */
  retryAfterMs?: number;
  /** Load/poll failures, uncompilable policies and an exceeded memory budget (for logs). */
  onError?: (err: unknown, accountId?: string) => void;
}

/** Answer of get(): a snapshot, the account does not exist, or no trustworthy data. */
export type SnapshotLookup =
  | { status: 'ok'; snapshot: AccountSnapshot }
  | { status: 'missing'; accountId: string }
  | { status: 'unavailable'; accountId: string; reason: string };

interface Entry {
  snapshot?: AccountSnapshot;
  /** The account did not exist at the last load. */
  missing: boolean;
  /** Last time the cached state was confirmed to match the database (0: never). */
  syncedAtMs: number;
  /** Highest revision heard of (NOTIFY, poll, direct reads). */
  knownRevision: bigint;
  loading?: Promise<void>;
  /** When the last load failed (0: it did not). */
  failedAtMs: number;
  lastUsedMs: number;
  /** What this entry adds to the cache's byte total: its snapshot's estimatedBytes while it is in the cache, else 0. */
  countedBytes: number;
}

const NEVER = -1n;

function revisionOf(entry: Entry): bigint {
  return entry.snapshot?.revision ?? NEVER;
}

function delay<T>(promise: Promise<T>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, Math.max(0, ms));
    promise.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}

/** The per-process snapshot cache. */
export class SnapshotCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly stalenessMs: number;
  private readonly maxAccounts: number;
  private readonly maxBytes: number;
  /** INVARIANT: the sum of countedBytes over `entries` (an entry dropped while loading counts 0). */
  private bytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  constructor(private readonly options: SnapshotCacheOptions) {
    this.now = options.now ?? Date.now;
    this.stalenessMs = options.stalenessMs ?? 30_000;
    this.maxAccounts = options.maxAccounts ?? 10_000;
    this.maxBytes = options.maxBytes ?? 1024 * 1024 * 1024;
  }

  /** The staleness bound in ms. */
  get stalenessBoundMs(): number {
    return this.stalenessMs;
  }

  /**
   * Synchronous fast path: the cached answer when it is fresh and at least at the requested and
   * the known revision; undefined when the caller must go through get().
   */
  peek(accountId: string, atLeastRevision?: bigint): SnapshotLookup | undefined {
    const entry = this.entries.get(accountId);
    if (entry === undefined || entry.syncedAtMs === 0) return undefined;
    const now = this.now();
    if (now - entry.syncedAtMs > this.stalenessMs) return undefined;
    const revision = revisionOf(entry);
    if (revision < entry.knownRevision) return undefined;
    if (atLeastRevision !== undefined && revision < atLeastRevision) return undefined;
    entry.lastUsedMs = now;
    return entry.missing ? { status: 'missing', accountId } : { status: 'ok', snapshot: entry.snapshot! };
  }

  /**
   * A snapshot of the account, loading or refreshing it when needed; never throws. `waitMs`
   * overrides how long to wait for a newer revision (admin read-your-writes can afford longer).
   */
  async get(accountId: string, opts: { atLeastRevision?: bigint; waitMs?: number } = {}): Promise<SnapshotLookup> {
    const hit = this.peek(accountId, opts.atLeastRevision);
    if (hit) return hit;
    const entry = this.entryFor(accountId);
    const hadData = entry.syncedAtMs !== 0;
    const wait = hadData ? (opts.waitMs ?? this.options.refreshWaitMs ?? 150) : Math.max(opts.waitMs ?? 0, this.options.loadWaitMs ?? 2000);
    const deadline = this.now() + wait;
    // A load that started before the caller's write committed may come back too old: retry once or twice.
    let current = entry;
    for (let attempt = 0; attempt < 3; attempt++) {
      const remaining = deadline - this.now();
      if (remaining <= 0) break;
      // The entry may have been dropped (memory budget, account bound) while the caller waited.
      current = this.entryFor(accountId);
      await delay(this.refresh(accountId, current), remaining);
      const done = this.peek(accountId, opts.atLeastRevision);
      if (done) return done;
    }
    return this.fallback(accountId, current, opts.atLeastRevision);
  }

  /** Records that the database holds `revision` for the account (NOTIFY, poll, direct read). */
  observeRevision(accountId: string, revision: bigint, observedAtMs = this.now()): void {
    const entry = this.entries.get(accountId);
    if (entry === undefined) return;
    if (revision > entry.knownRevision) entry.knownRevision = revision;
    if (!entry.missing && revision === revisionOf(entry) && observedAtMs > entry.syncedAtMs) entry.syncedAtMs = observedAtMs;
    if (revision > revisionOf(entry) || entry.missing) void this.refresh(accountId, entry);
  }

  /** Polls the revisions of every cached account once (also called on LISTEN reconnect). */
  poll(): Promise<void> {
    this.polling ??= this.pollOnce().finally(() => (this.polling = undefined));
    return this.polling;
  }

  /** Starts the periodic poll. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.poll(), this.options.pollIntervalMs ?? 5000);
    this.timer.unref();
  }

  /** Stops the periodic poll. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Number of accounts held. */
  get size(): number {
    return this.entries.size;
  }

  /** Estimated bytes of the snapshots held (see maxBytes). */
  get estimatedBytes(): number {
    return this.bytes;
  }

  private async pollOnce(): Promise<void> {
    const ids = [...this.entries.keys()];
    if (ids.length === 0) return;
    const startedAt = this.now();
    let revisions: Map<string, bigint>;
    try {
      revisions = await this.options.source.revisions(ids);
    } catch (err) {
      this.options.onError?.(err);
      return;
    }
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (!entry) continue;
      const revision = revisions.get(id);
      if (revision !== undefined) this.observeRevision(id, revision, startedAt);
      else if (entry.missing) entry.syncedAtMs = Math.max(entry.syncedAtMs, startedAt);
      else void this.refresh(id, entry);
    }
  }

  private fallback(accountId: string, entry: Entry, atLeastRevision?: bigint): SnapshotLookup {
    const revision = revisionOf(entry);
    if (atLeastRevision !== undefined && revision < atLeastRevision) {
      return {
        status: 'unavailable',
        accountId,
        reason: `Authorization data for account ${accountId} is stale: revision ${atLeastRevision} was requested, the latest available is ${revision < 0n ? 'none' : revision}.`,
      };
    }
    const age = this.now() - entry.syncedAtMs;
    if (entry.syncedAtMs !== 0 && age <= this.stalenessMs) {
      // A newer revision is known but could not be loaded in time: the old one is within the bound.
      return entry.missing ? { status: 'missing', accountId } : { status: 'ok', snapshot: entry.snapshot! };
    }
    if (entry.syncedAtMs === 0) {
      return { status: 'unavailable', accountId, reason: `Authorization data for account ${accountId} is unavailable (the database could not be read).` };
    }
    return {
      status: 'unavailable',
      accountId,
      reason: `Authorization data for account ${accountId} is stale (last synchronized ${Math.round(age / 1000)} s ago, bound ${Math.round(this.stalenessMs / 1000)} s).`,
    };
  }

  private entryFor(accountId: string): Entry {
    let entry = this.entries.get(accountId);
    if (entry) return entry;
    entry = { missing: false, syncedAtMs: 0, knownRevision: NEVER, failedAtMs: 0, lastUsedMs: this.now(), countedBytes: 0 };
    this.entries.set(accountId, entry);
    if (this.entries.size > this.maxAccounts) this.evict();
    return entry;
  }

  /** Drops the least recently used tenth of the accounts (never one that is loading). */
  private evict(): void {
    const excess = this.entries.size - this.maxAccounts + Math.floor(this.maxAccounts / 10);
    for (const [id, entry] of this.evictable().slice(0, Math.max(0, excess))) this.drop(id, entry);
  }

  /**
   * Drops least recently used snapshots until the total is within maxBytes again; never `loaded`
   * (the snapshot a request is waiting for) nor one that is loading. A snapshot larger than the
   * whole budget is kept, and reported.
   */
  private evictForMemory(accountId: string, loaded: Entry): void {
    for (const [id, entry] of this.evictable()) {
      if (this.bytes <= this.maxBytes) return;
      if (entry !== loaded && entry.snapshot !== undefined) this.drop(id, entry);
    }
    if (this.bytes > this.maxBytes) {
      const mb = (n: number) => `${Math.ceil(n / (1024 * 1024))} MB`;
      this.options.onError?.(new Error(`Snapshots hold an estimated ${mb(this.bytes)}, over the snapshot memory budget of ${mb(this.maxBytes)}: the snapshots left are in use or loading.`), accountId);
    }
  }

  /** Entries that may be dropped (not loading), least recently used first. */
  private evictable(): Array<[string, Entry]> {
    return [...this.entries.entries()].filter(([, e]) => !e.loading).sort((a, b) => a[1].lastUsedMs - b[1].lastUsedMs);
  }

  private drop(accountId: string, entry: Entry): void {
    this.entries.delete(accountId);
    this.bytes -= entry.countedBytes;
    entry.countedBytes = 0;
  }

  /** Replaces the entry's snapshot, keeping the byte total in step (an entry no longer in the cache counts nothing). */
  private setSnapshot(accountId: string, entry: Entry, snapshot: AccountSnapshot | undefined): void {
    entry.snapshot = snapshot;
    if (this.entries.get(accountId) !== entry) return;
    const bytes = snapshot?.estimatedBytes ?? 0;
    this.bytes += bytes - entry.countedBytes;
    entry.countedBytes = bytes;
  }

  /** Single flight: at most one load per account at a time, and none right after a failure. */
  private refresh(accountId: string, entry: Entry): Promise<void> {
    // INVARIANT: an unreachable database sees at most one load attempt per account per retryAfterMs.
    if (!entry.loading && entry.failedAtMs !== 0 && this.now() - entry.failedAtMs < (this.options.retryAfterMs ?? 200)) return Promise.resolve();
    entry.loading ??= this.load(accountId, entry).then((loaded) => {
      entry.loading = undefined;
      // A NOTIFY that arrived during a successful load announced a revision the load may not
      // include. INVARIANT: only after a success, so a failing database is never hammered.
      if (loaded && !entry.missing && revisionOf(entry) < entry.knownRevision && this.entries.get(accountId) === entry) {
        void this.refresh(accountId, entry);
      }
    });
    return entry.loading;
  }

  /**
   * Reads and compiles the account; null when it does not exist. A refresh of `previous` reads only
   * the keys changed since its revision (the others keep their entries), and no IAM rows while
   * the account's IAM token is still that of `previous` (its principals are kept).
   */
  private async loadSnapshot(accountId: string, previous: AccountSnapshot | undefined, loadedAtMs: number): Promise<AccountSnapshot | null> {
    const compile = (data: AccountAuthorizationData | null) => (data === null ? null : compileSnapshot(data, { loadedAtMs, previous }));
    const changed = await this.options.source.load(accountId, previous ? { keysChangedSince: previous.revision, ...(previous.iamToken !== undefined ? { iamToken: previous.iamToken } : {}) } : {});
    try {
      return compile(changed);
    } catch (err) {
      if (!(err instanceof IncompleteSnapshotDataError)) throw err;
      // The previous snapshot cannot supply the unchanged keys or IAM part (expected only after the
      // database's revision went backwards; a source that ignores the options answers in full): read everything.
      this.options.onError?.(new Error(`Reloading only what changed was not possible (${err.message}); loading the whole account.`), accountId);
      return compile(await this.options.source.load(accountId));
    }
  }

  private async load(accountId: string, entry: Entry): Promise<boolean> {
    const startedAt = this.now();
    try {
      const snapshot = await this.loadSnapshot(accountId, entry.snapshot, startedAt);
      if (snapshot === null) {
        this.setSnapshot(accountId, entry, undefined);
        entry.missing = true;
      } else {
        if (snapshot.problems.length > 0) this.options.onError?.(new Error(snapshot.problems.join(' ')), accountId);
        this.setSnapshot(accountId, entry, snapshot);
        entry.missing = false;
        if (snapshot.revision > entry.knownRevision) entry.knownRevision = snapshot.revision;
        // A request is waiting for this snapshot: it is the most recently used.
        entry.lastUsedMs = this.now();
        if (this.bytes > this.maxBytes) this.evictForMemory(accountId, entry);
      }
      entry.syncedAtMs = startedAt;
      entry.failedAtMs = 0;
      return true;
    } catch (err) {
      entry.failedAtMs = this.now();
      this.options.onError?.(err, accountId);
      return false;
    }
  }
}
