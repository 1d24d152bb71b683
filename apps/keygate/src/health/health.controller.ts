/** GET /health/live (the process serves) and GET /health/ready (database usable, schema current). */
import { type BeforeApplicationShutdown, Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DATABASE_PROBE, type DatabaseProbe } from './readiness.port';

const PING_TIMEOUT_MS = 1000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

@Controller('health')
export class HealthController implements BeforeApplicationShutdown {
  // INVARIANT: once every migration is applied it stays applied for the life of this process.
  private migrationsCurrent = false;
  private shuttingDown = false;

  constructor(@Inject(DATABASE_PROBE) private readonly database: DatabaseProbe) {}

  /** Readiness turns false first, so an orchestrator stops routing before the server closes. */
  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    if (this.shuttingDown) {
      await reply.code(503).send({ status: 'shutting_down', checks: {} });
      return;
    }
    const checks = { database: 'down', migrations: 'unknown' };
    try {
      await withTimeout(this.database.ping(), PING_TIMEOUT_MS);
      checks.database = 'up';
      if (!this.migrationsCurrent) {
        const pending = await withTimeout(this.database.pendingMigrations(), PING_TIMEOUT_MS);
        this.migrationsCurrent = pending.length === 0;
      }
      checks.migrations = this.migrationsCurrent ? 'applied' : 'pending';
    } catch (error) {
      reply.log.warn({ err: error }, 'readiness check failed');
    }
    const ready = checks.database === 'up' && checks.migrations === 'applied';
    await reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks });
  }
}
