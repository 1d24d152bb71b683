/**
 * Deletes keys whose deletionDate has passed. Reads already treat such keys as deleted (NOT_FOUND);
 * the sweep removes their rows (with aliases, grants and tags) in one audited Store.change per key,
 * which also bumps the account revision so snapshots drop the key.
 */
import { DomainError, errors } from '../../errors/domain-error';
import { keyArnOf } from './key-identifier';
import type { KmsDeps } from './kms-deps';

/** The sweep's actor in audit rows. */
export const KMS_SWEEPER_ARN = 'keygate:kms-deletion-sweeper';

const NOTHING_TO_PURGE = 'Nothing to purge.';

/** One sweep over every account. */
export class PurgeExpiredKeysUseCase {
  constructor(private readonly deps: Pick<KmsDeps, 'store' | 'now' | 'region'>) {}

  /** Purges up to `limit` expired keys; returns how many were deleted. */
  async execute(limit = 100): Promise<number> {
    const now = this.deps.now();
    const expired = await this.deps.store.read((repos) => repos.kms.keys.listExpired(now, limit));
    let deleted = 0;
    for (const { accountId, keyId } of expired) {
      const meta = { accountId, actorArn: KMS_SWEEPER_ARN, action: 'kms:DeleteKey', resource: keyArnOf(this.deps.region, accountId, keyId), details: { reason: 'pending window ended' } };
      try {
        await this.deps.store.change(meta, async (repos) => {
          // INVARIANT: only a key still past its deletionDate is deleted (a cancel, or another
          // replica's sweep, may have won the race); otherwise the change rolls back: no audit row.
          if ((await repos.kms.keys.get(accountId, keyId, now)) !== null || !(await repos.kms.keys.delete(accountId, keyId))) {
            throw errors.notFound(NOTHING_TO_PURGE);
          }
        });
        deleted++;
      } catch (error) {
        if (!(error instanceof DomainError && error.message === NOTHING_TO_PURGE)) throw error;
      }
    }
    return deleted;
  }
}
