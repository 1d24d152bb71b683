/** Key state changes: enableKey, disableKey, scheduleKeyDeletion, cancelKeyDeletion (semantics §4.2). */
import type { Caller } from '../../auth/caller';
import { errors } from '../../errors/domain-error';
import type { KeyChangeResult } from './create-key.use-case';
import { changeKey } from './key-change';
import type { KmsDeps } from './kms-deps';

/** Input of scheduleKeyDeletion. */
export interface ScheduleKeyDeletionInput {
  keyId: string;
  pendingWindowInDays?: number | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Validates the waiting period: 7 to 30 days, default 30. */
export function pendingWindow(days: number | null | undefined): number {
  const value = days ?? 30;
  if (!Number.isInteger(value) || value < 7 || value > 30) {
    throw errors.validation(`pendingWindowInDays must be an integer from 7 to 30 (got ${JSON.stringify(days)}).`);
  }
  return value;
}

/**
 * The key lifecycle. Deletion: a key past its deletionDate is deleted (every read treats it as
 * absent; PurgeExpiredKeysUseCase removes its rows).
 */
export class KeyLifecycleUseCase {
  constructor(private readonly deps: KmsDeps) {}

  async enableKey(caller: Caller, input: { keyId: string }): Promise<KeyChangeResult> {
    return this.setState(caller, 'kms:EnableKey', input.keyId, 'ENABLED');
  }

  async disableKey(caller: Caller, input: { keyId: string }): Promise<KeyChangeResult> {
    return this.setState(caller, 'kms:DisableKey', input.keyId, 'DISABLED');
  }

  async scheduleKeyDeletion(caller: Caller, input: ScheduleKeyDeletionInput): Promise<KeyChangeResult> {
    const days = pendingWindow(input.pendingWindowInDays);
    const { key, revision } = await changeKey(this.deps, caller, {
      action: 'kms:ScheduleKeyDeletion',
      keyId: input.keyId,
      context: [{ key: 'kms:ScheduleKeyDeletionPendingWindowInDays', values: [String(days)] }],
      details: { pendingWindowInDays: days },
      mutate: (repos, k) =>
        repos.kms.keys.update(k.accountId, k.keyId, { keyState: 'PENDING_DELETION', deletionDate: new Date(this.deps.now().getTime() + days * DAY_MS) }),
    });
    return { key, revision };
  }

  /** Cancels a scheduled deletion; the key is left DISABLED (DECISIONS 11). */
  async cancelKeyDeletion(caller: Caller, input: { keyId: string }): Promise<KeyChangeResult> {
    const { key, revision } = await changeKey(this.deps, caller, {
      action: 'kms:CancelKeyDeletion',
      keyId: input.keyId,
      mutate: (repos, k) => repos.kms.keys.update(k.accountId, k.keyId, { keyState: 'DISABLED', deletionDate: null }),
    });
    return { key, revision };
  }

  private async setState(caller: Caller, action: string, keyId: string, keyState: 'ENABLED' | 'DISABLED'): Promise<KeyChangeResult> {
    const { key, revision } = await changeKey(this.deps, caller, {
      action,
      keyId,
      mutate: (repos, k) => repos.kms.keys.update(k.accountId, k.keyId, { keyState }),
    });
    return { key, revision };
  }
}

