/**
 * One LISTEN connection per process, fanned out to every in-memory cache that depends on account
 * data (authentication cache now; authorization snapshots next).
 */

/** A consumer of account change notifications. */
export interface ChangeSubscriber {
  /** An account committed a change and is now at `revision`. */
  onChange(accountId: string, revision: bigint): void;
  /** The feed (re)connected: notifications sent meanwhile are lost, so resync or drop caches. */
  onReconnect(): void;
}

/** Fan-out of database change notifications. */
export class ChangeFeed {
  private readonly subscribers = new Set<ChangeSubscriber>();

  /** Registers a subscriber; returns the function that removes it. */
  subscribe(subscriber: ChangeSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** Called by the database listener for every notification. */
  publishChange(accountId: string, revision: bigint): void {
    for (const s of this.subscribers) s.onChange(accountId, revision);
  }

  /** Called by the database listener after every (re)connect. */
  publishReconnect(): void {
    for (const s of this.subscribers) s.onReconnect();
  }
}
