/**
 * Composition root: the only place ports are bound to adapters (ARCHITECTURE rule 1).
 * Features add a module under graphql/<feature>/ (resolvers + use-case factories) and list it in
 * FEATURE_MODULES; new ports get their adapter binding in InfrastructureModule below.
 */
import { STORE, type Store } from '@keygate/core';
import { Authenticator, USER_LOOKUP, type UserLookup } from '@keygate/core/auth';
import { StoreUserLookup } from '@keygate/core/use-cases/iam';
import {
  IDENTITY_POLICY_SOURCE,
  type IdentityPolicySource,
  SelfAuthorizer,
} from '@keygate/core/authz';
import { DECISION_LOG_READER, DECISION_RECORDER, DecisionLogCursorCodec } from '@keygate/core/use-cases/decision-log';
import { ChangeListener, createDecisionLogInserter, createPrismaClient, DecisionLogWriter, migrationStatus, PrismaDecisionLogReader, PrismaStore } from '@keygate/persistence';
import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { AuthenticationGuard } from './auth/authentication.guard';
import { CallerThrottle } from './auth/caller-throttle';
import type { KeygateConfig } from './config';
import { AccountsModule } from './graphql/accounts/accounts.module';
import { AuthorizationModule } from './graphql/authorization/authorization.module';
import { DecisionLogModule } from './graphql/decision-log/decision-log.module';
import { DomainErrorFilter } from './graphql/domain-error.filter';
import { mercuriusErrorFormatter } from './graphql/errors';
import { IamModule } from './graphql/iam/iam.module';
import { KmsModule } from './graphql/kms/kms.module';
import { KMS_REGION } from './graphql/kms/kms.tokens';
import { validationRules } from './graphql/validation-rules';
import { ValidationModule } from './graphql/validation/validation.module';
import { HealthController } from './health/health.controller';
import { DATABASE_PROBE, type DatabaseProbe } from './health/readiness.port';
import { ChangeFeed } from './infrastructure/change-feed';
import { SNAPSHOT_EXPORTS, snapshotProviders } from './snapshot/snapshot.providers';

/** Everything the process resolved before Nest starts: config, operator token, database URL. */
export interface KeygateRuntime {
  config: KeygateConfig;
  operatorToken: string;
  databaseUrl: string;
}

/** DI tokens of the infrastructure. */
export const KEYGATE_CONFIG = Symbol('KEYGATE_CONFIG');
export const PRISMA = Symbol('PRISMA');

type PrismaClientLike = ReturnType<typeof createPrismaClient>;
const storeLogger = new Logger('Store');

/** The GraphQL feature modules. */
const FEATURE_MODULES = [AccountsModule, IamModule, KmsModule, AuthorizationModule, ValidationModule, DecisionLogModule];

const CHANGE_LISTENER = Symbol('CHANGE_LISTENER');
const decisionLogLogger = new Logger('DecisionLog');
/** Longest wait for the decision-log flush at shutdown. */
const DECISION_LOG_SHUTDOWN_MS = 2000;
const feedLogger = new Logger('ChangeFeed');

class DatabaseShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClientLike,
    @Inject(CHANGE_LISTENER) private readonly listener: ChangeListener,
    @Inject(DECISION_RECORDER) private readonly decisionLog: DecisionLogWriter,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    // INVARIANT: buffered decisions are written (bounded wait) before the pool closes.
    await this.decisionLog.close(DECISION_LOG_SHUTDOWN_MS);
    await this.listener.close();
    await this.prisma.$disconnect();
  }
}

function startChangeListener(databaseUrl: string, feed: ChangeFeed): ChangeListener {
  const listener = new ChangeListener({
    databaseUrl,
    onChange: (accountId, revision) => feed.publishChange(accountId, revision),
    onConnect: () => feed.publishReconnect(),
    onError: (err) => feedLogger.warn({ err }, 'change listener error (retrying)'),
  });
  // Not awaited: the listener retries until the database answers; caches expire meanwhile.
  void listener.start();
  return listener;
}

function infrastructureModule(runtime: KeygateRuntime): DynamicModule {
  const providers = [
    { provide: KEYGATE_CONFIG, useValue: runtime.config },
    { provide: KMS_REGION, useValue: runtime.config.defaultRegion },
    { provide: PRISMA, useFactory: () => createPrismaClient(runtime.databaseUrl) },
    ChangeFeed,
    { provide: CHANGE_LISTENER, useFactory: (feed: ChangeFeed) => startChangeListener(runtime.databaseUrl, feed), inject: [ChangeFeed] },
    DatabaseShutdown,
    {
      provide: STORE,
      useFactory: (prisma: PrismaClientLike) =>
        new PrismaStore(prisma, { onInternalError: (err) => storeLogger.error({ err }, 'storage error mapped to INTERNAL') }),
      inject: [PRISMA],
    },
    {
      provide: DATABASE_PROBE,
      useFactory: (prisma: PrismaClientLike): DatabaseProbe => ({
        ping: async () => {
          await prisma.$queryRawUnsafe('SELECT 1');
        },
        pendingMigrations: async () => (await migrationStatus(runtime.databaseUrl)).pending,
      }),
      inject: [PRISMA],
    },
    {
      provide: DECISION_RECORDER,
      // Its own one-connection pool: log batches never wait for, or hold, a request connection.
      useFactory: () =>
        new DecisionLogWriter(createDecisionLogInserter(runtime.databaseUrl, { onPoolError: (err) => decisionLogLogger.warn({ err }, 'decision log connection error') }), {
          includeContextValues: runtime.config.decisionLogContextValues,
          strict: runtime.config.decisionLogStrict,
          log: { warn: (details, message) => decisionLogLogger.warn(details, message), error: (details, message) => decisionLogLogger.error(details, message) },
        }),
    },
    { provide: DECISION_LOG_READER, useFactory: (prisma: PrismaClientLike) => new PrismaDecisionLogReader(prisma), inject: [PRISMA] },
    // Cursors verify on every replica: the MAC key derives from the deployment's operator token.
    { provide: DecisionLogCursorCodec, useValue: new DecisionLogCursorCodec(runtime.operatorToken) },
    // Access keys of IAM users authenticate as their user (IAM feature).
    { provide: USER_LOOKUP, useFactory: (store: Store): UserLookup => new StoreUserLookup(store), inject: [STORE] },
    // Admin self-authorization reads identity policies from the account snapshots (read-your-writes).
    ...snapshotProviders({ prismaToken: PRISMA, config: runtime.config }),
    {
      provide: Authenticator,
      useFactory: (store: Store, users: UserLookup, feed: ChangeFeed) => {
        const authenticator = new Authenticator({
          operatorToken: runtime.operatorToken,
          store,
          users,
          // INVARIANT: a revoked key stops working at the next notification, at worst after the staleness bound.
          cacheTtlMs: runtime.config.stalenessSeconds * 1000,
        });
        feed.subscribe({ onChange: (accountId) => authenticator.accountChanged(accountId), onReconnect: () => authenticator.forgetAll() });
        return authenticator;
      },
      inject: [STORE, USER_LOOKUP, ChangeFeed],
    },
    {
      provide: SelfAuthorizer,
      useFactory: (policies: IdentityPolicySource) =>
        new SelfAuthorizer({ policies, region: runtime.config.defaultRegion, now: () => Date.now() }),
      inject: [IDENTITY_POLICY_SOURCE],
    },
  ];
  return {
    module: InfrastructureModule,
    global: true,
    providers,
    exports: [KEYGATE_CONFIG, KMS_REGION, PRISMA, ChangeFeed, STORE, DATABASE_PROBE, USER_LOOKUP, IDENTITY_POLICY_SOURCE, Authenticator, SelfAuthorizer, ...SNAPSHOT_EXPORTS, DECISION_RECORDER, DECISION_LOG_READER, DecisionLogCursorCodec],
  };
}

@Global()
@Module({})
class InfrastructureModule {}

function graphqlModule(config: KeygateConfig): DynamicModule {
  return GraphQLModule.forRoot<MercuriusDriverConfig>({
    driver: MercuriusDriver,
    // Built in memory; bootstrap.ts writes schema.gql atomically (see graphql/schema-file.ts).
    autoSchemaFile: true,
    sortSchema: true,
    path: '/graphql',
    graphiql: config.graphiql,
    // Parsed and validated documents are cached by source text (keep operations stable, use variables).
    cache: 1024,
    // Operations are compiled with graphql-jit on first use (cached with the parsed document): the
    // authorize hot path skips graphql-js' generic execution, input coercion and result completion.
    jit: 1,
    validationRules: validationRules({ introspection: config.introspection }),
    csrfPrevention: true,
    allowBatchedQueries: false,
    context: (req: unknown, reply: unknown) => ({ req, reply }),
    errorFormatter: mercuriusErrorFormatter as MercuriusDriverConfig['errorFormatter'],
  });
}

/** The application module for one runtime. */
@Module({})
export class AppModule {
  static forRoot(runtime: KeygateRuntime): DynamicModule {
    return {
      module: AppModule,
      imports: [infrastructureModule(runtime), graphqlModule(runtime.config), ...FEATURE_MODULES],
      controllers: [HealthController],
      providers: [
        // Per-caller rate limits, in memory per replica (charged by AuthenticationGuard).
        { provide: CallerThrottle, useValue: new CallerThrottle(runtime.config) },
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
      ],
    };
  }
}
