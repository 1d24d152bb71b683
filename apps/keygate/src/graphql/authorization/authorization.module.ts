import { SelfAuthorizer } from '@keygate/core/authz';
import { AUTHORIZATION_DATA_SOURCE, type AuthorizationDataSource, SnapshotCache } from '@keygate/core/snapshot';
import { AccountRevisionUseCase, AuthorizeUseCase, SimulateCustomPolicyUseCase } from '@keygate/core/use-cases/authorization';
import { DECISION_RECORDER, type DecisionRecorder } from '@keygate/core/use-cases/decision-log';
import { Module } from '@nestjs/common';
import { SNAPSHOT_SETTINGS, type SnapshotSettings } from '../../snapshot/snapshot.providers';
import { AuthorizationResolver } from './authorization.resolver';

/** The authorize path (snapshots + engine), the stateless simulator and accountRevision. */
@Module({
  providers: [
    AuthorizationResolver,
    {
      provide: AuthorizeUseCase,
      useFactory: (cache: SnapshotCache, settings: SnapshotSettings, recorder: DecisionRecorder) =>
        new AuthorizeUseCase({ cache, region: settings.region, now: Date.now, recorder }),
      inject: [SnapshotCache, SNAPSHOT_SETTINGS, DECISION_RECORDER],
    },
    {
      provide: SimulateCustomPolicyUseCase,
      useFactory: (authz: SelfAuthorizer, settings: SnapshotSettings) => new SimulateCustomPolicyUseCase({ authz, region: settings.region, now: Date.now }),
      inject: [SelfAuthorizer, SNAPSHOT_SETTINGS],
    },
    {
      provide: AccountRevisionUseCase,
      useFactory: (source: AuthorizationDataSource) => new AccountRevisionUseCase(source),
      inject: [AUTHORIZATION_DATA_SOURCE],
    },
  ],
})
export class AuthorizationModule {}
