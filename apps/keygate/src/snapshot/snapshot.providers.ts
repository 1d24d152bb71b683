/**
 * Nest wiring of the account snapshots: the bulk loader, the SnapshotCache (poll + staleness),
 * a LISTEN connection that invalidates it, CurrentSnapshots for admin read-your-writes, and the
 * snapshot-backed IdentityPolicySource of every admin self-authorization.
 */
import { IDENTITY_POLICY_SOURCE } from '@keygate/core/authz';
import {
  AUTHORIZATION_DATA_SOURCE,
  type AuthorizationDataSource,
  CurrentSnapshots,
  SnapshotCache,
  SnapshotIdentityPolicySource,
  SnapshotKeyResolver,
} from '@keygate/core/snapshot';
import { PrismaAuthorizationDataSource, type PrismaClient } from '@keygate/persistence';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import type { KeygateConfig } from '../config';
import { ChangeFeed } from '../infrastructure/change-feed';

const logger = new Logger('Snapshots');

/** Poll period of account revisions (a lost NOTIFY is caught within it), at most a third of the staleness bound. */
export const SNAPSHOT_POLL_INTERVAL_MS = 5000;

function pollIntervalMs(stalenessMs: number): number {
  return Math.max(100, Math.min(SNAPSHOT_POLL_INTERVAL_MS, Math.floor(stalenessMs / 3)));
}

/** DI token of the settings the authorize path needs from the configuration. */
export const SNAPSHOT_SETTINGS = Symbol('SNAPSHOT_SETTINGS');

/** Settings of the authorize path. */
export interface SnapshotSettings {
  /** KEYGATE_DEFAULT_REGION. */
  region: string;
  stalenessMs: number;
}

/** Starts the revision poll and subscribes to change notifications with the app; stops on shutdown. */
@Injectable()
export class SnapshotLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly cache: SnapshotCache,
    private readonly feed: ChangeFeed,
  ) {}

  onApplicationBootstrap(): void {
    this.cache.start();
    this.unsubscribe = this.feed.subscribe({
      onChange: (accountId, revision) => this.cache.observeRevision(accountId, revision),
      // NOTIFY has no replay: after every (re)connect, resync by revision.
      onReconnect: () => void this.cache.poll(),
    });
  }

  onApplicationShutdown(): void {
    this.cache.stop();
    this.unsubscribe?.();
  }
}

/** Providers to add to the infrastructure module (they include IDENTITY_POLICY_SOURCE). */
export function snapshotProviders(options: { prismaToken: symbol; config: KeygateConfig }): Provider[] {
  return [
    { provide: SNAPSHOT_SETTINGS, useValue: { region: options.config.defaultRegion, stalenessMs: options.config.stalenessSeconds * 1000 } satisfies SnapshotSettings },
    {
      provide: AUTHORIZATION_DATA_SOURCE,
      useFactory: (prisma: PrismaClient) => new PrismaAuthorizationDataSource(prisma),
      inject: [options.prismaToken],
    },
    {
      provide: SnapshotCache,
      useFactory: (source: AuthorizationDataSource) =>
        new SnapshotCache({
          source,
          stalenessMs: options.config.stalenessSeconds * 1000,
          pollIntervalMs: pollIntervalMs(options.config.stalenessSeconds * 1000),
          maxBytes: options.config.snapshotCacheMegabytes * 1024 * 1024,
          onError: (err, accountId) => logger.warn({ err, accountId }, 'snapshot cache: a load or poll failed, a policy did not compile, or the memory budget is exceeded'),
        }),
      inject: [AUTHORIZATION_DATA_SOURCE],
    },
    {
      provide: CurrentSnapshots,
      useFactory: (cache: SnapshotCache, source: AuthorizationDataSource) => new CurrentSnapshots(cache, source),
      inject: [SnapshotCache, AUTHORIZATION_DATA_SOURCE],
    },
    SnapshotLifecycle,
    { provide: SnapshotKeyResolver, useFactory: (snapshots: CurrentSnapshots) => new SnapshotKeyResolver(snapshots), inject: [CurrentSnapshots] },
    {
      provide: IDENTITY_POLICY_SOURCE,
      useFactory: (snapshots: CurrentSnapshots) => new SnapshotIdentityPolicySource(snapshots),
      inject: [CurrentSnapshots],
    },
  ];
}

/** Tokens the infrastructure module exports for feature modules (IDENTITY_POLICY_SOURCE is exported already). */
export const SNAPSHOT_EXPORTS = [SNAPSHOT_SETTINGS, AUTHORIZATION_DATA_SOURCE, SnapshotCache, CurrentSnapshots, SnapshotKeyResolver];
