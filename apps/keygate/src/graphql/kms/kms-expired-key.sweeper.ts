/** Runs PurgeExpiredKeysUseCase periodically (keys past their deletionDate are already invisible to reads). */
import { PurgeExpiredKeysUseCase } from '@keygate/core/use-cases/kms';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

/** Sweep period: a deleted key's rows linger at most this long after its deletionDate. */
export const KMS_SWEEP_INTERVAL_MS = 60_000;

@Injectable()
export class KmsExpiredKeySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('KmsExpiredKeySweeper');
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(private readonly purge: PurgeExpiredKeysUseCase) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), KMS_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One sweep; never throws (a failure is logged and retried at the next tick). */
  async sweep(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      return await this.purge.execute();
    } catch (err) {
      this.logger.warn({ err }, 'expired-key sweep failed (retrying next period)');
      return 0;
    } finally {
      this.running = false;
    }
  }
}
