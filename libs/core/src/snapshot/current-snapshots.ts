/** Snapshots at the database's current revision (read-your-writes for the admin API). */
import { DomainError, errors } from '../errors/domain-error';
import type { AccountSnapshot } from './account-snapshot';
import type { AuthorizationDataSource } from './authorization-data.port';
import type { SnapshotCache } from './snapshot-cache';

/** How long an admin call waits for the snapshot of the revision it just read (not the hot path). */
const ADMIN_WAIT_MS = 2000;

/**
 * Reads the current revisions (one cheap query), then asks the cache for at least those
 * revisions. Used by admin self-authorization, never by the authorize hot path.
 */
export class CurrentSnapshots {
  constructor(
    private readonly cache: SnapshotCache,
    private readonly source: AuthorizationDataSource,
  ) {}

  /** The accounts' snapshots at (at least) their current revisions; null for a missing account. Throws INTERNAL when unavailable. */
  async get(accountIds: readonly string[]): Promise<Map<string, AccountSnapshot | null>> {
    const ids = [...new Set(accountIds)];
    let revisions: Map<string, bigint>;
    try {
      revisions = await this.source.revisions(ids);
    } catch (err) {
      throw err instanceof DomainError ? err : errors.internal('Authorization data could not be read.');
    }
    const result = new Map<string, AccountSnapshot | null>();
    await Promise.all(
      ids.map(async (id) => {
        const revision = revisions.get(id);
        if (revision === undefined) {
          result.set(id, null);
          return;
        }
        this.cache.observeRevision(id, revision);
        const lookup = await this.cache.get(id, { atLeastRevision: revision, waitMs: ADMIN_WAIT_MS });
        if (lookup.status === 'unavailable') throw errors.internal(lookup.reason);
        result.set(id, lookup.status === 'ok' ? lookup.snapshot : null);
      }),
    );
    return result;
  }

  /** One account's snapshot at its current revision; null when the account does not exist. */
  async one(accountId: string): Promise<AccountSnapshot | null> {
    return (await this.get([accountId])).get(accountId) ?? null;
  }
}
