/**
 * A bounded, short-lived cache of authenticated access keys, so the hot path (authorize) does not
 * query the database on every request. The secret is still checked on every request.
 * INVARIANT: entries are dropped when their account changes (change feed) and after `ttlMs` at
 * the latest, so a deactivated or deleted key stops working within that bound even if a
 * notification is lost.
 */
import type { AccessKeyRecord } from '../ports/account.repository';
import type { PrincipalCaller } from './caller';

interface Entry {
  record: AccessKeyRecord;
  caller: PrincipalCaller;
  expiresAt: number;
}

/** Options of the CredentialCache. */
export interface CredentialCacheOptions {
  ttlMs: number;
  maxEntries: number;
  now: () => number;
}

/** accessKeyId -> authenticated key, with account-wide invalidation. */
export class CredentialCache {
  private readonly entries = new Map<string, Entry>();
  private epoch = 0;

  constructor(private readonly options: CredentialCacheOptions) {}

  /** The current invalidation epoch; pass it back to set() so a lookup raced by a change is not cached. */
  get currentEpoch(): number {
    return this.epoch;
  }

  get(accessKeyId: string): Entry | undefined {
    const entry = this.entries.get(accessKeyId);
    if (entry && entry.expiresAt <= this.options.now()) {
      this.entries.delete(accessKeyId);
      return undefined;
    }
    return entry;
  }

  set(record: AccessKeyRecord, caller: PrincipalCaller, epochAtLookup: number): void {
    if (epochAtLookup !== this.epoch || this.options.ttlMs <= 0) return;
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(record.accessKeyId, { record, caller, expiresAt: this.options.now() + this.options.ttlMs });
  }

  /** Drops every entry of an account (called for each change notification). */
  invalidateAccount(accountId: string): void {
    this.epoch += 1;
    for (const [id, entry] of this.entries) if (entry.record.accountId === accountId) this.entries.delete(id);
  }

  /** Drops everything (called after the change feed reconnects: notifications may have been lost). */
  clear(): void {
    this.epoch += 1;
    this.entries.clear();
  }
}
