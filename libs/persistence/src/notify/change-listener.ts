import { Client } from 'pg';
import { CHANGES_CHANNEL } from './changes-channel';

/** Options of {@link ChangeListener}. */
export interface ChangeListenerOptions {
  databaseUrl: string;
  /** Called for every "<accountId>:<revision>" notification. */
  onChange: (accountId: string, revision: bigint) => void;
  /**
   * Called after every successful (re)connect. NOTIFY has no replay: whatever was sent while
   * disconnected is lost, so the caller must resync revisions from the database here.
   */
  onConnect?: () => void;
  /** Connection failures and malformed payloads (for logs); the listener keeps retrying. */
  onError?: (err: Error) => void;
  /** Channel; default "keygate_changes". */
  channel?: string;
  /** Reconnect backoff bounds; defaults 100 ms and 5,000 ms (full jitter between half and all of it). */
  minBackoffMillis?: number;
  maxBackoffMillis?: number;
}

/**
 * A dedicated pg.Client that LISTENs for account changes and reconnects with capped, jittered
 * exponential backoff. It never throws into the process: every failure goes to onError.
 */
export class ChangeListener {
  private client: Client | undefined;
  private closed = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private firstConnect: Promise<void>;
  private resolveFirstConnect!: () => void;

  constructor(private readonly options: ChangeListenerOptions) {
    this.firstConnect = new Promise((resolve) => (this.resolveFirstConnect = resolve));
  }

  /** True while a LISTEN connection is open. */
  get connected(): boolean {
    return this.client !== undefined;
  }

  /**
   * Starts listening. Resolves once the first LISTEN succeeded (it keeps retrying until then, so
   * do not await it when the database may be down); close() also resolves it.
   */
  start(): Promise<void> {
    if (!this.closed && !this.client && !this.timer) void this.connect();
    return this.firstConnect;
  }

  /** Stops listening and cancels reconnects. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.resolveFirstConnect();
    const client = this.client;
    this.client = undefined;
    if (client) await client.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.options.databaseUrl, connectionTimeoutMillis: 2000, keepAlive: true });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('LISTEN connection ended.')));
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.dispatch(message.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(this.channel)}`);
    } catch (err) {
      this.lost(client, err instanceof Error ? err : new Error(String(err)));
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.attempt = 0;
    this.resolveFirstConnect();
    this.options.onConnect?.();
  }

  private get channel(): string {
    return this.options.channel ?? CHANGES_CHANNEL;
  }

  private dispatch(payload: string): void {
    const separator = payload.lastIndexOf(':');
    const accountId = payload.slice(0, separator);
    const revisionText = payload.slice(separator + 1);
    if (separator <= 0 || !/^\d+$/.test(revisionText)) {
      this.options.onError?.(new Error(`Ignored malformed change notification "${payload}".`));
      return;
    }
    this.options.onChange(accountId, BigInt(revisionText));
  }

  /** Handles the loss of a client exactly once, then schedules a reconnect. */
  private lost(client: Client, err: Error): void {
    if (this.client === client) this.client = undefined;
    // INVARIANT: a lost client reports nothing more, so one loss schedules one reconnect.
    client.removeAllListeners('error');
    client.removeAllListeners('end');
    client.removeAllListeners('notification');
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.closed || this.timer) return;
    this.options.onError?.(err);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.closed) void this.connect();
    }, this.backoff());
    this.timer.unref();
  }

  private backoff(): number {
    const min = this.options.minBackoffMillis ?? 100;
    const max = this.options.maxBackoffMillis ?? 5000;
    const ceiling = Math.min(max, min * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  }
}
